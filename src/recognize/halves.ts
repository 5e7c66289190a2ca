/**
 * A disclosure published as two files (Jiangsu's provincial departments put
 * the 说明 in one PDF and the 公开表 in another): which half a recognised file
 * holds, decided from what was recognised in it, never from its file name.
 */
import type { Claim, Half, Section, Table } from "../model/schema.ts";
import { compact } from "./normalize.ts";

/** Tables that carry the disclosure's figures (not kept-as-printed or 绩效 tables). */
export function moneyTables(tables: readonly Table[]): Table[] {
  return tables.filter((t) => t.id !== "other" && t.id !== "performance");
}

/** A heading that only names a table (a 目录 entry or a table's own caption). */
function namesTable(s: Section): boolean {
  return /表$/.test(compact(s.heading));
}

/** Sections with text of their own that is not a table's caption. */
function narrativeSections(sections: readonly Section[]): Section[] {
  return sections.filter((s) => !namesTable(s) && compact(s.text).length > 0);
}

/**
 * Enough standard tables to be a disclosure's table set: a tables half prints
 * most of the 8–12 tables, a stray table in a narrative is one or two.
 */
const TABLES_HALF_MIN = 3;
/** Enough narrative to be a disclosure's 说明 (a cover page and a 目录 are not). */
const NARRATIVE_HALF_MIN_CLAIMS = 5;
const NARRATIVE_HALF_MIN_SECTIONS = 3;

/**
 * "tables" when the file has the standard tables and no narrative to speak
 * of, "narrative" when it has the 说明 and no standard table, undefined for a
 * whole disclosure (or a file too thin to tell).
 */
export function halfOf(parts: {
  tables: readonly Table[];
  sections: readonly Section[];
  claims: readonly Claim[];
}): Half | undefined {
  // A title with nothing under it (a 目录 line before a page number) is no table.
  const tables = moneyTables(parts.tables).filter((t) => t.rows.length > 0 || t.emptyNote);
  const narrative = narrativeSections(parts.sections);
  if (tables.length >= TABLES_HALF_MIN && narrative.length === 0 && parts.claims.length < 3) {
    return "tables";
  }
  if (
    tables.length === 0 &&
    narrative.length >= NARRATIVE_HALF_MIN_SECTIONS &&
    parts.claims.length >= NARRATIVE_HALF_MIN_CLAIMS
  ) {
    return "narrative";
  }
  return undefined;
}
