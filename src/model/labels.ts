/**
 * Chinese names of the canonical table and column ids, for every place that
 * shows them to a person (text output, reports, column labels in the model).
 */
import type { ColumnId, TableId } from "./schema.ts";

/** A table's generic name (its printed title varies by region and year). */
export const TABLE_NAMES: Record<TableId, string> = {
  summary: "收支总表",
  income: "收入总表",
  expenditure: "支出总表",
  fiscal_summary: "财政拨款收支总表",
  gpb_function: "一般公共预算支出表（功能分类）",
  gpb_economic: "一般公共预算支出表（经济分类）",
  gpb_basic_function: "一般公共预算基本支出表（功能分类）",
  gpb_basic_economic: "一般公共预算基本支出表（经济分类）",
  gpb_project_economic: "一般公共预算项目支出表（经济分类）",
  three_public: "“三公”经费支出表",
  gov_fund: "政府性基金预算支出表",
  state_capital: "国有资本经营预算支出表",
  projects: "项目支出表",
  assets: "国有资产使用情况表",
  procurement: "政府采购预算表",
  carryover: "财政拨款结转资金支出表",
  performance: "绩效目标表",
  fiscal_function: "财政拨款支出表（功能分类）",
  fiscal_basic_economic: "财政拨款基本支出表（经济分类）",
  running_cost: "机关运行经费表",
  other: "其他表格",
};

/** A column's generic header. */
export const COLUMN_LABELS: Record<ColumnId, string> = {
  amount: "金额",
  total: "合计",
  basic: "基本支出",
  project: "项目支出",
  personnel: "人员经费",
  public: "公用经费",
  fiscal: "财政拨款",
  gpb: "一般公共预算",
  gov_fund: "政府性基金预算",
  state_capital: "国有资本经营预算",
  fiscal_special: "财政专户管理资金",
  business: "事业收入",
  operating: "经营收支",
  superior: "上级补助收入",
  affiliated: "附属单位上缴收入",
  other: "其他收入",
  carryover: "上年结转",
  budget: "预算数",
  final: "决算数",
  prior: "上年预算数",
  upper: "上缴上级支出",
  subsidiary: "对附属单位补助支出",
  reserve: "单位预留机动经费",
  carryover_next: "结转下年资金",
  capital_construction: "其中：基本建设资金支出",
  education_fees: "其中：教育收费",
  running_cost: "机关运行经费",
  non_fiscal_balance: "使用非财政拨款结余",
};
