/**
 * Sums inside the two summary tables (收支总表 / 收入支出决算总表 and
 * 财政拨款收支总表): income lines add up to 本年收入合计, the expenditure lines
 * to 本年支出合计, the totals plus carry-overs to 总计, and both sides balance.
 */
import type { Row, Table, TableId } from "../../../model/schema.ts";
import {
  CLASS_LINE_PREFIX,
  FUNDS,
  fundCarryoverLine,
  fundIncomeLine,
  OTHER_INCOME_LINES,
  type SummaryLineKey,
} from "../../../model/vocabulary.ts";
import type { RawFinding, Rule, RuleContext } from "../../types.ts";
import { tablesOf } from "../../view.ts";
import { baseKey, cellLabel, compare, line, present, ref, trustworthy } from "./common.ts";

const SUMMARY_TABLES: readonly TableId[] = ["summary", "fiscal_summary"];

function* summaryTables(ctx: RuleContext): Iterable<Table> {
  for (const id of SUMMARY_TABLES) {
    for (const t of tablesOf(ctx.doc, id)) if (!t.empty && trustworthy(ctx.doc, t)) yield t;
  }
}

/** 收入总表 printed as a list of income lines (Jiangsu): one amount per source line. */
function* lineIncomeTables(ctx: RuleContext): Iterable<Table> {
  for (const t of tablesOf(ctx.doc, "income")) {
    if (t.empty || !trustworthy(ctx.doc, t)) continue;
    const lines = t.rows.filter((r) => r.key.startsWith("income."));
    if (lines.length >= 2 && lines.some((r) => /^income\.(?:grand_)?total$/u.test(r.key))) yield t;
  }
}

/** Rows of a key and its `#2`, `#3` repeats (one per printed column group), in order. */
function variants(table: Table, key: SummaryLineKey): Row[] {
  return table.rows.filter((r) => baseKey(r.key) === key);
}

/** The columns a row prints amounts in. */
function columnsOf(row: Row): string[] {
  return Object.keys(row.cells);
}

/** The column that carries a line's amount when the two sides print different columns. */
function mainColumn(row: Row): string | undefined {
  if (row.cells.total) return "total";
  if (row.cells.amount) return "amount";
  return columnsOf(row)[0];
}

/** total = Σ parts in every column the total prints. */
function* sumLines(
  ctx: RuleContext,
  table: Table,
  total: Row | undefined,
  parts: readonly (Row | undefined)[],
  what: string,
): Iterable<RawFinding> {
  if (!total) return;
  const rows = parts.filter((r): r is Row => r !== undefined);
  if (rows.length === 0) return;
  for (const col of columnsOf(total)) {
    const actual = ref(table, total, col);
    if (!actual) continue;
    const refs = present(rows.map((r) => ref(table, r, col)));
    if (refs.length === 0) continue;
    const f = compare({
      doc: ctx.doc,
      actual,
      expected: refs,
      say: (a, e, g) => `${cellLabel(actual)} ${a}，不等于${what} ${e}，相差 ${g}`,
    });
    if (f) yield f;
  }
}

function* incomeTotal(ctx: RuleContext): Iterable<RawFinding> {
  for (const table of summaryTables(ctx)) {
    const fiscal = line(table, "income.fiscal");
    const funds = FUNDS.map((f) => line(table, fundIncomeLine(f)));
    yield* sumLines(
      ctx,
      table,
      fiscal,
      funds,
      "其下一般公共预算、政府性基金预算、国有资本经营预算拨款之和",
    );
    const parts = [
      ...(fiscal ? [fiscal] : funds),
      ...(table.id === "summary" ? OTHER_INCOME_LINES.map((k) => line(table, k)) : []),
    ];
    yield* sumLines(ctx, table, incomeTarget(table), parts, "各项收入之和");
  }
  for (const table of lineIncomeTables(ctx)) {
    const fiscal = line(table, "income.fiscal");
    const funds = FUNDS.map((f) => line(table, fundIncomeLine(f)));
    const total = line(table, "income.total");
    // 收入总计 of a list that prints no 本年合计 includes the carry-over lines.
    const carried = total ? [] : [line(table, "income.carryover"), line(table, "income.reserve")];
    yield* sumLines(
      ctx,
      table,
      total ?? line(table, "income.grand_total"),
      [
        ...(fiscal ? [fiscal] : funds),
        ...OTHER_INCOME_LINES.map((k) => line(table, k)),
        ...carried,
      ],
      "各项收入之和",
    );
  }
}

