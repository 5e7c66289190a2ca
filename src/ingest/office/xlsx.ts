/**
 * XLSX → Layout via exceljs. Every visible sheet in workbook order; hidden
 * sheets, rows and columns are skipped (and reported), merged cells keep
 * their spans, numbers print as the sheet shows them (number format
 * applied, formulas by their cached result). Each sheet's title and unit
 * rows become lines and its table a grid, as for an HTML table.
 */
import ExcelJS from "exceljs";
import { GongkaiError } from "../../model/errors.ts";
import { gridBlocks, MAX_GRID_CELLS, placeCells, type SourceCell } from "../html/grid.ts";
import type { Layout, LayoutBlock } from "../layout.ts";
import { formatNumber } from "./numfmt.ts";

type Cell = ExcelJS.Cell;
type Worksheet = ExcelJS.Worksheet;

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Line breaks inside a cell (Alt+Enter): joined without a space between CJK characters. */
function oneLine(text: string): string {
  const parts = text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  let out = "";
  for (const p of parts) {
    if (out === "") out = p;
    else out += CJK.test(out.slice(-1)) && CJK.test(p.charAt(0)) ? p : ` ${p}`;
  }
  return out;
}

function dateText(d: Date): string {
  const iso = Number.isNaN(d.getTime()) ? "" : d.toISOString();
  return iso.slice(0, 10);
}

interface CellReading {
  text: string;
  /** A formula whose result the file does not carry. */
  noResult?: boolean;
}

function scalarText(v: unknown, fmt: string | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v, fmt);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return dateText(v);
  if (typeof v === "object" && "error" in v) return String((v as { error: unknown }).error);
  return "";
}

/** What a cell shows. */
export function cellText(cell: Cell): CellReading {
  const v = cell.value as unknown;
  const fmt = cell.numFmt;
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "object" && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) {
      // cell.result, not value.result: exceljs keeps a cached 0 only there.
      const result = (cell.result as unknown) ?? o.result;
      if (result === undefined || result === null) return { text: "", noResult: true };
      return { text: oneLine(scalarText(result, fmt)) };
    }
    if (Array.isArray(o.richText))
      return { text: oneLine((o.richText as { text: string }[]).map((t) => t.text).join("")) };
    if ("hyperlink" in o) {
      const t = o.text as unknown;
      if (t && typeof t === "object" && Array.isArray((t as { richText?: unknown }).richText))
        return {
          text: oneLine(
            ((t as { richText: { text: string }[] }).richText ?? []).map((x) => x.text).join(""),
          ),
        };
      return { text: oneLine(String(t ?? "")) };
    }
  }
  return { text: oneLine(scalarText(v, fmt)) };
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A1:D3 → rows and columns, 1-based. */
function parseRange(range: string): Merge | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(range.trim());
  if (!m) return undefined;
  const col = (s: string) =>
    [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const left = col(m[1] ?? "A");
  const top = Number(m[2]);
  const right = m[3] ? col(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) : top;
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

interface SheetResult {
  blocks: LayoutBlock[];
  nextLine: number;
  hiddenRows: number;
  hiddenColumns: number;
  formulasWithoutResult: number;
}

/** Most slots (shown rows × shown columns) one sheet may lay out: the grid bound. */
export const MAX_SHEET_SLOTS = MAX_GRID_CELLS;

/** Index of the first element of sorted `xs` that is >= x. */
function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The elements of sorted `xs` within [from, to]. */
function within(xs: number[], from: number, to: number): number[] {
  return xs.slice(lowerBound(xs, from), lowerBound(xs, to + 1));
}

/**
 * One visible sheet's blocks, numbered on from `firstLine`. Only rows and
 * columns that show text are laid out (a stray cell far away or formatting
 * applied to a whole column costs nothing); a run of blank rows between
 * two tables stays as one blank row, which ends a grid.
 */
function sheetBlocks(ws: Worksheet, firstLine: number, page: number): SheetResult {
  const texts = new Map<string, string>();
  const rowSet = new Set<number>();
  const colSet = new Set<number>();
  let formulasWithoutResult = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // Covered cells of a merge repeat nothing: only the master holds the value.
      if (cell.isMerged && cell.master !== cell) return;
      const { text, noResult } = cellText(cell);
      if (noResult) formulasWithoutResult++;
      if (text.trim() === "") return;
      texts.set(`${r}:${c}`, text.trim());
      rowSet.add(r);
      colSet.add(c);
    });
  });
  const empty = {
    blocks: [],
    nextLine: firstLine,
    hiddenRows: 0,
    hiddenColumns: 0,
    formulasWithoutResult,
  };
  if (texts.size === 0) return empty;
  const merges: Merge[] = [];
  for (const range of ws.model.merges ?? []) {
    const m = parseRange(range);
    if (m && texts.has(`${m.top}:${m.left}`)) merges.push(m);
  }

  const textRows = [...rowSet].sort((a, b) => a - b);
  const hiddenRow = (r: number) => ws.findRow(r)?.hidden === true;
  const shownTextRows = textRows.filter((r) => !hiddenRow(r));
  const hiddenRows = textRows.length - shownTextRows.length;
  const allCols = [...colSet].sort((a, b) => a - b);
  const cols = allCols.filter((c) => !ws.getColumn(c).hidden);
  const hiddenColumns = allCols.length - cols.length;
  if (shownTextRows.length === 0 || cols.length === 0)
    return { ...empty, hiddenRows, hiddenColumns };

  // Rows a merge reaches below its text: not blank.
  const merged = new Set<number>();
  for (const m of merges) for (let r = m.top + 1; r <= m.bottom; r++) merged.add(r);
  // Shown rows in order, with 0 standing for a blank separator row.
  const rows: number[] = [];
  let prev: number | undefined;
  for (const r of shownTextRows) {
    if (prev !== undefined) {
      for (let g = prev + 1; g < r; g++) {
        if (!merged.has(g) && !hiddenRow(g)) {
          rows.push(0);
          break;
        }
      }
    }
    rows.push(r);
    prev = r;
  }
  if (rows.length * cols.length > MAX_SHEET_SLOTS)
    throw new GongkaiError(
      "too_large",
      `工作表“${ws.name}”过大：${rows.length} 行 × ${cols.length} 列，超过 ${MAX_SHEET_SLOTS} 个单元格，无法读取`,
    );
  const realRows = rows.filter((r) => r > 0);

  // Each merge from its first shown slot, spans counted over shown rows and columns.
  const covered = new Set<string>();
  const spans = new Map<string, { colSpan: number; rowSpan: number; text: string }>();
  for (const m of merges) {
    const mr = within(realRows, m.top, m.bottom);
    const mc = within(cols, m.left, m.right);
    const r0 = mr[0];
    const c0 = mc[0];
    if (r0 === undefined || c0 === undefined) continue;
    for (const r of mr) for (const c of mc) covered.add(`${r}:${c}`);
    spans.set(`${r0}:${c0}`, {
      colSpan: mc.length,
      rowSpan: mr.length,
      text: texts.get(`${m.top}:${m.left}`) ?? "",
    });
  }

  const source: SourceCell[][] = rows.map((r) => {
    if (r === 0) return cols.map(() => ({ text: "" }));
    const cells: SourceCell[] = [];
    for (const c of cols) {
      const key = `${r}:${c}`;
      const merge = spans.get(key);
      if (merge) {
        const cell: SourceCell = { text: merge.text };
        if (merge.colSpan > 1) cell.colSpan = merge.colSpan;
        if (merge.rowSpan > 1) cell.rowSpan = merge.rowSpan;
        cells.push(cell);
        continue;
      }
      // Slots of a merge are filled by placement from its first slot.
      if (covered.has(key)) continue;
      cells.push({ text: texts.get(key) ?? "" });
    }
    return cells;
  });
  const placed = placeCells(source);
  const { blocks, nextLine } = gridBlocks(placed, { firstLine, page });
  return { blocks, nextLine, hiddenRows, hiddenColumns, formulasWithoutResult };
}

