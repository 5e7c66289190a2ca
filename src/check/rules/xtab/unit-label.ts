/**
 * A table's unit label against the figures it shares with other tables: a
 * table labelled 元 whose figures are, digit for digit, the 万元 figures of
 * the document's other tables (its totals, its lines) is labelled wrong —
 * read as labelled, every amount is 10,000 times off. The figures decide,
 * not the label.
 */
import type { MoneyUnit, Table } from "../../../model/schema.ts";
import type { Rule } from "../../types.ts";
import { money, tableLocation } from "../../view.ts";

/** Figures large enough that an equal one elsewhere is no coincidence (≥ 100.00). */
const SIGNIFICANT = 10_000;

function figures(table: Table): Set<number> {
  const out = new Set<number>();
  for (const row of table.rows) {
    for (const cell of Object.values(row.cells)) {
      const a = cell.amount;
      if (a !== null && a !== undefined && Math.abs(a) >= SIGNIFICANT) out.add(Math.abs(a));
    }
  }
  return out;
}

/** A figure of seven or more digits (≥ 10,000.00) equal by chance is as unlikely as two of three. */
const DISTINCTIVE = 1_000_000;

/**
 * Two shared figures decide; so does one, where it is the table's only
 * figure (a 收入预算总表 printing its total on every line) and long enough.
 */
function enough(shared: number[], mine: Set<number>): boolean {
  if (shared.length >= 2) return true;
  return shared.length === 1 && mine.size === 1 && (shared[0] ?? 0) >= DISTINCTIVE;
}

/**
 * The figures two tables of one kind (the two 三公 tables of a 决算) print
 * alike, line by line and column by column, where every non-zero one agrees
 * (at least three): small figures decide too, since they agree in place, not
 * by chance. Empty when they do not.
 */
function sameCells(a: Table, b: Table): number[] {
  if (a.id !== b.id) return [];
  const equal: number[] = [];
  for (const row of a.rows) {
    const other = b.rows.find((r) => r.key === row.key);
    if (!other) continue;
    for (const [col, cell] of Object.entries(row.cells)) {
      const x = cell.amount ?? 0;
      const y = other.cells[col]?.amount ?? 0;
      if (x === 0 && y === 0) continue;
      if (x !== y) return [];
      equal.push(Math.abs(x));
    }
  }
  return equal.length >= 3 ? equal : [];
}

export const unitLabel: Rule = {
  id: "xtab/unit-label",
  family: "xtab",
  severity: "error",
  title: "表格的金额单位与其数字一致",
  description:
    "一张表标注的金额单位（元或万元）与文档其他表格不同，而它的合计和各行数字却与其他表格（按其单位）逐位相同：单位标错了，按标注读，每个金额都差一万倍。至少两个不小于 100 的数字相同才判断；表中只有一个数字时，它须不小于 10000 且相同；同类的两张表（如两张“三公”经费表）逐行逐列数字相同（至少三处）时，数字再小也可判断。",
  basis:
    "表间一致：同一金额在各表中按同一单位列示；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容准确。",
  confirmation: "practice",
  *check({ doc }) {
    const tables = doc.tables.filter((t) => !t.empty && t.id !== "other" && t.rows.length > 0);
    const byUnit = new Map<MoneyUnit, number>();
    for (const t of tables) byUnit.set(t.unit, (byUnit.get(t.unit) ?? 0) + 1);
    for (const table of tables) {
      const mine = figures(table);
      const any = table.rows.some((r) => Object.values(r.cells).some((c) => (c.amount ?? 0) !== 0));
      if (!any) continue;
      // The label is odd one out only where most tables print the other unit.
      const same = byUnit.get(table.unit) ?? 0;
      const other = tables.length - same;
      if (other <= same) continue;
      for (const peer of tables) {
        if (peer === table || peer.unit === table.unit) continue;
        const common = [...figures(peer)].filter((a) => mine.has(a));
        const shared = enough(common, mine) ? common : sameCells(table, peer);
        if (shared.length === 0) continue;
        const sample = shared.sort((a, b) => b - a)[0] ?? 0;
        yield {
          message: `${table.title}标注的单位为“${table.unit}”，但其中 ${shared.length} 个数字与${peer.title}（单位“${peer.unit}”）逐位相同（如 ${money(sample, peer.unit)}）：单位可能标错了。`,
          locations: [tableLocation(table), tableLocation(peer)],
          expected: peer.unit,
          actual: table.unit,
        };
        break;
      }
    }
  },
};
