/** A PDF of 2,000 pages: read up to the page bound, with a warning, in bounded time. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import PDFDocument from "pdfkit";
import { ingestPdf, MAX_PAGES } from "../src/ingest/pdf/index.ts";

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
