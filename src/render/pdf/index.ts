/**
 * PDF through pdfkit, no browser: A4 pages, Noto Sans SC embedded, the
 * narrative in flowing text, every table drawn from its grid with ruling
 * lines around every cell (so PDF ingestion rebuilds it as a lattice grid),
 * its header rows repeated on every page it spans, wide tables on landscape
 * pages, and the charts drawn with vector primitives from the same data.
 */
import PDFDocument from "pdfkit";
import type { ChartData } from "../charts/data.ts";
import type { RenderInput } from "../input.ts";
import { type Block, buildOutline } from "../outline.ts";
import type { BodyCell, Grid, HeaderCell } from "../spec/index.ts";
import { fontBytes } from "./fonts.ts";

type Doc = PDFKit.PDFDocument;

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = { portrait: 56, landscape: 40 };
const BODY_SIZE = 10.5;
const CELL_PAD = 3;
const MIN_ROW = 15;
const LINE = 0.6;

interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
}

function frame(doc: Doc): Frame {
  const m = doc.page.margins;
  return {
    left: m.left,
    right: doc.page.width - m.right,
    top: m.top,
    bottom: doc.page.height - m.bottom,
    width: doc.page.width - m.left - m.right,
  };
}

function addPage(doc: Doc, landscape: boolean): void {
  const m = landscape ? MARGIN.landscape : MARGIN.portrait;
  doc.addPage({
    size: "A4",
    layout: landscape ? "landscape" : "portrait",
    margins: { top: m, bottom: m, left: m, right: m },
  });
}

// ------------------------------------------------------------------ narrative

function heading(doc: Doc, level: number, text: string): void {
  const f = frame(doc);
  const size = level === 1 ? 16 : level === 2 ? 13 : level === 3 ? 11.5 : 11;
  if (level === 1) {
    addPage(doc, false);
    doc.moveDown(1);
  } else if (doc.y + size * 2 + 60 > frame(doc).bottom) addPage(doc, false);
  else doc.moveDown(0.4);
  const g = frame(doc);
  doc
    .font("bold")
    .fontSize(size)
    .fillColor("#000")
    .text(text, g.left, doc.y, { width: f.width, align: level === 1 ? "center" : "left" });
  doc.moveDown(level === 1 ? 0.8 : 0.25);
}

function paragraph(doc: Doc, text: string): void {
  const f = frame(doc);
  const opts = { width: f.width, indent: BODY_SIZE * 2, lineGap: 4 };
  doc.font("regular").fontSize(BODY_SIZE);
  // A paragraph that fits on a page is not split across two: a reader of the
  // PDF would get the page number in the middle of a sentence.
  const h = doc.heightOfString(text, opts);
  if (doc.y + h > f.bottom && h < (f.bottom - f.top) / 2) addPage(doc, false);
  // Markers in a colour of their own, so that a person finds what to write.
  const parts = text.split(/(【待填写[^】]*】)/).filter((p) => p !== "");
  doc.font("regular").fontSize(BODY_SIZE);
  parts.forEach((part, i) => {
    const color = part.startsWith("【待填写") ? "#b45309" : "#000";
    const more = i < parts.length - 1;
    if (i === 0)
      doc
        .fillColor(color)
        .text(part, f.left, doc.y, { ...opts, align: "justify", continued: more });
    else doc.fillColor(color).text(part, { continued: more });
  });
  doc.fillColor("#000");
  doc.moveDown(0.3);
}

// --------------------------------------------------------------------- tables

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

function drawTable(doc: Doc, g: Grid, afterPartHeading: boolean): void {
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

// --------------------------------------------------------------------- charts

const COLORS = ["#c23531", "#2f4554", "#61a0a8", "#d48265", "#91c7ae", "#749f83", "#ca8622"];

/** Printed value of a chart figure (display only). */
function label(v: number): string {
  return (v / 100).toFixed(2);
}

function drawChart(doc: Doc, c: ChartData): void {
  const H = 230;
  if (doc.y + H + 20 > frame(doc).bottom) addPage(doc, false);
  const f = frame(doc);
  const top = doc.y + 6;
  // Titles without a unit figure (“单位：” lines belong to tables).
  doc
    .font("bold")
    .fontSize(11)
    .fillColor("#000")
    .text(`${c.title}（${c.unit}）`, f.left, top, { width: f.width, align: "center" });
  const areaTop = top + 22;
  const areaH = H - 60;
  if (c.type === "pie") drawPie(doc, c, f, areaTop, areaH);
  else drawBars(doc, c, f, areaTop, areaH);
  doc.fillColor("#000");
  doc.y = top + H;
}

function drawBars(doc: Doc, c: ChartData, f: Frame, top: number, h: number): void {
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const n = c.categories.length;
  const plotL = f.left + 30;
  const plotW = f.width - 60;
  const slot = plotW / n;
  const barW = Math.min(36, (slot * 0.7) / c.series.length);
  const base = top + h;
  c.categories.forEach((cat, i) => {
    c.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const bh = Math.max(0, (h - 16) * (v / max));
      const x = plotL + i * slot + (slot - barW * c.series.length) / 2 + k * barW;
      doc.rect(x + 1, base - bh, barW - 2, bh).fill(COLORS[k % COLORS.length] ?? "#333");
      doc
        .fillColor("#000")
        .font("regular")
        .fontSize(7.5)
        .text(label(v), x - 10, base - bh - 10, {
          width: barW + 20,
          align: "center",
          lineBreak: false,
        });
    });
    doc
      .fillColor("#000")
      .font("regular")
      .fontSize(8)
      .text(cat, plotL + i * slot, base + 4, { width: slot, align: "center" });
  });
  legend(
    doc,
    c.series.map((s) => s.name),
    f,
    base + 30,
  );
}

