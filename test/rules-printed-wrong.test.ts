/**
 * What a table prints wrong is the document's error, not a reading gap: a
 * 合计 printed as 0 over figures, or one 科目 row printed twice, are reported
 * — they no longer make the table "untrusted" and silently skipped. And a
 * table the checker does not trust is named in the report with why.
 * The documents are real seeds with one line changed.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { uncheckedTables } from "../src/check/trust.ts";
import { ingestText } from "../src/ingest/index.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractFile } from "../src/pipeline.ts";
import { recognize } from "../src/recognize/index.ts";
import { mergeHalves } from "../src/recognize/merge.ts";
import { CORPUS } from "./helpers/corpus.ts";
import { seedPath } from "./helpers/seeds.ts";

/** A corpus document, read as a user's file. */
const corpusDoc = (path: string) => extractFile(join(CORPUS, path));

const SEED = seedPath("001");
const lines = readFileSync(SEED, "utf8").split("\n");

function read(text: string[]): Disclosure {
  return recognize(ingestText(new TextEncoder().encode(text.join("\n"))), { file: SEED });
}

const original = read(lines);
const errors = (d: Disclosure) => checkDisclosure(d).findings.filter((f) => f.severity === "error");
const baseline = new Set(errors(original).map((f) => `${f.rule}|${f.message}`));
const added = (d: Disclosure) => errors(d).filter((f) => !baseline.has(`${f.rule}|${f.message}`));

/** The first 项 row with money in the 一般公共预算支出表, and its source line. */
function leafRow() {
  const t = original.tables.find((x) => x.id === "gpb_function" && !x.empty);
  assert.ok(t, "seed 001 has its 一般公共预算支出表");
  const row = t.rows.find((r) => r.key.length === 7 && (r.cells.total?.amount ?? 0) > 0);
  assert.ok(row?.source.line, "a 项 row with its line");
  return { table: t, row, line: row.source.line };
}

describe("a table's own errors are reported", () => {
  it("a 项 row printed twice is arith/row-printed-twice, naming both lines", () => {
    const { row, line } = leafRow();
    const text = [...lines];
    text.splice(line, 0, text[line - 1] ?? "");
    const found = added(read(text));
    const twice = found.filter((f) => f.rule === "arith/row-printed-twice");
    assert.equal(twice.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(twice[0]?.message ?? "", new RegExp(row.key));
  });

  it("a 合计 printed as 0 is reported by the sums", () => {
    const t = original.tables.find((x) => x.id === "gpb_function" && !x.empty);
    const total = t?.rows.find((r) => r.key === "total");
    const cell = total?.cells.total;
    assert.ok(cell?.text && cell.source.line, "the 合计 row's 合计 cell");
    const text = [...lines];
    const at = cell.source.line - 1;
    text[at] = (text[at] ?? "").replace(cell.text, "0.00");
    assert.notEqual(text[at], lines[at]);
    const d = read(text);
    const found = added(d);
    assert.ok(found.length > 0, "the zero 合计 is an error");
    assert.ok(found.every((f) => f.locations.some((l) => l.line === cell.source.line)));
    assert.deepEqual(
      checkDisclosure(d).unchecked.filter((u) => u.table === "gpb_function"),
      [],
      "the table stays checked",
    );
  });

  it("the published seed has no table it leaves unchecked, and the report lists one that is", () => {
    assert.deepEqual(checkDisclosure(original).unchecked, []);
    // Blank the 合计 of a 项 row: a shifted column in reading, not the document's word.
    const { row, line } = leafRow();
    const cell = row.cells.total;
    assert.ok(cell?.text);
    const text = [...lines];
    text[line - 1] = (text[line - 1] ?? "").replace(cell.text, "");
    const report = checkDisclosure(read(text));
    assert.ok(
      report.unchecked.some((u) => /合计为空|未带编码|识别时/u.test(u.reason)),
      JSON.stringify(report.unchecked),
    );
  });
});

describe("xtab/performance-funds", () => {
  it("seed 001's seven 绩效目标表 agree with its 项目支出表", () => {
    const found = checkDisclosure(original).findings.filter(
      (f) => f.rule === "xtab/performance-funds",
    );
    assert.deepEqual(found, []);
    assert.ok(original.tables.filter((t) => t.id === "performance").length >= 7);
  });

  it("a project's funds changed in its 绩效目标表 (19.8 → 29.8 万元) are reported against the 项目支出表", () => {
    const at = lines.findIndex((l) => /实施期资金总额/u.test(l) && /\|\s*19\.8\s*\|/u.test(l));
    assert.ok(at >= 0, "the form of 2024年春节期间区级领导走访慰问高层次人才工作");
    const text = [...lines];
    text[at] = (text[at] ?? "").replace("19.8", "29.8");
    const found = checkDisclosure(read(text)).findings.filter(
      (f) => f.rule === "xtab/performance-funds",
    );
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /29\.80 万元.*198000\.00 元/u);
    // 实施期 funds span the project's years: a warning, not an error.
    assert.equal(found[0]?.severity, "warning");
  });
});