/**
 * A sheet whose first block is its table has no title of its own: its
 * name is the title then ("附表1 收支总表"), printed as a line above it.
 */
function withSheetName(
  blocks: LayoutBlock[],
  name: string,
  line: number,
  page: number,
): LayoutBlock[] {
  if (blocks[0]?.kind !== "grid" || /^(?:sheet|工作表)\s*\d*$/i.test(name.trim())) return blocks;
  return [{ kind: "line", text: name.trim(), line, page }, ...blocks];
}

export async function ingestXlsx(bytes: Uint8Array): Promise<Layout> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    if (e instanceof GongkaiError) throw e;
    throw new GongkaiError(
      "unreadable",
      `无法读取 XLSX 工作簿（文件可能已损坏）：${e instanceof Error ? e.message.slice(0, 120) : String(e)}`,
    );
  }
  const blocks: LayoutBlock[] = [];
  const warnings: string[] = [];
  let line = 1;
  let page = 0;
  for (const ws of wb.worksheets) {
    if (ws.state !== "visible") {
      warnings.push(`工作表“${ws.name}”被隐藏，已跳过`);
      continue;
    }
    page++;
    // Line numbers: one per sheet row shown, running over sheets; one more for a sheet name line.
    const r = sheetBlocks(ws, line + 1, page);
    const sheet = withSheetName(r.blocks, ws.name, line, page);
    if (sheet.length > 0) {
      blocks.push(...sheet);
      line = r.nextLine;
    }
    if (r.hiddenRows > 0) warnings.push(`工作表“${ws.name}”中有 ${r.hiddenRows} 行被隐藏，已跳过`);
    if (r.hiddenColumns > 0)
      warnings.push(`工作表“${ws.name}”中有 ${r.hiddenColumns} 列被隐藏，已跳过`);
    if (r.formulasWithoutResult > 0)
      warnings.push(
        `工作表“${ws.name}”中有 ${r.formulasWithoutResult} 个公式没有保存计算结果，按空白读取（请在 Excel 中打开并保存后再试）`,
      );
  }
  if (page === 0) throw new GongkaiError("not_disclosure", "工作簿中没有可见的工作表");
  return { format: "xlsx", lineCount: line - 1, pages: page, blocks, warnings };
}
