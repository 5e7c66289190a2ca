/**
 * Characters → text runs, by the rules of pdf.js's getTextContent.
 *
 * The rest of the PDF reader (line grouping, gap widths, cell splitting)
 * was built and tuned on the runs pdf.js gives: a run goes on while each
 * glyph starts about where the previous one ended, a gap of 0.1–0.6 em
 * inside a run becomes a space, a wider gap or a jump ends the run and
 * leaves a whitespace item, a jump to another line marks the end of line.
 * PDFium gives positioned characters instead; this module replays pdf.js's
 * state machine (PartialEvaluator.getTextContent: compareWithLastPosition,
 * addFakeSpaces, saveLastChar, flushTextContentItem) over them, with the
 * same constants, so that the runs, and so the Layout, stay the same.
 *
 * Only horizontal writing is modelled (vertical CJK fonts are not used by
 * the producers of budget disclosures): such text is read as horizontal.
 */
import type { Matrix } from "./geometry.ts";

/** One text item, as pdf.js's getTextContent gives it. */
export interface TextItem {
  str: string;
  /** Text rendering matrix at the item's first glyph (PDF user space). */
  transform: Matrix;
  /** Advance along the baseline, user space units. */
  width: number;
  hasEOL: boolean;
}

/**
 * The characters of a page, in parallel arrays indexed by character (a page
 * has thousands, a text object often only one or two): code point (U+FFFD
 * when the font gives none; a lone surrogate stays one), origin in user
 * space, advance along the baseline in user space units, and the next
 * character of the same text object (-1 after its last).
 */
export interface PageChars {
  cps: Int32Array;
  xs: Float64Array;
  ys: Float64Array;
  advances: Float64Array;
  next: Int32Array;
}

/** A text-showing object: its font, size, matrix and the chain of its characters in PageChars. */
export interface TextRun {
  /** Font identity (a handle) and its base name. */
  font: number;
  fontName: string;
  /** Tf operand. */
  fontSize: number;
  /** Text matrix × CTM, linear part [a, b, c, d]. */
  a: number;
  b: number;
  c: number;
  d: number;
  /** Its first and last character (-1: none yet). */
  first: number;
  last: number;
}

const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

const SPECIAL_CHAR = /^(?:(\s+)|(\p{Mn}+)|(\p{Cf}+))$/u;
// pdf.js's normalizeUnicode: NFKC on these code points only.
const NORMALIZE =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40\ufb41\ufb43\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;
/** Whether a string has anything NORMALIZE would change (most runs have not). */
const NEEDS_NORMALIZE =
  /[\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb06\ufb20-\ufdff\ufe70-\ufe7f]/;

/** pdf.js's character classes: 1 whitespace, 2 diacritic (Mn), 4 invisible (Cf), 0 none. */
const WHITESPACE = 1;
const DIACRITIC = 2;
const INVISIBLE = 4;
/** Class of each BMP code unit, 255 until first asked (a page reads the same few thousand). */
const bmpClass = new Uint8Array(0x10000).fill(255);
const astralClass = new Map<number, number>();

function classify(cp: number): number {
  const g = SPECIAL_CHAR.exec(String.fromCodePoint(cp));
  if (!g) return 0;
  return (g[1] ? WHITESPACE : 0) | (g[2] ? DIACRITIC : 0) | (g[3] ? INVISIBLE : 0);
}

function charClass(cp: number): number {
  if (cp < 0x10000) {
    let c = bmpClass[cp] as number;
    if (c === 255) {
      c = classify(cp);
      bmpClass[cp] = c;
    }
    return c;
  }
  let c = astralClass.get(cp);
  if (c === undefined) {
    c = classify(cp);
    astralClass.set(cp, c);
  }
  return c;
}

/** Whether a character is white space (pdf.js's test: \s). */
export function isSpace(cp: number): boolean {
  return (charClass(cp) & WHITESPACE) !== 0;
}

function normalize(s: string): string {
  if (!NEEDS_NORMALIZE.test(s)) return s;
  return s.replace(NORMALIZE, (_, p1: string | undefined) => (p1 ? p1.normalize("NFKC") : "ſt"));
}

/** UTF-16 code units → string, in slices (a spread of a huge array would overflow the stack). */
function fromUnits(units: number[]): string {
  if (units.length <= 4096) return String.fromCharCode.apply(null, units);
  let out = "";
  for (let i = 0; i < units.length; i += 4096) {
    out += String.fromCharCode.apply(null, units.slice(i, i + 4096));
  }
  return out;
}

const SPACE = 0x20;

/**
 * One text-content stream (a page, or a form XObject drawn on it: pdf.js
 * reads each form with a state of its own). Feed it text objects in
 * content order; `flush()` where pdf.js flushes (a Do, the stream's end).
 *
 * The glyph being placed and the previous glyph's end are kept as numbers
 * (linear part + origin) rather than as matrices: a matrix is built only
 * where an item keeps one.
 */
