/**
 * Small character-level helpers shared by the narrative modules.
 */
import { isWide } from "../../model/display-width.ts";

/**
 * Display width in columns (CJK ideographs, CJK punctuation and full-width
 * forms count two), so wrapped lines of Chinese and digits compare fairly.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    // Typographic quotes, the ellipsis and the em dash are set full width in Chinese text.
    const typographic =
      c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026 || c === 0x2014;
    w += isWide(c) || typographic ? 2 : 1;
  }
  return w;
}

const LATIN_DIGIT_RE = /[0-9A-Za-z]/;

/** Whether a character is a Latin letter or an ASCII digit. */
export function isLatinOrDigit(ch: string | undefined): boolean {
  return ch !== undefined && LATIN_DIGIT_RE.test(ch);
}

/**
 * Characters that end a sentence. A line ending in one of them may end a
 * paragraph; a heading never has one in its middle.
 */
export const SENTENCE_END_RE = /[。！？!?]$/;

/** Normalise a heading for comparison: spacing, leaders and page numbers do not count. */
export function headingKey(text: string): string {
  return text
    .replace(/(\.{2,}|…+|·{2,}|。{2,}|-{3,}|_{3,})\s*\d*\s*$/u, "")
    .replace(/\s+\d{1,3}\s*$/u, "")
    .replace(/[\s\u3000]+/gu, "")
    .replace(/[（(]/gu, "(")
    .replace(/[）)]/gu, ")")
    .replace(/[。.．]+$/u, "");
}
