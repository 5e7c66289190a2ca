/**
 * Mutations made in the documents themselves, for the end-to-end mutation
 * benchmark (bench/mutation.bench.ts): one realistic defect at a time is
 * written into the text of a seed, the text lines (and table cells) of a
 * PDF's layout, or the cells of a workbook, and the document is read and
 * recognised again, so a defect that reading or recognition loses is lost
 * here too.
 *
 * Every place a mutation touches is found by structure, from the recognised
 * model of the unmutated document (a cell's `source.line`, a row's range, a
 * table's title line, a claim's line), never by a line number written here.
 * Each mutation says what it changed and how the mutated document should read
 * (`expect`), so a miss can be told apart: misread (recognition) or read as
 * intended and not reported (the checker).
 */
import type { GridRow, Layout, LayoutBlock, LayoutLine } from "../../src/ingest/layout.ts";
import { textLayout } from "../../src/ingest/text/layout.ts";
import { parseAmount } from "../../src/model/money.ts";
import type { Claim, Disclosure, Row, Table } from "../../src/model/schema.ts";
import { recognize } from "../../src/recognize/index.ts";

export type Rand = () => number;

/** One line of a layout, or one row of a layout's grid (with the grid it belongs to). */
type Unit =
  | { kind: "line"; line: LayoutLine }
  | { kind: "row"; row: GridRow; grid: number; page: number | undefined };

/**
 * A document in a form that can be edited line by line: the lines of a text
 * file, or the lines and grid rows of a layout (PDF, spreadsheet) in reading
 * order. Line n is the document's own line n (1-based), as in `source.line`.
 */
export type Source =
  | { format: "text"; lines: string[]; encoding?: string }
  | { format: "layout"; layout: Omit<Layout, "blocks">; units: Unit[] };

export function textSource(text: string, encoding?: string): Source {
  return {
    format: "text",
    lines: text.split(/\r\n|\r|\n/),
    ...(encoding ? { encoding } : {}),
  };
}

export function layoutSource(layout: Layout): Source {
  const units: Unit[] = [];
  layout.blocks.forEach((b, i) => {
    if (b.kind === "line") units.push({ kind: "line", line: b });
    else for (const row of b.rows) units.push({ kind: "row", row, grid: i, page: b.page });
  });
  const { blocks: _, ...rest } = layout;
  return { format: "layout", layout: rest, units };
}

export function cloneSource(src: Source): Source {
  return structuredClone(src);
}

function unitLine(u: Unit): number {
  return u.kind === "line" ? u.line.line : u.row.line;
}

/** Index of a line in the source (0-based), or -1. */
function indexOf(src: Source, line: number): number {
  if (src.format === "text") return line >= 1 && line <= src.lines.length ? line - 1 : -1;
  // Lines are in reading order and (for PDFs and spreadsheets) numbered 1…n.
  const guess = line - 1;
  if (src.units[guess] && unitLine(src.units[guess]) === line) return guess;
  return src.units.findIndex((u) => unitLine(u) === line);
}

/** The texts a line holds: the line itself, or the cells of a grid row. */
export function piecesAt(src: Source, line: number): string[] {
  const i = indexOf(src, line);
  if (i < 0) return [];
  if (src.format === "text") return [src.lines[i] ?? ""];
  const u = src.units[i];
  if (!u) return [];
  return u.kind === "line" ? [u.line.text] : u.row.cells.map((c) => c.text);
}

/** All lines of the source in order, as joined text (for diffs in tests and reports). */
export function linesOf(src: Source): string[] {
  if (src.format === "text") return [...src.lines];
  return src.units.map((u) =>
    u.kind === "line" ? u.line.text : u.row.cells.map((c) => c.text).join("¦"),
  );
}

/** A span of text in one piece of one line. */
export interface Span {
  line: number;
  piece: number;
  start: number;
  end: number;
}

function setPiece(src: Source, line: number, piece: number, text: string): void {
  const i = indexOf(src, line);
  if (i < 0) throw new Error(`no line ${line}`);
  if (src.format === "text") {
    src.lines[i] = text;
    return;
  }
  const u = src.units[i];
  if (!u) return;
  if (u.kind === "line") u.line.text = text;
  else {
    const cell = u.row.cells[piece];
    if (cell) cell.text = text;
  }
}

/** Replaces spans (all in the unmutated coordinates) by new texts. */
export function replaceSpans(src: Source, edits: { span: Span; text: string }[]): void {
  const sorted = [...edits].sort(
    (a, b) =>
      a.span.line - b.span.line || a.span.piece - b.span.piece || b.span.start - a.span.start,
  );
  for (const { span, text } of sorted) {
    const old = piecesAt(src, span.line)[span.piece] ?? "";
    setPiece(src, span.line, span.piece, old.slice(0, span.start) + text + old.slice(span.end));
  }
}

/** Removes lines [from, to]. */
export function removeLines(src: Source, from: number, to: number): void {
  const a = indexOf(src, from);
  const b = indexOf(src, to);
  if (a < 0 || b < a) throw new Error(`no lines ${from}–${to}`);
  if (src.format === "text") src.lines.splice(a, b - a + 1);
  else src.units.splice(a, b - a + 1);
}

