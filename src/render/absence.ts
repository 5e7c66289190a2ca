/**
 * Whether the data says a kind of money is absent — the only ground on which
 * the document may say “没有…” (in a 空表说明 or a sentence). The source
 * printed the table empty, or a figure elsewhere is a printed zero; and no
 * other table or sentence shows such money. A table simply not in the input
 * (not read, not filled in) asserts nothing: its place gets a 【待填写】 marker.
 */
import type { Disclosure, Table, TableId } from "../model/schema.ts";
import { cellAmount } from "./spec/cells.ts";

/** Whether the data states that this table's money is absent. */
export function dataStatesAbsence(id: TableId, d: Disclosure, table?: Table): boolean {
  // The other tables or the 说明 say there is money here: the table is missing, not empty.
  if (othersShowData(id, d)) return false;
  return table?.empty === true || othersShowZero(id, d);
}

/** A printed zero elsewhere for this table's money (a 0 line, a sentence saying 0). */
function othersShowZero(id: TableId, d: Disclosure): boolean {
  // A line printed 0.00 or blank (“—”): both read as nothing.
  const printedZero = (table: TableId, key: string) =>
    Object.values(
      d.tables.find((t) => t.id === table)?.rows.find((r) => r.key === key)?.cells ?? {},
    ).some((c) => c.amount === 0 || c.amount === null);
  const claimedZero = (key: string) =>
    d.claims.some((c) => c.subject.key === key && c.amount === 0);
  switch (id) {
    case "gov_fund":
      return (
        printedZero("summary", "income.gov_fund") ||
        claimedZero("gov_fund.expenditure") ||
        summaryAccountsWithout(d, "income.gov_fund")
      );
    case "state_capital":
      return (
        printedZero("summary", "income.state_capital") ||
        claimedZero("state_capital.expenditure") ||
        summaryAccountsWithout(d, "income.state_capital")
      );
    case "procurement":
      return claimedZero("procurement.total");
    case "three_public":
      return claimedZero("three_public.total");
    default:
      return false;
  }
}

/**
 * Whether the 收支总表 accounts for every yuan of the year without an income
 * line: its other sources add up to its 收入总计 (合计) and nothing is carried
 * over that could hold that fund's money — so that fund had none.
 */
function summaryAccountsWithout(d: Disclosure, key: string): boolean {
  const s = d.tables.find((t) => t.id === "summary");
  if (!s || s.empty) return false;
  const rows = s.rows.filter((r) => !r.key.includes("#"));
  const line = (k: string) => rows.find((r) => r.key === k);
  const total = line("income.grand_total") ?? line("income.total");
  const totalAmount = cellAmount(total, "amount", "total");
  if (totalAmount === null || totalAmount === undefined) return false;
  if ((cellAmount(line("income.carryover"), "amount", "total") ?? 0) !== 0) return false;
  // Sources only: not 财政拨款 (the sum of the funds), totals, carry-overs or 其中 items.
  const parts = rows.filter(
    (r) =>
      /^income\.[a-z_]+$/.test(r.key) &&
      ![key, "income.fiscal", "income.total", "income.grand_total", "income.carryover"].includes(
        r.key,
      ),
  );
  if (parts.length === 0) return false;
  let sum = 0;
  for (const r of parts) sum += cellAmount(r, "amount", "total") ?? 0;
  return sum === totalAmount;
}

/** Amount of a line of a table, 0 when absent. */
function lineAmount(d: Disclosure, table: TableId, key: string, ...cols: string[]): number {
  const row = d.tables.find((t) => t.id === table)?.rows.find((r) => r.key === key);
  return cellAmount(row, ...cols) ?? 0;
}

/** Whether another table shows money that this (empty) table would itemise. */
export function othersShowData(id: TableId, d: Disclosure): boolean {
  // The narrative states money of this table's kind ("政府采购预算共52.44万元").
  const claimed = (prefix: string) =>
    d.claims.some((c) => c.subject.key?.startsWith(prefix) && (c.amount ?? 0) !== 0);
  switch (id) {
    case "procurement":
      return claimed("procurement.");
    case "three_public":
      return claimed("three_public.");
    case "gov_fund":
      return (
        lineAmount(d, "summary", "income.gov_fund", "amount", "total") !== 0 || claimed("gov_fund.")
      );
    case "state_capital":
      return (
        lineAmount(d, "summary", "income.state_capital", "amount", "total") !== 0 ||
        claimed("state_capital.")
      );
    case "projects":
      return d.kind === "budget" && lineAmount(d, "gpb_function", "total", "project") !== 0;
    case "gpb_project_economic":
      return lineAmount(d, "gpb_function", "total", "project") !== 0;
    case "income":
    case "expenditure":
    case "gpb_function":
    case "gpb_basic_economic":
      return lineAmount(d, "summary", "income.total", "amount", "total") !== 0;
    default:
      return false;
  }
}