export class RunBuilder {
  private initialized = false;
  /** The item's text so far, as UTF-16 code units. */
  private str: number[] = [];
  private width = 0;
  private totalWidth = 0;
  private height = 0;
  private transform: Matrix = [1, 0, 0, 1, 0, 0];
  /** The previous glyph's end: whether there is one, its linear part and origin. */
  private hasPrev = false;
  private prevA = 1;
  private prevB = 0;
  private prevC = 0;
  private prevD = 1;
  private prevX = 0;
  private prevY = 0;
  /** The glyph being placed: linear part and origin. */
  private curA = 1;
  private curB = 0;
  private curC = 0;
  private curD = 1;
  private curX = 0;
  private curY = 0;
  private advanceScale = 0;
  private spaceInFlowMin = 0;
  private spaceInFlowMax = 0;
  private trackingSpaceMin = Number.POSITIVE_INFINITY;
  private negativeSpaceMax = Number.NEGATIVE_INFINITY;
  private notASpace = Number.NEGATIVE_INFINITY;
  private hasEOL = false;
  /** The last two characters (code points; SPACE for any whitespace), pdf.js's lastChars. */
  private last0 = SPACE;
  private last1 = SPACE;
  private lastPos = 0;
  /** Characters left out for lying off the page. */
  offPage = 0;
  /** Font of the text state the current item was started under. */
  private current: { fontSize: number; font: number; fontName: string } | undefined;

  private readonly items: TextItem[];
  /** The page's view box [x0, y0, x1, y1]: glyphs outside it are not text. */
  private readonly view: [number, number, number, number];

  constructor(items: TextItem[], view: [number, number, number, number]) {
    this.items = items;
    this.view = view;
  }

  private cur(): Matrix {
    return [this.curA, this.curB, this.curC, this.curD, this.curX, this.curY];
  }

  /** The previous glyph's end as a matrix, or the current glyph's when there is none. */
  private prevOrCur(): Matrix {
    if (!this.hasPrev) return this.cur();
    return [this.prevA, this.prevB, this.prevC, this.prevD, this.prevX, this.prevY];
  }

  private saveLastChar(c: number): boolean {
    let ret: boolean;
    if (this.lastPos === 0) {
      ret = this.last0 !== SPACE && this.last1 === SPACE;
      this.last0 = c;
      this.lastPos = 1;
    } else {
      ret = this.last1 !== SPACE && this.last0 === SPACE;
      this.last1 = c;
      this.lastPos = 0;
    }
    return ret;
  }

  private shouldAddWhitespace(): boolean {
    return this.lastPos === 0
      ? this.last0 !== SPACE && this.last1 === SPACE
      : this.last1 !== SPACE && this.last0 === SPACE;
  }

  private resetLastChars(): void {
    this.last0 = SPACE;
    this.last1 = SPACE;
    this.lastPos = 0;
  }

