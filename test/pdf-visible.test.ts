/**
 * The text layer is read as the page shows it (issue 10, item 7): text cut
 * off by its clip path, set outside the page or drawn invisibly is not
 * content, and the reading notes say how much was left out.
 *
 * Real documents first: two Shanghai budgets print a text box whose
 * overflow is clipped at the foot of one page and printed again at the head
 * of the next; `pdftotext` (and gongkai before) read those paragraphs twice,
 * and the checker reported them as duplicates. Then small PDFs made here
 * with pdfkit, one case each.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import type { Layout } from "../src/ingest/layout.ts";
import { ingestPdf } from "../src/ingest/pdf/index.ts";
import { recognize } from "../src/recognize/index.ts";
import { SHARED } from "./helpers/seeds.ts";

const BUDGETS = join(SHARED, "corpus", "shanghai-putuo-budgets");
const COMMERCE = join(BUDGETS, "上海市普陀区商务委员会2025年部门预算.pdf");
const FINANCE = join(BUDGETS, "上海市普陀区财政局2025年部门预算.pdf");
const COURT = join(
  SHARED,
  "corpus",
  "jiangsu",
  "江苏省高级人民法院",
  "省法院2018年度部门预算公开.pdf",
);

function lines(layout: Layout, pages?: number[]): { page: number; text: string }[] {
  return layout.blocks.flatMap((b) =>
    b.kind === "line" && (!pages || pages.includes(b.page ?? 0))
      ? [{ page: b.page ?? 0, text: b.text }]
      : [],
  );
}

/** The reading note about text the page does not show, if any. */
function unseenNote(layout: Layout): string | undefined {
  return layout.warnings.find((w) => w.includes("在页面上看不到"));
}

/** Lines of some length that occur more than once on the given pages. */
function repeated(layout: Layout, pages: number[]): string[] {
  const count = new Map<string, number>();
  for (const l of lines(layout, pages)) {
    const t = l.text.replace(/\s+/g, "");
    if (t.length >= 20) count.set(t, (count.get(t) ?? 0) + 1);
  }
  return [...count].filter(([, n]) => n > 1).map(([t]) => t);
}

describe("PDF text the page does not show: corpus documents", () => {
  it("商务委员会: the 职能 text clipped at the foot of page 3 is read once, on page 4", async () => {
    const layout = await ingestPdf(readFileSync(COMMERCE));
    const at = lines(layout, [3, 4]);
    const start = at.filter((l) => l.text.startsWith("应急机制，协调重要商品储备和市场调控"));
    assert.deepEqual(
      start.map((l) => l.page),
      [4],
      at.map((l) => `${l.page} ${l.text}`).join("\n"),
    );
    // Page 3 ends where the page shows it end (item 9); page 4 no longer begins in item 7.
    const p3 = at.filter((l) => l.page === 3);
    assert.match(p3[p3.length - 1]?.text ?? "", /^9、组织协调本区商品交易市场规划/);
    assert.ok(!at.some((l) => l.page === 4 && l.text.startsWith("8、")), "item 8 on page 4");
    assert.deepEqual(repeated(layout, [3, 4]), []);
    assert.match(unseenNote(layout) ?? "", /^第 3、4 页文字层中有 \d+ 个字在页面上看不到/);
  });

  it("财政局: the 支出 paragraphs clipped across pages 7 and 8 are read once, and the reading is complete", async () => {
    const layout = await ingestPdf(readFileSync(FINANCE));
    assert.deepEqual(repeated(layout, [7, 8]), []);
    const health = lines(layout).filter((l) =>
      l.text.includes("卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）"),
    );
    assert.equal(health.length, 1, health.map((l) => `${l.page} ${l.text}`).join("\n"));
    assert.match(unseenNote(layout) ?? "", /^第 7、8 页/);
    // Text the page does not show is not a gap in the reading.
    assert.equal(recognize(layout).report?.partial, false);
  });

  it("法院: a chart label cut by the plot's frame reads as printed (“支出”, not “项目支出”)", async () => {
    const layout = await ingestPdf(readFileSync(COURT));
    const label = lines(layout, [18]).find((l) => l.text.includes(", 34.20%"));
    assert.ok(label, "the chart's labels on page 18");
    assert.match(label.text, /^支出, 34\.20%/);
    assert.match(unseenNote(layout) ?? "", /^第 18 页文字层中有 2 个字/);
  });
});

