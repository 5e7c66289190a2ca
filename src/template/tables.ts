/**
 * The tables of the fill-in template, per kind (预算 / 决算): which rows a
 * preparer enters (classification codes, projects or fixed lines) and which
 * canonical columns each table has.
 *
 * This is an entry form, not the printed layout: a two-sided summary table
 * (收入 | 支出) is entered as one list of lines, and the official printed
 * layout is drawn later by the renderers from the disclosure. Column ids and
 * line keys are the canonical ones of shared/golden/README.md, so what the
 * template reads back is directly a Disclosure.
 */

import type { CatalogKind } from "../catalog/index.ts";
import { entriesFor } from "../catalog/index.ts";
import type { ColumnId, Kind, TableId } from "../model/schema.ts";

export interface TemplateColumn {
  id: ColumnId;
  /** Header of the column in the template. */
  label: string;
  /** A group header spanning this column and its neighbours of the same group. */
  group?: string;
}

export interface TemplateLine {
  key: string;
  /** Label in the template: unique within its table, it identifies the line. */
  label: string;
  /** Columns this line takes (default: all columns of the table). */
  columns?: ColumnId[];
  /** A section heading (收入 / 支出) printed before this line. */
  section?: string;
}

export type TemplateRows =
  | { kind: "code"; catalog: CatalogKind; fixed: TemplateLine[] }
  | { kind: "project"; fixed: TemplateLine[] }
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
    const line: TemplateLine = { key: `expenditure.function.${e.code}`, label: e.name };
    if (columns) line.columns = columns;
    return line;
  });
}

