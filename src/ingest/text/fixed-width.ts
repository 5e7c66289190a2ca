/**
 * Tables in column-aligned text (`pdftotext -layout`, fixed-width exports,
 * text copied from a PDF viewer): cells are kept apart by runs of spaces and
 * stand at the same position line after line. Read as a stream of words such
 * a table loses which column a figure stood in; read here it becomes a grid,
 * header rows included, as a ruled PDF table does.
 *
 * A table is a run of lines split into fields by two or more spaces, with
 * figures on several of them. Its columns are where the fields of its figure
 * lines stand; the lines above the first figure are its header (a word
 * wrapped in its cell joined again, a label over several columns spanning
 * them); below, each line with a figure is a row, and a cell's text wrapped
 * onto the lines around it joins that row.
 */
import { isWide } from "../../model/display-width.ts";
import type { GridCell, GridRow, LayoutGrid } from "../layout.ts";

interface Field {
  text: string;
  /** Stands in a column of figures: a figure, or a 0 / - printed among them. */
  figure?: boolean;
  /** Display columns [start, end). */
  start: number;
  end: number;
  /** Measured lines only: the top of its text, in the same columns. */
  top?: number;
}

interface Line {
  index: number;
  fields: Field[];
}

/** A printed amount: decimals, or thousands separators (whole 元). */
const FIGURE = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$/;
/** Whether a field stands over any of these whole columns. */
function coversAny(covered: Set<number>, f: Field): boolean {
  for (let c = Math.floor(f.start); c < f.end; c++) if (covered.has(c)) return true;
  return false;
}

/** Measured lines: the most lines a table's header takes. */
const MAX_HEADER_LINES = 16;

/** A row's name opening an item (（一）, 一、, 1.) or a code (31002). */
const ROW_START =
  /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]|\d{3,}$)/;
/** Lines that never belong to a table's body: titles, units, notes, prose. */
const TITLE_LIKE = /表(?:\s*[(（]续[)）])?$/;
const OUTSIDE =
  /[。；]|(?:^|\s)(?:金额)?单位\s*[:：]|^\s*(?:注|备注|说明)\s*[:：\d]|^\s*第.{1,3}部分/;

/**
 * A line's fields at display columns: text separated by two or more spaces.
 * A figure one space from its neighbour is a field of its own
 * ("21,601,733.00 10,823,891.00", "9,501,164 一、一般公共服务支出": columns
 * pressed together); `wide` is the width of a wide character in positions.
 */
export function splitFields(line: string, wide: number): Field[] {
  // Words: runs of non-space characters, with how many spaces precede each.
  const words: (Field & { gap: number })[] = [];
  let col = 0;
  let cur: (Field & { gap: number }) | undefined;
  let spaces = 0;
  for (const ch of line) {
    const c = ch.codePointAt(0) ?? 0;
    const w = isWide(c) ? wide : 1;
    if (ch === " " || ch === "\u3000" || ch === "\u00a0" || ch === "\f") {
      spaces += ch === "\u3000" ? 2 : 1;
      col += w;
      cur = undefined;
      continue;
    }
    // A word's extent counts one column a character: wider, long names would
    // reach over the figures beside them (the space after a word stays the
    // same whatever width a model gives its characters).
    if (cur) {
      cur.text += ch;
      cur.end += 1;
    } else {
      cur = { text: ch, start: col, end: col + 1, gap: spaces };
      words.push(cur);
    }
    spaces = 0;
    col += w;
  }
  const fields: Field[] = [];
  let field: Field | undefined;
  let prevFigure = false;
  for (const word of words) {
    const figure = isFigure(word.text);
    if (field && word.gap < 2 && !figure && !prevFigure) {
      field.text += ` ${word.text}`;
      field.end = word.end;
    } else {
      field = { text: word.text, start: word.start, end: word.end };
      fields.push(field);
    }
    prevFigure = figure;
  }
  return fields;
}

/** A figure one space after words ("20811 残疾人事业 1.36"): a flattened row, not columns. */
function hasGluedFigure(line: string): boolean {
  return /[^\s\d,.] -?\d[\d,]*\.\d+(?=\s|$)/.test(line);
}

function displayWidth(text: string, wide: number): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0) ?? 0) ? wide : 1;
  return w;
}

function isFigure(text: string): boolean {
  return FIGURE.test(text);
}

function isFig(f: Field): boolean {
  return f.figure ?? isFigure(f.text);
}

/**
 * Fields right of a line's first figure that are whole numbers or dashes
 * ("0", "-") stand in columns of figures too (Shanghai prints an empty
 * amount as 0); left of it they are codes and 行次.
 */
