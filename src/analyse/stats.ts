/**
 * Order statistics over integer metric values (hundredths of 元 or of a
 * percent). Medians of an even count and interpolated quartiles are rounded
 * half away from zero to the same integer scale, so no float reaches a
 * figure that is shown.
 */

/** Round a half-integer-or-finer rational a/b to an integer, half away from zero. */
function roundHalf(twice: number): number {
  // `twice` is 2 × the value; the value is twice/2.
  return twice >= 0 ? Math.floor((twice + 1) / 2) : -Math.floor((-twice + 1) / 2);
}

/** The median of integers (the mean of the two middle ones, rounded, for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length % 2 === 1) return s[mid] as number;
  return roundHalf((s[mid - 1] as number) + (s[mid] as number));
}

/** A quantile (0–1) by linear interpolation between order statistics (type 7), rounded. */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) throw new Error("quantile of nothing");
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = s[lo] as number;
  const b = s[hi] as number;
  return Math.round(a + (b - a) * (pos - lo));
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[], centre = median(values)): number {
  return median(values.map((v) => Math.abs(v - centre)));
}

/** Mean absolute deviation from the median (the fallback when more than half the values are equal). */
export function meanAbsoluteDeviation(values: readonly number[], centre: number): number {
  let s = 0;
  for (const v of values) s += Math.abs(v - centre);
  return values.length === 0 ? 0 : s / values.length;
}

export interface Summary {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    min: s[0] as number,
    q1: quantile(s, 0.25),
    median: median(s),
    q3: quantile(s, 0.75),
    max: s[s.length - 1] as number,
  };
}
