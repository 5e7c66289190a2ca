/**
 * The fill-in template: written for a kind and year, filled with a golden
 * seed's extracted figures, read back with every golden fact intact; wrong
 * cells come back as Chinese messages naming sheet and cell.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { entriesFor, history, lookup } from "../src/catalog/index.ts";
import { checkDisclosure } from "../src/check/engine.ts";
import { extractFile } from "../src/cli/extract.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import { findSoffice, sofficeConvert } from "../src/ingest/office/soffice.ts";
import { GongkaiError } from "../src/model/errors.ts";
import { toFacts } from "../src/model/facts.ts";
import { parseAmount } from "../src/model/money.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { renderDocument } from "../src/render/index.ts";
import type { RenderInput } from "../src/render/input.ts";
import {
  fillTemplate,
  isTemplate,
  readTemplate,
  runTemplate,
  TemplateError,
  templateTables,
  writeTemplate,
} from "../src/template/index.ts";
import { type Golden, goldenSeeds, missingGoldenFacts } from "./helpers/make-documents.ts";
import { SHARED } from "./helpers/seeds.ts";

const seeds = goldenSeeds();
const extracted = new Map<string, Promise<Disclosure>>();
function disclosureOf(golden: Golden): Promise<Disclosure> {
  let p = extracted.get(golden.document);
  if (!p) {
    p = extractFile(join(SHARED, golden.document));
    extracted.set(golden.document, p);
  }
  return p;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  assert.ok(ws, `工作表“${name}”`);
  return ws;
}

function sheetOf(kind: "budget" | "final", id: string): string {
  const t = templateTables(kind, 2023).find((x) => x.id === id);
  assert.ok(t, id);
  return t.sheet;
}

async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function problemsOf(bytes: Uint8Array): Promise<string[]> {
  try {
    await readTemplate(bytes);
  } catch (e) {
    assert.ok(e instanceof TemplateError, `TemplateError expected, got ${e}`);
    assert.ok(e instanceof GongkaiError);
    return e.problems.map((p) => `${p.sheet}!${p.cell ?? ""}：${p.message}`);
  }
  return [];
}

describe("template sheets", () => {
  it("budget 2025: entity, every standard table, prior, texts, hidden catalog with the year's codes", async () => {
    const wb = await load(await writeTemplate({ kind: "budget", year: 2025 }));
    const names = wb.worksheets.map((w) => w.name);
    for (const s of ["填表说明", "单位信息", "上年数", "其他数据", "文字说明", "科目目录"])
      assert.ok(names.includes(s), s);
    for (const t of templateTables("budget", 2025)) assert.ok(names.includes(t.sheet), t.sheet);
    const catalog = wb.getWorksheet("科目目录");
    assert.equal(catalog?.state, "hidden");
    const listed = new Set<string>();
    catalog?.getColumn(1).eachCell((c, r) => {
      if (r > 1) listed.add(String(c.value).split(" ")[0] ?? "");
    });
    assert.equal(listed.size, entriesFor(2025, "func").length);
    assert.ok(listed.has("2101550"));
    // The code column of a classification table offers that list.
    const gpb = sheet(wb, "一般公共预算支出表");
    const v = gpb.getCell("A8").dataValidation;
    assert.equal(v?.type, "list");
    assert.match(String(v?.formulae[0]), /科目目录'!\$A\$2:\$A\$\d+/);
    // Official header: 基本支出 merged over 小计 / 人员经费 / 公用经费.
    assert.equal(gpb.getCell("D3").value, "基本支出");
    assert.equal(gpb.getCell("D3").master.address, "D3");
    assert.equal(gpb.getCell("E3").master.address, "D3");
    assert.deepEqual(
      ["D4", "E4", "F4"].map((a) => gpb.getCell(a).value),
      ["小计", "人员经费", "公用经费"],
    );
    assert.equal(gpb.getCell("C5").numFmt, "#,##0.00");
  });

  it("final 2023: a sheet per 公开 table; the summary lists every 功能分类 类 of 2023", async () => {
    const wb = await load(await writeTemplate({ kind: "final", year: 2023 }));
    const names = wb.worksheets.map((w) => w.name);
    for (const t of templateTables("final", 2023)) assert.ok(names.includes(t.sheet), t.sheet);
    const summary = sheet(wb, sheetOf("final", "summary"));
    assert.match(String(summary.getCell("A1").value), /^公开01表/);
    const labels: string[] = [];
    summary?.getColumn(1).eachCell((c) => {
      labels.push(String(c.value));
    });
    for (const e of entriesFor(2023, "func", 1)) assert.ok(labels.includes(e.name), e.name);
    assert.ok(labels.includes("年初结转和结余"));
    assert.equal(sheet(wb, "单位信息").getCell("B8").value, "决算");
  });

  it("opens in LibreOffice (converted to PDF)", async () => {
    if (!findSoffice()) assert.fail("LibreOffice 未安装（apt-get install libreoffice-calc）");
    const pdf = await sofficeConvert(
      await writeTemplate({ kind: "budget", year: 2025 }),
      "xlsx",
      "pdf",
      "LibreOffice 未安装",
    );
    assert.equal(new TextDecoder("latin1").decode(pdf.subarray(0, 5)), "%PDF-");
  });

  it("is told from a published workbook", async () => {
    assert.ok(isTemplate(await writeTemplate({ kind: "final", year: 2023 })));
    const published = new ExcelJS.Workbook();
    published.addWorksheet("单位信息").getCell("A1").value = "单位名称";
    assert.ok(!isTemplate(await save(published)));
    assert.ok(!isTemplate(new TextEncoder().encode("PK not a zip")));
  });

  it("rejects a year out of range in Chinese", async () => {
    await assert.rejects(writeTemplate({ kind: "budget", year: 20255 }), /年度“20255”无效/);
  });
});

describe("fill from a golden seed, read back", () => {
  it("has golden seeds", () => assert.ok(seeds.length >= 3));
  for (const { prefix, golden } of seeds) {
    it(`${prefix}: every golden fact`, async () => {
      const d = await disclosureOf(golden);
      const { bytes, skipped } = await fillTemplate({ disclosure: d });
      const input = await readTemplate(bytes);
      assert.equal(input.disclosure.kind, d.kind);
      assert.equal(input.disclosure.year, d.year);
      assert.deepEqual(input.disclosure.entity, d.entity);
      // Every seed, 001 (Xi'an) included: its 收入总表 by 单位编码 and its 专项业务经费
      // in one 金额 column have their place (a “单位 编码” row, an added 金额 column).
      assert.deepEqual(missingGoldenFacts(golden, toFacts(input.disclosure)), []);
      for (const s of skipped) assert.doesNotMatch(s, /收入总表|项目支出表/);
    });
  }

  it("prior-year figures, other figures, texts and reasons come back as entered", async () => {
    const golden = seeds.find((s) => s.prefix === "000")?.golden;
    assert.ok(golden);
    const d = await disclosureOf(golden);
    const input: RenderInput = {
      disclosure: d,
      prior: {
        year: 2024,
        unit: "万元",
        lines: { "income.total": 10123, "three_public.reception": 14, "gpb.total": 9000 },
        codes: { "2101550": 5012 },
      },
      figures: {
        unit: "万元",
        runningCost: 505,
        procurement: { total: 1000, goods: 600, services: 400 },
        assets: { total: 123456, vehicles: 2 },
        staff: { authorised: 12, actual: 11 },
      },
      texts: {
        duties: "负责全区医疗保障信息系统建设。",
        organisation: "内设综合股、信息股。",
        reasons: { "income.total": "人员调整。", "2101550": "事业运行经费减少。" },
        performance: "完成信息系统运维。",
      },
      options: { title: "曾都区医疗保障信息中心2025年部门预算公开" },
    };
    const back = await readTemplate((await fillTemplate(input)).bytes);
    assert.deepEqual(back.prior, input.prior);
    assert.deepEqual(back.figures, input.figures);
    assert.deepEqual(back.texts, input.texts);
    assert.deepEqual(back.options, input.options);
  });
});

it("final: 年初预算 and the reason of the difference come back as entered", async () => {
  const golden = seeds.find((s) => s.prefix === "003")?.golden;
  assert.ok(golden);
  const input: RenderInput = {
    disclosure: await disclosureOf(golden),
    prior: { year: 2022, unit: "万元", lines: { "gpb.total": 50012 } },
    figures: {
      unit: "万元",
      initialBudget: {
        lines: { "gpb.total": 52000, "three_public.total": 300 },
        codes: { "2101501": 37000 },
      },
    },
    texts: { reasons: { "gpb.final_vs_budget": "追加医保信息化经费。" } },
  };
  const back = await readTemplate((await fillTemplate(input)).bytes);
  assert.deepEqual(back.figures, input.figures);
  assert.deepEqual(back.prior, input.prior);
  assert.deepEqual(back.texts, input.texts);
});

it("a template saved by LibreOffice, with a formula in a 合计, reads back", async () => {
  if (!findSoffice()) assert.fail("LibreOffice 未安装（apt-get install libreoffice-calc）");
  const golden = seeds.find((s) => s.prefix === "003")?.golden;
  assert.ok(golden);
  const wb = await load((await fillTemplate({ disclosure: await disclosureOf(golden) })).bytes);
  // 合计 of the 一般公共预算 table as the sum of its 类 rows, computed by LibreOffice.
  const ws = sheet(wb, "一般公共预算财政拨款支出决算表");
  const classes: string[] = [];
  ws.eachRow((row, n) => {
    if (/^\d{3}$/.test(String(row.getCell(1).value))) classes.push(`C${n}`);
  });
  assert.ok(classes.length >= 2);
  ws.getCell("C5").value = { formula: classes.join("+") } as ExcelJS.CellFormulaValue;
  const saved = await sofficeConvert(await save(wb), "xlsx", "xlsx", "LibreOffice 未安装");
  assert.ok(isTemplate(saved));
  const input = await readTemplate(saved);
  assert.deepEqual(missingGoldenFacts(golden, toFacts(input.disclosure)), []);
});

describe("gongkai template --from", () => {
  const golden000 = () => {
    const g = seeds.find((s) => s.prefix === "000")?.golden;
    assert.ok(g);
    return g;
  };
  /** The preparer enters this year's figures (one is enough for the template to be read). */
  const withSummaryFigure = async (bytes: Uint8Array, kind: "budget" | "final") => {
    const wb = await load(bytes);
    sheet(wb, sheetOf(kind, "summary")).getCell("B6").value = 1;
    return save(wb);
  };
  const fact = (g: Golden, table: string, key: string, column: string) => {
    const f = g.facts.find((x) => x.table === table && x.key === key && x.column === column);
    assert.ok(f, `${table} ${key} ${column}`);
    return parseAmount(f.value);
  };

  it("last year's budget → next year's template with its figures as 上年数", async () => {
    const g = golden000();
    const { bytes } = await runTemplate({ from: join(SHARED, g.document), year: g.year + 1 });
    const input = await readTemplate(await withSummaryFigure(bytes, "budget"));
    assert.equal(input.disclosure.year, g.year + 1);
    assert.ok(
      input.disclosure.tables.every((t) => t.empty || t.id === "summary"),
      "this year's tables are blank (but the one figure entered)",
    );
    const lines = input.prior?.lines ?? {};
    assert.equal(lines["income.total"], fact(g, "summary", "income.total", "amount"));
    assert.equal(
      lines["expenditure.grand_total"],
      fact(g, "summary", "expenditure.grand_total", "amount"),
    );
    assert.equal(lines["gpb.total"], fact(g, "gpb_function", "total", "total"));
    assert.equal(lines.personnel, fact(g, "gpb_function", "total", "personnel"));
    assert.equal(
      lines["three_public.reception"],
      fact(g, "three_public", "three_public.reception", "budget"),
    );
    assert.equal(input.prior?.codes?.["2101550"], fact(g, "gpb_function", "2101550", "total"));
  });

  it("a budget → the same year's final template with its 年初预算", async () => {
    const g = golden000();
    const { bytes } = await runTemplate({ from: join(SHARED, g.document), kind: "final" });
    const input = await readTemplate(await withSummaryFigure(bytes, "final"));
    assert.equal(input.disclosure.kind, "final");
    const budget = input.figures?.initialBudget;
    assert.equal(budget?.lines["gpb.total"], fact(g, "gpb_function", "total", "total"));
    assert.equal(budget?.codes?.["210"], fact(g, "gpb_function", "210", "total"));
  });

  it("another kind or year: a Chinese error that says what can be made", async () => {
    const g = golden000();
    await assert.rejects(
      runTemplate({ from: join(SHARED, g.document), year: g.year + 3 }),
      (e: unknown) => e instanceof GongkaiError && /不能生成 2028 年预算模板/.test(e.message),
    );
    await assert.rejects(
      runTemplate({}),
      (e: unknown) => e instanceof GongkaiError && /--kind/.test(e.message),
    );
  });
});

