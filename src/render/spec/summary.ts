/**
 * Two-sided summary tables (收支总表 / 收入支出决算表, 财政拨款收支总表): income
 * lines on the left, every 类 of the functional classification on the right,
 * the totals, carry-overs and 总计 as footer pairs, in the template's order.
 */
import { lookup } from "../../catalog/index.ts";
import type { ColumnId, Disclosure, Kind, Row, Table, TableId } from "../../model/schema.ts";
import {
  CLASS_LINE_PREFIX,
  FUND_NAMES,
  FUNDS,
  type Fund,
  fundCarryoverLine,
  fundIncomeLine,
  INCOME_LINE_NAMES,
  SUMMARY_INCOME_LINES,
  type SummaryLineKey,
} from "../../model/vocabulary.ts";
import {
  type BodyCell,
  blank,
  catalogYear,
  cellAmount,
  chineseNumber,
  type GridParts,
  type HeaderCell,
  money,
  text,
} from "./cells.ts";
import { columnLabel, type TableLayout } from "./layouts.ts";

interface LineDef {
  key: SummaryLineKey;
  label: string;
  /** An itemising line under the one before (printed like a body line). */
  sub?: boolean;
}

function incomeLines(kind: Kind): LineDef[] {
  return SUMMARY_INCOME_LINES[kind].map((key) => ({ key, label: INCOME_LINE_NAMES[key][kind] }));
}

const BUDGET_SUMMARY_INCOME: LineDef[] = incomeLines("budget");

const FINAL_SUMMARY_INCOME: LineDef[] = incomeLines("final");

/** A fund's line in a 财政拨款收支总表: 公开04表 names it without 收入. */
function fiscalIncomeLabel(fund: Fund, kind: Kind): string {
  return kind === "final"
    ? `${FUND_NAMES[fund]}财政拨款`
    : INCOME_LINE_NAMES[fundIncomeLine(fund)].budget;
}

function fiscalIncomeLines(kind: Kind): LineDef[] {
  return FUNDS.map((f) => ({ key: fundIncomeLine(f), label: fiscalIncomeLabel(f, kind) }));
}

const BUDGET_FISCAL_INCOME: LineDef[] = fiscalIncomeLines("budget");

const FINAL_FISCAL_INCOME: LineDef[] = fiscalIncomeLines("final");

/** Footer pairs: income line | expenditure line, in printed order. */
function summaryFooter(id: TableId, kind: Kind): [LineDef | null, LineDef | null][] {
  const total: [LineDef, LineDef] = [
    { key: "income.total", label: "本年收入合计" },
    { key: "expenditure.total", label: "本年支出合计" },
  ];
  if (kind === "final") {
    const rows: [LineDef | null, LineDef | null][] = [total];
    if (id === "summary")
      rows.push([
        { key: "income.reserve", label: "使用非财政拨款结余" },
        { key: "expenditure.distribution", label: "结余分配" },
      ]);
    rows.push([
      {
        key: "income.carryover",
        label: id === "summary" ? "年初结转和结余" : "年初财政拨款结转和结余",
      },
      {
        key: "expenditure.carryover",
        label: id === "summary" ? "年末结转和结余" : "年末财政拨款结转和结余",
      },
    ]);
    if (id === "fiscal_summary")
      // The template itemises the carry-over by fund under its line.
      for (const [i, f] of FUNDS.entries())
        rows.push([
          {
            key: fundCarryoverLine(f),
            label: `${chineseNumber(i + 1)}、${fiscalIncomeLabel(f, "final")}`,
            sub: true,
          },
          null,
        ]);
    rows.push([
      { key: "income.grand_total", label: "总计" },
      { key: "expenditure.grand_total", label: "总计" },
    ]);
    return rows;
  }
  return [
    total,
    [
      { key: "income.carryover", label: id === "summary" ? "上年结转结余" : "上年结转" },
      { key: "expenditure.carryover", label: id === "summary" ? "年终结转结余" : "结转下年" },
    ],
    [
      { key: "income.grand_total", label: "收入总计" },
      { key: "expenditure.grand_total", label: "支出总计" },
    ],
  ];
}

const NOT_DEPARTMENT = new Set(["209", "227", "230"]);

