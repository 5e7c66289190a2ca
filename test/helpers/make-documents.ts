/**
 * Realistic disclosure documents made at test time, never downloaded: for a
 * seed with a golden file, the seed's own extraction gives the tables'
 * titles, numbers, rows and names and the narrative's sections; the golden
 * facts give the amounts (they override the extraction). From that one
 * description we write the document the way publishers do:
 *
 * - XLSX: a cover sheet with the narrative, then one sheet per table with a
 *   merged title row, a "单位：万元" row, multi-row headers with merged cells
 *   (基本支出 over 人员经费 / 公用经费), amounts as numbers formatted
 *   `#,##0.00`, 合计 rows as formulas with cached results, plus a hidden
 *   draft sheet and a hidden row with wrong figures that a reader must skip;
 * - DOCX (landscape, via the `docx` package): headings and paragraphs, each
 *   table with its title, unit line and merged header cells;
 * - HTML: a saved page with the title inside each table (colspan), headers
 *   with rowspan/colspan, scripts and styles, optionally in GB18030.
 *
 * The printed layout of each table follows the seed: rows printed on one
 * line of the seed (a two-sided summary table, 公开06 triplets) stay on one
 * row.
 */

import { join } from "node:path";
import {
  AlignmentType,
  Document,
  Table as DocxTable,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import ExcelJS from "exceljs";
import { ingestFile } from "../../src/ingest/index.ts";
import { formatAmountGrouped, parseAmount } from "../../src/model/money.ts";
import type { Disclosure, Row, Table } from "../../src/model/schema.ts";
import { recognize } from "../../src/recognize/index.ts";
import { encodeGb18030 } from "./encode.ts";
import { type Golden, loadGolden } from "./golden.ts";
import { goldenFiles, SHARED } from "./seeds.ts";

/** A header cell at its grid position (row, col), with spans. */
export interface HeaderCell {
  row: number;
  col: number;
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

/** A body cell: text, or an amount in hundredths (null = printed blank). */
export type BodyCell = { text: string } | { amount: number | null; formula?: boolean };

export interface DocTable {
  kind: "table";
  id: Table["id"];
  number?: string;
  title: string;
  entityLine: string;
  unitLine: string;
  width: number;
  headerRows: number;
  header: HeaderCell[];
  body: BodyCell[][];
  note?: string;
  line: number;
}

export interface DocSection {
  kind: "section";
  heading: string;
  level: number;
  text: string;
  line: number;
}

export interface DocSpec {
  seed: string;
  title: string;
  items: (DocTable | DocSection)[];
}

export { type Golden, type GoldenFact, loadGolden, missingGoldenFacts } from "./golden.ts";

export function goldenSeeds(): { prefix: string; golden: Golden }[] {
  return goldenFiles().map((f) => ({ prefix: f.slice(0, 3), golden: loadGolden(f) }));
}

// ----------------------------------------------------------- description

const EXPENDITURE_SLOTS = ["function", "economic", "gov_economic"] as const;

function columnLabel(id: string, table: Table, kind: Disclosure["kind"]): string {
  const income = table.id === "income";
  const labels: Record<string, string> = {
    total: "合计",
    basic: "基本支出",
    project: "项目支出",
    personnel: "人员经费",
    public: "公用经费",
    fiscal: "财政拨款收入",
    gpb: income ? "一般公共预算拨款收入" : "一般公共预算",
    gov_fund: income ? "政府性基金预算拨款收入" : "政府性基金预算",
    state_capital: income ? "国有资本经营预算拨款收入" : "国有资本经营预算",
    fiscal_special: "财政专户管理资金",
    business: "事业收入",
    operating: income ? "事业单位经营收入" : "经营支出",
    superior: "上级补助收入",
    affiliated: "附属单位上缴收入",
    other: "其他收入",
    carryover: "上年结转",
    upper: "上缴上级支出",
    subsidiary: "对附属单位补助支出",
    amount: kind === "final" ? "决算数" : "金额",
    budget: "预算数",
    final: "决算数",
  };
  return labels[id] ?? id;
}

/** Amount of a cell: the golden value where the golden file has one (first table of an id). */
function amountOf(
  golden: Map<string, number>,
  table: Table,
  first: boolean,
  key: string,
  column: string,
  row: Row | undefined,
): number | null {
  const g = first ? golden.get(`${table.id}|${key}|${column}`) : undefined;
  if (g !== undefined) return g;
  return row?.cells[column]?.amount ?? null;
}

function groupByLine(rows: Row[]): Row[][] {
  const groups: Row[][] = [];
  let last = -1;
  for (const r of rows) {
    if (r.source.line === last) (groups[groups.length - 1] as Row[]).push(r);
    else groups.push([r]);
    last = r.source.line;
  }
  return groups;
}

function printedCode(row: Row): string {
  if (row.keyKind === "line" || row.keyKind === "label") return "";
  return (row.printedCode ?? row.key.replace(/#\d+$/, "")).replace(/\s+/g, "");
}

function slotOf(row: Row): number {
  const m = /^expenditure\.(function|economic|gov_economic)\./.exec(row.key);
  return m ? EXPENDITURE_SLOTS.indexOf(m[1] as (typeof EXPENDITURE_SLOTS)[number]) : -1;
}

function summaryTable(t: Table, d: Disclosure, amt: AmountFn): Omit<DocTable, "kind" | "line"> {
  const spend = t.rows.filter((r) => r.key.startsWith("expenditure."));
  const slotsUsed = new Set(spend.map(slotOf).filter((s) => s >= 0));
  const perLine = Math.max(1, ...groupByLine(spend).map((g) => g.length), slotsUsed.size);
  const wide = spend.some((r) => "gpb" in r.cells || "total" in r.cells);
  const spendCols = wide ? ["total", "gpb", "gov_fund", "state_capital"] : ["amount"];
  const slotWidth = 1 + spendCols.length;
  const width = 2 + perLine * slotWidth;
  const amountLabel = d.kind === "final" ? "决算数" : "预算数";
  const header: HeaderCell[] = [
    { row: 0, col: 0, text: "收入", colSpan: 2 },
    { row: 0, col: 2, text: "支出", colSpan: width - 2 },
    { row: 1, col: 0, text: "项目" },
    { row: 1, col: 1, text: amountLabel },
  ];
  const slotHeads = ["支出功能分类科目", "部门预算支出经济分类科目", "政府预算支出经济分类科目"];
  for (let s = 0; s < perLine; s++) {
    const c0 = 2 + s * slotWidth;
    header.push({
      row: 1,
      col: c0,
      text: slotsUsed.size > 1 ? (slotHeads[s] ?? "项目") : "项目（按功能分类）",
    });
    spendCols.forEach((c, k) => {
      header.push({
        row: 1,
        col: c0 + 1 + k,
        text:
          c === "amount"
            ? amountLabel
            : c === "total"
              ? "合计"
              : `${columnLabel(c, t, d.kind)}财政拨款`,
      });
    });
  }
  const body: BodyCell[][] = [];
  for (const group of groupByLine(t.rows)) {
    const row: BodyCell[] = Array.from({ length: width }, () => ({ text: "" }));
    const inc = group.filter((r) => r.key.startsWith("income."));
    const sp = group.filter((r) => r.key.startsWith("expenditure."));
    const first = inc[0];
    if (first) {
      row[0] = { text: first.name };
      row[1] = { amount: amt(first.key, "amount", first) };
    }
    const taken = new Set<number>();
    const place = (r: Row, s: number) => {
      taken.add(s);
      const c0 = 2 + s * slotWidth;
      row[c0] = { text: r.name };
      spendCols.forEach((c, k) => {
        const col = c === "total" && !(c in r.cells) && "amount" in r.cells ? "amount" : c;
        row[c0 + 1 + k] = { amount: amt(r.key, c, r) ?? amt(r.key, col, r) };
      });
    };
    for (const r of sp) {
      const s = slotOf(r);
      if (s >= 0 && s < perLine && !taken.has(s)) place(r, s);
    }
    for (const r of sp) {
      if (slotOf(r) >= 0 && taken.has(slotOf(r))) continue;
      let s = 0;
      while (taken.has(s)) s++;
      if (s < perLine) place(r, s);
    }
    if (!inc.length && !sp.length) continue;
    body.push(row);
  }
  return tableShell(t, d, width, 2, header, body);
}

type AmountFn = (key: string, column: string, row: Row | undefined) => number | null;

function tableShell(
  t: Table,
  d: Disclosure,
  width: number,
  headerRows: number,
  header: HeaderCell[],
  body: BodyCell[][],
): Omit<DocTable, "kind" | "line"> {
  const out: Omit<DocTable, "kind" | "line"> = {
    id: t.id,
    title: t.title,
    entityLine: `${d.kind === "final" ? "部门" : "单位名称"}：${d.entity.name}`,
    unitLine: `${d.kind === "final" ? "金额单位" : "单位"}：${t.unit}`,
    width,
    headerRows,
    header,
    body,
  };
  if (t.number) out.number = t.number;
  if (t.emptyNote) out.note = t.emptyNote;
  return out;
}

function threePublicTable(t: Table, d: Disclosure, amt: AmountFn): Omit<DocTable, "kind" | "line"> {
  const items = [
    ["three_public.total", "合计"],
    ["three_public.abroad", "因公出国（境）费"],
    ["three_public.vehicle", "公务用车购置及运行费"],
    ["three_public.vehicle_purchase", "公务用车购置费"],
    ["three_public.vehicle_operation", "公务用车运行费"],
    ["three_public.reception", "公务接待费"],
  ] as const;
  const byKey = new Map(t.rows.map((r) => [r.key, r]));
  if (d.kind === "budget") {
    // Items as columns, one row of amounts; 公务用车 merged over its two parts.
    const header: HeaderCell[] = [
      { row: 0, col: 0, text: "合计", rowSpan: 2 },
      { row: 0, col: 1, text: "因公出国（境）费", rowSpan: 2 },
      { row: 0, col: 2, text: "公务用车购置及运行费", colSpan: 3 },
      { row: 0, col: 5, text: "公务接待费", rowSpan: 2 },
      { row: 1, col: 2, text: "小计" },
      { row: 1, col: 3, text: "公务用车购置费" },
      { row: 1, col: 4, text: "公务用车运行费" },
    ];
    const order = [0, 1, 2, 3, 4, 5].map((i) => items[i]?.[0] ?? "");
    const body: BodyCell[][] = [
      order.map((k) => ({ amount: amt(k, "budget", byKey.get(k)) ?? 0 })),
    ];
    return tableShell(t, d, 6, 2, header, body);
  }
  const cols = t.columns.map((c) => c.id);
  const header: HeaderCell[] = [
    { row: 0, col: 0, text: "项目" },
    ...cols.map((c, k) => ({ row: 0, col: 1 + k, text: c === "final" ? "决算数" : "预算数" })),
  ];
  const body: BodyCell[][] = items.map(([key, name], i) => [
    { text: i === 3 ? `其中：${name}` : name },
    ...cols.map((c) => ({ amount: amt(key, c, byKey.get(key)) ?? 0 })),
  ]);
  return tableShell(t, d, 1 + cols.length, 1, header, body);
}

/** 公开06/07 style: code / name / amount triplets side by side, as the seed printed them. */
function tripletTable(t: Table, d: Disclosure, amt: AmountFn): Omit<DocTable, "kind" | "line"> {
  const groups = groupByLine(t.rows);
  const per = Math.max(...groups.map((g) => g.length));
  const header: HeaderCell[] = [];
  for (let k = 0; k < per; k++) {
    header.push({ row: 0, col: 3 * k, text: "科目编码" });
    header.push({ row: 0, col: 3 * k + 1, text: "科目名称" });
    header.push({ row: 0, col: 3 * k + 2, text: "决算数" });
  }
  const body = groups.map((g) => {
    const row: BodyCell[] = [];
    for (let k = 0; k < per; k++) {
      const r = g[k];
      if (!r) row.push({ text: "" }, { text: "" }, { text: "" });
      else if (r.keyKind === "line")
        row.push({ text: r.name }, { text: "" }, { amount: amt(r.key, "amount", r) });
      else
        row.push({ text: printedCode(r) }, { text: r.name }, { amount: amt(r.key, "amount", r) });
    }
    return row;
  });
  return tableShell(t, d, 3 * per, 1, header, body);
}

function isTriplet(t: Table): boolean {
  return (
    t.columns.length === 1 &&
    t.columns[0]?.id === "amount" &&
    groupByLine(t.rows).some((g) => g.filter((r) => r.keyKind !== "line").length >= 2)
  );
}

function codeTable(t: Table, d: Disclosure, amt: AmountFn): Omit<DocTable, "kind" | "line"> {
  const cols = t.columns.map((c) => c.id as string);
  const unitRows = t.rows.some((r) => r.keyKind === "unit");
  const codeHead = t.id === "projects" ? "项目编码" : unitRows ? "单位编码" : "科目编码";
  const nameHead =
    t.id === "projects" ? "项目名称" : codeHead === "单位编码" ? "单位名称" : "科目名称";
  // 基本支出 merged over its parts where the table has them.
  const bi = cols.indexOf("basic");
  const pi = cols.indexOf("personnel");
  const ui = cols.indexOf("public");
  let groupStart = -1;
  let groupLen = 0;
  if (bi >= 0 && pi === bi + 1 && ui === bi + 2) {
    groupStart = bi;
    groupLen = 3;
  } else if (bi < 0 && pi >= 0 && ui === pi + 1 && t.id !== "income") {
    groupStart = pi;
    groupLen = 2;
  }
  // 决算 tables print the code in 类 / 款 / 项 cells under one merged 科目编码, and a 栏次 row.
  const split =
    d.kind === "final" &&
    codeHead === "科目编码" &&
    t.rows.some((r) => r.keyKind === "func" || r.keyKind === "econ_dept");
  const codeCols = split ? 3 : 1;
  const labelRows = groupStart >= 0 || split ? 2 : 1;
  const headerRows = labelRows + (split ? 1 : 0);
  const span = labelRows === 2 ? { rowSpan: 2 } : {};
  const header: HeaderCell[] = split
    ? [
        { row: 0, col: 0, text: codeHead, colSpan: 3 },
        { row: 1, col: 0, text: "类" },
        { row: 1, col: 1, text: "款" },
        { row: 1, col: 2, text: "项" },
        { row: 0, col: 3, text: nameHead, rowSpan: 2 },
      ]
    : [
        { row: 0, col: 0, text: codeHead, ...span },
        { row: 0, col: 1, text: nameHead, ...span },
      ];
  const first = codeCols + 1;
  cols.forEach((c, k) => {
    const col = first + k;
    if (groupStart >= 0 && k >= groupStart && k < groupStart + groupLen) {
      if (k === groupStart) header.push({ row: 0, col, text: "基本支出", colSpan: groupLen });
      header.push({ row: 1, col, text: c === "basic" ? "小计" : columnLabel(c, t, d.kind) });
      return;
    }
    header.push({ row: 0, col, text: columnLabel(c, t, d.kind), ...span });
  });
  if (split) {
    header.push({ row: labelRows, col: 0, text: "栏次", colSpan: first });
    cols.forEach((_, k) => {
      header.push({ row: labelRows, col: first + k, text: String(k + 1) });
    });
  }
  const codeCells = (r: Row): BodyCell[] => {
    const code = printedCode(r);
    if (!split) return [{ text: code }];
    return [{ text: code.slice(0, 3) }, { text: code.slice(3, 5) }, { text: code.slice(5, 7) }];
  };
  const body = t.rows.map((r) => [
    ...codeCells(r),
    { text: r.keyKind === "line" && r.key === "total" ? "合计" : r.name },
    ...cols.map((c) => ({ amount: amt(r.key, c, r), formula: r.key === "total" })),
  ]);
  return tableShell(t, d, first + cols.length, headerRows, header, body);
}

/** The document of one seed, described once for every format. */
export async function describeSeed(golden: Golden): Promise<DocSpec> {
  const d = recognize(await ingestFile(join(SHARED, golden.document)));
  const goldenValues = new Map<string, number>();
  for (const f of golden.facts) {
    const v = parseAmount(f.value);
    if (v !== undefined) goldenValues.set(`${f.table}|${f.key}|${f.column}`, v);
  }
  const seen = new Set<string>();
  const items: (DocTable | DocSection)[] = [];
  for (const t of d.tables) {
    const first = !seen.has(t.id);
    seen.add(t.id);
    const amt: AmountFn = (key, column, row) => amountOf(goldenValues, t, first, key, column, row);
    const body =
      t.id === "summary" || t.id === "fiscal_summary"
        ? summaryTable(t, d, amt)
        : t.id === "three_public"
          ? threePublicTable(t, d, amt)
          : isTriplet(t)
            ? tripletTable(t, d, amt)
            : codeTable(t, d, amt);
    items.push({ kind: "table", ...body, line: t.source.line });
  }
  for (const s of d.sections)
    items.push({
      kind: "section",
      heading: s.heading,
      level: s.level,
      text: s.text,
      line: s.source.line,
    });
  items.sort((a, b) => a.line - b.line);
  const word =
    d.kind === "final" ? "部门决算" : d.entity.level === "unit" ? "单位预算" : "部门预算";
  return { seed: golden.document, title: `${d.entity.name}${d.year}年${word}公开`, items };
}

// ----------------------------------------------------------------- text

function cellText(c: BodyCell): string {
  if ("text" in c) return c.text;
  return c.amount === null ? "" : formatAmountGrouped(c.amount);
}

/** Header cells in browser order (row by row, by column), for HTML and DOCX. */
function headerRowsOf(t: DocTable): HeaderCell[][] {
  const rows: HeaderCell[][] = Array.from({ length: t.headerRows }, () => []);
  for (const h of [...t.header].sort((a, b) => a.row - b.row || a.col - b.col))
    rows[h.row]?.push(h);
  return rows;
}

// ----------------------------------------------------------------- XLSX

const NUM_FMT = "#,##0.00";

function colLetter(c: number): string {
  let s = "";
  let n = c;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function sheetName(t: DocTable, i: number, used: Set<string>): string {
  let name = (t.number ?? `表${i}`).replace(/[\\/?*[\]:]/g, "").slice(0, 28);
  while (used.has(name)) name = `${name}_`;
  used.add(name);
  return name;
}

export interface XlsxOptions {
  /** Add a hidden sheet and a hidden row carrying wrong figures (a reader must skip them). */
  hiddenTraps?: boolean;
}

export async function makeXlsx(spec: DocSpec, opts: XlsxOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai test";
  const cover = wb.addWorksheet("说明");
  cover.getColumn(1).width = 120;
  cover.addRow([spec.title]).font = { bold: true, size: 16 };
  for (const it of spec.items) {
    if (it.kind !== "section") continue;
    cover.addRow([it.heading]).font = { bold: true };
    if (it.text) cover.addRow([it.text]);
  }
  const used = new Set<string>(["说明"]);
  let trapPlaced = false;
  let n = 0;
  for (const it of spec.items) {
    if (it.kind !== "table") continue;
    n++;
    if (opts.hiddenTraps && n === 2) {
      // A draft sheet with another copy of a table and wrong figures.
      const draft = wb.addWorksheet("底稿", { state: "hidden" });
      draft.addRow([it.title]);
      draft.addRow(["合计", "", 99999.99]);
    }
    const ws = wb.addWorksheet(sheetName(it, n, used), {
      pageSetup: {
        orientation: "landscape",
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    const w = it.width;
    ws.getColumn(1).width = it.id === "projects" ? 26 : 14;
    ws.getColumn(2).width = 34;
    for (let c = 3; c <= w; c++) ws.getColumn(c).width = 16;
    let r = 1;
    if (it.number) ws.getCell(r++, 1).value = it.number;
    ws.getCell(r, 1).value = it.title;
    ws.getCell(r, 1).font = { bold: true, size: 16 };
    ws.getCell(r, 1).alignment = { horizontal: "center" };
    if (w > 1) ws.mergeCells(r, 1, r, w);
    r++;
    ws.getCell(r, 1).value = it.entityLine;
    if (w > 2) ws.mergeCells(r, 1, r, 2);
    ws.getCell(r, w).value = it.unitLine;
    r++;
    const h0 = r;
    for (const h of it.header) {
      const cell = ws.getCell(h0 + h.row, h.col + 1);
      cell.value = h.text;
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      if ((h.colSpan ?? 1) > 1 || (h.rowSpan ?? 1) > 1)
        ws.mergeCells(
          h0 + h.row,
          h.col + 1,
          h0 + h.row + (h.rowSpan ?? 1) - 1,
          h.col + (h.colSpan ?? 1),
        );
    }
    r = h0 + it.headerRows;
    // Sheet row of each body row (a hidden trap row may come first).
    const sheetRow: number[] = [];
    for (const row of it.body) {
      const first = row[0];
      if (
        opts.hiddenTraps &&
        !trapPlaced &&
        first &&
        "text" in first &&
        /^\d{3,7}$/.test(first.text) &&
        row.some((c) => "amount" in c && c.amount)
      ) {
        // A hidden copy of the row with wrong figures, just before the real one.
        const trap = ws.getRow(r);
        trap.values = row.map((c) => ("text" in c ? c.text : 88888.88));
        trap.hidden = true;
        trapPlaced = true;
        r++;
      }
      sheetRow.push(r++);
    }
    // 类-level rows (three-digit codes): what a 合计 formula adds up.
    const classRows = it.body
      .map((row, i) => ({ row, at: sheetRow[i] ?? 0 }))
      .filter(({ row }) => {
        const [a, b] = row;
        const kuan = b && "text" in b && /^\d{2}$/.test(b.text);
        return a && "text" in a && /^\d{3}$/.test(a.text) && !kuan;
      });
    it.body.forEach((row, i) => {
      const at = sheetRow[i] ?? 0;
      row.forEach((c, k) => {
        const cell = ws.getCell(at, k + 1);
        if ("text" in c) {
          cell.value = c.text;
          return;
        }
        if (c.amount === null) return;
        const value = c.amount / 100;
        const parts = classRows.map(({ row: cr }) => {
          const v = cr[k];
          return v && "amount" in v ? (v.amount ?? 0) : 0;
        });
        // A formula only where the figures add up (LibreOffice recalculates on conversion).
        const sums = parts.reduce((a, b) => a + b, 0) === c.amount;
        const letter = colLetter(k + 1);
        cell.value =
          c.formula && classRows.length > 0 && sums
            ? {
                formula: `SUM(${classRows.map((x) => `${letter}${x.at}`).join(",")})`,
                result: value,
              }
            : value;
        cell.numFmt = NUM_FMT;
      });
    });
    if (it.note) ws.getCell(r + 1, 1).value = it.note;
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

// ----------------------------------------------------------------- DOCX

function docxCell(
  text: string,
  opts: { colSpan?: number; rowSpan?: number; bold?: boolean; right?: boolean },
) {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.bold ?? false, size: 18 })],
      }),
    ],
    ...(opts.colSpan && opts.colSpan > 1 ? { columnSpan: opts.colSpan } : {}),
    ...(opts.rowSpan && opts.rowSpan > 1 ? { rowSpan: opts.rowSpan } : {}),
  });
}

function docxTable(t: DocTable): DocxTable {
  const rows: TableRow[] = headerRowsOf(t).map(
    (cells) =>
      new TableRow({
        tableHeader: true,
        children: cells.map((h) => {
          const o: { colSpan?: number; rowSpan?: number; bold: boolean } = { bold: true };
          if (h.colSpan) o.colSpan = h.colSpan;
          if (h.rowSpan) o.rowSpan = h.rowSpan;
          return docxCell(h.text, o);
        }),
      }),
  );
  for (const row of t.body)
    rows.push(
      new TableRow({ children: row.map((c) => docxCell(cellText(c), { right: !("text" in c) })) }),
    );
  return new DocxTable({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

export async function makeDocx(spec: DocSpec): Promise<Uint8Array> {
  const children: (Paragraph | DocxTable)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun(spec.title)],
    }),
  ];
  for (const it of spec.items) {
    if (it.kind === "section") {
      children.push(
        new Paragraph({
          heading:
            it.level <= 1
              ? HeadingLevel.HEADING_1
              : it.level === 2
                ? HeadingLevel.HEADING_2
                : HeadingLevel.HEADING_3,
          children: [new TextRun(it.heading)],
        }),
      );
      if (it.text) children.push(new Paragraph({ children: [new TextRun(it.text)] }));
      continue;
    }
    if (it.number) children.push(new Paragraph({ children: [new TextRun(it.number)] }));
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: it.title, bold: true, size: 32 })],
      }),
    );
    children.push(
      new Paragraph({ children: [new TextRun(`${it.entityLine}　　　　${it.unitLine}`)] }),
    );
    children.push(docxTable(it));
    if (it.note) children.push(new Paragraph({ children: [new TextRun(it.note)] }));
  }
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// ----------------------------------------------------------------- HTML

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export interface HtmlOptions {
  /** Write the page in GB18030 and declare it as gb2312, as older sites do. */
  gbk?: boolean;
  /** Wrap the content in a page-layout table (a menu cell beside the article), as older sites do. */
  layoutTable?: boolean;
}

