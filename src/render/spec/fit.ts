/**
 * Column widths from what the cells hold, for the formats that cannot
 * measure text as they lay it out (DOCX, XLSX, HTML's hints; the PDF measures
 * its own font). A width is given in points of a font size; text is measured
 * in em with widths that hold for the fonts a reader's machine substitutes
 * (DejaVu Sans for Calibri, a CJK font for 宋体), so that a column sized here
 * never shows `###` or breaks an amount in any of them.
 *
 * What may not wrap: amounts and codes (a wrapped "2080505" reads as two
 * numbers). What wraps: names and header words — but a name column is never
 * narrower than a few characters (no one-character-per-line 科目名称), and it
 * gets its full width before any other column gets more than it needs.
 */
import type { BodyCell, Grid, HeaderCell } from "./cells.ts";

/** Width of one character in em of its font. */
function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  // CJK, full-width forms and CJK punctuation: a full em.
  if (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x3000 && c <= 0x303f) ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019
  )
    return 1;
  // DejaVu Sans (the widest of the Latin fonts substituted): digits 0.636 em.
  if (c >= 0x30 && c <= 0x39) return 0.64;
  if (",.:;'|!".includes(ch)) return 0.32;
  if (ch === " ") return 0.32;
  if ("()[]-".includes(ch)) return 0.4;
  if (c >= 0x41 && c <= 0x5a) return 0.72;
  return 0.62;
}

/** Width of a text in em of its font (bold a little wider). */
export function textEm(text: string, bold = false): number {
  let w = 0;
  for (const ch of text) w += charEm(ch);
  return bold ? w * 1.06 : w;
}

/** A body cell that must stay on one line: an amount, or a code. */
export function unbreakable(c: BodyCell): boolean {
  return c.amount !== undefined || /^[0-9A-Za-z.\-,]+$/.test(c.text);
}

/** Em a name column never goes below (or its longest name, if shorter). */
export const NAME_MIN_EM = 7;
/** Header words wrap, into at most this many lines of their column. */
const HEADER_LINES = 3;
/** Em of indent per indent step of a name (类 0, 款 1, 项 2). */
export const INDENT_EM = 1;

export interface FitOptions {
  /** Font size of the table's text, in points. */
  size: number;
  /** Width available (points); Infinity: as wide as the content wants (a worksheet). */
  width: number;
  /** Left + right padding of a cell, in points. */
  pad: number;
  /** A name column that wants more than this (in the measure's units) wraps instead (worksheets). */
  nameCap?: number;
  /** How wide a text is, in units that `size` turns into points (default textEm). */
  measure?: (text: string, bold: boolean) => number;
}

export interface Fit {
  /** Column widths in points. */
  widths: number[];
  /** Every column gets at least what its text needs at this size. */
  fits: boolean;
  /** What each column needs at least (points). */
  min: number[];
  /** What each column would take on one line (points). */
  natural: number[];
}

function bodyNeed(c: BodyCell, measure: (text: string, bold: boolean) => number): number {
  return measure(c.text, c.bold ?? false) + (c.indent ?? 0) * measure("中", false) * INDENT_EM;
}

/** Header cells that span one column, by column. */
function singleHeaders(g: Grid): Map<number, HeaderCell[]> {
  const out = new Map<number, HeaderCell[]>();
  for (const h of g.header)
    if ((h.colSpan ?? 1) === 1) out.set(h.col, [...(out.get(h.col) ?? []), h]);
  return out;
}

/**
 * Widths of a grid's columns at a font size in a width: every column at
 * least what it needs, name columns then up to their full names, what is
 * left shared in proportion so that the table fills the width.
 */
