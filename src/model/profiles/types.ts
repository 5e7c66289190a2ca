/**
 * What a disclosure profile says: which tables a discloser of a region and
 * kind of body publishes, in which order, under which official title — and,
 * for a region with a fill-in workbook of its own, that workbook's sheets,
 * titles, headers and columns. One module per region (national.ts,
 * shanghai-district.ts …); the checker, the template and the renderer read
 * them from here.
 */
import type { ColumnId, Entity, Kind, MoneyUnit, TableId } from "../schema.ts";

export type ProfileId = "national" | "shanghai_district" | "central_university";

/** 部门 or 单位: the Shanghai workbooks come in both versions. */
export type Level = NonNullable<Entity["level"]>;

/** A value for a 部门 and, where it differs, for a 单位. */
export interface ByLevel<T> {
  department: T;
  unit?: T;
}

/** The value for a level: the 单位 one where there is one, else the 部门 one. */
export function atLevel<T>(v: ByLevel<T>, level: Level | undefined): T {
  return level === "unit" && v.unit !== undefined ? v.unit : v.department;
}

/** A table of a profile's set, with the title the official template gives it. */
export interface ProfileTable {
  id: TableId;
  title: string;
  /** The title a 单位 (not a 部门) prints, where it differs. */
  unitTitle?: string;
  /** Published by some, not required of every discloser (the checker does not ask for it). */
  optional?: boolean;
}

/** One header cell of an official table, rows and columns from 0 at the header's top left. */
export interface WorkbookHeaderCell {
  row: number;
  col: number;
  text: string;
  rowSpan?: number;
  colSpan?: number;
}

/** A fixed line of a two-sided summary table, as the official form prints it. */
export interface WorkbookLine {
  key: string;
  label: string;
}

/** One table sheet of a region's official workbook. */
export interface WorkbookTable {
  id: TableId;
  /** Sheet name, by level (exactly as the official workbook spells it). */
  sheet: ByLevel<string>;
  /** Title without the year (the workbook prints “2026年” before it), by level. */
  title: ByLevel<string>;
  /**
   * summary: 收入 项目 | 预算数 ‖ 支出 项目 | amounts; code: classification
   * code in parts (类 | 款 | 项) | name | amounts; three_public: one row of
   * amounts.
   */
  shape: "summary" | "code" | "three_public";
  /** Header cells by level (the same for both when `unit` is absent). */
  header: ByLevel<readonly WorkbookHeaderCell[]>;
  /** Amount columns after the lead columns, in printed order; by level where they differ. */
  columns: ByLevel<readonly ColumnId[]>;
  /** code: how many code columns (类 款 项 = 3, 类 款 = 2) and which catalog. */
  codeParts?: 2 | 3;
  catalog?: "func" | "econ_dept";
  /** summary: the fixed income lines (key, printed label). */
  incomeLines?: readonly WorkbookLine[];
  /** summary: the footer line pair (收入总计 | 支出总计). */
  footer?: readonly [WorkbookLine, WorkbookLine];
  /** three_public: the row keys of the amount columns, in printed order. */
  lineColumns?: readonly string[];
  /** The unit the table is printed in. */
  unit: MoneyUnit;
  /** Columns the 编制部门/编制单位 cell spans (the unit “单位：元” is in the last column). */
  entitySpan: ByLevel<number>;
  /** Row of the title, of the 编制部门/单位 line and of the header's top (1-based, in the sheet). */
  titleRow: number;
  entityRow: number;
  headerRow: number;
  /** Column widths of the official sheet (characters). */
  widths: ByLevel<readonly number[]>;
}

/** A text sheet of the workbook (职能, 机构设置, 说明 …): a title and one merged text area. */
export interface WorkbookText {
  /** Sheet name by level; a text without a `unit` sheet is not in the 单位 workbook. */
  sheet: ByLevel<string>;
  /** Title in A1; “XX” stands for the entity's name, “YYYY” for the year. */
  title: ByLevel<string>;
  /** Which text of the render input it holds (none: boilerplate the region fills itself). */
  text?: "duties" | "organisation" | "other" | "explanation" | "glossary" | "projects";
}

/** A region's fill-in workbook: its sheets in order. */
export interface RegionalWorkbook {
  kind: Kind;
  /** Sheets in the official order: the cover, the contents, texts and tables. */
  sheets: readonly (
    | { type: "cover" }
    | { type: "contents" }
    | { type: "text"; text: WorkbookText }
    | { type: "table"; table: WorkbookTable }
  )[];
}

export interface DisclosureProfile {
  id: ProfileId;
  /** The name a user types (`--profile shanghai-district`). */
  option: string;
  /** The profile's name, in Chinese. */
  name: string;
  /** Where the set comes from. */
  basis: string;
  /** The tables by kind, in the template's order (required unless marked optional). */
  tables: Record<Kind, readonly ProfileTable[]>;
  /** The region's own fill-in workbook, where it has one (by kind). */
  workbook?: Partial<Record<Kind, RegionalWorkbook>>;
}
