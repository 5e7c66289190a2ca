/**
 * Titles are identified by their words, not looked up in a list: the wordings
 * of many regions (most of them in no document of this repository) name the
 * same tables, and lines that are not titles (目录 entries with leaders,
 * sentences naming a table, headings ending in 说明) are not taken for one.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchTitle, titleShape } from "../src/recognize/titles.ts";

const CASES: [string, string][] = [
  // National 部门预算 wordings and their 总体情况 / 情况 variants.
  ["部门收支总体情况表", "summary"],
  ["部门收入总体情况表", "income"],
  ["部门支出总体情况表", "expenditure"],
  ["财政拨款收支总体情况表", "fiscal_summary"],
  ["一般公共预算支出情况表", "gpb_function"],
  ["一般公共预算基本支出情况表", "gpb_basic_economic"],
  ["一般公共预算“三公”经费支出情况表", "three_public"],
  ["政府性基金预算支出情况表", "gov_fund"],
  ["国有资本经营预算支出情况表", "state_capital"],
  ["一般公共预算支出表（按经济分类科目）", "gpb_economic"],
  ["一般公共预算基本支出表（按功能分类科目）", "gpb_basic_function"],
  // Numbered, with a colon, a unit, a year or an entity in front.
  ["附表1：2024年部门收支总表", "summary"],
  ["表 2：高等学校收入决算表", "income"],
  ["表一 收支总表 单位：万元", "summary"],
  ["公开表五 财政拨款支出预算表（功能科目）", "fiscal_function"],
  ["预算13表 单位综合预算财政拨款收支总表", "fiscal_summary"],
  ["XX县教育局2025年部门支出总表", "expenditure"],
  ["2025年预算单位财务收支预算总表", "summary"],
  ["某某大学收支预算总表", "summary"],
  // 决算 sets.
  ["公开01表 收入支出决算表", "summary"],
  ["公开03表 支出决算表", "expenditure"],
  ["一般公共预算财政拨款支出决算明细表", "gpb_function"],
  ["一般公共预算财政拨款基本支出决算明细表", "gpb_basic_economic"],
  ["一般公共预算财政拨款项目支出决算表", "gpb_project_economic"],
  ["财政拨款“三公”经费支出决算表", "three_public"],
  ["国有资产使用情况表", "assets"],
  ["财政拨款结转和结余资金情况表", "carryover"],
  // Other tables a region prints.
  ["“三公”经费和机关运行经费预算表", "three_public"],
  ["一般公共预算机关运行经费支出预算表", "running_cost"],
  ["财政拨款基本支出预算表（经济科目）", "fiscal_basic_economic"],
  ["部门预算项目支出明细表", "projects"],
  ["政府采购预算明细表", "procurement"],
  ["部门整体支出绩效目标表", "performance"],
  // A title whose words name no standard table is still a title.
  ["预算支出情况构成表", "expenditure"],
  ["重点项目资金分配表", "projects"],
  ["部门人员编制情况统计表", "other"],
];

const NOT_TITLES = [
  "一、收支预算总表................................7",
  "详见附表1收支总表。",
  "款支出安排数与《部门财政拨款收支预算总表》的财政拨款",
  "（一）高等学校收支决算总表说明",
  "五、财政拨款支出预算表情况说明",
  "2023 年度部门决算报表",
  "江苏省人大常委会办公厅2019年部门预算公开表",
];

describe("table titles by their words", () => {
  for (const [title, id] of CASES) {
    it(`${title} → ${id}`, () => {
      const m = matchTitle(title);
      assert.ok(m, `${title} is a title`);
      assert.equal(m.id, id);
      assert.ok(m.reasons.length > 0);
    });
  }
  for (const line of NOT_TITLES) {
    it(`not a title: ${line}`, () => {
      const shape = titleShape(line);
      assert.equal(shape === undefined ? undefined : matchTitle(line)?.id, undefined);
    });
  }
});
