/**
 * The other matters: 政府性基金 and 国有资本经营 funds, 机关运行经费, 政府采购,
 * 国有资产, 绩效.
 */
import type { MoneyUnit } from "../../model/schema.ts";
import { dataStatesAbsence, othersShowData } from "../absence.ts";
import type { RenderInput } from "../input.ts";
import { selfWord } from "./common.ts";
import { cellOf, extraOf, figure, levelRows, priorOf, tableOf, tableTotal } from "./figures.ts";
import { changeClause, marker, money } from "./format.ts";
import { pathOf } from "./gpb.ts";
import { reason, word, yearOf } from "./words.ts";

export function fundParagraphs(input: RenderInput, id: "gov_fund" | "state_capital"): string[] {
  const d = input.disclosure;
  const t = tableOf(d, id);
  const name = id === "gov_fund" ? "政府性基金预算" : "国有资本经营预算";
  const total = tableTotal(t, "total");
  if (!t || t.empty || !total) {
    // The summary shows such income: the fund's table is missing, not empty.
    const income = figure(tableOf(d, "summary"), `income.${id}`, "amount", "total");
    if (income?.value)
      return [
        `${yearOf(d)}${name}${d.kind === "final" ? "财政" : ""}拨款收入${money(income.value, income.unit)}，支出情况${marker(`${name}支出明细`)}。`,
      ];
    const w = d.kind === "final" ? `${name}财政拨款收入和支出` : `使用${name}拨款安排的支出`;
    // “没有” where the table prints zero or the data says so elsewhere; a table not read says nothing.
    if ((t && !t.empty) || dataStatesAbsence(id, d, t))
      return [`${d.entity.name}${yearOf(d)}没有${w}。`];
    return [
      `${yearOf(d)}${name}${d.kind === "final" ? "财政拨款" : ""}支出${marker(`${name}支出情况`)}。`,
    ];
  }
  const parts = levelRows(t, 3)
    .filter((r) => (cellOf(r, "total") ?? 0) !== 0)
    .map((r) => `${pathOf(t.rows, r.key)}（${r.key}）${money(cellOf(r, "total") ?? 0, t.unit)}`);
  return [
    `${yearOf(d)}${name}${d.kind === "final" ? "财政拨款" : ""}支出${money(total, t.unit)}${parts.length ? `，主要用于：${parts.join("；")}` : ""}。`,
  ];
}

/**
 * The unit a figure of `figures` is stated in: its own (given by a person, or
 * the source's 说明), so that it is printed exactly as given, never rounded.
 */
function figuresUnit(input: RenderInput): MoneyUnit {
  return input.figures?.unit ?? input.disclosure.unit;
}

export function runningCostParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const unit = figuresUnit(input);
  const v = extraOf(input, input.figures?.runningCost, unit);
  const self = selfWord(d);
  const w = word(d);
  if (v === undefined)
    return [`${yearOf(d)}${self}机关运行经费${w}${marker("机关运行经费数额及增减原因")}。`];
  return [
    `${yearOf(d)}${self}机关运行经费${w}${money(v, unit)}，${changeClause(v, priorOf(input, "running_cost", unit), unit, { base: "上年", wantReason: true, reasonTopic: "机关运行经费增减原因", ...(reason(input, "running_cost") ? { reason: reason(input, "running_cost") as string } : {}) })}。`,
  ];
}

export function procurementParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const self = selfWord(d);
  const unit = figuresUnit(input);
  const p = input.figures?.procurement;
  const t = tableOf(d, "procurement");
  if (p) {
    const total = extraOf(input, p.total, unit) ?? 0;
    const parts: string[] = [];
    for (const [k, name] of [
      ["goods", "货物"],
      ["works", "工程"],
      ["services", "服务"],
    ] as const) {
      const v = extraOf(input, p[k], unit);
      if (v !== undefined)
        parts.push(`政府采购${name}${d.kind === "final" ? "" : "预算"}${money(v, unit)}`);
    }
    const head =
      d.kind === "final"
        ? `${d.year}年度${self}政府采购支出总额${money(total, unit)}`
        : `${yearOf(d)}${self}政府采购预算总额${money(total, unit)}`;
    const out = [`${head}${parts.length ? `，其中：${parts.join("、")}` : ""}。`];
    if (input.texts?.procurement) out.push(input.texts.procurement);
    return out;
  }
  // “没有” only where no sentence of the source states such money (seed 001's table read without its figures).
  if ((t?.empty || (t && tableTotal(t, "total") === 0)) && !othersShowData("procurement", d))
    return [`${yearOf(d)}${self}没有安排政府采购${word(d)}。`];
  const fromTable = tableTotal(t, "total");
  if (t && fromTable)
    // The 政府采购预算表 gives the total; the split by kind only a person knows.
    return [
      `${yearOf(d)}${self}政府采购${word(d)}总额${money(fromTable, t.unit)}，其中货物、工程、服务采购金额${marker("政府采购分类金额")}。`,
    ];
  return [`${yearOf(d)}${self}政府采购${word(d)}${marker("政府采购金额（货物、工程、服务）")}。`];
}

export function assetsParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const self = selfWord(d);
  const unit = figuresUnit(input);
  const a = input.figures?.assets;
  const at = d.kind === "final" ? `截至${d.year}年12月31日` : `截至${d.year - 1}年12月31日`;
  const out: string[] = [];
  const t = tableOf(d, "assets");
  const tableTotalV = tableTotal(t, "total");
  const total = a?.total !== undefined ? extraOf(input, a.total, unit) : tableTotalV;
  const parts: string[] = [];
  if (total !== undefined)
    parts.push(`资产总额${money(total, t && a?.total === undefined ? t.unit : unit)}`);
  if (a?.vehicles !== undefined) parts.push(`共有车辆${a.vehicles}辆`);
  if (a?.bigEquipment !== undefined)
    parts.push(`单价100万元（含）以上设备（不含车辆）${a.bigEquipment}台（套）`);
  if (!parts.length)
    return [`${at}，${self}国有资产占有使用情况${marker("资产总额、车辆及大型设备数量")}。`];
  out.push(`${at}，${self}${parts.join("，")}。`);
  if (input.texts?.assets) out.push(input.texts.assets);
  return out;
}

export function performanceParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const out: string[] = [];
  if (input.texts?.performance) out.push(input.texts.performance);
  else
    out.push(
      d.kind === "final"
        ? `${d.year}年度预算绩效管理工作开展情况${marker("绩效自评及评价结果")}。`
        : `${yearOf(d)}${selfWord(d)}部门整体及重点项目绩效目标${marker("绩效目标")}。`,
    );
  return out;
}
