/**
 * The tables of the fill-in template, per kind (预算 / 决算): which rows a
 * preparer enters (classification codes, projects or fixed lines) and which
 * canonical columns each table has.
 *
 * This is an entry form, not the printed layout: a two-sided summary table
 * (收入 | 支出) is entered as one list of lines, and the official printed
 * layout is drawn later by the renderers from the disclosure. Titles, numbers
 * and column labels come from the official layouts (src/render/spec), so the
 * form and the printed table name things alike. Column ids and line keys are
 * the canonical ones of shared/golden/README.md, so what the template reads
 * back is directly a Disclosure.
 */
import { type CatalogKind, entriesFor } from "../catalog/index.ts";
import type { ColumnId, Kind, TableId } from "../model/schema.ts";
import {
  CLASS_LINE_PREFIX,
  INCOME_LINE_NAMES,
  type LineKey,
  SUMMARY_INCOME_LINES,
  THREE_PUBLIC_LINE_NAMES,
  THREE_PUBLIC_LINES,
} from "../model/vocabulary.ts";
import { columnLabel, layoutOf, layoutsFor, tableNumber } from "../render/spec/index.ts";

export interface TemplateColumn {
  id: ColumnId;
  /** Header of the column in the template. */
  label: string;
  /** A group header spanning this column and its neighbours of the same group. */
  group?: string;
}

export interface TemplateLine {
  key: LineKey;
  /** Label in the template: unique within its table, it identifies the line. */
  label: string;
  /** Columns this line takes (default: all columns of the table). */
  columns?: ColumnId[];
  /** A section heading (收入 / 支出) printed before this line. */
  section?: string;
}

export type TemplateRows =
  | { kind: "code"; catalog: CatalogKind; fixed: TemplateLine[] }
  /** Rows a preparer names: projects (code optional) or units. */
  | {
      kind: "free";
      keyKind: "project" | "unit";
      codeHead: string;
      nameHead: string;
      fixed: TemplateLine[];
    }
  | { kind: "lines"; lines: TemplateLine[] };

export interface TemplateTable {
  id: TableId;
  /** Sheet name (≤ 31 characters, unique). */
  sheet: string;
  title: string;
  number: string;
  columns: TemplateColumn[];
  rows: TemplateRows;
  /** Optional tables are left out of the disclosure when the sheet is empty. */
  optional?: boolean;
}

const TOTAL_LINE: TemplateLine = { key: "total", label: "合计" };

/** One line per 功能分类 类 of the year (2025: 201 一般公共服务支出 … 234). */
function functionLines(year: number, columns?: ColumnId[]): TemplateLine[] {
  return entriesFor(year, "func", 1).map((e) => {
    const line: TemplateLine = { key: `${CLASS_LINE_PREFIX.func}${e.code}`, label: e.name };
    if (columns) line.columns = columns;
    return line;
  });
}

/** The income lines of a 收支总表, named as the official layout prints them. */
function summaryIncomeLines(kind: Kind): TemplateLine[] {
  return SUMMARY_INCOME_LINES[kind].map((key, i) => {
    const line: TemplateLine = { key, label: INCOME_LINE_NAMES[key][kind] };
    if (i === 0) line.section = "收入";
    return line;
  });
}

function budgetSummaryLines(year: number): TemplateLine[] {
  return [
    ...summaryIncomeLines("budget"),
    { key: "income.total", label: "本年收入合计" },
    { key: "income.carryover", label: "上年结转结余" },
    { key: "income.grand_total", label: "收入总计" },
    ...functionLines(year).map((l, i) => (i === 0 ? { ...l, section: "支出" } : l)),
    { key: "expenditure.total", label: "本年支出合计" },
    { key: "expenditure.carryover", label: "年终结转结余" },
    { key: "expenditure.grand_total", label: "支出总计" },
  ];
}

function finalSummaryLines(year: number): TemplateLine[] {
  return [
    ...summaryIncomeLines("final"),
    { key: "income.total", label: "本年收入合计" },
    { key: "income.reserve", label: "使用专用结余" },
    { key: "income.carryover", label: "年初结转和结余" },
    { key: "income.grand_total", label: "收入总计" },
    ...functionLines(year).map((l, i) => (i === 0 ? { ...l, section: "支出" } : l)),
    { key: "expenditure.total", label: "本年支出合计" },
    { key: "expenditure.distribution", label: "结余分配" },
    { key: "expenditure.carryover", label: "年末结转和结余" },
    { key: "expenditure.grand_total", label: "支出总计" },
  ];
}

