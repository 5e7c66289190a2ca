/**
 * The data of each chart the official documents show — 收支总计变动 (this
 * year against last), 收入结构, 支出结构, 一般公共预算支出按功能分类,
 * “三公”经费变动 — as plain series. The HTML renderer draws them with
 * echarts (SVG, server-side), the PDF renderer with vector primitives, so
 * both show the same figures.
 */
import type { MoneyUnit } from "../../model/schema.ts";
import { INCOME_LINE_NAMES } from "../../model/vocabulary.ts";
import type { RenderInput } from "../input.ts";
import {
  cellOf,
  figure,
  levelRows,
  priorOf,
  rowOf,
  THREE_PUBLIC_ITEMS,
  tableOf,
  tableTotal,
} from "../narrative/figures.ts";
import { NARRATIVE_INCOME_LINES } from "../narrative/totals.ts";

export interface ChartSeries {
  name: string;
  /** Hundredths of `unit`, one per category. */
  values: number[];
}

export interface ChartData {
  /** totals | income | expenditure | function | three_public */
  id: string;
  title: string;
  type: "bar" | "pie";
  unit: MoneyUnit;
  categories: string[];
  series: ChartSeries[];
}

/** Amounts as numbers of the unit for drawing only (never for computing). */
export function toDisplay(hundredths: number): number {
  return hundredths / 100;
}

function totalsChart(input: RenderInput): ChartData | undefined {
  const d = input.disclosure;
  const s = tableOf(d, "summary");
  const inc = figure(s, "income.grand_total", "amount", "total");
  const exp = figure(s, "expenditure.grand_total", "amount", "total");
  if (!inc || !exp) return undefined;
  const series: ChartSeries[] = [];
  const pi = priorOf(input, "income.grand_total", inc.unit);
  const pe = priorOf(input, "expenditure.grand_total", inc.unit);
  if (pi !== undefined && pe !== undefined)
    series.push({ name: `${d.year - 1}年`, values: [pi, pe] });
  series.push({ name: `${d.year}年`, values: [inc.value, exp.value] });
  return {
    id: "totals",
    title: "收支总计变动情况",
    type: "bar",
    unit: inc.unit,
    categories: ["收入总计", "支出总计"],
    series,
  };
}

/** The income lines of the 收入结构 chart: those the 收入 paragraph itemises, and the carry-over. */
const INCOME_CHART_LINES = [...NARRATIVE_INCOME_LINES, "income.carryover"] as const;

function incomeChart(input: RenderInput): ChartData | undefined {
  const s = tableOf(input.disclosure, "summary");
  const kind = input.disclosure.kind;
  if (!s) return undefined;
  const cats: string[] = [];
  const vals: number[] = [];
  for (const key of INCOME_CHART_LINES) {
    const v = cellOf(rowOf(s, key), "amount", "total") ?? 0;
    if (v > 0) {
      cats.push(INCOME_LINE_NAMES[key][kind]);
      vals.push(v);
    }
  }
  if (!cats.length) return undefined;
  return {
    id: "income",
    title: "收入结构",
    type: "pie",
    unit: s.unit,
    categories: cats,
    series: [{ name: "收入", values: vals }],
  };
}

function expenditureChart(input: RenderInput): ChartData | undefined {
  const d = input.disclosure;
  for (const id of ["expenditure", "gpb_function"] as const) {
    const t = tableOf(d, id);
    const b = tableTotal(t, "basic");
    const p = tableTotal(t, "project");
    if (!t || b === undefined || p === undefined || b + p <= 0) continue;
    return {
      id: "expenditure",
      title: "支出结构",
      type: "pie",
      unit: t.unit,
      categories: ["基本支出", "项目支出"],
      series: [{ name: "支出", values: [b, p] }],
    };
  }
  return undefined;
}

function functionChart(input: RenderInput): ChartData | undefined {
  const t = tableOf(input.disclosure, "gpb_function");
  const rows = levelRows(t, 1).filter((r) => (cellOf(r, "total") ?? 0) > 0);
  if (!t || !rows.length) return undefined;
  return {
    id: "function",
    title: "一般公共预算支出按功能分类",
    type: "bar",
    unit: t.unit,
    categories: rows.map((r) => r.name),
    series: [
      { name: `${input.disclosure.year}年`, values: rows.map((r) => cellOf(r, "total") ?? 0) },
    ],
  };
}

function threePublicChart(input: RenderInput): ChartData | undefined {
  const d = input.disclosure;
  const t = tableOf(d, "three_public");
  if (!t) return undefined;
  const col = d.kind === "final" ? "final" : "budget";
  const values = THREE_PUBLIC_ITEMS.map((it) => cellOf(rowOf(t, it.key), col, "amount") ?? 0);
  const series: ChartSeries[] = [];
  const prior = THREE_PUBLIC_ITEMS.map((it) => priorOf(input, it.key, t.unit));
  if (prior.every((v) => v !== undefined))
    series.push({ name: `${d.year - 1}年`, values: prior as number[] });
  series.push({ name: `${d.year}年`, values });
  if (series.every((s) => s.values.every((v) => v === 0))) return undefined;
  return {
    id: "three_public",
    title: "“三公”经费变动情况",
    type: "bar",
    unit: t.unit,
    categories: THREE_PUBLIC_ITEMS.map((it) => it.name),
    series,
  };
}

export function documentCharts(input: RenderInput): ChartData[] {
  return [
    totalsChart(input),
    incomeChart(input),
    expenditureChart(input),
    functionChart(input),
    threePublicChart(input),
  ].filter((c): c is ChartData => c !== undefined);
}
