/**
 * Tables of coded lines (科目编码 | 科目名称 | amounts …): functional and
 * economic classifications, units, projects. 基本支出 is printed over its
 * parts where the table has them; classification lines in code order.
 */
import type { ColumnId, Disclosure, Row, Table } from "../../model/schema.ts";
import {
  type BodyCell,
  cellAmount,
  codeOf,
  type GridParts,
  type HeaderCell,
  money,
  text,
} from "./cells.ts";
import { columnLabel, type TableLayout } from "./layouts.ts";

const CLASS_KINDS = new Set(["func", "econ_dept", "econ_gov"]);

/** Classification rows in code order (合计 first); other rows keep their order. */
function orderedRows(rows: Row[]): Row[] {
  const allCodes = rows.every((r) => CLASS_KINDS.has(r.keyKind) || r.keyKind === "line");
  if (!allCodes) return rows;
  const totals = rows.filter((r) => r.keyKind === "line");
  const codes = rows
    .filter((r) => r.keyKind !== "line")
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i))
    .map((x) => x.r);
  return [...totals, ...codes];
}

function columnsFor(layout: TableLayout, table: Table | undefined): ColumnId[] {
  const data = (table?.columns ?? []).map((c) => c.id);
  if (table && !table.empty && data.length) {
    // The official columns the data has, then the data's others (in its order),
    // keeping the official ones that a publisher always prints.
    const cols = layout.columns.filter(
      (c) => layout.fixedColumns || data.includes(c) || ["total", "basic", "project"].includes(c),
    );
    for (const c of data) if (!cols.includes(c)) cols.push(c);
    // 合计 alone where the data is a single amount column.
    if (cols.includes("amount") && cols.length > 1 && !data.includes("total"))
      return cols.filter((c) => c !== "total" && c !== "basic" && c !== "project");
    return cols.filter((c) => c !== "amount" || data.includes("amount"));
  }
  return [...layout.columns];
}

export function codeGrid(layout: TableLayout, table: Table | undefined, d: Disclosure): GridParts {
  const kind = d.kind;
  const cols = columnsFor(layout, table);
  const unitRows = (table?.rows ?? []).some((r) => r.keyKind === "unit");
  const projectRows = (table?.rows ?? []).some((r) => r.keyKind === "project");
  const codeHead = unitRows && !projectRows ? "单位编码" : (layout.codeHead ?? "科目编码");
  const nameHead = unitRows && !projectRows ? "单位名称" : (layout.nameHead ?? "科目名称");
  const bi = cols.indexOf("basic");
  const pi = cols.indexOf("personnel");
  const ui = cols.indexOf("public");
  const grouped = bi >= 0 && pi === bi + 1 && ui === bi + 2;
  const headerRows = grouped ? 2 : 1;
  const span = grouped ? { rowSpan: 2 } : {};
  const header: HeaderCell[] = [
    { row: 0, col: 0, text: codeHead, ...span },
    { row: 0, col: 1, text: nameHead, ...span },
  ];
  cols.forEach((c, k) => {
    const col = 2 + k;
    if (grouped && k >= bi && k < bi + 3) {
      if (k === bi) header.push({ row: 0, col, text: "基本支出", colSpan: 3 });
      header.push({ row: 1, col, text: c === "basic" ? "小计" : columnLabel(c, layout.id, kind) });
      return;
    }
    header.push({ row: 0, col, text: columnLabel(c, layout.id, kind), ...span });
  });
  // An empty table prints no rows (what recognition left in one is noise).
  const rows = table?.empty ? [] : orderedRows(table?.rows ?? []);
  const body: BodyCell[][] = rows.map((r) => {
    const isTotal = r.keyKind === "line";
    const name = isTotal && r.key === "total" ? "合计" : r.name;
    return [
      text(codeOf(r)),
      text(name, {
        indent: r.level ? r.level - 1 : 0,
        bold: isTotal || r.level === 1,
        ...(isTotal ? { align: "center" as const } : {}),
      }),
      ...cols.map((c) => money(cellAmount(r, c))),
    ];
  });
  const empty = !table || table.empty || body.length === 0;
  if (!rows.some((r) => r.key === "total")) {
    // Every classification table prints its 合计 line; an empty one prints it blank.
    if (empty || layout.id !== "projects")
      body.unshift([
        text(""),
        text("合计", { bold: true, align: "center" }),
        ...cols.map((c) => money(empty ? null : sumColumn(rows, c))),
      ]);
  }
  const isProjects = layout.id === "projects" || layout.id === "procurement";
  return {
    width: 2 + cols.length,
    headerRows,
    header,
    body,
    widths: [isProjects ? 2.6 : 1.2, isProjects ? 3.6 : 3, ...cols.map(() => 1.3)],
    empty,
  };
}

/** Sum of the top-level rows of a column (类 of a classification), for a missing 合计. */
function sumColumn(rows: Row[], col: string): number | null {
  const top = rows.filter(
    (r) => (r.level === 1 || r.level === undefined) && r.keyKind !== "line" && r.cells[col],
  );
  if (!top.length) return null;
  let s = 0;
  for (const r of top) s += r.cells[col]?.amount ?? 0;
  return s;
}
