/**
 * A region's official fill-in workbook (上海市区级: 区级部门预算公开模板 /
 * 区级单位预算公开模板), written from its profile module: the official sheets
 * in their order with their names, titles, 编制部门 and unit lines, header
 * cells and merges, columns and widths — blank, or filled from a disclosure
 * (`gongkai template --profile shanghai-district --from 文档`).
 *
 * What the official tables have no place for is not entered and is named in
 * `skipped`, never dropped silently.
 */
import ExcelJS from "exceljs";
import { entriesFor, lookup } from "../../catalog/index.ts";
import { convertAmount } from "../../model/money.ts";
import {
  atLevel,
  type Level,
  type WorkbookTable,
  type WorkbookText,
} from "../../model/profiles.ts";
import type { Disclosure, Row, Table } from "../../model/schema.ts";
import type { RenderInput } from "../../render/input.ts";
import { codeParts } from "../../render/spec/regional.ts";
import {
  budgetWord,
  districtOf,
  entityWord,
  firstDataRow,
  leadColumns,
  type RegionalShape,
  sheetWidth,
  workbookTables,
} from "./sheets.ts";

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const MONEY = "#,##0.00";
/** Blank rows a blank code table offers before its 合计 line. */
const BLANK_CODE_ROWS = 30;
const CN = "一二三四五六七八九十";

function ordinal(n: number): string {
  if (n <= 10) return CN[n - 1] ?? String(n);
  if (n < 20) return `十${CN[n - 11] ?? ""}`;
  return `${CN[Math.floor(n / 10) - 1]}十${n % 10 ? CN[(n % 10) - 1] : ""}`;
}

function textSheet(
  wb: ExcelJS.Workbook,
  t: WorkbookText,
  level: Level,
  year: number,
  name: string,
  body: string | undefined,
): void {
  const sheet = atLevel(t.sheet, level);
  const ws = wb.addWorksheet(sheet, { pageSetup: { orientation: "landscape", paperSize: 9 } });
  ws.getCell("A1").value = atLevel(t.title, level)
    .replace("XX", name || "XX")
    .replace("YYYY", String(year));
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.getCell("A1").alignment = { horizontal: "center" };
  ws.mergeCells("A3:A17");
  const cell = ws.getCell("A3");
  if (body) cell.value = body;
  cell.alignment = { wrapText: true, vertical: "top" };
  ws.getColumn(1).width = 121.375;
}

function coverSheet(wb: ExcelJS.Workbook, level: Level, year: number, name: string): void {
  const ws = wb.addWorksheet("封面", { pageSetup: { orientation: "landscape", paperSize: 9 } });
  ws.mergeCells("A3:M3");
  ws.getCell("A3").value = `${districtOf(name)}${year}年区级${budgetWord(level)}`;
  ws.getCell("A3").font = { bold: true, size: 26 };
  ws.getCell("A3").alignment = { horizontal: "center" };
  ws.mergeCells("A9:M9");
  ws.getCell("A9").value =
    `${level === "unit" ? "预算单位" : "预算主管部门"}：${name || `${districtOf(name)}XX${level === "unit" ? "单位" : "局"}`}`;
  ws.getCell("A9").font = { size: 16 };
  ws.getCell("A9").alignment = { horizontal: "center" };
  ws.mergeCells("A18:M18");
  ws.mergeCells("A19:M19");
}

function contentsSheet(wb: ExcelJS.Workbook, s: RegionalShape, year: number): void {
  const ws = wb.addWorksheet("目录", { pageSetup: { orientation: "landscape", paperSize: 9 } });
  ws.getCell("A1").value = "目  录";
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.getCell("A1").alignment = { horizontal: "center" };
  const word = s.level === "unit" ? "单位" : "部门";
  const lines: string[] = [];
  let part = 0;
  let tablesDone = false;
  for (const sheet of s.workbook.sheets) {
    if (sheet.type === "text") {
      if (sheet.text.sheet[s.level] === undefined && s.level === "unit") continue;
      const title = atLevel(sheet.text.title, s.level).replace("YYYY年", "").replace("XX", "");
      lines.push(`${ordinal(++part)}、${title.replace(/^（部门）|^（单位）/, `${word}`)}`);
    } else if (sheet.type === "table" && !tablesDone) {
      tablesDone = true;
      lines.push(`${ordinal(++part)}、${word}预算表`);
      workbookTables(s.workbook).forEach((t, i) => {
        lines.push(`    ${i + 1}. ${year}年${atLevel(t.title, s.level)}`);
      });
    }
  }
  lines.forEach((l, i) => {
    ws.getCell(4 + i, 1).value = l;
  });
  ws.getColumn(1).width = 117.625;
}

