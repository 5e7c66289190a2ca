/**
 * Whether a table's cells can be trusted for arithmetic, and if not, why —
 * in words a reviewer reads. A table that recognition may have misread says
 * nothing about the document, so no sum rule checks it; but every report
 * lists it as not checked, with the reason, so nothing goes unchecked in
 * silence.
 *
 * What the document itself prints wrong is not a reason to distrust: a 合计
 * printed as 0 over figures, or one row printed twice, are the document's
 * errors and the sum rules report them.
 */
import type { Disclosure, Row, Table } from "../model/schema.ts";
import { codeRows } from "./view.ts";

/**
 * What a check relies on: `rows` — the columns of a row relate (合计 =
 * 基本 + 项目); `columns` — each column adds up down the table (类 = Σ款).
 * A column the reader could not name leaves the first in doubt, not the second.
 */
export type Reliance = "rows" | "columns";

// Every sum rule asks this of every table it checks: worked out once per
// document, table and reliance (checking never changes a Disclosure).
const verdicts = new WeakMap<Disclosure, WeakMap<Table, Map<Reliance, string | undefined>>>();

/** The reason a table is not checked, or undefined when it can be. */
export function distrust(
  doc: Disclosure,
  table: Table,
  reliance: Reliance = "rows",
): string | undefined {
  let byTable = verdicts.get(doc);
  if (!byTable) {
    byTable = new WeakMap();
    verdicts.set(doc, byTable);
  }
  let byReliance = byTable.get(table);
  if (!byReliance) {
    byReliance = new Map();
    byTable.set(table, byReliance);
  }
  if (byReliance.has(reliance)) return byReliance.get(reliance);
  const verdict = judge(doc, table, reliance);
  byReliance.set(reliance, verdict);
  return verdict;
}

function judge(doc: Disclosure, table: Table, reliance: Reliance): string | undefined {
  // Recognition's own word: a `table.*` issue on this table (other than a
  // table it re-identified by content, which it then read whole).
  const issue = doc.issues.find(
    (i) =>
      i.table === table.id &&
      /^table\./.test(i.code) &&
      i.code !== "table.misplaced" &&
      !(reliance === "columns" && i.code === "table.column_unknown"),
  );
  if (issue) {
    return issue.code === "table.column_unknown"
      ? `行内各列之间的关系未核对（各列自身的加总已核对）：${issue.message}`
      : `识别时发现问题：${issue.message}`;
  }
  const codes = codeRows(table);
  const coded = codes.length > 0;
  // A code printed twice with other figures: two tables run together, or
  // several units in one. Printed twice with the same figures is one row
  // repeated, the document's error (arith/row-printed-twice).
  const repeated = codes.find((r) => r.key.includes("#") && !sameAsFirst(table, r));
  if (repeated) {
    return `科目 ${repeated.key.split("#")[0]} 出现多次且金额不同（可能是两张表或多个单位连在一起），无法逐级核对`;
  }
  const hasTotal = table.columns.some((c) => c.id === "total");
  // Uncoded rows above the first 科目 are the units a 按单位 table lists
  // (the 部门, its 本级) or the 合计; only one among the codes hints that
  // columns slipped.
  const codeSet = new Set(codes);
  const firstCoded = table.rows.findIndex((r) => codeSet.has(r));
  for (const [i, row] of table.rows.entries()) {
    const amounts = Object.entries(row.cells).filter(([, c]) => (c.amount ?? 0) !== 0);
    if (amounts.length === 0) continue;
    if (coded && row.keyKind === "label" && i > firstCoded) {
      return `编码行之间有未带编码的行“${row.name.trim()}”，列可能错位`;
    }
    const total = row.cells.total;
    // A two-sided 收支总表 prints an income line's money in its own 金额
    // column, level with a blank on the spending side: not a shifted 合计.
    if (amounts.every(([id]) => id === "amount")) continue;
    // A blank 合计 beside figures is a column shifted in reading; a 合计
    // printed as 0 is what the document says, and the sums will show it.
    if (hasTotal && total && total.amount === null) {
      return `“${row.name.trim() || row.key}”行的合计为空而其他列有金额，列可能错位`;
    }
    if (hasTotal && total && total.amount === 0 && !/^total(?:#\d+)?$/.test(row.key)) {
      return `“${row.name.trim() || row.key}”行的合计为 0 而其他列有金额，列可能错位`;
    }
  }
  return undefined;
}

/** Whether a repeated row (`2080505#2`) prints the same name and figures as the first. */
export function sameAsFirst(table: Table, row: Row): boolean {
  const first = table.rows.find((r) => r.key === row.key.split("#")[0]);
  if (!first || first.name.trim() !== row.name.trim()) return false;
  const columns = new Set([...Object.keys(first.cells), ...Object.keys(row.cells)]);
  for (const c of columns) {
    if ((first.cells[c]?.amount ?? null) !== (row.cells[c]?.amount ?? null)) return false;
  }
  return true;
}

export function trustworthy(doc: Disclosure, table: Table, reliance: Reliance = "rows"): boolean {
  return distrust(doc, table, reliance) === undefined;
}

/** A table the checker did not check, and why. */
export interface UncheckedTable {
  table: Table["id"];
  title: string;
  page?: number;
  reason: string;
}

/** Every table with figures that the sum rules skip. */
export function uncheckedTables(doc: Disclosure): UncheckedTable[] {
  const out: UncheckedTable[] = [];
  for (const t of doc.tables) {
    if (t.empty || t.id === "other") continue;
    const reason = distrust(doc, t);
    if (!reason) continue;
    const page = t.source.page;
    out.push({ table: t.id, title: t.title, ...(page !== undefined ? { page } : {}), reason });
  }
  return out;
}
