/**
 * What a page shows of its text layer.
 *
 * A PDF's text layer can hold text the page never shows: text outside the
 * clip path it is drawn under (a text box whose overflow is cut off, and
 * printed again on the next page), text outside the page, text drawn in
 * the invisible render mode. Read as content, such text turns into
 * duplicate paragraphs and stray figures (issue 10). This module gives,
 * for each text object, the region its clip path leaves visible (the
 * bounding box of each clip path, intersected) and whether it is drawn
 * invisibly; pages.ts drops each character that lies wholly outside that
 * region, and each invisible character that is not over an image.
 *
 * Invisible text over an image is kept: that is how OCR software lays the
 * recognised text of a scanned page over the scan, and it is what the page
 * shows.
 *
 * Bounding boxes make the test generous: a character is dropped only when
 * no part of its box could show, so a name cut off by a table cell keeps
 * its last, partly visible character.
 */
import type { Matrix } from "./geometry.ts";
import type { Pdfium } from "./pdfium.ts";

/** [x0, y0, x1, y1] in PDF user space; empty when x0 > x1 or y0 > y1. */
export type Rect = [number, number, number, number];

export interface TextVisibility {
  /** The part of the page the object's clip path leaves visible (user space); absent: not clipped. */
  clip?: Rect;
  /** Drawn in render mode 3 (invisible) or 7 (clip only). */
  invisible: boolean;
}

const TEXT_INVISIBLE = 3;
const TEXT_CLIP = 7;

function intersect(a: Rect | undefined, b: Rect | undefined): Rect | undefined {
  if (!a) return b;
  if (!b) return a;
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
}

/** The bounding box of a rectangle mapped by a matrix. */
function mapRect(m: Matrix, r: Rect): Rect {
  if (m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0) return r;
  if (r[0] > r[2] || r[1] > r[3]) return r;
  const xs = [r[0], r[2], r[0], r[2]];
  const ys = [r[1], r[1], r[3], r[3]];
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < 4; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    const u = m[0] * x + m[2] * y + m[4];
    const v = m[1] * x + m[3] * y + m[5];
    x0 = Math.min(x0, u);
    x1 = Math.max(x1, u);
    y0 = Math.min(y0, v);
    y1 = Math.max(y1, v);
  }
  return [x0, y0, x1, y1];
}

/**
 * Reads clip regions, render modes and image bounds for one page. Objects
 * drawn under the same clip state share its paths, so a page-level clip is
 * worked out once per state (keyed by its path count and the address of
 * its last path's points, which PDFium keeps for as long as the page is
 * loaded).
 */
export class VisibilityReader {
  private readonly engine: Pdfium;
  /** 16 bytes of scratch in the wasm heap. */
  private readonly buf: number;
  private readonly clips = new Map<number, Rect>();
  /** One TextVisibility per clip region, shared by the objects under it. */
  private readonly visible = new Map<Rect, TextVisibility>();
  /** Rectangles of the page's images, user space: invisible text over them is an OCR layer. */
  readonly images: Rect[] = [];

  constructor(engine: Pdfium, buf: number) {
    this.engine = engine;
    this.buf = buf;
  }

  /** The visible region of an object's own clip path, in the object's space; undefined: none. */
  private ownClip(obj: number, cache: boolean): Rect | undefined {
    const { api } = this.engine;
    const clip = api.FPDFPageObj_GetClipPath(obj);
    if (!clip) return undefined;
    const n = api.FPDFClipPath_CountPaths(clip);
    if (n <= 0) return undefined;
    const last = api.FPDFClipPath_GetPathSegment(clip, n - 1, 0) >>> 0;
    const key = n * 2 ** 32 + last;
    if (cache && last) {
      const known = this.clips.get(key);
      if (known) return known;
    }
    let region: Rect | undefined;
    const { buf } = this;
    for (let p = 0; p < n; p++) {
      const segments = api.FPDFClipPath_CountPathSegments(clip, p);
      let x0 = Number.POSITIVE_INFINITY;
      let y0 = Number.POSITIVE_INFINITY;
      let x1 = Number.NEGATIVE_INFINITY;
      let y1 = Number.NEGATIVE_INFINITY;
      for (let s = 0; s < segments; s++) {
        const seg = api.FPDFClipPath_GetPathSegment(clip, p, s);
        if (!seg || !api.FPDFPathSegment_GetPoint(seg, buf, buf + 4)) continue;
        const f = this.engine.heap().f32;
        const x = f[buf >> 2] ?? 0;
        const y = f[(buf >> 2) + 1] ?? 0;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
      if (x0 <= x1) region = intersect(region, [x0, y0, x1, y1]);
    }
    if (region && cache && last) this.clips.set(key, region);
    return region;
  }

  /**
   * The visible region of an object drawn with `outer` (form matrices, for
   * objects inside forms) under the forms' own region `inherited`, in page
   * user space.
   */
  clipOf(obj: number, outer: Matrix, depth: number, inherited: Rect | undefined): Rect | undefined {
    const own = this.ownClip(obj, depth === 0);
    return intersect(inherited, own && depth > 0 ? mapRect(outer, own) : own);
  }

  /** How a text object shows; undefined when it shows as any text does. */
  text(
    obj: number,
    outer: Matrix,
    depth: number,
    inherited: Rect | undefined,
  ): TextVisibility | undefined {
    const mode = this.engine.api.FPDFTextObj_GetTextRenderMode(obj);
    const invisible = mode === TEXT_INVISIBLE || mode === TEXT_CLIP;
    const clip = this.clipOf(obj, outer, depth, inherited);
    if (!clip) return invisible ? { invisible } : undefined;
    if (invisible) return { clip, invisible };
    let vis = this.visible.get(clip);
    if (!vis) {
      vis = { clip, invisible: false };
      this.visible.set(clip, vis);
    }
    return vis;
  }

  /** Note an image object's rectangle. */
  image(obj: number, outer: Matrix): void {
    const { api } = this.engine;
    const { buf } = this;
    if (!api.FPDFPageObj_GetBounds(obj, buf, buf + 4, buf + 8, buf + 12)) return;
    const f = this.engine.heap().f32;
    const i = buf >> 2;
    const r: Rect = [f[i] ?? 0, f[i + 1] ?? 0, f[i + 2] ?? 0, f[i + 3] ?? 0];
    this.images.push(mapRect(outer, r));
  }
}

/**
 * Whether the page does not show a character whose box (user space, in any
 * corner order) is l, t, r, b.
 */
export function charHidden(
  vis: TextVisibility,
  images: readonly Rect[],
  l: number,
  t: number,
  r: number,
  b: number,
): boolean {
  const x0 = Math.min(l, r);
  const x1 = Math.max(l, r);
  const y0 = Math.min(t, b);
  const y1 = Math.max(t, b);
  const c = vis.clip;
  if (c && (x1 <= c[0] || x0 >= c[2] || y1 <= c[1] || y0 >= c[3] || c[0] > c[2] || c[1] > c[3])) {
    return true;
  }
  if (!vis.invisible) return false;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return !images.some((im) => cx >= im[0] && cx <= im[2] && cy >= im[1] && cy <= im[3]);
}
