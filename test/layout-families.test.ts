/**
 * Layout families: each seed rewritten the way other regions print the same
 * tables (test/helpers/layout-variants.ts) reads back with the same facts —
 * the golden file's where there is one, and every fact the untransformed
 * seed gives — and the checker raises no error finding the untransformed
 * seed does not raise. Recognition reads the family of layouts, not the
 * spellings of the seeds.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import { type FactsDocument, toFacts } from "../src/model/facts.ts";
import type { Disclosure, MoneyUnit } from "../src/model/schema.ts";
import { compact } from "../src/recognize/normalize.ts";
import { type Golden, goldenReport, loadGolden } from "./helpers/golden.ts";
import {
  type Applied,
  readSeed,
  readText,
  type Seed,
  VARIANTS,
} from "./helpers/layout-variants.ts";
import { GOLDEN_DIR, SEEDS_DIR, seedFiles } from "./helpers/seeds.ts";

/**
 * Variants known to fail on a seed (`000 <variant name>` → why): run as
 * todo, so they are reported and never counted as passing.
 */
const TODO: Record<string, string> = {};

/** A golden file as it reads when the tables print `unit`: every fact keeps its own unit. */
function inUnit(golden: Golden, unit: MoneyUnit): Golden {
  return {
    ...golden,
    currency_unit: unit,
    facts: golden.facts.map((f) => ({ ...f, unit: f.unit ?? golden.currency_unit })),
  };
}

/** The untransformed seed's reading as a golden file: every fact it gives, in its own unit. */
function asGolden(facts: FactsDocument): Golden {
  return {
    document: "",
    kind: facts.kind,
    year: facts.year,
    entity: facts.entity,
    parent: facts.parent,
    currency_unit: facts.currency_unit,
    facts: facts.facts.map((f) => ({ ...f, unit: f.unit ?? facts.currency_unit })),
  };
}

/** Error findings by rule, each with its messages. */
function errorsByRule(findings: readonly Finding[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    if (f.severity !== "error") continue;
    out.set(f.rule, [...(out.get(f.rule) ?? []), f.message]);
  }
  return out;
}

/**
 * Error findings of `after` beyond those of `before`, rule by rule, as
 * Chinese lines. Figures of 0.01 万元 reprinted in 元 keep their 尾差: the
 * checker takes a 元 table of whole hundreds for one rounded to 100 元.
 */
function newErrors(before: readonly Finding[], after: readonly Finding[]): string[] {
  const was = errorsByRule(before);
  const out: string[] = [];
  for (const [rule, messages] of errorsByRule(after)) {
    const had = was.get(rule) ?? [];
    if (messages.length > had.length)
      out.push(...messages.filter((m) => !had.includes(m)).map((m) => `${rule}: ${m}`));
  }
  return out;
}

interface SeedCase {
  seed: Seed;
  facts: FactsDocument;
  findings: Finding[];
  golden?: Golden;
}

/** The seeds, read once (synchronously: which variants apply decides which tests exist). */
const seeds = new Map<string, SeedCase>();
for (const file of seedFiles()) {
  const seed = readSeed(file, readFileSync(join(SEEDS_DIR, file), "utf8"));
  const goldenFile = join(GOLDEN_DIR, file.replace(/\.txt$/, ".json"));
  const c: SeedCase = {
    seed,
    facts: toFacts(seed.doc),
    findings: checkDisclosure(seed.doc).findings,
  };
  if (existsSync(goldenFile)) c.golden = loadGolden(goldenFile);
  seeds.set(file, c);
}

/** The tables a reading holds, in order: id, and whether it is empty and why. */
function tablesRead(d: Disclosure): string[] {
  return d.tables.map(
    (t) => `${t.id}${t.empty ? (t.emptyNote ? "（空表，有说明）" : "（空表）") : ""}`,
  );
}

/** What differs between the seed's reading and the variant's, as Chinese lines (empty: none). */
function differences(c: SeedCase, applied: Applied): string[] {
  const d = readText(applied.lines.join("\n"));
  const read = toFacts(d);
  // Each fact in its table's unit, so that a figure printed in 元 counts for the same one in 万元.
  const facts = {
    ...read,
    facts: read.facts.map((f) => ({ ...f, unit: f.unit ?? read.currency_unit })),
  };
  const unit = applied.currencyUnit ?? c.facts.currency_unit;
  const out: string[] = [];
  if (c.golden) {
    const want = goldenReport(c.golden, c.facts);
    const got = goldenReport(inUnit(c.golden, unit), facts);
    for (const m of got.missing) if (!want.missing.includes(m)) out.push(`金标准：${m}`);
    // Extra cells are compared as the seed's own reading below.
  }
  const was = tablesRead(c.seed.doc);
  const now = tablesRead(d);
  if (was.join() !== now.join())
    out.push(`表格：原文读出 ${was.join("、")}，改后读出 ${now.join("、")}`);
  if (applied.numbers)
    c.seed.doc.tables.forEach((t, i) => {
      const want = t.number && applied.numbers?.get(compact(t.number));
      const got = d.tables[i]?.number;
      if (want && (got === undefined || compact(got) !== want))
        out.push(`表号：${t.title} 应读出 ${want}，得到 ${got ?? "无"}`);
    });
  const seedGolden = { ...asGolden(c.facts), currency_unit: unit };
  const r = goldenReport(seedGolden, facts);
  out.push(...r.missing.map((m) => `与原文不同：${m}`), ...r.extra.map((m) => `与原文相比${m}`));
  out.push(...newErrors(c.findings, checkDisclosure(d).findings).map((m) => `新增错误：${m}`));
  return out;
}

describe("layout families: the same disclosure printed as other regions print it", () => {
  // A variant applies to a seed that prints what it rewrites (a 目录, table
  // numbers, a table in 万元 …); the pairs that do not apply get no test.
  it("every variant applies to at least one seed", () => {
    for (const v of VARIANTS)
      assert.ok(
        [...seeds.values()].some((c) => v.apply(c.seed) !== undefined),
        v.name,
      );
  });
  for (const v of VARIANTS) {
    for (const [file, c] of seeds) {
      const applied = v.apply(c.seed);
      if (!applied) continue;
      const id = `${file.slice(0, 3)} ${v.name}`;
      const todo = TODO[id];
      it(`家族${v.family} ${id}`, todo ? { todo } : {}, () => {
        const diffs = differences(c, applied);
        const shown =
          diffs.length > 12 ? [...diffs.slice(0, 12), `……共 ${diffs.length} 处`] : diffs;
        assert.deepEqual(shown, []);
      });
    }
  }
});

describe("the 目录 as the seeds print it", () => {
  it("002: a 目录 with dotted leaders and page numbers lists its nine tables, each found in the body", () => {
    const c = [...seeds.entries()].find(([f]) => f.startsWith("002"))?.[1];
    assert.ok(c);
    const listed = c.seed.doc.report?.directory ?? [];
    assert.deepEqual(
      listed.map((e) => e.id),
      [
        "summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "gpb_function",
        "gpb_basic_economic",
        "gov_fund",
        "state_capital",
        "three_public",
      ],
    );
    assert.ok(listed.every((e) => e.found));
  });
});
