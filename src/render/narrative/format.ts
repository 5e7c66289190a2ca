/**
 * Exact wording of figures: amounts with their unit, changes with direction
 * words that match the sign, growth rates and shares to two decimals
 * (computed on integers, rounded half away from zero), and the
 * 【待填写：…】 marker for what only a person can write.
 */
import { convertAmount, formatAmount } from "../../model/money.ts";
import type { MoneyUnit } from "../../model/schema.ts";

/** A marker the checker reports (template/pending-marker) until a person fills it in. */
export function marker(what: string): string {
  return `【待填写：${what}】`;
}

/** "94.04万元" — the amount as the tables print it, two decimals, no separators. */
export function money(hundredths: number, unit: MoneyUnit): string {
  return `${formatAmount(hundredths, { fixed: true })}${unit}`;
}

/**
 * part / whole × 100 to two decimals ("7.34"), exactly: integer arithmetic in
 * BigInt, half away from zero. Undefined when the whole is zero.
 */
export function percent(part: number, whole: number): string | undefined {
  if (whole === 0) return undefined;
  const p = BigInt(part);
  const w = BigInt(whole);
  const neg = p < 0n !== w < 0n && p !== 0n;
  const ap = p < 0n ? -p : p;
  const aw = w < 0n ? -w : w;
  // Hundredths of a percent: part × 10000 / whole.
  const scaled = ap * 10000n;
  let q = scaled / aw;
  if ((scaled % aw) * 2n >= aw) q += 1n;
  const s = `${q / 100n}.${String(q % 100n).padStart(2, "0")}`;
  return neg && q !== 0n ? `-${s}` : s;
}

/** Convert an amount into the unit a sentence speaks in (万元 → 元 exact; 元 → 万元 rounded). */
export function toUnit(hundredths: number, from: MoneyUnit, to: MoneyUnit): number {
  return convertAmount(hundredths, from, to).value;
}

export interface ChangeWords {
  /** What the prior figure is called: "上年", "上年预算", "2024年度". */
  base: string;
  /** Reason for the change, if a person wrote it; otherwise a marker names it. */
  reason?: string;
  /** What the marker asks for, e.g. "收入总计增减原因". */
  reasonTopic?: string;
  /** Whether a reason sentence is wanted at all (not for a flat change). */
  wantReason?: boolean;
}

/**
 * The comparison with last year, as one clause that starts with 比 / 与:
 * "比上年93.42万元增加0.62万元，增长0.66%", "比上年10.00万元减少2.00万元，
 * 下降20.00%", "与上年持平", or with a zero base "比上年增加5.00万元（上年
 * 无此项，增长率无可比性）". Without a prior figure, a marker.
 */
export function changeClause(
  current: number,
  prior: number | undefined,
  unit: MoneyUnit,
  words: ChangeWords,
): string {
  if (prior === undefined) return `与${words.base}相比的增减情况${marker(`${words.base}数`)}`;
  const change = current - prior;
  let s: string;
  if (change === 0) s = `与${words.base}${money(prior, unit)}持平`;
  else if (prior === 0)
    s = `比${words.base}增加${money(change, unit)}（${words.base}为零，增长率无可比性）`;
  else {
    const rate = percent(Math.abs(change), prior) ?? "0.00";
    s =
      change > 0
        ? `比${words.base}${money(prior, unit)}增加${money(change, unit)}，增长${rate}%`
        : `比${words.base}${money(prior, unit)}减少${money(-change, unit)}，下降${rate}%`;
  }
  if (words.wantReason && change !== 0)
    s += `。主要原因是：${words.reason ?? marker(words.reasonTopic ?? "增减原因")}`;
  return s;
}

/** "占7.34%" (nothing where the whole is zero). */
export function shareText(part: number, whole: number): string {
  const p = percent(part, whole);
  return p === undefined ? "" : `，占${p}%`;
}

/** Join list items the way the documents do: "甲、乙和丙". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join("、")}和${names[names.length - 1]}`;
}
