/**
 * 项目支出表 / 专项业务经费支出表: rows are units (by unit code), project
 * categories and projects (by project code, or by name where none is
 * printed). Long project codes wrap inside their cell and come out of PDF
 * text in pieces of the cell's width (`4213032203` / `2R00000016` / `1`).
 */
import type { GridRow, LayoutLine } from "../../ingest/layout.ts";
import { isBlankMark, parseAmount } from "../../model/money.ts";
import type { Cell, ColumnId, Row, Table } from "../../model/schema.ts";
import { gridColumns, modelColumns, streamColumns } from "../columns.ts";
import { compact } from "../normalize.ts";
import type { Region } from "../segment.ts";
import { type Token, tokenizeLines } from "../stream.ts";
import {
  AMOUNT_CELL,
  type BuildContext,
  columnsOf,
  finishTable,
  isGrid,
  makeCell,
  makeRow,
  newTable,
  provenance,
} from "./common.ts";
import { placeAmounts } from "./place.ts";

const CODE_TEXT = /^[0-9A-Z]{2,}$/;

function keyedRows(): {
  rows: Row[];
  add: (
    key: string,
    kind: Row["keyKind"],
    name: string,
    cells: Record<string, Cell>,
    line: number,
    endLine: number,
    page?: number,
  ) => void;
} {
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  return {
    rows,
    add(key, kind, name, cells, line, endLine, page) {
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      rows.push(
        makeRow(
          n > 0 ? `${key}#${n + 1}` : key,
          kind,
          name,
          cells,
          provenance(line, page, endLine),
        ),
      );
    },
  };
}

function fromGrid(rows: GridRow[], table: Table): Row[] {
  const firstData = rows.findIndex((r) => r.cells.some((c) => AMOUNT_CELL.test(c.text.trim())));
  if (firstData < 0) return [];
  const colIds = gridColumns(rows.slice(0, firstData).map((r) => r.cells.map((c) => c.text)));
  table.columns = columnsOf(colIds.filter((c): c is ColumnId => !!c));
  const out = keyedRows();
  for (const r of rows.slice(firstData)) {
    const texts = r.cells.map((c) => c.text.trim());
    const codeIdx = texts.findIndex(
      (t, i) => colIds[i] == null && CODE_TEXT.test(t.replace(/\s+/g, "")),
    );
    const nameIdx = texts.findIndex(
      (t, i) => colIds[i] == null && i !== codeIdx && t !== "" && !AMOUNT_CELL.test(t),
    );
    const name = texts[nameIdx] ?? "";
    const cells: Record<string, Cell> = {};
    colIds.forEach((id, i) => {
      if (!id || cells[id]) return;
      const t = texts[i] ?? "";
      const a = parseAmount(t);
      if (a !== undefined || isBlankMark(t))
        cells[id] = makeCell(a ?? null, t, provenance(r.line, r.page));
    });
    if (!Object.values(cells).some((c) => c.amount !== null)) continue;
    if (codeIdx >= 0)
      out.add(
        (texts[codeIdx] ?? "").replace(/\s+/g, ""),
        "project",
        name,
        cells,
        r.line,
        r.line,
        r.page,
      );
    else if (/^合\s*计$/.test(name) || name === "")
      out.add("total", "line", name || "合计", cells, r.line, r.line, r.page);
    else out.add(compact(name), "project", name, cells, r.line, r.line, r.page);
  }
  return out.rows;
}

/** Join code pieces that a narrow cell wrapped: equal-width pieces, then a shorter tail. */
function joinCodePieces(tokens: Token[], i: number): { code: string; next: number } {
  const first = tokens[i];
  if (!first) return { code: "", next: i + 1 };
  let code = first.text;
  let j = i + 1;
  const width = first.text.length;
  if (width >= 8) {
    let last = first.text;
    while (j < tokens.length) {
      const t = tokens[j];
      if (!t || t.gap !== -1 || !(t.kind === "int" || t.kind === "code") || last.length !== width)
        break;
      if (t.text.length > width) break;
      code += t.text;
      last = t.text;
      j++;
    }
  }
  return { code, next: j };
}