function markFigures(fields: Field[]): Field[] {
  const first = fields.findIndex((f) => isFigure(f.text));
  if (first < 0) return fields;
  // A whole number with a name after it starts the table's right half
  // (“262.33   302   01   办公费   21.21”): a code, not an amount.
  const lastWord = fields.findLastIndex((f) => !/^(?:-?[\d,.]+|[-—–－]+)$/.test(f.text));
  return fields.map((f, k) =>
    k > first && k > lastWord && /^(?:-?\d+|[-—–－]+)$/.test(f.text) ? { ...f, figure: true } : f,
  );
}

function hasFigure(l: Line): boolean {
  return l.fields.some(isFig);
}

/** A line that ends any table: a title, a unit line, a note, prose. */
function isOutside(raw: string, fields: Field[]): boolean {
  if (OUTSIDE.test(raw)) return true;
  if (fields.length === 1) {
    const t = fields[0]?.text ?? "";
    if (TITLE_LIKE.test(t) || t.length > 24) return true;
  }
  return false;
}

/** A line of a table: cells kept apart by runs of spaces, or a figure standing alone in its column. */
function isTableLine(raw: string, fields: Field[]): boolean {
  if (fields.length === 1) return isFigure(fields[0]?.text ?? "");
  return fields.length >= 2 && /\S {2,}\S/.test(raw);
}

interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * Line ranges that may be aligned tables: runs of table lines, with blank
 * lines and lone fragments (a wrapped cell) between them, cut at titles,
 * unit lines, notes and prose.
 */
function candidateSpans(
  lines: string[],
  skip: (i: number) => boolean,
  fieldsAt: FieldsAt = textFields(lines),
  measured = false,
): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i] ?? "";
    const fields = fieldsAt(i, 1);
    if (skip(i) || !isTableLine(raw, fields) || isOutside(raw, fields)) {
      i++;
      continue;
    }
    const start = i;
    let last = i;
    let blanks = 0;
    /** Measured lines: where the table's fields start, and the columns they cover (linear). */
    const starts = new Set<number>();
    const covered = new Set<number>();
    const place = (f: Field[]) => {
      for (const x of f) {
        starts.add(Math.round(x.start * 2));
        for (let c = Math.floor(x.start); c < x.end; c++) covered.add(c);
      }
    };
    if (measured) place(fields);
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (skip(j)) break;
      const l = lines[j] ?? "";
      if (l.trim() === "") {
        if (++blanks > 4) break;
        continue;
      }
      const f = fieldsAt(j, 1);
      if (isOutside(l, f)) break;
      blanks = 0;
      const lone = measured && f.length === 1 ? f[0] : undefined;
      if (isTableLine(l, f)) {
        last = j;
        if (measured) place(f);
      }
      // A name printed without figures, measured where a column of the
      // table starts ("二十七、抗疫特别国债安排的支出"): a row of it.
      else if (lone && [-1, 0, 1].some((d) => starts.has(Math.round(lone.start * 2) + d))) last = j;
      // One under a column of the table keeps it open (names printed
      // without figures at the top of a page, under their header).
      else if (lone && coversAny(covered, lone)) continue;
      // A wrapped piece right under a row ("小计", "出"), not a heading after the table.
      else if (j === last + 1 && (f[0]?.text.length ?? 0) <= 6) last = j;
      // A lone short fragment (a wrapped cell) keeps the table open.
      else if ((f[0]?.text.length ?? 0) > 12) break;
    }
    const floor = spans.at(-1)?.end ?? 0;
    spans.push({ start: headerStart(lines, start, floor, skip, fieldsAt), end: last + 1 });
    i = last + 1;
  }
  return spans;
}

/**
 * Where a table's header starts: labels printed on lines of their own above
 * its first line of columns ("2024年机关运行经" / "费预算数"), up to the
 * title, unit line or previous table.
 */
function headerStart(
  lines: string[],
  start: number,
  floor: number,
  skip: (i: number) => boolean,
  fieldsAt: FieldsAt,
): number {
  let first = start;
  let blanks = 0;
  for (let k = start - 1; k >= floor && !skip(k); k--) {
    const l = lines[k] ?? "";
    if (l.trim() === "") {
      if (++blanks > 2) break;
      continue;
    }
    const f = fieldsAt(k, 1);
    if (isOutside(l, f) || f.length !== 1 || (f[0]?.text.length ?? 0) > 20) break;
    blanks = 0;
    first = k;
  }
  return first;
}

/** Lines split where pdftotext starts a new page (a form feed on the line). */
function pagesOf(body: Line[], lines: string[]): Line[][] {
  const pages: Line[][] = [];
  for (const l of body) {
    if (pages.length === 0 || (lines[l.index] ?? "").includes("\f")) pages.push([]);
    pages[pages.length - 1]?.push(l);
  }
  return pages;
}

/**
 * How many columns the figures' right edges make, under a width model:
 * fewer is better. Counted page by page: each page of a table is laid out
 * afresh, a few columns left or right (alignPages brings them together),
 * and counted together the pages' offsets would favour a width that
 * scatters the figures of every page.
 */
