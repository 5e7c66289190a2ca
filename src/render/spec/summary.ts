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
function summaryFooter(
  id: TableId,
  kind: Kind,
  hasReserve: boolean,
): [LineDef | null, LineDef | null][] {
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
    // 用事业基金弥补收支差额 and the like: after 本年收入合计, where the data has one.
    ...(hasReserve
      ? [[{ key: "income.reserve", label: "用事业基金弥补收支差额" }, null] as [LineDef, null]]
      : []),
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
  // The expenditure side's columns: by fund (合计 | 一般公共预算 | …) where the
  // data has them; by use (合计 | 人员经费 | 公用经费 | 项目支出, Shanghai 单位预算)
  // where it has those; one amount where it was read with one (its figures
  // read back in the column they came from); else the layout's.
  const spendRows = rows.filter((r) => r.key.startsWith("expenditure."));
  const has = (c: string) => spendRows.some((r) => c in r.cells);
  const useCols = ["basic", "personnel", "public", "project"].filter(has);
  let spendCols: string[];
  if (FUNDS.some(has)) spendCols = ["total", ...FUNDS];
  else if (useCols.length) spendCols = [has("total") ? "total" : "amount", ...useCols];
  else if (has("amount") && !has("total")) spendCols = ["amount"];
  else if (layout.columns.length > 1 || has("total")) spendCols = ["total", ...FUNDS];
  else spendCols = ["amount"];
  // Expenditure by 经济分类 beside the functional lines (Xi'an: 部门预算 and
  // 政府预算支出经济分类, each a list of its own), where the data has it.
  const econ = ECONOMIC_LISTS.map((l) => ({
    ...l,
    rows: rows.filter((r) => r.key.startsWith(l.prefix)),
  })).filter((l) => l.rows.length > 0);
  const per = 1 + spendCols.length;
  const width = 2 + per * (1 + econ.length);
  const amountLabel = columnLabel("amount", layout.id, kind);
  const header: HeaderCell[] = [
    { row: 0, col: 0, text: "收入", colSpan: 2 },
    { row: 0, col: 2, text: "支出", colSpan: width - 2 },
    { row: 1, col: 0, text: "项目" },
    { row: 1, col: 1, text: amountLabel },
  ];
  // With lists beside it, each list's head says its classification (what a reader reads them by).
  const heads = econ.length ? ["支出功能分类科目", ...econ.map((l) => l.head)] : ["项目"];
  heads.forEach((head, j) => {
    header.push({ row: 1, col: 2 + j * per, text: head });
    spendCols.forEach((c, k) => {
      header.push({
        row: 1,
        col: 3 + j * per + k,
        text: c === "amount" ? amountLabel : columnLabel(c as ColumnId, "fiscal_summary", kind),
      });
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
  const footer = summaryFooter(layout.id, kind, byKey.has("income.reserve"));
  const footerKeys = new Set<string | undefined>(footer.flat().map((l) => l?.key));
  const income = incomeEntries(incomeDefs, rows, footerKeys);
  // Expenditure lines: every 类 of the functional classification (official
  // layout), the data's names where it has them; then economic lines if any.
  const year = catalogYear(d.year);
  const spend: { label: string; row: Row | undefined; depth?: 0 | 1 }[] = [];
  // A 财政拨款 line over the expenditure lines (Xi'an: 一、财政拨款 | 1、一般公共服务支出 …)
  // is their subtotal: printed first, the lines under it as its numbered parts.
  const fundTotal = byKey.get("expenditure.fund.fiscal");
  if (fundTotal) spend.push({ label: "财政拨款", row: fundTotal });
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
    spend.push({ label: name, row, depth: fundTotal ? 1 : 0 });
  }
  // The official 收支总表 lists expenditure by function only; economic lines
  // (some regions print them beside) belong to the economic tables.
  for (const r of rows)
    if (
      r.key.startsWith("expenditure.") &&
      !r.key.includes("#") &&
      !/^expenditure\.(?:function|economic|gov_economic)\./.test(r.key) &&
      r !== fundTotal &&
      !footerKeys.has(r.key)
    )
      spend.push({ label: r.name || r.key, row: r });

  const body: BodyCell[][] = [];
  const spendCells = (row: Row | undefined): BodyCell[] =>
    spendCols.map((c) =>
      money(c === "total" ? cellAmount(row, "total", "amount") : cellAmount(row, c)),
    );
  const ordinal = (i: number) =>
    layout.id === "fiscal_summary" ? `（${chineseNumber(i + 1)}）` : `${chineseNumber(i + 1)}、`;
  // Each list beside opens with its 财政拨款 head as the functional one does.
  const lists = econ.map((l, j) => economicList(l.rows, byKey, j + 2, `${ordinal(0)}财政拨款`));
  const n = Math.max(income.length, spend.length, ...lists.map((l) => l.length));
  const incomeLabels = numberIncome(income, layout.id);
  let top = 0;
  let part = 0;
  const spendLabels = spend.map((sp) => {
    if (sp.depth) return `${++part}.${stripOrdinal(sp.label)}`;
    return `${ordinal(top++)}${stripOrdinal(sp.label)}`;
  });
  for (let i = 0; i < n; i++) {
    const inc = income[i];
    const sp = spend[i];
    body.push([
      inc ? text(incomeLabels[i] as string, inc.depth ? { indent: inc.depth } : {}) : blank(),
      inc ? money(cellAmount(inc.row, "amount", "total")) : text(""),
      sp ? text(spendLabels[i] as string, sp.depth ? { indent: sp.depth } : {}) : blank(),
      ...(sp ? spendCells(sp.row) : spendCols.map(() => text(""))),
      ...lists.flatMap((l) => {
        const e = l[i];
        return e
          ? [text(e.label, e.depth ? { indent: e.depth } : {}), ...spendCells(e.row)]
          : [blank(), ...spendCols.map(() => text(""))];
      }),
    ]);
  }
  for (const [inc, sp] of footer) {
    const ir = inc ? byKey.get(inc.key) : undefined;
    const sr = sp ? byKey.get(sp.key) : undefined;
    // Optional footer lines (结余分配) only where the data has them.
    if (inc?.key === "income.reserve" && !ir && !sr) continue;
    const label = inc?.key === "income.reserve" && ir?.name ? stripOrdinal(ir.name) : inc?.label;
    body.push([
      inc ? text(label ?? "", inc.sub ? {} : { bold: true, align: "center" }) : blank(),
      inc ? money(cellAmount(ir, "amount", "total")) : text(""),
      sp ? text(sp.label, { bold: true, align: "center" }) : blank(),
      ...(sp ? spendCells(sr) : spendCols.map(() => text(""))),
      // Each list beside closes with its own line where the data has it (本年支出合计#2 …).
      ...econ.flatMap((_, j) => {
        const own = sp ? byKey.get(`${sp.key}#${j + 2}`) : undefined;
        return own && sp
          ? [text(sp.label, { bold: true, align: "center" }), ...spendCells(own)]
          : [blank(), ...spendCols.map(() => text(""))];
      }),
    ]);
  }
  return {
    width,
    headerRows: 2,
    header,
    body,
    widths: [3.2, 1.3, ...heads.flatMap(() => [3.2, ...spendCols.map(() => 1.3)])],
    empty: !table || table.empty || rows.length === 0,
  };
}

/** A line of the income side: depth 0 a line of its own, 1 a part of the subtotal above, 2 a 其中 item. */
interface IncomeEntry {
  key: string;
  label: string;
  row: Row | undefined;
  depth: 0 | 1 | 2;
}

const FUND_KEYS: readonly string[] = FUNDS.map(fundIncomeLine);

/**
 * The income side in print order. Where the data has 财政拨款收入 as well as
 * its funds' lines, it is a subtotal: printed first, the fund lines under it
 * as its numbered parts, so that the lines of one level add up to 本年收入合计
 * (never 财政拨款 beside 一般公共预算拨款 at the same level, counting the
 * money twice). A "其中：…" item follows the line it itemises.
 */
function incomeEntries(
  defs: LineDef[],
  rows: Row[],
  footerKeys: Set<string | undefined>,
): IncomeEntry[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const of = (parent: string): IncomeEntry[] =>
    rows
      .filter((r) => r.key.startsWith(`${parent}.of_`) && !r.key.includes("#"))
      .map((r) => ({
        key: r.key,
        label: `其中：${(r.name || r.key).replace(/^其中[:：]\s*/, "")}`,
        row: r,
        depth: 2,
      }));
  const out: IncomeEntry[] = [];
  const fiscal = byKey.get("income.fiscal");
  const line = (l: LineDef, depth: 0 | 1) => {
    out.push({ key: l.key, label: l.label, row: byKey.get(l.key), depth });
    out.push(...of(l.key));
  };
  if (fiscal) {
    out.push({ key: "income.fiscal", label: "财政拨款收入", row: fiscal, depth: 0 });
    out.push(...of("income.fiscal"));
    for (const l of defs) if (FUND_KEYS.includes(l.key)) line(l, 1);
    for (const l of defs) if (!FUND_KEYS.includes(l.key)) line(l, 0);
  } else for (const l of defs) line(l, 0);
  // Any other income line the data has, after the official ones.
  const known = new Set([...out.map((e) => e.key), ...footerKeys]);
  for (const r of rows)
    if (
      r.key.startsWith("income.") &&
      !r.key.includes("#") &&
      !r.key.includes(".of_") &&
      !r.key.startsWith("income.carryover.") &&
      !known.has(r.key)
    ) {
      out.push({ key: r.key, label: r.name || r.key, row: r, depth: 0 });
      out.push(...of(r.key));
    }
  return out;
}

/** Printed labels: 一、二、 (（一）（二） in a 财政拨款收支总表) for lines, 1. 2. for a subtotal's parts. */
function numberIncome(entries: IncomeEntry[], id: TableId): string[] {
  let top = 0;
  let part = 0;
  return entries.map((e) => {
    const label = stripOrdinal(e.label);
    if (e.depth === 2) return e.label;
    if (e.depth === 1) {
      part += 1;
      return `${part}.${label}`;
    }
    top += 1;
    part = 0;
    return id === "fiscal_summary"
      ? `（${chineseNumber(top)}）${label}`
      : `${chineseNumber(top)}、${label}`;
  });
}

function stripOrdinal(s: string): string {
  return s.replace(/^(?:[（(]?[一二三四五六七八九十廿]+[）)、]|[（(]\d+[）)]|\d+[、.．])\s*/, "");
}

/** The economic lists a summary may print beside its functional lines, in the order Xi'an prints them. */
const ECONOMIC_LISTS = [
  { prefix: CLASS_LINE_PREFIX.econ_dept, head: "部门预算支出经济分类科目" },
  { prefix: CLASS_LINE_PREFIX.econ_gov, head: "政府预算支出经济分类科目" },
] as const;

interface ListEntry {
  label: string;
  row: Row | undefined;
  depth: 0 | 1;
}

/**
 * One economic list in the data's order: its 财政拨款 head where the data has
 * one for this list (the n-th list's is 财政拨款#n), then its lines, numbered
 * afresh where a code comes again (the list's next section: 人员经费和公用经费,
 * then 专项业务经费 — names the data does not keep, so none is made up).
 */
function economicList(
  rows: Row[],
  byKey: Map<string, Row>,
  nth: number,
  headLabel: string,
): ListEntry[] {
  const out: ListEntry[] = [];
  const head = byKey.get(`expenditure.fund.fiscal#${nth}`);
  if (head) out.push({ label: headLabel, row: head, depth: 0 });
  let seen = new Set<string>();
  for (const r of rows) {
    const code = r.key.replace(/#\d+$/, "");
    if (seen.has(code)) seen = new Set();
    seen.add(code);
    out.push({ label: `${seen.size}.${stripOrdinal(r.name)}`, row: r, depth: head ? 1 : 0 });
  }
  return out;
}
