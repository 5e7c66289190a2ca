/**
 * What the `arith` and `xtab` rules share: references to cells, how a cell is
 * named in a reviewer's message, when a table is trustworthy enough to check,
 * and the one comparison every sum rule makes (exact integers, a rounding
 * envelope that turns a small gap into 尾差).
 */
import { convertAmount } from "../../../model/money.ts";
import type { Disclosure, MoneyUnit, Row, Table, TableId } from "../../../model/schema.ts";
import {
  ECONOMIC_TABLES,
  FUNCTIONAL_TABLES,
  isCodeKind,
  lineName,
} from "../../../model/vocabulary.ts";
import { trustworthy } from "../../trust.ts";
import type { Location, RawFinding } from "../../types.ts";
import {
  amountOf,
  cellLocation,
  documentRounds,
  money,
  roundingStep,
  roundingTolerance,
  tableOf,
} from "../../view.ts";

/** One cell: a table, a row of it and a column id. */
export interface Ref {
  table: Table;
  row: Row;
  column: string;
}

/** Tables whose rows are classification codes (not summary line tables). */
export const CLASSIFICATION_TABLES: readonly TableId[] = [...FUNCTIONAL_TABLES, ...ECONOMIC_TABLES];

/** A key without the `#2` suffix recognition gives a repeated line. */
export function baseKey(key: string): string {
  const i = key.indexOf("#");
  return i < 0 ? key : key.slice(0, i);
}

/** The row as a reviewer names it: "210 卫生健康支出", "本年收入合计". */
export function rowLabel(row: Row): string {
  const name = row.name.trim();
  if (isCodeKind(row.keyKind)) {
    return `${row.key} ${name}`.trim();
  }
  const known = lineName(baseKey(row.key));
  if (!name || name === row.key || /^[a-z_.#0-9]+$/.test(name)) return known ?? row.key;
  // Drop the outline numbering a summary table prints ("一、", "（一）", "1、", "(1)").
  return name.replace(/^[（(]?[一二三四五六七八九十廿\d]+[)）、.．]\s*/, "") || name;
}

/** The column's printed header, or nothing for a table's single amount column. */
export function columnLabel(table: Table, column: string): string {
  if (column === "amount" || table.columns.length <= 1) return "";
  return table.columns.find((c) => c.id === column)?.label.replace(/\s+/g, "") ?? column;
}

/** "一般公共预算支出表 210 卫生健康支出 合计" */
export function cellLabel(ref: Ref, withTable = true): string {
  const row = rowLabel(ref.row);
  const col = columnLabel(ref.table, ref.column);
  // "合计 合计" reads as a stutter: the 合计 row's 合计 column is just 合计.
  return [withTable ? ref.table.title : "", row, col === row ? "" : col].filter(Boolean).join(" ");
}

/** A cell's amount when the cell is printed (a blank counts as zero). */
export function cellAmount(ref: Ref): number | undefined {
  return amountOf(ref.row, ref.column);
}

/** A cell reference, only when the row has that column printed. */
export function ref(
  table: Table | undefined,
  row: Row | undefined,
  column: string,
): Ref | undefined {
  if (!table || !row?.cells[column]) return undefined;
  return { table, row, column };
}

/** First row of a key (exact key, not its `#n` repeats). */
export function line(table: Table | undefined, key: string): Row | undefined {
  return table?.rows.find((r) => r.key === key);
}

export { trustworthy };

/** The table of an id when present and trustworthy. */
export function usableTable(doc: Disclosure, id: TableId): Table | undefined {
  const t = tableOf(doc, id);
  return t && trustworthy(doc, t) ? t : undefined;
}

/** The finer unit of the tables involved (元 when any prints 元). */
function commonUnit(refs: readonly Ref[]): MoneyUnit {
  return refs.some((r) => r.table.unit === "元") ? "元" : "万元";
}

function tablesRound(doc: Disclosure, table: Table): boolean {
  return table.unit === "万元" || roundingStep(table) > 1 || documentRounds(doc);
}

/**
 * The rounding envelope of a comparison, in hundredths of `unit`: each printed
 * figure is off by at most half its last digit (see roundingTolerance), summed
 * over every figure involved, each converted to the common unit.
 */
export function toleranceOf(doc: Disclosure, refs: readonly Ref[], unit: MoneyUnit): number {
  const first = refs[0];
  if (first && refs.every((r) => r.table === first.table)) {
    return roundingTolerance(doc, first.table, refs.length - 1);
  }
  let doubled = 0;
  for (const r of refs) {
    if (!tablesRound(doc, r.table)) continue;
    const lastDigit = roundingStep(r.table);
    doubled += convertAmount(lastDigit, r.table.unit, unit).value;
  }
  return Math.floor(doubled / 2);
}

export interface Comparison {
  doc: Disclosure;
  /** The printed figure under test (a total, a line), or the cells that add up to it. */
  actual: Ref | readonly Ref[];
  /** The figures it should equal (summed), or bound (relation "le"). */
  expected: readonly Ref[];
  /** eq: actual = Σ expected; le: actual ≤ Σ expected. */
  relation?: "eq" | "le";
  /** The sentence, given the formatted actual, expected and gap. */
  say(actual: string, expected: string, gap: string): string;
  /** Extra places to locate (an empty table's title, say), not summed. */
  where?: readonly Location[];
}

/**
 * Compare exactly and produce the finding, or nothing when the identity
 * holds. A gap within the rounding envelope is 尾差 (severity info).
 */
export function compare(c: Comparison): RawFinding | undefined {
  const actuals: readonly Ref[] = Array.isArray(c.actual) ? c.actual : [c.actual as Ref];
  const refs = [...actuals, ...c.expected];
  const unit = commonUnit(refs);
  const inUnit = (r: Ref) => convertAmount(cellAmount(r) ?? 0, r.table.unit, unit).value;
  let actual = 0;
  for (const r of actuals) actual += inUnit(r);
  let expected = 0;
  for (const r of c.expected) expected += inUnit(r);
  // A blank figure facing money on the other side is one the table does not
  // print there (a subtotal printed once for several column groups, amounts
  // printed only at 项 level, or a cell recognition could not place): nothing
  // is claimed, so nothing is wrong. A printed 0.00 is a claim and is checked.
  const blank = (r: Ref) => r.row.cells[r.column]?.amount === null;
  if (actuals.every(blank) && expected !== 0) return undefined;
  if (c.expected.length > 0 && c.expected.every(blank) && actual !== 0) return undefined;
  const gap = actual - expected;
  const relation = c.relation ?? "eq";
  if (relation === "eq" ? gap === 0 : gap <= 0) return undefined;
  const tolerance = toleranceOf(c.doc, refs, unit);
  const within = Math.abs(gap) <= tolerance;
  if (within && relation === "le") return undefined;
  let message = c.say(money(actual, unit), money(expected, unit), money(Math.abs(gap), unit));
  if (within) {
    message += `，在四舍五入尾差范围内（不超过 ${money(tolerance, unit)}），属尾差`;
  }
  const locations = [
    ...refs.map((r) => cellLocation(r.table, r.row, r.column)),
    ...(c.where ?? []),
  ];
  return {
    message,
    locations,
    expected: money(expected, unit),
    actual: money(actual, unit),
    ...(within ? { severity: "info" as const } : {}),
  };
}

/** Drop the undefined refs. */
export function present(refs: readonly (Ref | undefined)[]): Ref[] {
  return refs.filter((r): r is Ref => r !== undefined);
}
