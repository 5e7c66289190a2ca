/**
 * Build a Table from a region: choose the builder for the table's shape.
 */
import type { Kind, Table } from "../../model/schema.ts";
import { INCOME_SOURCE_COLUMNS } from "../../model/vocabulary.ts";
import type { Region } from "../segment.ts";
import { buildClassificationTable } from "./classification.ts";
import { type BuildContext, provenance } from "./common.ts";
import { buildOtherTable } from "./other.ts";
import { buildProjectsTable } from "./projects.ts";
import { buildSummaryTable } from "./summary.ts";
import { buildThreePublicTable } from "./three-public.ts";

export type { BuildContext } from "./common.ts";

export function buildTable(region: Region, kind: Kind, ctx: BuildContext): Table | undefined {
  const table = buildByShape(region, kind, ctx);
  // The reader could not place the grid's columns with confidence (text
  // whose columns are kept by spaces): the table is listed as not checked.
  const doubt = region.blocks.find((b) => b.kind === "grid" && b.doubt);
  if (table && doubt?.kind === "grid" && doubt.doubt)
    ctx.issues.push({
      code: "table.columns_unplaced",
      message: `${table.title} 的列没有读准：${doubt.doubt}，各数字所在的列不能确定`,
      table: table.id,
      source: provenance(doubt.line, doubt.page),
    });
  return table;
}

function buildByShape(region: Region, kind: Kind, ctx: BuildContext): Table | undefined {
  const id = region.match.id;
  switch (id) {
    case "performance":
      return undefined;
    case "summary":
    case "fiscal_summary":
      return buildSummaryTable(region, id, ctx);
    case "three_public":
      return buildThreePublicTable(region, kind, ctx);
    case "projects":
      return buildProjectsTable(region, ctx);
    case "other":
      return buildOtherTable(region, ctx);
    default:
      return buildClassificationTable(region, id, ctx);
  }
}

const INCOME_SOURCES: ReadonlySet<string> = new Set(INCOME_SOURCE_COLUMNS);

/**
 * A table's content can contradict its title: a 收入总表's grid printed under
 * the 支出总表 title (the two titles follow each other and the grid follows
 * both). Columns of income sources and none of basic/project spending say
 * it is the income table.
 */
export function tableIdByContent(table: Table): Table["id"] {
  if (table.id !== "expenditure" && table.id !== "income") return table.id;
  const ids = new Set(table.columns.map((c) => c.id));
  const income = [...ids].filter((c) => INCOME_SOURCES.has(c)).length;
  const spending = ["basic", "project", "personnel", "public"].filter((c) =>
    ids.has(c as never),
  ).length;
  if (table.id === "expenditure" && income >= 2 && spending === 0) return "income";
  if (table.id === "income" && spending >= 1 && income === 0) return "expenditure";
  return table.id;
}
