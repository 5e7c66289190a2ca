/**
 * Geometry shared by the PDF modules: boxes, 2-D affine matrices (PDF's
 * [a b c d e f] form), and the reading frame of a page.
 *
 * A page's reading frame is its viewport (top-left origin, y down, PDF
 * points) turned so that most of its text runs left to right. Landscape
 * tables are often printed on portrait pages turned by a quarter: in the
 * viewport their text runs top to bottom, and rows and columns only make
 * sense once the frame is turned back. Boxes handed to the Layout are mapped
 * back to the viewport, so a UI can point at the page as a reader sees it.
 */
import type { Box } from "../layout.ts";

export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2: apply m2 first, then m1 (pdf.js's Util.transform order). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Quarter turns that bring a page's dominant text direction to left-to-right. */
export type Turn = 0 | 90 | 180 | 270;

export interface Frame {
  turn: Turn;
  /** Viewport size. */
  width: number;
  height: number;
}

/** Viewport point → reading-frame point. */
export function toFrame(f: Frame, x: number, y: number): [number, number] {
  switch (f.turn) {
    case 0:
      return [x, y];
    case 90:
      return [y, f.width - x];
    case 180:
      return [f.width - x, f.height - y];
    case 270:
      return [f.height - y, x];
  }
}

/** Reading-frame point → viewport point. */
export function fromFrame(f: Frame, x: number, y: number): [number, number] {
  switch (f.turn) {
    case 0:
      return [x, y];
    case 90:
      return [f.width - y, x];
    case 180:
      return [f.width - x, f.height - y];
    case 270:
      return [y, f.height - x];
  }
}

/** A reading-frame box mapped back to the viewport, rounded to 0.1 pt. */
export function boxToViewport(f: Frame, b: Box): Box {
  const [ax, ay] = fromFrame(f, b[0], b[1]);
  const [bx, by] = fromFrame(f, b[2], b[3]);
  const r = (v: number) => Math.round(v * 10) / 10;
  return [r(Math.min(ax, bx)), r(Math.min(ay, by)), r(Math.max(ax, bx)), r(Math.max(ay, by))];
}

export function unionBox(boxes: Box[]): Box {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}
