/**
 * A Shanghai district's set (上海市普陀区, 2023–2026 budgets, 2024 final
 * accounts): nine budget tables in 元 by 功能分类 with the 三公 table joined to
 * 机关运行经费 (in 万元); nine final tables with 三公 seventh. A 单位预算
 * titles its tables “预算单位…” for “部门…”.
 *
 * The budget workbook is the district's official fill-in workbook
 * (区级部门预算公开模板2026.xlsx / 区级单位预算公开模板2026.xlsx, in
 * shared/corpus/shanghai-templates): sheet names, titles, header cells with
 * their merges, columns and widths exactly as the official sheets have them.
 */
import type {
  DisclosureProfile,
  RegionalWorkbook,
  WorkbookHeaderCell,
  WorkbookLine,
  WorkbookTable,
  WorkbookText,
} from "./types.ts";

/** 功能分类科目编码 split into 类 | 款 | 项, then the name, under a 项目 heading. */
function functionHeader(group: string, amounts: readonly string[]): WorkbookHeaderCell[] {
  return [
    { row: 0, col: 0, text: "项目", colSpan: 4 },
    { row: 0, col: 4, text: group, colSpan: amounts.length },
    { row: 1, col: 0, text: "功能分类科目编码", colSpan: 3 },
    { row: 1, col: 3, text: "功能分类科目名称", rowSpan: 2 },
    ...amounts.map((text, k) => ({ row: 1, col: 4 + k, text, rowSpan: 2 })),
    { row: 2, col: 0, text: "类" },
    { row: 2, col: 1, text: "款" },
    { row: 2, col: 2, text: "项" },
  ];
}

const SPEND_WIDTHS = [6.25, 6.25, 6.25, 44.25, 20, 18.75, 20] as const;

/** The three 功能分类 tables of the three funds: 合计 | 基本支出 | 项目支出. */
function fundTable(
  id: "gpb_function" | "gov_fund" | "state_capital",
  fund: string,
  sheet: string,
): WorkbookTable {
  return {
    id,
    sheet: { department: `部门${sheet}`, unit: `单位${sheet}` },
    title: {
      department: `部门${fund}预算支出功能分类预算表`,
      unit: `预算单位${fund}预算支出功能分类预算表`,
    },
    shape: "code",
    header: { department: functionHeader(`${fund}预算支出`, ["合计", "基本支出", "项目支出"]) },
    columns: { department: ["total", "basic", "project"] },
    codeParts: 3,
    catalog: "func",
    unit: "元",
    entitySpan: { department: 5 },
    titleRow: 2,
    entityRow: 4,
    headerRow: 6,
    widths: { department: SPEND_WIDTHS },
  };
}

const SUMMARY_INCOME: readonly WorkbookLine[] = [
  { key: "income.fiscal", label: "一、财政拨款收入" },
  { key: "income.gpb", label: "1. 一般公共预算" },
  { key: "income.gov_fund", label: "2. 政府性基金预算" },
  { key: "income.state_capital", label: "3. 国有资本经营预算" },
  { key: "income.business", label: "二、事业收入" },
  { key: "income.operating", label: "三、事业单位经营收入" },
  { key: "income.other", label: "四、其他收入" },
];

const GRAND_TOTALS: readonly [WorkbookLine, WorkbookLine] = [
  { key: "income.grand_total", label: "收入总计" },
  { key: "expenditure.grand_total", label: "支出总计" },
];