/** Money as Excel stores it: hundredths of the table's unit → units. */
function value(hundredths: number): number {
  return hundredths / 100;
}

interface TableFill {
  table: Table | undefined;
  /** Hundredths of the table's unit in the sheet's unit. */
  convert: (a: number) => number;
  skipped: string[];
}

function styleAmount(cell: ExcelJS.Cell): void {
  cell.numFmt = MONEY;
  cell.border = THIN;
  cell.alignment = { horizontal: "right" };
}

function codeRows(
  ws: ExcelJS.Worksheet,
  t: WorkbookTable,
  level: Level,
  start: number,
  fill: TableFill,
): void {
  const parts = t.codeParts ?? 3;
  const lead = leadColumns(t);
  const cols = atLevel(t.columns, level);
  const rows = fill.table?.empty ? [] : (fill.table?.rows ?? []);
  let r = start;
  const put = (at: number, row: Row) => {
    cols.forEach((c, k) => {
      const cell = ws.getCell(at, lead + 1 + k);
      const a = row.cells[c]?.amount;
      if (a !== null && a !== undefined) cell.value = value(fill.convert(a));
      styleAmount(cell);
    });
    for (const [id, cell] of Object.entries(row.cells))
      if (!cols.includes(id as never) && cell.amount)
        fill.skipped.push(
          `${ws.name.trim()}：“${row.name || row.key}”的“${id}”栏（官方表样没有此栏）`,
        );
  };
  const coded = rows
    .filter(
      (x) => x.keyKind === t.catalog || (t.catalog === "econ_dept" && x.keyKind === "econ_gov"),
    )
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const row of rows)
    if (
      row.keyKind !== "line" &&
      !coded.includes(row) &&
      Object.values(row.cells).some((c) => c.amount)
    )
      fill.skipped.push(
        `${ws.name.trim()}：行“${row.name || row.key}”（不是${t.catalog === "func" ? "功能" : "经济"}分类科目）`,
      );
  for (const row of coded) {
    if (row.key.includes("#")) continue;
    codeParts(row.key, parts).forEach((p, k) => {
      const cell = ws.getCell(r, k + 1);
      if (p) cell.value = p;
      cell.numFmt = "@";
      cell.border = THIN;
      cell.alignment = { horizontal: "center" };
    });
    const name = ws.getCell(r, parts + 1);
    name.value = row.name || lookup(row.key, 2025, t.catalog ?? "func")?.name || "";
    name.border = THIN;
    put(r, row);
    r++;
  }
  if (!coded.length)
    for (let k = 0; k < BLANK_CODE_ROWS; k++, r++)
      for (let c = 1; c <= lead + cols.length; c++) {
        const cell = ws.getCell(r, c);
        cell.border = THIN;
        if (c <= parts) cell.numFmt = "@";
        if (c > lead) styleAmount(cell);
      }
  ws.mergeCells(r, 1, r, lead);
  ws.getCell(r, 1).value = "合计";
  ws.getCell(r, 1).alignment = { horizontal: "center" };
  ws.getCell(r, 1).font = { bold: true };
  ws.getCell(r, 1).border = THIN;
  const total = rows.find((x) => x.key === "total");
  if (total) put(r, total);
  else for (let k = 0; k < cols.length; k++) styleAmount(ws.getCell(r, lead + 1 + k));
}

/** Labels of the summary lines a region's form does not print but a source may have. */
export const EXTRA_SUMMARY_LINES: Readonly<Record<string, string>> = {
  "income.total": "本年收入合计",
  "income.carryover": "上年结转结余",
  "expenditure.total": "本年支出合计",
  "expenditure.carryover": "年终结转结余",
};