describe("xtab/unit-label", () => {
  it("a table labelled 元 whose figures are the 万元 figures of the others is reported (seed 003)", () => {
    const file = seedPath("003");
    const text = readFileSync(file, "utf8").split("\n");
    const read3 = (t: string[]) =>
      recognize(ingestText(new TextEncoder().encode(t.join("\n"))), { file });
    const rule = (d: Disclosure) =>
      checkDisclosure(d).findings.filter((f) => f.rule === "xtab/unit-label");
    assert.deepEqual(rule(read3(text)), []);
    const title = text.findIndex((l) => /^财政拨款收入支出决算表\s*$/u.test(l.trim()));
    assert.ok(title >= 0);
    const label = text.findIndex((l, i) => i > title && /单位：万元/u.test(l));
    assert.ok(label > title && label - title < 8, "the table's own unit label");
    text[label] = (text[label] ?? "").replace("单位：万元", "单位：元");
    const found = rule(read3(text));
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /财政拨款收入支出决算表标注的单位为“元”/u);
  });
});

describe("xtab/unit-label with small figures", () => {
  it("the second 三公 table of seed 003 labelled 元, its figures (3.00, 2.00, 1.00) the first's line by line, is reported", () => {
    const file = seedPath("003");
    const text = readFileSync(file, "utf8").split("\n");
    const read3 = (t: string[]) =>
      recognize(ingestText(new TextEncoder().encode(t.join("\n"))), { file });
    const rule = (d: Disclosure) =>
      checkDisclosure(d).findings.filter((f) => f.rule === "xtab/unit-label");
    const title = text.findIndex((l) =>
      /^一般公共预算财政拨款“三公”经费情况表\s*$/u.test(l.trim()),
    );
    const label = text.findIndex((l, i) => i > title && /单位：万元/u.test(l));
    assert.ok(title >= 0 && label > title && label - title < 8, "the table's own unit label");
    const changed = [...text];
    changed[label] = (changed[label] ?? "").replace("单位：万元", "单位：元");
    const found = rule(read3(changed));
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(
      found[0]?.message ?? "",
      /一般公共预算财政拨款“三公”经费情况表标注的单位为“元”，但其中 \d+ 个数字与财政拨款“三公”经费、行政参公单位机关运行经费情况表（单位“万元”）逐位相同/u,
    );
  });
});

describe("arith/procurement-parts and the line-style 收入预算总表", () => {
  it("a 政府采购表's 合计 printed as 0 and a 收入总计 off its lines are reported (江苏省人大办公厅 2017)", async () => {
    const d = await corpusDoc("jiangsu/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf");
    const rules = (doc: Disclosure) =>
      checkDisclosure(doc)
        .findings.filter((f) => f.severity === "error")
        .map((f) => f.rule);
    assert.ok(!rules(d).includes("arith/procurement-parts"));
    const procurement = d.tables.find((t) => t.id === "procurement");
    const total = procurement?.rows.find((r) => r.key === "total")?.cells.total;
    assert.ok(total?.amount, "the 政府采购表 has its 合计");
    total.amount = 0;
    const income = d.tables.find((t) => t.id === "income");
    const grand = income?.rows.find((r) => r.key === "income.grand_total")?.cells.amount;
    assert.ok(grand?.amount, "the 收入预算总表 has its 收入总计");
    grand.amount += 100;
    const found = rules(d);
    assert.ok(found.includes("arith/procurement-parts"), found.join(","));
    assert.ok(found.includes("arith/summary-income-total"), found.join(","));
  });
});

