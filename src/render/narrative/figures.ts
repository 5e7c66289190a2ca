/**
 * The figures the narrative states, read from the tables (never typed in):
 * totals of the summary tables, 基本支出 / 项目支出, the functional and
 * economic lines of the 一般公共预算 tables, the “三公” items. Each figure
 * keeps the unit of the table it comes from.
 */
import type { Disclosure, MoneyUnit, Row, Table, TableId } from "../../model/schema.ts";
import { isCodeKind } from "../../model/vocabulary.ts";
import type { RenderInput } from "../input.ts";
import { toUnit } from "./format.ts";

export interface Figure {
  value: number;
  unit: MoneyUnit;
}

export function tableOf(d: Disclosure, id: TableId): Table | undefined {
  return d.tables.find((t) => t.id === id);
}

export function rowOf(t: Table | undefined, key: string): Row | undefined {
  return t?.rows.find((r) => r.key === key);
}

/** A cell's amount (first of the columns that the row has); blank reads as 0. */
export function cellOf(row: Row | undefined, ...cols: string[]): number | undefined {
  if (!row) return undefined;
  for (const c of cols) {
    const cell = row.cells[c];
    if (cell) return cell.amount ?? 0;
  }
  return undefined;
}

export function figure(t: Table | undefined, key: string, ...cols: string[]): Figure | undefined {
  const v = cellOf(rowOf(t, key), ...cols);
  return v === undefined || !t ? undefined : { value: v, unit: t.unit };
}

/** Last year's figure for a line key, in the unit asked for. */
export function priorOf(input: RenderInput, key: string, unit: MoneyUnit): number | undefined {
  const p = input.prior;
  const v = p?.lines?.[key];
  if (v === undefined || !p) return undefined;
  return toUnit(v, p.unit ?? input.disclosure.unit, unit);
}

/** A figure of the year that no table carries (figures.*), in the unit asked for. */
export function extraOf(
  input: RenderInput,
  v: number | undefined,
  unit: MoneyUnit,
): number | undefined {
  if (v === undefined) return undefined;
  return toUnit(v, input.figures?.unit ?? input.disclosure.unit, unit);
}

/** Rows of a classification table at a level, in code order. */
export function levelRows(t: Table | undefined, level: 1 | 2 | 3): Row[] {
  if (!t || t.empty) return [];
  return t.rows
    .filter((r) => r.level === level && isCodeKind(r.keyKind))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** The 合计 of a classification table: its total row, else the sum of its 类. */
export function tableTotal(t: Table | undefined, col: string): number | undefined {
  if (!t || t.empty || !t.rows.some((r) => r.cells[col])) return undefined;
  const total = cellOf(rowOf(t, "total"), col);
  if (total !== undefined) return total;
  const top = levelRows(t, 1);
  if (!top.length) return undefined;
  let s = 0;
  for (const r of top) s += cellOf(r, col) ?? 0;
  return s;
}

export const THREE_PUBLIC_ITEMS = [
  { key: "three_public.abroad", name: "因公出国（境）费" },
  { key: "three_public.vehicle", name: "公务用车购置及运行维护费" },
  { key: "three_public.reception", name: "公务接待费" },
] as const;

export const VEHICLE_PARTS = [
  { key: "three_public.vehicle_purchase", name: "公务用车购置费" },
  { key: "three_public.vehicle_operation", name: "公务用车运行维护费" },
] as const;
