/**
 * A classification row printed twice in one table, with the same name and
 * the same figures: the table lists one 科目 twice, and every sum over it
 * counts that amount once too often or shows a line that is not there.
 *
 * A code printed twice with other figures is a different matter (two tables
 * or two units run together in reading): such a table is not checked at all
 * and is listed as such (src/check/trust.ts).
 */

import { sameAsFirst, trustworthy } from "../../trust.ts";
import type { Rule } from "../../types.ts";
import { cellLocation, codeRows, money, rowLocation } from "../../view.ts";
import { CLASSIFICATION_TABLES } from "./common.ts";

export const rowPrintedTwice: Rule = {
  id: "arith/row-printed-twice",
  family: "arith",
  severity: "error",
  title: "同一科目不重复列示",
  description:
    "分类表中每个科目只列一行。同一编码、同一名称、同样金额的行出现两次，是重复列示：合计与各级小计无法同时与之相符，读者也无法判断哪一行是多出来的。",
  basis: "财政部《政府收支分类科目》：分类表按“类—款—项”逐级列示，每个科目一行。",
  confirmation: "practice",
  *check({ doc }) {
    for (const table of doc.tables) {
      if (!CLASSIFICATION_TABLES.includes(table.id) || table.empty) continue;
      if (!trustworthy(doc, table)) continue;
      for (const row of codeRows(table)) {
        if (!row.key.includes("#") || !sameAsFirst(table, row)) continue;
        const code = row.key.split("#")[0] ?? row.key;
        const first = table.rows.find((r) => r.key === code);
        yield {
          message: `${table.title}中科目 ${code}“${row.name.trim()}”列示了两次，金额相同${first?.source.line !== undefined && row.source.line !== undefined ? `（第 ${first.source.line} 行与第 ${row.source.line} 行）` : ""}。`,
          locations: [...(first ? [rowLocation(table, first)] : []), rowLocation(table, row)],
          expected: "每个科目一行",
          actual: "重复列示",
        };
      }
    }
  },
};

/** The columns' labels as printed, for a message. */
function columnLabel(table: { columns: { id: string; label: string }[] }, id: string): string {
  return (table.columns.find((c) => c.id === id)?.label ?? id).replace(/\s+/gu, "");
}

/**
 * A 合计 row printed twice in one table (at the top and again at the foot,
 * as some templates do) with different figures: one of the two is wrong.
 * Only in a table read as one (no 科目 repeated), so that two tables run
 * together are not taken for one.
 */
export const totalPrintedTwice: Rule = {
  id: "arith/total-printed-twice",
  family: "arith",
  severity: "error",
  title: "重复列示的合计行金额一致",
  description:
    "有的表样在表头下和表尾各印一行合计。两行合计是同一个数，金额应完全相同；不同则至少有一行是错的。",
  basis: "恒等式：同一表中重复列示的合计行 = 首行合计（同一数额只有一个值）。",
  confirmation: "practice",
  *check({ doc }) {
    for (const table of doc.tables) {
      if (!CLASSIFICATION_TABLES.includes(table.id) || table.empty) continue;
      if (!trustworthy(doc, table)) continue;
      if (codeRows(table).some((r) => r.key.includes("#"))) continue;
      const first = table.rows.find((r) => r.key === "total");
      if (!first) continue;
      for (const again of table.rows.filter((r) => r.key.startsWith("total#"))) {
        const differ = Object.keys(first.cells).filter((c) => {
          const a = first.cells[c]?.amount;
          const b = again.cells[c]?.amount;
          return a !== null && a !== undefined && b !== null && b !== undefined && a !== b;
        });
        if (differ.length === 0) continue;
        const said = differ
          .map(
            (c) =>
              `“${columnLabel(table, c)}”${money(first.cells[c]?.amount ?? 0, table.unit)}与${money(again.cells[c]?.amount ?? 0, table.unit)}`,
          )
          .join("，");
        yield {
          message: `${table.title}的合计行印了两次${first.source.line !== undefined && again.source.line !== undefined ? `（第 ${first.source.line} 行与第 ${again.source.line} 行）` : ""}，金额不同：${said}。`,
          locations: differ.flatMap((c) => [
            cellLocation(table, first, c),
            cellLocation(table, again, c),
          ]),
          expected: money(first.cells[differ[0] ?? ""]?.amount ?? 0, table.unit),
          actual: money(again.cells[differ[0] ?? ""]?.amount ?? 0, table.unit),
        };
      }
    }
  },
};