function budgetSummaryLines(year: number): TemplateLine[] {
  return [
    { key: "income.gpb", label: "一般公共预算拨款收入", section: "收入" },
    { key: "income.gov_fund", label: "政府性基金预算拨款收入" },
    { key: "income.state_capital", label: "国有资本经营预算拨款收入" },
    { key: "income.fiscal_special", label: "财政专户管理资金收入" },
    { key: "income.business", label: "事业收入" },
    { key: "income.operating", label: "事业单位经营收入" },
    { key: "income.superior", label: "上级补助收入" },
    { key: "income.affiliated", label: "附属单位上缴收入" },
    { key: "income.other", label: "其他收入" },
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
    { key: "income.gpb", label: "一般公共预算财政拨款收入", section: "收入" },
    { key: "income.gov_fund", label: "政府性基金预算财政拨款收入" },
    { key: "income.state_capital", label: "国有资本经营预算财政拨款收入" },
    { key: "income.superior", label: "上级补助收入" },
    { key: "income.business", label: "事业收入" },
    { key: "income.operating", label: "经营收入" },
    { key: "income.affiliated", label: "附属单位上缴收入" },
    { key: "income.other", label: "其他收入" },
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

function finalFiscalSummaryLines(year: number): TemplateLine[] {
  return [
    { key: "income.gpb", label: "一般公共预算财政拨款", section: "收入", columns: ["amount"] },
    { key: "income.gov_fund", label: "政府性基金预算财政拨款", columns: ["amount"] },
    { key: "income.state_capital", label: "国有资本经营预算财政拨款", columns: ["amount"] },
    { key: "income.total", label: "本年收入合计", columns: ["amount"] },
    { key: "income.carryover", label: "年初财政拨款结转和结余", columns: ["amount"] },
    { key: "income.grand_total", label: "收入总计", columns: ["amount"] },
    ...functionLines(year, FUND_COLUMNS).map((l, i) => (i === 0 ? { ...l, section: "支出" } : l)),
    { key: "expenditure.total", label: "本年支出合计", columns: FUND_COLUMNS },
    { key: "expenditure.carryover", label: "年末财政拨款结转和结余", columns: FUND_COLUMNS },
    { key: "expenditure.grand_total", label: "支出总计", columns: FUND_COLUMNS },
  ];
}

const THREE_PUBLIC_LINES: TemplateLine[] = [
  { key: "three_public.total", label: "“三公”经费合计" },
  { key: "three_public.abroad", label: "因公出国（境）费" },
  { key: "three_public.vehicle", label: "公务用车购置及运行费" },
  { key: "three_public.vehicle_purchase", label: "其中：公务用车购置费" },
  { key: "three_public.vehicle_operation", label: "其中：公务用车运行费" },
  { key: "three_public.reception", label: "公务接待费" },
];

const BASIC_GROUP = "基本支出";

function budgetTables(year: number): TemplateTable[] {
  const func = (fixed: TemplateLine[] = [TOTAL_LINE]): TemplateRows => ({
    kind: "code",
    catalog: "func",
    fixed,
  });
  const econ: TemplateRows = { kind: "code", catalog: "econ_dept", fixed: [TOTAL_LINE] };
  return [
    {
      id: "summary",
      sheet: "收支总表",
      title: "收支总表",
      number: "表1",
      columns: [{ id: "amount", label: "预算数" }],
      rows: { kind: "lines", lines: budgetSummaryLines(year) },
    },
    {
      id: "income",
      sheet: "收入总表",
      title: "收入总表",
      number: "表2",
      columns: [
        { id: "total", label: "合计" },
        { id: "carryover", label: "上年结转" },
        { id: "gpb", label: "一般公共预算拨款收入" },
        { id: "gov_fund", label: "政府性基金预算拨款收入" },
        { id: "state_capital", label: "国有资本经营预算拨款收入" },
        { id: "fiscal_special", label: "财政专户管理资金收入" },
        { id: "business", label: "事业收入" },
        { id: "operating", label: "事业单位经营收入" },
        { id: "superior", label: "上级补助收入" },
        { id: "affiliated", label: "附属单位上缴收入" },
        { id: "other", label: "其他收入" },
      ],
      rows: func(),
    },
    {
      id: "expenditure",
      sheet: "支出总表",
      title: "支出总表",
      number: "表3",
      columns: [
        { id: "total", label: "合计" },
        { id: "basic", label: "基本支出" },
        { id: "project", label: "项目支出" },
        { id: "operating", label: "事业单位经营支出" },
        { id: "upper", label: "上缴上级支出" },
        { id: "subsidiary", label: "对附属单位补助支出" },
      ],
      rows: func(),
    },
    {
      id: "fiscal_summary",
      sheet: "财政拨款收支总表",
      title: "财政拨款收支总表",
      number: "表4",
      columns: [{ id: "amount", label: "预算数" }],
      rows: { kind: "lines", lines: budgetFiscalSummaryLines(year) },
    },
    {
      id: "gpb_function",
      sheet: "一般公共预算支出表",
      title: "一般公共预算支出表",
      number: "表5",
      columns: [
        { id: "total", label: "合计" },
        { id: "basic", label: "小计", group: BASIC_GROUP },
        { id: "personnel", label: "人员经费", group: BASIC_GROUP },
        { id: "public", label: "公用经费", group: BASIC_GROUP },
        { id: "project", label: "项目支出" },
      ],
      rows: func(),
    },
    {
      id: "gpb_basic_economic",
      sheet: "一般公共预算基本支出表",
      title: "一般公共预算基本支出表",
      number: "表6",
      columns: [
        { id: "total", label: "合计" },
        { id: "personnel", label: "人员经费" },
        { id: "public", label: "公用经费" },
      ],
      rows: econ,
    },
    {
      id: "three_public",
      sheet: "三公经费支出表",
      title: "一般公共预算“三公”经费支出表",
      number: "表7",
      columns: [{ id: "budget", label: "预算数" }],
      rows: { kind: "lines", lines: THREE_PUBLIC_LINES },
    },
    {
      id: "gov_fund",
      sheet: "政府性基金预算支出表",
      title: "政府性基金预算支出表",
      number: "表8",
      columns: [
        { id: "total", label: "合计" },
        { id: "basic", label: "基本支出" },
        { id: "project", label: "项目支出" },
      ],
      rows: func(),
    },
    {
      id: "state_capital",
      sheet: "国有资本经营预算支出表",
      title: "国有资本经营预算支出表",
      number: "表9",
      columns: [
        { id: "total", label: "合计" },
        { id: "basic", label: "基本支出" },
        { id: "project", label: "项目支出" },
      ],
      rows: func(),
    },
    {
      id: "projects",
      sheet: "项目支出表",
      title: "项目支出表",
      number: "表10",
      columns: [
        { id: "total", label: "合计" },
        { id: "gpb", label: "一般公共预算" },
        { id: "gov_fund", label: "政府性基金预算" },
        { id: "state_capital", label: "国有资本经营预算" },
        { id: "fiscal_special", label: "财政专户管理资金" },
      ],
      rows: { kind: "project", fixed: [TOTAL_LINE] },
    },
    {
      id: "gpb_economic",
      sheet: "一般公共预算支出明细表（经济分类）",
      title: "一般公共预算支出明细表（按经济分类科目）",
      number: "表11",
      columns: [
        { id: "total", label: "合计" },
        { id: "personnel", label: "人员经费" },
        { id: "public", label: "公用经费" },
        { id: "project", label: "项目支出" },
      ],
      rows: econ,
      optional: true,
    },
    {
      id: "gpb_basic_function",
      sheet: "一般公共预算基本支出明细表（功能分类）",
      title: "一般公共预算基本支出明细表（按功能分类科目）",
      number: "表12",
      columns: [
        { id: "total", label: "合计" },
        { id: "personnel", label: "人员经费" },
        { id: "public", label: "公用经费" },
      ],
      rows: func(),
      optional: true,
    },
  ];
}

function finalTables(year: number): TemplateTable[] {
  const func: TemplateRows = { kind: "code", catalog: "func", fixed: [TOTAL_LINE] };
  return [
    {
      id: "summary",
      sheet: "收入支出决算总表",
      title: "收入支出决算总表",
      number: "公开01表",
      columns: [{ id: "amount", label: "决算数" }],
      rows: { kind: "lines", lines: finalSummaryLines(year) },
    },
    {
      id: "income",
      sheet: "收入决算表",
      title: "收入决算表",
      number: "公开02表",
      columns: [
        { id: "total", label: "本年收入合计" },
        { id: "fiscal", label: "财政拨款收入" },
        { id: "superior", label: "上级补助收入" },
        { id: "business", label: "事业收入" },
        { id: "operating", label: "经营收入" },
        { id: "affiliated", label: "附属单位上缴收入" },
        { id: "other", label: "其他收入" },
      ],
      rows: func,
    },
    {
      id: "expenditure",
      sheet: "支出决算表",
      title: "支出决算表",
      number: "公开03表",
      columns: [
        { id: "total", label: "本年支出合计" },
        { id: "basic", label: "基本支出" },
        { id: "project", label: "项目支出" },
        { id: "upper", label: "上缴上级支出" },
        { id: "operating", label: "经营支出" },
        { id: "subsidiary", label: "对附属单位补助支出" },
      ],
      rows: func,
    },
    {
      id: "fiscal_summary",
      sheet: "财政拨款收入支出决算总表",
      title: "财政拨款收入支出决算总表",
      number: "公开04表",
      columns: [
        { id: "amount", label: "收入决算数" },
        { id: "total", label: "支出小计" },
        { id: "gpb", label: "一般公共预算财政拨款" },
        { id: "gov_fund", label: "政府性基金预算财政拨款" },
        { id: "state_capital", label: "国有资本经营预算财政拨款" },
      ],
      rows: { kind: "lines", lines: finalFiscalSummaryLines(year) },
    },
    {
      id: "gpb_function",
      sheet: "一般公共预算财政拨款支出决算表",
      title: "一般公共预算财政拨款支出决算表",
      number: "公开05表",
      columns: [
        { id: "total", label: "小计" },
        { id: "basic", label: "基本支出合计", group: BASIC_GROUP },
        { id: "personnel", label: "人员经费", group: BASIC_GROUP },
        { id: "public", label: "公用经费", group: BASIC_GROUP },
        { id: "project", label: "项目支出" },
      ],
      rows: func,
    },
    {
      id: "gpb_basic_economic",
      sheet: "基本支出决算表",
      title: "一般公共预算财政拨款基本支出决算表",
      number: "公开06表",
      columns: [{ id: "amount", label: "决算数" }],
      rows: {
        kind: "code",
        catalog: "econ_dept",
        fixed: [
          { key: "personnel_total", label: "人员经费合计" },
          { key: "public_total", label: "公用经费合计" },
        ],
      },
    },
    {
      id: "gpb_project_economic",
      sheet: "项目支出决算表",
      title: "一般公共预算财政拨款项目支出决算表",
      number: "公开07表",
      columns: [{ id: "amount", label: "决算数" }],
      rows: { kind: "code", catalog: "econ_dept", fixed: [TOTAL_LINE] },
    },
    {
      id: "gov_fund",
      sheet: "政府性基金决算表",
      title: "政府性基金预算财政拨款收入支出决算表",
      number: "公开08表",
      columns: [
        { id: "total", label: "本年支出合计" },
        { id: "basic", label: "基本支出" },
        { id: "project", label: "项目支出" },
      ],
      rows: func,
    },
    {
      id: "state_capital",
      sheet: "国有资本经营决算表",
      title: "国有资本经营预算财政拨款支出决算表",
      number: "公开09表",
      columns: [
        { id: "total", label: "本年支出合计" },
        { id: "basic", label: "基本支出" },
        { id: "project", label: "项目支出" },
      ],
      rows: func,
    },
    {
      id: "three_public",
      sheet: "三公经费决算表",
      title: "财政拨款“三公”经费支出决算表",
      number: "公开10表",
      columns: [
        { id: "budget", label: "预算数" },
        { id: "final", label: "决算数" },
      ],
      rows: { kind: "lines", lines: THREE_PUBLIC_LINES },
    },
  ];
}

/** The template's tables for a kind and fiscal year (line lists follow the year's catalog). */
export function templateTables(kind: Kind, year: number): TemplateTable[] {
  return kind === "budget" ? budgetTables(year) : finalTables(year);
}
