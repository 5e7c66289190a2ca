/**
 * Comparisons of disclosures: one entity year over year, a budget against
 * its final accounts, and the units of one department side by side. Pure
 * functions of Disclosures: the same result from files or from the store.
 *
 * Amounts stay exact: integer hundredths of the result's `unit` (the unit
 * the documents share, else 元, to which 万元 converts exactly). Rates are
 * decimal strings in percent, rounded to two places for display; a rate
 * over a zero base is null, not infinity.
 */
import { TABLE_NAMES } from "../model/labels.ts";
import type { ColumnId, Disclosure, MoneyUnit, RowKeyKind, TableId } from "../model/schema.ts";
import { THREE_PUBLIC_LINE_NAMES, THREE_PUBLIC_LINES } from "../model/vocabulary.ts";
import { type DocumentRef, documentRef } from "./documents.ts";
import { entityKey, normaliseEntityName } from "./entity.ts";
import {
  COMPARABLE_TABLES,
  EXECUTION_TABLES,
  type Line,
  type Lines,
  lineOrder,
  tableLines,
} from "./lines.ts";
import { changeRate, commonUnit, inUnit, percent } from "./ratio.ts";

/** The key of a line and how to show it. */
export interface LineHead {
  key: string;
  keyKind: RowKeyKind;
  level?: number;
  name: string;
}

// ------------------------------------------------------------ year over year

export interface YearLine extends LineHead {
  prior: number | null;
  current: number | null;
  /** current − prior (a blank counts as 0 when the other year prints a figure). */
  change: number | null;
  /** change / prior in percent; null when prior is 0 or blank. */
  rate: string | null;
}

export interface YearTable {
  table: TableId;
  name: string;
  unit: MoneyUnit;
  column: ColumnId;
  lines: YearLine[];
}

export interface YearOverYear {
  mode: "yoy";
  entity: string;
  prior: DocumentRef;
  current: DocumentRef;
  tables: YearTable[];
  /** What a reader should know about the comparison, in Chinese. */
  notes: string[];
}

// ------------------------------------------------------- budget vs final

export interface ExecutionLine extends LineHead {
  budget: number | null;
  final: number | null;
  /** final − budget. */
  difference: number | null;
  /** 执行率 = 决算 / 预算, in percent; null without a budget. */
  rate: string | null;
}

export interface ExecutionTable {
  table: TableId;
  name: string;
  unit: MoneyUnit;
  lines: ExecutionLine[];
}

/** A “三公” line: the budget from the budget document, and as the final accounts print it. */
export interface ThreePublicExecution extends ExecutionLine {
  /** 预算数 printed in the final accounts' own 三公 table (年初预算), where it has one. */
  budgetInFinal: number | null;
  /** Where `budget` comes from. */
  budgetSource: "budget" | "final";
}

/** A sentence of the final accounts that states a budget and an outturn (年初预算为…，支出决算为…). */
export interface StatedExecution {
  subject: string;
  /** The 功能分类 code the sentence is about, where its words or its amount tell. */
  code?: string;
  key?: string;
  budget: number;
  final: number;
  unit: MoneyUnit;
  /** 执行率 computed from the two amounts. */
  rate: string | null;
  /** The completion rate the sentence prints (完成年初预算的 98.20%), if any. */
  printed?: string;
  quote: string;
  line: number;
  page?: number;
}

export interface BudgetVsFinal {
  mode: "budget-final";
  entity: string;
  year: number;
  budget?: DocumentRef;
  final: DocumentRef;
  /** 执行率 by functional line, per table both documents print. */
  tables: ExecutionTable[];
  threePublic?: { unit: MoneyUnit; lines: ThreePublicExecution[] };
  stated: StatedExecution[];
  notes: string[];
}

// ------------------------------------------------------------ units

export interface UnitsLine extends LineHead {
  /** One amount per unit, in the order of `units`; null where the unit prints none. */
  values: (number | null)[];
  sum: number;
}