function budgetFiscalSummaryLines(year: number): TemplateLine[] {
  return [
    { key: "income.total", label: "本年收入", section: "收入" },
    { key: "income.gpb", label: "一般公共预算拨款" },
    { key: "income.gov_fund", label: "政府性基金预算拨款" },
    { key: "income.state_capital", label: "国有资本经营预算拨款" },
    { key: "income.carryover", label: "上年结转" },
    { key: "income.carryover.gpb", label: "上年结转：一般公共预算拨款" },
    { key: "income.carryover.gov_fund", label: "上年结转：政府性基金预算拨款" },
    { key: "income.carryover.state_capital", label: "上年结转：国有资本经营预算拨款" },
    { key: "income.grand_total", label: "收入总计" },
    { key: "expenditure.total", label: "本年支出", section: "支出" },
    ...functionLines(year),
    { key: "expenditure.carryover", label: "年终结转结余" },
    { key: "expenditure.grand_total", label: "支出总计" },
  ];
}

const FUND_COLUMNS: ColumnId[] = ["total", "gpb", "gov_fund", "state_capital"];
/** 支出 lines by fund, or as one 决算数 where a document prints one column (seed 002). */
const SPEND_COLUMNS: ColumnId[] = ["amount", ...FUND_COLUMNS];

function finalFiscalSummaryLines(year: number): TemplateLine[] {
  return [
    { key: "income.gpb", label: "一般公共预算财政拨款", section: "收入", columns: ["amount"] },
    { key: "income.gov_fund", label: "政府性基金预算财政拨款", columns: ["amount"] },
    { key: "income.state_capital", label: "国有资本经营预算财政拨款", columns: ["amount"] },
    { key: "income.total", label: "本年收入合计", columns: ["amount"] },
    { key: "income.carryover", label: "年初财政拨款结转和结余", columns: ["amount"] },
    // 公开04 itemises the carry-over by fund under the same names as the income lines.
    {
      key: "income.carryover.gpb",
      label: "年初结转：一般公共预算财政拨款",
      columns: ["amount"],
    },
    {
      key: "income.carryover.gov_fund",
      label: "年初结转：政府性基金预算财政拨款",
      columns: ["amount"],
    },
    {
      key: "income.carryover.state_capital",
      label: "年初结转：国有资本经营预算财政拨款",
      columns: ["amount"],
    },
    { key: "income.grand_total", label: "收入总计", columns: ["amount"] },
    ...functionLines(year, SPEND_COLUMNS).map((l, i) => (i === 0 ? { ...l, section: "支出" } : l)),
    { key: "expenditure.total", label: "本年支出合计", columns: SPEND_COLUMNS },
    { key: "expenditure.carryover", label: "年末财政拨款结转和结余", columns: SPEND_COLUMNS },
    { key: "expenditure.grand_total", label: "支出总计", columns: SPEND_COLUMNS },
  ];
}

/** The “三公” lines, the two 公务用车 parts marked as parts of the line before. */
const THREE_PUBLIC_ROWS: TemplateLine[] = THREE_PUBLIC_LINES.map((key) => ({
  key,
  label:
    key === "three_public.vehicle_purchase" || key === "three_public.vehicle_operation"
      ? `其中：${THREE_PUBLIC_LINE_NAMES[key]}`
      : THREE_PUBLIC_LINE_NAMES[key],
}));

const BASIC_GROUP = "基本支出";

/** How a table's rows are entered, and its columns (canonical ids, in printed order). */
interface TableDef {
  id: TableId;
  sheet: string;
  rows: TemplateRows;
  /** Columns where the entry form differs from the official layout's (render/spec). */
  columns?: ColumnId[];
  optional?: boolean;
  /** Column labels where the entry form says more than the printed header. */
  labels?: Partial<Record<ColumnId, string>>;
}

const funcRows = (fixed: TemplateLine[] = [TOTAL_LINE]): TemplateRows => ({
  kind: "code",
  catalog: "func",
  fixed,
});
const econRows = (fixed: TemplateLine[] = [TOTAL_LINE]): TemplateRows => ({
  kind: "code",
  catalog: "econ_dept",
  fixed,
});
const projectRows = (nameHead = "项目名称"): TemplateRows => ({
  kind: "free",
  keyKind: "project",
  codeHead: "项目编码",
  nameHead,
  fixed: [TOTAL_LINE],
});

