/**
 * `writeTemplate({kind, year})`: the spreadsheet a preparer fills in Excel
 * (or WPS / LibreOffice) to produce a disclosure. Sheets, in order:
 *
 * 填表说明 (how to fill), 单位信息 (entity, year, unit), one sheet per standard
 * table (official columns; 科目编码 with a drop-down of the year's catalog;
 * fixed lines for the summary and 三公 tables), 上年数 (last year's figures
 * the narrative compares), 其他数据 (机关运行经费, 政府采购, 资产, 人员),
 * 文字说明 (texts only a person can write) and the hidden 科目目录.
 *
 * `readTemplate` (read.ts) reads the same layout back; both take their
 * positions and labels from tables.ts and fields.ts.
 */
import ExcelJS from "exceljs";
import { type CatalogKind, entriesFor } from "../catalog/index.ts";
import { GongkaiError } from "../model/errors.ts";
import type { Kind } from "../model/schema.ts";
import { PRIOR_LINE_KEYS } from "../render/input.ts";
import {
  BLANK_ROWS,
  BUDGET_LABELS,
  CODES_HEADER,
  ENTITY_FIELDS,
  FIELD_FIRST_ROW,
  FIGURE_FIELDS,
  FIRST_DATA_ROW,
  HEADER_ROW,
  KIND_CHOICES,
  NOTE_ROW,
  PRIOR_LABELS,
  REASON_CODES_HEADER,
  SHEET,
  TITLE_ROW,
  textFields,
} from "./fields.ts";
import { type TemplateTable, templateTables } from "./tables.ts";

export interface TemplateOptions {
  kind: Kind;
  /** Fiscal year; default: next year for a budget, last year for final accounts. */
  year?: number;
}

export const MONEY_FORMAT = "#,##0.00";

const INPUT_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFFFF9DB" },
};
const NA_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
const HEAD_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFDDEBF7" },
};
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** A blank form prints on A4, fitted to the page width. */
const PRINT: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: "portrait",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
};

/** Default year: budgets are prepared for next year, final accounts for last year. */
export function defaultYear(kind: Kind, now: Date = new Date()): number {
  const y = now.getUTCFullYear();
  return kind === "budget" ? y + 1 : y - 1;
}

/** Column letter of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = "";
  let k = n;
  while (k > 0) {
    const r = (k - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    k = Math.floor((k - 1) / 26);
  }
  return s;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The hidden 科目目录 sheet: one column per catalog kind, "编码 名称" per cell. */
function catalogSheet(wb: ExcelJS.Workbook, year: number): void {
  const ws = wb.addWorksheet(SHEET.catalog, { state: "hidden" });
  const kinds: [CatalogKind, string][] = [
    ["func", "支出功能分类科目"],
    ["econ_dept", "部门预算支出经济分类科目"],
  ];
  kinds.forEach(([kind, head], i) => {
    const col = i + 1;
    ws.getCell(1, col).value = `${year}年${head}`;
    const entries = entriesFor(year, kind).sort((a, b) => a.code.localeCompare(b.code));
    entries.forEach((e, k) => {
      ws.getCell(2 + k, col).value = `${e.code} ${e.name}`;
    });
    ws.getColumn(col).width = 40;
  });
}

function listValidation(formula: string, prompt: string, strict: boolean): ExcelJS.DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: [formula],
    showInputMessage: true,
    promptTitle: "请选择",
    prompt,
    showErrorMessage: true,
    errorStyle: strict ? "stop" : "warning",
    errorTitle: "不在列表中",
    error: "请从下拉列表中选择；读取模板时会再次核对。",
  };
}

function inlineList(choices: readonly string[]): string {
  return `"${choices.join(",")}"`;
}

function styleHead(cell: ExcelJS.Cell): void {
  cell.font = { bold: true };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  cell.fill = HEAD_FILL;
  cell.border = THIN;
}

function styleInput(cell: ExcelJS.Cell, money: boolean): void {
  cell.fill = INPUT_FILL;
  cell.border = THIN;
  if (money) {
    cell.numFmt = MONEY_FORMAT;
    cell.alignment = { horizontal: "right" };
  }
}

