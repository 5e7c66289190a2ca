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
