/**
 * PDF → Layout (issue 4).
 *
 * Each page is read as glyph runs and ruling segments (pages.ts); ruled
 * tables become grids with merged cells (lattice.ts); tables printed
 * without rulings become grids by where their words stand (aligned.ts); the
 * remaining text becomes lines in reading order (text.ts), with wide gaps
 * kept as runs of spaces. Blocks of a page are ordered top to
 * bottom; every line and grid row carries its page and box (PDF points,
 * top-left origin of the page as displayed).
 *
 * Bounds: at most MAX_PAGES pages and MAX_MILLIS of reading per document;
 * past either, the rest is skipped with a warning. A page with more than
 * MAX_SEGMENTS ruling segments is read as text lines only.
 */
import { GongkaiError } from "../../model/errors.ts";
import type { GridRow, Layout, LayoutBlock } from "../layout.ts";
import { DEFAULT_LIMITS, howToRaise } from "../limits.ts";
import { alignedTables } from "./aligned.ts";
import { boxToViewport } from "./geometry.ts";
import { latticeTables } from "./lattice.ts";
import { openPdf, type PdfDocument } from "./load.ts";
import { type PageContent, readPage } from "./pages.ts";
import { groupLines, lineText } from "./text.ts";

/** Far above any real disclosure (they run 10–100 pages). */
export const MAX_PAGES = DEFAULT_LIMITS.maxPages;
/** Reading time per document; at ~30–80 pages/s this is far above MAX_PAGES' need. */
export const MAX_MILLIS = DEFAULT_LIMITS.maxSeconds * 1000;
/**
 * More ruling segments than any table page draws (a dense table has a few
 * hundred): such a page is a chart or a vector drawing, and pairing its
 * segments (quadratic) would take too long. Its text is still read as lines.
 */
export const MAX_SEGMENTS = 5000;

/** A page whose characters are mostly unreadable: its font has no usable ToUnicode. */
function isGarbled(p: PageContent): boolean {
  return p.garbage >= 5 && p.garbage > p.chars * 0.2;
}

function pageList(pages: number[]): string {
  if (pages.length <= 12) return pages.join("、");
  return `${pages.slice(0, 12).join("、")} 等 ${pages.length} 页`;
}

export interface PdfOptions {
  maxPages?: number;
  maxMillis?: number;
}

export async function ingestPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<Layout> {
  const { doc, close } = await openPdf(bytes);
  try {
    return await readDocument(doc, opts);
  } finally {
    close();
  }
}

async function readDocument(doc: PdfDocument, opts: PdfOptions): Promise<Layout> {
  const maxPages = opts.maxPages ?? MAX_PAGES;
  const deadline = Date.now() + (opts.maxMillis ?? MAX_MILLIS);
  const warnings: string[] = [];
  const blocks: LayoutBlock[] = [];
  const garbled: number[] = [];
  const noText: number[] = [];
  const broken: number[] = [];
  const dense: number[] = [];
  /** Pages with text the page does not show, and how many characters. */
  const unseen: number[] = [];
  let unseenChars = 0;
  let line = 0;
  let totalChars = 0;
  let totalGarbage = 0;
  let read = 0;
  const total = doc.numPages;
  if (total > maxPages) {
    warnings.push(
      `PDF 共 ${total} 页，超过上限 ${maxPages} 页，只读取了前 ${maxPages} 页，其余 ${total - maxPages} 页未读取${howToRaise("maxPages")}`,
    );
  }
  for (let n = 1; n <= Math.min(total, maxPages); n++) {
    if (Date.now() > deadline) {
      warnings.push(
        `读取超时，只读取了前 ${n - 1} 页（共 ${total} 页），其余页未读取${howToRaise("maxSeconds")}`,
      );
      break;
    }
    let content: PageContent;
    try {
      content = readPage(doc, n);
    } catch {
      broken.push(n);
      continue;
    }
    read++;
    if (content.hidden > 0) {
      unseen.push(n);
      unseenChars += content.hidden;
    }
    totalGarbage += content.garbage;
    if (isGarbled(content)) {
      garbled.push(n);
      continue;
    }
    totalChars += content.chars;
    if (content.chars === 0) {
      // A page of images without text is a scanned page; an empty page is just empty.
      if (content.images > 0) noText.push(n);
      continue;
    }
    if (content.segments.length > MAX_SEGMENTS) {
      dense.push(n);
      content.segments = [];
    }
    line = pageBlocks(content, blocks, line);
  }
  if (read === 0) {
    throw new GongkaiError("unreadable", "PDF 文件已损坏或不完整，没有一页能够读取");
  }
  if (totalChars === 0) {
    if (totalGarbage > 0) {
      throw new GongkaiError(
        "unsupported_format",
        "这份 PDF 的字体没有可用的字符映射（ToUnicode），文字无法还原，需要先做 OCR 才能识别",
      );
    }
    throw new GongkaiError(
      "unsupported_format",
      "这份 PDF 没有文字层（可能是扫描件或图片），需要先做 OCR 才能识别",
    );
  }
  if (broken.length)
    warnings.push(`第 ${pageList(broken)} 页无法读取（文件可能已损坏或不完整），已跳过`);
  if (garbled.length) {
    warnings.push(
      `第 ${pageList(garbled)} 页的字体没有可用的字符映射（ToUnicode），文字无法还原，已跳过；需要先做 OCR`,
    );
  }
  if (dense.length) {
    warnings.push(
      `第 ${pageList(dense)} 页线条过多（超过 ${MAX_SEGMENTS} 段，可能是图形），未按表格线识别表格，文字按行读取`,
    );
  }
  if (noText.length)
    warnings.push(`第 ${pageList(noText)} 页没有文字层（可能是扫描页或图片），已跳过`);
  if (unseen.length) {
    // Not a gap in the reading: the page does not show this text (see visible.ts).
    warnings.push(
      `第 ${pageList(unseen)} 页文字层中有 ${unseenChars} 个字在页面上看不到（在裁剪区域外、页面外或设为不可见），没有作为内容读取`,
    );
  }
  return { format: "pdf", lineCount: line, pages: total, blocks, warnings };
}