export const SHANGHAI_TABLES: readonly WorkbookTable[] = [
  {
    id: "summary",
    sheet: { department: "部门收支总表", unit: "单位收支总表" },
    title: { department: "部门财务收支预算总表", unit: "预算单位财务收支预算总表" },
    shape: "summary",
    header: {
      department: [
        { row: 0, col: 0, text: "本年收入", colSpan: 2 },
        { row: 0, col: 2, text: "本年支出", colSpan: 2 },
        { row: 1, col: 0, text: "项目" },
        { row: 1, col: 1, text: "预算数" },
        { row: 1, col: 2, text: "项目" },
        { row: 1, col: 3, text: "预算数" },
      ],
      // The 单位 version splits the expenditure side: 合计 | 基本支出 (人员, 公用) | 项目支出.
      unit: [
        { row: 0, col: 0, text: "本年收入", colSpan: 2 },
        { row: 0, col: 2, text: "本年支出", colSpan: 5 },
        { row: 1, col: 0, text: "项目", rowSpan: 3 },
        { row: 1, col: 1, text: "预算数", rowSpan: 3 },
        { row: 1, col: 2, text: "项目", rowSpan: 3 },
        { row: 1, col: 3, text: "预算数", colSpan: 4 },
        { row: 2, col: 3, text: "合计", rowSpan: 2 },
        { row: 2, col: 4, text: "基本支出", colSpan: 2 },
        { row: 2, col: 6, text: "项目支出", rowSpan: 2 },
        { row: 3, col: 4, text: "人员经费" },
        { row: 3, col: 5, text: "公用经费" },
      ],
    },
    columns: { department: ["amount"], unit: ["total", "personnel", "public", "project"] },
    incomeLines: SUMMARY_INCOME,
    footer: GRAND_TOTALS,
    unit: "元",
    entitySpan: { department: 3, unit: 5 },
    titleRow: 2,
    entityRow: 4,
    headerRow: 6,
    widths: {
      department: [35.375, 23.75, 37.5, 23.75],
      unit: [20.75, 15.625, 28.625, 15.625, 12.625, 12.625, 15.625],
    },
  },
  {
    id: "income",
    sheet: { department: "部门收入总表", unit: "单位收入总表" },
    title: { department: "部门收入预算总表", unit: "预算单位收入预算总表" },
    shape: "code",
    header: {
      department: functionHeader("收入预算", [
        "合计",
        "财政拨款收入",
        "事业收入",
        "事业单位\n经营收入",
        "其他收入",
      ]),
    },
    columns: { department: ["total", "fiscal", "business", "operating", "other"] },
    codeParts: 3,
    catalog: "func",
    unit: "元",
    entitySpan: { department: 5 },
    titleRow: 2,
    entityRow: 4,
    headerRow: 6,
    widths: { department: [5.75, 5.75, 5.75, 34.375, 15.5, 13.75, 13.75, 13.75, 13.75] },
  },
  {
    id: "expenditure",
    sheet: { department: "部门支出总表", unit: "单位支出总表" },
    title: { department: "部门支出预算总表", unit: "预算单位支出预算总表" },
    shape: "code",
    header: { department: functionHeader("支出预算", ["合计", "基本支出", "项目支出"]) },
    columns: { department: ["total", "basic", "project"] },
    codeParts: 3,
    catalog: "func",
    unit: "元",
    entitySpan: { department: 5 },
    titleRow: 2,
    entityRow: 4,
    headerRow: 6,
    widths: { department: SPEND_WIDTHS },
  },
  {
    id: "fiscal_summary",
    sheet: { department: "部门财政拨款收支总表", unit: "单位财政拨款收支总表" },
    title: { department: "部门财政拨款收支预算总表", unit: "预算单位财政拨款收支预算总表" },
    shape: "summary",
    header: {
      department: [
        { row: 0, col: 0, text: "财政拨款收入", colSpan: 2 },
        { row: 0, col: 2, text: "财政拨款支出", colSpan: 5 },
        { row: 1, col: 0, text: "项目" },
        { row: 1, col: 1, text: "预算数" },
        { row: 1, col: 2, text: "项目" },
        { row: 1, col: 3, text: "合计" },
        { row: 1, col: 4, text: "一般公共预算" },
        { row: 1, col: 5, text: "政府性基金预算" },
        { row: 1, col: 6, text: "国有资本经营预算" },
      ],
    },
    columns: { department: ["total", "gpb", "gov_fund", "state_capital"] },
    incomeLines: [
      { key: "income.gpb", label: "一、一般公共预算" },
      { key: "income.gov_fund", label: "二、政府性基金预算" },
      { key: "income.state_capital", label: "三、国有资本经营预算" },
    ],
    footer: GRAND_TOTALS,
    unit: "元",
    entitySpan: { department: 3 },
    titleRow: 2,
    entityRow: 4,
    headerRow: 6,
    widths: {
      department: [20.625, 17.625, 28.625, 17.625, 17.625, 17.625, 17.625],
      unit: [20.625, 17.5, 21.5, 15.125, 15.125, 15.125, 16.375],
    },
  },
  fundTable("gpb_function", "一般公共", "一般公共预算拨款表"),
  fundTable("gov_fund", "政府性基金", "政府性基金拨款表"),
  // The official sheet name ends with a space.
  fundTable("state_capital", "国有资本经营", "国有资本经营预算拨款表 "),
  {
    id: "gpb_basic_economic",
    sheet: {
      department: "部门一般公共预算拨款基本支出明细表",
      unit: "单位一般公共预算拨款基本支出明细表",
    },
    title: {
      department: "部门一般公共预算基本支出部门预算经济分类预算表",
      unit: "预算单位一般公共预算基本支出部门预算经济分类预算表",
    },
    shape: "code",
    header: {
      department: [
        { row: 0, col: 0, text: "项目", colSpan: 3 },
        { row: 0, col: 3, text: "一般公共预算基本支出", colSpan: 3 },
        { row: 1, col: 0, text: "部门预算经济分类科目编码", colSpan: 2 },
        { row: 1, col: 2, text: "经济分类科目名称", rowSpan: 2 },
        { row: 1, col: 3, text: "合计", rowSpan: 2 },
        { row: 1, col: 4, text: "人员经费", rowSpan: 2 },
        { row: 1, col: 5, text: "公用经费", rowSpan: 2 },
        { row: 2, col: 0, text: "类" },
        { row: 2, col: 1, text: "款" },
      ],
      unit: [
        { row: 0, col: 0, text: "项目", colSpan: 3 },
        { row: 0, col: 3, text: "一般公共预算基本支出", colSpan: 3 },
        { row: 1, col: 0, text: "经济分类科目编码", colSpan: 2 },
        { row: 1, col: 2, text: "部门经济分类科目名称", rowSpan: 2 },
        { row: 1, col: 3, text: "合计", rowSpan: 2 },
        { row: 1, col: 4, text: "人员经费", rowSpan: 2 },
        { row: 1, col: 5, text: "公用经费", rowSpan: 2 },
        { row: 2, col: 0, text: "类" },
        { row: 2, col: 1, text: "款" },
      ],
    },
    columns: { department: ["total", "personnel", "public"] },
    codeParts: 2,
    catalog: "econ_dept",
    unit: "元",
    entitySpan: { department: 3 },
    titleRow: 2,
    entityRow: 4,
    headerRow: 6,
    widths: {
      department: [10.375, 10.375, 49.625, 17.125, 17.125, 17.125],
      unit: [11.75, 11.75, 53.5, 14.75, 14.75, 14.75],
    },
  },
  {
    id: "three_public",
    sheet: {
      department: "部门“三公”经费和机关运行费预算表",
      unit: "单位“三公”经费和机关运行费预算表",
    },
    title: {
      department: "部门“三公”经费和机关运行经费预算表",
      unit: "单位“三公”经费和机关运行经费预算表",
    },
    shape: "three_public",
    header: {
      department: [
        { row: 0, col: 0, text: "“三公”经费预算数", colSpan: 6 },
        { row: 0, col: 6, text: "机关运行经费预算数", rowSpan: 3 },
        { row: 1, col: 0, text: "合计", rowSpan: 2 },
        { row: 1, col: 1, text: "因公出国(境)费", rowSpan: 2 },
        { row: 1, col: 2, text: "公务接待费", rowSpan: 2 },
        { row: 1, col: 3, text: "公务用车购置及运行费", colSpan: 3 },
        { row: 2, col: 3, text: "小计" },
        { row: 2, col: 4, text: "购置费" },
        { row: 2, col: 5, text: "运行费" },
      ],
    },
    columns: { department: ["budget"] },
    lineColumns: [
      "three_public.total",
      "three_public.abroad",
      "three_public.reception",
      "three_public.vehicle",
      "three_public.vehicle_purchase",
      "three_public.vehicle_operation",
      "running_cost",
    ],
    unit: "万元",
    entitySpan: { department: 3 },
    titleRow: 2,
    entityRow: 3,
    headerRow: 4,
    widths: { department: [16.875, 16.875, 16.875, 16.875, 16.875, 16.875, 16.875] },
  },
];

