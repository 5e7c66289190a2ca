/**
 * End-to-end mutation benchmark: one realistic defect at a time is written
 * into the documents themselves — the text of the seeds, the text lines and
 * table cells of the corpus PDFs' layouts, the cells of the Shanghai fill-in
 * workbooks — and the mutated document is read, recognised and checked as a
 * user's file would be. A mutation is detected when the mutated document has
 * an error or warning (rule and message) that the unmutated one did not.
 *
 * Prints, per kind: documents offering a place for it, mutations made,
 * detected, rate; the totals; and the false errors on the unmutated
 * documents (corpus: errors not in test/corpus-check.test.ts's confirmed
 * list in test/helpers/corpus-confirmed.ts; seeds: their findings are the
 * reference). Exits 1 when a kind is
 * below 99%, listing the missed mutations (document, line, what changed,
 * whether the mutated document read as intended).
 *
 *   node bench/mutation.bench.ts
 *   GONGKAI_MUTATIONS_PER_KIND=2 GONGKAI_MUTATION_DOCS=10 node bench/mutation.bench.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import { decodeText } from "../src/ingest/text/decode.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { mergeHalves, pairHalves } from "../src/recognize/merge.ts";
import { prng } from "../test/helpers/consistent.ts";
import { CORPUS, corpusFiles } from "../test/helpers/corpus.ts";
import { CONFIRMED, TEMPLATE } from "../test/helpers/corpus-confirmed.ts";
import {
  type Change,
  cloneSource,
  layoutSource,
  MUTATIONS,
  type ReadDocument,
  readSource,
  type Source,
  textSource,
} from "../test/helpers/mutate-document.ts";
import { SHARED } from "../test/helpers/seeds.ts";
import { readWorkbook, WORKBOOK_MUTATIONS, type WorkbookDocument } from "./mutation-workbooks.ts";

/** Mutations per kind and document (sites drawn at random, without repeats). */
const PER_KIND = Number(process.env.GONGKAI_MUTATIONS_PER_KIND ?? 3);
/** At most this many documents (seeds first, then the corpus in path order). */
const MAX_DOCS = Number(process.env.GONGKAI_MUTATION_DOCS ?? Number.POSITIVE_INFINITY);
const VERBOSE = Boolean(process.env.GONGKAI_BENCH_VERBOSE);
const TARGET = 0.99;

const SEEDS = join(SHARED, "seeds");

/** The errors confirmed in each corpus document (test/helpers/corpus-confirmed.ts), as `rule@line` sets. */
const confirmed = new Map(
  Object.entries(CONFIRMED).map(([doc, errors]) => [doc, new Set(Object.keys(errors))]),
);

const significant = (fs: Finding[]) =>
  new Set(fs.filter((f) => f.severity !== "info").map((f) => `${f.rule}|${f.message}`));

interface Result {
  offering: Set<string>;
  made: number;
  detected: number;
  missed: { change: Change; doc: string; readAsIntended: boolean; note: string }[];
  /** Places not mutated because no reader could tell the change, with why. */
  leftOut: string[];
}
const results = new Map<string, Result>();
const resultOf = (kind: string): Result => {
  let r = results.get(kind);
  if (!r) {
    r = { offering: new Set(), made: 0, detected: 0, missed: [], leftOut: [] };
    results.set(kind, r);
  }
  return r;
};
for (const m of [...MUTATIONS, ...WORKBOOK_MUTATIONS]) resultOf(m.kind);

const rand = prng(20260611);
const started = performance.now();
let reads = 0;
let falseErrors = 0;
const falseLines: string[] = [];