export function summaryGrid(
  layout: TableLayout,
  table: Table | undefined,
  d: Disclosure,
): GridParts {
  const kind = d.kind;
  const rows = table?.rows ?? [];
  const byKey = new Map(rows.map((r) => [r.key, r]));
  // Wide expenditure side (合计 | 一般公共预算 | …) where the layout or the data has it.
  const dataWide = rows.some(
    (r) => r.key.startsWith("expenditure.") && ("gpb" in r.cells || "total" in r.cells),
  );
  const wide = layout.columns.length > 1 || dataWide;
  const spendCols: string[] = wide ? ["total", "gpb", "gov_fund", "state_capital"] : ["amount"];
  const width = 3 + spendCols.length;
  const amountLabel = columnLabel("amount", layout.id, kind);
  const header: HeaderCell[] = [
    { row: 0, col: 0, text: "收入", colSpan: 2 },
    { row: 0, col: 2, text: "支出", colSpan: 1 + spendCols.length },
    { row: 1, col: 0, text: "项目" },
    { row: 1, col: 1, text: amountLabel },
    { row: 1, col: 2, text: "项目" },
  ];
  spendCols.forEach((c, k) => {
    header.push({
      row: 1,
      col: 3 + k,
      text: c === "amount" ? amountLabel : columnLabel(c as ColumnId, "fiscal_summary", kind),
    });
  });

  const incomeDefs =
    layout.id === "fiscal_summary"
      ? kind === "final"
        ? FINAL_FISCAL_INCOME
        : BUDGET_FISCAL_INCOME
      : kind === "final"
        ? FINAL_SUMMARY_INCOME
        : BUDGET_SUMMARY_INCOME;
  const footer = summaryFooter(layout.id, kind);
  const footerKeys = new Set<string | undefined>(footer.flat().map((l) => l?.key));
  const incomeKeys = new Set<string>(incomeDefs.map((l) => l.key));
  // Income lines: the official ones, then any other the data has.
  const income: { label: string; row: Row | undefined }[] = incomeDefs.map((l) => ({
    label: l.label,
    row: byKey.get(l.key),
  }));
  for (const r of rows)
    if (
      r.key.startsWith("income.") &&
      !r.key.includes("#") &&
      !r.key.startsWith("income.carryover.") &&
      !incomeKeys.has(r.key) &&
      !footerKeys.has(r.key)
    )
      income.push({ label: r.name || r.key, row: r });
  // Expenditure lines: every 类 of the functional classification (official
  // layout), the data's names where it has them; then economic lines if any.
  const year = catalogYear(d.year);
  const spend: { label: string; row: Row | undefined }[] = [];
  const funcCodes = new Set<string>();
  const dataFunc = rows.filter((r) => /^expenditure\.function\.\d{3}$/.test(r.key));
  for (const r of dataFunc) funcCodes.add(r.key.slice(-3));
  for (let c = 201; c <= 299; c++) {
    const code = String(c);
    // 社会保险基金支出, 预备费 and 转移性支出 are not a department's lines.
    if (NOT_DEPARTMENT.has(code)) continue;
    if (lookup(code, year, "func")) funcCodes.add(code);
  }
  for (const code of [...funcCodes].sort()) {
    const row = byKey.get(`${CLASS_LINE_PREFIX.func}${code}`);
    const name = row?.name || lookup(code, year, "func")?.name || code;
    spend.push({ label: name, row });
  }
  // The official 收支总表 lists expenditure by function only; economic lines
  // (some regions print them beside) belong to the economic tables.
  for (const r of rows)
    if (
      r.key.startsWith("expenditure.") &&
      !r.key.includes("#") &&
      !/^expenditure\.(?:function|economic|gov_economic)\./.test(r.key) &&
      !footerKeys.has(r.key)
    )
      spend.push({ label: r.name || r.key, row: r });

  const body: BodyCell[][] = [];
  const n = Math.max(income.length, spend.length);
  const spendCells = (row: Row | undefined): BodyCell[] =>
    spendCols.map((c) =>
      money(c === "total" ? cellAmount(row, "total", "amount") : cellAmount(row, c)),
    );
  const ordinal = (i: number) =>
    layout.id === "fiscal_summary" ? `（${chineseNumber(i + 1)}）` : `${chineseNumber(i + 1)}、`;
  for (let i = 0; i < n; i++) {
    const inc = income[i];
    const sp = spend[i];
    body.push([
      inc ? text(`${ordinal(i)}${stripOrdinal(inc.label)}`) : blank(),
      inc ? money(cellAmount(inc.row, "amount", "total")) : text(""),
      sp ? text(`${ordinal(i)}${stripOrdinal(sp.label)}`) : blank(),
      ...(sp ? spendCells(sp.row) : spendCols.map(() => text(""))),
    ]);
  }
  for (const [inc, sp] of footer) {
    const ir = inc ? byKey.get(inc.key) : undefined;
    const sr = sp ? byKey.get(sp.key) : undefined;
    // Optional footer lines (结余分配) only where the data has them.
    if (inc?.key === "income.reserve" && !ir && !sr) continue;
    body.push([
      inc ? text(inc.label, inc.sub ? {} : { bold: true, align: "center" }) : blank(),
      inc ? money(cellAmount(ir, "amount", "total")) : text(""),
      sp ? text(sp.label, { bold: true, align: "center" }) : blank(),
      ...(sp ? spendCells(sr) : spendCols.map(() => text(""))),
    ]);
  }
  return {
    width,
    headerRows: 2,
    header,
    body,
    widths: [3.2, 1.3, 3.2, ...spendCols.map(() => 1.3)],
    empty: !table || table.empty || rows.length === 0,
  };
}

function stripOrdinal(s: string): string {
  return s.replace(/^(?:[（(]?[一二三四五六七八九十廿]+[）)、]|\d+[、.．])\s*/, "");
}
