/**
 * A sheet for a table the template has no place for (Jiangsu's 财政拨款支出表 /
 * 机关运行经费表, a university's 财政拨款支出决算表 …): built from the table's
 * own rows and columns by fill.ts, so that `template --from` carries every
 * fact, and read back by read.ts from the note on its title, which says what
 * table it is and how its rows are keyed.
 */
import type { CatalogKind } from "../catalog/index.ts";
import { COLUMN_LABELS } from "../model/labels.ts";
import { type ColumnId, ColumnIdSchema, type Table, TableIdSchema } from "../model/schema.ts";
import type { TemplateColumn, TemplateRows, TemplateTable } from "./tables.ts";

/** The note on an extra sheet's title (read back by extraTableOf). */
const TABLE_NOTE = "gongkai:table ";

type RowsKind = CatalogKind | "project" | "unit" | "lines";

const CATALOGS: readonly string[] = ["func", "econ_dept", "econ_gov"];

function rowsOf(kind: RowsKind): TemplateRows {
  if (kind === "lines") return { kind: "lines", lines: [] };
  if (kind === "project")
    return {
      kind: "free",
      keyKind: "project",
      codeHead: "项目编码",
      nameHead: "项目名称",
      fixed: [],
    };
  if (kind === "unit")
    return { kind: "free", keyKind: "unit", codeHead: "单位编码", nameHead: "单位名称", fixed: [] };
  return { kind: "code", catalog: kind, fixed: [] };
}

function rowsKind(rows: TemplateRows): RowsKind {
  if (rows.kind === "lines") return "lines";
  if (rows.kind === "free") return rows.keyKind;
  return rows.catalog;
}

/** A sheet name Excel accepts (≤ 31 characters, none of []:*?/\) and not yet taken. */
function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, "")
      .replace(/\s+/g, "")
      .slice(0, 28) || "表格";
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}${k}`;
  return name;
}

/**
 * The entry sheet of a table the template lacks, keyed as most of its rows
 * are (功能分类 / 经济分类 code, project, unit, else lines); undefined when it
 * has no figure to carry.
 */
export function extraTable(table: Table, taken: Set<string>): TemplateTable | undefined {
  const rows = table.rows.filter(
    (r) => !r.key.includes("#") && Object.values(r.cells).some((c) => c.amount),
  );
  if (rows.length === 0) return undefined;
  const count = new Map<RowsKind, number>();
  for (const r of rows) {
    const k: RowsKind | undefined = CATALOGS.includes(r.keyKind)
      ? (r.keyKind as CatalogKind)
      : r.keyKind === "project" || r.keyKind === "unit"
        ? r.keyKind
        : undefined;
    if (k) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const kind = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "lines";
  // The table's own columns that hold a figure, drawn as the sheet's columns.
  const ids = table.columns.map((c) => c.id).filter((id) => rows.some((r) => r.cells[id]?.amount));
  return {
    id: table.id,
    sheet: sheetName(table.title, taken),
    title: table.title,
    number: table.number ?? "",
    columns: columnsOf(ids),
    rows: rowsOf(kind),
    optional: true,
  };
}

function columnsOf(ids: ColumnId[]): TemplateColumn[] {
  return ids.map((id) => ({ id, label: COLUMN_LABELS[id] ?? id }));
}

export function extraTableNote(t: TemplateTable): string {
  const spec = {
    id: t.id,
    rows: rowsKind(t.rows),
    columns: t.columns.map((c) => c.id),
    title: t.title,
    number: t.number,
  };
  return `${TABLE_NOTE}${JSON.stringify(spec)}`;
}

function noteText(note: unknown): string {
  if (typeof note === "string") return note;
  if (note && typeof note === "object" && Array.isArray((note as { texts?: unknown }).texts))
    return (note as { texts: { text: string }[] }).texts.map((x) => x.text).join("");
  return "";
}

const KINDS: readonly RowsKind[] = ["func", "econ_dept", "econ_gov", "project", "unit", "lines"];

/** The table an extra sheet holds, from the note on its title; undefined for any other sheet. */
export function extraTableOf(sheet: string, titleNote: unknown): TemplateTable | undefined {
  const text = noteText(titleNote);
  if (!text.startsWith(TABLE_NOTE)) return undefined;
  let spec: { id?: unknown; rows?: unknown; columns?: unknown; title?: unknown; number?: unknown };
  try {
    spec = JSON.parse(text.slice(TABLE_NOTE.length));
  } catch {
    return undefined;
  }
  const id = TableIdSchema.safeParse(spec.id);
  const kind = KINDS.find((k) => k === spec.rows);
  const columns = Array.isArray(spec.columns)
    ? spec.columns.map((c) => ColumnIdSchema.safeParse(c))
    : [];
  if (!id.success || !kind || typeof spec.title !== "string") return undefined;
  if (columns.some((c) => !c.success)) return undefined;
  return {
    id: id.data,
    sheet,
    title: spec.title,
    number: typeof spec.number === "string" ? spec.number : "",
    columns: columnsOf(columns.flatMap((c) => (c.success ? [c.data] : []))),
    rows: rowsOf(kind),
    optional: true,
  };
}
