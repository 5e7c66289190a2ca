/**
 * The 报表目录 some templates print before the tables: one row per table with
 * “是否空表” and “表格为空的理由”. That reason is the document's 空表说明 for a
 * table whose own page says nothing.
 */
import type { LayoutBlock } from "../ingest/layout.ts";
import type { Table } from "../model/schema.ts";
import { compact } from "./normalize.ts";

const NUMBER_CELL = /^(?:附表|部门公开表|公开)?表?\d+(?:-\d+)?表?$/;

/** Table number (compacted, e.g. "表9") → the reason the directory gives for it being empty. */
export function directoryEmptyReasons(blocks: readonly LayoutBlock[]): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const block of blocks) {
    if (block.kind !== "grid") continue;
    for (const row of block.rows) {
      const texts = row.cells.map((c) => compact(c.text));
      const number = texts[0];
      if (!number || !NUMBER_CELL.test(number)) continue;
      const yes = texts.indexOf("是", 2);
      const reason = yes >= 0 ? texts.slice(yes + 1).find((t) => t !== "") : undefined;
      if (reason) reasons.set(number, reason);
    }
  }
  return reasons;
}

/** Give empty tables without a note of their own the directory's reason. */
export function applyDirectoryNotes(tables: Table[], reasons: Map<string, string>): void {
  if (reasons.size === 0) return;
  for (const table of tables) {
    if (!table.empty || table.emptyNote || !table.number) continue;
    const reason = reasons.get(compact(table.number));
    if (reason) table.emptyNote = `报表目录注明为空表：${reason}`;
  }
}