function misalignment(body: Line[], lines: string[]): number {
  let clusters = 0;
  for (const page of pagesOf(body, lines)) {
    const edges = page
      .flatMap((l) => l.fields.filter(isFig).map((f) => f.end))
      .sort((a, b) => a - b);
    let last = -Infinity;
    for (const e of edges) {
      if (e - last > 1.5) clusters++;
      last = e;
    }
  }
  return clusters;
}

interface Column {
  start: number;
  end: number;
  /** A column of figures (placed by right edge), not of words. */
  figures?: boolean;
}

/** Columns where any of these fields stand: the union of their extents. */
function unionColumns(fields: Field[]): Column[] {
  const sorted = [...fields].sort((a, b) => a.start - b.start);
  const cols: Column[] = [];
  for (const f of sorted) {
    const last = cols[cols.length - 1];
    if (last && f.start < last.end) last.end = Math.max(last.end, f.end);
    else cols.push({ start: f.start, end: f.end });
  }
  return cols;
}

/**
 * The columns of a table's rows. Figures stand right-aligned: a column of
 * them is a run of right edges close together (never two of one line);
 * the words beside them make columns where their extents meet.
 */
function bodyColumns(lines: Line[]): Column[] {
  const figures = lines
    .flatMap((l) => l.fields.filter(isFig).map((f) => ({ f, line: l.index })))
    .sort((a, b) => a.f.end - b.f.end);
  const cols: Column[] = [];
  let inCol = new Set<number>();
  let lastEnd = -Infinity;
  for (const { f, line } of figures) {
    const col = cols[cols.length - 1];
    if (col && f.end - lastEnd <= 2 && !inCol.has(line)) {
      col.start = Math.min(col.start, f.start);
      col.end = f.end;
    } else {
      cols.push({ start: f.start, end: f.end, figures: true });
      inCol = new Set();
    }
    inCol.add(line);
    lastEnd = f.end;
  }
  const words = unionColumns(lines.flatMap((l) => l.fields.filter((f) => !isFig(f))));
  return [...cols, ...words].sort((a, b) => a.start + a.end - (b.start + b.end));
}

function overlap(f: Field, c: Column): number {
  return Math.max(0, Math.min(f.end, c.end) - Math.max(f.start, c.start));
}

/** The column a field belongs to: a figure by its right edge; words by most overlap, else the nearest. */
function columnOf(f: Field, cols: Column[]): number {
  let best = -1;
  if (isFig(f)) {
    let bestDist = Infinity;
    cols.forEach((c, k) => {
      const d = Math.abs(c.end - f.end) + (c.figures ? 0 : 1000);
      if (d < bestDist) {
        bestDist = d;
        best = k;
      }
    });
    if (best >= 0) return best;
  }
  let bestOverlap = 0;
  cols.forEach((c, k) => {
    const o = overlap(f, c);
    if (o > bestOverlap) {
      bestOverlap = o;
      best = k;
    }
  });
  if (best >= 0) return best;
  const mid = (f.start + f.end) / 2;
  let bestDist = Infinity;
  cols.forEach((c, k) => {
    const d = mid < c.start ? c.start - mid : mid > c.end ? mid - c.end : 0;
    if (d < bestDist) {
      bestDist = d;
      best = k;
    }
  });
  return best;
}

/**
 * Columns that only the header names (a column left empty all the way
 * down): a label that shares its column with a nearer label of the same
 * line stands over a column of its own.
 */
function headerOnlyColumns(header: Line[], cols: Column[], positioned = false): Column[] {
  const loose: Field[] = positioned ? measuredLooseLabels(header, cols) : [];
  for (const l of header) {
    const nearest = new Map<number, Field[]>();
    for (const f of l.fields) {
      if (columnsUnder(f, cols).length >= 2) continue;
      const k = columnOf(f, cols);
      nearest.set(k, [...(nearest.get(k) ?? []), f]);
    }
    for (const [k, fs] of nearest) {
      const c = cols[k];
      if (!c || fs.length < 2) continue;
      const dist = (f: Field) => Math.abs((f.start + f.end) / 2 - (c.start + c.end) / 2);
      const keep = fs.reduce((a, b) => (dist(b) < dist(a) ? b : a));
      for (const f of fs) if (f !== keep) loose.push(f);
    }
  }
  const data = cols.map((c) => ({ text: "", ...c }));
  return unionColumns(loose).filter((x) => data.every((c) => overlap(c, x) === 0));
}

/**
 * Labels measured where they print (positioned lines) that name a column
 * no figure stands in: a figure column's cell runs from the column before it
 * to its figures' right edge, so a label right of every column, or one
 * clear of the column whose cell it stands in while another label of that
 * cell, beside it, stands over it, heads a column of its own.
 */
