/**
 * 一般公共预算 spending: the total and its change, the structure by 类 with
 * shares, every 项 (with last year's or the 年初预算 figure where given).
 */
import type { Disclosure, Row, Table } from "../../model/schema.ts";
import { dataStatesAbsence } from "../absence.ts";
import type { RenderInput } from "../input.ts";
import { selfWord } from "./common.ts";
import { cellOf, extraOf, type Figure, figure, levelRows, tableOf, tableTotal } from "./figures.ts";
import { changeClause, marker, money, percent, shareText } from "./format.ts";
import { compare, reason, yearOf } from "./words.ts";

function gpbTotal(d: Disclosure): Figure | undefined {
  const t = tableOf(d, "gpb_function");
  const v = tableTotal(t, "total");
  return v === undefined || !t ? undefined : { value: v, unit: t.unit };
}

export function gpbOverallParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const g = gpbTotal(d);
  if (!g) return [`一般公共预算支出${marker("一般公共预算支出表数据")}。`];
  const s = tableOf(d, "summary");
  const exp = figure(s, "expenditure.total", "amount", "total");
  const name = d.kind === "final" ? "一般公共预算财政拨款支出" : "一般公共预算支出";
  let p = `${yearOf(d)}${name}${money(g.value, g.unit)}`;
  if (exp && exp.unit === g.unit && exp.value)
    p += `，占本年支出合计的${percent(g.value, exp.value)}%`;
  const out = [`${p}。`, `${name}${compare(input, g, "gpb.total", name)}。`];
  if (d.kind === "final") {
    const budget = input.figures?.initialBudget?.lines?.["gpb.total"];
    if (budget === undefined)
      out.push(`${name}年初预算为${marker("年初预算数")}，支出决算为${money(g.value, g.unit)}。`);
    else {
      const b = extraOf(input, budget, g.unit) ?? 0;
      const rate = percent(g.value, b);
      out.push(
        `${name}年初预算为${money(b, g.unit)}，支出决算为${money(g.value, g.unit)}${rate ? `，完成年初预算的${rate}%` : ""}。${b === g.value ? "" : `决算数与年初预算数不同的主要原因是：${reason(input, "gpb.final_vs_budget") ?? marker("决算与预算差异原因")}。`}`,
      );
    }
  }
  return out;
}

export function gpbStructureParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const t = tableOf(d, "gpb_function");
  const g = gpbTotal(d);
  if (!t || !g) return noGpb(d, t);
  const parts = levelRows(t, 1)
    .map((r) => ({ r, v: cellOf(r, "total") ?? 0 }))
    .filter((x) => x.v !== 0)
    .map((x) => `${x.r.name}（${x.r.key}）${money(x.v, t.unit)}${shareText(x.v, g.value)}`);
  const name = d.kind === "final" ? "一般公共预算财政拨款支出" : "一般公共预算支出";
  if (!parts.length) return [`${name}${money(g.value, g.unit)}。`];
  return [`${name}${money(g.value, g.unit)}，主要用于以下方面：${parts.join("；")}。`];
}

/** Without a 一般公共预算 table: “没有…” only where the data says so, else a marker. */
function noGpb(d: Disclosure, t: Table | undefined): string[] {
  if (dataStatesAbsence("gpb_function", d, t))
    return [`${yearOf(d)}${selfWord(d)}没有一般公共预算支出。`];
  return [`${yearOf(d)}${selfWord(d)}一般公共预算支出${marker("一般公共预算支出表数据")}。`];
}

/** 类（类）款（款）项（项） path of a functional code, from the table's own names. */
export function pathOf(rows: Row[], code: string): string {
  const byKey = new Map(rows.map((r) => [r.key, r.name]));
  const lei = byKey.get(code.slice(0, 3));
  const kuan = byKey.get(code.slice(0, 5));
  const xiang = byKey.get(code);
  return `${lei ?? ""}（类）${kuan ?? ""}（款）${xiang ?? ""}（项）`;
}

export function gpbDetailParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const t = tableOf(d, "gpb_function");
  if (!t || t.empty) return noGpb(d, t);
  const items = levelRows(t, 3).filter((r) => (cellOf(r, "total") ?? 0) !== 0);
  if (!items.length) return [`各项级科目的支出见${t.title}。`];
  const budgets = input.figures?.initialBudget?.codes;
  return items.map((r, i) => {
    const v = cellOf(r, "total") ?? 0;
    let p = `${i + 1}.${pathOf(t.rows, r.key)}（${r.key}）${money(v, t.unit)}`;
    if (d.kind === "final") {
      const b = budgets?.[r.key];
      if (b !== undefined) {
        const bb = extraOf(input, b, t.unit) ?? 0;
        p += `，年初预算为${money(bb, t.unit)}${percent(v, bb) ? `，完成年初预算的${percent(v, bb)}%` : ""}`;
      }
    } else {
      const prior = input.prior?.codes?.[r.key];
      if (prior !== undefined)
        p += `，${changeClause(v, extraOf(input, prior, t.unit), t.unit, { base: "上年" })}`;
    }
    return `${p}。`;
  });
}
