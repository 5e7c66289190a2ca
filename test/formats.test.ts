/**
 * XLSX, DOCX, HTML (and, through LibreOffice, XLS, DOC and PDF) documents
 * made at test time from each golden seed: extraction from every format
 * recovers every golden fact of the seed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { ingestBytes } from "../src/ingest/index.ts";
import type { Layout, LayoutGrid } from "../src/ingest/layout.ts";
import { formatNumber } from "../src/ingest/office/numfmt.ts";
import { findSoffice, sofficeConvert } from "../src/ingest/office/soffice.ts";
import { toFacts } from "../src/model/facts.ts";
import { recognize } from "../src/recognize/index.ts";
import {
  type DocSpec,
  describeSeed,
  type Golden,
  goldenSeeds,
  makeDocx,
  makeHtml,
  makeXlsx,
  missingGoldenFacts,
} from "./helpers/make-documents.ts";

interface Made {
  golden: Golden;
  spec: DocSpec;
  xlsx: Uint8Array;
  docx: Uint8Array;
  html: Uint8Array;
}

const seeds = goldenSeeds();
const made = new Map<string, Promise<Made>>();

/** The documents of one seed, made once per run. */
function documents(prefix: string): Promise<Made> {
  let p = made.get(prefix);
  if (!p) {
    const golden = seeds.find((s) => s.prefix === prefix)?.golden;
    if (!golden) throw new Error(`no golden seed ${prefix}`);
    p = (async () => {
      const spec = await describeSeed(golden);
      return {
        golden,
        spec,
        xlsx: await makeXlsx(spec, { hiddenTraps: true }),
        docx: await makeDocx(spec),
        // One page in GB18030 declared as gb2312, as older government sites serve them.
        // One wrapped in a page-layout table around the article, as older sites do.
        html: makeHtml(spec, { gbk: prefix === "003", layoutTable: prefix === "000" }),
      };
    })();
    made.set(prefix, p);
  }
  return p;
}

function grids(layout: Layout): LayoutGrid[] {
  return layout.blocks.filter((b): b is LayoutGrid => b.kind === "grid");
}

function allText(layout: Layout): string {
  return layout.blocks
    .map((b) =>
      b.kind === "line"
        ? b.text
        : b.rows.map((r) => r.cells.map((c) => c.text).join("|")).join("\n"),
    )
    .join("\n");
}

async function extract(bytes: Uint8Array) {
  const layout = await ingestBytes(bytes);
  return { layout, facts: toFacts(recognize(layout)) };
}

describe("documents made from the golden seeds", () => {
  it("has golden seeds to make documents from", () => assert.ok(seeds.length >= 3));
  for (const { prefix, golden } of seeds) {
    for (const format of ["xlsx", "docx", "html"] as const) {
      it(`${prefix} ${format}: every golden fact (${golden.facts.length})`, async () => {
        const docs = await documents(prefix);
        const { layout, facts } = await extract(docs[format]);
        assert.equal(layout.format, format);
        assert.ok(grids(layout).length >= 5, "tables come out as grids");
        assert.deepEqual(missingGoldenFacts(golden, facts), []);
      });
    }
  }
});

