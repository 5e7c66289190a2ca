/**
 * One page of a PDF as positioned glyph runs and ruling segments, both in the
 * page's reading frame (see geometry.ts), read with PDFium in one pass over
 * the page's objects: text objects give characters (PDFium's text page, put
 * back in content order and grouped into runs as pdf.js groups them, see
 * runs.ts), path objects give rulings, image objects are counted.
 */
import type { Box } from "../layout.ts";
import { cleanText } from "./chars.ts";
import { type Frame, type Matrix, multiply, type Turn } from "./geometry.ts";
import type { PdfDocument } from "./load.ts";
import {
  fromF32,
  OBJ_FORM,
  OBJ_IMAGE,
  OBJ_PATH,
  OBJ_TEXT,
  type Pdfium,
  SEG_BEZIERTO,
  SEG_LINETO,
  SEG_MOVETO,
} from "./pdfium.ts";
import { type PathData, type Segment, segmentsFromPaths } from "./rulings.ts";
import { isSpace, type PageChars, RunBuilder, type TextItem, type TextRun } from "./runs.ts";
import { charHidden, type Rect, type TextVisibility, VisibilityReader } from "./visible.ts";

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
  /** Characters the page does not show (clipped away, off the page, invisible), not read. */
  hidden: number;
}

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

/** pdf.js's PageViewport transform at scale 1: user space → top-left origin, y down, turned by /Rotate. */
function viewport(view: [number, number, number, number], rotate: number) {
  const cx = (view[2] + view[0]) / 2;
  const cy = (view[3] + view[1]) / 2;
  let a = 1;
  let b = 0;
  let c = 0;
  let d = -1;
  if (rotate === 90) [a, b, c, d] = [0, 1, 1, 0];
  else if (rotate === 180) [a, b, c, d] = [-1, 0, 0, 1];
  else if (rotate === 270) [a, b, c, d] = [0, -1, -1, 0];
  let ox: number;
  let oy: number;
  let width: number;
  let height: number;
  if (a === 0) {
    ox = Math.abs(cy - view[1]);
    oy = Math.abs(cx - view[0]);
    width = view[3] - view[1];
    height = view[2] - view[0];
  } else {
    ox = Math.abs(cx - view[0]);
    oy = Math.abs(cy - view[1]);
    width = view[2] - view[0];
    height = view[3] - view[1];
  }
  const transform: Matrix = [a, b, c, d, ox - a * cx - c * cy, oy - b * cx - d * cy];
  return { transform, width, height };
}

/** Walk events other than text objects (a text object's event is its handle, always > 0). */
const EV_DO = 0;
const EV_FORM_OPEN = -1;
const EV_FORM_CLOSE = -2;

/** What a walk over a page's objects finds, in content order. */
interface Walk {
  /**
   * Text objects (their handles), forms and image draws in content order
   * (pdf.js ends a run at each Do), as numbers: a page has thousands.
   */
  events: number[];
  paths: PathData[];
  images: number;
  /** Text objects the page shows only in part or not at all, and the page's image rectangles. */
  visibility: Map<number, TextVisibility>;
  imageRects: Rect[];
}

