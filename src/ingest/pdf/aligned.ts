/**
 * Tables printed without ruling lines (PDFs made from Word or a web page
 * often draw none): only where the words stand says which column a figure
 * is in. The page's text lines are cut into fields where the gap between
 * glyphs is wide, each field keeping its left and right edge in columns of
 * half an em, and the reader of column-aligned text (fixed-width.ts) finds
 * the tables among them — header labels stacked over their columns, wrapped
 * cells joined, figures placed by their right edge — as grids, so that
 * recognition places amounts by header as it does for ruled tables.
 */
import type { Box, GridCell } from "../layout.ts";
import {
  type Field as AlignedField,
  alignedTablesFromFields,
  type PositionedLine,
  splitFields,
} from "../text/fixed-width.ts";
import { unionBox } from "./geometry.ts";
import type { Glyph } from "./pages.ts";
import type { TextLine } from "./text.ts";

/**
 * Gaps, in ems of the line's font. Under WORD_GAP glyphs join into a word
 * (letter spacing, one glyph a run); over FIELD_GAP words stand in cells of
 * their own: a web page's table pads its cells by about an em between a
 * right-aligned figure and the name beside it, and words of one cell stand
 * a space apart.
 */
const WORD_GAP = 0.25;
const WRITTEN_WORD_GAP = 0.15;
const CJK_WORD_GAP = 0.5;
const CJK_END = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$/u;
const CJK_START = /^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;
const FIELD_GAP = 0.8;
/**
 * Vertical space, in ems, that counts as a blank line: rows of a padded
 * table stand about an em apart, the lines of one wrapped cell closer.
 */
const BLANK_GAP = 0.6;

/** An unruled table found among a page's lines, in the page's reading frame. */
export interface AlignedTable {
  box: Box;
  rows: { cells: GridCell[] }[];
  /** Why its columns could not be placed with confidence (see LayoutGrid.doubt). */
  doubt?: string;
  /** The text lines it was read from: they are not read again as lines. */
  lines: TextLine[];
}