/** Prints lines [from, to] a second time, right after `to`. */
export function duplicateLines(src: Source, from: number, to: number): void {
  const a = indexOf(src, from);
  const b = indexOf(src, to);
  if (a < 0 || b < a) throw new Error(`no lines ${from}–${to}`);
  if (src.format === "text") src.lines.splice(b + 1, 0, ...src.lines.slice(a, b + 1));
  else src.units.splice(b + 1, 0, ...structuredClone(src.units.slice(a, b + 1)));
}

/** Moves lines [from, to] to just after line `after` (outside the range). */
export function moveLines(src: Source, from: number, to: number, after: number): void {
  const a = indexOf(src, from);
  const b = indexOf(src, to);
  const t = indexOf(src, after);
  if (a < 0 || b < a || t < 0 || (t >= a && t <= b)) throw new Error("bad move");
  const list: unknown[] = src.format === "text" ? src.lines : src.units;
  const moved = list.splice(a, b - a + 1);
  const at = t > b ? t - moved.length + 1 : t + 1;
  if (src.format === "layout") {
    // A grid row moved next to another grid's row joins that grid.
    const target = src.units[t > b ? t - moved.length : t];
    for (const u of moved as Unit[])
      if (u.kind === "row" && target?.kind === "row") {
        u.grid = target.grid;
        u.page = target.page;
      }
  }
  list.splice(at, 0, ...moved);
}

/** The layout of a layout source, its lines numbered 1…n again after edits. */
export function layoutOf(src: Source): Layout {
  if (src.format === "text") return textLayout(src.lines.join("\n"), src.encoding);
  const blocks: LayoutBlock[] = [];
  let grid: { id: number; rows: GridRow[]; page: number | undefined } | undefined;
  const flush = () => {
    if (!grid || grid.rows.length === 0) return;
    const first = grid.rows[0] as GridRow;
    const last = grid.rows[grid.rows.length - 1] as GridRow;
    blocks.push({
      kind: "grid",
      rows: grid.rows,
      line: first.line,
      endLine: last.line,
      ...(grid.page !== undefined ? { page: grid.page } : {}),
    });
    grid = undefined;
  };
  src.units.forEach((u, i) => {
    const n = i + 1;
    if (u.kind === "line") {
      flush();
      blocks.push({ ...u.line, line: n });
      return;
    }
    if (!grid || grid.id !== u.grid) {
      flush();
      grid = { id: u.grid, rows: [], page: u.page };
    }
    grid.rows.push({ ...u.row, line: n });
  });
  flush();
  return { ...structuredClone(src.layout), lineCount: src.units.length, blocks };
}

/** Reads and recognises a (mutated) source, as the pipeline reads a file. */
export function readSource(src: Source, file?: string): Disclosure {
  return recognize(layoutOf(src), file === undefined ? {} : { file });
}

// ─── Places in the recognised model ──────────────────────────────────────

/** Lines [first, last] a row is printed on, from its own and its cells' provenance. */
export function rowLines(row: Row): [number, number] {
  let first = row.source.line;
  let last = row.source.endLine ?? row.source.line;
  for (const c of Object.values(row.cells)) {
    first = Math.min(first, c.source.line);
    last = Math.max(last, c.source.endLine ?? c.source.line);
  }
  return [first, last];
}

const NUMBER_CHAR = /[\d.,]/;

/** Where `token` stands as a whole number in a piece of text (not inside a longer one). */
function tokenStarts(text: string, token: string): number[] {
  const out: number[] = [];
  if (!token) return out;
  let from = 0;
  for (;;) {
    const i = text.indexOf(token, from);
    if (i < 0) return out;
    const before = text[i - 1] ?? "";
    const after = text[i + token.length] ?? "";
    if (!NUMBER_CHAR.test(before) && !NUMBER_CHAR.test(after)) out.push(i);
    from = i + 1;
  }
}

/** Every whole-number occurrence of `token` on a line, in reading order. */
function findTokens(src: Source, line: number, token: string): Span[] {
  const out: Span[] = [];
  piecesAt(src, line).forEach((piece, p) => {
    for (const start of tokenStarts(piece, token))
      out.push({ line, piece: p, start, end: start + token.length });
  });
  return out;
}

/** A printed table cell with where it stands. */
export interface CellPlace {
  table: Table;
  tableIndex: number;
  row: Row;
  column: string;
  text: string;
  amount: number;
  span: Span;
}

/**
 * Every non-blank printed cell of the document's tables, located in the
 * source: on its line, the n-th occurrence of its text, where n counts the
 * cells of the same text on that line before it (tables, rows and columns
 * in reading order). A cell is left out where that is not certain: its line
 * prints its text more often than the model holds it (a column the model
 * does not read prints the same figure), another row on the line has the
 * same figure, or the line does not print it (a number broken over two
 * lines).
 */
