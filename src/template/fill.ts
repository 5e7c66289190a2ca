/**
 * `fillTemplate(input)`: the template of the input's kind and year with the
 * input's figures and texts already entered — to edit a generated or
 * extracted disclosure in Excel and read it back with readTemplate.
 *
 * A regional column the template lacks is added after its own columns, a
 * line of the source's own (财政拨款 as a subtotal, 支出 by 经济分类) after
 * its lines, a row by 单位编码 as “单位 编码”, a table the template has no
 * sheet for on a sheet of its own (extra.ts): read.ts reads each back. What
 * still has no place (a repeated line, a second copy of a table) is not
 * entered; `skipped` names each.
 */
import ExcelJS from "exceljs";
import { COLUMN_LABELS } from "../model/labels.ts";
import { convertAmount } from "../model/money.ts";
import type { ColumnId, MoneyUnit, Row, Table } from "../model/schema.ts";
import type { RenderInput } from "../render/input.ts";
import { cellString } from "./cells.ts";
import { extraTable, extraTableNote } from "./extra.ts";
import {
  BUDGET_LABELS,
  CODES_HEADER,
  ENTITY_FIELDS,
  FIELD_FIRST_ROW,
  FIGURE_FIELDS,
  FIRST_DATA_ROW,
  GOVERNMENT_CHOICES,
  HEADER_ROW,
  LABEL_MARK,
  LEVEL_CHOICES,
  NOTE_ROW,
  PRIOR_LABELS,
  REASON_CODES_HEADER,
  SHEET,
  TITLE_ROW,
  textFields,
  UNIT_MARK,
} from "./fields.ts";
import { type TemplateLine, type TemplateTable, templateTables } from "./tables.ts";
import { tableSheet, writeTemplate } from "./write.ts";

export interface FilledTemplate {
  bytes: Uint8Array;
  /** What the template had no place for (Chinese, one entry per table/row/column). */
  skipped: string[];
}

function norm(s: string): string {
  return s.replace(/（必填）$/, "").replace(/[\s\u3000]/g, "");
}

/** Rows of a label/value sheet by normalised label. */
function labelRows(ws: ExcelJS.Worksheet, from: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = from; r <= ws.rowCount; r++) {
    const l = norm(cellString(ws.getCell(r, 1)));
    if (l && !out.has(l)) out.set(l, r);
  }
  return out;
}

function keyOf<T extends string>(map: Record<string, T>, value: T | undefined): string | undefined {
  return Object.entries(map).find(([, v]) => v === value)?.[0];
}

/** Money as the number Excel stores (hundredths → units). */
function moneyValue(hundredths: number): number {
  return hundredths / 100;
}

/** What a column is called in a template header (COLUMN_LABELS are unique: read.ts maps back). */
export function extraColumnLabel(id: string): string {
  return COLUMN_LABELS[id as ColumnId] ?? id;
}

/** Said after a sheet's title when its amounts are in another unit than the document's. */
export function sheetUnitMark(unit: MoneyUnit): string {
  return `（金额单位：${unit}）`;
}

/** The unit a sheet's title states (sheetUnitMark), if any. */
export function sheetUnitOf(title: string): MoneyUnit | undefined {
  const m = /（金额单位：(元|万元)）$/.exec(title);
  return m?.[1] === "元" || m?.[1] === "万元" ? m[1] : undefined;
}

/** The note on an extra line's label: the line key it carries (read.ts reads it back). */
export const LINE_NOTE = "gongkai:";

