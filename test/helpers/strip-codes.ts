/**
 * A classification table as a document that prints no 科目编码 would show
 * it: every code taken out of the seed's coded tables, cells kept in place.
 */
import type { Table } from "../../src/model/schema.ts";

export const CODED: ReadonlySet<Table["id"]> = new Set([
  "expenditure",
  "gpb_function",
  "gpb_basic_economic",
  "gpb_economic",
  "gov_fund",
  "state_capital",
  "fiscal_function",
  "fiscal_basic_economic",
]);

/** A code at the start of a line or alone in a markdown cell: 208, 20805, 2080505, "208 05 05". */
const LEADING_CODE = /^(\s*)(?:\d{3}(?: {0,3}\d{2}){0,2}|\d{2}(?: {1,3}\d{2})?)(?![\d.,])/u;
const CELL_CODE = /^\s*\d{2,3}(?:\s?\d{2}){0,2}\s*$/u;

/**
 * Code / name / amount printed several times across a line (公开06): such a
 * table is never printed without its codes, which alone mark where one item ends.
 */
export const isTriplet = (t: Table): boolean =>
  new Set(t.rows.map((r) => r.source.line)).size < t.rows.length;

export function withoutCodes(text: string, tables: Table[]): string {
  const lines = text.split("\n");
  for (const t of tables) {
    if (!CODED.has(t.id) || isTriplet(t)) continue;
    const from = t.source.line;
    const to = t.source.endLine ?? from;
    for (let i = from; i <= to; i++) {
      const line = lines[i - 1];
      if (line === undefined) continue;
      // Cells keep their places: a blank where the code was.
      const sep = line.startsWith("|") ? "|" : line.includes("\t") ? "\t" : undefined;
      lines[i - 1] = sep
        ? line
            .split(sep)
            .map((c) => (CELL_CODE.test(c) ? "" : c))
            .join(sep)
        : line.replace(LEADING_CODE, "$1");
    }
  }
  return lines.join("\n");
}
