/**
 * Which column each amount of a row belongs to, when text extraction dropped
 * the blank cells (a row prints "1.69  1.69" under 合计 / 基本支出 / 项目支出).
 *
 * Every order-preserving placement is scored: first by the table's own
 * identities (合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费 …),
 * then by the width of the gaps between the printed numbers (a skipped cell
 * leaves extra space), then leftmost.
 */
import { FUNDS, OTHER_INCOME_SOURCES } from "../../model/vocabulary.ts";

export type Identity = { whole: string; parts: string[] };

export const IDENTITIES: Identity[] = [
  { whole: "total", parts: ["basic", "project", "operating", "upper", "subsidiary"] },
  { whole: "basic", parts: ["personnel", "public"] },
  { whole: "total", parts: ["abroad", "vehicle", "reception"] },
  { whole: "vehicle", parts: ["vehicle_purchase", "vehicle_operation"] },
  { whole: "total", parts: [...FUNDS] },
  // A 收入表's 合计 is every source, 上年结转 included, with 财政拨款
  // printed either whole or by fund.
  { whole: "total", parts: [...FUNDS, ...OTHER_INCOME_SOURCES] },
  { whole: "total", parts: ["fiscal", ...OTHER_INCOME_SOURCES] },
  { whole: "fiscal", parts: [...FUNDS] },
];

/**
 * The identities a table's columns take part in. Of two with the same whole,
 * the one naming fewer of the table's columns is dropped when the other
 * names them all: a 收入表's 合计 is not 一般公共预算 + 政府性基金 + 国有资本
 * alone, since its other sources sit beside them.
 */
export function activeIdentities(columns: readonly (string | null)[]): Identity[] {
  const present = (id: Identity) => id.parts.filter((p) => columns.includes(p));
  const candidates = IDENTITIES.filter(
    (id) => columns.includes(id.whole) && present(id).length >= 2,
  );
  return candidates.filter((id) => {
    const mine = present(id);
    return !candidates.some((other) => {
      if (other === id || other.whole !== id.whole) return false;
      const theirs = present(other);
      return theirs.length > mine.length && mine.every((p) => theirs.includes(p));
    });
  });
}

function* combinations(m: number, n: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === n) {
    yield [...acc];
    return;
  }
  for (let i = start; i <= m - (n - acc.length); i++) {
    acc.push(i);
    yield* combinations(m, n, i + 1, acc);
    acc.pop();
  }
}

/** Limit on placements tried: C(12, 6) = 924 covers every real layout. */
const MAX_COLUMNS = 14;

export interface Placement {
  indexes: number[];
  /** More than one placement fitted equally well. */
  ambiguous: boolean;
}

export function placeAmounts(
  values: number[],
  gaps: number[],
  columns: (string | null)[],
): Placement {
  const m = columns.length;
  const n = values.length;
  if (n >= m || m > MAX_COLUMNS) return { indexes: values.map((_, i) => i), ambiguous: false };
  const active = activeIdentities(columns);
  let best: { idx: number[]; score: number } | undefined;
  let ties = 0;
  for (const idx of combinations(m, n)) {
    const byCol = new Map<string, number>();
    idx.forEach((c, k) => {
      const col = columns[c];
      if (col) byCol.set(col, values[k] ?? 0);
    });
    let violations = 0;
    for (const id of active) {
      const whole = byCol.get(id.whole) ?? 0;
      let sum = 0;
      for (const p of id.parts) sum += byCol.get(p) ?? 0;
      if (Math.abs(whole - sum) > 1) violations++;
    }
    let gapCost = 0;
    for (let k = 1; k < n; k++) {
      const skipped = (idx[k] ?? 0) - (idx[k - 1] ?? 0) - 1;
      const gap = gaps[k] ?? 1;
      const expected = gap > 1 ? gap - 1 : 0;
      gapCost += Math.abs(skipped - Math.min(expected, m));
    }
    const score = violations * 1000 + gapCost * 10 + idx.reduce((a, b) => a + b, 0) / 100;
    if (!best || score < best.score - 1e-9) {
      best = { idx, score };
      ties = 0;
    } else if (Math.abs(score - best.score) < 1e-9) ties++;
  }
  return { indexes: best?.idx ?? values.map((_, i) => i), ambiguous: ties > 0 };
}