export function makeHtml(spec: DocSpec, opts: HtmlOptions = {}): Uint8Array {
  const out: string[] = [
    "<!DOCTYPE html>",
    "<html><head>",
    opts.gbk
      ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
      : '<meta charset="utf-8">',
    `<title>${esc(spec.title)}</title>`,
    "<style>table{border-collapse:collapse} td,th{border:1px solid #000}</style>",
    '<script>var 统计 = "收支总表 1,234.00";</script>',
    "</head><body>",
    '<div class="nav">首页 &gt; 信息公开 &gt; 预决算公开</div>',
  ];
  if (opts.layoutTable)
    out.push(
      '<table width="980" border="0"><caption>政府信息公开</caption><tr><td width="180" valign="top"><ul><li>机构职能</li><li>财政预决算</li></ul></td><td valign="top">',
    );
  out.push(`<h1>${esc(spec.title)}</h1>`);
  for (const it of spec.items) {
    if (it.kind === "section") {
      const h = it.level <= 1 ? "h2" : it.level === 2 ? "h3" : "h4";
      out.push(`<${h}>${esc(it.heading)}</${h}>`);
      if (it.text) out.push(`<p>&nbsp;&nbsp;${esc(it.text)}</p>`);
      continue;
    }
    if (it.number) out.push(`<p>${esc(it.number)}</p>`);
    out.push('<table border="1" cellspacing="0">');
    out.push(`<tr><td colspan="${it.width}" align="center"><b>${esc(it.title)}</b></td></tr>`);
    const pad = Math.max(1, it.width - 2);
    out.push(
      it.width > 2
        ? `<tr><td colspan="${pad}">${esc(it.entityLine)}</td><td colspan="2" align="right">${esc(it.unitLine)}</td></tr>`
        : `<tr><td colspan="${it.width}">${esc(it.unitLine)}</td></tr>`,
    );
    for (const cells of headerRowsOf(it)) {
      out.push(
        `<tr>${cells
          .map(
            (h) =>
              `<th${h.colSpan ? ` colspan="${h.colSpan}"` : ""}${h.rowSpan ? ` rowspan="${h.rowSpan}"` : ""}>${esc(h.text)}</th>`,
          )
          .join("")}</tr>`,
      );
    }
    for (const row of it.body)
      out.push(
        `<tr>${row.map((c) => `<td${"text" in c ? "" : ' align="right"'}>${esc(cellText(c))}</td>`).join("")}</tr>`,
      );
    out.push("</table>");
    if (it.note) out.push(`<p>${esc(it.note)}</p>`);
  }
  if (opts.layoutTable) out.push("</td></tr></table>");
  out.push('<div style="display:none">隐藏的旧版本：收支总表 合计 77,777.77</div>');
  out.push("</body></html>");
  const html = out.join("\n");
  return opts.gbk ? encodeGb18030(html) : new TextEncoder().encode(html);
}

// ------------------------------------------------------------- comparison
