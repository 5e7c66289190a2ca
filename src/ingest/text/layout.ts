/**
 * Turn decoded text into a Layout. Three layouts occur in published text:
 * markdown tables (`| a | b |`), tab-separated rows, and text extracted from
 * PDFs where the table structure is lost (kept as plain lines; recognition
 * rebuilds rows from them); tables whose columns are kept by spaces
 * (pdftotext -layout) become grids (fixed-width.ts).
 */
import type { GridCell, GridRow, Layout, LayoutBlock } from "../layout.ts";
import { alignedTables } from "./fixed-width.ts";

const MARKDOWN_ROW = /^\s*\|.*\|\s*$/;
const MARKDOWN_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function markdownCells(line: string): GridCell[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => ({ text: c.replace(/\\\|/g, "|").trim() }));
}

function tabCells(line: string): GridCell[] {
  return line.split("\t").map((c) => ({ text: c.trim() }));
}

/** Split text into lines, keeping the 1-based number of each. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Lines longer than `max` characters cut into pieces of `max` (a 100 MB
 * line is no sentence anyone wrote, and every regular expression after
 * this would scan it whole); returns the 1-based numbers of the lines cut.
 */
function cutLongLines(lines: string[], max: number): { lines: string[]; cut: number[] } {
  const cut: number[] = [];
  for (let i = 0; i < lines.length; i++) if ((lines[i] ?? "").length > max) cut.push(i + 1);
  if (cut.length === 0) return { lines, cut };
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= max) out.push(line);
    else for (let p = 0; p < line.length; p += max) out.push(line.slice(p, p + max));
  }
  return { lines: out, cut };
}

export function textLayout(text: string, encoding?: string, maxLineChars = Infinity): Layout {
  const { lines, cut } = cutLongLines(splitLines(text), maxLineChars);
  const blocks: LayoutBlock[] = [];
  let hasMarkdown = false;
  // Tables whose columns are kept by spaces (pdftotext -layout): grids too.
  const aligned = alignedTables(lines, (k) => {
    const l = lines[k] ?? "";
    return MARKDOWN_ROW.test(l) || l.includes("\t");
  });
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i] ?? "";
    const table = aligned.get(i);
    if (table) {
      blocks.push(table.grid);
      i = table.end;
      continue;
    }
    if (MARKDOWN_ROW.test(raw)) {
      const start = i;
      const rows: GridRow[] = [];
      while (i < lines.length && MARKDOWN_ROW.test(lines[i] ?? "")) {
        const l = lines[i] ?? "";
        if (!MARKDOWN_SEPARATOR.test(l)) rows.push({ cells: markdownCells(l), line: i + 1 });
        i++;
      }
      hasMarkdown = true;
      blocks.push({ kind: "grid", rows, line: start + 1, endLine: i });
      continue;
    }
    if (raw.includes("\t") && raw.trim() !== "") {
      // A tab grid runs over non-blank lines; a line without tabs inside it
      // (a wrapped name printed on its own line) stays part of the grid.
      const start = i;
      const rows: GridRow[] = [];
      while (i < lines.length) {
        const l = lines[i] ?? "";
        if (l.trim() === "") break;
        if (!l.includes("\t")) {
          const next = lines[i + 1] ?? "";
          if (!next.includes("\t")) break;
        }
        rows.push({ cells: tabCells(l), line: i + 1 });
        i++;
      }
      blocks.push({ kind: "grid", rows, line: start + 1, endLine: i });
      continue;
    }
    blocks.push({ kind: "line", text: raw, line: i + 1 });
    i++;
  }
  const layout: Layout = {
    format: hasMarkdown ? "markdown" : "text",
    lineCount: lines.length,
    blocks,
    warnings: [],
  };
  if (cut.length > 0)
    layout.warnings.push(
      `第 ${cut.slice(0, 12).join("、")}${cut.length > 12 ? ` 等 ${cut.length}` : ""} 行过长（超过 ${maxLineChars} 个字符），已按每 ${maxLineChars} 个字符分行读取`,
    );
  if (encoding) layout.encoding = encoding;
  return layout;
}