function budgetDefs(year: number): TableDef[] {
  return [
    {
      id: "summary",
      sheet: "收支总表",
      rows: { kind: "lines", lines: budgetSummaryLines(year) },
    },
    {
      id: "income",
      sheet: "收入总表",
      rows: funcRows(),
    },
    {
      id: "expenditure",
      sheet: "支出总表",
      rows: funcRows(),
    },
    {
      id: "fiscal_summary",
      sheet: "财政拨款收支总表",
      rows: { kind: "lines", lines: budgetFiscalSummaryLines(year) },
    },
    {
      id: "gpb_function",
      sheet: "一般公共预算支出表",
      rows: funcRows(),
    },
    {
      id: "gpb_basic_economic",
      sheet: "一般公共预算基本支出表",
      rows: econRows(),
    },
    {
      id: "three_public",
      sheet: "三公经费支出表",
      rows: { kind: "lines", lines: THREE_PUBLIC_ROWS },
    },
    {
      id: "gov_fund",
      sheet: "政府性基金预算支出表",
      rows: funcRows(),
    },
    {
      id: "state_capital",
      sheet: "国有资本经营预算支出表",
      rows: funcRows(),
    },
    {
      id: "projects",
      sheet: "项目支出表",
      rows: projectRows(),
    },
    {
      id: "procurement",
      sheet: "政府采购预算表",
      rows: projectRows("采购项目名称"),
    },
    {
      id: "gpb_economic",
      sheet: "一般公共预算支出明细表（经济分类）",
      rows: econRows(),
      optional: true,
    },
    {
      id: "gpb_basic_function",
      sheet: "一般公共预算基本支出明细表（功能分类）",
      rows: funcRows(),
      optional: true,
    },
    {
      id: "carryover",
      sheet: "财政拨款结转资金支出表",
      rows: funcRows(),
      optional: true,
    },
  ];
}

function finalDefs(year: number): TableDef[] {
  return [
    {
      id: "summary",
      sheet: "收入支出决算表",
      rows: { kind: "lines", lines: finalSummaryLines(year) },
    },
    {
      id: "income",
      sheet: "收入决算表",
      rows: funcRows(),
    },
    {
      id: "expenditure",
      sheet: "支出决算表",
      rows: funcRows(),
    },
    {
      id: "fiscal_summary",
      sheet: "财政拨款收入支出决算表",
      rows: { kind: "lines", lines: finalFiscalSummaryLines(year) },
      // 公开04 is entered as 决算数 lines (收入) and by fund (支出).
      columns: ["amount", "total", "gpb", "gov_fund", "state_capital"],
      labels: { amount: "决算数", total: "支出合计" },
    },
    {
      id: "gpb_function",
      sheet: "一般公共预算财政拨款支出决算表",
      rows: funcRows(),
    },
    {
      id: "gpb_basic_economic",
      sheet: "基本支出决算表",
      rows: econRows([
        { key: "personnel_total", label: "人员经费合计" },
        { key: "public_total", label: "公用经费合计" },
      ]),
    },
    {
      id: "gpb_project_economic",
      sheet: "项目支出决算表",
      rows: econRows(),
    },
    {
      id: "gov_fund",
      sheet: "政府性基金决算表",
      rows: funcRows(),
    },
    {
      id: "state_capital",
      sheet: "国有资本经营决算表",
      rows: funcRows(),
    },
    {
      id: "three_public",
      sheet: "三公经费决算表",
      rows: { kind: "lines", lines: THREE_PUBLIC_ROWS },
    },
    {
      id: "assets",
      sheet: "国有资产使用情况表",
      rows: {
        kind: "free",
        keyKind: "unit",
        codeHead: "单位编码",
        nameHead: "单位名称",
        fixed: [TOTAL_LINE],
      },
      labels: { total: "资产总额" },
    },
  ];
}

/** Title, number and column labels from the official layouts (render/spec), rows from here. */
function withLayout(kind: Kind, defs: TableDef[]): TemplateTable[] {
  const order = layoutsFor(kind).map((l) => l.id);
  return defs.map((def) => {
    const layout = layoutOf(kind, def.id);
    const ids = def.columns ?? layout?.columns ?? ["amount"];
    const grouped =
      ids.includes("basic") &&
      ids.indexOf("personnel") === ids.indexOf("basic") + 1 &&
      ids.indexOf("public") === ids.indexOf("basic") + 2;
    const columns = ids.map((id): TemplateColumn => {
      const label = def.labels?.[id] ?? columnLabel(id, def.id, kind);
      if (grouped && (id === "basic" || id === "personnel" || id === "public"))
        return { id, label: id === "basic" ? "小计" : label, group: BASIC_GROUP };
      return { id, label };
    });
    const t: TemplateTable = {
      id: def.id,
      sheet: def.sheet,
      title: layout?.title ?? def.sheet,
      number: tableNumber(kind, order.indexOf(def.id) + 1),
      columns,
      rows: def.rows,
    };
    if (def.optional) t.optional = true;
    return t;
  });
}

/** The template's tables for a kind and fiscal year (line lists follow the year's catalog). */
export function templateTables(kind: Kind, year: number): TemplateTable[] {
  return withLayout(kind, kind === "budget" ? budgetDefs(year) : finalDefs(year));
}