function instructionsSheet(wb: ExcelJS.Workbook, kind: Kind, year: number): void {
  const ws = wb.addWorksheet(SHEET.instructions, { pageSetup: PRINT });
  const word = kind === "budget" ? "部门预算" : "部门决算";
  const lines = [
    `${year}年度${word}公开填报模板 — 填表说明`,
    "",
    "1. 先填“单位信息”表：单位名称、年度、金额单位为必填项；“公开类型”由模板确定，请勿修改。",
    "2. 各表格工作表对应一张公开表格。浅黄色单元格为填写区，灰色单元格不适用、请留空。",
    "3. 金额一律按“单位信息”中的金额单位填写数字（最多两位小数），不要带单位或文字；空白表示无数。",
    "4. 科目编码请从下拉列表选择（列表为本年度政府收支分类科目），也可直接输入编码数字；科目名称可不填，生成时自动使用官方名称。",
    "5. 各表应列出有数的类、款、项各级科目；“合计”行填全表合计。合计与明细是否相符由检查工具核对。",
    "6. 表格本年无数时保留空白，并在第2行“空表说明”处写明原因（如“本单位无政府性基金预算拨款”）。",
    "7. “上年数”表填写上年的对应数字，用于生成“比上年增加（减少）”的说明；不填的项目在文稿中标注【待填写】。",
    "8. “文字说明”表填写只能由人撰写的内容：主要职责、机构设置、增减原因、绩效目标等。",
    "9. 填好后运行：gongkai render 模板.xlsx --format docx|xlsx|html|pdf。读取时如有错误，会逐项列出工作表和单元格（如“收支总表!B7”）。",
  ];
  lines.forEach((text, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    if (i === 0) cell.font = { bold: true, size: 14 };
    cell.alignment = { wrapText: true, vertical: "top" };
  });
  ws.getColumn(1).width = 110;
}

function entitySheet(wb: ExcelJS.Workbook, kind: Kind, year: number): void {
  const ws = wb.addWorksheet(SHEET.entity, { pageSetup: PRINT });
  ws.getCell(1, 1).value = "单位信息";
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  for (const [c, h] of ["项目", "内容", "填写要求"].entries()) {
    ws.getCell(2, c + 1).value = h;
    styleHead(ws.getCell(2, c + 1));
  }
  const kindLabel = Object.entries(KIND_CHOICES).find(([, v]) => v === kind)?.[0] ?? "";
  ENTITY_FIELDS.forEach((f, i) => {
    const r = FIELD_FIRST_ROW + i;
    ws.getCell(r, 1).value = f.required ? `${f.label}（必填）` : f.label;
    ws.getCell(r, 1).border = THIN;
    const input = ws.getCell(r, 2);
    styleInput(input, false);
    if (f.key === "year") input.value = year;
    if (f.key === "kind") input.value = kindLabel;
    if (f.choices) input.dataValidation = listValidation(inlineList(f.choices), f.help, true);
    ws.getCell(r, 3).value = f.help;
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 50;
}

/** A table sheet: title, 空表说明, a two-row header, fixed lines or blank code rows. */
export function tableSheet(
  wb: ExcelJS.Workbook,
  t: TemplateTable,
  lists: Map<CatalogKind, string>,
): void {
  const lead = t.rows.kind === "lines" ? 1 : 2;
  const width = lead + t.columns.length;
  const ws = wb.addWorksheet(t.sheet, {
    pageSetup: { ...PRINT, orientation: t.columns.length > 6 ? "landscape" : "portrait" },
    views: [{ state: "frozen", xSplit: lead, ySplit: FIRST_DATA_ROW - 1 }],
  });
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, width);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = `${t.number}　${t.title}`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: "center" };

  ws.getCell(NOTE_ROW, 1).value = "空表说明";
  ws.getCell(NOTE_ROW, 1).font = { bold: true };
  if (width > 2) ws.mergeCells(NOTE_ROW, 2, NOTE_ROW, width);
  const note = ws.getCell(NOTE_ROW, 2);
  styleInput(note, false);
  note.note = "本表无数时写明原因，如“本单位无政府性基金预算拨款，本表为空表”";

  // Lead columns span both header rows.
  const leadHeads =
    t.rows.kind === "lines"
      ? ["项目"]
      : t.rows.kind === "free"
        ? [t.rows.codeHead, t.rows.nameHead]
        : ["科目编码", "科目名称"];
  leadHeads.forEach((h, i) => {
    ws.mergeCells(HEADER_ROW, i + 1, HEADER_ROW + 1, i + 1);
    ws.getCell(HEADER_ROW, i + 1).value = h;
    styleHead(ws.getCell(HEADER_ROW, i + 1));
  });
  let c = 0;
  while (c < t.columns.length) {
    const col = t.columns[c];
    if (!col) break;
    const at = lead + 1 + c;
    if (col.group) {
      let n = 1;
      while (t.columns[c + n]?.group === col.group) n++;
      ws.mergeCells(HEADER_ROW, at, HEADER_ROW, at + n - 1);
      ws.getCell(HEADER_ROW, at).value = col.group;
      styleHead(ws.getCell(HEADER_ROW, at));
      for (let k = 0; k < n; k++) {
        const sub = ws.getCell(HEADER_ROW + 1, at + k);
        sub.value = t.columns[c + k]?.label ?? "";
        styleHead(sub);
      }
      c += n;
    } else {
      ws.mergeCells(HEADER_ROW, at, HEADER_ROW + 1, at);
      ws.getCell(HEADER_ROW, at).value = col.label;
      styleHead(ws.getCell(HEADER_ROW, at));
      c++;
    }
  }

  let r = FIRST_DATA_ROW;
  const fixed = t.rows.kind === "lines" ? t.rows.lines : t.rows.fixed;
  for (const line of fixed) {
    if (line.section) {
      ws.getCell(r, 1).value = line.section;
      ws.getCell(r, 1).font = { bold: true };
      r++;
    }
    ws.getCell(r, 1).value = line.label;
    ws.getCell(r, 1).border = THIN;
    if (lead === 2) ws.getCell(r, 2).border = THIN;
    t.columns.forEach((col, k) => {
      const cell = ws.getCell(r, lead + 1 + k);
      if (!line.columns || line.columns.includes(col.id)) styleInput(cell, true);
      else {
        cell.fill = NA_FILL;
        cell.border = THIN;
      }
    });
    r++;
  }
  if (t.rows.kind !== "lines") {
    const list = t.rows.kind === "code" ? lists.get(t.rows.catalog) : undefined;
    for (let k = 0; k < BLANK_ROWS; k++, r++) {
      for (let j = 1; j <= width; j++) styleInput(ws.getCell(r, j), j > lead);
      const code = ws.getCell(r, 1);
      code.numFmt = "@";
      if (list) code.dataValidation = listValidation(list, "选择或输入本年度的科目编码", false);
    }
  }
  ws.getColumn(1).width = t.rows.kind === "lines" ? 34 : t.rows.kind === "free" ? 22 : 30;
  if (lead === 2) ws.getColumn(2).width = 34;
  for (let k = 0; k < t.columns.length; k++) ws.getColumn(lead + 1 + k).width = 16;
}