describe("code/out-of-order", () => {
  it("a 项 listed under another 款 in a table of 7-digit codes is reported (江苏省人大办公厅 2017 财政拨款支出预算表)", async () => {
    const d = await corpusDoc("jiangsu/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf");
    const rule = (doc: Disclosure) =>
      checkDisclosure(doc).findings.filter((f) => f.rule === "code/out-of-order");
    assert.deepEqual(rule(d), []);
    const table = d.tables.find((t) => t.id === "fiscal_function");
    assert.ok(table, "the 财政拨款支出预算表");
    const at = table.rows.findIndex((r) => r.key === "2210201");
    const first = table.rows.findIndex((r) => /^201\d{4}$/u.test(r.key));
    assert.ok(at > first && first >= 0);
    const [moved] = table.rows.splice(at, 1);
    assert.ok(moved);
    table.rows.splice(first + 1, 0, moved);
    const found = rule(d);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /2210201/u);
  });
});

describe("公务接待费 and its sub-lines (national 决算 template)", () => {
  const file = seedPath("003");
  const text = readFileSync(file, "utf8").split("\n");
  const read3 = (t: string[]) =>
    recognize(ingestText(new TextEncoder().encode(t.join("\n"))), { file });

  it("国内接待费 and 国（境）外接待费 are read as rows of the 三公 table (seed 003)", () => {
    const tables = read3(text).tables.filter((t) => t.id === "three_public");
    assert.equal(tables.length, 2);
    for (const t of tables) {
      const domestic = t.rows.find((r) => r.key === "three_public.reception_domestic");
      assert.equal(domestic?.cells.final?.amount, 100, "国内接待费 决算数 1.00");
      assert.equal(domestic?.cells.budget?.amount, null, "预算数 printed “—”");
      assert.ok(t.rows.some((r) => r.key === "three_public.reception_foreign"));
    }
  });

  it("a 国内接待费 that does not add up to 公务接待费 is reported; “—” under 预算数 is not", () => {
    const rule = (d: Disclosure) =>
      checkDisclosure(d).findings.filter(
        (f) => f.rule === "arith/three-public" || /接待费之和/u.test(f.message),
      );
    assert.deepEqual(rule(read3(text)), []);
    const at = text.findIndex((l) => /国内接待费\t8\t—\t—\t1\.00/u.test(l));
    assert.ok(at >= 0, "the first table's 国内接待费 line");
    const changed = [...text];
    changed[at] = (changed[at] ?? "").replace(/1\.00$/u, "2.00");
    const found = rule(read3(changed));
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(
      found[0]?.message ?? "",
      /公务接待费 决算数 1\.00 万元，不等于国内接待费与国（境）外接待费之和 2\.00 万元/u,
    );
    assert.equal(found[0]?.locations[0]?.line, at);
  });
});

describe("a wrong unit label where the other tables do not repeat the figures (江苏省人大常委会办公厅 2019)", () => {
  const tables = "jiangsu/江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf";
  const narrative = "jiangsu/江苏省人大办公厅/江苏省人大常委会2019年度部门预算公开.pdf";

  it("a 收入预算总表 printing one figure on every line, labelled 元, is xtab/unit-label", async () => {
    const d = await corpusDoc(tables);
    const rule = (doc: Disclosure) =>
      checkDisclosure(doc).findings.filter((f) => f.rule === "xtab/unit-label");
    assert.deepEqual(rule(d), []);
    const income = d.tables.find((t) => t.id === "income");
    assert.ok(income && income.unit === "万元");
    const figures = new Set(
      income.rows
        .flatMap((r) => Object.values(r.cells).map((c) => c.amount ?? 0))
        .filter((a) => a > 0),
    );
    assert.equal(figures.size, 1, "the table prints one figure (18330.37) on every line");
    income.unit = "元";
    const found = rule(d);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /收入预算总表标注的单位为“元”/u);
  });

  it("the 说明's 政府采购预算总额 is compared with the 政府采购预算表's 合计, in its unit", async () => {
    const t = await corpusDoc(tables);
    const n = await corpusDoc(narrative);
    const procurementFindings = (doc: Disclosure) =>
      checkDisclosure(doc).findings.filter(
        (f) => f.severity !== "info" && /政府采购支出预算总额/u.test(f.message),
      );
    assert.deepEqual(procurementFindings(mergeHalves(t, n)), []);
    const procurement = t.tables.find((x) => x.id === "procurement");
    const total = procurement?.rows.find((r) => r.key === "total")?.cells.total;
    assert.equal(total?.amount, 241643, "the table's 合计 2416.43");
    assert.ok(procurement && total);
    procurement.unit = "元";
    const slip = procurementFindings(mergeHalves(t, n));
    assert.equal(slip.length, 1, JSON.stringify(slip.map((f) => f.message)));
    assert.equal(slip[0]?.rule, "text/money-unit");
    assert.match(
      slip[0]?.message ?? "",
      /2019年政府采购预算表标注的单位“元”与其他表格的“万元”不同/u,
    );
    total.amount = 241600;
    procurement.unit = "万元";
    const differs = procurementFindings(mergeHalves(t, n));
    assert.equal(differs[0]?.rule, "text/amount-matches-table", JSON.stringify(differs));
  });
});

