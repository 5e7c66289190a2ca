/**
 * Small character-level helpers shared by the narrative modules.
 */

/**
 * Display width in columns (CJK ideographs, CJK punctuation and full-width
 * forms count two), so wrapped lines of Chinese and digits compare fairly.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Char-code ranges instead of a regex: this runs on every line.
    if (
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c === 0x201c ||
      c === 0x201d ||
      c === 0x2018 ||
      c === 0x2019 ||
      c === 0x2026 ||
      c === 0x2014
    ) {
      w += 2;
    } else if (c < 0xdc00 || c > 0xdfff) {
      // A low surrogate belongs to the character before it.
      w += 1;
    }
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