/** A one-page PDF drawn by `draw` (pdfkit, A4, points from the top left). */
function pdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 0 });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.font("Helvetica").fontSize(12);
    draw(doc);
    doc.end();
  });
}

/** A white PNG of w × h pixels (stands in for a scanned page). */
function whitePng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((w * 3 + 1) * h, 0xff);
  for (let y = 0; y < h; y++) rows[y * (w * 3 + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const nonSpace = (s: string) => s.replace(/\s/g, "").length;

describe("PDF text the page does not show: one case each", () => {
  it("text wholly outside its clip path is left out and counted; text inside it is read", async () => {
    const hidden = "Cut off below the box";
    const layout = await ingestPdf(
      await pdf((doc) => {
        doc.save();
        doc.rect(60, 90, 300, 40).clip();
        doc.text("Shown inside the box", 72, 100, { lineBreak: false });
        doc.text(hidden, 72, 300, { lineBreak: false });
        doc.restore();
        doc.text("Free text after the clip", 72, 400, { lineBreak: false });
      }),
    );
    assert.deepEqual(
      lines(layout).map((l) => l.text),
      ["Shown inside the box", "Free text after the clip"],
    );
    assert.equal(
      unseenNote(layout),
      `第 1 页文字层中有 ${nonSpace(hidden)} 个字在页面上看不到（在裁剪区域外、页面外或设为不可见），没有作为内容读取`,
    );
  });

  it("a word cut by the clip's edge keeps the characters that show, even in part", async () => {
    const word = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const layout = await ingestPdf(
      await pdf((doc) => {
        doc.save();
        doc.rect(60, 90, 100, 40).clip();
        doc.text(word, 72, 100, { lineBreak: false });
        doc.restore();
      }),
    );
    const read = lines(layout).map((l) => l.text);
    assert.equal(read.length, 1, read.join("|"));
    const shown = read[0] ?? "";
    // 88 pt of the word lie inside the clip: about 11 Helvetica capitals at 12 pt.
    assert.ok(word.startsWith(shown) && shown.length >= 10 && shown.length <= 13, shown);
    const note = unseenNote(layout) ?? "";
    assert.ok(note.includes(`有 ${word.length - shown.length} 个字`), note);
  });

  it("invisible text (render mode 3) is not read, unless it lies over an image (an OCR layer)", async () => {
    const layout = await ingestPdf(
      await pdf((doc) => {
        doc.text("Printed text", 72, 80, { lineBreak: false });
        doc.save();
        doc.addContent("3 Tr");
        doc.text("Invisible note", 72, 120, { lineBreak: false });
        doc.restore();
        doc.image(whitePng(40, 20), 60, 300, { width: 400, height: 200 });
        doc.save();
        doc.addContent("3 Tr");
        doc.text("Recognised from the scan", 72, 350, { lineBreak: false });
        doc.restore();
      }),
    );
    assert.deepEqual(
      lines(layout).map((l) => l.text),
      ["Printed text", "Recognised from the scan"],
    );
    assert.ok((unseenNote(layout) ?? "").includes(`有 ${nonSpace("Invisible note")} 个字`));
  });

  it("text set outside the page is not read, and is counted", async () => {
    const layout = await ingestPdf(
      await pdf((doc) => {
        doc.text("On the page", 72, 80, { lineBreak: false });
        doc.text("Below the page", 72, 900, { lineBreak: false });
      }),
    );
    assert.deepEqual(
      lines(layout).map((l) => l.text),
      ["On the page"],
    );
    assert.ok((unseenNote(layout) ?? "").includes(`有 ${nonSpace("Below the page")} 个字`));
  });

  it("a page that shows all its text has no such note", async () => {
    const layout = await ingestPdf(
      await pdf((doc) => {
        doc.save();
        doc.rect(60, 90, 300, 40).clip();
        doc.text("Shown inside the box", 72, 100, { lineBreak: false });
        doc.restore();
      }),
    );
    assert.equal(unseenNote(layout), undefined);
  });
});
