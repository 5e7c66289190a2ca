/**
 * Turn decoded text into a Layout. Three layouts occur in published text:
 * markdown tables (`| a | b |`), tab-separated rows, and text extracted from
 * PDFs where the table structure is lost (kept as plain lines; recognition
 * rebuilds rows from them).
 */
import type { GridCell, GridRow, Layout, LayoutBlock } from "../layout.ts";

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

export function textLayout(text: string, encoding?: string): Layout {
  const lines = splitLines(text);
  const blocks: LayoutBlock[] = [];
  let hasMarkdown = false;
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i] ?? "";
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
  if (encoding) layout.encoding = encoding;
  return layout;
}