function fromStream(lines: LayoutLine[], table: Table, ctx: BuildContext): Row[] {
  const tokens = tokenizeLines(lines);
  const first = tokens.findIndex(
    (t) =>
      t.kind === "amount" ||
      ((t.kind === "int" || t.kind === "code") &&
        t.gap === -1 &&
        tokens.slice(0, 3).every((x) => x.kind === "text" || x === t)),
  );
  const start = tokens.findIndex((t) => t.kind === "amount");
  const dataStart = first >= 0 && first < start ? Math.min(first, start) : start;
  if (start < 0) return [];
  // Header: everything before the first amount, minus a leading code row if any.
  let headerEnd = start;
  for (let k = start - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t && (t.kind === "int" || t.kind === "code") && t.gap === -1) {
      headerEnd = k;
      break;
    }
    if (t && t.line < (tokens[start]?.line ?? 0) - 30) break;
  }
  void dataStart;
  const header = tokens
    .slice(0, headerEnd)
    .filter((t) => t.kind === "text")
    .map((t) => t.text)
    .join("");
  const columns = streamColumns(header);
  const cols = columns.length > 0 ? columns : ["amount" as const];
  table.columns = columnsOf(modelColumns(cols));
  const out = keyedRows();
  let cur:
    | {
        code?: string;
        name: string[];
        amounts: Token[];
        line: number;
        endLine: number;
        page?: number;
      }
    | undefined;
  const flush = () => {
    if (!cur) return;
    const place = placeAmounts(
      cur.amounts.map((t) => t.value ?? 0),
      cur.amounts.map((t) => t.gap),
      cols.map((c) => c ?? null),
    );
    const cells: Record<string, Cell> = {};
    cur.amounts.forEach((t, k) => {
      const col = cols[place.indexes[k] ?? k];
      if (col && !cells[col])
        cells[col] = makeCell(t.value ?? null, t.text, provenance(t.line, t.page, t.endLine));
    });
    let name = cur.name.join("");
    // The 项目单位 column repeats the unit's name after the project's.
    if (ctx.entity && name.endsWith(ctx.entity) && name !== ctx.entity)
      name = name.slice(0, -ctx.entity.length);
    if (cur.code) out.add(cur.code, "project", name, cells, cur.line, cur.endLine, cur.page);
    else if (name === "" || /^合计$/.test(name))
      out.add("total", "line", "合计", cells, cur.line, cur.endLine, cur.page);
    else out.add(compact(name), "project", name, cells, cur.line, cur.endLine, cur.page);
    cur = undefined;
  };
  for (let i = headerEnd; i < tokens.length; ) {
    const t = tokens[i];
    if (!t) break;
    if (
      (t.kind === "int" || t.kind === "code") &&
      t.gap === -1 &&
      (!cur || cur.amounts.length > 0)
    ) {
      flush();
      const { code, next } = joinCodePieces(tokens, i);
      cur = { code, name: [], amounts: [], line: t.line, endLine: t.line };
      if (t.page !== undefined) cur.page = t.page;
      i = next;
      continue;
    }
    if (t.kind === "amount") {
      if (!cur) {
        cur = { name: [], amounts: [], line: t.line, endLine: t.line };
        if (t.page !== undefined) cur.page = t.page;
      }
      cur.amounts.push(t);
      cur.endLine = t.line;
    } else if (t.kind === "text") {
      if (cur && cur.amounts.length > 0) flush();
      if (!cur) {
        cur = { name: [], amounts: [], line: t.line, endLine: t.line };
        if (t.page !== undefined) cur.page = t.page;
      }
      cur.name.push(t.text);
      cur.endLine = t.line;
    }
    i++;
  }
  flush();
  return out.rows;
}

export function buildProjectsTable(region: Region, ctx: BuildContext): Table {
  const table = newTable(region, "projects", ctx);
  const grids = region.blocks.filter(isGrid);
  if (grids.length > 0 && (grids[0]?.rows.length ?? 0) >= 2) {
    table.rows = fromGrid(
      grids.flatMap((g) => g.rows),
      table,
    );
  } else {
    table.rows = fromStream(
      region.blocks.filter((b): b is LayoutLine => b.kind === "line"),
      table,
      ctx,
    );
  }
  return finishTable(table, region);
}
