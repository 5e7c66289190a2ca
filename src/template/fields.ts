/**
 * The non-table sheets of the template: their names and the fields each
 * row holds. Writer and reader share these lists, so a label written is a
 * label read (rows are found by label, not by position).
 */
import { LINE_NAMES, THREE_PUBLIC_LINE_NAMES } from "../model/vocabulary.ts";
import type { PriorLineKey } from "../render/input.ts";

export const SHEET = {
  instructions: "填表说明",
  entity: "单位信息",
  prior: "上年数",
  figures: "其他数据",
  texts: "文字说明",
  initialBudget: "年初预算",
  catalog: "科目目录",
} as const;

/** Rows of every table sheet before the header: title, 空表说明. */
export const TITLE_ROW = 1;
export const NOTE_ROW = 2;
export const HEADER_ROW = 3;
/** Header rows are always two (a group header over its sub-columns, or one cell spanning both). */
export const FIRST_DATA_ROW = 5;
/** Blank rows offered for codes and projects (with the code list as validation). */
export const BLANK_ROWS = 300;

/** The code column of a row by 单位 (收入总表 by 单位编码): “单位 231002”, or “单位” alone. */
export const UNIT_MARK = "单位";
/** The code column of another named row of a classification table (a 本级 line): “其他 名称”. */
export const LABEL_MARK = "其他";

/** Rows of the key/value sheets start under a header row. */
export const FIELD_FIRST_ROW = 3;

export type EntityField =
  | "name"
  | "parent"
  | "level"
  | "government"
  | "year"
  | "kind"
  | "unit"
  | "title";

export interface FieldRow<K extends string> {
  key: K;
  label: string;
  help: string;
  required?: boolean;
  /** Allowed values (a drop-down list). */
  choices?: readonly string[];
}

export const LEVEL_CHOICES = { 部门: "department", 单位: "unit" } as const;
export const GOVERNMENT_CHOICES = {
  中央: "central",
  省级: "province",
  市级: "city",
  县级: "county",
  乡镇: "township",
} as const;
export const KIND_CHOICES = { 预算: "budget", 决算: "final" } as const;

export const ENTITY_FIELDS: FieldRow<EntityField>[] = [
  { key: "name", label: "单位名称", help: "公开主体的全称，如“××市××局”", required: true },
  { key: "parent", label: "主管部门", help: "二级单位填主管部门全称；部门本级不填" },
  {
    key: "level",
    label: "公开主体",
    help: "部门（含所属单位汇总）或单位",
    choices: Object.keys(LEVEL_CHOICES),
  },
  {
    key: "government",
    label: "政府级次",
    help: "中央、省级、市级、县级或乡镇",
    choices: Object.keys(GOVERNMENT_CHOICES),
  },
  { key: "year", label: "年度", help: "公开的预算（决算）年度，如 2025", required: true },
  {
    key: "kind",
    label: "公开类型",
    help: "由模板确定，请勿修改",
    required: true,
    choices: Object.keys(KIND_CHOICES),
  },
  {
    key: "unit",
    label: "金额单位",
    help: "全部表格的金额单位：元或万元",
    required: true,
    choices: ["元", "万元"],
  },
  { key: "title", label: "文档标题", help: "可不填，默认为“单位名称+年度+部门预算（决算）”" },
];

/** Labels of the prior-year lines the narrative compares (render/input.ts PRIOR_LINE_KEYS). */
export const PRIOR_LABELS: Record<PriorLineKey, string> = {
  "income.total": LINE_NAMES["income.total"],
  "income.grand_total": LINE_NAMES["income.grand_total"],
  "income.gpb": LINE_NAMES["income.gpb"],
  "income.gov_fund": LINE_NAMES["income.gov_fund"],
  "income.state_capital": LINE_NAMES["income.state_capital"],
  "expenditure.total": LINE_NAMES["expenditure.total"],
  "expenditure.grand_total": LINE_NAMES["expenditure.grand_total"],
  "fiscal.grand_total": "财政拨款收支总计",
  "gpb.total": "一般公共预算财政拨款支出合计",
  "gov_fund.total": "政府性基金预算财政拨款支出合计",
  "state_capital.total": "国有资本经营预算财政拨款支出合计",
  basic: "基本支出",
  project: "项目支出",
  personnel: "人员经费",
  public: "公用经费",
  ...THREE_PUBLIC_LINE_NAMES,
  running_cost: "机关运行经费",
  "procurement.total": "政府采购总额",
  "assets.total": "资产总额",
};

/** Header of the per-code amounts under the lines of the 上年数 and 年初预算 sheets. */
export const CODES_HEADER = "科目编码";

