/**
 * The summary tables against the detail tables: 收支总表 against 收入总表 and
 * 支出总表, 收支总表 against 财政拨款收支总表 (when all money is 财政拨款), and
 * 财政拨款收支总表 against the three fund tables.
 */
import type { Disclosure, Row, Table } from "../../../model/schema.ts";
import {
  CLASS_LINE_PREFIX,
  FUND_NAMES,
  FUND_TABLES,
  FUNDS,
  fundCarryoverLine,
  fundIncomeLine,
  INCOME_LINE_OF,
  type IncomeLineKey,
  type IncomeSourceColumn,
  OTHER_INCOME_LINES,
  type SummaryLineKey,
} from "../../../model/vocabulary.ts";
import type { RawFinding, Rule, RuleContext } from "../../types.ts";
import { cellLocation, money, tableLocation } from "../../view.ts";
import { cellAmount, line, present, type Ref, ref, usableTable } from "../arith/common.ts";
import { complete, mismatch, totalCell } from "./common.ts";

/** The column carrying a summary line's amount (合计 where the line is split by fund). */
function mainRef(table: Table | undefined, row: Row | undefined): Ref | undefined {
  return ref(table, row, "total") ?? ref(table, row, "amount");
}

/** A cell's amount, zero when blank or not printed. */
function amountAt(r: Ref | undefined): number {
  return r ? (cellAmount(r) ?? 0) : 0;
}

function summaryLine(doc: Disclosure, key: SummaryLineKey): Ref | undefined {
  const t = usableTable(doc, "summary");
  return mainRef(t, line(t, key));
}

function* summaryVsIncome({ doc }: RuleContext): Iterable<RawFinding> {
  const income = usableTable(doc, "income");
  const total = totalCell(income, "total");
  const summaryTotal = summaryLine(doc, "income.total");
  if (!income || !total || !summaryTotal) return;
  // A 收入总表 that prints 上年结转 as a column adds it into its 合计.
  const withCarry = income.columns.some((c) => c.id === "carryover");
  const carry = summaryLine(doc, "income.carryover");
  // And one that prints 使用非财政拨款结余 as a column adds that line of the summary.
  const withReserve = income.columns.some((c) => c.id === "non_fiscal_balance");
  const reserve = summaryLine(doc, "income.reserve");
  if ((!withCarry || carry) && (!withReserve || reserve)) {
    const parts = [summaryTotal];
    if (withCarry && carry) parts.push(carry);
    if (withReserve && reserve) parts.push(reserve);
    const f = mismatch(doc, total, parts);
    if (f) yield f;
  }
  for (const [col, key] of Object.entries(INCOME_LINE_OF) as [
    IncomeSourceColumn,
    IncomeLineKey,
  ][]) {
    const cell = totalCell(income, col);
    // A summary without a 财政拨款 subtotal prints its three grants instead.
    const others =
      col === "fiscal" && !summaryLine(doc, key)
        ? present(FUNDS.map((f) => summaryLine(doc, fundIncomeLine(f))))
        : present([summaryLine(doc, key)]);
    if (!cell || others.length === 0) continue;
    const f = mismatch(doc, cell, others);
    if (f) yield f;
  }
}

/** The 类 lines of a summary table, by their 3-digit code. */
function functionLines(table: Table): [string, Row][] {
  const prefix = CLASS_LINE_PREFIX.func;
  return table.rows
    .filter((r) => r.key.startsWith(prefix) && !r.key.includes("#"))
    .map((r) => [r.key.slice(prefix.length), r]);
}

function* summaryVsExpenditure({ doc }: RuleContext): Iterable<RawFinding> {
  const summary = usableTable(doc, "summary");
  const exp = usableTable(doc, "expenditure");
  if (!summary || !exp || exp.empty) return;
  const total = totalCell(exp, "total");
  const summaryTotal = summaryLine(doc, "expenditure.total");
  if (total && summaryTotal) {
    const f = mismatch(doc, total, [summaryTotal]);
    if (f) yield f;
  }
  const whole = complete(doc, exp);
  for (const [code, row] of functionLines(summary)) {
    const actual = mainRef(summary, row);
    if (!actual) continue;
    const cls = ref(exp, line(exp, code), "total");
    if (!cls && !whole) continue;
    const f = mismatch(doc, actual, cls ? [cls] : [], {
      fallback: `${exp.title}（未列 ${code} 类）`,
      where: cls ? [] : [tableLocation(exp)],
    });
    if (f) yield f;
  }
}

const NON_FISCAL_INCOME: readonly IncomeLineKey[] = [...OTHER_INCOME_LINES, "income.reserve"];

/**
 * Whether every yuan of the unit is 财政拨款: no other income, and the same
 * carry-over in both summary tables. Only then do the two tables coincide.
 */
