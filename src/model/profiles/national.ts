/**
 * The national set: 部门预算 8 tables of 财预〔2016〕143号 (with the tables
 * many regions add: 项目支出, 政府采购 …, optional); 部门决算 公开01–09表 of
 * the national final-accounts template (三公 as 公开09表, after the two fund
 * tables), with the 项目支出 and 国有资产 tables some publish.
 */
import type { DisclosureProfile } from "./types.ts";

export const NATIONAL_PROFILE: DisclosureProfile = {
  id: "national",
  option: "national",
  name: "全国通用表样",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：部门预算 8 张表；财政部部门决算公开表样：公开01–09表",
  tables: {
    budget: [
      { id: "summary", title: "部门收支总表" },
      { id: "income", title: "部门收入总表" },
      { id: "expenditure", title: "部门支出总表" },
      { id: "fiscal_summary", title: "财政拨款收支总表" },
      { id: "gpb_function", title: "一般公共预算支出表" },
      { id: "gpb_basic_economic", title: "一般公共预算基本支出表" },
      { id: "three_public", title: "一般公共预算“三公”经费支出表" },
      { id: "gov_fund", title: "政府性基金预算支出表" },
      { id: "state_capital", title: "国有资本经营预算支出表", optional: true },
      { id: "projects", title: "项目支出表", optional: true },
      { id: "procurement", title: "政府采购预算表", optional: true },
      { id: "gpb_economic", title: "一般公共预算支出明细表（按经济分类科目）", optional: true },
      {
        id: "gpb_basic_function",
        title: "一般公共预算基本支出明细表（按功能分类科目）",
        optional: true,
      },
      { id: "carryover", title: "财政拨款结转资金支出表", optional: true },
    ],
    final: [
      { id: "summary", title: "收入支出决算总表" },
      { id: "income", title: "收入决算表" },
      { id: "expenditure", title: "支出决算表" },
      { id: "fiscal_summary", title: "财政拨款收入支出决算总表" },
      { id: "gpb_function", title: "一般公共预算财政拨款支出决算表" },
      { id: "gpb_basic_economic", title: "一般公共预算财政拨款基本支出决算表" },
      {
        id: "gpb_project_economic",
        title: "一般公共预算财政拨款项目支出决算表",
        optional: true,
      },
      { id: "gov_fund", title: "政府性基金预算财政拨款收入支出决算表" },
      { id: "state_capital", title: "国有资本经营预算财政拨款支出决算表" },
      { id: "three_public", title: "财政拨款“三公”经费支出决算表" },
      { id: "assets", title: "国有资产使用情况表", optional: true },
    ],
  },
};
