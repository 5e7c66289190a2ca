/**
 * A "其中" figure within what it is part of: the 其中 line of a summary table
 * (其中：政府性基金预算财政拨款 under 财政拨款收入, 其中：捐赠收入 under 其他收入)
 * and the 其中 column of a classification table (其中：教育收费 within 事业收入,
 * 其中：基本建设资金支出 within 项目支出) cannot exceed their whole. They take
 * part in no sum, so this is the only identity that holds them.
 */
import type { Table, TableId } from "../../../model/schema.ts";
import type { RawFinding, Rule, RuleContext } from "../../types.ts";
import { tablesOf } from "../../view.ts";
import {
  baseKey,
  CLASSIFICATION_TABLES,
  cellLabel,
  compare,
  line,
  ref,
  trustworthy,
} from "./common.ts";

const SUMMARY_TABLES: readonly TableId[] = ["summary", "fiscal_summary", "income"];

/** 其中 columns and the column each is part of. */
const PART_COLUMNS: readonly [part: string, whole: string][] = [
  ["education_fees", "business"],
  ["capital_construction", "project"],
];

function* partLines(ctx: RuleContext, table: Table): Iterable<RawFinding> {
  for (const row of table.rows) {
    const m = /^(.+)\.of_[a-z_]+$/u.exec(baseKey(row.key));
    if (!m?.[1]) continue;
    const whole = line(table, m[1]);
    if (!whole) continue;
    for (const col of Object.keys(row.cells)) {
      const part = ref(table, row, col);
      const of = ref(table, whole, col);
      if (!part || !of || row.cells[col]?.amount == null || whole.cells[col]?.amount == null)
        continue;
      const f = compare({
        doc: ctx.doc,
        actual: part,
        expected: [of],
        relation: "le",
        say: (a, e, g) =>
          `${cellLabel(part)} ${a}，大于它所属的“${whole.name.trim()}” ${e}，超出 ${g}`,
      });
      if (f) yield f;
    }
  }
}

function* partColumns(ctx: RuleContext, table: Table): Iterable<RawFinding> {
  const ids = new Set(table.columns.map((c) => c.id as string));
  for (const [partId, wholeId] of PART_COLUMNS) {
    if (!ids.has(partId) || !ids.has(wholeId)) continue;
    for (const row of table.rows) {
      const part = ref(table, row, partId);
      const whole = ref(table, row, wholeId);
      if (!part || !whole || row.cells[partId]?.amount == null) continue;
      const f = compare({
        doc: ctx.doc,
        actual: part,
        expected: [whole],
        relation: "le",
        say: (a, e, g) =>
          `${cellLabel(part)} ${a}，大于同行${cellLabel(whole, false)} ${e}，超出 ${g}`,
      });
      if (f) yield f;
    }
  }
}

export const partWithinWhole: Rule = {
  id: "arith/part-within-whole",
  family: "arith",
  severity: "error",
  title: "“其中”数不大于所属的数",
  description:
    "收支总表、收入表中的“其中”行（如“其中：政府性基金预算财政拨款”“其中：捐赠收入”）和分类表中的“其中”列（如“其中：教育收费”“其中：基本建设资金支出”）是所属行、列的一部分，不能大于所属的数。",
  basis: "不等式：其中项 ≤ 所属项（部分不大于整体）。",
  confirmation: "identity",
  *check(ctx) {
    for (const id of SUMMARY_TABLES) {
      for (const t of tablesOf(ctx.doc, id)) {
        if (!t.empty && trustworthy(ctx.doc, t)) yield* partLines(ctx, t);
      }
    }
    for (const id of CLASSIFICATION_TABLES) {
      for (const t of tablesOf(ctx.doc, id)) {
        if (!t.empty && trustworthy(ctx.doc, t)) yield* partColumns(ctx, t);
      }
    }
  },
};