describe("XLSX reading", () => {
  it("skips hidden sheets and rows, and says so", async () => {
    const { xlsx } = await documents("001");
    const layout = await ingestBytes(xlsx);
    assert.ok(layout.warnings.some((w) => /工作表“底稿”被隐藏/.test(w)));
    assert.ok(layout.warnings.some((w) => /1 行被隐藏/.test(w)));
    const text = allText(layout);
    assert.ok(!text.includes("88,888.88"), "hidden row figures are not read");
    assert.ok(!text.includes("99,999.99"), "hidden sheet figures are not read");
  });

  it("prints numbers as the sheet shows them and formulas by their cached result", async () => {
    const { xlsx } = await documents("001");
    const layout = await ingestBytes(xlsx);
    // 合计 of 表5 is a SUM formula; its cached value prints with the #,##0.00 format.
    const table5 = grids(layout).find((g) => g.rows.some((r) => r.cells[1]?.text === "合计"));
    const total = table5?.rows.find((r) => r.cells[1]?.text === "合计");
    assert.equal(total?.cells[2]?.text, "12,753,171.62");
    assert.ok(!allText(layout).includes("SUM("), "no formula text");
  });

  it("turns the merged title row into a line and keeps merged header cells", async () => {
    const { xlsx, spec } = await documents("000");
    const layout = await ingestBytes(xlsx);
    const titles = spec.items.filter((i) => i.kind === "table").map((t) => t.title);
    const lines = new Set(layout.blocks.filter((b) => b.kind === "line").map((b) => b.text));
    for (const t of titles) assert.ok(lines.has(t), `title “${t}” is a line`);
    const basic = grids(layout)
      .flatMap((g) => g.rows.flatMap((r) => r.cells))
      .find((c) => c.text === "基本支出" && (c.colSpan ?? 1) > 1);
    assert.ok(basic, "基本支出 spans its sub-columns");
    assert.equal(layout.pages, titles.length + 1, "one page per visible sheet");
  });
});