/** Whether a line is absent or prints no money (a blank or 0 carry-over). */
function nothingIn(row: Row | undefined): boolean {
  return !row || Object.values(row.cells).every((c) => (c.amount ?? 0) === 0);
}

/**
 * The line the income items add up to: 本年收入合计, or — in a table that
 * prints none and carries nothing over (财政拨款收支总表 of many regions) —
 * 收入合计/总计 itself.
 */
function incomeTarget(table: Table): Row | undefined {
  const total = line(table, "income.total");
  if (total) return total;
  const carried = ["income.carryover", "income.reserve"].some((k) => !nothingIn(line(table, k)));
  return carried ? undefined : line(table, "income.grand_total");
}

/** 本年支出合计, or 支出合计/总计 where none is printed and nothing is carried to next year. */
function expenditureTargets(table: Table): Row[] {
  const totals = variants(table, "expenditure.total");
  if (totals.length > 0) return totals;
  if (variants(table, "expenditure.carryover").some((r) => !nothingIn(r))) return [];
  if (!nothingIn(line(table, "expenditure.distribution"))) return [];
  return variants(table, "expenditure.grand_total");
}

/** What the money is used for (Jiangsu's 支出用途): 基本支出 + 项目支出 + 单位预留机动经费. */
const USE_LINES = ["expenditure.basic", "expenditure.project", "expenditure.reserve"] as const;

/** The expenditure lists a summary prints side by side, each ending in its own 本年支出合计. */
const EXPENDITURE_LISTS = [
  { prefix: CLASS_LINE_PREFIX.func, what: "各支出功能分类科目之和", repeats: false },
  { prefix: CLASS_LINE_PREFIX.econ_dept, what: "各部门预算支出经济分类科目之和", repeats: true },
  { prefix: CLASS_LINE_PREFIX.econ_gov, what: "各政府预算支出经济分类科目之和", repeats: true },
] as const;

function* expenditureTotal(ctx: RuleContext): Iterable<RawFinding> {
  for (const table of summaryTables(ctx)) {
    const totals = expenditureTargets(table);
    if (totals.length === 0) continue;
    const uses = USE_LINES.map((k) => line(table, k)).filter((r): r is Row => r !== undefined);
    if (uses.length >= 2 && totals[0]) {
      yield* sumLines(ctx, table, totals[0], uses, "基本支出、项目支出等各项用途之和");
    }
    for (const [index, list] of EXPENDITURE_LISTS.entries()) {
      // An economic list may print a line twice (basic and project sections): both count.
      const rows = table.rows.filter(
        (r) => r.key.startsWith(list.prefix) && (list.repeats || !r.key.includes("#")),
      );
      if (rows.length === 0) continue;
      // Each list has its own 本年支出合计 when they repeat (by column order); a list whose
      // sum some printed total matches is consistent, otherwise its own total is reported.
      const findings = totals.map((t) => [...sumLines(ctx, table, t, rows, list.what)]);
      if (findings.some((f) => f.length === 0)) continue;
      yield* findings[Math.min(index, findings.length - 1)] ?? [];
    }
  }
}

