/**
 * Name normalisation shared by the catalog indexes, the data build script and
 * recognition. Printed names differ from the official ones only in cosmetic
 * ways (full-width vs half-width brackets, stray spaces from PDF extraction,
 * a "（类）" marker, an ordinal such as "一、"), so comparison keys drop those.
 */

// Ordinals that tables and narrative text put in front of a 类/款 name:
// "一、" "二十三、" "（一）" "(1)" "1、" "1." "1．" — one at most.
const LEADING_ORDINAL =
  /^(?:[(（][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百]+[、.．]|\d+[、.．](?!\d))/u;
const LEVEL_SUFFIX = /[(（](?:类|款|项)[)）]$/u;

export function normalizeName(name: string): string {
  // NFKC folds full-width brackets, digits and letters to their ASCII forms.
  let s = name.normalize("NFKC").replace(/\s+/gu, "");
  s = s.replace(LEADING_ORDINAL, "");
  s = s.replace(LEVEL_SUFFIX, "");
  return s;
}
