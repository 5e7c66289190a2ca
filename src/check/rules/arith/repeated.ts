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
import { codeRows, rowLocation } from "../../view.ts";
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
