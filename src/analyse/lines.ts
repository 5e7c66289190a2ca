/**
 * The lines of a disclosure's tables that can be set beside another
 * document's: rows keyed by a 政府收支分类科目 code or by a fixed line key
 * (合计, 本年收入合计, “三公”经费合计 …), each with one amount — the table's
 * main column — so that the same line of two documents is one key.
 */

import type {
  ColumnId,
  Disclosure,
  Kind,
  MoneyUnit,
  Row,
  RowKeyKind,
  Table,
  TableId,
} from "../model/schema.ts";
import { lineName } from "../model/vocabulary.ts";

/** The tables whose lines mean the same from one document to the next. */
export const COMPARABLE_TABLES: readonly TableId[] = [
  "summary",
  "income",
  "expenditure",
  "fiscal_summary",
  "gpb_function",
  "gpb_economic",
  "gpb_basic_function",
  "gpb_basic_economic",
  "gpb_project_economic",
  "fiscal_function",
  "fiscal_basic_economic",
  "three_public",
  "running_cost",
  "gov_fund",
  "state_capital",
];

/** Functional tables a budget and its final accounts both print (执行率 by functional line). */
export const EXECUTION_TABLES: readonly TableId[] = [
  "expenditure",
  "gpb_function",
  "fiscal_function",
  "gov_fund",
  "state_capital",
];

const COMPARABLE_KEYS: ReadonlySet<RowKeyKind> = new Set(["func", "econ_dept", "econ_gov", "line"]);

/** One line of a table: its key, name and the amount of the table's main column. */
export interface Line {
  key: string;
  keyKind: RowKeyKind;
  /** 1 类, 2 款, 3 项 for a code. */
  level?: number;
  name: string;
  /** Hundredths of the table's unit; null when printed blank. */
  amount: number | null;
}

export interface Lines {
  table: TableId;
  title: string;
  unit: MoneyUnit;
  /** The column the amounts come from. */
  column: ColumnId;
  lines: Line[];
}

/**
 * The column a table's lines are read from: what the whole row adds up to.
 * A 三公 table prints 预算数 and 决算数 side by side: a budget reads the
 * first, final accounts the second.
 */
export function mainColumn(table: Table, kind: Kind): ColumnId | undefined {
  const ids = new Set(table.columns.map((c) => c.id));
  const order: ColumnId[] =
    table.id === "three_public"
      ? kind === "final"
        ? ["final", "amount", "total"]
        : ["budget", "amount", "total"]
      : table.id === "summary" || table.id === "fiscal_summary"
        ? ["amount", "total"]
        : ["total", "amount", kind === "final" ? "final" : "budget"];
  const found = order.find((c) => ids.has(c));
  if (found) return found;
  // A table printed with one amount column under another name (a bare 决算数).
  return table.columns.length === 1 ? table.columns[0]?.id : undefined;
}

/** A row's printed name, or the generic name of its line key. */
export function rowName(row: Row): string {
  return row.name || lineName(row.key) || row.key;
}

/**
 * The lines of one table id in a document. A document may print a table id
 * twice (公开10 and 公开11 both carry 三公; a narrative file and a table
 * file of one year merged): the first printing of a key wins.
 */
export function tableLines(d: Disclosure, id: TableId, column?: ColumnId): Lines | undefined {
  let out: Lines | undefined;
  const seen = new Set<string>();
  for (const table of d.tables) {
    if (table.id !== id || table.rows.length === 0) continue;
    const col = column ?? mainColumn(table, d.kind);
    if (!col) continue;
    if (out && (out.column !== col || out.unit !== table.unit)) continue;
    out ??= { table: id, title: table.title, unit: table.unit, column: col, lines: [] };
    for (const row of table.rows) {
      if (!COMPARABLE_KEYS.has(row.keyKind) || seen.has(row.key)) continue;
      const cell = row.cells[col];
      if (!cell) continue;
      seen.add(row.key);
      out.lines.push({
        key: row.key,
        keyKind: row.keyKind,
        ...(row.level !== undefined ? { level: row.level } : {}),
        name: rowName(row),
        amount: cell.amount,
      });
    }
  }
  return out && out.lines.length > 0 ? out : undefined;
}

/** Every comparable table of a document, in the order COMPARABLE_TABLES lists them. */
export function comparableTables(d: Disclosure): Lines[] {
  return COMPARABLE_TABLES.map((id) => tableLines(d, id)).filter((l): l is Lines => !!l);
}

/** Income lines before spending lines in a two-sided summary table; other keys after. */
function side(key: string): number {
  return key.startsWith("income.") ? 0 : key.startsWith("expenditure.") ? 1 : 2;
}

/**
 * The order lines are shown in: the 合计 first, codes in code order, line
 * keys income side before spending side, each in the order first printed.
 */
export function lineOrder(a: Line, b: Line, printed: Map<string, number>): number {
  if (a.key === "total") return -1;
  if (b.key === "total") return 1;
  const codeA = a.keyKind !== "line";
  const codeB = b.keyKind !== "line";
  if (codeA && codeB) return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  if (codeA !== codeB) return codeA ? 1 : -1;
  return side(a.key) - side(b.key) || (printed.get(a.key) ?? 0) - (printed.get(b.key) ?? 0);
}
