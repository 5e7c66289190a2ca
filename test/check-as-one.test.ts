/**
 * Disclosures published as two files (Jiangsu: the 说明 in one PDF, the 公开表
 * in another), on the five such pairs of ../shared/corpus/jiangsu:
 *
 * - `gongkai check A B --as-one` (the real CLI) and the library (extractAsOne)
 *   merge them into one disclosure: the tables of the tables file, the
 *   narrative of the narrative file, every place naming its file;
 * - the narrative's sentences are compared with the other file's tables: the
 *   收入预算总计 each narrative states (read in the PDFs) meets the 收支预算总表
 *   of the tables file and agrees, and a changed amount is reported with both
 *   places, each in its own file and page;
 * - checked alone, the narrative half says it is one half and reports no
 *   missing table as an error;
 * - a batch of files pairs exactly these five pairs on its own.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { CheckReportSchema } from "../src/check/report/schema.ts";
import { comparisons } from "../src/check/rules/text/amounts.ts";
import type { CheckReport, Finding } from "../src/check/types.ts";
import { checkFiles } from "../src/jobs/check-files.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractAsOne, extractFile } from "../src/pipeline.ts";
import { mergeHalves, pairHalves } from "../src/recognize/merge.ts";
import { SHARED } from "./helpers/seeds.ts";

const CORPUS = join(SHARED, "corpus");
const JIANGSU = join(CORPUS, "jiangsu");
const BIN = join(import.meta.dirname, "..", "bin", "gongkai.mjs");

interface Pair {
  narrative: string;
  tables: string;
  /** “（一）收入预算总计 … 万元” as the narrative prints it, and its page (read with pdftotext). */
  income: { printed: string; amount: number; page: number };
}

/** The five split disclosures of the corpus (corpus/README.md), with a sentence read in each. */
const PAIRS: Pair[] = [
  {
    narrative: "江苏省人大办公厅/江苏省人大常委会2019年度部门预算公开.pdf",
    tables: "江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    income: { printed: "（一）收入预算总计18330.37万元", amount: 1833037, page: 9 },
  },
  {
    narrative: "江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf",
    tables: "江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf",
    income: { printed: "（一）收入预算总计 20849.45 万元", amount: 2084945, page: 6 },
  },
  {
    narrative: "江苏省委办公厅/江苏省委办公厅2018年度部门预算公开文件.pdf",
    tables: "江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf",
    income: { printed: "（一）收入预算总计24458.43万元", amount: 2445843, page: 6 },
  },
  {
    narrative: "江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf",
    tables: "江苏省政协办公厅/2017年度部门预算公开表.pdf",
    income: { printed: "（一）收入预算总计 9,146.79万元", amount: 914679, page: 7 },
  },
  {
    narrative: "江苏省政协办公厅/江苏省政协办公厅2019年度部门预算.pdf",
    tables: "江苏省政协办公厅/江苏省政协办公厅2019年预算公开表.pdf",
    income: { printed: "（一）收入预算总计 13,377.11万元", amount: 1337711, page: 9 },
  },
];

/** Whole disclosures of the same folders: they pair with nothing. */
const WHOLE = [
  "江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf",
  "江苏省人民检察院/2017年省检察院部门预算.pdf",
  "江苏省人民检察院/2019年度部门预算公开.pdf",
  "江苏省高级人民法院/省法院2018年度部门预算公开.pdf",
];
const SHANGHAI = join(CORPUS, "shanghai-putuo", "上海市普陀区财政局2024年度部门决算.pdf");

const path = (f: string) => join(JIANGSU, f);

