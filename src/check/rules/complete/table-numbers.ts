/**
 * A gap in the document's own table numbers: 公开08表 is followed by 公开10表
 * and 公开09表 is printed nowhere. A table is missing (or the numbers are
 * wrong) — evidence the document gives of itself, whatever the table would
 * have been called, so it holds where no 目录 lists the tables.
 *
 * Every printed number counts, also one over a table the reader could not
 * read: only a number printed nowhere is a gap.
 */
import type { Disclosure } from "../../../model/schema.ts";
import type { Rule } from "../../types.ts";

const CN = "一二三四五六七八九";

/** 一 … 九十九 as a number. */
function chineseNumber(s: string): number | undefined {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(s);
  if (!m || s === "") return undefined;
  const digit = (c: string | undefined) => (c ? CN.indexOf(c) + 1 : 0);
  if (!m[2]) return m[3] ? undefined : digit(m[1]);
  return (m[1] ? digit(m[1]) : 1) * 10 + digit(m[3]);
}

interface Numbered {
  series: string;
  index: number;
  /** The index as printed ("09", "十一"): the style a missing number would take. */
  digits: string;
  printed: string;
  line: number;
  page?: number;
  file?: string;
}

/** "公开09表" → prefix "公开", digits "09", suffix "表"; a bare number has no series. */
function split(printed: string): { prefix: string; digits: string; suffix: string } | undefined {
  const c = printed.replace(/\s+/gu, "").replace(/[－—]/gu, "-");
  const m = /^(.*?)(\d{1,2}|[一二三四五六七八九十]{1,3})(表?)$/u.exec(c);
  if (!m) return undefined;
  const [, prefix = "", digits = "", suffix = ""] = m;
  // A bare number ("10") may be a page or a heading's: no series of its own.
  return prefix === "" && suffix === "" ? undefined : { prefix, digits, suffix };
}

/** "公开09表" → series "公开#表", 9; "附表4-3" → "附表4-#", 3; "公开表十一" → "公开表#", 11. */
export function parseTableNumber(printed: string): { series: string; index: number } | undefined {
  const p = split(printed);
  const index = p && (/^\d+$/u.test(p.digits) ? Number(p.digits) : chineseNumber(p.digits));
  return p && index !== undefined ? { series: `${p.prefix}#${p.suffix}`, index } : undefined;
}

function numbered(doc: Disclosure): Numbered[] {
  const out: Numbered[] = [];
  for (const n of doc.report?.tableNumbers ?? []) {
    const p = parseTableNumber(n.number);
    const digits = split(n.number)?.digits;
    if (!p || !digits) continue;
    out.push({
      ...p,
      digits,
      printed: n.number.replace(/\s+/gu, ""),
      line: n.line,
      ...(n.page !== undefined ? { page: n.page } : {}),
      ...(n.file !== undefined ? { file: n.file } : {}),
    });
  }
  return out;
}

/** 1 … 99 in Chinese numerals, as table numbers print them ("十一", "二十"). */
function chineseNumeral(n: number): string {
  if (n < 10) return CN[n - 1] ?? String(n);
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? CN[tens - 1] : ""}十${n % 10 ? CN[(n % 10) - 1] : ""}`;
}

/** How the missing number would be printed, in the series' own style ("公开09表"). */
function printedAs(example: Numbered, index: number): string {
  const [prefix = "", suffix = ""] = example.series.split("#");
  const body = /^\d+$/u.test(example.digits)
    ? String(index).padStart(example.digits.length, "0")
    : chineseNumeral(index);
  return `${prefix}${body}${suffix}`;
}

export const tableNumbers: Rule = {
  id: "complete/table-numbers",
  family: "complete",
  severity: "warning",
  title: "表号连续，没有缺号",
  description:
    "公开表格按模板顺序连续编号（公开01表、公开02表……，表1、表2……）。文档自己印出的表号中间缺了一个，且全文没有印出这个表号，说明少公开了一张表，或表号编错。只在同一套表号至少有三个、且文档全部读取时判断。",
  basis:
    "完整性：部门预决算公开表按统一表样连续编号，表号缺一即少一张表；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求按统一格式公开全部表格，没有数据的表也应公开空表并说明。",
  confirmation: "practice",
  *check({ doc }) {
    // Pages not read may hold the number: a reading gap, not the document's.
    if (doc.report?.partial) return;
    const all = numbered(doc);
    const bySeries = new Map<string, Numbered[]>();
    for (const n of all) {
      const key = `${n.file ?? ""}\u0000${n.series}`;
      bySeries.set(key, [...(bySeries.get(key) ?? []), n]);
    }
    for (const list of bySeries.values()) {
      const indexes = new Set(list.map((n) => n.index));
      if (indexes.size < 3) continue;
      const sorted = [...indexes].sort((a, b) => a - b);
      for (let k = 1; k < sorted.length; k++) {
        const from = sorted[k - 1] ?? 0;
        const to = sorted[k] ?? 0;
        if (to - from < 2) continue;
        const before = list.find((n) => n.index === from) as Numbered;
        const after = list.find((n) => n.index === to) as Numbered;
        const missing = Array.from({ length: to - from - 1 }, (_, i) =>
          printedAs(before, from + 1 + i),
        );
        yield {
          message: `表号从“${before.printed}”跳到“${after.printed}”，全文没有“${missing.join("”“")}”：可能少公开了${missing.length > 1 ? ` ${missing.length} 张` : "一张"}表，或表号编错了。`,
          locations: [before, after].map((n) => ({
            line: n.line,
            ...(n.page !== undefined ? { page: n.page } : {}),
            ...(n.file !== undefined ? { file: n.file } : {}),
          })),
          expected: missing.join("、"),
          actual: "缺号",
        };
      }
    }
  },
};