function allFiscal(doc: Disclosure, fiscal: Table): boolean {
  if (NON_FISCAL_INCOME.some((key) => amountAt(summaryLine(doc, key)) !== 0)) return false;
  const carry = summaryLine(doc, "income.carryover");
  const fiscalCarry = mainRef(fiscal, line(fiscal, "income.carryover"));
  if (!carry || !fiscalCarry) return false;
  return (
    cellAmount(carry) === cellAmount(fiscalCarry) &&
    fiscal.unit === usableTable(doc, "summary")?.unit
  );
}

function* summaryVsFiscal({ doc }: RuleContext): Iterable<RawFinding> {
  const summary = usableTable(doc, "summary");
  const fiscal = usableTable(doc, "fiscal_summary");
  if (!summary || !fiscal || fiscal.empty || !allFiscal(doc, fiscal)) return;
  const keys = [
    "income.total",
    "expenditure.total",
    "income.grand_total",
    "expenditure.grand_total",
    ...functionLines(summary).map(([, r]) => r.key),
  ];
  for (const key of keys) {
    const a = mainRef(fiscal, line(fiscal, key));
    const b = mainRef(summary, line(summary, key));
    if (!a || !b) continue;
    const f = mismatch(doc, a, [b]);
    if (f) yield f;
  }
}

function* fiscalVsFundTables({ doc }: RuleContext): Iterable<RawFinding> {
  const fiscal = usableTable(doc, "fiscal_summary");
  if (!fiscal || fiscal.empty) return;
  const total = line(fiscal, "expenditure.total");
  const split = total?.cells.gpb !== undefined;
  const funds = FUNDS.map((fund) => {
    const id = FUND_TABLES[fund];
    const table = usableTable(doc, id);
    const money =
      amountAt(mainRef(fiscal, line(fiscal, fundIncomeLine(fund)))) +
      amountAt(mainRef(fiscal, line(fiscal, fundCarryoverLine(fund))));
    return { id, table, fund, whole: complete(doc, table), money };
  });
  // Summing over all funds needs every fund table (or a fund with no money).
  const allKnown = funds.every((f) => f.whole || (!f.table && f.money === 0));
  const rows: [string | undefined, Row | undefined][] = [
    ["total", total],
    ...functionLines(fiscal).map(([code, r]): [string, Row] => [code, r]),
  ];
  for (const [code, row] of rows) {
    if (!row || !code) continue;
    const cellOf = (t: Table | undefined) => ref(t, line(t, code), "total");
    if (split) {
      for (const f of funds) {
        const actual = ref(fiscal, row, f.fund);
        if (!actual || !f.table) continue;
        const other = cellOf(f.table);
        if (!other && !f.whole) continue;
        const found = mismatch(doc, actual, other ? [other] : [], {
          fallback: `${f.table.title}（未列该行）`,
          where: other ? [] : [tableLocation(f.table)],
        });
        if (found) yield found;
      }
    } else if (allKnown) {
      const actual = mainRef(fiscal, row);
      if (!actual) continue;
      const others = present(funds.map((f) => cellOf(f.table)));
      if (others.length === 0 && !funds.some((f) => f.table && !f.table.empty)) continue;
      const found = mismatch(doc, actual, others, {
        fallback: "一般公共预算、政府性基金预算、国有资本经营预算支出表（均未列该行）",
      });
      if (found) yield found;
    }
  }
}

/**
 * Whether a budget's fund income lines tell what each fund spends: nothing is
 * carried to next year, and the carry-over is zero or itemised by fund (a
 * lump carry-over could belong to any fund).
 */
function fundsItemised(fiscal: Table): boolean {
  if (amountAt(mainRef(fiscal, line(fiscal, "expenditure.carryover"))) !== 0) return false;
  const carry = amountAt(mainRef(fiscal, line(fiscal, "income.carryover")));
  if (carry === 0) return true;
  const parts = present(FUNDS.map((f) => mainRef(fiscal, line(fiscal, fundCarryoverLine(f)))));
  return parts.length > 0 && parts.reduce((s, r) => s + amountAt(r), 0) === carry;
}

