/**
 * A table in the PDF, drawn from its grid: a ruled box around every cell (PDF
 * ingestion rebuilds lattice grids from them), header rows repeated on every
 * page the table continues on, amounts on one line, a table a little too long
 * for its page set tighter.
 */
import type { BodyCell, Grid, HeaderCell } from "../spec/index.ts";
import { addPage, CELL_PAD, type Doc, frame, LINE, MIN_ROW } from "./page.ts";

interface TableGeometry {
  minRow: number;
  colX: number[];
  colW: number[];
  size: number;
  headerH: number[];
}

function textHeight(doc: Doc, text: string, width: number, size: number, bold: boolean): number {
  if (!text) return size;
  doc.font(bold ? "bold" : "regular").fontSize(size);
  return doc.heightOfString(text, { width: Math.max(4, width), lineGap: 1 });
}

/** Column widths from the grid's proportions, and a font size at which every amount fits on one line. */
function geometry(doc: Doc, g: Grid, minRow = MIN_ROW, maxSize = 9): TableGeometry {
  const f = frame(doc);
  const sum = g.widths.reduce((a, b) => a + b, 0);
  const colW = g.widths.map((w) => (f.width * w) / sum);
  const colX: number[] = [];
  let x = f.left;
  for (const w of colW) {
    colX.push(x);
    x += w;
  }
  let size = Math.min(maxSize, g.width > 10 ? 8 : 9);
  doc.font("regular");
  for (; size > 5.5; size -= 0.5) {
    doc.fontSize(size);
    const fits = g.body.every((row) =>
      row.every(
        (c, i) => c.align !== "right" || doc.widthOfString(c.text) <= (colW[i] ?? 0) - 2 * CELL_PAD,
      ),
    );
    if (fits) break;
  }
  const headerH = Array.from({ length: g.headerRows }, () => minRow + 3);
  for (const h of g.header) {
    const w = spanWidth(colW, h.col, h.colSpan ?? 1) - 2 * CELL_PAD;
    const need = textHeight(doc, h.text, w, size, true) + 2 * CELL_PAD;
    const span = h.rowSpan ?? 1;
    if (span === 1) headerH[h.row] = Math.max(headerH[h.row] ?? 0, need);
  }
  // Row-spanning header cells: grow their last row when they need more room.
  for (const h of g.header) {
    const span = h.rowSpan ?? 1;
    if (span === 1) continue;
    const w = spanWidth(colW, h.col, h.colSpan ?? 1) - 2 * CELL_PAD;
    const need = textHeight(doc, h.text, w, size, true) + 2 * CELL_PAD;
    const have = headerH.slice(h.row, h.row + span).reduce((a, b) => a + b, 0);
    const last = h.row + span - 1;
    if (need > have) headerH[last] = (headerH[last] ?? 0) + need - have;
  }
  return { colX, colW, size, headerH, minRow };
}

function spanWidth(colW: number[], col: number, span: number): number {
  let w = 0;
  for (let k = col; k < col + span; k++) w += colW[k] ?? 0;
  return w;
}

function cellBox(doc: Doc, x: number, y: number, w: number, h: number): void {
  doc.lineWidth(LINE).strokeColor("#000").rect(x, y, w, h).stroke();
}

function cellText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  opts: { align: "left" | "center" | "right"; bold?: boolean; size: number; indent?: number },
): void {
  if (!text) return;
  const inner = w - 2 * CELL_PAD - (opts.indent ?? 0);
  const th = textHeight(doc, text, inner, opts.size, !!opts.bold);
  doc
    .font(opts.bold ? "bold" : "regular")
    .fontSize(opts.size)
    .fillColor("#000")
    .text(text, x + CELL_PAD + (opts.indent ?? 0), y + Math.max(CELL_PAD, (h - th) / 2), {
      width: inner,
      align: opts.align,
      lineGap: 1,
      lineBreak: true,
    });
}

function drawHeader(doc: Doc, g: Grid, geo: TableGeometry, y0: number): number {
  const rowY: number[] = [];
  let y = y0;
  for (const h of geo.headerH) {
    rowY.push(y);
    y += h;
  }
  for (const h of g.header as HeaderCell[]) {
    const x = geo.colX[h.col] ?? 0;
    const w = spanWidth(geo.colW, h.col, h.colSpan ?? 1);
    const top = rowY[h.row] ?? y0;
    const hh = geo.headerH.slice(h.row, h.row + (h.rowSpan ?? 1)).reduce((a, b) => a + b, 0);
    doc.rect(x, top, w, hh).fill("#f0f0f0");
    cellBox(doc, x, top, w, hh);
    cellText(doc, h.text, x, top, w, hh, { align: "center", bold: true, size: geo.size });
  }
  return y;
}