const DASHED_NUMBER = /^[-—–―─━－~·•\s]*(\d{1,4})[-—–―─━－~·•\s]*$/u;
const PAGE_OF = /^第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?$|^\d{1,4}\s*\/\s*\d{1,4}$/u;

/** "— 3 —", "- 12 -", "第 3 页", "3/25"; a bare number only near the page's own index. */
function isPageNumber(text: string, page: number): boolean {
  const t = text.trim();
  if (PAGE_OF.test(t)) return true;
  const m = DASHED_NUMBER.exec(t);
  if (!m?.[1]) return false;
  if (/[-—–―─━－~·•]/u.test(t)) return true;
  return Math.abs(Number(m[1]) - page) <= 10;
}

/** Whether nothing on the page (line or table) lies above, or below, this top. */
function isOutermost(top: number, items: readonly { top: number }[]): boolean {
  return items.every((i) => i.top >= top) || items.every((i) => i.top <= top);
}

/** Append one page's blocks in reading order; returns the last line number used. */
function pageBlocks(content: PageContent, blocks: LayoutBlock[], startLine: number): number {
  const { page, frame } = content;
  const { tables, rest } = latticeTables(content.segments, content.glyphs);
  const items: { top: number; emit: () => void }[] = [];
  let line = startLine;
  const lines = groupLines(rest);
  const edges = new Set([lines[0], lines[lines.length - 1]]);
  // Tables printed without rulings: grids by where their words stand.
  const aligned = alignedTables(lines);
  const inAligned = new Set(aligned.flatMap((t) => t.lines));
  for (const l of lines) {
    if (inAligned.has(l)) continue;
    items.push({
      top: l.box[1],
      emit: () => {
        const text = lineText(l);
        if (text === "") return;
        // A page number printed as the page's first or last line ("— 3 —", "第 3 页")
        // is furniture: left in, it joins a sentence running on to the next page.
        if (edges.has(l) && isPageNumber(text, page) && isOutermost(l.box[1], items)) return;
        blocks.push({ kind: "line", text, line: ++line, page, box: boxToViewport(frame, l.box) });
      },
    });
  }
  for (const t of [...tables, ...aligned]) {
    items.push({
      top: t.box[1],
      emit: () => {
        const rows: GridRow[] = t.rows.map((r) => ({
          cells: r.cells.map((c) => (c.box ? { ...c, box: boxToViewport(frame, c.box) } : c)),
          line: ++line,
          page,
        }));
        if (rows.length === 0) return;
        blocks.push({
          kind: "grid",
          rows,
          line: rows[0]?.line ?? line,
          endLine: line,
          page,
          ...("doubt" in t && t.doubt ? { doubt: t.doubt } : {}),
        });
      },
    });
  }
  items.sort((a, b) => a.top - b.top);
  for (const it of items) it.emit();
  return line;
}