function drawPie(doc: Doc, c: ChartData, f: Frame, top: number, h: number): void {
  const values = c.series[0]?.values ?? [];
  const total = values.reduce((a, b) => a + Math.max(0, b), 0);
  if (total <= 0) return;
  const r = h / 2;
  const cx = f.left + f.width * 0.32;
  const cy = top + r;
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    const sweep = (2 * Math.PI * Math.max(0, v)) / total;
    const color = COLORS[i % COLORS.length] ?? "#333";
    if (sweep >= 2 * Math.PI - 1e-9) doc.circle(cx, cy, r).fill(color);
    else if (sweep > 0) {
      const x1 = cx + r * Math.cos(angle);
      const y1 = cy + r * Math.sin(angle);
      const x2 = cx + r * Math.cos(angle + sweep);
      const y2 = cy + r * Math.sin(angle + sweep);
      const large = sweep > Math.PI ? 1 : 0;
      doc.path(`M ${cx} ${cy} L ${x1} ${y1} A ${r} ${r} 0 ${large} 1 ${x2} ${y2} Z`).fill(color);
    }
    angle += sweep;
  });
  // Legend with the values beside the pie.
  let y = top + 10;
  const lx = f.left + f.width * 0.58;
  c.categories.forEach((cat, i) => {
    doc.rect(lx, y + 2, 9, 9).fill(COLORS[i % COLORS.length] ?? "#333");
    doc
      .fillColor("#000")
      .font("regular")
      .fontSize(9)
      .text(`${cat}  ${label(values[i] ?? 0)}`, lx + 14, y, { width: f.width * 0.4 });
    y += 16;
  });
}

function legend(doc: Doc, names: string[], f: Frame, y: number): void {
  let x = f.left + f.width / 2 - names.length * 40;
  names.forEach((n, i) => {
    doc.rect(x, y + 2, 9, 9).fill(COLORS[i % COLORS.length] ?? "#333");
    doc
      .fillColor("#000")
      .font("regular")
      .fontSize(8.5)
      .text(n, x + 12, y, { lineBreak: false });
    x += 80;
  });
}

// ------------------------------------------------------------------- document

function drawBlock(doc: Doc, b: Block, previous: Block | undefined): void {
  switch (b.kind) {
    case "heading":
      heading(doc, b.level, b.text);
      if (b.level <= 2) doc.outline.addItem(b.text);
      return;
    case "paragraph":
      paragraph(doc, b.text);
      return;
    case "table":
      drawTable(doc, b.grid, previous?.kind === "heading" && previous.level === 1);
      return;
    case "chart":
      drawChart(doc, b.chart);
      return;
  }
}

function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - doc.page.margins.bottom;
    // Writing in the margin must not start a new page.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(9)
      .fillColor("#000")
      .text(`— ${i + 1} —`, 0, bottom + saved / 2 - 5, {
        width: doc.page.width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = saved;
  }
}

export async function renderPdf(input: RenderInput): Promise<Uint8Array> {
  const o = buildOutline(input);
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: "A4",
    info: { Title: o.title, Creator: "gongkai", Producer: "gongkai" },
    pdfVersion: "1.7",
    lang: "zh-CN",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  doc.registerFont("regular", fontBytes("regular"));
  doc.registerFont("bold", fontBytes("bold"));
  // Cover.
  addPage(doc, false);
  const f = frame(doc);
  doc
    .font("bold")
    .fontSize(24)
    .text(o.title, f.left, A4.h * 0.3, { width: f.width, align: "center" });
  o.blocks.forEach((b, i) => {
    drawBlock(doc, b, o.blocks[i - 1]);
  });
  pageNumbers(doc);
  doc.end();
  await done;
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