const TEXTS = {
  duties: {
    sheet: { department: "部门主要职能", unit: "单位职能" },
    title: { department: "XX（部门）主要职能", unit: "XX（单位）主要职能" },
    text: "duties",
  },
  organisation: {
    sheet: { department: "部门机构设置", unit: "单位机构设置" },
    title: { department: "XX（部门）机构设置", unit: "XX（单位）机构设置" },
    text: "organisation",
  },
  glossary: {
    sheet: { department: "名词解释", unit: "名词解释" },
    title: { department: "名词解释", unit: "名词解释" },
    text: "glossary",
  },
  explanation: {
    sheet: { department: "部门编制说明", unit: "单位编制说明" },
    title: { department: "YYYY年部门预算编制说明", unit: "YYYY年单位预算编制说明" },
    text: "explanation",
  },
  other: {
    sheet: { department: "其他相关情况说明", unit: "其他相关情况说明" },
    title: { department: "其他相关情况说明", unit: "其他相关情况说明" },
    text: "other",
  },
  projects: {
    // Only the 部门 workbook has it.
    sheet: { department: "项目经费情况说明" },
    title: { department: "XX项目经费情况说明" },
    text: "projects",
  },
} as const satisfies Record<string, WorkbookText>;

export const SHANGHAI_BUDGET_WORKBOOK: RegionalWorkbook = {
  kind: "budget",
  sheets: [
    { type: "cover" },
    { type: "contents" },
    { type: "text", text: TEXTS.duties },
    { type: "text", text: TEXTS.organisation },
    { type: "text", text: TEXTS.glossary },
    { type: "text", text: TEXTS.explanation },
    ...SHANGHAI_TABLES.map((table) => ({ type: "table" as const, table })),
    { type: "text", text: TEXTS.other },
    { type: "text", text: TEXTS.projects },
  ],
};

export const SHANGHAI_DISTRICT_PROFILE: DisclosureProfile = {
  id: "shanghai_district",
  option: "shanghai-district",
  name: "上海市区级表样",
  basis: "上海市区级部门预算、决算公开表样（上海市财政局区级公开模板）",
  tables: {
    budget: SHANGHAI_TABLES.map((t) => ({
      id: t.id,
      title: t.title.department,
      unitTitle: t.title.unit,
    })),
    final: [
      { id: "summary", title: "收入支出决算总表" },
      { id: "income", title: "收入决算表" },
      { id: "expenditure", title: "支出决算表" },
      { id: "fiscal_summary", title: "财政拨款收入支出决算总表" },
      { id: "gpb_function", title: "一般公共预算财政拨款支出决算表" },
      { id: "gpb_basic_economic", title: "一般公共预算财政拨款基本支出决算表" },
      { id: "three_public", title: "财政拨款“三公”经费支出决算表" },
      { id: "gov_fund", title: "政府性基金预算财政拨款收入支出决算表" },
      { id: "state_capital", title: "国有资本经营预算财政拨款收入支出决算表" },
    ],
  },
  workbook: { budget: SHANGHAI_BUDGET_WORKBOOK },
};
