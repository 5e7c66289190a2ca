/**
 * A neutral grid of one table, the way it is printed: title, number, unit
 * line, header cells with their spans, and body cells as printed text. Every
 * renderer (HTML, PDF, XLSX, DOCX) draws this grid and nothing else, so all
 * formats print the same table.
 *
 * Code and name are separate columns (科目编码 | 科目名称), codes unbroken, so
 * that our own recognition reads every row back by its code.
 */
import { lookup } from "../../catalog/index.ts";
import { formatAmountGrouped } from "../../model/money.ts";
import type {
  ColumnId,
  Disclosure,
  Kind,
  MoneyUnit,
  Row,
  Table,
  TableId,
} from "../../model/schema.ts";
import { completeDisclosure } from "../complete.ts";
import { columnLabel, layoutsFor, type TableLayout } from "./layouts.ts";

export interface HeaderCell {
  row: number;
  col: number;
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export type CellAlign = "left" | "center" | "right";

export interface BodyCell {
  text: string;
  align: CellAlign;
  /** The amount in hundredths of the table unit, for amount cells (null = printed blank). */
  amount?: number | null;
  /** Indent steps of a name (类 0, 款 1, 项 2). */
  indent?: number;
  /** A total line (合计, 本年收入合计, 总计 …). */
  bold?: boolean;
}

export interface Grid {
  id: TableId;
  kind: Kind;
  /** 表1 / 公开01表 */
  number: string;
  title: string;
  /** 部门：… / 部门/单位：… */
  entityLine: string;
  /** 单位：万元 */
  unitLine: string;
  unit: MoneyUnit;
  width: number;
  headerRows: number;
  header: HeaderCell[];
  body: BodyCell[][];
  /** Relative column widths (any scale). */
  widths: number[];
  /** Wide tables print on landscape pages. */
  landscape: boolean;
  /** The table has no data (printed with its 空表说明). */
  empty: boolean;
  /** 空表说明, for an empty table. */
  emptyNote?: string;
  /** The 注 line of the official template. */
  note?: string;
}

const CN_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 1 → 一, 12 → 十二, 21 → 二十一 (the ordinals summary tables print). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUM[n] ?? String(n);
  if (n < 20) return `十${CN_NUM[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CN_NUM[tens]}十${CN_NUM[ones]}`;
}

function money(amount: number | null | undefined): BodyCell {
  if (amount === null || amount === undefined) return { text: "", align: "right", amount: null };
  return { text: formatAmountGrouped(amount), align: "right", amount };
}

function text(t: string, extra: Partial<BodyCell> = {}): BodyCell {
  return { text: t, align: "left", ...extra };
}

function blank(): BodyCell {
  return { text: "", align: "left" };
}

function cellAmount(row: Row | undefined, ...cols: string[]): number | null | undefined {
  if (!row) return undefined;
  for (const c of cols) {
    const cell = row.cells[c];
    if (cell) return cell.amount;
  }
  return undefined;
}

/** The catalog year nearest to the document's (the catalog covers 2017–2025). */
function catalogYear(year: number): number {
  return Math.min(2025, Math.max(2017, year));
}

// ------------------------------------------------------------------ summary

interface LineDef {
  key: string;
  label: string;
  /** An itemising line under the one before (printed like a body line). */
  sub?: boolean;
}

const BUDGET_SUMMARY_INCOME: LineDef[] = [
  { key: "income.gpb", label: "一般公共预算拨款收入" },
  { key: "income.gov_fund", label: "政府性基金预算拨款收入" },
  { key: "income.state_capital", label: "国有资本经营预算拨款收入" },
  { key: "income.fiscal_special", label: "财政专户管理资金收入" },
  { key: "income.business", label: "事业收入" },
  { key: "income.operating", label: "事业单位经营收入" },
  { key: "income.superior", label: "上级补助收入" },
  { key: "income.affiliated", label: "附属单位上缴收入" },
  { key: "income.other", label: "其他收入" },
];

const FINAL_SUMMARY_INCOME: LineDef[] = [
  { key: "income.gpb", label: "一般公共预算财政拨款收入" },
  { key: "income.gov_fund", label: "政府性基金预算财政拨款收入" },
  { key: "income.state_capital", label: "国有资本经营预算财政拨款收入" },
  { key: "income.superior", label: "上级补助收入" },
  { key: "income.business", label: "事业收入" },
  { key: "income.operating", label: "经营收入" },
  { key: "income.affiliated", label: "附属单位上缴收入" },
  { key: "income.other", label: "其他收入" },
];

