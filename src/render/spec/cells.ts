/**
 * The pieces every grid is made of: header and body cells, the Grid itself,
 * and the helpers that print amounts, names and codes the way tables do.
 */
import { formatAmountGrouped } from "../../model/money.ts";
import type { Kind, MoneyUnit, Row, TableId } from "../../model/schema.ts";

export interface HeaderCell {
  row: number;
  col: number;
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export type CellAlign = "left" | "center" | "right";

export interface BodyCell {
  text: string;
  align: CellAlign;
  /** The amount in hundredths of the table unit, for amount cells (null = printed blank). */
  amount?: number | null;
  /** Indent steps of a name (类 0, 款 1, 项 2). */
  indent?: number;
  /** A total line (合计, 本年收入合计, 总计 …). */
  bold?: boolean;
}

export interface Grid {
  id: TableId;
  kind: Kind;
  /** 表1 / 公开01表 */
  number: string;
  title: string;
  /** 部门：… / 部门/单位：… */
  entityLine: string;
  /** 单位：万元 */
  unitLine: string;
  unit: MoneyUnit;
  width: number;
  headerRows: number;
  header: HeaderCell[];
  body: BodyCell[][];
  /** Relative column widths (any scale). */
  widths: number[];
  /** Wide tables print on landscape pages. */
  landscape: boolean;
  /** The table has no data (printed with its 空表说明). */
  empty: boolean;
  /** 空表说明, for an empty table. */
  emptyNote?: string;
  /** The 注 line of the official template. */
  note?: string;
}

const CN_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 1 → 一, 12 → 十二, 21 → 二十一 (the ordinals summary tables print). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUM[n] ?? String(n);
  if (n < 20) return `十${CN_NUM[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CN_NUM[tens]}十${CN_NUM[ones]}`;
}

export function money(amount: number | null | undefined): BodyCell {
  if (amount === null || amount === undefined) return { text: "", align: "right", amount: null };
  return { text: formatAmountGrouped(amount), align: "right", amount };
}

export function text(t: string, extra: Partial<BodyCell> = {}): BodyCell {
  return { text: t, align: "left", ...extra };
}

export function blank(): BodyCell {
  return { text: "", align: "left" };
}

export function cellAmount(row: Row | undefined, ...cols: string[]): number | null | undefined {
  if (!row) return undefined;
  for (const c of cols) {
    const cell = row.cells[c];
    if (cell) return cell.amount;
  }
  return undefined;
}

/** The catalog year nearest to the document's (the catalog covers 2017–2025). */
export function catalogYear(year: number): number {
  return Math.min(2025, Math.max(2017, year));
}

/** The body of a grid as one layout builds it (buildGrid adds title, unit and notes). */
export interface GridParts {
  width: number;
  headerRows: number;
  header: HeaderCell[];
  body: BodyCell[][];
  widths: number[];
  empty: boolean;
}

export function codeOf(row: Row): string {
  if (row.keyKind === "line" || row.keyKind === "label") return "";
  return row.key.replace(/#\d+$/, "");
}
