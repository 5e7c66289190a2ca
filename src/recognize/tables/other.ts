/**
 * A table whose title names no standard table: kept as printed (title and
 * cells row by row), never merged into a neighbour and never dropped.
 */
import type { Table } from "../../model/schema.ts";
import type { Region } from "../segment.ts";
import { type BuildContext, finishTable, newTable } from "./common.ts";

/** Cells of a text line: runs separated by two or more spaces (PDF text) or a tab. */
function lineCells(text: string): string[] {
  return text
    .trim()
    .split(/\t|\s{2,}|\s*\|\s*/)
    .filter((c) => c !== "");
}

export function buildOtherTable(region: Region, ctx: BuildContext): Table {
  const table = newTable(region, "other", ctx);
  const printed: string[][] = [];
  for (const b of region.blocks) {
    if (b.kind === "grid") for (const r of b.rows) printed.push(r.cells.map((c) => c.text.trim()));
    else printed.push(lineCells(b.text));
  }
  table.printed = printed.filter((r) => r.some((c) => c !== ""));
  finishTable(table, region);
  // No modelled rows: "empty" means nothing but words is printed under the title.
  table.empty = !table.printed.some((r) => r.some((c) => /\d/.test(c)));
  return table;
}
