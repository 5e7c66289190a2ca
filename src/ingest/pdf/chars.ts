/**
 * Character clean-up for text that pdf.js extracts.
 *
 * CJK fonts (Noto CJK, some SimSun subsets) map common ideographs to their
 * compatibility forms: 一 comes back as the Kangxi radical ⼀ (U+2F00), 支 as
 * ⽀. NFKC folds them back. NFKC is applied only to those compatibility
 * blocks and to full-width letters and digits: full NFKC would also turn the
 * full-width punctuation that Chinese text prints （，：） into ASCII, which
 * the rest of the pipeline (like the published text it was tuned on) keeps.
 *
 * Fonts without a usable ToUnicode map give private-use code points or
 * U+FFFD: those are counted as garbage and never passed on.
 */

const FOLD =
  /[\u2e80-\u2fdf\u3131-\u318e\uf900-\ufaff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u{2f800}-\u{2fa1f}]/gu;

const UNREADABLE = /[\ue000-\uf8ff\ufffd\u{f0000}-\u{10ffff}]|\p{Cc}/gu;

export interface CleanText {
  text: string;
  /** Characters dropped because no font mapping made them readable. */
  garbage: number;
}

/** Anything cleanText would change: most runs have nothing, and skip the three passes. */
const TOUCHED = new RegExp(`${UNREADABLE.source}|${FOLD.source}|[\\u3000\\u00a0]`, "u");

export function cleanText(raw: string): CleanText {
  if (!TOUCHED.test(raw)) return { text: raw, garbage: 0 };
  let garbage = 0;
  const text = raw
    .replace(UNREADABLE, (c) => {
      // Tabs and line breaks are layout, not lost characters.
      if (c === "\t" || c === "\n" || c === "\r") return " ";
      garbage++;
      return "";
    })
    .replace(FOLD, (c) => c.normalize("NFKC"))
    .replace(/[\u3000\u00a0]/g, " ");
  return { text, garbage };
}