/** A sheet of amounts by line (label → key) and then, optionally, by 功能分类 code. */
function linesAndCodesSheet(
  wb: ExcelJS.Workbook,
  name: string,
  heading: string,
  valueHead: string,
  labels: readonly string[],
  codesHead: string,
  lists: Map<CatalogKind, string>,
): void {
  const ws = wb.addWorksheet(name, { pageSetup: PRINT });
  ws.getCell(1, 1).value = heading;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  for (const [c, h] of ["项目", valueHead].entries()) {
    ws.getCell(2, c + 1).value = h;
    styleHead(ws.getCell(2, c + 1));
  }
  let r = FIELD_FIRST_ROW;
  for (const label of labels) {
    ws.getCell(r, 1).value = label;
    ws.getCell(r, 1).border = THIN;
    styleInput(ws.getCell(r, 2), true);
    r++;
  }
  r++;
  ws.getCell(r, 1).value = CODES_HEADER;
  ws.getCell(r, 2).value = codesHead;
  styleHead(ws.getCell(r, 1));
  styleHead(ws.getCell(r, 2));
  r++;
  const list = lists.get("func");
  for (let k = 0; k < 100; k++, r++) {
    const code = ws.getCell(r, 1);
    styleInput(code, false);
    code.numFmt = "@";
    if (list) code.dataValidation = listValidation(list, "选择科目编码", false);
    styleInput(ws.getCell(r, 2), true);
  }
  ws.getColumn(1).width = 36;
  ws.getColumn(2).width = 44;
}

function priorSheet(wb: ExcelJS.Workbook, year: number, lists: Map<CatalogKind, string>): void {
  linesAndCodesSheet(
    wb,
    SHEET.prior,
    `上年（${year - 1}年）数字 — 金额单位同“单位信息”`,
    "上年数",
    PRIOR_LINE_KEYS.map((k) => PRIOR_LABELS[k]),
    "上年一般公共预算支出（按功能分类科目，可选）",
    lists,
  );
}

