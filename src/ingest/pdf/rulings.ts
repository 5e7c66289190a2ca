/**
 * Ruling lines from a page's drawing operators.
 *
 * Table borders come in two forms: stroked paths (Word, Excel, Acrobat) and
 * thin filled rectangles (Chromium, WPS, ONLYOFFICE and Word at some zoom
 * levels draw each border as a rectangle a fraction of a point wide). Both
 * become axis-aligned segments in the reading frame; collinear pieces
 * (dashes, per-cell borders) are merged.
 */
import { type Frame, type Matrix, toFrame } from "./geometry.ts";

/** Horizontal (y0 = y1) or vertical (x0 = x1) segment, x0 ≤ x1, y0 ≤ y1. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Thicker than this, a filled rectangle is a shaded area, not a border. */
const THIN = 3;
/** Coordinates within this distance are the same line. */
const ALIGN = 1;

type Point = [number, number];

/**
 * A painted path as PDFium gives it: per point a code (0 move, 1 line,
 * 2 curve point; +8 when the point closes its subpath) and x, y in the
 * path's own space; `matrix` maps that space to user space.
 */
export interface PathData {
  data: Float64Array;
  matrix: Matrix;
  stroke: boolean;
  fill: boolean;
}

/** Split path data into subpaths of points; curves mark a subpath as curved. */
function subpaths(path: PathData, toPage: Matrix, frame: Frame) {
  const out: { points: Point[]; curved: boolean; closed: boolean }[] = [];
  let cur: { points: Point[]; curved: boolean; closed: boolean } | undefined;
  const { data, matrix: m } = path;
  const v = toPage;
  for (let i = 0; i + 2 < data.length; i += 3) {
    const raw = data[i] ?? -1;
    const code = raw & 7;
    if (code > 2 || raw < 0) {
      cur = undefined; // unknown segment: stop reading this subpath rather than misread it
      continue;
    }
    if (code !== 0 && !cur) continue;
    // Path space → user space → viewport → frame, as apply() and toFrame() compute them.
    const x = data[i + 1] ?? 0;
    const y = data[i + 2] ?? 0;
    const ux = m[0] * x + m[2] * y + m[4];
    const uy = m[1] * x + m[3] * y + m[5];
    const p = toFrame(frame, v[0] * ux + v[2] * uy + v[4], v[1] * ux + v[3] * uy + v[5]);
    if (code === 0) {
      cur = { points: [p], curved: false, closed: false };
      out.push(cur);
    } else if (cur) {
      if (code === 2) cur.curved = true;
      cur.points.push(p);
    }
    if (raw >= 8 && cur) {
      // Closing returns to the subpath's first point (PDFium may already have drawn the line back).
      cur.closed = true;
      const first = cur.points[0];
      const last = cur.points[cur.points.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) cur.points.push(first);
    }
  }
  return out;
}

function axisSegment(a: Point, b: Point): Segment | undefined {
  const [ax, ay] = a;
  const [bx, by] = b;
  if (Math.abs(ay - by) <= ALIGN / 2 && Math.abs(ax - bx) > ALIGN) {
    const y = (ay + by) / 2;
    return { x0: Math.min(ax, bx), y0: y, x1: Math.max(ax, bx), y1: y };
  }
  if (Math.abs(ax - bx) <= ALIGN / 2 && Math.abs(ay - by) > ALIGN) {
    const x = (ax + bx) / 2;
    return { x0: x, y0: Math.min(ay, by), x1: x, y1: Math.max(ay, by) };
  }
  return undefined;
}

/** A thin axis-aligned filled rectangle as the line it draws. */
function thinRect(points: Point[]): Segment | undefined {
  if (points.length < 4 || points.length > 5) return undefined;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  // All edges axis-aligned: every point sits on the rectangle's corners.
  const onCorner = points.every(
    (p) =>
      (Math.abs(p[0] - x0) < 0.01 || Math.abs(p[0] - x1) < 0.01) &&
      (Math.abs(p[1] - y0) < 0.01 || Math.abs(p[1] - y1) < 0.01),
  );
  if (!onCorner) return undefined;
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= THIN && w > h) return { x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 };
  if (w <= THIN && h > w) return { x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 };
  return undefined;
}

/**
 * Segments drawn by a page's painted paths. `toPage` maps PDF user space
 * to the viewport, and `frame` turns the viewport into the reading frame.
 */
export function segmentsFromPaths(paths: PathData[], toPage: Matrix, frame: Frame): Segment[] {
  const out: Segment[] = [];
  for (const path of paths) {
    for (const sp of subpaths(path, toPage, frame)) {
      if (sp.curved) continue;
      if (path.stroke) {
        for (let k = 1; k < sp.points.length; k++) {
          const a = sp.points[k - 1];
          const b = sp.points[k];
          const s = a && b ? axisSegment(a, b) : undefined;
          if (s) out.push(s);
        }
      } else if (path.fill) {
        const s = thinRect(sp.points);
        if (s) out.push(s);
      }
    }
  }
  return mergeSegments(out);
}

/** Join collinear segments that touch or nearly touch. */
export function mergeSegments(segments: Segment[]): Segment[] {
  const horizontal = segments.filter((s) => s.y0 === s.y1);
  const vertical = segments.filter((s) => s.x0 === s.x1 && s.y0 !== s.y1);
  const mergeAxis = (list: Segment[], h: boolean): Segment[] => {
    const pos = (s: Segment) => (h ? s.y0 : s.x0);
    const start = (s: Segment) => (h ? s.x0 : s.y0);
    const end = (s: Segment) => (h ? s.x1 : s.y1);
    const sorted = [...list].sort((a, b) => pos(a) - pos(b) || start(a) - start(b));
    // Group by position, then merge runs along the axis.
    const groups: Segment[][] = [];
    for (const s of sorted) {
      const g = groups[groups.length - 1];
      const first = g?.[0];
      if (g && first && Math.abs(pos(s) - pos(first)) <= ALIGN) g.push(s);
      else groups.push([s]);
    }
    const out: Segment[] = [];
    for (const g of groups) {
      const p = g.reduce((sum, s) => sum + pos(s), 0) / g.length;
      g.sort((a, b) => start(a) - start(b));
      let a = start(g[0] as Segment);
      let b = end(g[0] as Segment);
      const emit = () =>
        out.push(h ? { x0: a, y0: p, x1: b, y1: p } : { x0: p, y0: a, x1: p, y1: b });
      for (const s of g.slice(1)) {
        if (start(s) <= b + 2) b = Math.max(b, end(s));
        else {
          emit();
          a = start(s);
          b = end(s);
        }
      }
      emit();
    }
    return out;
  };
  return [...mergeAxis(horizontal, true), ...mergeAxis(vertical, false)];
}