function walkObjects(engine: Pdfium, page: number): Walk {
  const { api } = engine;
  const buf = api.malloc(48);
  const vis = new VisibilityReader(engine, buf + 32);
  const walk: Walk = {
    events: [],
    paths: [],
    images: 0,
    visibility: new Map(),
    imageRects: vis.images,
  };
  const { events } = walk;
  try {
    const matrixOf = (obj: number): Matrix => {
      api.FPDFPageObj_GetMatrix(obj, buf);
      const f = engine.heap().f32;
      const i = buf >> 2;
      return [
        fromF32(f[i] ?? 1),
        fromF32(f[i + 1] ?? 0),
        fromF32(f[i + 2] ?? 0),
        fromF32(f[i + 3] ?? 1),
        fromF32(f[i + 4] ?? 0),
        fromF32(f[i + 5] ?? 0),
      ];
    };
    // pdf.js ends a run at every BDC/BMC/EMC: objects under different marked-content
    // sequences (PDFium hands each object the marks it was drawn under) are not one run.
    const marks: string[] = [""];
    const visit = (obj: number, outer: Matrix, depth: number, clip: Rect | undefined): void => {
      const nm = api.FPDFPageObj_CountMarks(obj);
      let sig = "";
      for (let i = 0; i < nm; i++) sig += `${api.FPDFPageObj_GetMark(obj, i)},`;
      if (sig !== marks[marks.length - 1]) {
        events.push(EV_DO);
        marks[marks.length - 1] = sig;
      }
      const type = api.FPDFPageObj_GetType(obj);
      if (type === OBJ_TEXT) {
        events.push(obj);
        const v = vis.text(obj, outer, depth, clip);
        if (v) walk.visibility.set(obj, v);
      } else if (type === OBJ_IMAGE) {
        walk.images++;
        events.push(EV_DO);
        vis.image(obj, outer);
      } else if (type === OBJ_PATH) {
        const path = readPath(engine, obj, buf);
        if (path) walk.paths.push({ ...path, matrix: multiply(outer, matrixOf(obj)) });
      } else if (type === OBJ_FORM && depth < 32) {
        events.push(EV_DO, EV_FORM_OPEN);
        const m = multiply(outer, matrixOf(obj));
        const n = api.FPDFFormObj_CountObjects(obj);
        const inner = vis.clipOf(obj, outer, depth, clip);
        marks.push("");
        for (let i = 0; i < n; i++) visit(api.FPDFFormObj_GetObject(obj, i), m, depth + 1, inner);
        marks.pop();
        events.push(EV_FORM_CLOSE);
      }
    };
    const n = api.FPDFPage_CountObjects(page);
    for (let i = 0; i < n; i++) {
      visit(api.FPDFPage_GetObject(page, i), [1, 0, 0, 1, 0, 0], 0, undefined);
    }
  } finally {
    api.free(buf);
  }
  return walk;
}

/**
 * Whether a path's points can be read straight from the wasm heap. PDFium
 * keeps a path's points in one array of CFX_Path::Point (x, y as float32,
 * then a type byte and a close byte: 12 bytes) and a segment handle is a
 * pointer into it. Reading that array saves four calls per point; the
 * layout is checked against the API on the first path of the process and
 * the API is used for good if they differ (another PDFium build).
 */
let rawPoints: boolean | undefined;
/** Paths still to check against the API before the heap is trusted. */
let rawChecks = 16;
const POINT_BYTES = 12;

/** Per point: code (0 move, 1 line, 2 curve, -1 unknown; +8 closes), x, y. */
function pointsByApi(engine: Pdfium, obj: number, n: number, buf: number): Float64Array {
  const { api } = engine;
  const data = new Float64Array(n * 3);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const seg = api.FPDFPath_GetPathSegment(obj, i);
    const t = api.FPDFPathSegment_GetType(seg);
    api.FPDFPathSegment_GetPoint(seg, buf, buf + 4);
    const f = engine.heap().f32;
    const code = t === SEG_MOVETO ? 0 : t === SEG_LINETO ? 1 : t === SEG_BEZIERTO ? 2 : -1;
    data[k++] = api.FPDFPathSegment_GetClose(seg) ? code + 8 : code;
    data[k++] = fromF32(f[buf >> 2] ?? 0);
    data[k++] = fromF32(f[(buf >> 2) + 1] ?? 0);
  }
  return data;
}

/** The same, read from the point array at `first` (see rawPoints). */
function pointsInHeap(engine: Pdfium, first: number, n: number): Float64Array {
  const { u8, f32 } = engine.heap();
  const data = new Float64Array(n * 3);
  let k = 0;
  for (let i = 0, p = first; i < n; i++, p += POINT_BYTES) {
    const t = u8[p + 8] ?? -1;
    const code = t === SEG_MOVETO ? 0 : t === SEG_LINETO ? 1 : t === SEG_BEZIERTO ? 2 : -1;
    data[k++] = u8[p + 9] ? code + 8 : code;
    data[k++] = fromF32(f32[p >> 2] ?? 0);
    data[k++] = fromF32(f32[(p >> 2) + 1] ?? 0);
  }
  return data;
}

