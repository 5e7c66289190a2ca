/**
 * From rows of cells with spans (an HTML table, a spreadsheet's used range)
 * to Layout blocks. Shared by the HTML, DOCX and XLSX ingesters so that all
 * three give recognition grids of the same shape as markdown tables:
 *
 * - every grid row has one cell per column; a merged cell's text sits in its
 *   top-left cell, which carries colSpan/rowSpan, and the cells it covers are
 *   empty (as a markdown export leaves them);
 * - rows that are not table rows become lines: the title and "单位：万元"
 *   rows above the header, a title merged over the whole width, a note
 *   ("注：…") under the table;
 * - a blank row ends a grid (two tables on one sheet).
 */
import { GongkaiError } from "../../model/errors.ts";
import type { GridCell, GridRow, LayoutBlock } from "../layout.ts";

/** A cell as the source gives it, before placement. */
export interface SourceCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

/** Most cells one table (or one sheet) may have once spans are placed. */
export const MAX_GRID_CELLS = 200_000;
/** Spans are clamped to these (HTML clamps colspan to 1000; no real table comes near). */
const MAX_COL_SPAN = 1000;
const MAX_ROW_SPAN = 10_000;

export interface PlacedGrid {
  rows: GridCell[][];
  /** covered[r][c]: the slot belongs to a merged cell whose text is elsewhere. */
  covered: boolean[][];
  width: number;
}

export function gridTooLarge(): GongkaiError {
  return new GongkaiError(
    "too_large",
    `表格过大：超过 ${MAX_GRID_CELLS} 个单元格，无法读取（请拆分后再试）`,
  );
}

function clampSpan(n: number | undefined, max: number): number {
  return n !== undefined && Number.isFinite(n) && n > 1 ? Math.min(Math.floor(n), max) : 1;
}

/**
 * Place cells row by row the way a browser does: each cell takes the first
 * column not already covered by a row span from above.
 */
export function placeCells(source: SourceCell[][]): PlacedGrid {
  const slots: (GridCell | null)[][] = [];
  const covered: boolean[][] = [];
  let width = 0;
  let count = 0;
  const ensureRow = (r: number) => {
    while (slots.length <= r) {
      slots.push([]);
      covered.push([]);
    }
  };
  source.forEach((cells, r) => {
    ensureRow(r);
    let c = 0;
    for (const cell of cells) {
      while (slots[r]?.[c] !== undefined) c++;
      const colSpan = clampSpan(cell.colSpan, MAX_COL_SPAN);
      // A row span never reaches past the table's last row.
      const rowSpan = Math.min(clampSpan(cell.rowSpan, MAX_ROW_SPAN), source.length - r);
      count += colSpan * rowSpan;
      if (count > MAX_GRID_CELLS) throw gridTooLarge();
      for (let dr = 0; dr < rowSpan; dr++) {
        ensureRow(r + dr);
        for (let dc = 0; dc < colSpan; dc++) {
          const row = slots[r + dr] as (GridCell | null)[];
          const cov = covered[r + dr] as boolean[];
          if (dr === 0 && dc === 0) {
            const placed: GridCell = { text: cell.text };
            if (colSpan > 1) placed.colSpan = colSpan;
            if (rowSpan > 1) placed.rowSpan = rowSpan;
            row[c] = placed;
            cov[c] = false;
          } else if (row[c + dc] === undefined) {
            row[c + dc] = null;
            cov[c + dc] = true;
          }
        }
      }
      c += colSpan;
      width = Math.max(width, c);
    }
  });
  // A few wide cells over many rows (a sparse table) would fill rows × width slots.
  if (slots.length * width > MAX_GRID_CELLS)
    throw new GongkaiError(
      "too_large",
      `表格过大：${slots.length} 行 × ${width} 列，超过 ${MAX_GRID_CELLS} 个单元格，无法读取（请拆分后再试）`,
    );
  const rows = slots.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { text: "" }));
  const cov = covered.map((row) => Array.from({ length: width }, (_, c) => row[c] === true));
  return { rows, covered: cov, width };
}