function measuredLooseLabels(header: Line[], cols: Column[]): Field[] {
  const owner = (f: Field) => cols.findIndex((c) => f.end <= c.end + 1);
  // A label over two or more columns (收入 over 项目 and 预算数) names none of its own.
  const labels = header.flatMap((l, n) =>
    l.fields.filter(
      (f) => columnsUnder(f, cols).length < 2 && !cellsSpanned(f, cols, header.slice(n + 1)),
    ),
  );
  const over = labels.filter((f) => overlap(f, cols[owner(f)] ?? f) > 0);
  return labels.filter((f) => {
    const k = owner(f);
    const c = cols[k];
    if (!c) return true;
    // A piece of a label wrapped in its cell stands under or over the rest of it.
    const heads = over.filter((g) => owner(g) === k);
    return overlap(f, c) === 0 && heads.length > 0 && heads.every((g) => overlap(f, g) === 0);
  });
}

/**
 * Measured lines: two columns of words side by side whose words never
 * share a line are one column (合计 centred in the cell over names printed
 * from its left edge); a column of codes and one of names share lines.
 */
function joinExclusiveWordColumns(cols: Column[], lines: Line[]): void {
  for (let k = cols.length - 2; k >= 0; k--) {
    const a = cols[k];
    const b = cols[k + 1];
    if (!a || !b || a.figures || b.figures) continue;
    const both = lines.some(
      (l) => l.fields.some((f) => overlap(f, a) > 0) && l.fields.some((f) => overlap(f, b) > 0),
    );
    if (both) continue;
    a.end = Math.max(a.end, b.end);
    cols.splice(k + 1, 1);
  }
}

/** Columns whose middle lies under a field: the columns a header label spans. */
function columnsUnder(f: Field, cols: Column[]): number[] {
  const out: number[] = [];
  cols.forEach((c, k) => {
    const mid = (c.start + c.end) / 2;
    if (mid >= f.start - 1 && mid <= f.end + 1) out.push(k);
  });
  return out;
}

/**
 * The columns a header label stands over: those whose middle it covers, or,
 * for a label centred over the gap between two columns that lower labels
 * name apart (基本支出 over 人员经费 and 公用经费), those two.
 */
function spanned(f: Field, cols: Column[], below: Line[], measured = false): number[] {
  const under = columnsUnder(f, cols);
  if (under.length >= 2) return under;
  if (measured) return cellsSpanned(f, cols, below) ?? under;
  const mid = (f.start + f.end) / 2;
  const k = cols.findIndex((c, i) => c.end <= mid && (cols[i + 1]?.start ?? -1) >= mid);
  if (k < 0) return under;
  const named = new Set(below.flatMap((l) => l.fields.map((g) => columnOf(g, cols))));
  return named.has(k) && named.has(k + 1) ? [k, k + 1] : under;
}

/**
 * For a label measured where it prints: the run of two or more columns,
 * each named by a label below it, whose cells together are centred under
 * it (基本支出 over 小计 人员经费 公用经费). Figures stand right-aligned, so
 * a cell after a column of figures starts right after them; between two
 * other columns cells part halfway across the gap. A label whose rest,
 * wrapped, stands a line lower spans nothing.
 */