function summaryRows(
  ws: ExcelJS.Worksheet,
  t: WorkbookTable,
  level: Level,
  year: number,
  start: number,
  fill: TableFill,
): void {
  const cols = atLevel(t.columns, level);
  const rows = fill.table?.empty ? [] : (fill.table?.rows ?? []);
  const byKey = new Map(rows.map((x) => [x.key, x]));
  const income = [...(t.incomeLines ?? [])];
  for (const [key, label] of Object.entries(EXTRA_SUMMARY_LINES))
    if (
      key.startsWith("income.") &&
      byKey.get(key) &&
      Object.values(byKey.get(key)?.cells ?? {}).some((c) => c.amount)
    )
      income.push({ key, label });
  const spend: { key: string; label: string }[] = [];
  const classes = rows.filter((x) => /^expenditure\.function\.\d{3}$/.test(x.key));
  const catalogYear = Math.min(2025, Math.max(2017, year));
  if (fill.table && !fill.table.empty)
    classes
      .filter((x) => Object.values(x.cells).some((c) => c.amount !== null))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .forEach((x, i) => {
        const code = x.key.slice(-3);
        const name =
          lookup(code, catalogYear, "func")?.name ??
          x.name.replace(/^[一二三四五六七八九十]+、/, "");
        spend.push({ key: x.key, label: `${ordinal(i + 1)}、${name}` });
      });
  else {
    // A blank form lists every 类 of the year; lines left blank are not read as figures.
    entriesFor(catalogYear, "func", 1).forEach((e, i) => {
      spend.push({ key: `expenditure.function.${e.code}`, label: `${ordinal(i + 1)}、${e.name}` });
    });
  }
  for (const [key, label] of Object.entries(EXTRA_SUMMARY_LINES))
    if (
      key.startsWith("expenditure.") &&
      Object.values(byKey.get(key)?.cells ?? {}).some((c) => c.amount)
    )
      spend.push({ key, label });
  const known = new Set([
    ...income.map((l) => l.key),
    ...spend.map((l) => l.key),
    ...(t.footer ?? []).map((l) => l.key),
  ]);
  for (const row of rows)
    if (
      !known.has(row.key) &&
      !row.key.includes("#") &&
      Object.values(row.cells).some((c) => c.amount)
    )
      fill.skipped.push(`${ws.name.trim()}：行“${row.name || row.key}”（官方表样没有此行）`);
  const incomeAmount = (row: Row | undefined) =>
    row?.cells.amount?.amount ?? row?.cells.total?.amount;
  const spendAmount = (row: Row | undefined, c: string) =>
    c === "amount"
      ? (row?.cells.amount?.amount ?? row?.cells.total?.amount)
      : c === "total"
        ? (row?.cells.total?.amount ?? row?.cells.amount?.amount)
        : row?.cells[c]?.amount;
  const n = Math.max(income.length, spend.length);
  const putLine = (
    r: number,
    inc?: { key: string; label: string },
    sp?: { key: string; label: string },
  ) => {
    const a = ws.getCell(r, 1);
    a.border = THIN;
    const b = ws.getCell(r, 2);
    styleAmount(b);
    if (inc) {
      a.value = inc.label;
      const v = incomeAmount(byKey.get(inc.key));
      if (v !== null && v !== undefined) b.value = value(fill.convert(v));
    }
    const c = ws.getCell(r, 3);
    c.border = THIN;
    if (sp) c.value = sp.label;
    cols.forEach((col, k) => {
      const cell = ws.getCell(r, 4 + k);
      styleAmount(cell);
      const v = sp ? spendAmount(byKey.get(sp.key), col) : undefined;
      if (v !== null && v !== undefined) cell.value = value(fill.convert(v));
    });
  };
  for (let i = 0; i < n; i++) putLine(start + i, income[i], spend[i]);
  if (t.footer) {
    const r = start + n;
    putLine(r, t.footer[0], t.footer[1]);
    ws.getCell(r, 1).alignment = { horizontal: "center" };
    ws.getCell(r, 3).alignment = { horizontal: "center" };
  }
  // Columns of a source line the form has no place for.
  for (const row of rows) {
    if (!known.has(row.key)) continue;
    for (const [id, cell] of Object.entries(row.cells)) {
      const fits = row.key.startsWith("income.")
        ? id === "amount" || id === "total"
        : cols.includes(id as never) ||
          ((id === "amount" || id === "total") &&
            (cols.includes("amount" as never) || cols.includes("total" as never)));
      if (!fits && cell.amount)
        fill.skipped.push(
          `${ws.name.trim()}：“${row.name || row.key}”的“${id}”栏（官方表样没有此栏）`,
        );
    }
  }
}

function threePublicRow(
  ws: ExcelJS.Worksheet,
  t: WorkbookTable,
  start: number,
  fill: TableFill,
): void {
  const byKey = new Map((fill.table?.rows ?? []).map((x) => [x.key, x]));
  (t.lineColumns ?? []).forEach((key, k) => {
    const cell = ws.getCell(start, k + 1);
    styleAmount(cell);
    const row = byKey.get(key);
    const a = row?.cells.budget?.amount ?? row?.cells.amount?.amount;
    if (a !== null && a !== undefined) cell.value = value(fill.convert(a));
  });
  for (const row of fill.table?.rows ?? [])
    if (!(t.lineColumns ?? []).includes(row.key) && Object.values(row.cells).some((c) => c.amount))
      fill.skipped.push(`${ws.name.trim()}：行“${row.name || row.key}”（官方表样没有此行）`);
  ws.mergeCells(17, 1, 17, 6);
}

