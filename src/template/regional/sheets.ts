/**
 * What the writer and the reader of a regional workbook share: which
 * workbook (profile, kind, level) a list of sheet names is, where a table's
 * data starts, and the fixed texts of the cover and the 目录.
 */
import {
  atLevel,
  type DisclosureProfile,
  type Level,
  PROFILES,
  type RegionalWorkbook,
  type WorkbookTable,
} from "../../model/profiles.ts";
import type { Kind } from "../../model/schema.ts";

export interface RegionalShape {
  profile: DisclosureProfile;
  kind: Kind;
  workbook: RegionalWorkbook;
  level: Level;
}

export function workbookTables(w: RegionalWorkbook): WorkbookTable[] {
  return w.sheets.flatMap((s) => (s.type === "table" ? [s.table] : []));
}

/** Sheet names compared as Excel users see them (a trailing space is invisible). */
export function sameSheet(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

/**
 * The regional workbook whose table sheets are all in a list of sheet names
 * (a filled official workbook, whoever made it), or undefined.
 */
export function regionalShapeOf(sheetNames: readonly string[]): RegionalShape | undefined {
  for (const profile of PROFILES)
    for (const [kind, workbook] of Object.entries(profile.workbook ?? {}) as [
      Kind,
      RegionalWorkbook,
    ][])
      for (const level of ["department", "unit"] as const) {
        const tables = workbookTables(workbook);
        if (tables.every((t) => sheetNames.some((n) => sameSheet(n, atLevel(t.sheet, level)))))
          return { profile, kind, workbook, level };
      }
  return undefined;
}

/** Header rows of a table for a level. */
export function headerHeight(t: WorkbookTable, level: Level): number {
  return Math.max(...atLevel(t.header, level).map((h) => h.row + (h.rowSpan ?? 1)));
}

/** First data row of a table sheet (1-based). */
export function firstDataRow(t: WorkbookTable, level: Level): number {
  return t.headerRow + headerHeight(t, level);
}

/** Columns of a table sheet: lead (code parts and name, or 项目 | 预算数 | 项目) and amounts. */
export function leadColumns(t: WorkbookTable): number {
  if (t.shape === "code") return (t.codeParts ?? 3) + 1;
  if (t.shape === "summary") return 3;
  return 0;
}

export function sheetWidth(t: WorkbookTable, level: Level): number {
  return (
    leadColumns(t) +
    (t.shape === "three_public" ? (t.lineColumns?.length ?? 0) : atLevel(t.columns, level).length)
  );
}

/** “编制部门：” / “编制单位：” */
export function entityWord(level: Level): string {
  return level === "unit" ? "编制单位：" : "编制部门：";
}

/** The district in an entity's name (上海市普陀区财政局 → 上海市普陀区), or the template's XX. */
export function districtOf(name: string): string {
  return /^(上海市?[^市区，。\s]{1,6}区)/u.exec(name)?.[1] ?? "上海市XX区";
}

export function budgetWord(level: Level): string {
  return level === "unit" ? "单位预算" : "部门预算";
}
