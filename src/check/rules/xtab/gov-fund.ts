/**
 * Subjects only the 政府性基金预算 pays for (src/catalog/gov-fund.ts): a
 * 彩票公益金 or 国有土地使用权出让收入 row is fund money wherever it is printed.
 *
 * - In a table of the 一般公共预算 (or its column of the 收入总表) such a row
 *   is money filed under the wrong budget.
 * - A university's 收支总表 prints "其中：政府性基金预算财政拨款" under
 *   财政拨款收入; the 财政拨款 its 收入表 prints on fund rows is part of it,
 *   so it cannot be less than their sum.
 */
import { isGovFundSubject } from "../../../catalog/gov-fund.ts";
import type { Row, Table, TableId } from "../../../model/schema.ts";
import type { RawFinding, Rule, RuleContext } from "../../types.ts";
import { cellLocation, tablesOf } from "../../view.ts";
import { cellLabel, compare, line, type Ref, ref, trustworthy } from "../arith/common.ts";

/** Tables of the 一般公共预算 alone, by function. */
const GPB_TABLES: readonly TableId[] = ["gpb_function", "gpb_basic_function"];

/**
 * Fund rows that do not overlap: a 款 where it is printed, else the 项 under
 * it, so that no amount is counted twice.
 */
function fundRows(table: Table, year: number): Row[] {
  const funded = table.rows.filter(
    (r) => r.keyKind === "func" && !r.key.includes("#") && isGovFundSubject(r.key, year),
  );
  const keys = new Set(funded.map((r) => r.key));
  return funded.filter((r) => r.key.length === 5 || !keys.has(r.key.slice(0, 5)));
}

function* inGeneralBudget(ctx: RuleContext): Iterable<RawFinding> {
  const { doc } = ctx;
  const places: { table: Table; column: string }[] = [];
  for (const id of GPB_TABLES)
    for (const t of tablesOf(doc, id)) if (!t.empty) places.push({ table: t, column: "total" });
  for (const t of tablesOf(doc, "income"))
    if (!t.empty && t.columns.some((c) => c.id === "gpb")) places.push({ table: t, column: "gpb" });
  for (const { table, column } of places) {
    for (const row of fundRows(table, doc.year)) {
      const amount = row.cells[column]?.amount;
      if (!amount) continue;
      const cell = ref(table, row, column);
      if (!cell) continue;
      yield {
        message: `${cellLabel(cell)} 有金额，而“${row.name.trim()}”是政府性基金预算的支出科目，不应由一般公共预算安排`,
        locations: [cellLocation(table, row, column)],
      };
    }
  }
}

function* fundLine(ctx: RuleContext): Iterable<RawFinding> {
  const { doc } = ctx;
  const income = tablesOf(doc, "income").find(
    (t) =>
      !t.empty &&
      trustworthy(doc, t) &&
      t.columns.some((c) => c.id === "fiscal") &&
      !t.columns.some((c) => c.id === "gov_fund"),
  );
  if (!income) return;
  const parts: Ref[] = [];
  for (const row of fundRows(income, doc.year)) {
    const cell = ref(income, row, "fiscal");
    if (cell && row.cells.fiscal?.amount) parts.push(cell);
  }
  if (parts.length === 0) return;
  for (const summary of tablesOf(doc, "summary")) {
    const of = line(summary, "income.fiscal.of_gov_fund");
    const whole = ref(summary, of, "amount");
    if (!of || !whole || of.cells.amount?.amount == null) continue;
    const f = compare({
      doc,
      actual: parts,
      expected: [whole],
      relation: "le",
      say: (a, e, g) =>
        `${income.title}中政府性基金科目（${parts.map((p) => p.row.name.trim()).join("、")}）的财政拨款之和 ${a}，大于${cellLabel(whole)} ${e}，超出 ${g}`,
    });
    if (f) yield f;
  }
}

export const govFundSubjects: Rule = {
  id: "xtab/gov-fund-subjects",
  family: "xtab",
  severity: "warning",
  title: "政府性基金科目的资金来源",
  description:
    "名称表明由政府性基金安排的功能分类科目（彩票公益金、国有土地使用权出让收入、专项债券等安排的支出）只能由政府性基金预算拨款：出现在一般公共预算支出表或收入总表的一般公共预算列中，是把资金列错了预算；高等学校收支总表的“其中：政府性基金预算财政拨款”不能少于收入表中这些科目的财政拨款之和。",
  basis:
    "一致性：政府性基金预算的支出科目只由政府性基金预算安排（《政府收支分类科目》政府性基金预算支出科目，科目名称即表明资金来源）。",
  confirmation: "practice",
  *check(ctx) {
    yield* inGeneralBudget(ctx);
    yield* fundLine(ctx);
  },
};