function tableSheet(
  wb: ExcelJS.Workbook,
  s: RegionalShape,
  t: WorkbookTable,
  year: number,
  d: Disclosure | undefined,
  skipped: string[],
): void {
  const level = s.level;
  const ws = wb.addWorksheet(atLevel(t.sheet, level), {
    pageSetup: {
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const width = sheetWidth(t, level);
  ws.mergeCells(t.titleRow, 1, t.titleRow, width);
  const title = ws.getCell(t.titleRow, 1);
  title.value = `${year}年${atLevel(t.title, level)}`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center" };
  const span = atLevel(t.entitySpan, level);
  ws.mergeCells(t.entityRow, 1, t.entityRow, span);
  ws.getCell(t.entityRow, 1).value = `${entityWord(level)}${d?.entity.name ?? ""}`;
  // The 三公 sheet writes its unit with a half-width colon, as the official one does.
  ws.getCell(t.entityRow, width).value =
    t.shape === "three_public" ? `单位:${t.unit}` : `单位：${t.unit}`;
  ws.getCell(t.entityRow, width).alignment = { horizontal: "right" };
  for (const h of atLevel(t.header, level)) {
    const r = t.headerRow + h.row;
    const c = h.col + 1;
    if ((h.rowSpan ?? 1) > 1 || (h.colSpan ?? 1) > 1)
      ws.mergeCells(r, c, r + (h.rowSpan ?? 1) - 1, c + (h.colSpan ?? 1) - 1);
    const cell = ws.getCell(r, c);
    cell.value = h.text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = THIN;
  }
  atLevel(t.widths, level).forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.pageSetup.printTitlesRow = `${t.headerRow}:${firstDataRow(t, level) - 1}`;
  const table = d?.tables.find((x) => x.id === t.id);
  const fill: TableFill = {
    table,
    convert: (a) => (table && d ? convertAmount(a, table.unit, t.unit).value : a),
    skipped,
  };
  const start = firstDataRow(t, level);
  if (t.shape === "code") codeRows(ws, t, level, start, fill);
  else if (t.shape === "summary") summaryRows(ws, t, level, year, start, fill);
  else threePublicRow(ws, t, start, fill);
}

export interface RegionalWriteOptions {
  shape: RegionalShape;
  year: number;
  /** Fill from this input (its disclosure's tables, its texts). */
  input?: RenderInput;
}

/** The region's workbook, blank or filled; `skipped` names what it has no place for. */
export async function writeRegionalWorkbook(
  opts: RegionalWriteOptions,
): Promise<{ bytes: Uint8Array; skipped: string[] }> {
  const { shape, year } = opts;
  const d = opts.input?.disclosure;
  const name = d?.entity.name ?? "";
  const skipped: string[] = [];
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai";
  const texts = opts.input?.texts;
  for (const sheet of shape.workbook.sheets) {
    if (sheet.type === "cover") coverSheet(wb, shape.level, year, name);
    else if (sheet.type === "contents") contentsSheet(wb, shape, year);
    else if (sheet.type === "text") {
      if (shape.level === "unit" && sheet.text.sheet.unit === undefined) continue;
      const key = sheet.text.text;
      const body =
        key === "duties" || key === "organisation" || key === "other" ? texts?.[key] : undefined;
      textSheet(wb, sheet.text, shape.level, year, name, body);
    } else tableSheet(wb, shape, sheet.table, year, d, skipped);
  }
  if (d) {
    const ids = new Set(workbookTables(shape.workbook).map((t) => t.id));
    const seen = new Set<string>();
    for (const t of d.tables) {
      if (ids.has(t.id) && !seen.has(t.id)) {
        seen.add(t.id);
        continue;
      }
      const has = t.rows.some((r) => Object.values(r.cells).some((c) => c.amount));
      if (has) skipped.push(`表格“${t.title}”（${shape.profile.name}没有此表）`);
    }
    for (const k of ["performance", "procurement", "assets"] as const)
      if (texts?.[k]) skipped.push(`文字说明“${k}”（${shape.profile.name}的工作簿没有此项）`);
    if (opts.input?.prior) skipped.push(`上年数（${shape.profile.name}的工作簿没有上年数）`);
    const f = opts.input?.figures;
    if (f && Object.keys(f).some((k) => k !== "unit"))
      skipped.push(`其他数据（机关运行经费以外的数字，${shape.profile.name}的工作簿没有此项）`);
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), skipped };
}
