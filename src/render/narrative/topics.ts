/**
 * One function per topic of the 情况说明, each returning the paragraphs of
 * its section from the tables: totals and their change on the prior year,
 * shares, structure by function and economic class, “三公”, funds, and the
 * other matters. Budgets and final accounts share the topics and differ in
 * words (预算 / 决算, 上年 / 年初预算).
 */
import type { Disclosure, MoneyUnit, Row } from "../../model/schema.ts";
import type { RenderInput } from "../input.ts";
import { selfWord } from "./common.ts";
import {
  cellOf,
  extraOf,
  type Figure,
  figure,
  levelRows,
  priorOf,
  rowOf,
  THREE_PUBLIC_ITEMS,
  tableOf,
  tableTotal,
  VEHICLE_PARTS,
} from "./figures.ts";
import { changeClause, marker, money, percent, shareText } from "./format.ts";

function reason(input: RenderInput, key: string): string | undefined {
  return input.texts?.reasons?.[key];
}

/** "比上年…" for a figure, with the reason sentence when it moved. */
function compare(input: RenderInput, f: Figure, key: string, topic: string): string {
  return changeClause(f.value, priorOf(input, key, f.unit), f.unit, {
    base: "上年",
    wantReason: true,
    reasonTopic: `${topic}增减原因`,
    ...(reason(input, key) ? { reason: reason(input, key) as string } : {}),
  });
}

/** "2025年" in a budget, "2023年度" in a final account (the templates' words). */
export function yearOf(d: Disclosure): string {
  return `${d.year}年${d.kind === "final" ? "度" : ""}`;
}

function word(d: Disclosure): "预算" | "决算" {
  return d.kind === "final" ? "决算" : "预算";
}

// -------------------------------------------------------------------- totals

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

const INCOME_LINES: { key: string; budget: string; final: string }[] = [
  { key: "income.gpb", budget: "一般公共预算拨款收入", final: "一般公共预算财政拨款收入" },
  { key: "income.gov_fund", budget: "政府性基金预算拨款收入", final: "政府性基金预算财政拨款收入" },
  {
    key: "income.state_capital",
    budget: "国有资本经营预算拨款收入",
    final: "国有资本经营预算财政拨款收入",
  },
  { key: "income.fiscal_special", budget: "财政专户管理资金收入", final: "财政专户管理资金收入" },
  { key: "income.superior", budget: "上级补助收入", final: "上级补助收入" },
  { key: "income.business", budget: "事业收入", final: "事业收入" },
  { key: "income.operating", budget: "事业单位经营收入", final: "经营收入" },
  { key: "income.affiliated", budget: "附属单位上缴收入", final: "附属单位上缴收入" },
  { key: "income.other", budget: "其他收入", final: "其他收入" },
];

export function incomeParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const s = tableOf(d, "summary");
  const total = figure(s, "income.total", "amount", "total");
  if (!total) return [`本年收入合计${marker("收入数据")}。`];
  const parts: string[] = [];
  for (const l of INCOME_LINES) {
    const f = figure(s, l.key, "amount", "total");
    if (!f || f.value === 0) continue;
    parts.push(
      `${d.kind === "final" ? l.final : l.budget}${money(f.value, f.unit)}${shareText(f.value, total.value)}`,
    );
  }
  let p = `本年收入合计${money(total.value, total.unit)}`;
  p += parts.length ? `，其中：${parts.join("；")}。` : "。";
  const out = [p];
  const carry = figure(s, "income.carryover", "amount", "total");
  if (carry && carry.value !== 0)
    out.push(
      `${d.kind === "final" ? "年初结转和结余" : "上年结转结余"}${money(carry.value, carry.unit)}。`,
    );
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

// --------------------------------------------------------------- 一般公共预算

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
  if (!t || !g) return [`${yearOf(d)}${selfWord(d)}没有一般公共预算支出。`];
  const parts = levelRows(t, 1)
    .map((r) => ({ r, v: cellOf(r, "total") ?? 0 }))
    .filter((x) => x.v !== 0)
    .map((x) => `${x.r.name}（${x.r.key}）${money(x.v, t.unit)}${shareText(x.v, g.value)}`);
  const name = d.kind === "final" ? "一般公共预算财政拨款支出" : "一般公共预算支出";
  if (!parts.length) return [`${name}${money(g.value, g.unit)}。`];
  return [`${name}${money(g.value, g.unit)}，主要用于以下方面：${parts.join("；")}。`];
}

/** 类（类）款（款）项（项） path of a functional code, from the table's own names. */
function pathOf(rows: Row[], code: string): string {
  const byKey = new Map(rows.map((r) => [r.key, r.name]));
  const lei = byKey.get(code.slice(0, 3));
  const kuan = byKey.get(code.slice(0, 5));
  const xiang = byKey.get(code);
  return `${lei ?? ""}（类）${kuan ?? ""}（款）${xiang ?? ""}（项）`;
}

export function gpbDetailParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const t = tableOf(d, "gpb_function");
  if (!t || t.empty) return [`${yearOf(d)}${selfWord(d)}没有一般公共预算支出。`];
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

