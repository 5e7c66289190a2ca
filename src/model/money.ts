/**
 * Exact money. An amount is an integer count of hundredths of a printed unit
 * (分 in a 元 table, 0.01 万元 in a 万元 table): never a binary float.
 */
import type { MoneyUnit } from "./schema.ts";

/** Digits after the decimal point we keep exactly. */
export const AMOUNT_SCALE = 2;

const AMOUNT_RE = /^([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** Marks that a printed cell is empty (blank, dash or em dash). */
export function isBlankMark(text: string): boolean {
  const t = text.trim();
  return t === "" || /^[-－—–―─]+$/.test(t);
}

/**
 * Parse a printed amount ("12,753,171.62", "94.04", "-3.5", "0") into
 * hundredths. Returns undefined for text that is not an amount, or that has
 * more significant decimals than we keep exactly.
 */
export function parseAmount(text: string): number | undefined {
  const m = AMOUNT_RE.exec(text.trim().replace(/\s+/g, ""));
  if (!m) return undefined;
  const sign = m[1] ? -1 : 1;
  const whole = (m[2] ?? "0").replace(/,/g, "");
  let frac = m[3] ?? "";
  if (frac.length > AMOUNT_SCALE) {
    // Keep exactness: only trailing zeros may be dropped.
    if (!/^0+$/.test(frac.slice(AMOUNT_SCALE))) return undefined;
    frac = frac.slice(0, AMOUNT_SCALE);
  }
  frac = frac.padEnd(AMOUNT_SCALE, "0");
  const value = Number(whole) * 100 + Number(frac);
  if (!Number.isSafeInteger(value)) return undefined;
  return sign * value;
}

/** Format hundredths as a plain decimal string ("94.04", "0", "-3.50"). */
export function formatAmount(hundredths: number, opts: { fixed?: boolean } = {}): string {
  const neg = hundredths < 0;
  const abs = Math.abs(hundredths);
  const whole = Math.trunc(abs / 100);
  const frac = abs % 100;
  let s: string;
  if (opts.fixed) s = `${whole}.${String(frac).padStart(2, "0")}`;
  else if (frac === 0) s = String(whole);
  else s = `${whole}.${String(frac).padStart(2, "0")}`.replace(/0$/, "");
  return neg && abs !== 0 ? `-${s}` : s;
}

/** Format with thousands separators and two decimals, as tables print. */
export function formatAmountGrouped(hundredths: number): string {
  const s = formatAmount(hundredths, { fixed: true });
  const [w = "0", f = "00"] = s.replace("-", "").split(".");
  const grouped = w.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${hundredths < 0 ? "-" : ""}${grouped}.${f}`;
}

/** How many hundredths of `to` one hundredth of `from` is, as a ratio. */
const PER_YUAN: Record<MoneyUnit, number> = { 元: 1, 万元: 10_000 };

/**
 * Convert an amount between units exactly where possible. 万元 → 元 is exact;
 * 元 → 万元 is exact only when the amount is a multiple of 100 元, otherwise
 * the result is rounded half away from zero and `exact` is false.
 */
export function convertAmount(
  hundredths: number,
  from: MoneyUnit,
  to: MoneyUnit,
): { value: number; exact: boolean } {
  if (from === to) return { value: hundredths, exact: true };
  const factor = PER_YUAN[from] / PER_YUAN[to];
  if (factor >= 1) return { value: hundredths * factor, exact: true };
  const divisor = Math.round(1 / factor);
  // Integer division with half-away-from-zero rounding: no float in between.
  const abs = Math.abs(hundredths);
  const q = Math.trunc(abs / divisor);
  const r = abs - q * divisor;
  const rounded = (2 * r >= divisor ? q + 1 : q) * Math.sign(hundredths || 1);
  return { value: rounded === 0 ? 0 : rounded, exact: r === 0 };
}

/** Sum of amounts, treating null as zero. */
export function sumAmounts(values: Iterable<number | null | undefined>): number {
  let s = 0;
  for (const v of values) if (v != null) s += v;
  return s;
}
