/**
 * 收支总体情况, 收入, 支出 and 财政拨款收支: the totals from the summary
 * tables, their change on last year, the lines with their shares.
 */
import type { Disclosure } from "../../model/schema.ts";
import { INCOME_LINE_NAMES } from "../../model/vocabulary.ts";
import type { RenderInput } from "../input.ts";
import { type Figure, figure, priorOf, tableOf, tableTotal } from "./figures.ts";
import { marker, money, shareText } from "./format.ts";
import { compare, yearOf } from "./words.ts";

export function totalsParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const s = tableOf(d, "summary");
  const inc = figure(s, "income.grand_total", "amount", "total");
  const exp = figure(s, "expenditure.grand_total", "amount", "total");
  if (!inc || !exp) return [`收入总计、支出总计${marker("收支总表数据")}。`];
  const head =
    d.kind === "final"
      ? `${d.entity.name}${d.year}年度收入总计${money(inc.value, inc.unit)}，支出总计${money(exp.value, exp.unit)}。`
      : `按照综合预算的原则，${d.entity.name}所有收入和支出均纳入${d.entity.level === "unit" ? "单位" : "部门"}预算管理。${d.year}年收入总计${money(inc.value, inc.unit)}，支出总计${money(exp.value, exp.unit)}。`;
  return [head, `收入总计${compare(input, inc, "income.grand_total", "收支总计")}。`];
}

/** The income lines the 收入 paragraph itemises, in its order. */
export const NARRATIVE_INCOME_LINES = [
  "income.gpb",
  "income.gov_fund",
  "income.state_capital",
  "income.fiscal_special",
  "income.superior",
  "income.business",
  "income.operating",
  "income.affiliated",
  "income.other",
] as const satisfies readonly (keyof typeof INCOME_LINE_NAMES)[];

export function incomeParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const s = tableOf(d, "summary");
  const total = figure(s, "income.total", "amount", "total");
  if (!total) return [`本年收入合计${marker("收入数据")}。`];
  const parts: string[] = [];
  for (const key of NARRATIVE_INCOME_LINES) {
    const f = figure(s, key, "amount", "total");
    if (!f || f.value === 0) continue;
    parts.push(
      `${INCOME_LINE_NAMES[key][d.kind]}${money(f.value, f.unit)}${shareText(f.value, total.value)}`,
    );
  }
  let p = `本年收入合计${money(total.value, total.unit)}`;
  p += parts.length ? `，其中：${parts.join("；")}。` : "。";
  const out = [p];
  const carry = figure(s, "income.carryover", "amount", "total");
  if (carry && carry.value !== 0)
    out.push(`${INCOME_LINE_NAMES["income.carryover"][d.kind]}${money(carry.value, carry.unit)}。`);
  return out;
}

/** 基本支出 / 项目支出 of the year: the 支出总表, else the 一般公共预算 table. */
function basicProject(d: Disclosure): { total?: Figure; basic?: Figure; project?: Figure } {
  for (const id of ["expenditure", "gpb_function"] as const) {
    const t = tableOf(d, id);
    if (!t || t.empty) continue;
    const total = tableTotal(t, "total");
    if (total === undefined) continue;
    const out: { total?: Figure; basic?: Figure; project?: Figure } = {
      total: { value: total, unit: t.unit },
    };
    const b = tableTotal(t, "basic");
    const p = tableTotal(t, "project");
    if (b !== undefined) out.basic = { value: b, unit: t.unit };
    if (p !== undefined) out.project = { value: p, unit: t.unit };
    return out;
  }
  return {};
}

export function expenditureParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const s = tableOf(d, "summary");
  const total = figure(s, "expenditure.total", "amount", "total");
  const bp = basicProject(d);
  if (!total) return [`本年支出合计${marker("支出数据")}。`];
  const parts: string[] = [];
  // Shares only where the split is of the same total (the 支出总表 carries all funds).
  const fromAll = tableOf(d, "expenditure") && !tableOf(d, "expenditure")?.empty;
  if (bp.basic?.value && fromAll)
    parts.push(
      `基本支出${money(bp.basic.value, bp.basic.unit)}${shareText(bp.basic.value, total.value)}`,
    );
  if (bp.project?.value && fromAll)
    parts.push(
      `项目支出${money(bp.project.value, bp.project.unit)}${shareText(bp.project.value, total.value)}`,
    );
  const e = tableOf(d, "expenditure");
  for (const [col, name] of [
    ["operating", "经营支出"],
    ["upper", "上缴上级支出"],
    ["subsidiary", "对附属单位补助支出"],
  ] as const) {
    const v = tableTotal(e, col);
    if (v) parts.push(`${name}${money(v, e?.unit ?? total.unit)}${shareText(v, total.value)}`);
  }
  let p = `本年支出合计${money(total.value, total.unit)}`;
  p += parts.length ? `，其中：${parts.join("；")}。` : "。";
  const out = [p];
  const carry = figure(s, "expenditure.carryover", "amount", "total");
  if (carry && carry.value !== 0)
    out.push(
      `${d.kind === "final" ? "年末结转和结余" : "年终结转结余"}${money(carry.value, carry.unit)}。`,
    );
  if (bp.basic && bp.project && !fromAll) {
    // Budget documents without a 支出总表: the split of the 一般公共预算 table.
    out.push(
      `一般公共预算支出中，基本支出${money(bp.basic.value, bp.basic.unit)}，项目支出${money(bp.project.value, bp.project.unit)}。`,
    );
  }
  const bPrior = priorOf(input, "basic", bp.basic?.unit ?? d.unit);
  if (bp.basic && bPrior !== undefined)
    out.push(`基本支出${compare(input, bp.basic, "basic", "基本支出")}。`);
  const pPrior = priorOf(input, "project", bp.project?.unit ?? d.unit);
  if (bp.project && pPrior !== undefined)
    out.push(`项目支出${compare(input, bp.project, "project", "项目支出")}。`);
  return out;
}

export function fiscalParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const t = tableOf(d, "fiscal_summary");
  const inc = figure(t, "income.grand_total", "amount", "total");
  const exp = figure(t, "expenditure.grand_total", "total", "amount");
  if (!inc || !exp) return [`财政拨款收支总体情况${marker("财政拨款收支总表数据")}。`];
  return [
    `${yearOf(d)}财政拨款收入总计${money(inc.value, inc.unit)}，财政拨款支出总计${money(exp.value, exp.unit)}。`,
    `财政拨款收入总计${compare(input, inc, "fiscal.grand_total", "财政拨款收支总计")}。`,
  ];
}