describe("the two-sided 财政拨款收入支出决算总表 (上海市普陀区财政局 2024 决算)", () => {
  it("is checked: an income line's 金额 beside a blank spending side is not a shifted 合计", async () => {
    const d = await corpusDoc("shanghai-putuo/上海市普陀区财政局2024年度部门决算.pdf");
    assert.deepEqual(
      uncheckedTables(d).filter((u) => u.table === "fiscal_summary"),
      [],
    );
    const errors = (doc: Disclosure) =>
      checkDisclosure(doc)
        .findings.filter(
          (f) => f.severity === "error" && f.locations[0]?.table === "fiscal_summary",
        )
        .map((f) => f.message);
    assert.deepEqual(errors(d), []);
    const table = d.tables.find((t) => t.id === "fiscal_summary");
    const cell = table?.rows.find((r) => r.key === "expenditure.function.201")?.cells.gpb;
    assert.equal(cell?.amount, 210666, "一般公共服务支出 2106.66");
    assert.ok(cell);
    cell.amount = 710666;
    assert.ok(errors(d).length > 0, "a wrong 一般公共预算 figure on the spending side is reported");
  });
});

describe("arith/total-printed-twice (西南大学 2023 决算, 表 4 prints its 合计 at the top and at the foot)", () => {
  it("the two 合计 rows agree in the document; one changed is reported, also when set to 0", async () => {
    const file = join(CORPUS, "southwest-university/西南大学2023年度部门决算.pdf");
    const rule = (doc: Disclosure) =>
      checkDisclosure(doc).findings.filter((f) => f.rule === "arith/total-printed-twice");
    const d = await extractFile(file);
    const table = d.tables.find((t) => t.id === "fiscal_function");
    const foot = table?.rows.find((r) => r.key === "total#2");
    assert.ok(foot?.cells.total, "the 合计 printed again at the foot");
    assert.deepEqual(rule(d), []);
    for (const [column, to] of [
      ["project", 3_800_000],
      ["total", 0],
    ] as const) {
      const doc = await extractFile(file);
      const again = doc.tables
        .find((t) => t.id === "fiscal_function")
        ?.rows.find((r) => r.key === "total#2")?.cells[column];
      assert.ok(again);
      again.amount = to;
      const found = rule(doc);
      assert.equal(found.length, 1, `${column}: ${JSON.stringify(found.map((f) => f.message))}`);
      assert.match(found[0]?.message ?? "", /合计行印了两次（第 \d+ 行与第 \d+ 行），金额不同/u);
    }
  });
});

describe("text/direction-matches-numbers: the change's word against the rate's word", () => {
  it("“增加29.15万元，下降2.34%” in one sentence is reported; the seed as printed and a rate in the reasons are not", () => {
    const file = seedPath("001");
    const text = readFileSync(file, "utf8").split("\n");
    const read1 = (t: string[]) =>
      recognize(ingestText(new TextEncoder().encode(t.join("\n"))), { file });
    const opposite = (d: Disclosure) =>
      checkDisclosure(d).findings.filter((f) => /方向自相矛盾/u.test(f.message));
    assert.deepEqual(opposite(read1(text)), []);
    const at = text.findIndex((l) => /^2024年，本单位当年一般公共预算拨款支出/u.test(l));
    assert.ok(at >= 0);
    const changed = [...text];
    changed[at] = (changed[at] ?? "").replace("增长2.34%", "下降2.34%");
    assert.notEqual(changed[at], text[at]);
    const found = opposite(read1(changed));
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /增减额写作“增加29\.15”，增减率却写作“下降2\.34%”/u);
    assert.equal(found[0]?.severity, "error");
  });
});