function cellsSpanned(f: Field, cols: Column[], below: Line[]): number[] | undefined {
  const mid = (f.start + f.end) / 2;
  const lower = below.flatMap((l) => l.fields);
  // The rest of a label wrapped in its cell stands a line lower, centred
  // alike (labels of the cells below stand a cell's padding lower still).
  const wrapped = (g: Field) =>
    g.start >= f.start - 0.5 &&
    g.end <= f.end + 0.5 &&
    Math.abs((g.start + g.end) / 2 - mid) <= 1 &&
    (g.top ?? 0) - (f.top ?? 0) <= 3.4;
  if (lower.some(wrapped)) return undefined;
  // Labels below it, by column, that stand a row lower (a line lower is its
  // own rest, wrapped).
  const top = f.top ?? 0;
  const byColumn = new Map<number, number[]>();
  for (const g of lower) {
    const t = g.top ?? 0;
    if (t - top <= 3.4) continue;
    const k = columnOf(g, cols);
    byColumn.set(k, [...(byColumn.get(k) ?? []), t]);
  }
  const named = new Set(byColumn.keys());
  // Its children's cells reach down to the foot of the columns it spans: a
  // label centred in such a cell stands lower than halfway between this
  // label and that foot. A label of a cell beside it, as tall as the header
  // (合计 and 项目支出 beside 基本支出), stands higher. A top is a line's
  // height (two columns) above its middle.
  const children = (a: number, b: number): boolean => {
    let foot = top;
    for (let k = a; k <= b; k++) foot = Math.max(foot, ...(byColumn.get(k) ?? []));
    const half = (top + 1 + foot + 2) / 2;
    for (let k = a; k <= b; k++)
      if (!(byColumn.get(k) ?? []).some((t) => t + 1 > half)) return false;
    return true;
  };
  // Where one column's cell ends and the next one's begins: right after
  // right-aligned figures, else halfway across the gap.
  const boundary = (k: number): number => {
    const a = cols[k - 1];
    const c = cols[k];
    if (!a || !c) return 0;
    return a.figures ? a.end : (a.end + c.start) / 2;
  };
  const right = (k: number): number =>
    k + 1 < cols.length ? boundary(k + 1) : (cols[k]?.end ?? 0);
  const left = (k: number): number => {
    const c = cols[k];
    if (!c) return 0;
    if (k > 0) return boundary(k);
    // The first column's cell: figures end at its right edge, as wide as
    // the next column's cell; words stand centred in it.
    if (!c.figures) return c.start + c.end - right(0);
    return cols.length > 1 ? 2 * c.end - right(1) : c.start;
  };
  let best: number[] | undefined;
  let bestDist = Infinity;
  for (let a = 0; a < cols.length; a++) {
    if (!named.has(a)) continue;
    for (let b = a + 1; b < cols.length && named.has(b); b++) {
      const l = left(a);
      const r = right(b);
      if (f.start < l - 1 || f.end > r + 1) continue;
      // Headers are trees: no label below reaches across the run's edges.
      const crosses = (g: Field) =>
        (g.start < l - 1 && g.end > l + 1) || (g.start < r - 1 && g.end > r + 1);
      if (lower.some(crosses) || !children(a, b)) continue;
      // The most columns that centre under it (its children's children
      // centre too: 小计 … 运行维护费 under 上年预算数).
      const d = Math.abs((l + r) / 2 - mid);
      const n = b - a + 1;
      if (d < 1.5 && (!best || n > best.length || (n === best.length && d < bestDist))) {
        bestDist = d;
        best = Array.from({ length: n }, (_, i) => a + i);
      }
    }
  }
  if (best || lower.some((g) => overlap(f, g) > 0)) return best;
  // Cells whose edges the words do not show (one short name, one figure
  // under 收入 / 项目 决算数): a label over the gap between two named
  // columns, with nothing right under it, spans them.
  const k = cols.findIndex((c, i) => c.end <= mid && (cols[i + 1]?.start ?? -1) >= mid);
  return k >= 0 && named.has(k) && named.has(k + 1) ? [k, k + 1] : undefined;
}

