/**
 * “三公” spending: the total and each item, shares, the change on last year
 * with its reason (a marker until a person writes it), 决算 against 预算.
 */
import type { MoneyUnit } from "../../model/schema.ts";
import { dataStatesAbsence } from "../absence.ts";
import type { RenderInput } from "../input.ts";
import { selfWord } from "./common.ts";
import { cellOf, priorOf, rowOf, THREE_PUBLIC_ITEMS, tableOf, VEHICLE_PARTS } from "./figures.ts";
import { changeClause, marker, money, percent, shareText } from "./format.ts";
import { reason, yearOf } from "./words.ts";

export function threePublicParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const t = tableOf(d, "three_public");
  const col = d.kind === "final" ? "final" : "budget";
  const unit = t?.unit ?? d.unit;
  const val = (key: string) => cellOf(rowOf(t, key), col, "amount") ?? 0;
  const total = val("three_public.total");
  const self = selfWord(d);
  const fiscal = d.kind === "final" ? "“三公”经费财政拨款支出决算" : "一般公共预算“三公”经费预算";
  const out: string[] = [];
  const allPrior = priorOf(input, "three_public.total", unit);
  if (total === 0 && (allPrior === undefined || allPrior === 0)) {
    // A table that prints zero, or data that says so elsewhere; a table not read says nothing.
    if ((t && !t.empty) || dataStatesAbsence("three_public", d, t))
      out.push(`${self}${yearOf(d)}${fiscal}为0.00${unit}，没有安排“三公”经费支出。`);
    else out.push(`${self}${yearOf(d)}${fiscal}${marker("“三公”经费数额")}。`);
    return out;
  }
  if (d.kind === "final") {
    const budgetOf = (key: string) => cellOf(rowOf(t, key), "budget") ?? 0;
    const done = (key: string) => {
      const r = percent(val(key), budgetOf(key));
      return r ? `，完成预算的${r}%` : "";
    };
    out.push(
      `“三公”经费财政拨款支出年初预算为${money(budgetOf("three_public.total"), unit)}，支出决算为${money(total, unit)}${done("three_public.total")}，其中：${THREE_PUBLIC_ITEMS.map((it) => `${it.name}支出决算为${money(val(it.key), unit)}${done(it.key)}`).join("；")}。${budgetOf("three_public.total") !== total ? `决算数与预算数不同的主要原因是：${reason(input, "three_public.final_vs_budget") ?? marker("“三公”经费决算与预算差异原因")}。` : ""}`,
    );
  }
  out.push(
    `${yearOf(d)}${fiscal}${money(total, unit)}，${threePublicChange(input, "three_public.total", total, unit, "“三公”经费")}。`,
  );
  for (const it of THREE_PUBLIC_ITEMS) {
    const v = val(it.key);
    let p = `${it.name}${money(v, unit)}`;
    if (total) p += shareText(v, total);
    if (it.key === "three_public.vehicle") {
      const parts = VEHICLE_PARTS.map((x) => `${x.name}${money(val(x.key), unit)}`);
      p += `（其中：${parts.join("，")}）`;
    }
    p += `，${threePublicChange(input, it.key, v, unit, it.name)}。`;
    out.push(p);
  }
  const vehicles = input.figures?.assets?.vehicles;
  if (vehicles !== undefined) out.push(`${self}公务用车保有量为${vehicles}辆。`);
  return out;
}

function threePublicChange(
  input: RenderInput,
  key: string,
  value: number,
  unit: MoneyUnit,
  name: string,
): string {
  return changeClause(value, priorOf(input, key, unit), unit, {
    base: "上年",
    wantReason: true,
    reasonTopic: `${name}增减原因`,
    ...(reason(input, key) ? { reason: reason(input, key) as string } : {}),
  });
}