export interface UnitsTable {
  table: TableId;
  name: string;
  unit: MoneyUnit;
  lines: UnitsLine[];
}

export interface UnitsSideBySide {
  mode: "units";
  /** The department the units belong to (null when they name none in common). */
  parent: string | null;
  units: DocumentRef[];
  tables: UnitsTable[];
  notes: string[];
}

export type Comparison = YearOverYear | BudgetVsFinal | UnitsSideBySide;

// ------------------------------------------------------------ helpers

function head(l: Line): LineHead {
  return {
    key: l.key,
    keyKind: l.keyKind,
    ...(l.level !== undefined ? { level: l.level } : {}),
    name: l.name,
  };
}

/** The keys of several tables' lines, each once, in display order; with the first line seen for each. */
function unionLines(all: (Lines | undefined)[]): Line[] {
  const first = new Map<string, Line>();
  const printed = new Map<string, number>();
  for (const lines of all) {
    for (const l of lines?.lines ?? []) {
      if (!first.has(l.key)) {
        first.set(l.key, l);
        printed.set(l.key, printed.size);
      }
    }
  }
  return [...first.values()].sort((a, b) => lineOrder(a, b, printed));
}

/** Whether any of the amounts is a figure other than zero (a line worth showing). */
function anyFigure(values: (number | null)[]): boolean {
  return values.some((v) => v !== null && v !== 0);
}

function amountOf(lines: Lines | undefined, key: string, unit: MoneyUnit): number | null {
  const l = lines?.lines.find((x) => x.key === key);
  if (!l || l.amount === null || !lines) return null;
  return inUnit(l.amount, lines.unit, unit);
}

/** b − a where either prints a figure (a blank is nothing spent). */
function difference(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (b ?? 0) - (a ?? 0);
}

function sameYearNote(a: Disclosure, b: Disclosure, notes: string[]): void {
  if (a.entity.level && b.entity.level && a.entity.level !== b.entity.level) {
    notes.push(
      `两份文档口径不同：${a.year} 年为${a.entity.level === "unit" ? "单位" : "部门"}，${b.year} 年为${b.entity.level === "unit" ? "单位" : "部门"}。`,
    );
  }
}

// ------------------------------------------------------------ comparisons

/** One entity's two years (the earlier document first, whatever order they come in). */
export function compareYears(a: Disclosure, b: Disclosure): YearOverYear {
  const [prior, current] = a.year <= b.year ? [a, b] : [b, a];
  const notes: string[] = [];
  if (entityKey(prior.entity) !== entityKey(current.entity))
    notes.push(`两份文档的主体名称不同：${prior.entity.name}、${current.entity.name}。`);
  if (prior.kind !== current.kind) notes.push("一份是预算、一份是决算：比较的是不同口径的数字。");
  if (prior.year === current.year) notes.push(`两份文档是同一年度（${prior.year} 年）。`);
  sameYearNote(prior, current, notes);
  const tables: YearTable[] = [];
  for (const id of COMPARABLE_TABLES) {
    const p = tableLines(prior, id);
    const c = tableLines(current, id);
    if (!p || !c) continue;
    const unit = commonUnit([p.unit, c.unit]);
    const lines = unionLines([c, p]).map((l): YearLine => {
      const before = amountOf(p, l.key, unit);
      const now = amountOf(c, l.key, unit);
      const change = difference(before, now);
      return {
        ...head(l),
        prior: before,
        current: now,
        change,
        rate: before === null ? null : changeRate(now ?? 0, before),
      };
    });
    tables.push({
      table: id,
      name: TABLE_NAMES[id],
      unit,
      column: c.column,
      lines: lines.filter((l) => anyFigure([l.prior, l.current])),
    });
  }
  if (tables.length === 0) notes.push("两份文档没有可以对照的表格。");
  return {
    mode: "yoy",
    entity: current.entity.name || prior.entity.name,
    prior: documentRef(prior),
    current: documentRef(current),
    tables,
    notes,
  };
}

