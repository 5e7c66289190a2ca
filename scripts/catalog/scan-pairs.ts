/**
 * Finds "code name" pairs printed in extracted disclosure text, e.g.
 * "2101550 事业运行", "| 30239 | 其他交通费用 |", "210 15 01 行政运行" or several
 * pairs on one line ("30101 基本工资 239.75 30201 办公费"). Used by the catalog
 * test (seeds) and by the one-off corpus check; deliberately dependency-free.
 */

export interface ScannedPair {
  code: string;
  name: string;
  line: number;
  raw: string;
}

// A code is 3 digits optionally followed by one or two 2-digit groups, possibly
// separated by a single space (some PDFs print "210 15 01"). It must not be
// part of a longer number, an amount ("3.69") or a thousands group ("1,160").
const PAIR =
  /(?<![\d.,，])([23459]\d\d)(?: ?(\d\d))?(?: ?(\d\d))?(?![\d.,])[ \t|]*[ \t|]((?:[\p{Script=Han}（）()、—－]|[A-Za-z](?=[\p{Script=Han}]))+)/gu;

const UNIT = /^(?:万元|亿元|元|人次|个|辆|台|户|家|平方米)/u;

export function scanPairs(text: string): ScannedPair[] {
  const out: ScannedPair[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    for (const m of raw.matchAll(PAIR)) {
      const code = `${m[1]}${m[2] ?? ""}${m[3] ?? ""}`;
      const name = (m[4] ?? "").replace(/[（(]$/u, "");
      // Amounts and counts in narrative text ("266 万元", "566 人次") are not codes.
      if (name.length < 2 || UNIT.test(name)) continue;
      out.push({ code, name, line: i + 1, raw });
    }
  }
  return out;
}
