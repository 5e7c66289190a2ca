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

/** A character as PDFium places it. */
export interface PlacedChar {
  /** The character (one code point; U+FFFD when the font gives none). */
  text: string;
  /** Origin, user space. */
  x: number;
  y: number;
  /** Advance along the baseline, user space units. */
  advance: number;
}

/** A text-showing object: its font, size, matrix and characters. */
export interface TextRun {
  /** Font identity (a handle) and its base name. */
  font: number;
  fontName: string;
  /** Tf operand. */
  fontSize: number;
  /** Text matrix × CTM, linear part [a, b, c, d]. */
  matrix: [number, number, number, number];
  chars: PlacedChar[];
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

interface Category {
  whitespace: boolean;
  diacritic: boolean;
  invisible: boolean;
}
const categories = new Map<string, Category>();
function category(c: string): Category {
  let cat = categories.get(c);
  if (!cat) {
    const g = SPECIAL_CHAR.exec(c);
    cat = { whitespace: !!g?.[1], diacritic: !!g?.[2], invisible: !!g?.[3] };
    categories.set(c, cat);
  }
  return cat;
}

function normalize(s: string): string {
  return s.replace(NORMALIZE, (_, p1: string | undefined) => (p1 ? p1.normalize("NFKC") : "ſt"));
}

/**
 * One text-content stream (a page, or a form XObject drawn on it: pdf.js
 * reads each form with a state of its own). Feed it text objects in
 * content order; `flush()` where pdf.js flushes (a Do, the stream's end).
 */
export class RunBuilder {
  private initialized = false;
  private str: string[] = [];
  private width = 0;
  private totalWidth = 0;
  private height = 0;
  private transform: Matrix = [1, 0, 0, 1, 0, 0];
  private prev: Matrix | null = null;
  private advanceScale = 0;
  private spaceInFlowMin = 0;
  private spaceInFlowMax = 0;
  private trackingSpaceMin = Number.POSITIVE_INFINITY;
  private negativeSpaceMax = Number.NEGATIVE_INFINITY;
  private notASpace = Number.NEGATIVE_INFINITY;
  private hasEOL = false;
  private lastChars: [string, string] = [" ", " "];
  private lastPos = 0;
  /** Font of the text state the current item was started under. */
  private current: { fontSize: number; font: number; fontName: string } | undefined;

  private readonly items: TextItem[];
  /** The page's view box [x0, y0, x1, y1]: glyphs outside it are not text. */
  private readonly view: [number, number, number, number];

  constructor(items: TextItem[], view: [number, number, number, number]) {
    this.items = items;
    this.view = view;
  }

  private saveLastChar(c: string): boolean {
    const next = (this.lastPos + 1) % 2;
    const ret = this.lastChars[this.lastPos] !== " " && this.lastChars[next] === " ";
    this.lastChars[this.lastPos] = c;
    this.lastPos = next;
    return ret;
  }

  private shouldAddWhitespace(): boolean {
    return this.lastChars[this.lastPos] !== " " && this.lastChars[(this.lastPos + 1) % 2] === " ";
  }

  private resetLastChars(): void {
    this.lastChars = [" ", " "];
    this.lastPos = 0;
  }

  private pushWhitespace(transform: Matrix): void {
    this.items.push({ str: " ", width: 0, transform, hasEOL: false });
  }

  private appendEOL(at: Matrix): void {
    this.resetLastChars();
    if (this.initialized) {
      this.hasEOL = true;
      this.flush();
    } else {
      this.items.push({ str: "", width: 0, transform: at, hasEOL: true });
    }
  }

  flush(): void {
    if (!this.initialized) return;
    this.totalWidth += this.width * this.advanceScale;
    this.items.push({
      str: normalize(this.str.join("")),
      width: Math.abs(this.totalWidth),
      transform: this.transform,
      hasEOL: this.hasEOL,
    });
    this.initialized = false;
    this.str.length = 0;
  }

  /** pdf.js's addFakeSpaces: true when it ended the item. */
  private addFakeSpaces(width: number, orientation: number, at: Matrix): boolean {
    if (orientation * this.spaceInFlowMin <= width && width <= orientation * this.spaceInFlowMax) {
      if (this.initialized) {
        this.resetLastChars();
        this.str.push(" ");
      }
      return false;
    }
    this.flush();
    this.resetLastChars();
    this.pushWhitespace(this.prev ?? at);
    return true;
  }