/** Compares a mutated document's findings with the baseline; records the outcome. */
function record(
  kind: string,
  name: string,
  change: Change,
  baseline: Set<string>,
  mutated: Disclosure | Error,
) {
  const r = resultOf(kind);
  r.made++;
  if (mutated instanceof Error) {
    // The tool refuses the mutated file with an error of its own: reported.
    r.detected++;
    return;
  }
  const found = significant(checkDisclosure(mutated).findings);
  const fresh = [...found].filter((f) => !baseline.has(f));
  if (fresh.length > 0) {
    r.detected++;
    return;
  }
  const readAsIntended = change.expect(mutated);
  r.missed.push({ change, doc: name, readAsIntended, note: "" });
  if (VERBOSE) console.log(`未检出：${kind} ${change.what}`);
}

/** Draws up to PER_KIND of the sites, without repeats. */
function draw<T>(xs: T[]): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < PER_KIND && pool.length > 0)
    out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0] as T);
  return out;
}

// ─── Documents read once ─────────────────────────────────────────────────

const seedFiles = readdirSync(SEEDS)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => join(SEEDS, f));
const pdfFiles = corpusFiles().filter((f) => extname(f).toLowerCase() === ".pdf");
const workbookFiles = corpusFiles().filter((f) => extname(f).toLowerCase() === ".xlsx");

interface Loaded {
  name: string;
  source: Source;
  disclosure: Disclosure;
  baseline: Set<string>;
}
const loaded: Loaded[] = [];
for (const file of [...seedFiles, ...pdfFiles].slice(0, MAX_DOCS)) {
  const isSeed = file.startsWith(SEEDS);
  const name = isSeed ? `种子 ${relative(SEEDS, file)}` : relative(CORPUS, file);
  const bytes = readFileSync(file);
  let source: Source;
  if (isSeed) {
    const { text, encoding } = decodeText(bytes);
    source = textSource(text, encoding);
  } else source = layoutSource(await ingestBytes(bytes));
  const disclosure = readSource(source, name);
  const report = checkDisclosure(disclosure);
  reads++;
  loaded.push({ name, source, disclosure, baseline: significant(report.findings) });
  if (!isSeed) {
    const key = relative(CORPUS, file);
    const known = confirmed.get(key) ?? new Set();
    for (const f of report.findings) {
      if (f.severity !== "error") continue;
      const at = `${f.rule}@${f.locations[0]?.line}`;
      if (known.has(at) || (key === TEMPLATE && f.rule === "template/placeholder")) continue;
      falseErrors++;
      falseLines.push(`${key}：${at} ${f.message}`);
    }
  }
}
const ingested = performance.now();

// The two halves of a disclosure published as two files (Jiangsu) are
// checked as one, as a batch pairs them: a mutated half is merged with its
// unmutated partner, and the baseline is the pair's.
const partner = new Map<Loaded, Loaded>();
for (const [t, n] of pairHalves(loaded.map((d, index) => ({ index, doc: d.disclosure })))) {
  const [a, b] = [loaded[t], loaded[n]] as [Loaded, Loaded];
  partner.set(a, b).set(b, a);
}
for (const [doc, other] of partner) {
  const merged = mergeHalves(doc.disclosure, other.disclosure);
  doc.baseline = significant(checkDisclosure(merged).findings);
}
const reread = (doc: Loaded, src: Source): Disclosure => {
  const d = readSource(src, doc.name);
  const other = partner.get(doc);
  return other ? mergeHalves(d, other.disclosure) : d;
};

const entities = [...new Set(loaded.map((d) => d.disclosure.entity.name).filter(Boolean))];

for (const doc of loaded) {
  const read: ReadDocument = {
    name: doc.name,
    source: doc.source,
    disclosure: doc.disclosure,
    otherEntities: entities.filter((e) => e !== doc.disclosure.entity.name),
  };
  for (const m of MUTATIONS) {
    resultOf(m.kind).leftOut.push(...(m.leftOut?.(read) ?? []));
    const sites = m.sites(read);
    if (sites.length === 0) continue;
    resultOf(m.kind).offering.add(doc.name);
    for (const site of draw(sites)) {
      const copy = cloneSource(doc.source);
      const change = site.apply(copy, rand);
      if (!change) continue;
      let mutated: Disclosure | Error;
      try {
        mutated = reread(doc, copy);
      } catch (e) {
        mutated = e instanceof Error ? e : new Error(String(e));
      }
      reads++;
      record(m.kind, doc.name, change, doc.baseline, mutated);
    }
  }
}

