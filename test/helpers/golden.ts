/** Golden facts (shared/golden/README.md) and the one comparison every test uses. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FactsDocument } from "../../src/model/facts.ts";
import { convertAmount, parseAmount } from "../../src/model/money.ts";
import { GOLDEN_DIR } from "./seeds.ts";

export interface GoldenFact {
  table: string;
  key: string;
  column: string;
  value: string;
  unit?: "元" | "万元";
}

export interface Golden {
  document: string;
  kind: "budget" | "final";
  year: number;
  entity: string;
  parent: string | null;
  currency_unit: "元" | "万元";
  facts: GoldenFact[];
}

/** A golden file: by name under shared/golden, or by a path. */
export function loadGolden(file: string): Golden {
  const path = file.includes("/") ? file : join(GOLDEN_DIR, file);
  return JSON.parse(readFileSync(path, "utf8")) as Golden;
}

/**
 * Document facts and golden facts not recovered with the exact value, each
 * as a Chinese line; empty when the extraction has every one. A fact in
 * another unit also counts when converted to the golden's unit.
 */
export function missingGoldenFacts(golden: Golden, facts: FactsDocument): string[] {
  const got = new Map(facts.facts.map((f) => [`${f.table}|${f.key}|${f.column}`, f]));
  const missing: string[] = [];
  for (const k of ["kind", "year", "entity", "parent", "currency_unit"] as const) {
    const want = golden[k];
    const have = facts[k];
    if (want !== have) missing.push(`${k}: 应为 ${want}，得到 ${have}`);
  }
  for (const g of golden.facts) {
    const f = got.get(`${g.table}|${g.key}|${g.column}`);
    const want = parseAmount(g.value);
    let value = f ? parseAmount(f.value) : undefined;
    if (f && g.unit && f.unit !== g.unit && value !== undefined && f.unit)
      value = convertAmount(value, f.unit, g.unit).value;
    if (value === undefined || value !== want)
      missing.push(`${g.table} ${g.key} ${g.column}: 应为 ${g.value}，得到 ${f?.value}`);
  }
  return missing;
}

// ------------------------------------------------------------ wrong and extra

/**
 * Line keys and columns the golden format names (shared/golden/README.md).
 * A golden file can only list a cell it has ids for: a line key or column
 * outside these, and not used by the golden file itself either, is a cell
 * the file cannot list, so it is not scored. Classification codes and
 * project keys are always ids.
 */
const GOLDEN_LINE_KEYS: ReadonlySet<string> = new Set([
  ...[
    "gpb",
    "gov_fund",
    "state_capital",
    "fiscal_special",
    "business",
    "operating",
    "superior",
    "affiliated",
    "other",
    "total",
    "carryover",
    "grand_total",
  ].map((k) => `income.${k}`),
  "expenditure.total",
  "expenditure.carryover",
  "expenditure.grand_total",
  "total",
  "personnel_total",
  "public_total",
  ...["total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"].map(
    (k) => `three_public.${k}`,
  ),
]);
const GOLDEN_LINE_KEY_PATTERN = /^expenditure\.(?:function|economic|gov_economic)\.\d{3}$/;
const GOLDEN_COLUMNS: ReadonlySet<string> = new Set([
  "amount",
  "total",
  "basic",
  "project",
  "personnel",
  "public",
  "fiscal",
  "gpb",
  "gov_fund",
  "state_capital",
  "budget",
  "final",
]);

/** A line key (a row without a classification or project code): income.gpb, total, … */
function isLineKey(key: string): boolean {
  return key.includes(".") || key === "total" || key.endsWith("_total");
}

export interface WrongFact {
  /** "extra": a non-zero cell the golden file does not list; "differs": a listed cell with another value. */
  kind: "extra" | "differs";
  table: string;
  key: string;
  name?: string;
  column: string;
  value: string;
  /** The golden value, for "differs". */
  expected?: string;
}

