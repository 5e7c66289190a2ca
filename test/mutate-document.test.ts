/**
 * The mutations of the end-to-end mutation benchmark (test/helpers/
 * mutate-document.ts) do what they say, on real documents: a seed read as
 * text and corpus PDFs read to their layout. Each changes the document
 * exactly where it says (the lines it names, nothing else), and the mutated
 * document, read and recognised again, shows the change (the cell holds the
 * new figure, the table is gone, the unit flipped …). Detection rates are
 * the benchmark's business, not this test's.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { ingestBytes } from "../src/ingest/index.ts";
import { decodeText } from "../src/ingest/text/decode.ts";
import { prng } from "./helpers/consistent.ts";
import {
  CELL_KINDS,
  type Change,
  CLAIM_KINDS,
  cloneSource,
  layoutSource,
  linesOf,
  MUTATIONS,
  type Mutation,
  type ReadDocument,
  readSource,
  receptionPart,
  type Source,
  STRUCTURAL_KINDS,
  textSource,
} from "./helpers/mutate-document.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";

const PDFS = [
  "shanghai-putuo/上海市普陀区财政局2024年度部门决算.pdf",
  "jiangsu/江苏省人民检察院/2017年省检察院部门预算.pdf",
  "shanghai-putuo-budgets/上海市普陀区商务委员会2025年部门预算.pdf",
];

const docs: ReadDocument[] = [];

before(async () => {
  const sources: [string, Source][] = [];
  for (const seed of ["002", "003", "004"]) {
    const { text, encoding } = decodeText(readFileSync(seedPath(seed)));
    sources.push([`seed ${seed}`, textSource(text, encoding)]);
  }
  for (const pdf of PDFS)
    sources.push([pdf, layoutSource(await ingestBytes(readFileSync(join(SHARED, "corpus", pdf))))]);
  const read = sources.map(([name, source]) => ({ name, source, disclosure: readSource(source) }));
  for (const d of read)
    docs.push({
      ...d,
      otherEntities: read
        .map((x) => x.disclosure.entity.name)
        .filter((n) => n !== d.disclosure.entity.name),
    });
});

/** Indexes (0-based) of the lines that differ between two texts of equal length. */
function changedLines(a: string[], b: string[]): number[] {
  assert.equal(a.length, b.length, "an edit in place keeps the number of lines");
  return a.flatMap((l, i) => (l === b[i] ? [] : [i]));
}

/** The first site of a kind, in the first document that offers one, applied to a copy. */
function firstApplied(m: Mutation, nth = 0) {
  for (const doc of docs) {
    const sites = m.sites(doc);
    const site = sites[Math.min(nth, sites.length - 1)];
    if (!site) continue;
    const copy = cloneSource(doc.source);
    const change = site.apply(copy, prng(7)) as Change;
    assert.ok(change, `${m.kind}: the site in ${doc.name} applies`);
    return { doc, copy, change, before: linesOf(doc.source), after: linesOf(copy) };
  }
  return undefined;
}

const IN_PLACE = new Set(
  [...STRUCTURAL_KINDS.filter((m) => !/两次|缺失|移到/.test(m.kind)), ...CLAIM_KINDS].map(
    (m) => m.kind,
  ),
);

describe("mutations made in real documents", () => {
  it("every structural kind finds a place in these documents", () => {
    for (const m of STRUCTURAL_KINDS)
      assert.ok(
        docs.some((d) => m.sites(d).length > 0),
        `${m.kind}: no site in ${docs.map((d) => d.name).join(", ")}`,
      );
  });

  for (const m of MUTATIONS) {
    if (!IN_PLACE.has(m.kind) && !CELL_KINDS.includes(m.kind)) continue;
    it(`${m.kind}: changes exactly the line it names, and re-reads as changed`, (t) => {
      const made = firstApplied(m);
      if (!made) {
        t.skip("no document here offers this kind");
        return;
      }
      const { doc, copy, change, before, after } = made;
      const lines = changedLines(before, after).map((i) => i + 1);
      assert.deepEqual(
        lines,
        [...new Set(change.lines)].sort((a, b) => a - b),
        change.what,
      );
      assert.ok(
        change.expect(readSource(copy)),
        `${doc.name}: ${change.what} re-reads as intended`,
      );
    });
  }

  it("a row printed twice: its lines appear twice, one after the other, and the table holds it twice", () => {
    const m = STRUCTURAL_KINDS.find((x) => x.kind === "一行印了两次") as Mutation;
    const { copy, change, before, after } = firstApplied(m) ?? assert.fail("no site");
    const [first, last] = change.lines as [number, number];
    const range = before.slice(first - 1, last);
    assert.deepEqual(after, [...before.slice(0, last), ...range, ...before.slice(last)]);
    assert.ok(change.expect(readSource(copy)), change.what);
  });

  it("a table left out: its lines from title to last row are gone and it is read no more", () => {
    const m = STRUCTURAL_KINDS.find((x) => x.kind === "整张表缺失") as Mutation;
    const { copy, change, before, after } = firstApplied(m) ?? assert.fail("no site");
    const [first, last] = change.lines as [number, number];
    assert.ok(last > first);
    assert.deepEqual(after, [...before.slice(0, first - 1), ...before.slice(last)]);
    assert.ok(change.expect(readSource(copy)), change.what);
  });

  it("a 项 moved under another 款: the same lines in another order, the row read after its new neighbour", () => {
    const m = STRUCTURAL_KINDS.find((x) => x.kind === "项移到其他款下") as Mutation;
    const { copy, change, before, after } = firstApplied(m) ?? assert.fail("no site");
    assert.deepEqual([...after].sort(), [...before].sort());
    assert.notDeepEqual(after, before);
    const [from, target] = change.lines as [number, number];
    assert.equal(
      after.indexOf(before[from - 1] as string),
      after.indexOf(before[target - 1] as string) + 1,
    );
    assert.ok(change.expect(readSource(copy)), change.what);
  });

  it("国内/国外接待 in a 三公 table: one figure of that line changed, nothing else", () => {
    const { change, before, after } = firstApplied(receptionPart) ?? assert.fail("no site");
    const [line] = change.lines as [number];
    assert.deepEqual(
      changedLines(before, after).map((i) => i + 1),
      [line],
    );
    assert.match(before[line - 1] as string, /接待/);
    const [was, now] = change.what.split("：").at(-1)?.split(" → ") ?? [];
    assert.ok(was && now && was !== now);
    assert.ok((after[line - 1] as string).includes(now), change.what);
  });

  it("a digit change never touches the last digit of a 万元 figure, so it is no 尾差", () => {
    for (const kind of CELL_KINDS) {
      const m = MUTATIONS.find((x) => x.kind === kind) as Mutation;
      for (const doc of docs) {
        for (const site of m.sites(doc).slice(0, 3)) {
          const copy = cloneSource(doc.source);
          const change = site.apply(copy, prng(11));
          if (!change) continue;
          const [was, now] = change.what.split("：").at(-1)?.split(" → ") ?? [];
          assert.ok(was && now && was !== now, change.what);
          const unitOf = doc.disclosure.tables.find((t) =>
            change.what.includes(`《${t.title}》`),
          )?.unit;
          if (unitOf === "万元") assert.equal(was.at(-1), now.at(-1), change.what);
        }
      }
    }
  });
});
