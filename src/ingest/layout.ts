/**
 * The format-neutral result of ingestion: what a source shows, before anyone
 * knows it is a budget. Every ingester (text, PDF, XLSX, DOCX, HTML) produces
 * this, so recognition never depends on the source format.
 *
 * A Layout is a sequence of blocks in reading order: lines of text (with
 * positions where the source has them) and grids (tables whose cell
 * structure the source keeps: markdown, tab-separated text, spreadsheets,
 * HTML tables, PDF ruling lines).
 */

/** [x0, y0, x1, y1], top-left origin, in the page's own units. */
export type Box = [number, number, number, number];

export interface LayoutLine {
  kind: "line";
  text: string;
  /** 1-based line number in the source (for PDFs: running line number). */
  line: number;
  page?: number;
  box?: Box;
}

export interface GridCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  box?: Box;
}

export interface GridRow {
  cells: GridCell[];
  line: number;
  page?: number;
}

export interface LayoutGrid {
  kind: "grid";
  rows: GridRow[];
  /** First and last source line of the grid. */
  line: number;
  endLine: number;
  page?: number;
  /**
   * Why the reader could not place the grid's columns with confidence (text
   * whose columns are kept by spaces), in Chinese: recognition lists the
   * table as not checked rather than check cells that may stand in the
   * wrong column.
   */
  doubt?: string;
}

export type LayoutBlock = LayoutLine | LayoutGrid;

export type SourceFormat = "text" | "markdown" | "pdf" | "xlsx" | "docx" | "html";

export interface Layout {
  format: SourceFormat;
  /** Character encoding detected, for byte sources of text. */
  encoding?: string;
  /** Number of source lines. */
  lineCount: number;
  pages?: number;
  blocks: LayoutBlock[];
  /** Problems met while reading, in Chinese, for the user. */
  warnings: string[];
}