export function cellPlaces(doc: Disclosure, src: Source): CellPlace[] {
  const found: Omit<CellPlace, "span">[] = [];
  doc.tables.forEach((table, tableIndex) => {
    const order = table.columns.map((c) => c.id as string);
    for (const row of table.rows) {
      const cols = Object.keys(row.cells).sort(
        (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99),
      );
      for (const column of cols) {
        const cell = row.cells[column];
        if (!cell || cell.amount === null || !cell.text.trim()) continue;
        found.push({ table, tableIndex, row, column, text: cell.text, amount: cell.amount });
      }
    }
  });
  const lineOf = (c: Omit<CellPlace, "span">) => c.row.cells[c.column]?.source.line ?? 0;
  const byKey = new Map<string, Omit<CellPlace, "span">[]>();
  for (const c of found) {
    const key = `${lineOf(c)}|${c.text}`;
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const out: CellPlace[] = [];
  for (const group of byKey.values()) {
    const first = group[0];
    if (!first) continue;
    const spans = findTokens(src, lineOf(first), first.text);
    if (spans.length !== group.length) continue;
    // The same figure in two rows of one line: which is which is not certain.
    if (new Set(group.map((c) => c.row)).size > 1) continue;
    group.forEach((c, i) => {
      out.push({ ...c, span: spans[i] as Span });
    });
  }
  return out;
}

/** The row of a re-read document that stands for `row` of `table` (same table id and row key). */
export function sameRow(d: Disclosure, table: Table, row: Row, nth = 0): Row | undefined {
  const tables = d.tables.filter((t) => t.id === table.id && t.title === table.title);
  const t = tables[0] ?? d.tables.find((x) => x.id === table.id);
  return t?.rows.filter((r) => r.key === row.key)[nth];
}

// ─── Mutations ───────────────────────────────────────────────────────────

/** What one mutation changed, and how the mutated document should read. */
export interface Change {
  /** In Chinese, for the report: where and what. */
  what: string;
  /** Lines of the unmutated document it touched. */
  lines: number[];
  /** Whether the re-read document shows the change as intended. */
  expect(d: Disclosure): boolean;
}

/** A place a mutation can be made: applying it edits a copy of the source. */
export interface Site {
  apply(src: Source, rand: Rand): Change | undefined;
}

/** A document read once, with what mutations need to know about it. */
export interface ReadDocument {
  name: string;
  source: Source;
  disclosure: Disclosure;
  /** Names of other entities (from other documents), for the 职责 mutation. */
  otherEntities: string[];
}

export interface Mutation {
  /** The kind, in Chinese, as printed in the benchmark's table. */
  kind: string;
  sites(doc: ReadDocument): Site[];
  /**
   * Places of this kind left out, each with why (in Chinese): a change there
   * leaves a document that no reader could tell from a correct one.
   */
  leftOut?(doc: ReadDocument): string[];
}

const pick = <T>(rand: Rand, xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];

/** Decimals printed in an amount's text. */
function decimals(text: string): number {
  const m = /\.(\d+)$/.exec(text);
  return m ? (m[1] ?? "").length : 0;
}

/**
 * The smallest change (hundredths) that rounding cannot explain: none for
 * a 元 table printed to the fen; for a rounded figure (万元, or printed
 * without its fen) more than the 尾差 the checker allows over a sum of all
 * the table's rows, (n + 1) × half the last printed place.
 */
function roundingSlack(text: string, unit: string, addends: number): number {
  const d = decimals(text);
  if (unit === "元" && d >= 2) return 0;
  const half = 10 ** (2 - Math.min(d, 2)) / 2;
  return (addends + 1) * half;
}

/**
 * One digit of a printed amount changed: never the last digit of a rounded
 * figure, never a leading digit to 0, and by more than `slack`.
 */
export function changeDigit(
  text: string,
  rounded: boolean,
  slack: number,
  rand: Rand,
): string | undefined {
  const digits: number[] = [];
  for (let i = 0; i < text.length; i++) if (/\d/.test(text[i] ?? "")) digits.push(i);
  const candidates = rounded ? digits.slice(0, -1) : digits;
  const old = parseAmount(text);
  if (old === undefined) return undefined;
  for (let attempt = 0; attempt < 8; attempt++) {
    const i = pick(rand, candidates);
    if (i === undefined) return undefined;
    const was = Number(text[i]);
    let digit = (was + 1 + Math.floor(rand() * 9)) % 10;
    if (i === digits[0] && digit === 0 && digits.length > 1) digit = was === 1 ? 2 : 1;
    const next = text.slice(0, i) + String(digit) + text.slice(i + 1);
    const amount = parseAmount(next);
    if (amount !== undefined && Math.abs(amount - old) > slack) return next;
  }
  return undefined;
}

const where = (doc: ReadDocument, line: number) => `${doc.name} 第 ${line} 行`;

/**
 * A 其中 line whose figure the document prints nowhere else, in no table and
 * no sentence (西南大学's 其中：捐赠收入): nothing but "part ≤ whole" bounds
 * it, so a changed figure that stays below its whole is a document no reader
 * can tell from a correct one.
 */
function unbound(doc: ReadDocument, c: CellPlace): boolean {
  if (!/^\s*其中/u.test(c.row.name)) return false;
  // Compared in 万元 to the cent, so that a figure printed in 元 elsewhere counts.
  const wan = (amount: number, unit: string) =>
    unit === "元" ? Math.round(amount / 10_000) : amount;
  const figure = wan(c.amount, c.table.unit);
  let printed = 0;
  for (const t of doc.disclosure.tables)
    for (const r of t.rows)
      for (const cell of Object.values(r.cells))
        if (cell.amount !== null && wan(cell.amount, t.unit) === figure) printed++;
  for (const claim of doc.disclosure.claims)
    if (claim.amount !== undefined && wan(claim.amount, claim.unit ?? "万元") === figure) printed++;
  return printed <= 1;
}

/** A digit changed in each printed cell `kindOf` names for this mutation kind. */
function cellDigit(
  kind: string,
  kindOf: (t: Table, r: Row, column: string) => string | undefined,
): Mutation {
  const placesOf = (doc: ReadDocument) =>
    cellPlaces(doc.disclosure, doc.source).filter(
      (c) => c.amount !== 0 && kindOf(c.table, c.row, c.column) === kind,
    );
  return {
    kind,
    leftOut(doc) {
      return placesOf(doc)
        .filter((c) => unbound(doc, c))
        .map(
          (c) =>
            `${where(doc, c.span.line)}《${c.table.title}》${c.row.name}（${c.text}）：“其中”行的数字全文只印这一次，只受“其中 ≤ 所属行”约束`,
        );
    },
    sites(doc) {
      return placesOf(doc)
        .filter((c) => !unbound(doc, c))
        .map((c) => ({
          apply(src, rand) {
            const rounded = c.table.unit === "万元" || decimals(c.text) < 2;
            const slack = roundingSlack(c.text, c.table.unit, c.table.rows.length);
            const next = changeDigit(c.text, rounded, slack, rand);
            if (!next) return undefined;
            replaceSpans(src, [{ span: c.span, text: next }]);
            const amount = parseAmount(next);
            const nth = c.table.rows.filter((r) => r.key === c.row.key).indexOf(c.row);
            return {
              what: `${where(doc, c.span.line)}《${c.table.title}》${c.row.name} ${c.column}：${c.text} → ${next}`,
              lines: [c.span.line],
              expect: (d) => sameRow(d, c.table, c.row, nth)?.cells[c.column]?.amount === amount,
            };
          },
        }));
    },
  };
}

const FUNCTION_TABLES = new Set([
  "expenditure",
  "gpb_function",
  "fiscal_function",
  "gov_fund",
  "state_capital",
  "gpb_basic_function",
  "income",
]);
const ECONOMIC_TABLES = new Set([
  "gpb_basic_economic",
  "gpb_economic",
  "fiscal_basic_economic",
  "gpb_project_economic",
]);
const FUNCTION_COLUMNS: Record<string, string> = {
  total: "合计列",
  basic: "基本支出列",
  project: "项目支出列",
  personnel: "人员经费列",
  public: "公用经费列",
};
const THREE_PUBLIC_LINES: Record<string, string> = {
  "three_public.total": "合计",
  "three_public.abroad": "因公出国（境）费",
  "three_public.reception": "公务接待费",
  "three_public.vehicle": "公务用车购置及运行费",
  "three_public.vehicle_purchase": "公务用车购置费",
  "three_public.vehicle_operation": "公务用车运行费",
  running_cost: "机关运行经费",
};

const isTotalRow = (r: Row) =>
  r.keyKind === "line" &&
  (/(^|\.)(grand_)?total(#\d+)?$/.test(r.key) || /^(合计|总计)/.test(r.name));

/** The digit kind of a printed table cell: which column or line of which table family. */
export function cellKind(t: Table, r: Row, column: string): string | undefined {
  if (FUNCTION_TABLES.has(t.id)) {
    if (isTotalRow(r)) return "功能分类表·合计行";
    if (r.keyKind !== "func") return undefined;
    if (t.id === "income") return column === "total" ? "功能分类表·合计列" : "收入表·各来源列";
    const c = FUNCTION_COLUMNS[column];
    return c ? `功能分类表·${c}` : "功能分类表·其他列";
  }
  if (t.id === "summary" || t.id === "fiscal_summary") {
    if (r.key.startsWith("income.")) return "收支总表·收入各行";
    if (r.key.startsWith("expenditure.")) return "收支总表·支出各行";
    return undefined;
  }
  if (ECONOMIC_TABLES.has(t.id)) {
    if (/^(personnel|public)_total/.test(r.key) || /^(人员经费|公用经费)合计/.test(r.name))
      return "经济分类表·人员经费合计/公用经费合计行";
    if (isTotalRow(r)) return "经济分类表·合计行";
    if (r.keyKind === "econ_dept" || r.keyKind === "econ_gov")
      return r.level === 1 ? "经济分类表·类" : "经济分类表·款";
    return undefined;
  }
  if (t.id === "running_cost") return "机关运行经费表";
  if (t.id === "three_public") {
    const base = r.key.replace(/#\d+$/, "");
    const line = THREE_PUBLIC_LINES[base];
    return line ? `“三公”经费表·${line}` : undefined;
  }
  return undefined;
}

export const CELL_KINDS: string[] = [
  ...Object.values(FUNCTION_COLUMNS).map((c) => `功能分类表·${c}`),
  "功能分类表·其他列",
  "功能分类表·合计行",
  "收入表·各来源列",
  "收支总表·收入各行",
  "收支总表·支出各行",
  "经济分类表·款",
  "经济分类表·类",
  "经济分类表·人员经费合计/公用经费合计行",
  "经济分类表·合计行",
  "机关运行经费表",
  ...[...new Set(Object.values(THREE_PUBLIC_LINES))].map((l) => `“三公”经费表·${l}`),
];

// ─── Narrative amounts ───────────────────────────────────────────────────

const NUMBER_TOKEN = /\d[\d,]*(?:\.\d+)?/g;

/** Where a claim's amount is printed: the one number on its lines that reads as it. */
function claimAmountSpan(src: Source, c: Claim): { span: Span; text: string } | undefined {
  if (c.amount === undefined) return undefined;
  const found: { span: Span; text: string }[] = [];
  for (let line = c.source.line; line <= (c.source.endLine ?? c.source.line); line++) {
    piecesAt(src, line).forEach((p, piece) => {
      for (const m of p.matchAll(NUMBER_TOKEN)) {
        const start = m.index ?? 0;
        const text = m[0];
        // A figure followed by % is a rate or share, not an amount.
        if (/^\s*%/.test(p.slice(start + text.length))) continue;
        if (parseAmount(text) === c.amount)
          found.push({ span: { line, piece, start, end: start + text.length }, text });
      }
    });
  }
  return found.length === 1 ? found[0] : undefined;
}

/** A digit changed in the printed amount of each claim `which` selects. */
function claimDigit(kind: string, which: (c: Claim, d: Disclosure) => boolean): Mutation {
  return {
    kind,
    sites(doc) {
      const out: Site[] = [];
      for (const c of doc.disclosure.claims) {
        if (!c.amount || !which(c, doc.disclosure)) continue;
        const at = claimAmountSpan(doc.source, c);
        if (!at) continue;
        out.push({
          apply(src, rand) {
            const next = changeDigit(at.text, true, 0, rand);
            if (!next) return undefined;
            replaceSpans(src, [{ span: at.span, text: next }]);
            const amount = parseAmount(next);
            return {
              what: `${where(doc, at.span.line)}“${c.subject.label}” ${at.text} → ${next}`,
              lines: [at.span.line],
              expect: (d) =>
                d.claims.some((x) => x.source.line === c.source.line && x.amount === amount),
            };
          },
        });
      }
      return out;
    },
  };
}

const TOTAL_SUBJECTS = new Set([
  "income_total",
  "expenditure_total",
  "grand_total",
  "fiscal_total",
  "gpb_total",
  "basic",
  "project",
  "expenditure_line",
  "income_line",
]);
const LATE_SECTION = /绩效|其他重要事项|其他需要说明|名词解释/;

export const CLAIM_KINDS: Mutation[] = [
  claimDigit("说明·机关运行经费", (c) => c.subject.kind === "running_cost"),
  claimDigit("说明·“三公”经费", (c) => c.subject.kind === "three_public"),
  claimDigit(
    "说明·绩效等后部章节重述的总额",
    (c) => TOTAL_SUBJECTS.has(c.subject.kind) && LATE_SECTION.test(c.section ?? ""),
  ),
  claimDigit(
    "说明·收支总额",
    (c) => TOTAL_SUBJECTS.has(c.subject.kind) && !LATE_SECTION.test(c.section ?? ""),
  ),
];

// ─── Structural mutations ────────────────────────────────────────────────

/** A 合计 printed as 0. */
export const totalZero: Mutation = {
  kind: "合计印成 0",
  sites(doc) {
    return cellPlaces(doc.disclosure, doc.source)
      .filter((c) => isTotalRow(c.row) && c.amount > 100 && c.table.id !== "other")
      .map((c) => ({
        apply(src) {
          const zero = decimals(c.text) > 0 ? `0.${"0".repeat(decimals(c.text))}` : "0";
          replaceSpans(src, [{ span: c.span, text: zero }]);
          const nth = c.table.rows.filter((r) => r.key === c.row.key).indexOf(c.row);
          return {
            what: `${where(doc, c.span.line)}《${c.table.title}》${c.row.name} ${c.column}：${c.text} → ${zero}`,
            lines: [c.span.line],
            expect: (d) => sameRow(d, c.table, c.row, nth)?.cells[c.column]?.amount === 0,
          };
        },
      }));
  },
};

/** Rows that are the only row on their lines: [table, row, first, last]. */
function ownLineRows(d: Disclosure, accept: (t: Table, r: Row) => boolean) {
  const count = new Map<number, number>();
  const spans = d.tables.flatMap((t) => t.rows.map((r) => ({ t, r, span: rowLines(r) })));
  for (const { span } of spans)
    for (let l = span[0]; l <= span[1]; l++) count.set(l, (count.get(l) ?? 0) + 1);
  return spans.filter(({ t, r, span }) => {
    if (!accept(t, r) || span[1] - span[0] > 6) return false;
    for (let l = span[0]; l <= span[1]; l++) if (count.get(l) !== 1) return false;
    return Object.values(r.cells).some((c) => (c.amount ?? 0) !== 0);
  });
}

const isItem = (r: Row) =>
  (r.keyKind === "func" && r.level === 3) || (r.keyKind === "econ_dept" && r.level === 2);

/** A 项 (or 经济分类 款) row printed twice. */
export const rowTwice: Mutation = {
  kind: "一行印了两次",
  sites(doc) {
    return ownLineRows(doc.disclosure, (t, r) => t.id !== "other" && isItem(r)).map(
      ({ t, r, span }) => ({
        apply(src) {
          duplicateLines(src, span[0], span[1]);
          const before = t.rows.filter((x) => x.key.replace(/#\d+$/, "") === r.key).length;
          return {
            what: `${where(doc, span[0])}《${t.title}》${r.key} ${r.name} 印了两次`,
            lines: [span[0], span[1]],
            expect: (d) =>
              (d.tables
                .find((x) => x.id === t.id && x.title === t.title)
                ?.rows.filter((x) => x.key.replace(/#\d+$/, "") === r.key).length ?? 0) > before,
          };
        },
      }),
    );
  },
};

/** Two 项 of different 款 (or 经济分类 款 of different 类) swap their amounts. */
export const rowsSwapped: Mutation = {
  kind: "不同上级的两行金额互换",
  sites(doc) {
    const places = cellPlaces(doc.disclosure, doc.source);
    const rows = ownLineRows(doc.disclosure, (t, r) => t.id !== "other" && isItem(r));
    const out: Site[] = [];
    const parent = (r: Row) => (r.keyKind === "func" ? r.key.slice(0, 5) : r.key.slice(0, 3));
    for (const [i, a] of rows.entries()) {
      for (const b of rows.slice(i + 1)) {
        if (a.t !== b.t || parent(a.r) === parent(b.r)) continue;
        const edits: { span: Span; text: string }[] = [];
        const cols = Object.keys(a.r.cells).filter((c) => b.r.cells[c]);
        const at = (r: Row, col: string) => places.find((p) => p.row === r && p.column === col);
        let differs = false;
        let ok = true;
        for (const col of cols) {
          const pa = at(a.r, col);
          const pb = at(b.r, col);
          if (!pa && !pb) continue;
          if (!pa || !pb) {
            ok = false;
            break;
          }
          if (pa.text === pb.text) continue;
          const slack = roundingSlack(pa.text, a.t.unit, a.t.rows.length);
          if (Math.abs(pa.amount - pb.amount) > slack) differs = true;
          edits.push({ span: pa.span, text: pb.text }, { span: pb.span, text: pa.text });
        }
        if (!ok || !differs) continue;
        const t = a.t;
        out.push({
          apply(src) {
            replaceSpans(src, edits);
            const total = (r: Row) => r.cells.total?.amount ?? r.cells.amount?.amount;
            return {
              what: `${where(doc, a.span[0])}与第 ${b.span[0]} 行《${t.title}》${a.r.key} ${a.r.name} 与 ${b.r.key} ${b.r.name} 金额互换`,
              lines: edits.map((e) => e.span.line),
              expect: (d) =>
                total(sameRow(d, t, a.r) ?? a.r) === total(b.r) &&
                total(sameRow(d, t, b.r) ?? b.r) === total(a.r),
            };
          },
        });
      }
    }
    return out;
  },
};

/** The 职责 section's lines (after its heading), where the text is. */
function dutySections(d: Disclosure) {
  // A heading that is the duty section ("一、主要职能", "（一）部门职责"), not
  // one that only mentions duties ("二、切实担当起公益代表职责").
  const duty = /^[（(]?[一二三四五六七八九十\d]*[）)、.．]?\s*(部门|单位)?(主要)?(职责|职能)/;
  return d.sections.filter((s) => duty.test(s.heading.trim()) && s.text.trim().length > 20);
}

/** Another entity's name written into the 职责 text, as a copy from another unit's document. */
export const foreignEntity: Mutation = {
  kind: "职责中出现其他单位名称",
  sites(doc) {
    const own = doc.disclosure.entity.name;
    const others = doc.otherEntities.filter(
      (n) => n && own && !n.includes(own) && !own.includes(n),
    );
    if (others.length === 0) return [];
    const out: Site[] = [];
    for (const s of dutySections(doc.disclosure)) {
      const first = s.source.line;
      const last = s.source.endLine ?? s.source.line;
      for (let line = first; line <= last; line++) {
        const text = piecesAt(doc.source, line)[0] ?? "";
        if (text.trim().length < 8 || text.includes(s.heading.slice(0, 6))) continue;
        const at = own ? text.indexOf(own) : -1;
        out.push({
          apply(src, rand) {
            const other = pick(rand, others) as string;
            const span =
              at >= 0
                ? { line, piece: 0, start: at, end: at + own.length }
                : { line, piece: 0, start: text.length - text.trimStart().length, end: 0 };
            if (at < 0) span.end = span.start;
            const insert = at >= 0 ? other : `${other}负责`;
            replaceSpans(src, [{ span, text: insert }]);
            return {
              what: `${where(doc, line)}（${s.heading}）${at >= 0 ? `“${own}”改为` : "插入"}“${other}”`,
              lines: [line],
              expect: (d) => d.sections.some((x) => x.text.includes(other)),
            };
          },
        });
      }
    }
    return out;
  },
};

const FLIP: Record<string, string> = { 增加: "减少", 减少: "增加", 增长: "下降", 下降: "增长" };
const DIRECTION_WORD = /增加|减少|增长|下降/g;

/**
 * Whether a sentence's own figures say which way it went: the prior amount
 * stated, or the level, the change and the rate, where the rate fits the
 * stated direction and not the other (|change| / (level ∓ change)).
 */
function figuresSayDirection(c: Claim): boolean {
  const level = c.amount;
  if (level === undefined) return false;
  const up = c.direction === "increase";
  if (c.prior !== undefined) return level !== c.prior && level > c.prior === up;
  if (c.change === undefined || c.rate === undefined || c.change === 0) return false;
  const change = Math.abs(c.change);
  const rate = Math.abs(Number.parseFloat(c.rate));
  const rateIf = (increase: boolean) => {
    const prior = increase ? level - change : level + change;
    return prior > 0 ? (100 * change) / prior : Number.POSITIVE_INFINITY;
  };
  return Math.abs(rateIf(up) - rate) < 0.05 && Math.abs(rateIf(!up) - rate) > 0.5;
}

/**
 * 增加/减少 (and 增长/下降) flipped in a sentence whose own figures say
 * which: every direction word of the sentence, so the words agree with one
 * another and only the figures tell.
 */
export const directionFlipped: Mutation = {
  kind: "增加/减少说反",
  sites(doc) {
    const out: Site[] = [];
    const seen = new Set<string>();
    for (const c of doc.disclosure.claims) {
      if (c.direction !== "increase" && c.direction !== "decrease") continue;
      if (!figuresSayDirection(c)) continue;
      const key = `${c.source.line}|${c.quote}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const wanted = [...c.quote.matchAll(DIRECTION_WORD)].length;
      const words: Span[] = [];
      const head = c.quote.replace(/\s+/g, "").slice(0, 10);
      for (let line = c.source.line; line <= (c.source.endLine ?? c.source.line); line++) {
        const text = piecesAt(doc.source, line)[0] ?? "";
        let from = 0;
        if (line === c.source.line) {
          const q = text.indexOf(head);
          if (q > 0) from = q;
        }
        for (const m of text.matchAll(DIRECTION_WORD)) {
          const start = m.index ?? 0;
          if (start >= from && words.length < wanted)
            words.push({ line, piece: 0, start, end: start + 2 });
        }
      }
      if (wanted === 0 || words.length !== wanted) continue;
      out.push({
        apply(src) {
          const edits = words.map((span) => {
            const was = (piecesAt(src, span.line)[0] ?? "").slice(span.start, span.end);
            return { span, text: FLIP[was] as string, was };
          });
          replaceSpans(src, edits);
          const flipped = c.direction === "increase" ? "decrease" : "increase";
          return {
            what: `${where(doc, c.source.line)}“${c.quote.slice(0, 40)}”：${edits.map((e) => `${e.was} → ${e.text}`).join("，")}`,
            lines: edits.map((e) => e.span.line),
            expect: (d) =>
              d.claims.some((x) => x.source.line === c.source.line && x.direction === flipped),
          };
        },
      });
    }
    return out;
  },
};

const UNIT_LABEL = /单位[：:]\s*(万元|元)/;

/** A wrong unit label over a table: 单位：万元 ↔ 元. */
export const unitLabel: Mutation = {
  kind: "表格单位写错（万元↔元）",
  sites(doc) {
    const out: Site[] = [];
    for (const t of doc.disclosure.tables) {
      if (t.id === "other" || t.empty || !t.unitStated) continue;
      if (!t.rows.some((r) => Object.values(r.cells).some((c) => (c.amount ?? 0) !== 0))) continue;
      const firstRow = Math.min(...t.rows.map((r) => rowLines(r)[0]));
      let span: Span | undefined;
      for (let line = t.source.line; line < firstRow && !span; line++) {
        piecesAt(doc.source, line).forEach((p, piece) => {
          const m = UNIT_LABEL.exec(p);
          if (m && !span && m[1] === t.unit) {
            const start = (m.index ?? 0) + m[0].length - (m[1] ?? "").length;
            span = { line, piece, start, end: start + (m[1] ?? "").length };
          }
        });
      }
      if (!span) continue;
      const at = span;
      out.push({
        apply(src) {
          const next = t.unit === "万元" ? "元" : "万元";
          replaceSpans(src, [{ span: at, text: next }]);
          return {
            what: `${where(doc, at.line)}《${t.title}》单位：${t.unit} → ${next}`,
            lines: [at.line],
            expect: (d) => d.tables.some((x) => x.id === t.id && x.unit === next),
          };
        },
      });
    }
    return out;
  },
};

/** The tables every 部门预算 (8) and 部门决算 (9) publishes. */
const REQUIRED_TABLES: Record<Disclosure["kind"], Set<string>> = {
  budget: new Set([
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "gpb_function",
    "gpb_basic_economic",
    "three_public",
    "gov_fund",
  ]),
  final: new Set([
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "gpb_function",
    "gpb_basic_economic",
    "three_public",
    "gov_fund",
    "state_capital",
  ]),
};

/** A table left out: all its lines, title to last row, removed. */
export const tableRemoved: Mutation = {
  kind: "整张表缺失",
  sites(doc) {
    const tables = doc.disclosure.tables;
    const out: Site[] = [];
    const listed = new Set(doc.disclosure.report?.directory.map((e) => e.id));
    for (const t of tables) {
      if (t.id === "other" || t.empty || t.rows.length === 0) continue;
      // Only a table the document must publish, or whose 目录 lists it: an
      // optional table nobody names is no defect when left out.
      if (!REQUIRED_TABLES[doc.disclosure.kind].has(t.id) && !listed.has(t.id)) continue;
      const first = t.source.line;
      const last = Math.max(...t.rows.map((r) => rowLines(r)[1]));
      // Another table inside the range (two tables side by side) would go too.
      if (tables.some((x) => x !== t && x.source.line >= first && x.source.line <= last)) continue;
      const before = tables.filter((x) => x.id === t.id && !x.empty).length;
      out.push({
        apply(src) {
          removeLines(src, first, last);
          return {
            what: `${where(doc, first)}–${last} 行《${t.title}》整张删去`,
            lines: [first, last],
            expect: (d) => d.tables.filter((x) => x.id === t.id && !x.empty).length < before,
          };
        },
      });
    }
    return out;
  },
};

/** A 项 row moved under another 款 of the same table. */
export const itemMoved: Mutation = {
  kind: "项移到其他款下",
  sites(doc) {
    const rows = ownLineRows(
      doc.disclosure,
      (t, r) => t.id !== "other" && r.keyKind === "func" && r.level === 3,
    );
    const out: Site[] = [];
    for (const a of rows) {
      const targets = rows.filter(
        (b) => b.t === a.t && b.r.key.slice(0, 5) !== a.r.key.slice(0, 5),
      );
      if (targets.length === 0) continue;
      out.push({
        apply(src, rand) {
          const b = pick(rand, targets);
          if (!b) return undefined;
          moveLines(src, a.span[0], a.span[1], b.span[1]);
          return {
            what: `${where(doc, a.span[0])}《${a.t.title}》${a.r.key} ${a.r.name} 移到第 ${b.span[1]} 行 ${b.r.key} ${b.r.name} 之后`,
            lines: [a.span[0], b.span[1]],
            expect: (d) => {
              const t = d.tables.find((x) => x.id === a.t.id && x.title === a.t.title);
              const keys = t?.rows.map((r) => r.key) ?? [];
              return keys.indexOf(a.r.key) === keys.indexOf(b.r.key) + 1;
            },
          };
        },
      });
    }
    return out;
  },
};

const RECEPTION_PART = /国内接待|国（境）外接待|国外接待|外宾接待|外事接待/;
const PRINTED_FIGURE = /\d[\d,]*\.\d+/g;

/**
 * A digit changed in a 三公 table's 国内接待 / 国（境）外接待 line: the lines
 * inside a recognised 三公 table whose label names the part, whether or not
 * the model holds a row for it (if not, the miss is recognition's).
 */
export const receptionPart: Mutation = {
  kind: "“三公”经费表·国内/国外接待",
  sites(doc) {
    const out: Site[] = [];
    for (const t of doc.disclosure.tables) {
      if (t.id !== "three_public" || t.rows.length === 0) continue;
      // The table runs to the next one (sub-items the model holds no row for
      // may stand after its last recognised row).
      const next = Math.min(
        ...doc.disclosure.tables.map((x) => x.source.line).filter((l) => l > t.source.line),
      );
      const last = Math.min(next - 1, Math.max(...t.rows.map((r) => rowLines(r)[1])) + 15);
      for (let line = t.source.line; line <= last; line++) {
        const pieces = piecesAt(doc.source, line);
        if (!RECEPTION_PART.test(pieces.join(" "))) continue;
        pieces.forEach((p, piece) => {
          for (const m of p.matchAll(PRINTED_FIGURE)) {
            const text = m[0];
            const start = m.index ?? 0;
            if (!parseAmount(text)) continue;
            const span = { line, piece, start, end: start + text.length };
            out.push({
              apply(src, rand) {
                const next = changeDigit(text, t.unit === "万元", 0, rand);
                if (!next) return undefined;
                replaceSpans(src, [{ span, text: next }]);
                const amount = parseAmount(next);
                const label = pieces.join(" ").match(RECEPTION_PART)?.[0];
                return {
                  what: `${where(doc, line)}《${t.title}》${label}：${text} → ${next}`,
                  lines: [line],
                  expect: (d) =>
                    d.tables.some(
                      (x) =>
                        x.id === "three_public" &&
                        x.rows.some((r) =>
                          Object.values(r.cells).some(
                            (c) => c.source.line === line && c.amount === amount,
                          ),
                        ),
                    ),
                };
              },
            });
          }
        });
      }
    }
    return out;
  },
};

export const STRUCTURAL_KINDS: Mutation[] = [
  totalZero,
  rowTwice,
  rowsSwapped,
  foreignEntity,
  directionFlipped,
  unitLabel,
  tableRemoved,
  itemMoved,
];

/** Every mutation kind, each its own row in the benchmark's table. */
export const MUTATIONS: Mutation[] = [
  ...STRUCTURAL_KINDS,
  ...CELL_KINDS.map((k) => cellDigit(k, cellKind)),
  receptionPart,
  ...CLAIM_KINDS,
];
