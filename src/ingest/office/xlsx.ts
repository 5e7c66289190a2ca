/**
 * XLSX → Layout via exceljs. Every visible sheet in workbook order; hidden
 * sheets, rows and columns are skipped (and reported), merged cells keep
 * their spans, numbers print as the sheet shows them (number format
 * applied, formulas by their cached result). Each sheet's title and unit
 * rows become lines and its table a grid, as for an HTML table.
 */
import ExcelJS from "exceljs";
import { GongkaiError } from "../../model/errors.ts";
import { gridBlocks, placeCells, type SourceCell } from "../html/grid.ts";
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

/** One visible sheet's blocks, numbered on from `firstLine`. */
function sheetBlocks(ws: Worksheet, firstLine: number, page: number): SheetResult {
  // The used range: cells that show something, and merges.
  let top = Number.POSITIVE_INFINITY;
  let bottom = 0;
  let left = Number.POSITIVE_INFINITY;
  let right = 0;
  const texts = new Map<string, string>();
  let formulasWithoutResult = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // Covered cells of a merge repeat nothing: only the master holds the value.
      if (cell.isMerged && cell.master !== cell) return;
      const { text, noResult } = cellText(cell);
      if (noResult) formulasWithoutResult++;
      if (text.trim() === "") return;
      texts.set(`${r}:${c}`, text.trim());
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  const merges: Merge[] = [];
  for (const range of ws.model.merges ?? []) {
    const m = parseRange(range);
    if (m && texts.has(`${m.top}:${m.left}`)) {
      merges.push(m);
      bottom = Math.max(bottom, m.bottom);
      right = Math.max(right, m.right);
    }
  }
  if (bottom === 0)
    return {
      blocks: [],
      nextLine: firstLine,
      hiddenRows: 0,
      hiddenColumns: 0,
      formulasWithoutResult,
    };

  const visibleRows: number[] = [];
  let hiddenRows = 0;
  for (let r = top; r <= bottom; r++) {
    const row = ws.findRow(r);
    if (row?.hidden) {
      if (rowHasText(texts, r, left, right)) hiddenRows++;
      continue;
    }
    visibleRows.push(r);
  }
  const visibleCols: number[] = [];
  let hiddenColumns = 0;
  for (let c = left; c <= right; c++) {
    if (ws.getColumn(c).hidden) {
      hiddenColumns++;
      continue;
    }
    visibleCols.push(c);
  }

  // Merges by their first visible slot, with spans counted over visible rows and columns.
  const covered = new Set<string>();
  const spans = new Map<string, { colSpan: number; rowSpan: number; text: string }>();
  for (const m of merges) {
    const rows = visibleRows.filter((r) => r >= m.top && r <= m.bottom);
    const cols = visibleCols.filter((c) => c >= m.left && c <= m.right);
    const r0 = rows[0];
    const c0 = cols[0];
    if (r0 === undefined || c0 === undefined) continue;
    for (const r of rows) for (const c of cols) covered.add(`${r}:${c}`);
    spans.set(`${r0}:${c0}`, {
      colSpan: cols.length,
      rowSpan: rows.length,
      text: texts.get(`${m.top}:${m.left}`) ?? "",
    });
  }

  const source: SourceCell[][] = visibleRows.map((r) => {
    const cells: SourceCell[] = [];
    for (const c of visibleCols) {
      const key = `${r}:${c}`;
      const merged = spans.get(key);
      if (merged) {
        const cell: SourceCell = { text: merged.text };
        if (merged.colSpan > 1) cell.colSpan = merged.colSpan;
        if (merged.rowSpan > 1) cell.rowSpan = merged.rowSpan;
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

function rowHasText(texts: Map<string, string>, r: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (texts.has(`${r}:${c}`)) return true;
  return false;
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
