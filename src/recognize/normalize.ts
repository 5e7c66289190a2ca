/**
 * Text normalisation shared by recognition. PDF extraction and typists give
 * the same words many shapes: full-width and half-width brackets and digits,
 * spaces inside words, Kangxi radicals from CJK fonts, curly and straight
 * quotes. Matching always happens on the compact form.
 */

/** Characters NFKC changes in these documents: full-width forms, Kangxi radicals, compatibility ideographs, ideographic space. */
const NEEDS_NFKC = /[\u2f00-\u2fdf\u3000\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2460-\u24ff]/;

/** NFKC folds full-width ASCII and Kangxi radicals (⼀ → 一); then unify brackets and quotes. */
export function nfkc(text: string): string {
  // Normalising is the costliest step of recognition: skip it for text it would not change.
  const folded = NEEDS_NFKC.test(text) ? text.normalize("NFKC") : text;
  return folded.replace(/[“”"＂「」『』]/g, "“").replace(/[‘’']/g, "‘");
}

/** Compact forms of recent short strings: labels and lines recur across a document's tables. */
const compactCache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Compact form: NFKC, no whitespace, ASCII brackets. */
export function compact(text: string): string {
  const cacheable = text.length <= 120;
  if (cacheable) {
    const hit = compactCache.get(text);
    if (hit !== undefined) return hit;
  }
  const out = nfkc(text).replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");
  if (cacheable) {
    if (compactCache.size >= CACHE_LIMIT) compactCache.clear();
    compactCache.set(text, out);
  }
  return out;
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

/**
 * Full-width digits and the marks between them, as some typists and Word
 * templates print figures; a PDF's text may break one over lines (“５８７”,
 * “．０９”), so a piece may end in its point or begin with it.
 */
const FULL_WIDTH_FIGURE = /[－-]?[０-９]+(?:[，,][０-９]{3})*(?:[．.][０-９]*)?|[．.][０-９]+/g;

/**
 * A figure printed in full-width digits ("１２，７５３，１７１．６２") in
 * ASCII, so that every reader of amounts, codes and years reads it; other
 * full-width marks stay (a “，” between words is the Chinese comma).
 */
export function foldDigits(text: string): string {
  if (!/[０-９]/.test(text)) return text;
  return text.replace(FULL_WIDTH_FIGURE, (figure) =>
    figure.replace(/[０-９，．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
  );
}