function gongkai(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The narrative's income-total sentence. */
function incomeClaim(doc: Disclosure, pair: Pair) {
  return doc.claims.find(
    (c) => c.subject.key === "income.total" && c.quote.startsWith(pair.income.printed),
  );
}

const errorKeys = (r: CheckReport, file?: string) =>
  r.findings
    .filter((f) => f.severity === "error")
    .map((f) => `${f.rule}@${f.locations[0]?.file ?? file}:${f.locations[0]?.line}`);

const alone = new Map<string, Disclosure>();
const merged = new Map<Pair, Disclosure>();

before(async () => {
  for (const p of PAIRS) {
    for (const f of [p.narrative, p.tables]) alone.set(f, await extractFile(path(f)));
    // The library's entry, given the files in the other order than the CLI below.
    merged.set(p, await extractAsOne(path(p.tables), path(p.narrative)));
  }
});

describe("a disclosure published as two files, checked as one", () => {
  it("each file is recognised as the half it is, from what it holds", () => {
    for (const p of PAIRS) {
      assert.equal(alone.get(p.narrative)?.report?.half, "narrative", p.narrative);
      assert.equal(alone.get(p.tables)?.report?.half, "tables", p.tables);
    }
  });

  for (const p of PAIRS) {
    it(`${p.narrative}: the merged disclosure has the tables of one file and the narrative of the other`, () => {
      const d = merged.get(p) as Disclosure;
      const t = alone.get(p.tables) as Disclosure;
      const n = alone.get(p.narrative) as Disclosure;
      assert.deepEqual(
        d.source.parts?.map((x) => [x.file, x.holds]),
        [
          [path(p.tables), "tables"],
          [path(p.narrative), "narrative"],
        ],
      );
      // Every standard table of the tables file, each cell pointing at that file.
      const ids = (x: Disclosure) => x.tables.filter((tb) => tb.id !== "other").map((tb) => tb.id);
      assert.ok(ids(t).length >= 8, `${p.tables}: ${ids(t).join(",")}`);
      assert.deepEqual(ids(d), ids(t));
      for (const tb of d.tables) {
        assert.equal(tb.source.file, path(p.tables));
        for (const row of tb.rows) {
          for (const cell of Object.values(row.cells))
            assert.equal(cell.source.file, path(p.tables));
        }
      }
      // The narrative of the narrative file, its lines and pages its own.
      assert.equal(d.claims.length, n.claims.length);
      assert.ok(d.claims.length > 30);
      assert.deepEqual(
        d.claims.map((c) => [c.quote, c.source.line, c.source.page, c.source.file]),
        n.claims.map((c) => [c.quote, c.source.line, c.source.page, path(p.narrative)]),
      );
      assert.deepEqual(
        d.sections.map((s) => s.heading),
        [...n.sections, ...t.sections].map((s) => s.heading),
      );
      // The narrative's 目录 now finds its tables (in the other file); nothing reads as missing.
      const listed = d.report?.directory ?? [];
      assert.ok(listed.length >= 12, `${listed.length}`);
      assert.ok(listed.every((e) => e.found && e.source.file !== undefined));
      assert.ok(!d.issues.some((i) => i.code === "table.not_read" || i.code === "tables.none"));
      assert.equal(d.report?.half, undefined);
      assert.equal(d.year, n.year);
      assert.equal(d.entity.name, n.entity.name);
    });

    it(`${p.narrative}: the narrative's 收入预算总计 is compared with the other file's 收支预算总表`, () => {
      const d = merged.get(p) as Disclosure;
      const claim = incomeClaim(d, p);
      assert.ok(claim, `no claim “${p.income.printed}”`);
      assert.equal(claim.amount, p.income.amount);
      assert.equal(claim.source.page, p.income.page);
      assert.equal(claim.source.file, path(p.narrative));

      // Alone, the narrative has no table to compare the sentence with.
      const own = incomeClaim(alone.get(p.narrative) as Disclosure, p);
      assert.ok(own);
      assert.deepEqual(
        comparisons(alone.get(p.narrative) as Disclosure).filter((c) => c.claim === own),
        [],
      );

      // As one, it meets the tables file's 收支预算总表 and agrees.
      const met = comparisons(d).filter((c) => c.claim === claim && c.field === "amount");
      assert.ok(met.length > 0);
      assert.ok(met.every((c) => c.result === "equal"));
      const summary = met.find((c) => c.ref.table.id === "summary");
      assert.ok(summary, "compared with the 收支预算总表");
      assert.equal(summary.ref.amount, p.income.amount);
      assert.equal(summary.ref.row.source.file, path(p.tables));
      const report = checkDisclosure(d);
      assert.ok(
        !report.findings.some(
          (f) => f.rule === "text/amount-matches-table" && f.locations[0]?.quote === claim.quote,
        ),
      );

      // A copy whose sentence says 100 万元 more is an error, citing both files' pages.
      const changed = structuredClone(d);
      const c2 = incomeClaim(changed, p);
      assert.ok(c2?.amount !== undefined);
      c2.amount += 10000;
      const found = checkDisclosure(changed).findings.filter(
        (f: Finding) =>
          f.rule === "text/amount-matches-table" && f.locations[0]?.quote === claim.quote,
      );
      assert.equal(found.length, 1, JSON.stringify(found));
      const [f] = found as [Finding];
      assert.equal(f.severity, "error");
      const [said, cell] = f.locations;
      assert.equal(said?.file, path(p.narrative));
      assert.equal(said?.page, p.income.page);
      assert.equal(cell?.file, path(p.tables));
      assert.equal(cell?.table, "summary");
      assert.equal(cell?.page, summary.ref.row.source.page);
    });

    it(`${p.narrative}: checked alone, the narrative half says so and blames no missing table`, () => {
      const report = checkDisclosure(alone.get(p.narrative) as Disclosure);
      assert.equal(report.recognition?.half, "narrative");
      const missing = report.findings.filter((f) => f.rule.startsWith("complete/required-tables"));
      assert.ok(missing.length > 0);
      assert.ok(missing.every((f) => f.severity !== "error"));
      assert.ok(missing.some((f) => f.message.includes("--as-one")));
      assert.ok(
        !report.findings.some(
          (f) => f.severity === "error" && /表格|表$|未见|缺少|未公开/.test(f.message),
        ),
        JSON.stringify(report.findings.filter((f) => f.severity === "error")),
      );
    });

    it(`${p.narrative}: merging finds no error that neither half has (or each is confirmed)`, () => {
      const d = merged.get(p) as Disclosure;
      const halves = new Set([
        ...errorKeys(checkDisclosure(alone.get(p.narrative) as Disclosure), path(p.narrative)),
        ...errorKeys(checkDisclosure(alone.get(p.tables) as Disclosure), path(p.tables)),
      ]);
      const report = checkDisclosure(d);
      assert.deepEqual(
        errorKeys(report).filter((k) => !halves.has(k)),
        [],
      );
      // Every place a finding points at with a line names the file that line is in.
      for (const f of report.findings) {
        for (const l of f.locations) {
          if (l.page !== undefined || (l.line !== undefined && l.line > 1) || l.quote) {
            assert.ok(
              l.file === path(p.narrative) || l.file === path(p.tables),
              `${f.rule}: ${JSON.stringify(l)}`,
            );
          }
        }
      }
    });
  }

  it("an empty table of one file is explained by the other: 省委办公厅 2017 “本部门无政府性基金预算”", () => {
    const p = PAIRS[1] as Pair;
    const noted = (d: Disclosure) =>
      checkDisclosure(d).findings.filter(
        (f) => f.rule === "complete/empty-table-note" && f.locations[0]?.table === "gov_fund",
      );
    // The tables file alone prints the empty 政府性基金 table without a word …
    assert.equal(noted(alone.get(p.tables) as Disclosure).length, 1);
    // … and the 说明 (p9, 七、政府性基金支出预算表情况说明) says why.
    const why = (merged.get(p) as Disclosure).sections.find((s) =>
      s.text.includes("本部门无政府性基金预算"),
    );
    assert.equal(why?.source.page, 9);
    assert.deepEqual(noted(merged.get(p) as Disclosure), []);
  });

  it("gongkai check A B --as-one (the CLI): one report naming both files, places in their files", () => {
    for (const p of PAIRS) {
      const r = gongkai(
        "check",
        path(p.narrative),
        path(p.tables),
        "--as-one",
        "-f",
        "json",
        "--fail-on",
        "none",
      );
      assert.equal(r.code, 0, r.err);
      const report = CheckReportSchema.parse(JSON.parse(r.out));
      assert.deepEqual(report.document.parts, [
        { file: path(p.narrative), holds: "narrative" },
        { file: path(p.tables), holds: "tables" },
      ]);
      assert.ok(report.recognition?.directory.every((e) => e.found));
      const lib = checkDisclosure(merged.get(p) as Disclosure);
      assert.deepEqual(
        report.findings.map((f) => f.rule).sort(),
        lib.findings.map((f) => f.rule).sort(),
      );
    }
    const pretty = gongkai(
      "check",
      path(PAIRS[4]?.narrative ?? ""),
      path(PAIRS[4]?.tables ?? ""),
      "--as-one",
    );
    assert.equal(pretty.code, 1, pretty.err); // the 政协 2019 说明's confirmed template errors
    assert.match(
      pretty.out,
      /合并为一份检查：说明 .*江苏省政协办公厅2019年度部门预算\.pdf；表格 /u,
    );
    assert.match(
      pretty.out,
      /位置：.*《江苏省政协办公厅2019年度部门预算\.pdf》 第[\d–]+行 第14页/u,
    );
  });

  it("--as-one needs two halves of one disclosure: other files are a Chinese error, exit 2", () => {
    const three = gongkai(
      "check",
      path(PAIRS[0]?.narrative ?? ""),
      path(PAIRS[0]?.tables ?? ""),
      SHANGHAI,
      "--as-one",
    );
    assert.equal(three.code, 2);
    assert.match(three.err, /--as-one 需要正好两个文件/u);
    const years = gongkai("check", path(WHOLE[0] ?? ""), path(PAIRS[0]?.tables ?? ""), "--as-one");
    assert.equal(years.code, 2);
    assert.match(years.err, /不能作为同一份公开合并检查.*2017 年预算.*2019 年预算/u);
  });

  it("a batch pairs exactly the five pairs on its own; whole documents and a Shanghai file stay alone", () => {
    const files = [...PAIRS.flatMap((p) => [p.tables, p.narrative]), ...WHOLE].map(path).sort();
    files.splice(3, 0, SHANGHAI);
    const r = gongkai("check", ...files, "-f", "json", "--fail-on", "none");
    assert.equal(r.code, 0, r.err);
    const reports = (JSON.parse(r.out) as unknown[]).map((x) => CheckReportSchema.parse(x));
    assert.equal(reports.length, files.length - PAIRS.length);
    const paired = reports.filter((x) => x.document.parts);
    assert.deepEqual(
      paired
        .map((x) => {
          const by = Object.fromEntries((x.document.parts ?? []).map((q) => [q.holds, q.file]));
          return `${by.narrative} + ${by.tables}`;
        })
        .sort(),
      PAIRS.map((p) => `${path(p.narrative)} + ${path(p.tables)}`).sort(),
    );
    const single = reports.filter((x) => !x.document.parts).map((x) => x.document.file);
    assert.deepEqual(single.sort(), [...WHOLE.map(path), SHANGHAI].sort());
    // Reports keep the files' order: a pair where its first file was.
    const firstOf = (x: (typeof reports)[number]) =>
      Math.min(
        ...(x.document.parts?.map((q) => files.indexOf(q.file)) ?? [
          files.indexOf(x.document.file ?? ""),
        ]),
      );
    const order = reports.map(firstOf);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
  });

  it("a half with two possible partners is paired with neither, rather than by guess", () => {
    const p = PAIRS[4] as Pair;
    const t = alone.get(p.tables) as Disclosure;
    const n = alone.get(p.narrative) as Disclosure;
    assert.deepEqual(
      pairHalves([
        { index: 0, doc: n },
        { index: 1, doc: t },
      ]),
      [[1, 0]],
    );
    assert.deepEqual(
      pairHalves([
        { index: 0, doc: t },
        { index: 1, doc: n },
        { index: 2, doc: structuredClone(t) },
      ]),
      [],
    );
    // Another year of the same discloser is no partner.
    const other = alone.get((PAIRS[3] as Pair).tables) as Disclosure;
    assert.deepEqual(
      pairHalves([
        { index: 0, doc: n },
        { index: 1, doc: other },
      ]),
      [],
    );
  });

  it("the library's batch, one file after the other, pairs the same way and checks the pair as --as-one does", async () => {
    const p = PAIRS[4] as Pair;
    const files = [path(p.tables), SHANGHAI, path(p.narrative)];
    const checks = await checkFiles(files, {}, { threads: 1 });
    assert.deepEqual(
      checks.map((c) => c.files),
      [[path(p.tables), path(p.narrative)], [SHANGHAI]],
    );
    const [pair] = checks;
    assert.ok(pair && "report" in pair);
    const asOne = checkDisclosure(
      mergeHalves(alone.get(p.tables) as Disclosure, alone.get(p.narrative) as Disclosure),
    );
    assert.deepEqual(pair.report, asOne);
    // Asked not to pair, every file is its own report.
    const unpaired = await checkFiles(files, {}, { threads: 1, pair: false });
    assert.equal(unpaired.length, 3);
  });
});