interface Word {
  text: string;
  box: Box;
  /** Gap before it, in ems of the line's font (Infinity for the first). */
  gap: number;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Rough advance of a character in ems, to place words inside a run that carries spaces. */
function advance(ch: string): number {
  return WIDE.test(ch) ? 1 : 0.5;
}

/**
 * A line's words with their boxes. A run carrying its own spaces (a whole
 * phrase from Word) is cut at them, its words placed along the run in
 * proportion to their characters; two or more spaces in a run are a
 * column's gap, one a word's.
 */
function wordsOf(line: TextLine): Word[] {
  const words: Word[] = [];
  // A font of no size (a broken PDF) measures its gaps in points.
  const size = line.size > 0 ? line.size : 1;
  let prevEnd = Number.NEGATIVE_INFINITY;
  for (const g of line.glyphs) {
    const tokens = tokensOf(g);
    for (const [n, t] of tokens.entries()) {
      let gap = (t.x0 - prevEnd) / size;
      if (t.spaces >= 2) gap = Math.max(gap, FIELD_GAP + 0.01);
      else if (t.spaces === 1 || (n === 0 && g.spaceBefore && gap > WRITTEN_WORD_GAP))
        gap = Math.max(gap, CJK_WORD_GAP + 0.01);
      const last = words[words.length - 1];
      // Justified Chinese spreads its characters apart: between two
      // ideographs only a wider gap parts words (as text.ts reads lines).
      const cjk = !!last && CJK_END.test(last.text) && CJK_START.test(t.text);
      if (last && gap <= (cjk ? CJK_WORD_GAP : WORD_GAP)) {
        last.text += t.text;
        const b = last.box;
        last.box = [
          Math.min(b[0], t.x0),
          Math.min(b[1], g.box[1]),
          Math.max(b[2], t.x1),
          Math.max(b[3], g.box[3]),
        ];
      } else words.push({ text: t.text, box: [t.x0, g.box[1], t.x1, g.box[3]], gap });
      prevEnd = Math.max(prevEnd, t.x1);
    }
  }
  return words;
}

interface Token {
  text: string;
  x0: number;
  x1: number;
  /** Spaces written before it inside its run. */
  spaces: number;
}

/** A run's words: the run itself when it carries no space (one glyph a run, most often). */
function tokensOf(g: Glyph): Token[] {
  if (!/\s/u.test(g.text)) return [{ text: g.text, x0: g.box[0], x1: g.box[2], spaces: 0 }];
  const matches = [...g.text.matchAll(/(\s*)(\S+)/gu)];
  let total = 0;
  for (const c of g.text) total += c.trim() === "" ? 0.5 : advance(c);
  const scale = (g.box[2] - g.box[0]) / (total || 1);
  const out: Token[] = [];
  let x = g.box[0];
  for (const [n, m] of matches.entries()) {
    const spaces = [...(m[1] ?? "")].length;
    const text = m[2] ?? "";
    x += 0.5 * spaces * scale;
    const x0 = x;
    for (const c of text) x += advance(c) * scale;
    // The run's own right edge, not the estimate, ends its last word.
    out.push({ text, x0, x1: n === matches.length - 1 ? g.box[2] : x, spaces });
  }
  return out;
}

/** The line as fields (split as fixed-width.ts splits text), measured in columns of `unit` points. */
function positioned(line: TextLine, unit: number): { line: PositionedLine; boxes: Box[] } {
  const words = wordsOf(line);
  let text = "";
  for (const w of words) {
    // Ideographs stand apart only between cells (or in a justified line):
    // two CJK words a word's gap apart are two labels (人员经费 公用经费).
    const cjk = CJK_END.test(text) && CJK_START.test(w.text);
    if (text !== "") text += w.gap > FIELD_GAP || cjk ? "  " : " ";
    text += w.text;
  }
  // Cut exactly where fixed-width.ts cuts text (figures stand alone), then
  // measure each field by the words it took.
  const fields: AlignedField[] = [];
  const boxes: Box[] = [];
  let k = 0;
  for (const { text: f } of splitFields(text, 1)) {
    const n = f.split(" ").length;
    const taken = words.slice(k, k + n);
    k += n;
    const box = unionBox(taken.map((w) => w.box));
    fields.push({ text: f, start: box[0] / unit, end: box[2] / unit, top: box[1] / unit });
    boxes.push(box);
  }
  return { line: { text, fields }, boxes };
}

/** A sentence's words: a clause break, an amount stated in 万元. */
const PROSE = /[，。；！？]|万\s*元/u;

/**
 * Justified prose spreads a sentence's figures apart ("收入预算合计
 * 17996.68 万元，与上"): lines like that are no table however they align.
 */
function isProse(lines: PositionedLine[]): boolean {
  const prose = lines.filter((l) => PROSE.test(l.text)).length;
  return prose * 3 >= lines.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 10;
}

/**
 * Unruled tables among a page's text lines (top to bottom, as groupLines
 * gives them). Each line of a table is used by one table only.
 */
export function alignedTables(lines: TextLine[]): AlignedTable[] {
  if (lines.length < 2) return [];
  const unit = 0.5 * median(lines.map((l) => l.size));
  if (!(unit > 0)) return [];
  // The page as text: one entry a line, blank entries where vertical space
  // parts rows, as pdftotext leaves blank lines.
  const seq: (PositionedLine | undefined)[] = [];
  const source: (number | undefined)[] = [];
  const boxesOf: Box[][] = [];
  let prev: TextLine | undefined;
  for (const [i, l] of lines.entries()) {
    if (prev) {
      const gap = (l.box[1] - prev.box[3]) / Math.max(l.size, prev.size);
      if (gap > BLANK_GAP) {
        const blanks = Math.min(5, 1 + Math.floor((gap - BLANK_GAP) / 2));
        for (let b = 0; b < blanks; b++) {
          seq.push(undefined);
          source.push(undefined);
        }
      }
    }
    const p = positioned(l, unit);
    seq.push(p.line);
    source.push(i);
    boxesOf[i] = p.boxes;
    prev = l;
  }
  const out: AlignedTable[] = [];
  for (const [start, { grid, end }] of alignedTablesFromFields(seq)) {
    const used: TextLine[] = [];
    const read: PositionedLine[] = [];
    for (let v = start; v < end; v++) {
      const i = source[v];
      const l = i === undefined ? undefined : lines[i];
      const p = seq[v];
      if (l && p) {
        used.push(l);
        read.push(p);
      }
    }
    if (used.length === 0 || isProse(read)) continue;
    const rows = grid.rows.map((r) => {
      const i = source[r.line - 1];
      const line = i === undefined ? undefined : lines[i];
      const boxes = i === undefined ? [] : (boxesOf[i] ?? []);
      return { cells: line ? placeCells(r.cells, seq[r.line - 1], boxes) : r.cells };
    });
    const table: AlignedTable = {
      box: unionBox(used.map((l) => l.box)),
      rows,
      lines: used,
    };
    if (grid.doubt) table.doubt = grid.doubt;
    out.push(table);
  }
  return out;
}

/**
 * Boxes for a row's cells: each cell takes the fields of the row's own line
 * that its text holds, matched left to right (a figure cell its figure);
 * a cell whose text lies on other lines only (a wrapped name) has none.
 */
function placeCells(cells: GridCell[], line: PositionedLine | undefined, boxes: Box[]): GridCell[] {
  if (!line) return cells;
  let k = 0;
  return cells.map((c) => {
    if (c.text === "") return c;
    const taken: Box[] = [];
    for (let j = k; j < line.fields.length; j++) {
      const f = line.fields[j];
      const b = boxes[j];
      if (!f || !b) continue;
      // A cell printed whole is one field; a name joined from pieces takes
      // them one after another.
      if (f.text === c.text && taken.length === 0) {
        taken.push(b);
        k = j + 1;
        break;
      }
      if (!/^[-\d.,]+$/.test(f.text) && c.text.includes(f.text)) {
        taken.push(b);
        k = j + 1;
      } else if (taken.length > 0) break;
    }
    return taken.length > 0 ? { ...c, box: unionBox(taken) } : c;
  });
}