function* fundTablesVsFiscal({ doc }: RuleContext): Iterable<RawFinding> {
  const fiscal = usableTable(doc, "fiscal_summary");
  const total = line(fiscal, "expenditure.total");
  if (!fiscal || !total) return;
  for (const fund of FUNDS) {
    const table = usableTable(doc, FUND_TABLES[fund]);
    if (!table) continue;
    // Where the 财政拨款 table splits its columns by fund, xtab/fiscal-summary-vs-fund-tables compares.
    if (total.cells[fund] || total.cells.gpb || doc.kind !== "budget") continue;
    // A budget spends what it receives: this year's grant plus the carry-over.
    const figures = present([
      mainRef(fiscal, line(fiscal, fundIncomeLine(fund))),
      mainRef(fiscal, line(fiscal, fundCarryoverLine(fund))),
    ]);
    if (figures.length === 0) continue;
    if (table.empty) {
      const sum = figures.reduce((s, r) => s + amountAt(r), 0);
      if (sum === 0) continue;
      const unit = fiscal.unit;
      yield {
        message: `${table.title}为空表，但${fiscal.title}列有${FUND_NAMES[fund]}财政拨款收入 ${money(sum, unit)}`,
        locations: [
          ...figures.map((r) => cellLocation(r.table, r.row, r.column)),
          tableLocation(table),
        ],
        expected: money(0, unit),
        actual: money(sum, unit),
      };
      continue;
    }
    const tableTotal = totalCell(table, "total");
    if (!tableTotal || !fundsItemised(fiscal)) continue;
    const f = mismatch(doc, tableTotal, figures);
    if (f) yield f;
  }
}

export const summaryXtabRules: Rule[] = [
  {
    id: "xtab/summary-vs-income",
    family: "xtab",
    severity: "error",
    title: "收入总表与收支总表一致",
    description:
      "收入总表（收入决算表）合计行的合计应等于收支总表的本年收入合计（收入总表列有上年结转时，加上上年结转）；合计行各收入来源列应等于收支总表对应的收入项目。",
    basis:
      "表间恒等式：收入总表各来源 = 收支总表收入栏同名项目（收入总表为收支总表收入栏的明细）。",
    confirmation: "identity",
    check: summaryVsIncome,
  },
  {
    id: "xtab/summary-vs-expenditure",
    family: "xtab",
    severity: "error",
    title: "支出总表与收支总表一致",
    description:
      "支出总表（支出决算表）合计行的合计应等于收支总表的本年支出合计；收支总表支出栏每个功能分类“类”应等于支出总表该类的合计。支出总表完整时，收支总表列有金额而支出总表未列的类也会报出。",
    basis:
      "表间恒等式：支出总表合计、基本支出、项目支出 = 收支总表支出栏的对应数（支出总表为收支总表支出栏的明细）。",
    confirmation: "identity",
    check: summaryVsExpenditure,
  },
  {
    id: "xtab/summary-vs-fiscal-summary",
    family: "xtab",
    severity: "error",
    title: "全部为财政拨款时收支总表与财政拨款收支总表一致",
    description:
      "单位没有财政拨款以外的收入（事业收入、经营收入、其他收入等均为 0）且两表上年结转相同时，收支总表与财政拨款收支总表的本年收入、本年支出、总计和各功能分类类应一一相等。有其他收入时两表是包含关系，不核对。",
    basis:
      "表间恒等式：财政拨款收支总表的财政拨款收入 = 收支总表中一般公共预算、政府性基金预算、国有资本经营预算拨款收入之和。",
    confirmation: "practice",
    check: summaryVsFiscal,
  },
  {
    id: "xtab/fiscal-summary-vs-fund-tables",
    family: "xtab",
    severity: "error",
    title: "财政拨款收支总表与一般公共预算、基金、国资支出表一致",
    description:
      "财政拨款收支总表的本年支出合计和每个功能分类类，应等于一般公共预算支出表、政府性基金预算支出表、国有资本经营预算支出表对应合计之和；按资金分列时，一般公共预算列等于一般公共预算支出表，其余同理。",
    basis:
      "表间恒等式：财政拨款收支总表支出栏的一般公共预算、政府性基金、国有资本经营预算支出 = 三张分表的合计。",
    confirmation: "identity",
    check: fiscalVsFundTables,
  },
  {
    id: "xtab/fund-tables-vs-fiscal-summary",
    family: "xtab",
    severity: "error",
    title: "三张财政拨款支出表与财政拨款收支总表的分资金收入一致",
    description:
      "预算中，一般公共预算支出表、政府性基金预算支出表、国有资本经营预算支出表的合计，应分别等于财政拨款收支总表中该项资金的本年拨款加上年结转（无结转下年、上年结转按资金列明时核对）；表为空表时，财政拨款收支总表中该项资金应为 0。财政拨款收支总表按资金分列支出时由 xtab/fiscal-summary-vs-fund-tables 核对。",
    basis:
      "表间恒等式：政府性基金（国有资本经营）预算支出表的合计 = 财政拨款收支总表的同名列；财政部《地方预决算公开操作规程》（财预〔2016〕143号）：没有数据的表格应当列出空表并说明。",
    confirmation: "identity",
    kinds: ["budget"],
    check: fundTablesVsFiscal,
  },
];