/** The 三公 lines: budget from the budget document (else the final's 预算数), outturn from the final's 决算数. */
function threePublicExecution(
  budget: Disclosure | undefined,
  final: Disclosure,
): BudgetVsFinal["threePublic"] {
  const finalLines = tableLines(final, "three_public", "final");
  const printedBudget = tableLines(final, "three_public", "budget");
  const budgetLines = budget ? tableLines(budget, "three_public") : undefined;
  if (!finalLines && !printedBudget) return undefined;
  const unit = commonUnit(
    [finalLines?.unit, printedBudget?.unit, budgetLines?.unit].filter(
      (u): u is MoneyUnit => u !== undefined,
    ),
  );
  const lines = THREE_PUBLIC_LINES.flatMap((key): ThreePublicExecution[] => {
    const fromBudget = amountOf(budgetLines, key, unit);
    const inFinal = amountOf(printedBudget, key, unit);
    const outturn = amountOf(finalLines, key, unit);
    const present = [budgetLines, printedBudget, finalLines].some((t) =>
      t?.lines.some((l) => l.key === key),
    );
    if (!present) return [];
    const useBudgetDoc = budgetLines !== undefined;
    const b = useBudgetDoc ? fromBudget : inFinal;
    // A blank 决算数 beside a printed 预算数 is nothing spent.
    const f = outturn ?? (finalLines || b !== null ? 0 : null);
    return [
      {
        key,
        keyKind: "line",
        name: THREE_PUBLIC_LINE_NAMES[key],
        budget: b,
        final: f,
        difference: difference(b, f),
        rate: b === null ? null : percent(f ?? 0, b),
        budgetInFinal: inFinal,
        budgetSource: useBudgetDoc ? "budget" : "final",
      },
    ];
  });
  return { unit, lines };
}

/**
 * What a sentence's outturn is about when its words only say “年初预算为…”
 * (the 项 is named in the sentence before): the one 项 of the final's
 * 一般公共预算 table whose 决算 is that amount, if exactly one is.
 */
function subjectByAmount(final: Disclosure, amount: number, unit: MoneyUnit): LineHead | undefined {
  const lines = tableLines(final, "gpb_function");
  if (!lines) return undefined;
  const want = lines.unit === unit ? amount : undefined;
  if (want === undefined) return undefined;
  for (const level of [3, 2, 1]) {
    const hits = lines.lines.filter((l) => l.level === level && l.amount === want);
    if (hits.length === 1 && hits[0]) return head(hits[0]);
    if (hits.length > 1) return undefined;
  }
  return undefined;
}

/** Sentences of the final accounts that state a budget and its outturn. */
function statedExecution(final: Disclosure): StatedExecution[] {
  return final.claims.flatMap((c): StatedExecution[] => {
    if (c.budget === undefined || c.amount === undefined || !c.unit) return [];
    const printed = c.completion;
    const named = c.subject.kind === "other" ? subjectByAmount(final, c.amount, c.unit) : undefined;
    const code = c.subject.code ?? named?.key;
    return [
      {
        subject: named ? named.name : c.subject.label,
        ...(code ? { code } : {}),
        ...(c.subject.key ? { key: c.subject.key } : {}),
        budget: c.budget,
        final: c.amount,
        unit: c.unit,
        rate: percent(c.amount, c.budget),
        ...(printed !== undefined ? { printed } : {}),
        quote: c.quote,
        line: c.source.line,
        ...(c.source.page !== undefined ? { page: c.source.page } : {}),
      },
    ];
  });
}

/**
 * A budget against its final accounts: 执行率 (决算 / 预算) by functional
 * line for each table both print, the “三公” budget against the outturn,
 * and the budget/outturn pairs the final accounts' narrative states. With
 * no budget document, what the final accounts print of their own budget
 * (the 三公 table's 预算数, the narrative's 年初预算) is still compared.
 */