const NUMBER_TEXT = /^[-−]?[\d,]+(?:\.\d+)?%?$/;

function nonEmpty(row: GridCell[]): GridCell[] {
  return row.filter((c) => c.text.trim() !== "");
}

function lineText(row: GridCell[]): string {
  return nonEmpty(row)
    .map((c) => c.text.trim())
    .join(" ");
}

/** A row of one cell merged over the whole width: a title or a note, not a table row. */
function isFullWidthSingle(row: GridCell[], width: number): boolean {
  const cells = nonEmpty(row);
  return cells.length === 1 && width > 1 && (cells[0]?.colSpan ?? 1) >= width;
}

/**
 * Above a table's header: a title, a table number, "单位：万元" — at most two
 * text cells that do not together span the width (a header row such as
 * 收入 | 支出 spans it with its merged cells).
 */
function isLeadingLine(row: GridCell[], covered: boolean[], width: number): boolean {
  const cells = nonEmpty(row);
  if (cells.length === 0 || cells.length > 2) return false;
  if (cells.some((c) => NUMBER_TEXT.test(c.text.trim()))) return false;
  if (width <= 2) return cells.length === 1 && (cells[0]?.colSpan ?? 1) >= width;
  // "单位名称：… | 单位：万元": statements, never column labels.
  if (cells.every((c) => /[:：]/.test(c.text))) return true;
  let spanned = 0;
  row.forEach((c, i) => {
    if (c.text.trim() !== "") spanned += c.colSpan ?? 1;
    else if (covered[i]) spanned += 1;
  });
  return spanned < width;
}

/** A note under a table. */
function isNote(row: GridCell[]): boolean {
  const cells = nonEmpty(row);
  return cells.length === 1 && /^(?:注|说明|备注|附注)\s*[:：\d]/.test(cells[0]?.text.trim() ?? "");
}

export interface BlockOptions {
  /** Line number of the first row; rows are numbered on from it. */
  firstLine: number;
  page?: number;
}

/**
 * Blocks for a placed grid. Returns the blocks and the next free line number.
 * Blank rows are not emitted but keep their line numbers.
 */
export function gridBlocks(
  grid: PlacedGrid,
  opts: BlockOptions,
): { blocks: LayoutBlock[]; nextLine: number } {
  const blocks: LayoutBlock[] = [];
  let current: GridRow[] = [];
  // Top of a table: title and unit lines may still come.
  let leading = true;
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0] as GridRow;
    const last = current[current.length - 1] as GridRow;
    const g: LayoutBlock = { kind: "grid", rows: current, line: first.line, endLine: last.line };
    if (opts.page !== undefined) g.page = opts.page;
    blocks.push(g);
    current = [];
  };
  const pushLine = (text: string, line: number) => {
    const l: LayoutBlock = { kind: "line", text, line };
    if (opts.page !== undefined) l.page = opts.page;
    blocks.push(l);
  };
  let line = opts.firstLine;
  grid.rows.forEach((row, r) => {
    const n = line++;
    const covered = grid.covered[r] ?? [];
    if (nonEmpty(row).length === 0 && !covered.some(Boolean)) {
      flush();
      leading = true;
      return;
    }
    if (
      isFullWidthSingle(row, grid.width) ||
      (leading && isLeadingLine(row, covered, grid.width)) ||
      (!leading && isNote(row))
    ) {
      // A line between two grids ends the first; a new table's title may follow.
      flush();
      leading = true;
      pushLine(lineText(row), n);
      return;
    }
    leading = false;
    const gr: GridRow = { cells: row, line: n };
    if (opts.page !== undefined) gr.page = opts.page;
    current.push(gr);
  });
  flush();
  return { blocks, nextLine: line };
}