/** 决算: 年初预算 lines the text compares with (render/input.ts figures.initialBudget). */
export const BUDGET_LABELS: Record<string, string> = {
  "gpb.total": "一般公共预算财政拨款支出年初预算",
  "gov_fund.total": "政府性基金预算财政拨款支出年初预算",
  "state_capital.total": "国有资本经营预算财政拨款支出年初预算",
  "three_public.total": "“三公”经费年初预算",
};

export type FigureField =
  | "runningCost"
  | "procurement.total"
  | "procurement.goods"
  | "procurement.works"
  | "procurement.services"
  | "procurement.sme"
  | "assets.total"
  | "assets.current"
  | "assets.fixed"
  | "assets.vehicles"
  | "assets.bigEquipment"
  | "staff.authorised"
  | "staff.actual"
  | "staff.retired";

export interface FigureRow extends FieldRow<FigureField> {
  /** A count (辆, 人, 台) rather than money. */
  count?: boolean;
}

export const FIGURE_FIELDS: FigureRow[] = [
  { key: "runningCost", label: "机关运行经费", help: "行政单位和参公事业单位的公用经费" },
  { key: "procurement.total", label: "政府采购总额", help: "政府采购预算（合同）总额" },
  { key: "procurement.goods", label: "其中：货物", help: "" },
  { key: "procurement.works", label: "其中：工程", help: "" },
  { key: "procurement.services", label: "其中：服务", help: "" },
  { key: "procurement.sme", label: "面向中小企业预留", help: "授予（预留）中小企业的金额" },
  { key: "assets.total", label: "资产总额", help: "年末（预算编制时）资产总额" },
  { key: "assets.current", label: "其中：流动资产", help: "" },
  { key: "assets.fixed", label: "其中：固定资产", help: "" },
  { key: "assets.vehicles", label: "车辆（辆）", help: "整数", count: true },
  {
    key: "assets.bigEquipment",
    label: "单价100万元以上设备（台/套）",
    help: "整数",
    count: true,
  },
  { key: "staff.authorised", label: "编制人数", help: "整数", count: true },
  { key: "staff.actual", label: "实有人数", help: "整数", count: true },
  { key: "staff.retired", label: "离退休人数", help: "整数", count: true },
];

export type TextField =
  | "duties"
  | "organisation"
  | "performance"
  | "procurement"
  | "assets"
  | "other"
  | `reason:${string}`;

/** Texts only a person can write (render/input.ts TextsSchema). */
export function textFields(kind: "budget" | "final"): FieldRow<TextField>[] {
  const word = kind === "budget" ? "预算" : "决算";
  const rows: FieldRow<TextField>[] = [
    { key: "duties", label: "部门主要职责", help: "按“三定”规定概述主要职能" },
    { key: "organisation", label: "机构设置", help: "内设机构和所属单位构成" },
    {
      key: "reason:income.total",
      label: "收入增减原因",
      help: `本年收入${word}比上年增减的主要原因`,
    },
    {
      key: "reason:expenditure.total",
      label: "支出增减原因",
      help: `本年支出${word}比上年增减的主要原因`,
    },
    { key: "reason:grand_total", label: "收支总额增减原因", help: "收支总计比上年增减的主要原因" },
    {
      key: "reason:fiscal.grand_total",
      label: "财政拨款收支增减原因",
      help: "财政拨款收支总计比上年增减的主要原因",
    },
    {
      key: "reason:gpb.total",
      label: "一般公共预算支出增减原因",
      help: "一般公共预算财政拨款支出比上年增减的主要原因",
    },
  ];
  if (kind === "final")
    rows.push({
      key: "reason:gpb.final_vs_budget",
      label: "决算与年初预算差异原因",
      help: "一般公共预算财政拨款支出决算数与年初预算数差异的主要原因",
    });
  rows.push(
    { key: "reason:three_public.total", label: "“三公”经费增减原因", help: "" },
    { key: "reason:three_public.abroad", label: "因公出国（境）费增减原因", help: "" },
    { key: "reason:three_public.vehicle", label: "公务用车购置及运行费增减原因", help: "" },
    { key: "reason:three_public.reception", label: "公务接待费增减原因", help: "" },
    { key: "reason:running_cost", label: "机关运行经费增减原因", help: "" },
    { key: "reason:assets.total", label: "资产总额增减原因", help: "" },
    {
      key: "performance",
      label: "绩效目标（预算绩效管理情况）",
      help: "绩效目标设置或绩效评价情况",
    },
    { key: "procurement", label: "政府采购情况说明", help: "政府采购的主要内容" },
    { key: "assets", label: "国有资产占用情况说明", help: "" },
    { key: "other", label: "其他需要说明的事项", help: "" },
  );
  return rows;
}

/** Header over the per-code reasons on the 文字说明 sheet. */
export const REASON_CODES_HEADER = "科目编码";
