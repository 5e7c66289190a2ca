/**
 * Which comparisons a set of documents asks for, when the caller does not
 * say: a budget and the final accounts of the same entity and year → 执行率;
 * one entity in several years → year over year; units of one department →
 * side by side. What is left is compared as well as it can be.
 */
import type { Disclosure } from "../model/schema.ts";
import { type Comparison, compareBudgetFinal, compareUnits, compareYears } from "./compare.ts";
import { joinParts } from "./documents.ts";
import { entityKey, normaliseEntityName } from "./entity.ts";

export const COMPARE_MODES = ["auto", "yoy", "budget-final", "units"] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

function byYear(a: Disclosure, b: Disclosure): number {
  return a.year - b.year;
}

/** Group by a key, keeping first-seen order. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  return [...groups.values()];
}

/** Consecutive pairs of one entity's documents of one kind, by year. */
function yearPairs(docs: readonly Disclosure[]): Comparison[] {
  const out: Comparison[] = [];
  for (const kind of groupBy(docs, (d) => d.kind)) {
    const sorted = [...kind].sort(byYear);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1] as Disclosure;
      const b = sorted[i] as Disclosure;
      if (a.year !== b.year) out.push(compareYears(a, b));
    }
  }
  return out;
}

/** A budget and the final accounts of each year one entity has both of. */
function budgetFinalPairs(docs: readonly Disclosure[]): Comparison[] {
  const out: Comparison[] = [];
  for (const final of docs.filter((d) => d.kind === "final")) {
    const budget = docs.find((d) => d.kind === "budget" && d.year === final.year);
    out.push(compareBudgetFinal(budget, final));
  }
  return out;
}

/**
 * The comparisons `docs` call for. In a fixed mode every document takes
 * part as that mode wants: yoy pairs each entity's consecutive years,
 * budget-final each final with its budget, units sets them all side by side.
 */
export function planComparisons(
  input: readonly Disclosure[],
  mode: CompareMode = "auto",
): Comparison[] {
  const docs = joinParts(input);
  if (mode === "units") return docs.length > 0 ? [compareUnits(docs)] : [];
  const entities = groupBy(docs, (d) => entityKey(d.entity) || `#${docs.indexOf(d)}`);
  if (mode === "yoy") return entities.flatMap(yearPairs);
  if (mode === "budget-final") return entities.flatMap(budgetFinalPairs);

  const out: Comparison[] = [];
  const single: Disclosure[] = [];
  for (const group of entities) {
    const pairs = [
      ...budgetFinalPairs(group).filter((c) => c.mode === "budget-final" && c.budget),
      ...yearPairs(group),
    ];
    if (pairs.length > 0) out.push(...pairs);
    else single.push(...group);
  }
  // Entities with one document each: units of a common department side by side.
  for (const units of groupBy(single, (d) => normaliseEntityName(d.entity.parent ?? ""))) {
    const parent = units[0]?.entity.parent;
    if (units.length > 1 && parent) out.push(compareUnits(units));
    else
      for (const d of units) {
        // A lone final accounts document still compares with the budget it prints.
        if (d.kind === "final") out.push(compareBudgetFinal(undefined, d));
      }
  }
  // Nothing else to do with several documents: set them side by side.
  if (out.length === 0 && docs.length > 1) out.push(compareUnits(docs));
  return out;
}
