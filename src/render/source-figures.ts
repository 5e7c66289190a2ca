/**
 * The figures a source's own 说明 states that no table carries (机关运行经费,
 * 政府采购, 资产总额, a 决算's 年初预算), taken from its claims when a document
 * is written anew from what was read: the new 说明 then says what the old one
 * said, instead of a 【待填写】 marker.
 *
 * Only what is unambiguous is carried: a claim whose subject key and unit are
 * known, that speaks of the document's own year and kind, and that no other
 * claim of the same subject contradicts. Anything else stays a marker — the
 * generator never states a figure the source did not.
 */
import { convertAmount } from "../model/money.ts";
import type { Claim, Disclosure, MoneyUnit } from "../model/schema.ts";
import type { Figures, RenderInput } from "./input.ts";

/** Where a carried figure goes in `figures`. */
type Slot =
  | "runningCost"
  | "procurement.total"
  | "procurement.goods"
  | "procurement.works"
  | "procurement.services"
  | "assets.total"
  | "initialBudget.gpb.total";

/** Claim subject keys whose amount is a figure of `figures`. */
const AMOUNT_SLOTS: Readonly<Record<string, Slot>> = {
  running_cost: "runningCost",
  "procurement.total": "procurement.total",
  "procurement.goods": "procurement.goods",
  "procurement.works": "procurement.works",
  "procurement.services": "procurement.services",
  "assets.total": "assets.total",
};

/** One figure carried from the source: the claim it reads back as, and its amount. */
export interface CarriedFigure {
  slot: Slot;
  /** The claim subject key the rendered sentence reads back as. */
  key: string;
  /** Which amount of that claim: the stated figure, or the 年初预算 it is compared with. */
  field: "amount" | "budget";
  /** Hundredths of `unit`. */
  amount: number;
  unit: MoneyUnit;
}

/**
 * The year a sentence states its figure for ("2024年当年…", "截至2023年12月31日"):
 * the first it names before any comparison ("比2023年度增加…" names the other year).
 */
function statedYear(quote: string): number | undefined {
  const head = quote.split(/(?:比|较|与|同)\s*(?:上年|去年|上一年|[12]\d{3}\s*年)/u)[0] ?? "";
  const m = /([12]\d{3})\s*年/u.exec(head);
  return m ? Number(m[1]) : undefined;
}

/** Whether a claim speaks of the document's own year and kind. */
function ofThisDocument(c: Claim, slot: Slot, d: Disclosure): boolean {
  const year = statedYear(c.quote);
  // 资产 are stated at a date: a budget's at the end of the year before (“2025年初” or “截至2024年底”).
  const years = slot === "assets.total" && d.kind === "budget" ? [d.year, d.year - 1] : [d.year];
  if (year !== undefined && !years.includes(year)) return false;
  const label = c.subject.label;
  // 面向中小企业预留 / 授予小微企业: a share of 政府采购, not its total or kinds.
  if (slot.startsWith("procurement.") && /中小企业|小微企业|预留/u.test(label)) return false;
  // A final account's own figures are spent money; a 预算 figure in it is another one.
  if (d.kind === "final" && slot !== "initialBudget.gpb.total" && /预算/u.test(label)) return false;
  if (d.kind === "budget" && /决算/u.test(label)) return false;
  return true;
}

/** A claim's figure for a slot, if it states one. */
function figureOf(c: Claim, d: Disclosure): CarriedFigure | undefined {
  const key = c.subject.key;
  if (!key || !c.unit) return undefined;
  const amountSlot = AMOUNT_SLOTS[key];
  if (amountSlot && c.amount !== undefined && ofThisDocument(c, amountSlot, d))
    return { slot: amountSlot, key, field: "amount", amount: c.amount, unit: c.unit };
  // “一般公共预算财政拨款支出年初预算为X，支出决算为Y”: the 决算's 年初预算.
  // It is printed beside the 一般公共预算 table's total, in that table's unit: carried where exact.
  const gpbUnit = d.tables.find((t) => t.id === "gpb_function")?.unit ?? d.unit;
  if (
    d.kind === "final" &&
    key === "gpb.expenditure" &&
    c.budget !== undefined &&
    convertAmount(c.budget, c.unit, gpbUnit).exact &&
    ofThisDocument(c, "initialBudget.gpb.total", d)
  )
    return {
      slot: "initialBudget.gpb.total",
      key,
      field: "budget",
      amount: c.budget,
      unit: c.unit,
    };
  return undefined;
}

/** An amount in hundredths of 元 (exact: 万元 → 元 only multiplies). */
function inYuan(f: CarriedFigure): number {
  return convertAmount(f.amount, f.unit, "元").value;
}

/**
 * The figures of the source's claims that can be carried: one per slot,
 * where every claim of that slot states the same amount.
 */
export function carriedFigures(d: Disclosure): CarriedFigure[] {
  const bySlot = new Map<Slot, CarriedFigure[]>();
  for (const c of d.claims) {
    const f = figureOf(c, d);
    if (f) bySlot.set(f.slot, [...(bySlot.get(f.slot) ?? []), f]);
  }
  const out: CarriedFigure[] = [];
  for (const fs of bySlot.values()) {
    const first = fs[0];
    if (first && fs.every((f) => inYuan(f) === inYuan(first))) out.push(first);
  }
  // 政府采购 by kind only beside its total (the sentence states the total first).
  if (!out.some((f) => f.slot === "procurement.total"))
    return out.filter((f) => !f.slot.startsWith("procurement."));
  return out;
}

/** `figures` for a render input from the source's own claims (undefined when none can be carried). */
export function figuresFromClaims(d: Disclosure): Figures | undefined {
  const carried = carriedFigures(d);
  if (carried.length === 0) return undefined;
  // One unit for all: the claims' own where they agree, else 元 (exact from 万元).
  const units = new Set(carried.map((f) => f.unit));
  const unit: MoneyUnit = units.size === 1 ? (carried[0]?.unit ?? "元") : "元";
  const v = new Map(carried.map((f) => [f.slot, convertAmount(f.amount, f.unit, unit).value]));
  const figures: Figures = { unit };
  const running = v.get("runningCost");
  if (running !== undefined) figures.runningCost = running;
  const total = v.get("procurement.total");
  if (total !== undefined) {
    figures.procurement = { total };
    for (const kind of ["goods", "works", "services"] as const) {
      const part = v.get(`procurement.${kind}`);
      if (part !== undefined) figures.procurement[kind] = part;
    }
  }
  const assets = v.get("assets.total");
  if (assets !== undefined) figures.assets = { total: assets };
  const budget = v.get("initialBudget.gpb.total");
  if (budget !== undefined) figures.initialBudget = { lines: { "gpb.total": budget } };
  return figures;
}

/**
 * The render input for a disclosure that was read from a document: its
 * tables, and the figures its 说明 states (see figuresFromClaims).
 */
export function inputFromDisclosure(d: Disclosure): RenderInput {
  const figures = figuresFromClaims(d);
  return figures ? { disclosure: d, figures } : { disclosure: d };
}
