/**
 * Rates and shares from exact amounts, as decimal strings. The amounts are
 * integers (hundredths of a unit), so a rate is an exact fraction; it is
 * rounded once, half away from zero, only to be shown. BigInt keeps the
 * products exact where hundredths times 10^4 would pass 2^53.
 */
import { convertAmount } from "../model/money.ts";
import type { MoneyUnit } from "../model/schema.ts";

/** Round num/den to an integer, half away from zero (den ≠ 0). */
function roundDiv(num: bigint, den: bigint): bigint {
  const neg = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = n / d;
  const r = n - q * d;
  const rounded = 2n * r >= d ? q + 1n : q;
  return neg ? -rounded : rounded;
}

/** A scaled integer as a decimal string with `digits` decimals ("98.20", "-3.05", "0.00"). */
function scaledToString(v: bigint, digits: number): string {
  const neg = v < 0n;
  const abs = (neg ? -v : v).toString().padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits);
  const s = digits > 0 ? `${whole}.${frac}` : whole;
  return neg && /[1-9]/.test(s) ? `-${s}` : s;
}

/** part/whole in percent, `digits` decimals; null when whole is 0 (no rate exists). */
export function percent(part: number, whole: number, digits = 2): string | null {
  if (whole === 0) return null;
  const scale = 10n ** BigInt(digits + 2);
  return scaledToString(roundDiv(BigInt(part) * scale, BigInt(whole)), digits);
}

/** (current − prior)/prior in percent; null when prior is 0 (a rise from nothing has no rate). */
export function changeRate(current: number, prior: number, digits = 2): string | null {
  return percent(current - prior, prior, digits);
}

/** An amount divided by a count, rounded to whole hundredths (per-head figures). */
export function perHead(amount: number, count: number): number {
  return Number(roundDiv(BigInt(amount), BigInt(count)));
}

/**
 * The unit a set of amounts is shown in together: their own when they share
 * one, else 元 (万元 → 元 is exact; the other way would round).
 */
export function commonUnit(units: Iterable<MoneyUnit>): MoneyUnit {
  const set = new Set(units);
  const [only] = set;
  return set.size === 1 && only ? only : "元";
}

/** An amount in `to` (exact whenever `to` is the common unit chosen above). */
export function inUnit(amount: number, from: MoneyUnit, to: MoneyUnit): number {
  return convertAmount(amount, from, to).value;
}

/** A decimal string's value as a float: only for statistics over rates, never for money. */
export function rateValue(s: string): number {
  return Number(s);
}
