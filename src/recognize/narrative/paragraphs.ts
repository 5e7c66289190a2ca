/**
 * Rebuild paragraphs from the wrapped lines a PDF extraction leaves: drop
 * blank lines and page numbers, join lines broken mid-sentence, and keep a
 * map from character offsets back to source lines so that a claim can cite
 * the exact line of its amount.
 */
import type { LayoutLine } from "../../ingest/layout.ts";
import type { Provenance } from "../../model/schema.ts";
import { displayWidth, isLatinOrDigit, SENTENCE_END_RE } from "./text.ts";

/** A non-empty source line, trimmed, with what the joining rules need. */
export interface CleanLine {
  /** Trimmed text (markdown bullet removed). */
  text: string;
  line: number;
  page?: number;
  /** The source had whitespace before / after the text (matters for joining digits). */
  leadSpace: boolean;
  trailSpace: boolean;
  /** Indented by two or more spaces: a paragraph's first line in many PDFs. */
  indented: boolean;
}

/** A paragraph: joined text plus where each piece of it came from. */
export interface Paragraph {
  text: string;
  /** Offset in `text` where each source line's piece starts (ascending). */
  starts: number[];
  /** Source line of each piece. */
  lines: number[];
  /** Page of each piece, where known. */
  pages: (number | undefined)[];
}

/** A page number standing alone: "12", "- 3 -", "第 3 页", "第3页 共20页". */
const PAGE_NUMBER_RE =
  /^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|\d{1,3}|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?)$/u;
/** Two cell separators: a tab-separated or markdown table row. */
const TABLE_ROW_RE = /\t.*\t|\|.*\|/u;
/** A markdown bullet ("- ", "* ", "+ ") that a text extraction kept. */
const BULLET_RE = /^[-*+]\s+/u;
/** A line that starts a list item, so it starts a paragraph. */
const LIST_START_RE =
  /^(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]{1,3}[、是]|第[一二三四五六七八九十]+[部分、])/u;

/**
 * Clean the lines: drop empty lines and page numbers; keep everything else
 * in order. A lone number just after a line ending in "." or a digit is the
 * rest of a broken amount ("582." / "36"), not a page number.
 */
export function cleanLines(lines: readonly LayoutLine[]): CleanLine[] {
  const out: CleanLine[] = [];
  for (const l of lines) {
    const raw = l.text;
    let text = raw.trim();
    if (text === "") continue;
    if (PAGE_NUMBER_RE.test(text)) {
      const prev = out[out.length - 1]?.text ?? "";
      if (!/[.\d,，]$/u.test(prev)) continue;
    }
    // Table rows left in the text (tab-separated or markdown pipes) are not prose.
    if (TABLE_ROW_RE.test(text)) continue;
    text = text.replace(BULLET_RE, "");
    const c: CleanLine = {
      text,
      line: l.line,
      leadSpace: /^\s/u.test(raw),
      trailSpace: /\s$/u.test(raw),
      indented: /^(?:\s{2,}|\u3000)/u.test(raw),
    };
    if (l.page !== undefined) c.page = l.page;
    out.push(c);
  }
  return out;
}

/** A paragraph being built: pieces are joined once at the end. */
interface Builder {
  parts: string[];
  length: number;
  lastChar: string | undefined;
  starts: number[];
  lines: number[];
  pages: (number | undefined)[];
}

function newBuilder(): Builder {
  return { parts: [], length: 0, lastChar: undefined, starts: [], lines: [], pages: [] };
}

/** Append a line's text, choosing whether a space survives the join. */
function appendPiece(b: Builder, prevLine: CleanLine | undefined, l: CleanLine): void {
  let sep = "";
  // Two Latin/digit tokens stay apart only when the source separated them;
  // CJK text never had spaces at a wrap.
  if (
    b.length > 0 &&
    prevLine &&
    isLatinOrDigit(b.lastChar) &&
    isLatinOrDigit(l.text[0]) &&
    (prevLine.trailSpace || l.leadSpace)
  ) {
    sep = " ";
  }
  b.starts.push(b.length + sep.length);
  b.lines.push(l.line);
  b.pages.push(l.page);
  if (sep) b.parts.push(sep);
  b.parts.push(l.text);
  b.length += sep.length + l.text.length;
  b.lastChar = l.text[l.text.length - 1];
}

function finish(b: Builder): Paragraph {
  return { text: b.parts.join(""), starts: b.starts, lines: b.lines, pages: b.pages };
}

/**
 * Join lines into paragraphs. A new paragraph starts at a list item, at an
 * indented line, or after a line that ends a sentence well short of the
 * wrapping width (a full-width line ending in "。" may just be wrapped).
 */
export function buildParagraphs(lines: readonly CleanLine[], typicalWidth: number): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Builder | undefined;
  let prev: CleanLine | undefined;
  for (const l of lines) {
    let start = cur === undefined;
    if (!start && prev) {
      const endsSentence = SENTENCE_END_RE.test(prev.text) || /[；;：:]$/u.test(prev.text);
      if (LIST_START_RE.test(l.text) && !/[、，,]$/u.test(prev.text)) start = true;
      else if (l.indented && endsSentence) start = true;
      else if (endsSentence && displayWidth(prev.text) < typicalWidth - 8) start = true;
    }
    if (start || !cur) {
      if (cur) out.push(finish(cur));
      cur = newBuilder();
    }
    appendPiece(cur, prev, l);
    prev = l;
  }
  if (cur) out.push(finish(cur));
  return out;
}

/** Index of the piece that holds character `offset`. */
function pieceAt(p: Paragraph, offset: number): number {
  let lo = 0;
  let hi = p.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((p.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Provenance of the text between two offsets of a paragraph (end exclusive). */
export function provenanceOf(p: Paragraph, from: number, to: number): Provenance {
  const a = pieceAt(p, from);
  const b = pieceAt(p, Math.max(from, to - 1));
  const prov: Provenance = { line: p.lines[a] ?? 1 };
  const endLine = p.lines[b];
  if (endLine !== undefined && endLine !== prov.line) prov.endLine = endLine;
  const page = p.pages[a];
  if (page !== undefined) prov.page = page;
  return prov;
}