function fillTable(ws: ExcelJS.Worksheet, t: TemplateTable, table: Table, skipped: string[]): void {
  const lead = t.rows.kind === "lines" ? 1 : 2;
  const colOf = new Map(t.columns.map((c, k) => [c.id as string, lead + 1 + k]));
  // Columns the data has and the template does not (a regional 金额 column, a 上年数 …)
  // are added after the template's own, headed by their name: nothing is left out.
  let next = lead + t.columns.length + 1;
  for (const col of table.columns) {
    if (colOf.has(col.id)) continue;
    if (!table.rows.some((r) => !r.key.includes("#") && r.cells[col.id]?.amount)) continue;
    ws.mergeCells(HEADER_ROW, next, HEADER_ROW + 1, next);
    const head = ws.getCell(HEADER_ROW, next);
    head.value = extraColumnLabel(col.id);
    head.font = { bold: true };
    head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    ws.getColumn(next).width = 16;
    colOf.set(col.id, next++);
  }
  const widened = new Set([...colOf.keys()].filter((id) => !t.columns.some((c) => c.id === id)));
  const put = (r: number, row: Row, allowed?: string[]) => {
    for (const [id, cell] of Object.entries(row.cells)) {
      const c = colOf.get(id);
      if (c === undefined || (allowed && !allowed.includes(id) && !widened.has(id))) {
        if (cell.amount) skipped.push(`${t.sheet}：“${row.name || row.key}”的“${id}”栏`);
        continue;
      }
      if (cell.amount !== null) {
        const target = ws.getCell(r, c);
        target.value = moneyValue(cell.amount);
        if (widened.has(id) || (allowed && !allowed.includes(id))) target.numFmt = "#,##0.00";
      }
    }
  };
  if (table.emptyNote) ws.getCell(NOTE_ROW, 2).value = table.emptyNote;
  const labels = labelRows(ws, FIRST_DATA_ROW);
  const fixed = t.rows.kind === "lines" ? t.rows.lines : t.rows.fixed;
  const fixedKeys = new Map<string, TemplateLine>(fixed.map((l) => [l.key, l]));
  let nextRow = FIRST_DATA_ROW;
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++)
    if (cellString(ws.getCell(r, 1)) !== "") nextRow = r + 1;
  for (const row of table.rows) {
    const line = fixedKeys.get(row.key);
    if (line) {
      const r = labels.get(norm(line.label));
      if (r !== undefined) put(r, row, line.columns);
      continue;
    }
    const figures = Object.values(row.cells).some((c) => c.amount);
    if (row.key.includes("#")) {
      // A line printed again on another side of the table (本年支出合计 under each of 3 columns).
      if (figures) skipped.push(`${t.sheet}：行“${row.name || row.key}”（与同名行重复）`);
      continue;
    }
    if (t.rows.kind === "lines") {
      // A line of the source's own (财政拨款 as a subtotal, 支出 by 经济分类 …): entered
      // under its printed name, its key in the label's note, read back as that line.
      if (!figures) continue;
      ws.getCell(nextRow, 1).value = row.name || row.key;
      ws.getCell(nextRow, 1).note = `${LINE_NOTE}${row.key}`;
      put(nextRow, row);
      for (const [, c] of colOf) ws.getCell(nextRow, c).numFmt = "#,##0.00";
      nextRow++;
      continue;
    }
    if (row.keyKind === "line") {
      // A line the template does not list (收入总计 / 一般公共预算资金 of a 收入总表 printed
      // as lines, Jiangsu): its printed name in both lead cells, its key in the note.
      if (!figures) continue;
      ws.getCell(nextRow, 1).value = row.name || row.key;
      ws.getCell(nextRow, 1).note = `${LINE_NOTE}${row.key}`;
      ws.getCell(nextRow, 2).value = row.name || row.key;
      put(nextRow, row);
      nextRow++;
      continue;
    }
    const unitRow = (row.keyKind === "unit" || row.keyKind === "label") && t.rows.kind === "code";
    const fits =
      unitRow ||
      (t.rows.kind === "code" && row.keyKind === t.rows.catalog) ||
      (t.rows.kind === "free" &&
        (row.keyKind === "project" || row.keyKind === "unit" || row.keyKind === "label"));
    if (!fits) {
      if (figures) skipped.push(`${t.sheet}：行“${row.name || row.key}”`);
      continue;
    }
    // A code row without figures (an official form prints every code) is not entered.
    if (
      t.rows.kind === "code" &&
      !unitRow &&
      Object.values(row.cells).every((c) => c.amount === null)
    )
      continue;
    // A table by 单位 (收入总表 by 单位编码, as Xi'an prints it): “单位 编码” in the code column.
    const mark = row.keyKind === "unit" ? UNIT_MARK : LABEL_MARK;
    // A named row of a project table (政府采购 by item, Jiangsu): “其他” in the code column.
    const code = unitRow
      ? `${mark}${row.key === row.name ? "" : ` ${row.key}`}`
      : t.rows.kind === "free" && row.keyKind === "label"
        ? LABEL_MARK
        : t.rows.kind === "free" && row.key === row.name
          ? ""
          : row.key;
    ws.getCell(nextRow, 1).value = code;
    ws.getCell(nextRow, 2).value = row.name;
    put(nextRow, row);
    nextRow++;
  }
}