const BUDGET_FISCAL_INCOME: LineDef[] = [
  { key: "income.gpb", label: "一般公共预算拨款收入" },
  { key: "income.gov_fund", label: "政府性基金预算拨款收入" },
  { key: "income.state_capital", label: "国有资本经营预算拨款收入" },
];

const FINAL_FISCAL_INCOME: LineDef[] = [
  { key: "income.gpb", label: "一般公共预算财政拨款" },
  { key: "income.gov_fund", label: "政府性基金预算财政拨款" },
  { key: "income.state_capital", label: "国有资本经营预算财政拨款" },
];

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
      for (const [i, l] of FINAL_FISCAL_INCOME.entries())
        rows.push([
          {
            key: `income.carryover.${l.key.slice(7)}`,
            label: `${chineseNumber(i + 1)}、${l.label}`,
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

function summaryGrid(layout: TableLayout, table: Table | undefined, d: Disclosure): GridParts {
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
  const footerKeys = new Set(footer.flat().map((l) => l?.key));
  const incomeKeys = new Set(incomeDefs.map((l) => l.key));
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
    const row = byKey.get(`expenditure.function.${code}`);
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

// --------------------------------------------------------------------- code

interface GridParts {
  width: number;
  headerRows: number;
  header: HeaderCell[];
  body: BodyCell[][];
  widths: number[];
  empty: boolean;
}

function codeOf(row: Row): string {
  if (row.keyKind === "line" || row.keyKind === "label") return "";
  return row.key.replace(/#\d+$/, "");
}

const CLASS_KINDS = new Set(["func", "econ_dept", "econ_gov"]);

/** Classification rows in code order (合计 first); other rows keep their order. */
function orderedRows(rows: Row[]): Row[] {
  const allCodes = rows.every((r) => CLASS_KINDS.has(r.keyKind) || r.keyKind === "line");
  if (!allCodes) return rows;
  const totals = rows.filter((r) => r.keyKind === "line");
  const codes = rows
    .filter((r) => r.keyKind !== "line")
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i))
    .map((x) => x.r);
  return [...totals, ...codes];
}

function columnsFor(layout: TableLayout, table: Table | undefined): ColumnId[] {
  const data = (table?.columns ?? []).map((c) => c.id);
  if (table && !table.empty && data.length) {
    // The official columns the data has, then the data's others (in its order),
    // keeping the official ones that a publisher always prints.
    const cols = layout.columns.filter(
      (c) => layout.fixedColumns || data.includes(c) || ["total", "basic", "project"].includes(c),
    );
    for (const c of data) if (!cols.includes(c)) cols.push(c);
    // 合计 alone where the data is a single amount column.
    if (cols.includes("amount") && cols.length > 1 && !data.includes("total"))
      return cols.filter((c) => c !== "total" && c !== "basic" && c !== "project");
    return cols.filter((c) => c !== "amount" || data.includes("amount"));
  }
  return [...layout.columns];
}

function codeGrid(layout: TableLayout, table: Table | undefined, d: Disclosure): GridParts {
  const kind = d.kind;
  const cols = columnsFor(layout, table);
  const unitRows = (table?.rows ?? []).some((r) => r.keyKind === "unit");
  const projectRows = (table?.rows ?? []).some((r) => r.keyKind === "project");
  const codeHead = unitRows && !projectRows ? "单位编码" : (layout.codeHead ?? "科目编码");
  const nameHead = unitRows && !projectRows ? "单位名称" : (layout.nameHead ?? "科目名称");
  const bi = cols.indexOf("basic");
  const pi = cols.indexOf("personnel");
  const ui = cols.indexOf("public");
  const grouped = bi >= 0 && pi === bi + 1 && ui === bi + 2;
  const headerRows = grouped ? 2 : 1;
  const span = grouped ? { rowSpan: 2 } : {};
  const header: HeaderCell[] = [
    { row: 0, col: 0, text: codeHead, ...span },
    { row: 0, col: 1, text: nameHead, ...span },
  ];
  cols.forEach((c, k) => {
    const col = 2 + k;
    if (grouped && k >= bi && k < bi + 3) {
      if (k === bi) header.push({ row: 0, col, text: "基本支出", colSpan: 3 });
      header.push({ row: 1, col, text: c === "basic" ? "小计" : columnLabel(c, layout.id, kind) });
      return;
    }
    header.push({ row: 0, col, text: columnLabel(c, layout.id, kind), ...span });
  });
  // An empty table prints no rows (what recognition left in one is noise).
  const rows = table?.empty ? [] : orderedRows(table?.rows ?? []);
  const body: BodyCell[][] = rows.map((r) => {
    const isTotal = r.keyKind === "line";
    const name = isTotal && r.key === "total" ? "合计" : r.name;
    return [
      text(codeOf(r)),
      text(name, {
        indent: r.level ? r.level - 1 : 0,
        bold: isTotal || r.level === 1,
        ...(isTotal ? { align: "center" as const } : {}),
      }),
      ...cols.map((c) => money(cellAmount(r, c))),
    ];
  });
  const empty = !table || table.empty || body.length === 0;
  if (!rows.some((r) => r.key === "total")) {
    // Every classification table prints its 合计 line; an empty one prints it blank.
    if (empty || layout.id !== "projects")
      body.unshift([
        text(""),
        text("合计", { bold: true, align: "center" }),
        ...cols.map((c) => money(empty ? null : sumColumn(rows, c))),
      ]);
  }
  const isProjects = layout.id === "projects" || layout.id === "procurement";
  return {
    width: 2 + cols.length,
    headerRows,
    header,
    body,
    widths: [isProjects ? 2.6 : 1.2, isProjects ? 3.6 : 3, ...cols.map(() => 1.3)],
    empty,
  };
}

/** Sum of the top-level rows of a column (类 of a classification), for a missing 合计. */
function sumColumn(rows: Row[], col: string): number | null {
  const top = rows.filter(
    (r) => (r.level === 1 || r.level === undefined) && r.keyKind !== "line" && r.cells[col],
  );
  if (!top.length) return null;
  let s = 0;
  for (const r of top) s += r.cells[col]?.amount ?? 0;
  return s;
}

// ------------------------------------------------------------------- blocks

/** 人员经费 classes of the 部门预算支出经济分类 (left block of 公开06). */
const PERSONNEL_CLASSES = new Set(["301", "303"]);

function blocksGrid(layout: TableLayout, table: Table | undefined, d: Disclosure): GridParts {
  const kind = d.kind;
  const amountLabel = columnLabel("amount", layout.id, kind);
  const header: HeaderCell[] = [];
  for (let k = 0; k < 2; k++) {
    header.push({ row: 0, col: 3 * k, text: "科目编码" });
    header.push({ row: 0, col: 3 * k + 1, text: "科目名称" });
    header.push({ row: 0, col: 3 * k + 2, text: amountLabel });
  }
  const rows = table?.rows ?? [];
  const codeRows = rows
    .filter((r) => r.keyKind !== "line")
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let left: Row[];
  let right: Row[];
  if (layout.id === "gpb_basic_economic") {
    left = codeRows.filter((r) => PERSONNEL_CLASSES.has(r.key.slice(0, 3)));
    right = codeRows.filter((r) => !PERSONNEL_CLASSES.has(r.key.slice(0, 3)));
  } else {
    // Split at a class boundary so that both halves are about as long.
    const half = Math.ceil(codeRows.length / 2);
    let cut = 0;
    for (let i = 0; i < codeRows.length; i++) {
      if ((codeRows[i]?.key.length ?? 0) === 3 && i <= half) cut = i;
    }
    if (cut === 0) cut = codeRows.length;
    left = codeRows.slice(0, cut);
    right = codeRows.slice(cut);
  }
  const triplet = (r: Row | undefined): BodyCell[] =>
    r
      ? [
          text(codeOf(r)),
          text(r.name, { indent: r.key.length > 3 ? 1 : 0, bold: r.key.length === 3 }),
          money(cellAmount(r, "amount", "total")),
        ]
      : [blank(), blank(), text("")];
  const body: BodyCell[][] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++)
    body.push([...triplet(left[i]), ...triplet(right[i])]);
  const lines = rows.filter((r) => r.keyKind === "line");
  const byKey = new Map(lines.map((r) => [r.key, r]));
  const footLine = (key: string, label: string): BodyCell[] => [
    text(label, { bold: true }),
    blank(),
    money(cellAmount(byKey.get(key), "amount", "total") ?? null),
  ];
  if (layout.id === "gpb_basic_economic") {
    body.push([
      ...footLine("personnel_total", "人员经费合计"),
      ...footLine("public_total", "公用经费合计"),
    ]);
  } else {
    body.push([...footLine("total", "合计"), blank(), blank(), text("")]);
  }
  for (const r of lines)
    if (!["personnel_total", "public_total", "total"].includes(r.key))
      body.push([...footLine(r.key, r.name), blank(), blank(), text("")]);
  return {
    width: 6,
    headerRows: 1,
    header,
    body,
    widths: [1.1, 3, 1.3, 1.1, 3, 1.3],
    empty: !table || table.empty || codeRows.length === 0,
  };
}

// ------------------------------------------------------------- three public

const THREE_PUBLIC_ORDER = [
  "three_public.total",
  "three_public.abroad",
  "three_public.vehicle",
  "three_public.vehicle_purchase",
  "three_public.vehicle_operation",
  "three_public.reception",
] as const;

function threePublicGrid(table: Table | undefined, d: Disclosure): GridParts {
  const byKey = new Map((table?.rows ?? []).map((r) => [r.key, r]));
  const value = (key: string, col: string) => {
    const a = cellAmount(byKey.get(key), col);
    return money(a ?? 0);
  };
  if (d.kind === "budget") {
    const header: HeaderCell[] = [
      { row: 0, col: 0, text: "合计", rowSpan: 2 },
      { row: 0, col: 1, text: "因公出国（境）费", rowSpan: 2 },
      { row: 0, col: 2, text: "公务用车购置及运行维护费", colSpan: 3 },
      { row: 0, col: 5, text: "公务接待费", rowSpan: 2 },
      { row: 1, col: 2, text: "小计" },
      { row: 1, col: 3, text: "公务用车购置费" },
      { row: 1, col: 4, text: "公务用车运行维护费" },
    ];
    const col = (table?.columns ?? []).some((c) => c.id === "budget") ? "budget" : "amount";
    return {
      width: 6,
      headerRows: 2,
      header,
      body: [THREE_PUBLIC_ORDER.map((k) => value(k, col))],
      widths: [1, 1, 1, 1, 1, 1],
      empty: false,
    };
  }
  // Final: the official layout, 预算数 | 决算数 under every item.
  const header: HeaderCell[] = [
    { row: 0, col: 0, text: "财政拨款“三公”经费", colSpan: 12 },
    { row: 1, col: 0, text: "合计", colSpan: 2, rowSpan: 2 },
    { row: 1, col: 2, text: "因公出国（境）费", colSpan: 2, rowSpan: 2 },
    { row: 1, col: 4, text: "公务用车购置及运行维护费", colSpan: 6 },
    { row: 1, col: 10, text: "公务接待费", colSpan: 2, rowSpan: 2 },
    { row: 2, col: 4, text: "小计", colSpan: 2 },
    { row: 2, col: 6, text: "公务用车购置费", colSpan: 2 },
    { row: 2, col: 8, text: "公务用车运行维护费", colSpan: 2 },
  ];
  for (let k = 0; k < 6; k++) {
    header.push({ row: 3, col: 2 * k, text: "预算数" });
    header.push({ row: 3, col: 2 * k + 1, text: "决算数" });
  }
  return {
    width: 12,
    headerRows: 4,
    header,
    body: [THREE_PUBLIC_ORDER.flatMap((k) => [value(k, "budget"), value(k, "final")])],
    widths: Array.from({ length: 12 }, () => 1),
    empty: false,
  };
}

// ---------------------------------------------------------------- assembly

/** 空表说明 in the template's words, from what the table would show. */
export function emptyNoteFor(id: TableId, d: Disclosure): string {
  const who = `${d.entity.name}${d.year}年度`;
  const fin = d.kind === "final";
  const what: Partial<Record<TableId, string>> = {
    gov_fund: fin ? "政府性基金预算财政拨款收入和支出" : "使用政府性基金预算拨款安排的支出",
    state_capital: fin
      ? "国有资本经营预算财政拨款收入和支出"
      : "使用国有资本经营预算拨款安排的支出",
    projects: "项目支出",
    procurement: "政府采购预算",
    gpb_project_economic: "一般公共预算财政拨款项目支出",
    income: "收入",
    expenditure: "支出",
    summary: "收入和支出",
    fiscal_summary: fin ? "财政拨款收入和支出" : "财政拨款收入和支出",
    gpb_function: fin ? "一般公共预算财政拨款支出" : "使用一般公共预算拨款安排的支出",
    gpb_economic: "使用一般公共预算拨款安排的支出",
    gpb_basic_function: "一般公共预算基本支出",
    gpb_basic_economic: fin ? "一般公共预算财政拨款基本支出" : "一般公共预算基本支出",
    carryover: "财政拨款结转资金支出",
    assets: "国有资产",
  };
  // The other tables say there is money here: the table is missing, not empty.
  if (othersShowData(id, d))
    return `说明：本表数据【待填写：${(what[id] ?? "相关收支").replace(/^使用/, "")}明细】。`;
  return `说明：${who}没有${what[id] ?? "相关收支"}，故本表无数据。`;
}

/** Amount of a line of a table, 0 when absent. */
function lineAmount(d: Disclosure, table: TableId, key: string, ...cols: string[]): number {
  const row = d.tables.find((t) => t.id === table)?.rows.find((r) => r.key === key);
  return cellAmount(row, ...cols) ?? 0;
}

/** Whether another table shows money that this (empty) table would itemise. */
function othersShowData(id: TableId, d: Disclosure): boolean {
  switch (id) {
    case "gov_fund":
      return lineAmount(d, "summary", "income.gov_fund", "amount", "total") !== 0;
    case "state_capital":
      return lineAmount(d, "summary", "income.state_capital", "amount", "total") !== 0;
    case "projects":
      return d.kind === "budget" && lineAmount(d, "gpb_function", "total", "project") !== 0;
    case "gpb_project_economic":
      return lineAmount(d, "gpb_function", "total", "project") !== 0;
    case "income":
    case "expenditure":
    case "gpb_function":
    case "gpb_basic_economic":
      return lineAmount(d, "summary", "income.total", "amount", "total") !== 0;
    default:
      return false;
  }
}

export interface GridContext {
  disclosure: Disclosure;
  /** 1-based position of the table in the document (for 表N / 公开NN表). */
  index: number;
}

export function tableNumber(kind: Kind, index: number): string {
  return kind === "final" ? `公开${String(index).padStart(2, "0")}表` : `表${index}`;
}

/** The grid of one table in its official layout (table undefined = not in the data). */
export function buildGrid(layout: TableLayout, table: Table | undefined, ctx: GridContext): Grid {
  const d = ctx.disclosure;
  // A data table that does not fit the official layout keeps its own shape.
  let parts: GridParts;
  if (layout.layout === "summary") parts = summaryGrid(layout, table, d);
  else if (layout.layout === "three_public") parts = threePublicGrid(table, d);
  else if (layout.layout === "blocks" && (!table || table.columns.every((c) => c.id === "amount")))
    parts = blocksGrid(layout, table, d);
  else parts = codeGrid(layout, table, d);
  const grid: Grid = {
    id: layout.id,
    kind: d.kind,
    number: tableNumber(d.kind, ctx.index),
    title: layout.title,
    entityLine: `${d.kind === "final" ? "部门" : "部门/单位"}：${d.entity.name}`,
    unitLine: `单位：${table?.unit ?? d.unit}`,
    unit: table?.unit ?? d.unit,
    ...parts,
    landscape:
      parts.width > 8 ||
      (layout.layout === "summary" && parts.width > 4) ||
      // Long project codes (42130322032R000000161) need the width of a landscape page.
      (parts.width > 5 && parts.body.some((r) => (r[0]?.text.length ?? 0) > 14)),
  };
  if (parts.empty) grid.emptyNote = emptyNoteFor(layout.id, d);
  if (layout.note) grid.note = layout.note;
  return grid;
}

/**
 * Every table of the document in official order: the standard tables of the
 * kind (empty ones too), the data's other tables in their place. The first
 * table of an id is the standard one.
 */
export function documentGrids(disclosure: Disclosure): Grid[] {
  // What the figures determine is filled in first (idempotent; see complete.ts).
  const d = completeDisclosure(disclosure);
  const first = new Map<TableId, Table>();
  for (const t of d.tables) if (!first.has(t.id)) first.set(t.id, t);
  const grids: Grid[] = [];
  for (const layout of layoutsFor(d.kind)) {
    const table = first.get(layout.id);
    if (!layout.standard && (!table || table.empty)) continue;
    grids.push(buildGrid(layout, table, { disclosure: d, index: grids.length + 1 }));
  }
  return grids;
}

/** The layout of a table id in a kind of document. */
export function layoutOf(kind: Kind, id: TableId): TableLayout | undefined {
  return layoutsFor(kind).find((l) => l.id === id);
}
