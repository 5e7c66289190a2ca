/**
 * PDF through pdfkit, no browser: A4 pages, Noto Sans SC embedded, the
 * narrative in flowing text, every table drawn from its grid with ruling
 * lines around every cell (so PDF ingestion rebuilds it as a lattice grid),
 * its header rows repeated on every page it spans, wide tables on landscape
 * pages, and the charts drawn with vector primitives from the same data.
 */
import PDFDocument from "pdfkit";
import type { RenderInput } from "../input.ts";
import { type Block, buildOutline } from "../outline.ts";
import { drawChart } from "./chart.ts";
import { fontBytes } from "./fonts.ts";
import { A4, addPage, type Doc, frame } from "./page.ts";
import { drawTable } from "./table.ts";
import { heading, paragraph } from "./text.ts";

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
