/**
 * Which characters a terminal, or a text laid out in columns, draws two
 * columns wide: Hangul jamo, the CJK blocks (radicals, punctuation, kana,
 * ideographs), Hangul syllables, compatibility ideographs, vertical and
 * full-width forms, and the supplementary ideographs. One definition for
 * every place that lines text up: column-aligned text read back into grids,
 * narrative headings, terminal tables and the command's help.
 */
export function isWide(codePoint: number): boolean {
  const c = codePoint;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}