describe("template → document", () => {
  /** Errors by rule and message without the table's name (its number may be printed with it). */
  const errors = (d: Disclosure) =>
    checkDisclosure(d)
      .findings.filter((f) => f.severity === "error")
      .map((f) => `${f.rule} ${f.message.replace(/^\S+\s/, "")}`);

  for (const prefix of ["000", "003"])
    it(`${prefix}: a filled template renders XLSX and DOCX that read back every golden fact`, async () => {
      const golden = seeds.find((s) => s.prefix === prefix)?.golden;
      assert.ok(golden);
      const source = await disclosureOf(golden);
      const input = await readTemplate((await fillTemplate({ disclosure: source })).bytes);
      const before = new Set(errors(source));
      for (const format of ["xlsx", "docx"] as const) {
        const back = recognize(await ingestBytes(await renderDocument(input, format)));
        assert.deepEqual(missingGoldenFacts(golden, toFacts(back)), [], format);
        assert.deepEqual(
          errors(back).filter((e) => !before.has(e)),
          [],
          `${format}: no error the source did not have`,
        );
      }
    });
});

describe("wrong cells are named", () => {
  async function filled003(): Promise<ExcelJS.Workbook> {
    const golden = seeds.find((s) => s.prefix === "003")?.golden;
    assert.ok(golden);
    return load((await fillTemplate({ disclosure: await disclosureOf(golden) })).bytes);
  }

  it("non-numbers, extra decimals, unknown and repeated codes, missing fields, cells that do not apply", async () => {
    const wb = await filled003();
    const gpb = sheet(wb, "一般公共预算财政拨款支出决算表");
    // Row 7 is the second code row (row 5 合计, row 6 the first code).
    gpb.getCell("C7").value = "12,3a";
    gpb.getCell("D7").value = 1.005;
    const gone = entriesFor(2017, "func", 3).find((e) => !lookup(e.code, 2023, "func"));
    assert.ok(gone, "the catalog has a code that no longer exists in 2023");
    gpb.getCell("A8").value = gone.code;
    const firstCode = String(gpb.getCell("A6").value);
    gpb.getCell("A9").value = firstCode;
    gpb.getCell("A10").value = "30101";
    const econ = sheet(wb, "项目支出决算表");
    econ.getCell("A20").value = "";
    econ.getCell("C20").value = 5;
    const entity = sheet(wb, "单位信息");
    entity.getCell("B3").value = "";
    const fiscal = sheet(wb, sheetOf("final", "fiscal_summary"));
    // 一般公共预算财政拨款 (an income line) has no 一般公共预算 expenditure column.
    fiscal.getCell("D6").value = 3;
    const three = sheet(wb, "三公经费决算表");
    three.getCell("C6").value = { formula: "C7+C8" } as ExcelJS.CellFormulaValue;
    const problems = await problemsOf(await save(wb));
    const want = [
      "一般公共预算财政拨款支出决算表!C7：金额“12,3a”不是数字",
      "一般公共预算财政拨款支出决算表!D7：金额 1.005 超过两位小数",
      `一般公共预算财政拨款支出决算表!A8：科目编码 ${gone.code} 在 2023 年不存在`,
      `一般公共预算财政拨款支出决算表!A9：科目编码 ${firstCode} 重复（已在第 6 行）`,
      "一般公共预算财政拨款支出决算表!A10：科目编码 30101 在 2023 年不存在（这是部门预算支出经济分类科目，本表应填支出功能分类科目）",
      "项目支出决算表!A20：科目编码为必填项",
      "单位信息!B3：“单位名称”为必填项",
      `${fiscal.name}!D6：本行没有“一般公共预算财政拨款”栏，此格应留空`,
      "三公经费决算表!C6：公式没有计算结果，请在 Excel 中重新计算并保存，或直接填写数字",
    ];
    for (const w of want) assert.ok(problems.includes(w), `${w}\n得到：\n${problems.join("\n")}`);
    assert.equal(problems.length, want.length, problems.join("\n"));
  });

  it("one error lists every problem in its message", async () => {
    const wb = await filled003();
    const gpb = sheet(wb, "一般公共预算财政拨款支出决算表");
    gpb.getCell("C6").value = "abc";
    gpb.getCell("C7").value = "x";
    await assert.rejects(readTemplate(await save(wb)), (e: unknown) => {
      assert.ok(e instanceof GongkaiError);
      assert.match(e.message, /^模板有 2 处错误：/);
      assert.match(e.message, /!C6：金额“abc”不是数字/);
      assert.match(e.message, /!C7：金额“x”不是数字/);
      return true;
    });
  });

  it("a blank template says what is required", async () => {
    const problems = await problemsOf(await writeTemplate({ kind: "budget", year: 2025 }));
    assert.deepEqual(problems, [
      "单位信息!B3：“单位名称”为必填项",
      "单位信息!B9：“金额单位”为必填项",
    ]);
  });

  it("a summary without any figure is rejected", async () => {
    const wb = await load(await writeTemplate({ kind: "budget", year: 2025 }));
    sheet(wb, "单位信息").getCell("B3").value = "某单位";
    sheet(wb, "单位信息").getCell("B9").value = "万元";
    assert.deepEqual(await problemsOf(await save(wb)), ["收支总表!：收支总表没有填写任何数字"]);
  });

  it("a project needs its name; a line label must be one of the table's", async () => {
    const wb = await load(await writeTemplate({ kind: "budget", year: 2025 }));
    sheet(wb, "单位信息").getCell("B3").value = "某单位";
    sheet(wb, "单位信息").getCell("B9").value = "元";
    const summary = sheet(wb, sheetOf("budget", "summary"));
    summary.getCell("B6").value = 100;
    summary.getCell("A70").value = "其他乱填的行";
    summary.getCell("B70").value = 1;
    const projects = sheet(wb, sheetOf("budget", "projects"));
    projects.getCell("A7").value = "P001";
    projects.getCell("C7").value = 5;
    assert.deepEqual(await problemsOf(await save(wb)), [
      `${summary.name}!A70：“其他乱填的行”不是本表的项目，请使用模板给出的行`,
      `${projects.name}!B7：项目名称为必填项`,
    ]);
  });

  it("a 类 line under another year's name (the year changed after a rename) is still that 类", async () => {
    const wb = await load(await writeTemplate({ kind: "budget", year: 2019 }));
    const entity = sheet(wb, "单位信息");
    entity.getCell("B3").value = "某单位";
    entity.getCell("B7").value = 2025;
    entity.getCell("B9").value = "万元";
    const summary = sheet(wb, sheetOf("budget", "summary"));
    // 210 was 医疗卫生与计划生育支出 until 2018 and 卫生健康支出 since: the old name still means 210.
    let row = 0;
    summary.eachRow((r, n) => {
      if (r.getCell(1).value === lookup("210", 2019, "func")?.name) row = n;
    });
    assert.ok(row > 0);
    summary.getCell(row, 1).value = history("210", "func")[0]?.name ?? "";
    summary.getCell(row, 2).value = 12.5;
    const input = await readTemplate(await save(wb));
    const line = input.disclosure.tables[0]?.rows.find((r) => r.key === "expenditure.function.210");
    assert.equal(line?.cells.amount?.amount, 1250);
  });

  it("not a spreadsheet, or a damaged one: a clear Chinese error", async () => {
    await assert.rejects(
      readTemplate(new TextEncoder().encode("单位名称,年度\n")),
      (e: unknown) => e instanceof GongkaiError && /应为 \.xlsx 文件/.test(e.message),
    );
    const bytes = await writeTemplate({ kind: "final", year: 2023 });
    await assert.rejects(
      readTemplate(bytes.subarray(0, 2000)),
      (e: unknown) => e instanceof GongkaiError && /无法读取模板/.test(e.message),
    );
  });
});
