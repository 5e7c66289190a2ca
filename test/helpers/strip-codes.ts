/**
 * A classification table as documents of other regions print its codes:
 * not at all (every code taken out of the seed's coded tables, cells kept in
 * place), or in the name's own cell ("2080505机关事业单位…").
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

const WHOLE_CODE = /^\s*(\d{3}(?:\d{2}){0,2})\s*$/u;
const CODE_THEN_NAME = /^(\s*)(\d{3}(?:\d{2}){0,2})[ \t]+(?=[\u4e00-\u9fa5])/u;

/**
 * Each whole code moved into its name's cell, with no space between: the
 * next cell with words (or, in text, the next line with words).
 */
export function withCodesInNames(text: string, tables: Table[]): string {
  const lines = text.split("\n");
  for (const t of tables) {
    // Codes printed in parts (208 05 05, or 01 under its 类) have no whole code to move.
    const inParts = t.rows.some((r) => r.printedCode !== undefined);
    if (!CODED.has(t.id) || isTriplet(t) || inParts) continue;
    const from = t.source.line;
    const to = t.source.endLine ?? from;
    // Two codes on a line (部门 and 政府 economic classifications side by side): not this layout.
    const twoCodes = lines
      .slice(from - 1, to)
      .some((l) => l.split(/[|\t]/u).filter((c) => WHOLE_CODE.test(c)).length >= 2);
    if (twoCodes) continue;
    for (let i = from; i <= to; i++) {
      const line = lines[i - 1];
      if (line === undefined) continue;
      const sep = line.startsWith("|") ? "|" : line.includes("\t") ? "\t" : undefined;
      if (sep) {
        const cells = line.split(sep);
        const at = cells.findIndex((c) => WHOLE_CODE.test(c));
        const name = cells.findIndex((c, k) => k > at && /[\u4e00-\u9fa5]/u.test(c));
        if (at >= 0 && name > at) {
          cells[name] = `${cells[at]?.trim()}${cells[name]?.trim()}`;
          cells[at] = "";
          lines[i - 1] = cells.join(sep);
        }
        continue;
      }
      if (CODE_THEN_NAME.test(line)) {
        lines[i - 1] = line.replace(CODE_THEN_NAME, "$1$2");
        continue;
      }
      // A code alone on its line, its name on the next line with words.
      const code = WHOLE_CODE.exec(line)?.[1];
      if (!code) continue;
      const next = lines.findIndex((l, k) => k > i - 1 && k < to && l.trim() !== "");
      if (next < 0 || !/^\s*[\u4e00-\u9fa5]/u.test(lines[next] ?? "")) continue;
      lines[i - 1] = "";
      lines[next] = `${code}${(lines[next] ?? "").trimStart()}`;
    }
  }
  return lines.join("\n");
}
