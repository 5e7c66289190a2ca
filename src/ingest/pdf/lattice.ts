/**
 * Lattice tables: ruling segments → a grid of cells with merged cells → the
 * page's glyphs assigned to cells.
 *
 * Segments that touch form a table. Its column edges are the distinct x of
 * its vertical rulings (plus the ends of its horizontal ones, for tables
 * without outer side borders) and its row edges the distinct y of its
 * horizontal rulings. Two neighbouring basic cells with no ruling between
 * them are one merged cell (colSpan / rowSpan).
 */
import type { Box, GridCell } from "../layout.ts";
import { unionBox } from "./geometry.ts";
import type { Glyph } from "./pages.ts";
import type { Segment } from "./rulings.ts";
import { cellText, groupLines } from "./text.ts";

/** Tolerance for segments meeting and for edges being one edge. */
const TOL = 2.5;

export interface LatticeTable {
  box: Box;
  /** One entry per basic row: one cell per basic column; covered slots are empty text. */
  rows: { cells: GridCell[]; box: Box }[];
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    let k = i;
    while (this.parent[k] !== r) {
      const next = this.parent[k] ?? r;
      this.parent[k] = r;
      k = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function isHorizontal(s: Segment): boolean {
  return s.y0 === s.y1;
}

function touches(h: Segment, v: Segment): boolean {
  return v.x0 >= h.x0 - TOL && v.x0 <= h.x1 + TOL && h.y0 >= v.y0 - TOL && h.y0 <= v.y1 + TOL;
}

/** Distinct positions, nearby ones (within TOL) taken as one. */
function edges(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    const last = group[group.length - 1];
    if (last !== undefined && v - last > TOL) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

/** Length of [a, b] covered by the given segments along their axis. */
function covered(spans: [number, number][], a: number, b: number): number {
  let total = 0;
  for (const [s, e] of spans) total += Math.max(0, Math.min(b, e) - Math.max(a, s));
  return total;
}

/** Groups of segments that touch one another: one candidate table each. */
function components(segments: Segment[]): Segment[][] {
  const uf = new UnionFind(segments.length);
  const hs: number[] = [];
  const vs: number[] = [];
  segments.forEach((s, i) => {
    (isHorizontal(s) ? hs : vs).push(i);
  });
  for (const i of hs) {
    const h = segments[i] as Segment;
    for (const j of vs) if (touches(h, segments[j] as Segment)) uf.union(i, j);
  }
  const groups = new Map<number, Segment[]>();
  segments.forEach((s, i) => {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(s);
    else groups.set(r, [s]);
  });
  return [...groups.values()];
}

interface Skeleton {
  xs: number[];
  ys: number[];
  /** hasV[r][c]: a ruling on the left edge xs[c] of basic row r. */
  hasV: (x: number, y0: number, y1: number) => boolean;
  hasH: (y: number, x0: number, x1: number) => boolean;
}

function skeleton(group: Segment[]): Skeleton | undefined {
  const hs = group.filter(isHorizontal);
  const vs = group.filter((s) => !isHorizontal(s));
  if (hs.length < 2 || vs.length < 2) return undefined;
  const xs = edges([...vs.map((v) => v.x0), ...hs.map((h) => h.x0), ...hs.map((h) => h.x1)]);
  const ys = edges([...hs.map((h) => h.y0), ...vs.map((v) => v.y0), ...vs.map((v) => v.y1)]);
  if (xs.length < 3 || ys.length < 3) return undefined;
  const near = (list: Segment[], pos: (s: Segment) => number, p: number) =>
    list.filter((s) => Math.abs(pos(s) - p) <= TOL);
  // The spans of the rulings along each edge, found once per edge (cells and
  // glyphs ask about the same few edges many times over).
  const vSpans = new Map<number, [number, number][]>();
  const hSpans = new Map<number, [number, number][]>();
  const spansAt = (
    cache: Map<number, [number, number][]>,
    list: Segment[],
    p: number,
    vertical: boolean,
  ) => {
    let spans = cache.get(p);
    if (!spans) {
      spans = vertical
        ? near(list, (s) => s.x0, p).map((s): [number, number] => [s.y0, s.y1])
        : near(list, (s) => s.y0, p).map((s): [number, number] => [s.x0, s.x1]);
      cache.set(p, spans);
    }
    return spans;
  };
  return {
    xs,
    ys,
    hasV: (x, y0, y1) => covered(spansAt(vSpans, vs, x, true), y0, y1) >= 0.6 * (y1 - y0),
    hasH: (y, x0, x1) => covered(spansAt(hSpans, hs, y, false), x0, x1) >= 0.6 * (x1 - x0),
  };
}

/** Advance of a character in ems: ideographs and full-width forms are square, the rest about half. */
function charWeight(c: string): number {
  return /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff01-\uff60\u3000-\u303f]/.test(c) ? 1 : 0.5;
}

/**
 * Split a multi-character run that straddles a column edge (one TJ of
 * Acrobat Distiller can cover several cells). Characters are placed by
 * their typical advance: ideographs full width, digits and Latin half.
 */
function splitAt(g: Glyph, x: number): Glyph[] {
  const chars = [...g.text];
  const weights = chars.map(charWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  const scale = (g.box[2] - g.box[0]) / total;
  let pos = g.box[0];
  let k = 0;
  // Cut before the first character whose middle lies right of the edge.
  while (k < chars.length && pos + ((weights[k] ?? 0) * scale) / 2 < x) {
    pos += (weights[k] ?? 0) * scale;
    k++;
  }
  if (k <= 0 || k >= chars.length) return [g];
  const left: Glyph = {
    ...g,
    text: chars.slice(0, k).join("").trimEnd(),
    box: [g.box[0], g.box[1], pos, g.box[3]],
  };
  const right: Glyph = {
    ...g,
    text: chars.slice(k).join("").trimStart(),
    box: [pos, g.box[1], g.box[2], g.box[3]],
  };
  return [left, right].filter((p) => p.text !== "");
}

function locate(edgesList: number[], v: number): number {
  for (let i = 0; i + 1 < edgesList.length; i++) {
    if (v >= (edgesList[i] ?? 0) && v < (edgesList[i + 1] ?? 0)) return i;
  }
  return -1;
}

/**
 * Find the lattice tables of a page and fill them with its glyphs. Returns
 * the tables and the glyphs left over (outside every table).
 */
export function latticeTables(
  segments: Segment[],
  glyphs: Glyph[],
): { tables: LatticeTable[]; rest: Glyph[] } {
  const tables: LatticeTable[] = [];
  let rest = glyphs;
  for (const group of components(segments)) {
    const sk = skeleton(group);
    if (!sk) continue;
    const { xs, ys } = sk;
    const nr = ys.length - 1;
    const nc = xs.length - 1;
    const x0 = xs[0] as number;
    const x1 = xs[nc] as number;
    const y0 = ys[0] as number;
    const y1 = ys[nr] as number;
    const uf = new UnionFind(nr * nc);
    for (let r = 0; r < nr; r++) {
      for (let c = 0; c < nc; c++) {
        const top = ys[r] as number;
        const bottom = ys[r + 1] as number;
        const left = xs[c] as number;
        const right = xs[c + 1] as number;
        if (c + 1 < nc && !sk.hasV(right, top, bottom)) uf.union(r * nc + c, r * nc + c + 1);
        if (r + 1 < nr && !sk.hasH(bottom, left, right)) uf.union(r * nc + c, (r + 1) * nc + c);
      }
    }
    // Assign glyphs to basic cells by their middle, splitting runs across real edges.
    const inCell = new Map<number, Glyph[]>();
    const outside: Glyph[] = [];
    const pending = [...rest];
    while (pending.length) {
      const g = pending.pop() as Glyph;
      const cx = (g.box[0] + g.box[2]) / 2;
      const cy = (g.box[1] + g.box[3]) / 2;
      if (cx < x0 || cx > x1 || cy < y0 || cy > y1) {
        outside.push(g);
        continue;
      }
      const r = locate(ys, cy);
      if (r < 0) {
        outside.push(g);
        continue;
      }
      const edge = xs.find(
        (x, i) =>
          i > 0 &&
          i < nc &&
          x > g.box[0] + 0.3 * g.size &&
          x < g.box[2] - 0.3 * g.size &&
          sk.hasV(x, ys[r] as number, ys[r + 1] as number),
      );
      if (edge !== undefined && [...g.text].length > 1) {
        const parts = splitAt(g, edge);
        if (parts.length > 1) {
          pending.push(...parts);
          continue;
        }
      }
      const c = Math.max(0, locate(xs, cx));
      const root = uf.find(r * nc + c);
      const list = inCell.get(root);
      if (list) list.push(g);
      else inCell.set(root, [g]);
    }
    // Merged regions: the bounding slots of each union.
    const span = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < nr; r++) {
      for (let c = 0; c < nc; c++) {
        const root = uf.find(r * nc + c);
        const s = span.get(root);
        if (!s) span.set(root, { r0: r, r1: r, c0: c, c1: c });
        else {
          s.r0 = Math.min(s.r0, r);
          s.r1 = Math.max(s.r1, r);
          s.c0 = Math.min(s.c0, c);
          s.c1 = Math.max(s.c1, c);
        }
      }
    }
    const rows: LatticeTable["rows"] = [];
    for (let r = 0; r < nr; r++) {
      const cells: GridCell[] = [];
      for (let c = 0; c < nc; c++) {
        const root = uf.find(r * nc + c);
        const s = span.get(root);
        if (!s || s.r0 !== r || s.c0 !== c) {
          cells.push({ text: "" });
          continue;
        }
        const cell: GridCell = {
          text: cellText(groupLines(inCell.get(root) ?? [])),
          box: [
            xs[s.c0] as number,
            ys[s.r0] as number,
            xs[s.c1 + 1] as number,
            ys[s.r1 + 1] as number,
          ],
        };
        if (s.c1 > s.c0) cell.colSpan = s.c1 - s.c0 + 1;
        if (s.r1 > s.r0) cell.rowSpan = s.r1 - s.r0 + 1;
        cells.push(cell);
      }
      rows.push({ cells, box: [x0, ys[r] as number, x1, ys[r + 1] as number] });
    }
    // A frame around a paragraph or a single ruled row is not a table.
    const filled = rows.filter((row) => row.cells.some((c) => c.text !== ""));
    const maxCols = Math.max(
      0,
      ...filled.map((row) => row.cells.filter((c) => c.text !== "").length),
    );
    if (filled.length < 2 || maxCols < 2) continue;
    tables.push({ box: unionBox([[x0, y0, x1, y1]]), rows: filled });
    rest = outside;
  }
  return { tables, rest };
}