// ─── Workbooks: cells changed with exceljs, read through the pipeline ────

for (const file of workbookFiles) {
  const name = relative(CORPUS, file);
  const wb: WorkbookDocument = await readWorkbook(file, name);
  reads++;
  const baseline = significant(checkDisclosure(wb.disclosure).findings);
  for (const m of WORKBOOK_MUTATIONS) {
    const sites = await m.sites(wb);
    if (sites.length === 0) continue;
    resultOf(m.kind).offering.add(name);
    for (const site of draw(sites)) {
      const made = await site.apply(rand);
      if (!made) continue;
      reads++;
      record(m.kind, name, made.change, baseline, made.disclosure);
    }
  }
}

// ─── Report ──────────────────────────────────────────────────────────────

const seconds = (performance.now() - started) / 1000;
const pad = (s: string | number, n: number) => String(s).padStart(n);
const width = Math.max(...[...results.keys()].map((k) => k.length)) + 2;
console.log(
  `变异检测（端到端：在文档本身中变异，再读取、识别、检查；${loaded.length + workbookFiles.length} 份文档，每类每份至多 ${PER_KIND} 处）`,
);
console.log(`  ${"类别".padEnd(width, "　")} 文档  变异  检出   检出率`);
let made = 0;
let detected = 0;
const below: string[] = [];
for (const [kind, r] of results) {
  made += r.made;
  detected += r.detected;
  const rate = r.made ? r.detected / r.made : undefined;
  if (rate !== undefined && rate < TARGET) below.push(kind);
  console.log(
    `  ${kind.padEnd(width, "　")} ${pad(r.offering.size, 4)} ${pad(r.made, 5)} ${pad(r.detected, 5)} ${rate === undefined ? "      —" : `${pad((100 * rate).toFixed(1), 6)}%`}${rate !== undefined && rate < TARGET ? "  ✗" : ""}`,
  );
}
console.log(
  `  ${"合计".padEnd(width, "　")} ${pad(loaded.length + workbookFiles.length, 4)} ${pad(made, 5)} ${pad(detected, 5)} ${pad(((100 * detected) / Math.max(made, 1)).toFixed(1), 6)}%`,
);
console.log(
  `未变异文档上的误报（不在 test/helpers/corpus-confirmed.ts 确认清单中的错误）：${falseErrors}（目标 0）`,
);
for (const l of falseLines) console.log(`  ${l}`);
console.log(
  `用时 ${seconds.toFixed(1)} 秒（读取语料 ${((ingested - started) / 1000).toFixed(1)} 秒），识别并检查 ${reads} 次`,
);

const leftOut = [...results].filter(([, r]) => r.leftOut.length > 0);
if (leftOut.length > 0) {
  console.log("\n不作变异的位置（改动后的文档与正确的文档无从区分）：");
  for (const [kind, r] of leftOut) {
    console.log(`【${kind}】${r.leftOut.length} 处`);
    for (const l of r.leftOut) console.log(`  ${l}`);
  }
}
if (below.length > 0) {
  console.log(`\n低于 ${TARGET * 100}% 的类别（${below.length}）及未检出的变异：`);
  for (const kind of below) {
    const r = resultOf(kind);
    console.log(`【${kind}】${r.detected}/${r.made}`);
    for (const m of r.missed)
      console.log(
        `  ${m.change.what}${m.readAsIntended ? "（读取如预期，检查未报）" : "（变异后未读作预期：识别）"}`,
      );
  }
  process.exitCode = 1;
}
if (falseErrors > 0) process.exitCode = 1;
