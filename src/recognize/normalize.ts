/**
 * Text normalisation shared by recognition. PDF extraction and typists give
 * the same words many shapes: full-width and half-width brackets and digits,
 * spaces inside words, Kangxi radicals from CJK fonts, curly and straight
 * quotes. Matching always happens on the compact form.
 */

/** NFKC folds full-width ASCII and Kangxi radicals (⼀ → 一); then unify brackets and quotes. */
export function nfkc(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[“”"＂「」『』]/g, "“")
    .replace(/[‘’']/g, "‘");
}

/** Compact form: NFKC, no whitespace, ASCII brackets. */
export function compact(text: string): string {
  return nfkc(text).replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");
}

const CN_ORDINAL =
  /^(?:[(（]?[一二三四五六七八九十廿]+[)）、.．]|[(（][一二三四五六七八九十廿]+[)）]|[(（]?\d{1,2}[)）]|\d{1,2}[、.．](?!\d)|[①-⑳])\s*/;

/** Remove a leading ordinal such as 一、 （一） (1) 1、 1. ① */
export function stripOrdinal(text: string): string {
  let t = text.trim();
  for (let k = 0; k < 2; k++) {
    const m = CN_ORDINAL.exec(t);
    if (!m) break;
    t = t.slice(m[0].length).trim();
  }
  return t;
}

export function hasOrdinal(text: string): boolean {
  return CN_ORDINAL.test(text.trim());
}

/** The compact label used to match row and column names. */
export function labelKey(text: string): string {
  return compact(stripOrdinal(compact(text)))
    .replace(/[:：]$/, "")
    .replace(/^其中[:：]?/, "");
}
