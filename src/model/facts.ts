/**
 * The golden-facts view of a Disclosure (shared/golden/README.md): one fact
 * per cell that has a canonical table, key and column id, so that any tool
 * can score an extraction against hand-checked facts.
 */

import { TABLE_NAMES } from "./labels.ts";
import { formatAmount } from "./money.ts";
import type { Disclosure, MoneyUnit, TableId } from "./schema.ts";

export interface Fact {
  table: TableId;
  key: string;
  name?: string;
  column: string;
  value: string;
  unit?: MoneyUnit;
}

export interface FactsDocument {
  document?: string;
  kind: Disclosure["kind"];
  year: number;
  entity: string;
  parent: string | null;
  currency_unit: MoneyUnit;
  facts: Fact[];
}

/** Table ids of ours that the golden format has no id for. */
const NOT_IN_GOLDEN: ReadonlySet<TableId> = new Set([
  "procurement",
  "carryover",
  "performance",
  "other",
]);
const GOLDEN_TABLES: ReadonlySet<TableId> = new Set(
  // Every table id (TABLE_NAMES is keyed by them; reading it does not load zod).
  (Object.keys(TABLE_NAMES) as TableId[]).filter((id) => !NOT_IN_GOLDEN.has(id)),
);

export function toFacts(d: Disclosure): FactsDocument {
  const facts: Fact[] = [];
  const done = new Set<TableId>();
  for (const table of d.tables) {
    // The first table of an id is the standard one; a second (公开10 and 公开11 both
    // carry 三公) would give the same ids twice.
    if (!GOLDEN_TABLES.has(table.id) || done.has(table.id)) continue;
    done.add(table.id);
    for (const row of table.rows) {
      if (row.key.includes("#")) continue;
      for (const [column, cell] of Object.entries(row.cells)) {
        const fact: Fact = {
          table: table.id,
          key: row.key,
          column,
          value:
            cell.amount === null || cell.amount === 0
              ? "0"
              : formatAmount(cell.amount, { fixed: true }),
        };
        if (row.keyKind !== "line" && row.name) fact.name = row.name;
        if (table.unit !== d.unit) fact.unit = table.unit;
        facts.push(fact);
      }
    }
  }
  const out: FactsDocument = {
    kind: d.kind,
    year: d.year,
    entity: d.entity.name,
    parent: d.entity.parent,
    currency_unit: d.unit,
    facts,
  };
  if (d.source.file) out.document = d.source.file;
  return out;
}