/** The template of the input's kind and year, filled with its figures and texts. */
export async function fillTemplate(input: RenderInput): Promise<FilledTemplate> {
  const d = input.disclosure;
  const skipped: string[] = [];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    (await writeTemplate({ kind: d.kind, year: d.year })) as unknown as ArrayBuffer,
  );

  const entity = wb.getWorksheet(SHEET.entity);
  if (entity) {
    const rows = labelRows(entity, FIELD_FIRST_ROW);
    const set = (key: string, value: string | number | undefined) => {
      const f = ENTITY_FIELDS.find((x) => x.key === key);
      const r = f ? rows.get(norm(f.label)) : undefined;
      if (r !== undefined && value !== undefined) entity.getCell(r, 2).value = value;
    };
    set("name", d.entity.name);
    set("parent", d.entity.parent ?? undefined);
    set("level", keyOf(LEVEL_CHOICES, d.entity.level));
    set("government", keyOf(GOVERNMENT_CHOICES, d.entity.government));
    set("unit", d.unit);
    set("title", input.options?.title);
  }

  const first = new Map<string, Table>();
  for (const t of d.tables) {
    if (first.has(t.id)) skipped.push(`表格“${t.title}”（同类表格只填第一张）`);
    else first.set(t.id, t);
  }
  // A table printed in another unit than the document's (Shanghai's 三公 table in 万元
  // of a 元 document) keeps it: its sheet's title says so, read.ts reads it back.
  const markUnit = (ws: ExcelJS.Worksheet, table: Table) => {
    if (table.unit === d.unit) return;
    const title = ws.getCell(TITLE_ROW, 1);
    title.value = `${cellString(title)}${sheetUnitMark(table.unit)}`;
  };
  const tables = templateTables(d.kind, d.year);
  for (const t of tables) {
    const table = first.get(t.id);
    const ws = wb.getWorksheet(t.sheet);
    if (!table || !ws) continue;
    markUnit(ws, table);
    fillTable(ws, t, table, skipped);
  }
  // A table the template has no sheet for (Jiangsu's 财政拨款支出表, a university's
  // 财政拨款支出决算表 …) gets a sheet of its own, built from its rows and columns.
  const sheetNames = new Set(wb.worksheets.map((w) => w.name));
  for (const [id, table] of first) {
    if (tables.some((x) => x.id === id)) continue;
    const t = extraTable(table, sheetNames);
    if (!t) {
      skipped.push(`表格“${table.title}”（模板没有此表）`);
      continue;
    }
    sheetNames.add(t.sheet);
    tableSheet(wb, t, new Map());
    const ws = wb.getWorksheet(t.sheet);
    if (!ws) continue;
    ws.getCell(TITLE_ROW, 1).note = extraTableNote(t);
    markUnit(ws, table);
    fillTable(ws, t, table, skipped);
  }

  /** Amounts by line label and by code into a lines-and-codes sheet. */
  const linesAndCodes = (
    name: string,
    labels: Record<string, string>,
    lines: Record<string, number>,
    codes: Record<string, number> | undefined,
    unit: MoneyUnit,
  ) => {
    const ws = wb.getWorksheet(name);
    if (!ws) return;
    const rows = labelRows(ws, FIELD_FIRST_ROW);
    const value = (a: number) => moneyValue(convertAmount(a, unit, d.unit).value);
    for (const [key, amount] of Object.entries(lines)) {
      const label = labels[key];
      const r = label ? rows.get(norm(label)) : undefined;
      if (r === undefined) skipped.push(`${name}“${key}”`);
      else ws.getCell(r, 2).value = value(amount);
    }
    let r = (rows.get(norm(CODES_HEADER)) ?? ws.rowCount) + 1;
    for (const [code, amount] of Object.entries(codes ?? {})) {
      ws.getCell(r, 1).value = code;
      ws.getCell(r, 2).value = value(amount);
      r++;
    }
  };
  if (input.prior)
    linesAndCodes(
      SHEET.prior,
      PRIOR_LABELS,
      input.prior.lines,
      input.prior.codes,
      input.prior.unit ?? d.unit,
    );
  const budget = input.figures?.initialBudget;
  if (budget)
    linesAndCodes(
      SHEET.initialBudget,
      BUDGET_LABELS,
      budget.lines,
      budget.codes,
      input.figures?.unit ?? d.unit,
    );

  const figures = wb.getWorksheet(SHEET.figures);
  const f = input.figures;
  if (figures && f) {
    const rows = labelRows(figures, FIELD_FIRST_ROW);
    const unit = f.unit ?? d.unit;
    const values: Record<string, number | undefined> = {
      runningCost: f.runningCost,
      "procurement.total": f.procurement?.total,
      "procurement.goods": f.procurement?.goods,
      "procurement.works": f.procurement?.works,
      "procurement.services": f.procurement?.services,
      "procurement.sme": f.procurement?.sme,
      "assets.total": f.assets?.total,
      "assets.current": f.assets?.current,
      "assets.fixed": f.assets?.fixed,
      "assets.vehicles": f.assets?.vehicles,
      "assets.bigEquipment": f.assets?.bigEquipment,
      "staff.authorised": f.staff?.authorised,
      "staff.actual": f.staff?.actual,
      "staff.retired": f.staff?.retired,
    };
    for (const field of FIGURE_FIELDS) {
      const v = values[field.key];
      const r = rows.get(norm(field.label));
      if (v === undefined || r === undefined) continue;
      figures.getCell(r, 2).value = field.count
        ? v
        : moneyValue(convertAmount(v, unit, d.unit).value);
    }
  }

  const texts = wb.getWorksheet(SHEET.texts);
  if (texts && input.texts) {
    const rows = labelRows(texts, FIELD_FIRST_ROW);
    const byKey = new Map(textFields(d.kind).map((x) => [x.key as string, x]));
    const reasons = input.texts.reasons ?? {};
    let codeRow = (rows.get(norm(REASON_CODES_HEADER)) ?? texts.rowCount) + 1;
    const put = (key: string, text: string | undefined) => {
      if (!text) return;
      const field = byKey.get(key);
      const r = field ? rows.get(norm(field.label)) : undefined;
      if (r !== undefined) texts.getCell(r, 2).value = text;
      else if (key.startsWith("reason:") && /^\d+$/.test(key.slice(7))) {
        texts.getCell(codeRow, 1).value = key.slice(7);
        texts.getCell(codeRow, 2).value = text;
        codeRow++;
      } else skipped.push(`文字说明“${key}”`);
    };
    for (const k of [
      "duties",
      "organisation",
      "performance",
      "procurement",
      "assets",
      "other",
    ] as const)
      put(k, input.texts[k]);
    for (const [k, text] of Object.entries(reasons)) put(`reason:${k}`, text);
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), skipped };
}
