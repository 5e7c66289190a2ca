/**
 * A neutral grid of one table, the way it is printed: title, number, unit
 * line, header cells with their spans, and body cells as printed text. Every
 * renderer (HTML, PDF, XLSX, DOCX) draws this grid and nothing else, so all
 * formats print the same table.
 *
 * Code and name are separate columns (科目编码 | 科目名称), codes unbroken, so
 * that our own recognition reads every row back by its code.
 */

import { TABLE_NAMES } from "../../model/labels.ts";
import type { ProfileId } from "../../model/profiles.ts";
import type { Disclosure, Kind, Table, TableId } from "../../model/schema.ts";
import { dataStatesAbsence } from "../absence.ts";
import { completeDisclosure } from "../complete.ts";
import { blocksGrid } from "./blocks.ts";
import type { Grid, GridParts } from "./cells.ts";
import { codeGrid } from "./code.ts";
import { needsLandscape } from "./fit.ts";
import { layoutsFor, type TableLayout } from "./layouts.ts";
import { regionalGrid, regionalLines } from "./regional.ts";
import { summaryGrid } from "./summary.ts";
import { threePublicGrid } from "./three-public.ts";

export {
  type BodyCell,
  type CellAlign,
  chineseNumber,
  type Grid,
  type HeaderCell,
} from "./cells.ts";

/** 空表说明 in the template's words, from what the table would show. */
export function emptyNoteFor(id: TableId, d: Disclosure, table?: Table): string {
  const who = `${d.entity.name}${d.year}年度`;
  const fin = d.kind === "final";
  const what: Partial<Record<TableId, string>> = {
    gov_fund: fin ? "政府性基金预算财政拨款收入和支出" : "使用政府性基金预算拨款安排的支出",
    state_capital: fin
      ? "国有资本经营预算财政拨款收入和支出"
      : "使用国有资本经营预算拨款安排的支出",
    projects: "项目支出",
    procurement: "政府采购预算",
    gpb_project_economic: "一般公共预算财政拨款项目支出",
    income: "收入",
    expenditure: "支出",
    summary: "收入和支出",
    fiscal_summary: "财政拨款收入和支出",
    gpb_function: fin ? "一般公共预算财政拨款支出" : "使用一般公共预算拨款安排的支出",
    gpb_economic: "使用一般公共预算拨款安排的支出",
    gpb_basic_function: "一般公共预算基本支出",
    gpb_basic_economic: fin ? "一般公共预算财政拨款基本支出" : "一般公共预算基本支出",
    carryover: "财政拨款结转资金支出",
    assets: "国有资产",
  };
  const pending = `说明：本表数据【待填写：${(what[id] ?? "相关收支").replace(/^使用/, "")}明细】。`;
  if (dataStatesAbsence(id, d, table))
    return `说明：${who}没有${what[id] ?? "相关收支"}，故本表无数据。`;
  return pending;
}

export interface GridContext {
  disclosure: Disclosure;
  /** 1-based position of the table in the document (for 表N / 公开NN表). */
  index: number;
}

export function tableNumber(kind: Kind, index: number): string {
  return kind === "final" ? `公开${String(index).padStart(2, "0")}表` : `表${index}`;
}

/** The grid of one table in its official layout (table undefined = not in the data). */
export function buildGrid(layout: TableLayout, table: Table | undefined, ctx: GridContext): Grid {
  const d = ctx.disclosure;
  // A data table that does not fit the official layout keeps its own shape.
  let parts: GridParts;
  if (layout.regional) parts = regionalGrid(layout.regional.table, layout.regional.level, table, d);
  else if (layout.layout === "summary") parts = summaryGrid(layout, table, d);
  else if (layout.layout === "three_public") parts = threePublicGrid(table, d);
  else if (layout.layout === "blocks" && (!table || table.columns.every((c) => c.id === "amount")))
    parts = blocksGrid(layout, table, d);
  else parts = codeGrid(layout, table, d);
  const grid: Grid = {
    id: layout.id,
    kind: d.kind,
    number: tableNumber(d.kind, ctx.index),
    title: layout.title,
    entityLine: `${d.kind === "final" ? "部门" : "部门/单位"}：${d.entity.name}`,
    unitLine: `单位：${table?.unit ?? d.unit}`,
    unit: table?.unit ?? d.unit,
    ...parts,
    landscape:
      parts.width > 8 ||
      (layout.layout === "summary" && parts.width > 4) ||
      // Long project codes (42130322032R000000161) need the width of a landscape page.
      (parts.width > 5 && parts.body.some((r) => (r[0]?.text.length ?? 0) > 14)),
    // A regional table prints its workbook's title (with the year), 编制部门 and unit lines.
    ...(layout.regional
      ? regionalLines(layout.regional.table, layout.regional.level, layout.title, table, d)
      : {}),
  };
  // A table whose amounts, codes and names do not fit a portrait page at 8 pt goes landscape.
  if (!grid.landscape && needsLandscape(grid)) grid.landscape = true;
  if (parts.empty) grid.emptyNote = emptyNoteFor(layout.id, d, table);
  if (layout.note) grid.note = layout.note;
  return grid;
}

/**
 * Every table of the document in official order: the standard tables of the
 * kind (empty ones too), the data's other tables in their place. The first
 * table of an id is the standard one.
 */
export function documentGrids(disclosure: Disclosure, profile?: ProfileId): Grid[] {
  // What the figures determine is filled in first (idempotent; see complete.ts).
  const d = completeDisclosure(disclosure);
  const first = new Map<TableId, Table>();
  for (const t of d.tables) if (!first.has(t.id)) first.set(t.id, t);
  const grids: Grid[] = [];
  for (const layout of layoutsFor(d.kind, profile, d.entity.level)) {
    const table = first.get(layout.id);
    if (!layout.standard && (!table || table.empty)) continue;
    grids.push(buildGrid(layout, table, { disclosure: d, index: grids.length + 1 }));
  }
  // The data's tables that no layout of the document has (Jiangsu's 财政拨款支出表,
  // 机关运行经费表 …) are printed too, after the standard ones, in their own
  // title and columns: a fact the source printed is never dropped.
  const laid = new Set(layoutsFor(d.kind, profile, d.entity.level).map((l) => l.id));
  for (const [id, table] of first) {
    if (laid.has(id) || table.empty || UNPRINTED.has(id) || !table.rows.length) continue;
    const layout: TableLayout = {
      id,
      kind: d.kind,
      layout: "code",
      title: table.title || TABLE_NAMES[id],
      columns: table.columns.map((c) => c.id),
      standard: false,
    };
    grids.push(buildGrid(layout, table, { disclosure: d, index: grids.length + 1 }));
  }
  return grids;
}

/** Tables that are not figures by line: 绩效目标表 (text) and tables of unknown shape. */
const UNPRINTED: ReadonlySet<TableId> = new Set(["performance", "other"]);

/** The layout of a table id in a kind of document. */
export function layoutOf(kind: Kind, id: TableId): TableLayout | undefined {
  return layoutsFor(kind).find((l) => l.id === id);
}
