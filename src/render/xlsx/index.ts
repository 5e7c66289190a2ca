/**
 * `renderXlsx(input)`: the disclosure as a workbook the way publishers post
 * it. A 说明 sheet carries the title and the narrative (headings and
 * paragraphs, in the outline's order); then one sheet per table, drawn from
 * the render spec's grid: the table number, a title row merged across, the
 * 部门 / 单位 line, multi-row headers with merged cells, amounts as numbers
 * formatted `#,##0.00` (blank where the grid prints blank), codes as text,
 * column widths from the grid, the header frozen and repeated on every
 * printed page, A4 (landscape for wide tables) fitted to the page width.
 *
 * Charts are pictures in the 说明 sheet where the text places them: exceljs
 * embeds only raster images, so the chart's SVG is rasterised (docx/raster.ts).
 */
import ExcelJS from "exceljs";
import type { ChartData } from "../charts/data.ts";
import { chartSvg } from "../charts/svg.ts";
import { chartPng, repairSvg } from "../docx/raster.ts";
import type { RenderInput } from "../input.ts";
import { buildOutline, type Outline } from "../outline.ts";
import { fitColumns, textEm } from "../spec/fit.ts";
import type { BodyCell, Grid } from "../spec/index.ts";

export const MONEY_FORMAT = "#,##0.00";

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Excel's sheet-name rules: ≤ 31 characters, none of []:*?/\, unique (case-insensitive). */
export function sheetName(wanted: string, used: Set<string>): string {
  const clean = wanted
    .replace(/[[\]:*?/\\]/g, "")
    .replace(/^'+|'+$/g, "")
    .trim();
  const base = (clean || "表").slice(0, 31);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = `(${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** Approximate display width of text in Excel character units (CJK counts double). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”‘’]/.test(ch) ? 2 : 1;
  return w;
}

const NARRATIVE_WIDTH = 110;
/** Chart pictures in pixels (drawn at twice that resolution). */
const CHART = { width: 600, height: 340 };

/** A paragraph as rich text with 【待填写：…】 markers in orange, or plain text without them. */
export function markedText(text: string): ExcelJS.CellValue {
  const parts: ExcelJS.RichText[] = [];
  let at = 0;
  for (const m of text.matchAll(/【待填写[^】]*】/g)) {
    const i = m.index ?? 0;
    if (i > at) parts.push({ text: text.slice(at, i) });
    parts.push({ text: m[0], font: { color: { argb: "FFC55A11" }, bold: true } });
    at = i + m[0].length;
  }
  if (!parts.length) return text;
  if (at < text.length) parts.push({ text: text.slice(at) });
  return { richText: parts };
}

/** Chart pictures, by chart, made before the sheet is written (rasterising is async). */
type ChartImages = Map<ChartData, Uint8Array>;

async function chartImages(o: Outline, enabled: boolean): Promise<ChartImages> {
  const out: ChartImages = new Map();
  if (!enabled) return out;
  for (const b of o.blocks)
    if (b.kind === "chart") {
      const svg = repairSvg(chartSvg(b.chart, CHART.width, CHART.height));
      out.set(b.chart, await chartPng(b.chart, svg, CHART.width, CHART.height));
    }
  return out;
}

function narrativeSheet(
  wb: ExcelJS.Workbook,
  o: Outline,
  used: Set<string>,
  images: ChartImages,
): void {
  const ws = wb.addWorksheet(sheetName("说明", used), {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
  });
  ws.getColumn(1).width = NARRATIVE_WIDTH;
  const title = ws.addRow([o.title]);
  title.font = { bold: true, size: 18 };
  title.alignment = { horizontal: "center" };
  title.height = 30;
  for (const b of o.blocks) {
    if (b.kind === "heading") {
      const row = ws.addRow([b.text]);
      row.font = { bold: true, size: b.level === 1 ? 15 : b.level === 2 ? 13 : 12 };
      if (b.level === 1) row.alignment = { horizontal: "center" };
      row.height = b.level === 1 ? 24 : 20;
    } else if (b.kind === "paragraph") {
      // A paragraph is one wrapped cell; Excel does not grow the row itself.
      const row = ws.addRow([markedText(`　　${b.text}`)]);
      row.alignment = { wrapText: true, vertical: "top" };
      const lines = Math.max(1, Math.ceil(textWidth(b.text) / (NARRATIVE_WIDTH - 6)));
      row.height = Math.min(409, 16 * lines + 4);
    } else if (b.kind === "chart") {
      const png = images.get(b.chart);
      if (!png) continue;
      // One row as tall as the picture, the picture anchored in it.
      const row = ws.addRow([]);
      row.height = CHART.height * 0.75 + 8;
      const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
      ws.addImage(id, {
        tl: { col: 0.2, row: row.number - 1 + 0.05 },
        ext: { width: CHART.width, height: CHART.height },
        editAs: "oneCell",
      });
    }
  }
}

/**
 * Width of a cell's text in Excel's character units: one digit of the
 * workbook's font is a unit (Excel and LibreOffice both scale the unit with
 * the font that draws it), a CJK character at 11 pt is 2.1 of them (Calibri's
 * digit is 7 px, a CJK glyph 14.7 px), separators half a digit.
 */
export function cellChars(text: string, bold = false): number {
  let w = 0;
  for (const ch of text) {
    if (textEm(ch) === 1) w += 2.1;
    else if (",.:;'|! ".includes(ch)) w += 0.5;
    else if ("()[]-".includes(ch)) w += 0.6;
    else w += 1;
  }
  return bold ? w * 1.06 : w;
}

/** A name wider than this (character units) wraps within its column. */
const NAME_CAP = 48;

/**
 * Column widths in Excel's character units, from what the cells hold: an
 * amount as wide as its formatted number (never `###`), a code unbroken, a
 * name on one line up to NAME_CAP, header words in at most three lines, the
 * columns of figures alike.
 */
export function columnWidths(g: Grid): number[] {
  const fit = fitColumns(g, {
    size: 1,
    width: Number.POSITIVE_INFINITY,
    pad: 2,
    nameCap: NAME_CAP,
    measure: cellChars,
  });
  return fit.widths.map((w) => Math.max(6, Math.ceil(w * 10) / 10));
}

function bodyValue(c: BodyCell): ExcelJS.CellValue {
  if (c.amount === undefined) return c.text === "" ? null : c.text;
  // Exact hundredths → the number Excel stores; the format prints two decimals.
  return c.amount === null ? null : c.amount / 100;
}

function tableSheet(wb: ExcelJS.Workbook, g: Grid, used: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(`${g.number} ${g.title}`, used), {
    pageSetup: {
      paperSize: 9,
      orientation: g.landscape ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
  });
  const w = g.width;
  columnWidths(g).forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  // Row 1: number; row 2: title merged across; row 3: entity (left) and unit (right).
  ws.getCell(1, 1).value = g.number;
  const title = ws.getCell(2, 1);
  title.value = g.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center", vertical: "middle" };
  if (w > 1) ws.mergeCells(2, 1, 2, w);
  ws.getRow(2).height = 28;
  ws.getCell(3, 1).value = g.entityLine;
  if (w > 3) ws.mergeCells(3, 1, 3, w - 2);
  // The unit sits at the right edge: in the last two columns, merged, where there is room.
  const unitCol = w > 3 ? w - 1 : w;
  const unit = ws.getCell(3, unitCol);
  unit.value = g.unitLine;
  unit.alignment = { horizontal: "right" };
  if (w > 3) ws.mergeCells(3, unitCol, 3, w);

  const h0 = 4;
  for (let r = 0; r < g.headerRows; r++)
    for (let c = 0; c < w; c++) {
      const cell = ws.getCell(h0 + r, c + 1);
      cell.border = THIN;
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    }
  for (const h of g.header) {
    const cell = ws.getCell(h0 + h.row, h.col + 1);
    cell.value = h.text;
    const rs = h.rowSpan ?? 1;
    const cs = h.colSpan ?? 1;
    if (rs > 1 || cs > 1) ws.mergeCells(h0 + h.row, h.col + 1, h0 + h.row + rs - 1, h.col + cs);
  }
  // Wrapped text in merged cells does not grow its row (in Excel or LibreOffice): set
  // each header row to the lines its longest label needs in the width it spans.
  const widths = columnWidths(g);
  const lineHeight = 15;
  const need = Array.from({ length: g.headerRows }, () => 1);
  for (const h of g.header) {
    const span = widths.slice(h.col, h.col + (h.colSpan ?? 1)).reduce((a, b) => a + b, 0);
    const lines = Math.ceil(cellChars(h.text, true) / Math.max(1, span - 1.5));
    const perRow = Math.ceil(lines / (h.rowSpan ?? 1));
    need[h.row] = Math.max(need[h.row] ?? 1, perRow);
  }
  need.forEach((lines, i) => {
    ws.getRow(h0 + i).height = lines * lineHeight + 6;
  });
  const b0 = h0 + g.headerRows;
  g.body.forEach((cells, i) => {
    const r = b0 + i;
    const lines = Math.max(
      1,
      ...cells.map((c, k) =>
        c.amount === undefined
          ? Math.ceil(
              (cellChars(c.text, c.bold) + (c.indent ?? 0) * cellChars("中")) /
                Math.max(1, (widths[k] ?? 8) - 1.5),
            )
          : 1,
      ),
    );
    if (lines > 1) ws.getRow(r).height = lines * lineHeight + 4;
    cells.forEach((c, k) => {
      const cell = ws.getCell(r, k + 1);
      cell.value = bodyValue(c);
      cell.border = THIN;
      if (c.amount !== undefined) cell.numFmt = MONEY_FORMAT;
      else cell.numFmt = "@";
      const alignment: Partial<ExcelJS.Alignment> = {
        horizontal: c.align,
        vertical: "middle",
        wrapText: c.amount === undefined,
      };
      if (c.indent) alignment.indent = c.indent;
      cell.alignment = alignment;
      if (c.bold) cell.font = { bold: true };
    });
  });
  let r = b0 + g.body.length;
  for (const note of [g.emptyNote, g.note]) {
    if (!note) continue;
    const cell = ws.getCell(r, 1);
    cell.value = note;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (w > 1) ws.mergeCells(r, 1, r, w);
    const chars = columnWidths(g).reduce((a, b) => a + b, 0);
    ws.getRow(r).height = 16 * Math.max(1, Math.ceil(textWidth(note) / chars)) + 4;
    r++;
  }
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: b0 - 1, topLeftCell: `A${b0}` }];
  ws.pageSetup.printTitlesRow = `${h0}:${b0 - 1}`;
}

/** The whole disclosure as XLSX bytes. */
export async function renderXlsx(input: RenderInput): Promise<Uint8Array> {
  const o = buildOutline(input);
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai";
  wb.title = o.title;
  const used = new Set<string>();
  narrativeSheet(wb, o, used, await chartImages(o, input.options?.charts !== false));
  for (const b of o.blocks) if (b.kind === "table") tableSheet(wb, b.grid, used);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