/** Text of a cell wrapped over lines, joined: no space between CJK, one between Latin words. */
function joinText(a: string, b: string): string {
  if (a === "") return b;
  if (b === "") return a;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** Header lines → grid rows: labels in their columns, a label over several spanning them. */
function headerRows(
  header: Line[],
  cols: Column[],
  positioned = false,
): { rows: GridRow[]; doubt?: string } {
  const present = new Set(header.map((l) => l.index));
  type Placed = {
    line: number;
    col: number;
    span: number;
    text: string;
    mid: number;
    start: number;
    end: number;
    top?: number;
  };
  const placed: Placed[] = [];
  for (const [n, l] of header.entries()) {
    const ofLine: Placed[] = [];
    for (const f of l.fields) {
      const under = spanned(f, cols, header.slice(n + 1), positioned);
      const col = under.length >= 2 ? (under[0] ?? 0) : columnOf(f, cols);
      ofLine.push({
        line: l.index,
        col,
        span: under.length >= 2 ? under.length : 1,
        text: f.text,
        mid: (f.start + f.end) / 2,
        start: f.start,
        end: f.end,
        ...(f.top !== undefined ? { top: f.top } : {}),
      });
    }
    // Two labels of a line never share a column: a long label reaching over
    // its neighbour's column ("经济分类科目名称" beside "合计") keeps to its own side.
    for (let k = 1; k < ofLine.length; k++) {
      const a = ofLine[k - 1];
      const b = ofLine[k];
      if (!a || !b || a.col !== b.col) continue;
      const taken = (c: number) => ofLine.some((q) => q.col === c);
      if (a.col > 0 && !taken(a.col - 1)) a.col--;
      else if (b.col + 1 < cols.length && !taken(b.col + 1)) b.col++;
    }
    placed.push(...ofLine);
  }
  // A word wrapped in its cell ("基" / "本支出", "单位" / "预留机动" / "经费"):
  // pieces of one column, centred alike, on nearby lines, join into one label.
  const kept: Placed[] = [];
  for (const p of placed) {
    const prev = [...kept]
      .reverse()
      .find((q) => q.col === p.col && q.span === 1 && p.span === 1 && q.line < p.line);
    // Pieces of one cell stand on lines with no blank line between them.
    const adjacent =
      !!prev && p.line - prev.line <= 2 && (p.line - prev.line === 1 || present.has(prev.line + 1));
    // A wrapped word leaves a short piece, or fills the upper line and ends
    // alone on the next; two whole labels one above the other ("支出预算"
    // over "基本支出") stay apart.
    const alone = placed.filter((q) => q.line === p.line).length === 1;
    const wrapped =
      !!prev &&
      (Math.min([...prev.text].length, [...p.text].length) <= 2 ||
        ([...prev.text].length > [...p.text].length && alone));
    // Measured pieces: a line lower (not a cell's padding lower), centred
    // or started alike.
    const measured =
      !!prev &&
      prev.top !== undefined &&
      p.top !== undefined &&
      p.top - prev.top <= 3.4 &&
      (Math.abs(prev.mid - p.mid) <= 1.5 || Math.abs(prev.start - p.start) <= 0.5);
    const joins = positioned
      ? measured
      : adjacent && wrapped && Math.abs((prev?.mid ?? 0) - p.mid) <= 2.5;
    if (prev && joins) {
      const between = kept.some(
        (q) => q !== prev && q.line > prev.line && q.col <= p.col && q.col + q.span > p.col,
      );
      if (!between) {
        prev.text = joinText(prev.text, p.text);
        prev.start = Math.min(prev.start, p.start);
        prev.end = Math.max(prev.end, p.end);
        if (p.top !== undefined) prev.top = p.top;
        continue;
      }
    }
    kept.push(p);
  }
  const byLine = new Map<number, Placed[]>();
  for (const p of kept) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const rows: GridRow[] = [];
  for (const [line, ps] of [...byLine].sort((a, b) => a[0] - b[0])) {
    const cells: GridCell[] = cols.map(() => ({ text: "" }));
    for (const p of ps) {
      const cell = cells[p.col];
      if (!cell) continue;
      cell.text = joinText(cell.text, p.text);
      if (p.span > 1) cell.colSpan = p.span;
    }
    rows.push({ cells, line: line + 1 });
  }
  const doubt = headerDoubt(kept, cols);
  return doubt ? { rows, doubt } : { rows };
}

/**
 * Why the header's labels cannot be trusted to name the figures' columns,
 * if they cannot: two labels that stand side by side on the page fall into
 * one column of figures (the header was laid out at another spacing than
 * the rows: a column is missing), or a column of figures has no label over
 * it (its label fell onto an empty column).
 */
function headerDoubt(
  placed: { col: number; span: number; text: string; start: number; end: number }[],
  cols: Column[],
): string | undefined {
  if (placed.length === 0) return undefined;
  for (const [k, c] of cols.entries()) {
    if (!c.figures) continue;
    const own = placed.filter((p) => p.span === 1 && p.col === k);
    for (const a of own)
      for (const b of own)
        if (a !== b && a.end <= b.start)
          return `表头的“${a.text}”与“${b.text}”在页面上并排，却落在同一列数字上`;
    if (!placed.some((p) => p.col <= k && p.col + p.span > k))
      return `第 ${k + 1} 列的数字上方没有表头`;
  }
  return undefined;
}

/**
 * A line that is a row of its own: it prints a figure, or it starts with a
 * code among other cells (“301   03   奖金” with its amount left blank, beside
 * “302   03   咨询费”): a wrapped name never starts with one.
 */
function isRowLine(l: Line): boolean {
  return hasFigure(l) || (l.fields.length >= 2 && /^\d{3,}$/.test(l.fields[0]?.text ?? ""));
}

/**
 * Body lines → grid rows. Lines without a blank between them form a band;
 * in a band each line with a figure is a row and the other lines (a name
 * wrapped above or below its figures) join the nearest of them; a band with
 * no figure is one row.
 */
function bodyRows(body: Line[], cols: Column[]): GridRow[] {
  const bands: Line[][] = [];
  let prevIndex = -2;
  for (const l of body) {
    if (l.index !== prevIndex + 1 || bands.length === 0) bands.push([]);
    bands[bands.length - 1]?.push(l);
    prevIndex = l.index;
  }
  const rows: GridRow[] = [];
  for (const band of bands) {
    const anchors = band.filter(isRowLine);
    const groups = new Map<Line, Line[]>();
    if (anchors.length === 0) groups.set(band[0] as Line, band);
    else {
      for (const a of anchors) groups.set(a, []);
      // Lines and anchors both run down the page: walk them together (a
      // band of thousands of rows stays linear).
      let k = 0;
      for (const l of band) {
        while (k + 1 < anchors.length && (anchors[k + 1]?.index ?? 0) <= l.index) k++;
        const here = anchors[k] as Line;
        const next = anchors[k + 1];
        // A line opening an item (“四、文化旅游体育与传媒” over its figures)
        // starts the next row's name, however near the row above.
        const opens = /^[一二三四五六七八九十]+、/.test(l.fields[0]?.text ?? "");
        const best =
          next && here.index < l.index && (opens || next.index - l.index < l.index - here.index)
            ? next
            : here;
        groups.get(best)?.push(l);
      }
    }
    for (const [anchor, members] of groups) {
      const cells: GridCell[] = cols.map(() => ({ text: "" }));
      for (const l of members)
        for (const f of l.fields) {
          const cell = cells[columnOf(f, cols)];
          if (cell) cell.text = joinText(cell.text, f.text);
        }
      rows.push({ cells, line: anchor.index + 1 });
    }
  }
  rows.sort((a, b) => a.line - b.line);
  return rows;
}

/** A page number printed at a page's foot: "12", "- 12 -", "第 12 页". */
const PAGE_NUMBER = /^[-—–\s]*(?:\d{1,4}|第\s*\d{1,4}\s*页)[-—–\s]*$/;

/**
 * A table running over pages (pdftotext marks each new page with a form
 * feed): each page lays its columns out afresh, a little left or right, and
 * may print the header again. The header printed again and the page number
 * go; each page's lines shift to stand where the first page puts its columns.
 */
function alignPages(body: Line[], headerTexts: Set<string>, lines: string[]): Line[] {
  const pages = pagesOf(body, lines);
  if (pages.length < 2) return body;
  for (const [n, page] of pages.entries()) {
    if (n > 0) {
      const first = page.findIndex(hasFigure);
      const lead = first < 0 ? page : page.slice(0, first);
      if (lead.some((l) => l.fields.some((f) => headerTexts.has(f.text))))
        page.splice(0, lead.length);
    }
    const last = page.at(-1);
    if (
      n < pages.length - 1 &&
      last &&
      last.fields.length === 1 &&
      PAGE_NUMBER.test(last.fields[0]?.text ?? "")
    )
      page.pop();
  }
  // The first page carries the header: the others stand where it puts its
  // columns. Words (codes, names) and figures are shifted apart: a page set
  // at another scale moves its figures further than its first columns.
  const reference = pages[0] ?? [];
  const refCols = bodyColumns(reference.filter(hasFigure));
  const figureEnds = refCols.filter((c) => c.figures).map((c) => c.end);
  const wordStarts = refCols.filter((c) => !c.figures).map((c) => c.start);
  const bestShift = (xs: number[], targets: number[]): number => {
    let best = 0;
    let bestScore = -1;
    for (let shift = -30; shift <= 30; shift += 0.5) {
      const score = xs.filter((x) => targets.some((y) => Math.abs(x + shift - y) <= 1.5)).length;
      if (score > bestScore || (score === bestScore && Math.abs(shift) < Math.abs(best))) {
        bestScore = score;
        best = shift;
      }
    }
    return best;
  };
  return pages.flatMap((page) => {
    if (page === reference) return page;
    const fields = page.flatMap((l) => l.fields);
    const figureShift = bestShift(
      fields.filter(isFig).map((f) => f.end),
      figureEnds,
    );
    const wordShift = bestShift(
      fields.filter((f) => !isFig(f)).map((f) => f.start),
      wordStarts,
    );
    // Columns of words in the same number as on the first page are those
    // columns, in order, however the page spaced them.
    const pageWords = bodyColumns(page.filter(hasFigure)).filter((c) => !c.figures);
    const refWords = refCols.filter((c) => !c.figures);
    const byRank = pageWords.length === refWords.length;
    // So are columns of figures: a page may set its figures closer together
    // (pdftotext squeezes the 0s of 万里街道's later pages four columns
    // apart), which no one shift undoes.
    const pageFigures = bodyColumns(page.filter(hasFigure)).filter((c) => c.figures);
    const refFigures = refCols.filter((c) => c.figures);
    const figuresByRank = pageFigures.length === refFigures.length;
    const shiftOf = (f: Field): number => {
      if (isFig(f)) {
        if (!figuresByRank) return figureShift;
        const k = columnOf(f, pageFigures);
        return (refFigures[k]?.end ?? 0) - (pageFigures[k]?.end ?? 0);
      }
      if (!byRank) return wordShift;
      const k = columnOf(f, pageWords);
      return (refWords[k]?.start ?? 0) - (pageWords[k]?.start ?? 0);
    };
    return page.map((l) => ({
      ...l,
      fields: l.fields.map((f) => {
        const shift = shiftOf(f);
        return { ...f, start: f.start + shift, end: f.end + shift };
      }),
    }));
  });
}

/** The grid of one candidate span, or undefined when it is no aligned table. */
function spanGrid(
  lines: string[],
  span: Span,
  fieldsAt: FieldsAt = textFields(lines),
  positioned = false,
): LayoutGrid | undefined {
  const read = (wide: number): Line[] => {
    const out: Line[] = [];
    for (let i = span.start; i < span.end; i++) {
      const fields = markFigures(fieldsAt(i, wide));
      if (fields.length > 0) out.push({ index: i, fields });
    }
    return out;
  };
  const narrow = read(1);
  const figureLines = narrow.filter(hasFigure);
  // Columns kept by position, not a sentence or a flattened row with figures in it.
  const multi = narrow.filter((l) => l.fields.length >= 2).length;
  // Measured, one row of figures under a header is a table too (部门支出总表
  // with only its 合计 row): a label and two figures side by side.
  const oneRow =
    positioned &&
    figureLines.length === 1 &&
    (figureLines[0]?.fields.filter(isFig).length ?? 0) >= 2 &&
    figureLines[0]?.fields.some((f) => !isFig(f));
  if (figureLines.length === 0 || multi < 2 || (figureLines.length < 2 && multi < 3 && !oneRow))
    return undefined;
  // Cells kept apart by runs of spaces on most figure lines, not single spaces.
  const spaced = figureLines.filter((l) => /\S {2,}\S/.test(lines[l.index] ?? "")).length;
  if (spaced * 2 < figureLines.length) return undefined;
  const glued = figureLines.filter((l) => hasGluedFigure(lines[l.index] ?? "")).length;
  if (glued * 5 > figureLines.length) return undefined;
  // pdftotext gives a wide character one column, where the page gives it
  // more: figures after long names drift left. The width that lines the
  // figures up best is the one this text was laid out with.
  let parsed = narrow;
  let width = 1;
  let best = misalignment(narrow, lines);
  for (let w = 1.1; w <= 2.05 && best > 1 && !positioned; w += 0.1) {
    const candidate = read(w);
    const score = misalignment(candidate, lines);
    if (score < best) {
      best = score;
      parsed = candidate;
      width = w;
    }
  }
  // Measured, the header also ends at a line opening with an item or a
  // code ("（二十一）…", "31002 办公设备购置" printed without figures at the
  // top of a page): a row, not a label.
  const figureAt = parsed.findIndex(hasFigure);
  const itemAt = positioned
    ? parsed.findIndex((l, k) => k > 0 && ROW_START.test(l.fields[0]?.text ?? ""))
    : -1;
  const firstFigure = itemAt >= 0 && itemAt < figureAt ? itemAt : figureAt;
  // No header runs longer than this: many more lines above the first
  // figure are no header (and would cost a pass over them each).
  if (positioned && firstFigure > MAX_HEADER_LINES) return undefined;
  // A label's characters reach further right than a figure's drift shows
  // (pdftotext's column is an average over CJK and digits): about one and a half.
  const labelWidth = Math.max(width, 1.5);
  const header = parsed.slice(0, firstFigure).map((l) => ({
    ...l,
    fields: positioned
      ? l.fields
      : l.fields.map((f) => ({ ...f, end: f.start + displayWidth(f.text, labelWidth) })),
  }));
  const headerTexts = new Set(header.flatMap((l) => l.fields.map((f) => f.text)));
  const body = alignPages(parsed.slice(firstFigure), headerTexts, lines);
  const figureRows = body.filter(hasFigure);
  const cols = bodyColumns(figureRows);
  if (positioned) joinExclusiveWordColumns(cols, figureRows);
  cols.push(...headerOnlyColumns(header, cols, positioned));
  cols.sort((a, b) => a.start - b.start);
  const head = headerRows(header, cols, positioned);
  const rows = [...head.rows, ...bodyRows(body, cols)];
  const grid: LayoutGrid = { kind: "grid", rows, line: span.start + 1, endLine: span.end };
  if (head.doubt) grid.doubt = head.doubt;
  return grid;
}

/**
 * Aligned tables in these lines, by the index of their first line; `skip`
 * marks lines another reading owns (markdown rows, tab-separated rows).
 */
export function alignedTables(
  lines: string[],
  skip: (i: number) => boolean,
): Map<number, { grid: LayoutGrid; end: number }> {
  const out = new Map<number, { grid: LayoutGrid; end: number }>();
  for (const span of candidateSpans(lines, skip)) {
    const grid = spanGrid(lines, span);
    if (grid) out.set(span.start, { grid, end: span.end });
  }
  return out;
}

/** A line's fields under a width model (a wide character's width in positions). */
type FieldsAt = (i: number, wide: number) => Field[];

function textFields(lines: string[]): FieldsAt {
  return (i, wide) => splitFields(lines[i] ?? "", wide);
}

export type { Field };

/**
 * A line whose fields stand where they were measured (a PDF's glyph boxes),
 * not where counted characters put them: start and end in columns of half
 * an em, so the thresholds above keep their meaning. `text` is the line
 * with its fields two spaces apart and the words of a field one (what tells
 * a table line from a sentence); undefined is a blank line.
 */
export interface PositionedLine {
  text: string;
  fields: Field[];
}

/** Aligned tables among positioned lines, by the index of their first line. */
export function alignedTablesFromFields(
  lines: readonly (PositionedLine | undefined)[],
): Map<number, { grid: LayoutGrid; end: number }> {
  const texts = lines.map((l) => l?.text ?? "");
  const fieldsAt: FieldsAt = (i) => lines[i]?.fields ?? [];
  const out = new Map<number, { grid: LayoutGrid; end: number }>();
  for (const span of candidateSpans(texts, () => false, fieldsAt, true)) {
    const grid = spanGrid(texts, span, fieldsAt, true);
    if (grid) out.set(span.start, { grid, end: span.end });
  }
  return out;
}