  private pushWhitespace(transform: Matrix): void {
    this.items.push({ str: " ", width: 0, transform, hasEOL: false });
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.initialized) {
      this.hasEOL = true;
      this.flush();
    } else {
      this.items.push({ str: "", width: 0, transform: this.cur(), hasEOL: true });
    }
  }

  flush(): void {
    if (!this.initialized) return;
    this.totalWidth += this.width * this.advanceScale;
    this.items.push({
      str: normalize(fromUnits(this.str)),
      width: Math.abs(this.totalWidth),
      transform: this.transform,
      hasEOL: this.hasEOL,
    });
    this.initialized = false;
    this.str.length = 0;
  }

  /** pdf.js's addFakeSpaces: true when it ended the item. */
  private addFakeSpaces(width: number, orientation: number): boolean {
    if (orientation * this.spaceInFlowMin <= width && width <= orientation * this.spaceInFlowMax) {
      if (this.initialized) {
        this.resetLastChars();
        this.str.push(SPACE);
      }
      return false;
    }
    this.flush();
    this.resetLastChars();
    this.pushWhitespace(this.prevOrCur());
    return true;
  }

  /** pdf.js's compareWithLastPosition (horizontal writing) for the current glyph; false: it is off the page. */
  private compare(glyphWidth: number): boolean {
    let posX = this.curX;
    let posY = this.curY;
    const v = this.view;
    if (posX + glyphWidth < v[0] || posX > v[2] || posY < v[1] || posY > v[3]) return false;
    if (!this.hasPrev) return true;
    let lastX = this.prevX;
    let lastY = this.prevY;
    if (lastX === posX && lastY === posY) return true;
    const { curA, curB, curC, curD } = this;
    let t: number;
    if (curA && curB === 0 && curC === 0) {
      if (curA < 0) {
        posX = -posX;
        posY = -posY;
        lastX = -lastX;
        lastY = -lastY;
      }
    } else if (curB && curA === 0 && curD === 0) {
      if (curB > 0) {
        t = posX;
        posX = posY;
        posY = t;
        t = lastX;
        lastX = lastY;
        lastY = t;
      } else {
        t = posX;
        posX = -posY;
        posY = -t;
        t = lastX;
        lastX = -lastY;
        lastY = -t;
      }
    } else {
      const s = Math.hypot(curA, curB);
      t = posX;
      posX = (curA * t + curB * posY) / s;
      posY = (curC * t + curD * posY) / s;
      const { prevA, prevB, prevC, prevD } = this;
      const u = Math.hypot(prevA, prevB);
      t = lastX;
      lastX = (prevA * t + prevB * lastY) / u;
      lastY = (prevC * t + prevD * lastY) / u;
    }
    const advanceX = (posX - lastX) / this.advanceScale;
    const advanceY = posY - lastY;
    const orientation = Math.sign(this.width || this.totalWidth);
    if (advanceX < orientation * this.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * this.height) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flush();
      return true;
    }
    if (Math.abs(advanceY) > this.height) {
      this.appendEOL();
      return true;
    }
    if (advanceX <= orientation * this.notASpace) this.resetLastChars();
    if (advanceX <= orientation * this.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
        this.pushWhitespace(this.prevOrCur());
      } else {
        this.width += advanceX;
      }
    } else if (!this.addFakeSpaces(advanceX, orientation)) {
      if (this.str.length === 0) {
        this.resetLastChars();
        this.pushWhitespace(this.prevOrCur());
      } else {
        this.width += advanceX;
      }
    }
    if (Math.abs(advanceY) > this.height * VERTICAL_SHIFT_RATIO) this.flush();
    return true;
  }

  private ensure(run: TextRun): void {
    if (this.initialized) return;
    this.transform = this.cur();
    this.width = 0;
    this.totalWidth = 0;
    this.height = Math.hypot(this.curC, this.curD);
    this.advanceScale = Math.hypot(run.a, run.b);
    const fs = run.fontSize;
    this.trackingSpaceMin = fs * TRACKING_SPACE_FACTOR;
    this.notASpace = fs * NOT_A_SPACE_FACTOR;
    this.negativeSpaceMax = fs * NEGATIVE_SPACE_FACTOR;
    this.spaceInFlowMin = fs * SPACE_IN_FLOW_MIN_FACTOR;
    this.spaceInFlowMax = fs * SPACE_IN_FLOW_MAX_FACTOR;
    this.hasEOL = false;
    this.initialized = true;
  }

  /** Place the characters of one text object. */
  add(run: TextRun, chars: PageChars): void {
    const c = this.current;
    if (!c || c.fontSize !== run.fontSize || (c.font !== run.font && c.fontName !== run.fontName)) {
      this.flush();
      this.current = { fontSize: run.fontSize, font: run.font, fontName: run.fontName };
    }
    const { a, b } = run;
    const fs = run.fontSize;
    const la = a * fs;
    const lb = b * fs;
    const lc = run.c * fs;
    const ld = run.d * fs;
    const scale = Math.hypot(a, b) || 1;
    const ux = a / scale;
    const uy = b / scale;
    // The advance in text space is a glyph width (in 1/1000 em, from the font's
    // /Widths) × size: recover the width PDFium computed in 32-bit floats.
    const em = 0.001 * fs;
    const { cps, xs, ys, advances, next } = chars;
    for (let i = run.first; i >= 0; i = next[i] as number) {
      const cp = cps[i] as number;
      const cls = charClass(cp);
      if (cls & INVISIBLE) continue;
      if (cls & WHITESPACE) {
        this.saveLastChar(SPACE);
        continue;
      }
      const x = xs[i] as number;
      const y = ys[i] as number;
      this.curA = la;
      this.curB = lb;
      this.curC = lc;
      this.curD = ld;
      this.curX = x;
      this.curY = y;
      let scaled = (advances[i] as number) / scale;
      if (em > 0) scaled = (Math.round((scaled / em) * 100) / 100) * em;
      const diacritic = (cls & DIACRITIC) !== 0;
      if (!diacritic && !this.compare(scaled)) {
        this.offPage++;
        continue;
      }
      this.ensure(run);
      if (diacritic) scaled = 0;
      this.width += scaled;
      if (scaled) {
        const adv = scaled * scale;
        this.hasPrev = true;
        this.prevA = la;
        this.prevB = lb;
        this.prevC = lc;
        this.prevD = ld;
        this.prevX = x + ux * adv;
        this.prevY = y + uy * adv;
      }
      if (this.saveLastChar(cp)) this.str.push(SPACE);
      if (cp < 0x10000) this.str.push(cp);
      else this.str.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
  }
}