/** 决算 only: the year's 年初预算, which the 决算 text compares with. */
function budgetSheet(wb: ExcelJS.Workbook, year: number, lists: Map<CatalogKind, string>): void {
  linesAndCodesSheet(
    wb,
    SHEET.initialBudget,
    `${year}年年初预算数 — 金额单位同“单位信息”`,
    "年初预算数",
    Object.values(BUDGET_LABELS),
    "一般公共预算财政拨款支出年初预算（按功能分类科目，可选）",
    lists,
  );
}

function figuresSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEET.figures, { pageSetup: PRINT });
  ws.getCell(1, 1).value = "其他数据 — 金额单位同“单位信息”";
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  for (const [c, h] of ["项目", "本年数", "说明"].entries()) {
    ws.getCell(2, c + 1).value = h;
    styleHead(ws.getCell(2, c + 1));
  }
  FIGURE_FIELDS.forEach((f, i) => {
    const r = FIELD_FIRST_ROW + i;
    ws.getCell(r, 1).value = f.label;
    ws.getCell(r, 1).border = THIN;
    const input = ws.getCell(r, 2);
    styleInput(input, !f.count);
    if (f.count) input.numFmt = "0";
    ws.getCell(r, 3).value = f.help;
  });
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 20;
  ws.getColumn(3).width = 40;
}

function textsSheet(wb: ExcelJS.Workbook, kind: Kind, lists: Map<CatalogKind, string>): void {
  const ws = wb.addWorksheet(SHEET.texts, { pageSetup: PRINT });
  ws.getCell(1, 1).value = "文字说明 — 只能由人撰写的内容，不填的在文稿中标注【待填写】";
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  for (const [c, h] of ["项目", "内容", "说明"].entries()) {
    ws.getCell(2, c + 1).value = h;
    styleHead(ws.getCell(2, c + 1));
  }
  let r = FIELD_FIRST_ROW;
  for (const f of textFields(kind)) {
    ws.getCell(r, 1).value = f.label;
    ws.getCell(r, 1).border = THIN;
    ws.getCell(r, 1).alignment = { vertical: "top", wrapText: true };
    const input = ws.getCell(r, 2);
    styleInput(input, false);
    input.alignment = { wrapText: true, vertical: "top" };
    ws.getCell(r, 3).value = f.help;
    ws.getRow(r).height = 45;
    r++;
  }
  r++;
  ws.getCell(r, 1).value = REASON_CODES_HEADER;
  ws.getCell(r, 2).value = "按科目说明增减原因（可选）";
  styleHead(ws.getCell(r, 1));
  styleHead(ws.getCell(r, 2));
  r++;
  const list = lists.get("func");
  for (let k = 0; k < 50; k++, r++) {
    const code = ws.getCell(r, 1);
    styleInput(code, false);
    code.numFmt = "@";
    if (list) code.dataValidation = listValidation(list, "选择科目编码", false);
    styleInput(ws.getCell(r, 2), false);
    ws.getCell(r, 2).alignment = { wrapText: true, vertical: "top" };
  }
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 80;
  ws.getColumn(3).width = 36;
}

/** Write the fill-in template of a kind and year as XLSX bytes. */
export async function writeTemplate(opts: TemplateOptions): Promise<Uint8Array> {
  const year = opts.year ?? defaultYear(opts.kind);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new GongkaiError("unreadable", `年度“${opts.year}”无效，应为 2000–2100 之间的整数`);
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai";
  // The hidden catalog goes last (after the sheets a preparer uses), but the
  // drop-downs need its ranges first.
  const lists = catalogRanges(year);
  instructionsSheet(wb, opts.kind, year);
  entitySheet(wb, opts.kind, year);
  for (const t of templateTables(opts.kind, year)) tableSheet(wb, t, lists);
  priorSheet(wb, year, lists);
  if (opts.kind === "final") budgetSheet(wb, year, lists);
  figuresSheet(wb);
  textsSheet(wb, opts.kind, lists);
  catalogSheet(wb, year);
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: "visible" },
  ];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The ranges catalogSheet will fill, computed without writing it. */
function catalogRanges(year: number): Map<CatalogKind, string> {
  const ranges = new Map<CatalogKind, string>();
  (["func", "econ_dept"] as const).forEach((kind, i) => {
    const letter = columnLetter(i + 1);
    const n = entriesFor(year, kind).length;
    ranges.set(kind, `${quoteSheet(SHEET.catalog)}!$${letter}$2:$${letter}$${n + 1}`);
  });
  return ranges;
}