/** `table|key|column`, as allow-lists name a cell. */
export const cellId = (f: { table: string; key: string; column: string }): string =>
  `${f.table}|${f.key}|${f.column}`;

/**
 * Cells the extraction has wrong in the tables a golden file covers (the
 * table ids it has facts for): a non-zero fact whose row and column the
 * golden file does not list ("extra": golden files list every non-zero cell
 * of the tables they cover, so an unlisted non-zero cell is an invented row,
 * a column read as another or an amount in the wrong place), and a listed
 * cell whose value differs ("differs"). Cells the golden format has no id
 * for (GOLDEN_LINE_KEYS, GOLDEN_COLUMNS) are not scored unless the file uses
 * that id itself.
 */
export function wrongGoldenFacts(golden: Golden, facts: FactsDocument): WrongFact[] {
  const want = new Map(golden.facts.map((g) => [cellId(g), g]));
  const covered = new Set(golden.facts.map((g) => g.table));
  const usedKeys = new Set(golden.facts.map((g) => g.key));
  const usedColumns = new Set(golden.facts.map((g) => g.column));
  const wrong: WrongFact[] = [];
  for (const f of facts.facts) {
    if (!covered.has(f.table)) continue;
    const value = parseAmount(f.value);
    const g = want.get(cellId(f));
    const base = { table: f.table, key: f.key, column: f.column, value: f.value };
    const named = f.name ? { ...base, name: f.name } : base;
    if (!g) {
      const keyNamed =
        !isLineKey(f.key) ||
        GOLDEN_LINE_KEYS.has(f.key) ||
        GOLDEN_LINE_KEY_PATTERN.test(f.key) ||
        usedKeys.has(f.key);
      const columnNamed = GOLDEN_COLUMNS.has(f.column) || usedColumns.has(f.column);
      if (keyNamed && columnNamed && value !== undefined && value !== 0)
        wrong.push({ kind: "extra", ...named });
      continue;
    }
    let got = value;
    if (g.unit && f.unit && f.unit !== g.unit && got !== undefined)
      got = convertAmount(got, f.unit, g.unit).value;
    if (got !== parseAmount(g.value)) wrong.push({ kind: "differs", ...named, expected: g.value });
  }
  return wrong;
}

/** One wrong cell as a Chinese line. */
export function describeWrongFact(w: WrongFact): string {
  const row = w.name ? `${w.key}（${w.name}）` : w.key;
  return w.kind === "extra"
    ? `多出 ${w.table} ${row} ${w.column}: ${w.value}（金标准未列出的非零单元格）`
    : `不符 ${w.table} ${row} ${w.column}: 应为 ${w.expected}，得到 ${w.value}`;
}

export interface GoldenReport {
  /** Document facts and golden cells not recovered with the exact value (missingGoldenFacts). */
  missing: string[];
  /** Extra non-zero cells in covered tables that no allowance explains. */
  extra: string[];
  /** Allowances that no longer match an extra cell: the list must shrink with the fixes. */
  unusedAllowances: string[];
}

/**
 * The whole comparison of an extraction with a golden file: missing and
 * differing cells, and extra ones except those an allow-list (cellId →
 * reason) names. Differing cells are reported once, under `missing`.
 */
export function goldenReport(
  golden: Golden,
  facts: FactsDocument,
  allowed: Readonly<Record<string, string>> = {},
): GoldenReport {
  const extras = wrongGoldenFacts(golden, facts).filter((w) => w.kind === "extra");
  const seen = new Set(extras.map(cellId));
  return {
    missing: missingGoldenFacts(golden, facts),
    extra: extras.filter((w) => !(cellId(w) in allowed)).map(describeWrongFact),
    unusedAllowances: Object.keys(allowed)
      .filter((id) => !seen.has(id))
      .map((id) => `${id}: 已不再多出，请从允许列表中删去（${allowed[id]}）`),
  };
}
