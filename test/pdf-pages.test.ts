/** A PDF of 2,000 pages: read up to the page bound, with a warning, in bounded time. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import PDFDocument from "pdfkit";
import { ingestPdf, MAX_PAGES } from "../src/ingest/pdf/index.ts";

function pdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", autoFirstPage: false, margin: 0 });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    draw(doc);
    doc.end();
  });
}

function manyPages(n: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    for (let i = 1; i <= n; i++) doc.addPage().fontSize(12).text(`Page ${i} of ${n}`, 72, 72);
    doc.end();
  });
}

describe("PDF: a 2,000-page document", () => {
  it(`reads the first ${MAX_PAGES} pages and says it stopped`, async () => {
    const layout = await ingestPdf(await manyPages(2000));
    assert.equal(layout.pages, 2000);
    const pages = new Set(layout.blocks.map((b) => b.page));
    assert.equal(Math.max(...[...pages].map((p) => p ?? 0)), MAX_PAGES);
    assert.ok(layout.warnings.some((w) => w.includes(`超过上限 ${MAX_PAGES} 页`)));
  });
});

describe("PDF: page numbers", () => {
  it("a page number printed at the foot or head of a page is not text", async () => {
    const bytes = await pdf((doc) => {
      for (const [i, foot] of ["- 1 -", "-- 2 --", "3/4", "4"].entries()) {
        doc.addPage().fontSize(12).text("Total income 94.04, up 0.62", 72, 100);
        doc.text("Line 12 of the table", 72, 130);
        if (i === 3) doc.text("7", 72, 160);
        doc.text(foot, 280, 800);
      }
    });
    const texts = (await ingestPdf(bytes)).blocks.flatMap((b) =>
      b.kind === "line" ? [b.text.trim()] : [],
    );
    assert.ok(!texts.some((t) => /^(?:- 1 -|-- 2 --|3\/4|4)$/.test(t)), texts.join(" | "));
    // Numbers inside the page, and sentences, stay.
    assert.ok(texts.includes("7"), texts.join(" | "));
    assert.equal(texts.filter((t) => t.startsWith("Total income")).length, 4);
  });
});