function rowHeight(doc: Doc, row: BodyCell[], geo: TableGeometry): number {
  let h = geo.minRow;
  row.forEach((c, i) => {
    const w = (geo.colW[i] ?? 0) - 2 * CELL_PAD - (c.indent ?? 0) * geo.size;
    h = Math.max(h, textHeight(doc, c.text, w, geo.size, !!c.bold) + 2 * CELL_PAD);
  });
  return h;
}

function tableTitle(doc: Doc, g: Grid, top: number): void {
  const f = frame(doc);
  doc
    .font("regular")
    .fontSize(10)
    .fillColor("#000")
    .text(g.number, f.left, top, { width: f.width });
  doc.moveDown(0.2);
  doc.font("bold").fontSize(15).text(g.title, f.left, doc.y, { width: f.width, align: "center" });
  doc.moveDown(0.3);
  const y = doc.y;
  doc.font("regular").fontSize(9);
  doc.text(g.entityLine, f.left, y, { width: f.width * 0.7, lineBreak: false });
  doc.text(g.unitLine, f.left, y, { width: f.width, align: "right", lineBreak: false });
  doc.y = y + 14;
}

/** Height of the whole table (header, rows and notes) in a geometry. */
function tableHeight(doc: Doc, g: Grid, geo: TableGeometry): number {
  let h = geo.headerH.reduce((a, b) => a + b, 0);
  for (const row of g.body) h += rowHeight(doc, row, geo);
  return h + (g.emptyNote ? 16 : 0) + (g.note ? 16 : 0) + 6;
}

/**
 * The table's geometry; a table a little too long for one page is set a
 * little tighter so that it (and its notes) stay on the page.
 */
function fittingGeometry(doc: Doc, g: Grid, room: number): TableGeometry {
  const normal = geometry(doc, g);
  const need = tableHeight(doc, g, normal);
  if (need <= room || need > room * 1.6) return normal;
  for (const [minRow, size] of [
    [13.5, 8.5],
    [12.5, 8],
    [11.5, 7.5],
    [10.5, 7],
  ] as const) {
    const tight = geometry(doc, g, minRow, size);
    if (tableHeight(doc, g, tight) <= room) return tight;
  }
  return normal;
}

export function drawTable(doc: Doc, g: Grid, afterPartHeading: boolean): void {
  // The first table of a part starts under the part's heading when all of it fits there.
  let samePage = false;
  if (afterPartHeading && !g.landscape && doc.page.width < doc.page.height) {
    const geo = geometry(doc, g);
    let h = 60 + geo.headerH.reduce((a, b) => a + b, 0);
    for (const row of g.body) h += rowHeight(doc, row, geo);
    samePage = doc.y + h < frame(doc).bottom;
  }
  if (!samePage) addPage(doc, g.landscape);
  tableTitle(doc, g, samePage ? doc.y + 10 : frame(doc).top);
  doc.outline.addItem(`${g.number} ${g.title}`);
  const geo = fittingGeometry(doc, g, frame(doc).bottom - doc.y);
  let y = drawHeader(doc, g, geo, doc.y);
  for (const row of g.body) {
    const h = rowHeight(doc, row, geo);
    if (y + h > frame(doc).bottom) {
      // Continue on a new page of the same orientation, header repeated.
      addPage(doc, g.landscape);
      const f = frame(doc);
      doc.font("regular").fontSize(9).text(`${g.number}（续）`, f.left, f.top, { width: f.width });
      y = drawHeader(doc, g, geo, f.top + 16);
    }
    row.forEach((c, i) => {
      const x = geo.colX[i] ?? 0;
      const w = geo.colW[i] ?? 0;
      cellBox(doc, x, y, w, h);
      cellText(doc, c.text, x, y, w, h, {
        align: c.align,
        bold: !!c.bold,
        size: geo.size,
        indent: (c.indent ?? 0) * geo.size,
      });
    });
    y += h;
  }
  const f = frame(doc);
  doc.y = y + 6;
  for (const note of [g.emptyNote, g.note]) {
    if (!note) continue;
    if (doc.y + 14 > f.bottom) addPage(doc, g.landscape);
    doc
      .font(note === g.emptyNote ? "bold" : "regular")
      .fontSize(9)
      .text(note, f.left, doc.y, { width: f.width });
    doc.moveDown(0.2);
  }
}