export function fitColumns(g: Grid, o: FitOptions): Fit {
  const n = g.width;
  const hard = Array.from({ length: n }, () => 0);
  const natural = Array.from({ length: n }, () => 0);
  const hasText = Array.from({ length: n }, () => false);
  const isAmount = Array.from({ length: n }, () => false);
  const measure = o.measure ?? textEm;
  for (const row of g.body)
    row.forEach((c, k) => {
      if (k >= n) return;
      if (c.amount !== undefined) isAmount[k] = true;
      if (!c.text) return;
      const em = bodyNeed(c, measure);
      natural[k] = Math.max(natural[k] ?? 0, em);
      if (unbreakable(c)) hard[k] = Math.max(hard[k] ?? 0, em);
      else hasText[k] = true;
    });
  const headers = singleHeaders(g);
  // An empty table (its 合计 line and note only): its columns as wide as their
  // headers on one line, never "科目编 | 码" broken for want of content.
  if (g.empty)
    for (const [k, hs] of headers)
      natural[k] = Math.max(natural[k] ?? 0, ...hs.map((h) => measure(h.text, true)));
  const min = natural.map((nat, k) => {
    const head = (headers.get(k) ?? []).map((h) => measure(h.text, true));
    const headMin = Math.max(measure("中文", true), ...head.map((w) => w / HEADER_LINES));
    const nameMin = hasText[k] ? Math.min(nat, NAME_MIN_EM * measure("中", false)) : 0;
    return Math.max(hard[k] ?? 0, nameMin, headMin);
  });
  // Header words spanning several columns must fit (wrapped) in their span too.
  for (const h of g.header) {
    const span = h.colSpan ?? 1;
    if (span === 1) continue;
    const need = measure(h.text, true) / HEADER_LINES;
    const have = min.slice(h.col, h.col + span).reduce((a, b) => a + b, 0);
    if (need > have)
      for (let k = h.col; k < h.col + span; k++) min[k] = (min[k] ?? 0) + (need - have) / span;
  }
  const toPt = (em: number) => em * o.size + o.pad;
  const minPt = min.map(toPt);
  const cap = o.nameCap ?? Number.POSITIVE_INFINITY;
  const naturalPt = natural.map((nat, k) =>
    Math.max(minPt[k] ?? 0, toPt(hasText[k] ? Math.min(nat, cap) : nat)),
  );
  if (!Number.isFinite(o.width)) {
    // No page to fill: each column as wide as its content, the columns of
    // figures alike (as wide as the widest of them).
    const widths = [...naturalPt];
    raiseLowest(
      widths,
      widths.map((_, k) => !!isAmount[k] && !hasText[k]),
      Number.POSITIVE_INFINITY,
    );
    return { widths, fits: true, min: minPt, natural: naturalPt };
  }
  const sumMin = minPt.reduce((a, b) => a + b, 0);
  if (sumMin > o.width) {
    // Too narrow at this size: shrink in proportion (the caller tries a smaller size first).
    const widths = minPt.map((w) => (w * o.width) / sumMin);
    return { widths, fits: false, min: minPt, natural: naturalPt };
  }
  const widths = [...minPt];
  let left = o.width - sumMin;
  // Names first: up to their full length, in proportion to what each lacks.
  const lack = widths.map((w, k) => (hasText[k] ? Math.max(0, (naturalPt[k] ?? 0) - w) : 0));
  const totalLack = lack.reduce((a, b) => a + b, 0);
  if (totalLack > 0) {
    const give = Math.min(left, totalLack);
    for (let k = 0; k < n; k++) widths[k] = (widths[k] ?? 0) + (give * (lack[k] ?? 0)) / totalLack;
    left -= give;
  }
  // Then the narrow amount columns up towards the widest, so that the columns
  // of figures print alike (an empty column as wide as a full one).
  left -= raiseLowest(
    widths,
    widths.map((_, k) => !!isAmount[k] && !hasText[k]),
    left,
  );
  // The rest in proportion to the widths, so that the table spans the page.
  if (left > 0) {
    const sum = widths.reduce((a, b) => a + b, 0);
    for (let k = 0; k < n; k++) widths[k] = (widths[k] ?? 0) + (left * (widths[k] ?? 0)) / sum;
  }
  return { widths, fits: true, min: minPt, natural: naturalPt };
}

/**
 * Raise the narrowest of the chosen columns to a common level, no higher than
 * the widest of them, spending at most the budget; returns what was spent.
 */
function raiseLowest(widths: number[], chosen: boolean[], budget: number): number {
  const ws = widths.filter((_, k) => chosen[k]);
  if (ws.length < 2 || budget <= 0) return 0;
  const cost = (level: number) => ws.reduce((a, w) => a + Math.max(0, level - w), 0);
  let lo = Math.min(...ws);
  let hi = Math.max(...ws);
  if (cost(hi) > budget)
    for (let i = 0; i < 50; i++) {
      const mid = (lo + hi) / 2;
      if (cost(mid) > budget) hi = mid;
      else lo = mid;
    }
  const level = cost(hi) <= budget ? hi : lo;
  let spent = 0;
  widths.forEach((w, k) => {
    if (chosen[k] && w < level) {
      spent += level - w;
      widths[k] = level;
    }
  });
  return spent;
}

/** A4 content widths (points) of a table page, as every paged format sets it. */
export const PAGE_WIDTH = { portrait: 595.28 - 2 * 56, landscape: 841.89 - 2 * 40 };

/** The sizes (points) a paged format may set a table in, largest first. */
export const TABLE_SIZES = [9, 8.5, 8, 7.5, 7] as const;

/**
 * The largest of TABLE_SIZES at which the grid fits a width, with its
 * widths; the smallest size's (shrunk) widths when none fits.
 */
export function fitPage(g: Grid, width: number, pad: number): Fit & { size: number } {
  let last: (Fit & { size: number }) | undefined;
  for (const size of TABLE_SIZES) {
    last = { ...fitColumns(g, { size, width, pad }), size };
    if (last.fits) return last;
  }
  return last as Fit & { size: number };
}

/** Whether a grid needs a landscape page: it does not fit a portrait one at 8 pt. */
export function needsLandscape(g: Grid, pad = 6): boolean {
  return !fitColumns(g, { size: 8, width: PAGE_WIDTH.portrait, pad }).fits;
}