// ----------------------------------------------------------------- 基本支出

interface EconItem {
  code: string;
  name: string;
  value: number;
}

/** 人员经费 and 公用经费 with their items, from either layout of the basic table. */
function basicSplit(d: Disclosure): {
  unit: MoneyUnit;
  personnel?: number;
  public?: number;
  personnelItems: EconItem[];
  publicItems: EconItem[];
  /** 类 lines with their totals. */
  classes: EconItem[];
} | null {
  const t = tableOf(d, "gpb_basic_economic");
  if (!t || t.empty) return null;
  const items = t.rows.filter((r) => r.keyKind.startsWith("econ") && r.key.length === 5);
  const classes = t.rows
    .filter((r) => r.keyKind.startsWith("econ") && r.key.length === 3)
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((r) => ({ code: r.key, name: r.name, value: cellOf(r, "total", "amount") ?? 0 }));
  const cols = new Set(t.columns.map((c) => c.id));
  if (cols.has("personnel") || cols.has("public")) {
    const pick = (col: string) =>
      items
        .map((r) => ({ code: r.key, name: r.name, value: cellOf(r, col) ?? 0 }))
        .filter((x) => x.value !== 0);
    const out: ReturnType<typeof basicSplit> = {
      unit: t.unit,
      personnelItems: pick("personnel"),
      publicItems: pick("public"),
      classes,
    };
    const p = tableTotal(t, "personnel");
    const u = tableTotal(t, "public");
    if (p !== undefined) out.personnel = p;
    if (u !== undefined) out.public = u;
    return out;
  }
  // Blocks (公开06): 301 and 303 are 人员经费, the rest 公用经费.
  const isPersonnel = (code: string) => code.startsWith("301") || code.startsWith("303");
  const all = items
    .map((r) => ({ code: r.key, name: r.name, value: cellOf(r, "amount", "total") ?? 0 }))
    .filter((x) => x.value !== 0);
  const out: ReturnType<typeof basicSplit> = {
    unit: t.unit,
    personnelItems: all.filter((x) => isPersonnel(x.code)),
    publicItems: all.filter((x) => !isPersonnel(x.code)),
    classes,
  };
  const p = cellOf(rowOf(t, "personnel_total"), "amount", "total");
  const u = cellOf(rowOf(t, "public_total"), "amount", "total");
  if (p !== undefined) out.personnel = p;
  if (u !== undefined) out.public = u;
  return out;
}

export function basicParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const s = basicSplit(d);
  if (!s) return [`一般公共预算基本支出${marker("基本支出表数据")}。`];
  const list = (items: EconItem[]) =>
    items.map((x) => `${x.name}（${x.code}）${money(x.value, s.unit)}`).join("、");
  const name = d.kind === "final" ? "一般公共预算财政拨款基本支出" : "一般公共预算基本支出";
  const total = (s.personnel ?? 0) + (s.public ?? 0);
  // The split first, then each part's items in a sentence of its own (a list
  // under 其中 must add up to the figure it breaks down).
  const parts: string[] = [];
  if (s.personnel !== undefined) parts.push(`人员经费${money(s.personnel, s.unit)}`);
  if (s.public !== undefined) parts.push(`公用经费${money(s.public, s.unit)}`);
  const out = [`${yearOf(d)}${name}${money(total, s.unit)}，其中：${parts.join("，")}。`];
  // Structure by economic class (类), each with its share of the basic total.
  const classes = s.classes.filter((x) => x.value !== 0);
  if (classes.length && total !== 0)
    out.push(
      `按支出经济分类，${classes.map((x) => `${x.name}（${x.code}）${money(x.value, s.unit)}，占基本支出的${percent(x.value, total)}%`).join("；")}。`,
    );
  if (s.personnelItems.length) out.push(`人员经费主要包括：${list(s.personnelItems)}。`);
  if (s.publicItems.length) out.push(`公用经费主要包括：${list(s.publicItems)}。`);
  return out;
}

// -------------------------------------------------------------------- 三公

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
    out.push(`${self}${yearOf(d)}${fiscal}为0.00${unit}，没有安排“三公”经费支出。`);
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

// -------------------------------------------------------------------- funds

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
    return [`${d.entity.name}${yearOf(d)}没有${w}。`];
  }
  const parts = levelRows(t, 3)
    .filter((r) => (cellOf(r, "total") ?? 0) !== 0)
    .map((r) => `${pathOf(t.rows, r.key)}（${r.key}）${money(cellOf(r, "total") ?? 0, t.unit)}`);
  return [
    `${yearOf(d)}${name}${d.kind === "final" ? "财政拨款" : ""}支出${money(total, t.unit)}${parts.length ? `，主要用于：${parts.join("；")}` : ""}。`,
  ];
}

// ------------------------------------------------------------ other matters

export function runningCostParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const unit = d.unit;
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
  const unit = d.unit;
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
  if (t?.empty || (t && tableTotal(t, "total") === 0))
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
  const unit = d.unit;
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