describe("a 收支总表 label wrapped over two lines with its figures beside the second (seed 002, 公开04表)", () => {
  const file = seedPath("002");
  const text = readFileSync(file, "utf8").split("\n");
  const read2 = (t: string[]) =>
    recognize(ingestText(new TextEncoder().encode(t.join("\n"))), { file });

  it("“年初财政拨款结转和 / 结余 … 4.73” is the 年初结转 line, and the fund lines under it itemise it", () => {
    const t = read2(text).tables.find((x) => x.id === "fiscal_summary");
    const amount = (key: string) => t?.rows.find((r) => r.key === key)?.cells.amount?.amount;
    assert.equal(amount("income.carryover"), 473);
    assert.equal(amount("income.carryover.gpb"), 473);
    assert.equal(amount("expenditure.carryover"), 0);
    assert.ok(
      !t?.rows.some((r) => r.key.startsWith("income.gpb#")),
      "not a second 一般公共预算 line",
    );
  });

  it("a fund's carry-over that does not add up to the 年初结转 line is reported", () => {
    const carry = read2(text)
      .tables.find((x) => x.id === "fiscal_summary")
      ?.rows.find((r) => r.key === "income.carryover.gpb")?.cells.amount;
    assert.ok(carry?.source.line);
    const changed = [...text];
    const at = carry.source.line - 1;
    changed[at] = (changed[at] ?? "").replace("4.73", "1.73");
    assert.notEqual(changed[at], text[at]);
    const found = checkDisclosure(read2(changed)).findings.filter(
      (f) => f.severity === "error" && f.rule === "arith/summary-grand-totals",
    );
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(
      found[0]?.message ?? "",
      /年初财政拨款结转和结余 4\.73 万元，不等于其下各项结转之和 1\.73 万元/u,
    );
  });
});

describe("国内公务接待 stated under 公务接待费 (上海市普陀区规划和自然资源局 2024 决算)", () => {
  it("is read as the 国内接待 part, and a part larger than the 公务接待费 it belongs to is reported", async () => {
    const d = await corpusDoc("shanghai-putuo/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf");
    const domestic = d.claims.find((c) => c.subject.key === "three_public.reception_domestic");
    assert.equal(domestic?.amount, 39, "国内公务接待支出 0.39 万");
    const sums = (doc: Disclosure) =>
      checkDisclosure(doc).findings.filter((f) => /公务接待费之和/u.test(f.message));
    assert.deepEqual(sums(d), []);
    assert.ok(domestic);
    domestic.amount = 639;
    const found = sums(d);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.equal(found[0]?.rule, "text/breakdown-sum");
    assert.equal(found[0]?.severity, "error");
  });
});

describe("arith/part-within-whole (西南大学 2023 决算: 其中 lines and 其中 columns)", () => {
  it("holds as printed; a 其中 line or column above its whole is reported", async () => {
    const file = join(CORPUS, "southwest-university/西南大学2023年度部门决算.pdf");
    const rule = (doc: Disclosure) =>
      checkDisclosure(doc).findings.filter((f) => f.rule === "arith/part-within-whole");
    const d = await extractFile(file);
    assert.deepEqual(rule(d), []);
    const summary = d.tables.find((t) => t.id === "summary");
    const gov = summary?.rows.find((r) => r.key === "income.fiscal.of_gov_fund")?.cells.amount;
    assert.equal(gov?.amount, 10950, "其中：政府性基金预算财政拨款 109.50");
    assert.ok(gov);
    gov.amount = 25_000_000;
    let found = rule(d);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /大于它所属的“一、财政拨款收入” 243015\.38 万元/u);
    gov.amount = 10950;
    const income = d.tables.find((t) => t.id === "income");
    const fees = income?.rows.find((r) => r.key === "total")?.cells.education_fees;
    assert.equal(fees?.amount, 7364819, "其中：教育收费 73648.19");
    assert.ok(fees);
    fees.amount = 14_000_000;
    found = rule(d);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /大于同行/u);
  });
});

describe("the procurement set aside for small firms is not the procurement total (上海市普陀区规划和自然资源局 2024 决算)", () => {
  it("“面向中小企业预留…预算金额” and “面向小微企业预留…” are read as those shares, never as 政府采购 total", async () => {
    const d = await corpusDoc("shanghai-putuo/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf");
    const keyOf = (label: RegExp) =>
      d.claims.filter((c) => label.test(c.subject.label)).map((c) => c.subject.key);
    assert.deepEqual([...new Set(keyOf(/面向中小企业预留/u))], ["procurement.sme"]);
    assert.deepEqual([...new Set(keyOf(/面向小微企业预留/u))], ["procurement.micro"]);
  });
});