export function compareBudgetFinal(
  budget: Disclosure | undefined,
  final: Disclosure,
): BudgetVsFinal {
  const notes: string[] = [];
  if (budget) {
    if (budget.kind !== "budget") notes.push(`${documentRef(budget).label} 不是预算文档。`);
    if (budget.year !== final.year)
      notes.push(`预算是 ${budget.year} 年的，决算是 ${final.year} 年的：年度不同。`);
    if (entityKey(budget.entity) !== entityKey(final.entity))
      notes.push(`预算与决算的主体名称不同：${budget.entity.name}、${final.entity.name}。`);
    sameYearNote(budget, final, notes);
  } else {
    notes.push(
      "没有同年度的预算文档：只比较决算文档自己列出的预算数（“三公”经费表、说明中的年初预算）。",
    );
  }
  if (final.kind !== "final") notes.push(`${documentRef(final).label} 不是决算文档。`);
  const tables: ExecutionTable[] = [];
  for (const id of budget ? EXECUTION_TABLES : []) {
    const b = budget ? tableLines(budget, id) : undefined;
    const f = tableLines(final, id);
    if (!b || !f) continue;
    const unit = commonUnit([b.unit, f.unit]);
    const lines = unionLines([b, f])
      .filter((l) => l.keyKind !== "line" || l.key === "total")
      .map((l): ExecutionLine => {
        const planned = amountOf(b, l.key, unit);
        const spent = amountOf(f, l.key, unit);
        return {
          ...head(l),
          budget: planned,
          final: spent,
          difference: difference(planned, spent),
          rate: planned === null ? null : percent(spent ?? 0, planned),
        };
      });
    tables.push({
      table: id,
      name: TABLE_NAMES[id],
      unit,
      lines: lines.filter((l) => anyFigure([l.budget, l.final])),
    });
  }
  if (budget && tables.length === 0) notes.push("预算与决算没有共同的功能分类表。");
  const threePublic = threePublicExecution(budget, final);
  return {
    mode: "budget-final",
    entity: final.entity.name || budget?.entity.name || "",
    year: final.year,
    ...(budget ? { budget: documentRef(budget) } : {}),
    final: documentRef(final),
    tables,
    ...(threePublic ? { threePublic } : {}),
    stated: statedExecution(final),
    notes,
  };
}

/**
 * Units side by side and summed: every comparable table any of them prints,
 * one column per unit and their sum. Units of different years or kinds are
 * still set side by side, with a note: their sum is then only arithmetic.
 */
export function compareUnits(units: readonly Disclosure[]): UnitsSideBySide {
  const notes: string[] = [];
  const parents = new Set(units.map((u) => normaliseEntityName(u.entity.parent ?? "")));
  const parent = parents.size === 1 ? (units[0]?.entity.parent ?? null) : null;
  if (parents.size > 1) notes.push("这些单位不属于同一个主管部门。");
  const years = new Set(units.map((u) => u.year));
  const kinds = new Set(units.map((u) => u.kind));
  if (years.size > 1 || kinds.size > 1)
    notes.push(
      `各单位的年度或类型不同（${units.map((u) => documentRef(u).label).join("、")}）：合计只是数字相加，不是同一口径。`,
    );
  const tables: UnitsTable[] = [];
  for (const id of COMPARABLE_TABLES) {
    const each = units.map((u) => tableLines(u, id));
    if (each.every((l) => !l)) continue;
    const unit = commonUnit(each.flatMap((l) => (l ? [l.unit] : [])));
    const lines = unionLines(each).map((l): UnitsLine => {
      const values = each.map((t) => amountOf(t, l.key, unit));
      let sum = 0;
      for (const v of values) sum += v ?? 0;
      return { ...head(l), values, sum };
    });
    tables.push({
      table: id,
      name: TABLE_NAMES[id],
      unit,
      lines: lines.filter((l) => anyFigure(l.values)),
    });
  }
  return { mode: "units", parent, units: units.map(documentRef), tables, notes };
}
