/**
 * Disclosure profiles: which tables a discloser of a region and kind of body
 * publishes, in which order, under which official title. One place for the
 * table sets the checker requires (and any later reader of a region's set).
 *
 * The renderer's official layouts (src/render/spec/layouts.ts) draw the
 * tables with their columns; this is the list of tables a document must have.
 */
import type { Kind, TableId } from "./schema.ts";

/** A table of a profile's set, with the title the official template gives it. */
export interface ProfileTable {
  id: TableId;
  title: string;
}

export interface DisclosureProfile {
  id: "national" | "shanghai_district" | "central_university";
  /** The profile's name, in Chinese. */
  name: string;
  /** Where the set comes from. */
  basis: string;
  /** The required tables by kind, in the template's order. */
  tables: Record<Kind, readonly ProfileTable[]>;
}

/**
 * The national set: 部门预算 8 tables of 财预〔2016〕143号; 部门决算 公开01–09表
 * of the national final-accounts template (三公 as 公开09表, after the two fund tables).
 */
export const NATIONAL_PROFILE: DisclosureProfile = {
  id: "national",
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
    ],
    final: [
      { id: "summary", title: "收入支出决算总表" },
      { id: "income", title: "收入决算表" },
      { id: "expenditure", title: "支出决算表" },
      { id: "fiscal_summary", title: "财政拨款收入支出决算总表" },
      { id: "gpb_function", title: "一般公共预算财政拨款支出决算表" },
      { id: "gpb_basic_economic", title: "一般公共预算财政拨款基本支出决算表" },
      { id: "gov_fund", title: "政府性基金预算财政拨款收入支出决算表" },
      { id: "state_capital", title: "国有资本经营预算财政拨款支出决算表" },
      { id: "three_public", title: "财政拨款“三公”经费支出决算表" },
    ],
  },
};

/**
 * A Shanghai district's set (上海市普陀区, 2023–2025 budgets, 2024 final
 * accounts): nine budget tables in 元 by 功能分类 with the 三公 table joined to
 * 机关运行经费; nine final tables with 三公 seventh. A 单位预算 titles its
 * tables “预算单位…” for “部门…”.
 */
export const SHANGHAI_DISTRICT_PROFILE: DisclosureProfile = {
  id: "shanghai_district",
  name: "上海市区级表样",
  basis: "上海市区级部门预算、决算公开表样（上海市财政局区级公开模板）",
  tables: {
    budget: [
      { id: "summary", title: "部门财务收支预算总表" },
      { id: "income", title: "部门收入预算总表" },
      { id: "expenditure", title: "部门支出预算总表" },
      { id: "fiscal_summary", title: "部门财政拨款收支预算总表" },
      { id: "gpb_function", title: "部门一般公共预算支出功能分类预算表" },
      { id: "gov_fund", title: "部门政府性基金预算支出功能分类预算表" },
      { id: "state_capital", title: "部门国有资本经营预算支出功能分类预算表" },
      { id: "gpb_basic_economic", title: "部门一般公共预算基本支出部门预算经济分类预算表" },
      { id: "three_public", title: "部门“三公”经费和机关运行经费预算表" },
    ],
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
};

/**
 * Universities under a central ministry publish the ministry's four-table set
 * (收支总表, 收入表, 支出表, 财政拨款支出表), not the eight tables of a
 * department: they are public institutions without 机关运行经费 or a 三公
 * table of their own in that set.
 */
export const CENTRAL_UNIVERSITY_PROFILE: DisclosureProfile = {
  id: "central_university",
  name: "中央部门所属高校表样",
  basis: "教育部直属高校部门预算、决算公开表样（4 张表）",
  tables: {
    budget: [
      { id: "summary", title: "收支预算总表" },
      { id: "income", title: "收入预算表" },
      { id: "expenditure", title: "支出预算表" },
      { id: "fiscal_function", title: "财政拨款支出预算表" },
    ],
    final: [
      { id: "summary", title: "收支决算总表" },
      { id: "income", title: "收入决算表" },
      { id: "expenditure", title: "支出决算表" },
      { id: "fiscal_function", title: "财政拨款支出决算表" },
    ],
  },
};

export const PROFILES: readonly DisclosureProfile[] = [
  NATIONAL_PROFILE,
  SHANGHAI_DISTRICT_PROFILE,
  CENTRAL_UNIVERSITY_PROFILE,
];

/** A profile's tables of a kind as id → official title, in the template's order. */
export function profileTables(
  profile: DisclosureProfile,
  kind: Kind,
): Partial<Record<TableId, string>> {
  return Object.fromEntries(profile.tables[kind].map((t) => [t.id, t.title]));
}

/** Whether a table is one of a profile's set, of either kind. */
export function inProfile(profile: DisclosureProfile, id: TableId): boolean {
  return (
    profile.tables.budget.some((t) => t.id === id) || profile.tables.final.some((t) => t.id === id)
  );
}