function* grandTotals(ctx: RuleContext): Iterable<RawFinding> {
  for (const table of summaryTables(ctx)) {
    const carry = line(table, "income.carryover");
    // Without its carry-over line the income side was not read whole; nothing to add up.
    if (carry) {
      yield* sumLines(
        ctx,
        table,
        carry,
        FUNDS.map((f) => line(table, fundCarryoverLine(f))),
        "其下各项结转之和",
      );
      yield* sumLines(
        ctx,
        table,
        line(table, "income.grand_total"),
        [line(table, "income.total"), carry, line(table, "income.reserve")],
        "本年收入合计与上年结转等之和",
      );
    }
    const totals = variants(table, "expenditure.total");
    const carries = variants(table, "expenditure.carryover");
    const grands = variants(table, "expenditure.grand_total");
    const distribution = line(table, "expenditure.distribution");
    for (const [i, grand] of grands.entries()) {
      if (!carries[i] || !totals[i]) continue;
      yield* sumLines(
        ctx,
        table,
        grand,
        [totals[i], carries[i], i === 0 ? distribution : undefined],
        "本年支出合计与结转下年等之和",
      );
    }
  }
}

function* balance(ctx: RuleContext): Iterable<RawFinding> {
  for (const table of summaryTables(ctx)) {
    const income = line(table, "income.grand_total");
    const incomeCol = income && mainColumn(income);
    if (!income || !incomeCol) continue;
    for (const out of variants(table, "expenditure.grand_total")) {
      const col = mainColumn(out);
      const actual = col ? ref(table, out, col) : undefined;
      const expected = ref(table, income, incomeCol);
      if (!actual || !expected) continue;
      const f = compare({
        doc: ctx.doc,
        actual,
        expected: [expected],
        say: (a, e, g) =>
          `${cellLabel(actual)} ${a}，与${cellLabel(expected, false)} ${e} 不相等，相差 ${g}`,
      });
      if (f) yield f;
    }
  }
}

export const summaryRules: Rule[] = [
  {
    id: "arith/summary-income-total",
    family: "arith",
    severity: "error",
    title: "本年收入合计等于各项收入之和",
    description:
      "收支总表（收入支出决算总表）的本年收入合计应等于财政拨款（一般公共预算、政府性基金预算、国有资本经营预算拨款）、财政专户管理资金、事业收入、经营收入、上级补助收入、附属单位上缴收入、其他收入之和；财政拨款收支总表的本年收入应等于三项预算拨款之和；列有“财政拨款”小计时，小计等于其下三项之和。",
    basis: "恒等式（收支总表）：本年收入合计 = Σ各收入项目。",
    confirmation: "identity",
    check: incomeTotal,
  },
  {
    id: "arith/summary-expenditure-total",
    family: "arith",
    severity: "error",
    title: "本年支出合计等于各支出科目之和",
    description:
      "收支总表和财政拨款收支总表的本年支出合计应等于支出栏各功能分类“类”之和；并列经济分类栏的，本年支出合计也应等于各经济分类之和。",
    basis: "恒等式（收支总表）：本年支出合计 = Σ各支出项目。",
    confirmation: "identity",
    check: expenditureTotal,
  },
  {
    id: "arith/summary-grand-totals",
    family: "arith",
    severity: "error",
    title: "总计等于本年合计加结转",
    description:
      "收入总计 = 本年收入合计 + 上年结转（结余）+ 用事业基金弥补收支差额（使用非财政拨款结余）；支出总计 = 本年支出合计 + 结转下年（年末结转和结余）+ 结余分配；上年结转分资金列示时，结转等于其下各项之和。只在表中印有结转行时核对。",
    basis:
      "恒等式（收支总表）：收入总计 = 本年收入合计 + 上年结转结余等；支出总计 = 本年支出合计 + 年末结转结余等。",
    confirmation: "identity",
    check: grandTotals,
  },
  {
    id: "arith/summary-balance",
    family: "arith",
    severity: "error",
    title: "收入总计等于支出总计",
    description: "收支总表和财政拨款收支总表的收入总计应等于支出总计（收支平衡）。",
    basis: "恒等式（收支总表）：收入总计 = 支出总计。",
    confirmation: "identity",
    check: balance,
  },
];
