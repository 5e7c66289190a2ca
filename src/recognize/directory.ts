/**
 * The 报表目录 some templates print before the tables: one row per table with
 * “是否空表” and “表格为空的理由”. That reason is the document's 空表说明 for a
 * table whose own page says nothing.
 */
import type { LayoutBlock } from "../ingest/layout.ts";
import type { Table } from "../model/schema.ts";
import { compact } from "./normalize.ts";
import { matchTableNumber, titleShape } from "./titles.ts";

/** One 报表目录 row that marks its table empty: the table's number and title as printed there, and why. */
export interface DirectoryEmptyReason {
  /** Compacted ("表9", "公开08表", "表九"); absent where the row prints no number. */
  number?: string;
  /** The title's words (titleShape body), compacted. */
  title?: string;
  reason: string;
}

/**
 * The rows of a 报表目录 grid that say a table is empty. A row is known by
 * its first cells: a table number (in whatever style the region numbers
 * its tables) and a title, or a title alone; then “是” and the reason.
 */
export function directoryEmptyReasons(blocks: readonly LayoutBlock[]): DirectoryEmptyReason[] {
  const reasons: DirectoryEmptyReason[] = [];
  for (const block of blocks) {
    if (block.kind !== "grid") continue;
    for (const row of block.rows) {
      const texts = row.cells.map((c) => compact(c.text));
      const first = texts[0] ?? "";
      // A bare “9” is the row's 序号, which need not be the table's number.
      const serial = /^\d{1,2}$/.test(first);
      const number = first && !serial ? matchTableNumber(first) : undefined;
      const titleAt = number !== undefined || serial || first === "" ? 1 : 0;
      const shape = titleShape(texts[titleAt] ?? "");
      if (number === undefined && !shape) continue;
      const yes = texts.indexOf("是", titleAt + 1);
      const reason = yes >= 0 ? texts.slice(yes + 1).find((t) => t !== "") : undefined;
      if (!reason) continue;
      const entry: DirectoryEmptyReason = { reason };
      if (number !== undefined) entry.number = compact(number);
      if (shape) entry.title = shape.body;
      reasons.push(entry);
    }
  }
  return reasons;
}

/**
 * Give empty tables without a note of their own the directory's reason: the
 * row of the same number, or, where the table or the row prints none, the
 * row of the same title.
 */
export function applyDirectoryNotes(
  tables: Table[],
  reasons: readonly DirectoryEmptyReason[],
): void {
  if (reasons.length === 0) return;
  for (const table of tables) {
    if (!table.empty || table.emptyNote) continue;
    const number = table.number ? compact(table.number) : undefined;
    const title = titleShape(table.title)?.body;
    const row =
      (number !== undefined ? reasons.find((r) => r.number === number) : undefined) ??
      (title !== undefined
        ? reasons.find((r) => r.title === title && (r.number === undefined || number === undefined))
        : undefined);
    if (row) table.emptyNote = `报表目录注明为空表：${row.reason}`;
  }
}