function sameData(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A painted path's points (see PathData), or undefined for a path neither filled nor stroked. */
function readPath(engine: Pdfium, obj: number, buf: number): Omit<PathData, "matrix"> | undefined {
  const { api } = engine;
  api.FPDFPath_GetDrawMode(obj, buf, buf + 4);
  const h = engine.heap().u8;
  const fill = (h[buf] ?? 0) | (h[buf + 1] ?? 0);
  const stroke = h[buf + 4] ?? 0;
  if (!fill && !stroke) return undefined;
  const n = api.FPDFPath_CountSegments(obj);
  let data: Float64Array | undefined;
  if (n > 0 && rawPoints !== false) {
    const first = api.FPDFPath_GetPathSegment(obj, 0);
    const contiguous =
      first % 4 === 0 && api.FPDFPath_GetPathSegment(obj, n - 1) === first + (n - 1) * POINT_BYTES;
    if (contiguous) {
      data = pointsInHeap(engine, first, n);
      if (rawPoints === undefined) {
        if (!sameData(data, pointsByApi(engine, obj, n, buf))) {
          rawPoints = false;
          data = undefined;
        } else if (--rawChecks <= 0) rawPoints = true;
      }
    }
  }
  data ??= pointsByApi(engine, obj, n, buf);
  return { data, stroke: stroke !== 0, fill: fill !== 0 };
}

const utf8 = new TextDecoder();

/** A font's base name, as PDFium gives it (cached per font handle for the page). */
function fontNameOf(engine: Pdfium, font: number, buf: number, names: Map<number, string>): string {
  let name = names.get(font);
  if (name === undefined) {
    const len = font ? engine.api.FPDFFont_GetBaseFontName(font, buf, 64) : 0;
    const h = engine.heap().u8;
    name = utf8.decode(h.subarray(buf, buf + Math.max(0, Math.min(64, len) - 1)));
    names.set(font, name);
  }
  return name;
}

/** Character arrays reused from page to page (grown when a page has more characters). */
let scratch: PageChars = emptyChars(0);

function emptyChars(n: number): PageChars {
  return {
    cps: new Int32Array(n),
    xs: new Float64Array(n),
    ys: new Float64Array(n),
    advances: new Float64Array(n),
    next: new Int32Array(n),
  };
}

/** A page's characters and the text objects they belong to. */
interface PageText {
  runs: Map<number, TextRun>;
  chars: PageChars;
  /** Characters left out because the page does not show them (see visible.ts). */
  hidden: number;
}

/** Scratch layout: char origin (2 doubles), loose box (4 floats), text matrix (6 floats), font name. */
const AT_ORIGIN = 0;
const AT_BOX = 16;
const AT_MATRIX = 32;
const AT_NAME = 64;
const SCRATCH = 128;

/**
 * The characters of each text object, from PDFium's text page, less those
 * the page does not show. Six small calls per character, whose results land
 * in one scratch buffer; the heap views are taken once and only taken again
 * if the wasm memory grew.
 */
function textObjects(engine: Pdfium, page: number, walk: Walk): PageText {
  const { api } = engine;
  const runs = new Map<number, TextRun>();
  const fontNames = new Map<number, string>();
  const tp = api.FPDFText_LoadPage(page);
  if (!tp) return { runs, chars: scratch, hidden: 0 };
  const buf = api.malloc(SCRATCH);
  let hidden = 0;
  try {
    const n = Math.max(0, api.FPDFText_CountChars(tp));
    if (scratch.cps.length < n) scratch = emptyChars(Math.max(n, 2 * scratch.cps.length));
    const { cps, xs, ys, advances, next } = scratch;
    const { visibility, imageRects } = walk;
    let count = 0;
    let heap = engine.heap();
    const o64 = (buf + AT_ORIGIN) >> 3;
    const box32 = (buf + AT_BOX) >> 2;
    let lastObj = -1;
    let run: TextRun | undefined;
    let vis: TextVisibility | undefined;
    for (let k = 0; k < n; k++) {
      if (api.FPDFText_IsGenerated(tp, k)) continue;
      const obj = api.FPDFText_GetTextObject(tp, k);
      if (obj !== lastObj) {
        lastObj = obj;
        run = runs.get(obj);
        vis = visibility.get(obj);
      }
      const u = api.FPDFText_GetUnicode(tp, k);
      const last = run ? run.last : -1;
      if (u >= 0xdc00 && u <= 0xdfff && last >= 0) {
        // A low surrogate after a high one in the same object: one character.
        const hi = cps[last] as number;
        if (hi >= 0xd800 && hi <= 0xdbff) {
          cps[last] = 0x10000 + ((hi - 0xd800) << 10) + (u - 0xdc00);
          continue;
        }
      }
      const cp = u <= 0 || u > 0x10ffff || api.FPDFText_HasUnicodeMapError(tp, k) ? 0xfffd : u;
      api.FPDFText_GetCharOrigin(tp, k, buf + AT_ORIGIN, buf + AT_ORIGIN + 8);
      api.FPDFText_GetLooseCharBox(tp, k, buf + AT_BOX);
      if (heap.f64.byteLength === 0) heap = engine.heap();
      const { f32, f64 } = heap;
      const x = fromF32(f64[o64] ?? 0);
      const y = fromF32(f64[o64 + 1] ?? 0);
      // FS_RECTF: left, top, right, bottom.
      const left = f32[box32] ?? x;
      const top = f32[box32 + 1] ?? y;
      const right = f32[box32 + 2] ?? x;
      const bottom = f32[box32 + 3] ?? y;
      if (vis && charHidden(vis, imageRects, left, top, right, bottom)) {
        if (!isSpace(cp)) hidden++;
        continue;
      }
      if (!run) {
        // A text object is read from its first character the page shows.
        const font = obj ? api.FPDFTextObj_GetFont(obj) : 0;
        const fontName = fontNameOf(engine, font, buf + AT_NAME, fontNames);
        api.FPDFText_GetMatrix(tp, k, buf + AT_MATRIX);
        heap = engine.heap();
        const f = heap.f32;
        const i = (buf + AT_MATRIX) >> 2;
        run = {
          font,
          fontName,
          fontSize: fromF32(api.FPDFText_GetFontSize(tp, k)),
          a: fromF32(f[i] ?? 1),
          b: fromF32(f[i + 1] ?? 0),
          c: fromF32(f[i + 2] ?? 0),
          d: fromF32(f[i + 3] ?? 1),
          first: -1,
          last: -1,
        };
        runs.set(obj, run);
      }
      const { a, b } = run;
      let advance: number;
      if (Math.abs(b) <= 0.035 * Math.abs(a)) advance = a > 0 ? right - x : x - left;
      else if (Math.abs(a) <= 0.035 * Math.abs(b)) advance = b > 0 ? top - y : y - bottom;
      else {
        // Diagonal text (a watermark): the box's extent along the baseline.
        const s = Math.hypot(a, b);
        advance = (Math.abs(right - left) * Math.abs(a) + Math.abs(top - bottom) * Math.abs(b)) / s;
      }
      const at = count++;
      cps[at] = cp;
      xs[at] = x;
      ys[at] = y;
      advances[at] = Math.max(0, advance);
      next[at] = -1;
      if (run.last >= 0) next[run.last] = at;
      else run.first = at;
      run.last = at;
    }
  } finally {
    api.free(buf);
    api.FPDFText_ClosePage(tp);
  }
  return { runs, chars: scratch, hidden };
}

/** pdf.js-style text items of a page, in content order, and the characters that lay off the page. */
function textItems(
  walk: Walk,
  { runs, chars }: PageText,
  view: [number, number, number, number],
): { items: TextItem[]; offPage: number } {
  const items: TextItem[] = [];
  const stack = [new RunBuilder(items, view)];
  const builders = [...stack];
  const seen = new Set<number>();
  for (const e of walk.events) {
    const top = stack[stack.length - 1] as RunBuilder;
    if (e > 0) {
      const run = runs.get(e);
      if (run) {
        top.add(run, chars);
        seen.add(e);
      }
    } else if (e === EV_DO) top.flush();
    else if (e === EV_FORM_OPEN) {
      const b = new RunBuilder(items, view);
      stack.push(b);
      builders.push(b);
    } else {
      top.flush();
      if (stack.length > 1) stack.pop();
    }
  }
  // Characters PDFium placed in no object the walk met (none expected): read them last.
  const last = stack[0] as RunBuilder;
  if (seen.size < runs.size)
    for (const [obj, run] of runs) if (!seen.has(obj)) last.add(run, chars);
  last.flush();
  let offPage = 0;
  for (const b of builders) offPage += b.offPage;
  return { items, offPage };
}

export function readPage(doc: PdfDocument, pageNumber: number): PageContent {
  const { engine } = doc;
  const { api } = engine;
  const page = api.FPDF_LoadPage(doc.handle, pageNumber - 1);
  if (!page) throw new Error(`page ${pageNumber} cannot be loaded`);
  try {
    const buf = api.malloc(16);
    let view: [number, number, number, number] = [0, 0, 612, 792];
    if (api.FPDF_GetPageBoundingBox(page, buf)) {
      const f = engine.heap().f32;
      const i = buf >> 2;
      const l = fromF32(f[i] ?? 0);
      const t = fromF32(f[i + 1] ?? 0);
      const r = fromF32(f[i + 2] ?? 0);
      const b = fromF32(f[i + 3] ?? 0);
      view = [Math.min(l, r), Math.min(b, t), Math.max(l, r), Math.max(b, t)];
    }
    api.free(buf);
    const rotate = (((api.FPDFPage_GetRotation(page) % 4) + 4) % 4) * 90;
    const vp = viewport(view, rotate);
    const walk = walkObjects(engine, page);
    const text = textObjects(engine, page, walk);
    const { items, offPage } = textItems(walk, text, view);
    const content = fromTextItems(items, vp, pageNumber);
    const segments = segmentsFromPaths(walk.paths, vp.transform, content.frame);
    return { ...content, segments, images: walk.images, hidden: text.hidden + offPage };
  } finally {
    api.FPDF_ClosePage(page);
  }
}

/** The frame box of four viewport points (a run's corners). */
function frameBox(
  f: Frame,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
): Box {
  // toFrame, for the four points at once.
  const mx = Math.min(x0, x1, x2, x3);
  const Mx = Math.max(x0, x1, x2, x3);
  const my = Math.min(y0, y1, y2, y3);
  const My = Math.max(y0, y1, y2, y3);
  switch (f.turn) {
    case 0:
      return [mx, my, Mx, My];
    case 90:
      return [my, f.width - Mx, My, f.width - mx];
    case 180:
      return [f.width - Mx, f.height - My, f.width - mx, f.height - my];
    case 270:
      return [f.height - My, mx, f.height - my, Mx];
  }
}

/** Text items → glyphs in the reading frame (the frame chosen by the text's dominant direction). */
function fromTextItems(
  textItems: TextItem[],
  vp: { transform: Matrix; width: number; height: number },
  pageNumber: number,
): Omit<PageContent, "segments" | "images" | "hidden"> {
  const vt = vp.transform;
  const items: RawItem[] = [];
  let garbage = 0;
  let chars = 0;
  let space = false;
  for (const it of textItems) {
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
    width: vp.width,
    height: vp.height,
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
    // The run's four corners (each sum in the order that gives the same
    // floats as before), mapped to the frame; the box is their extent.
    const ex = ox + ux * width;
    const ey = oy + uy * width;
    const box = frameBox(
      frame,
      ox - vx * descent,
      oy - vy * descent,
      ex - vx * descent,
      ey - vy * descent,
      ox + vx * ascent,
      oy + vy * ascent,
      ex + vx * ascent,
      ey + vy * ascent,
    );
    const glyph: Glyph = {
      text: it.str.trim(),
      box,
      size,
      horizontal: turn === frame.turn,
    };
    if (it.spaceBefore) glyph.spaceBefore = true;
    glyphs.push(glyph);
  }
  return { page: pageNumber, frame, glyphs, garbage, chars };
}
