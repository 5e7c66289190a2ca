/**
 * What the `xtab` rules share: the 合计 row of a table, whether a table is
 * complete enough for a missing row to mean zero, and the sentence of a
 * mismatch between tables.
 */
import type { Disclosure, Row, Table } from "../../../model/schema.ts";
import type { Location, RawFinding } from "../../types.ts";
import { codeRows } from "../../view.ts";
import {
  cellAmount,
  cellLabel,
  compare,
  line,
  type Ref,
  ref,
  toleranceOf,
} from "../arith/common.ts";

/** The 合计 row's cell of a column. */
export function totalCell(table: Table | undefined, column: string): Ref | undefined {
  return ref(table, line(table, "total"), column);
}

/** Top-level code rows (the 类, or the highest level printed) of one kind family. */
export function topCodeRows(table: Table): Row[] {
  const rows = codeRows(table);
  const keys = new Set(rows.map((r) => r.key));
  return rows.filter((r) => {
    for (let n = 3; n < r.key.length; n += 2) if (keys.has(r.key.slice(0, n))) return false;
    return true;
  });
}

/**
 * Whether a row missing from the table means the document prints nothing
 * there: the table is printed empty, or its 合计 equals the sum of its 类, so
 * every 类 was read.
 */
export function complete(doc: Disclosure, table: Table | undefined): boolean {
  if (!table) return false;
  if (table.empty) return true;
  const total = totalCell(table, "total");
  const top = topCodeRows(table);
  if (!total || top.length === 0 || top.some((r) => r.level !== 1)) return false;
  let sum = 0;
  const refs: Ref[] = [total];
  for (const r of top) {
    const c = ref(table, r, "total");
    if (c) {
      refs.push(c);
      sum += cellAmount(c) ?? 0;
    }
  }
  return Math.abs(sum - (cellAmount(total) ?? 0)) <= toleranceOf(doc, refs, table.unit);
}

/** "一般公共预算支出表 210 卫生健康支出 合计、政府性基金预算支出表 … 之和" */
export function labels(refs: readonly Ref[], fallback: string): string {
  if (refs.length === 0) return fallback;
  // A table's title once, then its further cells by row and column alone.
  const names = refs
    .map((r, i) => cellLabel(r, i === 0 || refs[i - 1]?.table !== r.table))
    .join("、");
  return refs.length > 1 ? `${names}之和` : names;
}

/** actual (one table) = Σ expected (other tables), with the reviewer's sentence. */
export function mismatch(
  doc: Disclosure,
  actual: Ref | readonly Ref[],
  expected: readonly Ref[],
  opts: { fallback?: string; where?: readonly Location[]; relation?: "eq" | "le" } = {},
): RawFinding | undefined {
  const other = labels(expected, opts.fallback ?? "");
  const self = Array.isArray(actual) ? labels(actual, "") : cellLabel(actual as Ref);
  return compare({
    doc,
    actual,
    expected,
    ...(opts.relation ? { relation: opts.relation } : {}),
    ...(opts.where ? { where: opts.where } : {}),
    say: (a, e, g) =>
      opts.relation === "le"
        ? `${self} ${a}，大于${other} ${e}，超出 ${g}`
        : `${self} ${a}，与${other} ${e} 不一致，相差 ${g}`,
  });
}
