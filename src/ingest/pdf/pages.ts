/**
 * One page of a PDF as positioned glyph runs and ruling segments, both in the
 * page's reading frame (see geometry.ts).
 */
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Box } from "../layout.ts";
import { cleanText } from "./chars.ts";
import { apply, type Frame, type Matrix, multiply, type Turn, toFrame } from "./geometry.ts";
import { type Segment, segmentsFromOperators } from "./rulings.ts";

/** A run of text as pdf.js gives it (one character or a whole phrase). */
export interface Glyph {
  text: string;
  /** Reading-frame box. */
  box: Box;
  /** Font size in points. */
  size: number;
  /** False for text turned against the frame (vertical labels). */
  horizontal: boolean;
  /** The producer wrote a space just before this run (a word break it meant). */
  spaceBefore?: boolean;
}

export interface PageContent {
  page: number;
  frame: Frame;
  glyphs: Glyph[];
  segments: Segment[];
  /** Characters dropped as unreadable (no usable ToUnicode). */
  garbage: number;
  /** Readable characters. */
  chars: number;
  /** Images painted: a page with images and no text is a scan. */
  images: number;
}

const IMAGE_OPS: ReadonlySet<number> = new Set([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageMaskXObjectRepeat,
]);

interface RawItem {
  str: string;
  m: Matrix;
  width: number;
  spaceBefore: boolean;
}

function turnOf(m: Matrix): Turn | undefined {
  const a = Math.atan2(m[1], m[0]) * (180 / Math.PI);
  const r = ((Math.round(a) % 360) + 360) % 360;
  for (const t of [0, 90, 180, 270] as const) {
    const d = Math.abs(r - t);
    if (d < 2 || d > 358) return t;
  }
  return undefined;
}

/** The quarter turn under which most characters read left to right. */
function dominantTurn(items: RawItem[]): Turn {
  const count = new Map<Turn, number>();
  for (const it of items) {
    const t = turnOf(it.m);
    if (t !== undefined) count.set(t, (count.get(t) ?? 0) + it.str.length);
  }
  let best: Turn = 0;
  for (const [t, n] of count) if (n > (count.get(best) ?? 0)) best = t;
  return best;
}

export async function readPage(page: PDFPageProxy, pageNumber: number): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const content = await page.getTextContent({ disableNormalization: false });
  const items: RawItem[] = [];
  let garbage = 0;
  let chars = 0;
  let space = false;
  for (const it of content.items) {
    if (!("str" in it)) continue;
    const clean = cleanText(it.str);
    garbage += clean.garbage;
    if (clean.text.trim() === "") {
      space = clean.text !== "" || it.hasEOL;
      continue;
    }
    chars += clean.text.replace(/\s/g, "").length;
    items.push({
      str: clean.text,
      m: multiply(vt, it.transform as Matrix),
      width: it.width,
      spaceBefore: space || /^\s/.test(clean.text),
    });
    space = /\s$/.test(clean.text);
  }
  const frame: Frame = {
    turn: dominantTurn(items),
    width: viewport.width,
    height: viewport.height,
  };
  const glyphs: Glyph[] = [];
  for (const it of items) {
    const size = Math.hypot(it.m[2], it.m[3]);
    const turn = turnOf(it.m);
    // Diagonal text is a watermark or a stamp, never table content.
    if (turn === undefined || size <= 0) continue;
    const len = Math.hypot(it.m[0], it.m[1]) || 1;
    const ux = it.m[0] / len;
    const uy = it.m[1] / len;
    // "Up" for the glyph is the font's y axis, as mapped into the viewport.
    const vx = it.m[2] / size;
    const vy = it.m[3] / size;
    const ox = it.m[4];
    const oy = it.m[5];
    const ascent = 0.85 * size;
    const descent = 0.15 * size;
    const width = it.width > 0 ? it.width : size * it.str.length * 0.5;
    const corners: [number, number][] = [
      [ox - vx * descent, oy - vy * descent],
      [ox + ux * width - vx * descent, oy + uy * width - vy * descent],
      [ox + vx * ascent, oy + vy * ascent],
      [ox + ux * width + vx * ascent, oy + uy * width + vy * ascent],
    ].map(([x, y]) => toFrame(frame, x ?? 0, y ?? 0));
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const glyph: Glyph = {
      text: it.str.trim(),
      box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      size,
      horizontal: turn === frame.turn,
    };
    if (it.spaceBefore) glyph.spaceBefore = true;
    glyphs.push(glyph);
  }
  const ops = await page.getOperatorList();
  const segments = segmentsFromOperators(ops.fnArray, ops.argsArray, (x, y) => {
    const [vx, vy] = apply(vt, x, y);
    return toFrame(frame, vx, vy);
  });
  let images = 0;
  for (const fn of ops.fnArray) if (IMAGE_OPS.has(fn)) images++;
  return { page: pageNumber, frame, glyphs, segments, garbage, chars, images };
}