  /** pdf.js's compareWithLastPosition (horizontal writing); false: the glyph is off the page. */
  private compare(cur: Matrix, glyphWidth: number): boolean {
    let posX = cur[4];
    let posY = cur[5];
    const v = this.view;
    if (posX + glyphWidth < v[0] || posX > v[2] || posY < v[1] || posY > v[3]) return false;
    const prev = this.prev;
    if (!prev) return true;
    let lastX = prev[4];
    let lastY = prev[5];
    if (lastX === posX && lastY === posY) return true;
    let rotate = -1;
    if (cur[0] && cur[1] === 0 && cur[2] === 0) rotate = cur[0] > 0 ? 0 : 180;
    else if (cur[1] && cur[0] === 0 && cur[3] === 0) rotate = cur[1] > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastX, lastY] = [lastY, lastX];
        break;
      case 180:
        [posX, posY, lastX, lastY] = [-posX, -posY, -lastX, -lastY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastX, lastY] = [-lastY, -lastX];
        break;
      default: {
        const s = Math.hypot(cur[0], cur[1]);
        [posX, posY] = [(cur[0] * posX + cur[1] * posY) / s, (cur[2] * posX + cur[3] * posY) / s];
        const t = Math.hypot(prev[0], prev[1]);
        [lastX, lastY] = [
          (prev[0] * lastX + prev[1] * lastY) / t,
          (prev[2] * lastX + prev[3] * lastY) / t,
        ];
      }
    }
    const advanceX = (posX - lastX) / this.advanceScale;
    const advanceY = posY - lastY;
    const orientation = Math.sign(this.width || this.totalWidth);
    if (advanceX < orientation * this.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * this.height) {
        this.appendEOL(cur);
        return true;
      }
      this.resetLastChars();
      this.flush();
      return true;
    }
    if (Math.abs(advanceY) > this.height) {
      this.appendEOL(cur);
      return true;
    }
    if (advanceX <= orientation * this.notASpace) this.resetLastChars();
    if (advanceX <= orientation * this.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
        this.pushWhitespace(this.prev ?? cur);
      } else {
        this.width += advanceX;
      }
    } else if (!this.addFakeSpaces(advanceX, orientation, cur)) {
      if (this.str.length === 0) {
        this.resetLastChars();
        this.pushWhitespace(this.prev ?? cur);
      } else {
        this.width += advanceX;
      }
    }
    if (Math.abs(advanceY) > this.height * VERTICAL_SHIFT_RATIO) this.flush();
    return true;
  }

  private ensure(run: TextRun, cur: Matrix): void {
    if (this.initialized) return;
    this.transform = cur;
    this.width = 0;
    this.totalWidth = 0;
    this.height = Math.hypot(cur[2], cur[3]);
    const [a, b] = run.matrix;
    this.advanceScale = Math.hypot(a, b);
    const fs = run.fontSize;
    this.trackingSpaceMin = fs * TRACKING_SPACE_FACTOR;
    this.notASpace = fs * NOT_A_SPACE_FACTOR;
    this.negativeSpaceMax = fs * NEGATIVE_SPACE_FACTOR;
    this.spaceInFlowMin = fs * SPACE_IN_FLOW_MIN_FACTOR;
    this.spaceInFlowMax = fs * SPACE_IN_FLOW_MAX_FACTOR;
    this.hasEOL = false;
    this.initialized = true;
  }

  add(run: TextRun): void {
    const c = this.current;
    if (!c || c.fontSize !== run.fontSize || (c.font !== run.font && c.fontName !== run.fontName)) {
      this.flush();
      this.current = { fontSize: run.fontSize, font: run.font, fontName: run.fontName };
    }
    const [a, b, cc, d] = run.matrix;
    const fs = run.fontSize;
    const scale = Math.hypot(a, b) || 1;
    const ux = a / scale;
    const uy = b / scale;
    for (const ch of run.chars) {
      const cat = category(ch.text);
      if (cat.invisible) continue;
      if (cat.whitespace) {
        this.saveLastChar(" ");
        continue;
      }
      const cur: Matrix = [a * fs, b * fs, cc * fs, d * fs, ch.x, ch.y];
      // The advance in text space is a glyph width (in 1/1000 em, from the font's
      // /Widths) × size: recover the width PDFium computed in 32-bit floats.
      const em = 0.001 * fs;
      let scaled = ch.advance / scale;
      if (em > 0) scaled = (Math.round((scaled / em) * 100) / 100) * em;
      if (!cat.diacritic && !this.compare(cur, scaled)) continue;
      this.ensure(run, cur);
      if (cat.diacritic) scaled = 0;
      this.width += scaled;
      if (scaled) {
        const adv = scaled * scale;
        this.prev = [cur[0], cur[1], cur[2], cur[3], ch.x + ux * adv, ch.y + uy * adv];
      }
      if (this.saveLastChar(ch.text)) this.str.push(" ");
      this.str.push(ch.text);
    }
  }
}
