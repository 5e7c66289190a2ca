/**
 * Tables printed without a 科目编码 column: many county and township
 * disclosures list the 功能/经济分类 by name alone, the level shown by
 * indentation or not at all. Read as labels, such a table takes part in no
 * sum by level and in no comparison by code, and says nothing about it.
 *
 * The names themselves are the codes' evidence: a 类 name is unique, a 款 name
 * is unique within its 类 and a 项 name within its 款, so walking the rows in
 * order (the 项 under the last 款, the 款 under the last 类) resolves each one.
 * The codes are kept only when every named row resolves, each to a code of
 * its own; one name that does not resolve leaves the whole table as printed,
 * with a reading note, because a half-coded table would make sums by level
 * look broken where the document is not.
 */

import { type CatalogEntry, type CatalogKind, findByName } from "../../catalog/index.ts";
import type { Row, Table } from "../../model/schema.ts";
import { ECONOMIC_TABLES, FUNCTIONAL_TABLES } from "../../model/vocabulary.ts";
import type { BuildContext } from "./common.ts";

/** The one entry a name points to at the first level the walk allows, if any. */
function resolveInOrder(
  name: string,
  year: number,
  kind: CatalogKind,
  at: { lei?: string; kuan?: string },
): CatalogEntry | undefined {
  const tries: { level?: 1 | 2 | 3; parent?: string }[] = [];
  if (at.kuan) tries.push({ level: 3, parent: at.kuan });
  if (at.lei) tries.push({ level: 2, parent: at.lei });
  tries.push({ level: 1 });
  for (const t of tries) {
    const found = findByName(name, year, { kind, ...t });
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  // A 款 or 项 printed without its 类 above it: only a name unique in the
  // whole catalog of that kind says which one.
  const anywhere = findByName(name, year, { kind });
  return anywhere.length === 1 ? anywhere[0] : undefined;
}

/** Codes for every label row in order, or the first name that has none. */
function walk(
  rows: Row[],
  year: number,
  kind: CatalogKind,
): { codes: Map<Row, CatalogEntry> } | { unresolved: string } {
  const codes = new Map<Row, CatalogEntry>();
  const taken = new Set<string>();
  const at: { lei?: string; kuan?: string } = {};
  for (const row of rows) {
    if (row.keyKind !== "label") continue;
    const entry = resolveInOrder(row.name, year, kind, at);
    if (!entry || taken.has(entry.code)) return { unresolved: row.name };
    taken.add(entry.code);
    codes.set(row, entry);
    if (entry.level === 1) {
      at.lei = entry.code;
      delete at.kuan;
    } else if (entry.level === 2) {
      at.kuan = entry.code;
      at.lei = entry.parent ?? entry.code.slice(0, 3);
    }
  }
  return { codes };
}

/**
 * Give codes to the rows of a classification table that prints none. Does
 * nothing to a table with a printed code anywhere, or with fewer than two
 * named rows.
 */
export function inferCodesByName(rows: Row[], table: Table, ctx: BuildContext): void {
  // Tables whose rows are 科目 (not 政府采购 categories, assets or projects).
  if (!FUNCTIONAL_TABLES.has(table.id) && !ECONOMIC_TABLES.has(table.id)) return;
  if (rows.some((r) => r.keyKind !== "label" && r.keyKind !== "line")) return;
  const named = rows.filter((r) => r.keyKind === "label");
  if (named.length < 2) return;
  const kinds: CatalogKind[] = ECONOMIC_TABLES.has(table.id) ? ["econ_dept", "econ_gov"] : ["func"];
  let firstGap: string | undefined;
  for (const kind of kinds) {
    const result = walk(rows, ctx.year, kind);
    if ("unresolved" in result) {
      firstGap ??= result.unresolved;
      continue;
    }
    for (const [row, entry] of result.codes) {
      row.key = entry.code;
      row.keyKind = kind;
      row.level = entry.level;
    }
    ctx.issues.push({
      code: "code.inferred",
      message: `${table.title}未印科目编码：${result.codes.size} 行按科目名称和层级对应到 ${ctx.year} 年政府收支分类科目`,
      table: table.id,
    });
    return;
  }
  // Names alone, and one of them is no 科目 of the year (a unit, a project, a
  // local name): the table stays as printed and says why.
  if (named.filter((r) => findByName(r.name, ctx.year).length > 0).length >= 2) {
    ctx.issues.push({
      code: "code.absent",
      message: `${table.title}未印科目编码，“${firstGap}”不能按名称对应到 ${ctx.year} 年政府收支分类科目，本表各行未按科目层级核对`,
      table: table.id,
    });
  }
}