describe("XLSX sheets without a title row", () => {
  it("a sheet's name stands as the title of a table that has none; hidden columns are skipped", async () => {
    const wb = new ExcelJS.Workbook();
    const named = wb.addWorksheet("附表4-2 收入总表");
    named.getRow(1).values = ["科目编码", "科目名称", "合计", "备注"];
    named.getRow(2).values = ["208", "社会保障和就业支出", 11.33, "旧数"];
    named.getColumn(4).hidden = true;
    named.getCell("C2").numFmt = "#,##0.00";
    const generic = wb.addWorksheet("Sheet2");
    generic.getRow(1).values = ["科目编码", "科目名称", "合计"];
    generic.getRow(2).values = ["210", "卫生健康支出", 75.76];
    const layout = await ingestBytes(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    assert.deepEqual(
      layout.blocks.map((b) => (b.kind === "line" ? b.text : `grid@${b.page}`)),
      ["附表4-2 收入总表", "grid@1", "grid@2"],
    );
    const first = layout.blocks[1];
    assert.ok(first?.kind === "grid");
    assert.deepEqual(
      first.rows.map((r) => r.cells.map((c) => c.text)),
      [
        ["科目编码", "科目名称", "合计"],
        ["208", "社会保障和就业支出", "11.33"],
      ],
    );
    assert.ok(layout.warnings.some((w) => w.includes("1 列被隐藏")));
  });
});

describe("DOCX and HTML reading", () => {
  it("DOCX keeps merged cells (rowspan/colspan) and paragraphs in order", async () => {
    const { docx, spec } = await documents("000");
    const layout = await ingestBytes(docx);
    const cells = grids(layout).flatMap((g) => g.rows.flatMap((r) => r.cells));
    assert.ok(cells.some((c) => c.text === "科目编码" && c.rowSpan === 2));
    assert.ok(cells.some((c) => c.text === "收入" && c.colSpan === 2));
    const lines = layout.blocks.filter((b) => b.kind === "line").map((b) => b.text);
    assert.equal(lines[0], spec.title);
  });

  it("HTML page-layout table: its cells are text, the tables inside it are grids", async () => {
    const { html, spec } = await documents("000");
    const layout = await ingestBytes(html);
    const lines = layout.blocks.filter((b) => b.kind === "line").map((b) => b.text);
    assert.deepEqual(lines.slice(0, 5), [
      "首页 > 信息公开 > 预决算公开",
      "政府信息公开",
      "机构职能",
      "财政预决算",
      spec.title,
    ]);
    const tables = spec.items.filter((i) => i.kind === "table").length;
    assert.equal(grids(layout).length, tables, "one grid per table, none for the layout table");
  });

  it("HTML in GB18030 declared gb2312: decoded, scripts and hidden text skipped", async () => {
    const { html } = await documents("003");
    const layout = await ingestBytes(html);
    assert.equal(layout.encoding, "gb18030");
    const text = allText(layout);
    assert.ok(text.includes("曲靖市沾益区医疗保障局"));
    assert.ok(!text.includes("var 统计"), "script skipped");
    assert.ok(!text.includes("77,777.77"), "display:none skipped");
    assert.ok(!text.includes("border-collapse"), "style skipped");
  });
});

describe("number formats", () => {
  // Expected texts are what Excel displays for these formats.
  const cases: [number, string, string][] = [
    [1234.5, "#,##0.00", "1,234.50"],
    [12753171.62, "#,##0.00", "12,753,171.62"],
    [1.005, "0.00", "1.01"],
    [-1234.567, "#,##0.00", "-1,234.57"],
    [0, "#,##0.00", "0.00"],
    [94.04, "General", "94.04"],
    [0.1 + 0.2, "General", "0.3"],
    [-5, "#,##0.00;[Red]\\(#,##0.00\\)", "(5.00)"],
    [0, '#,##0.00;-#,##0.00;"-"', "-"],
    [0.256, "0.0%", "25.6%"],
    [1234567, "#,##0", "1,234,567"],
    [1234.5, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "1,234.50"],
    [0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"],
  ];
  for (const [x, fmt, want] of cases)
    it(`${x} with ${fmt} → ${want}`, () => assert.equal(formatNumber(x, fmt).trim(), want));
});

// ------------------------------------------------------------ LibreOffice

const SOFFICE_MISSING =
  "LibreOffice 未安装：这些测试需要 soffice（Debian/Ubuntu：apt-get install libreoffice-calc libreoffice-writer）";

const converted = new Map<string, Promise<Uint8Array>>();

/** Convert one made document with LibreOffice, once per run. */
function convert(prefix: string, from: "xlsx" | "docx", to: string): Promise<Uint8Array> {
  const key = `${prefix}.${from}.${to}`;
  let p = converted.get(key);
  if (!p) {
    p = documents(prefix).then((d) => sofficeConvert(d[from], from, to, SOFFICE_MISSING));
    converted.set(key, p);
  }
  return p;
}

// Conversions run in their own processes: start them now, alongside the tests above.
if (findSoffice()) {
  for (const [prefix, from, to] of [
    ["001", "xlsx", "xls"],
    ["000", "docx", "doc"],
    ["003", "docx", "pdf"],
  ] as const)
    convert(prefix, from, to).catch(() => undefined);
}

function needSoffice(): void {
  if (!findSoffice()) assert.fail(SOFFICE_MISSING);
}

describe("through LibreOffice", () => {
  it("XLS (Excel 97-2003) made from the 001 workbook: every golden fact", async () => {
    needSoffice();
    const xls = await convert("001", "xlsx", "xls");
    assert.equal(xls[0], 0xd0, "an OLE file");
    const { golden } = await documents("001");
    const { layout, facts } = await extract(xls);
    assert.ok(layout.warnings.some((w) => w.includes("LibreOffice")));
    assert.deepEqual(missingGoldenFacts(golden, facts), []);
  });

  it("DOC (Word 97-2003) made from the 000 document: every golden fact", async () => {
    needSoffice();
    const doc = await convert("000", "docx", "doc");
    assert.equal(doc[0], 0xd0, "an OLE file");
    const { golden } = await documents("000");
    const { facts } = await extract(doc);
    assert.deepEqual(missingGoldenFacts(golden, facts), []);
  });

  it("PDF printed from the 003 DOCX (landscape, tables across pages): every golden fact", async () => {
    needSoffice();
    const pdf = await convert("003", "docx", "pdf");
    const head = new TextDecoder("latin1").decode(pdf);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(head);
    assert.ok(box && Number(box[1]) > Number(box[2]), "landscape pages");
    const layout = await ingestBytes(pdf);
    const { golden } = await documents("003");
    const d = recognize(layout);
    assert.ok((layout.pages ?? 0) >= 2);
    const split = d.tables.filter((tb) => new Set(tb.rows.map((r) => r.source.page)).size > 1);
    assert.ok(split.length > 0, "at least one table breaks across pages");
    assert.deepEqual(missingGoldenFacts(golden, toFacts(d)), []);
  });
});
