/**
 * Glyph runs → lines of text in reading order.
 *
 * pdf.js gives runs as the producer wrote them: whole phrases (Word,
 * ONLYOFFICE), one character each (Chromium), sometimes twice over with a
 * small offset (a fake bold). Runs that share a baseline band form a line;
 * within a line, the horizontal gap between runs decides whether they join
 * directly (a word), with one space, or with a wide gap that keeps column
 * structure visible to the stream reader of recognition.
 */
import type { Box } from "../layout.ts";
import { unionBox } from "./geometry.ts";
import type { Glyph } from "./pages.ts";

export interface TextLine {
  glyphs: Glyph[];
  box: Box;
  /** Median font size. */
  size: number;
}

function height(b: Box): number {
  return b[3] - b[1];
}

/**
 * Group glyphs into lines: sorted by vertical middle, a glyph joins the line
 * it overlaps vertically by at least half of the smaller height.
 */
export function groupLines(glyphs: Glyph[]): TextLine[] {
  const sorted = [...glyphs].sort(
    (a, b) => a.box[1] + a.box[3] - (b.box[1] + b.box[3]) || a.box[0] - b.box[0],
  );
  const lines: { glyphs: Glyph[]; y0: number; y1: number }[] = [];
  for (const g of sorted) {
    let joined = false;
    // Look back over the last few lines: a run sorted slightly later (a
    // smaller font on the same baseline) still belongs to its line.
    for (let k = lines.length - 1; k >= Math.max(0, lines.length - 3); k--) {
      const l = lines[k];
      if (!l) continue;
      const overlap = Math.min(l.y1, g.box[3]) - Math.max(l.y0, g.box[1]);
      if (overlap >= 0.5 * Math.min(l.y1 - l.y0, height(g.box))) {
        l.glyphs.push(g);
        l.y0 = Math.min(l.y0, g.box[1]);
        l.y1 = Math.max(l.y1, g.box[3]);
        joined = true;
        break;
      }
    }
    if (!joined) lines.push({ glyphs: [g], y0: g.box[1], y1: g.box[3] });
  }
  return lines.map((l) => {
    const gs = dedupe(l.glyphs.sort((a, b) => a.box[0] - b.box[0]));
    const sizes = gs.map((g) => g.size).sort((a, b) => a - b);
    return {
      glyphs: gs,
      box: unionBox(gs.map((g) => g.box)),
      size: sizes[sizes.length >> 1] ?? 10,
    };
  });
}

/**
 * Drop a run printed again over itself (fake bold, shadow). The glyphs come
 * sorted by their left edge, so only the last few kept can be that close:
 * the look-back stops at the first one more than 0.3 em to the left (a line
 * of thousands of one-character runs stays linear).
 */
function dedupe(glyphs: Glyph[]): Glyph[] {
  const out: Glyph[] = [];
  for (const g of glyphs) {
    const near = 0.3 * g.size;
    let dup = false;
    for (let k = out.length - 1; k >= 0; k--) {
      const o = out[k] as Glyph;
      const dx = g.box[0] - o.box[0];
      if (dx >= near) break;
      if (o.text === g.text && Math.abs(dx) < near && Math.abs(o.box[1] - g.box[1]) < near) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push(g);
  }
  return out;
}

const LATIN_END = /[A-Za-z]$/;
const CJK_END = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$/;
const CJK_START = /^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const LATIN_START = /^[A-Za-z]/;

/**
 * A line's text. Gaps under a quarter of the font size are no gap (letter
 * spacing, per-character runs); wider gaps print as one space; gaps wider
 * than two characters print as several spaces, about one per half em, so
 * that columns stay apart as they do in `pdftotext -layout` output.
 */
export function lineText(line: TextLine, opts: { wide?: boolean } = {}): string {
  let out = "";
  let prevEnd: number | undefined;
  const size = line.size;
  const wide = opts.wide !== false;
  for (const g of line.glyphs) {
    if (prevEnd !== undefined) {
      const gap = g.box[0] - prevEnd;
      // Justified and distributed Chinese text spreads characters apart
      // ("因 公 出 国"): between two ideographs only a column-wide gap counts.
      // A space the producer wrote between two ideographs ("第一部分 部门概况")
      // is kept when the gap shows it.
      const cjk = CJK_END.test(out) && CJK_START.test(g.text);
      const written = g.spaceBefore ? 0.15 * size : 0.5 * size;
      const space = cjk ? (wide ? written : Number.POSITIVE_INFINITY) : 0.25 * size;
      if (gap > 2 * size && wide) {
        out += " ".repeat(Math.min(40, Math.max(3, Math.round(gap / (0.5 * size)))));
      } else if (gap > space) out += " ";
    }
    out += g.text;
    prevEnd = Math.max(prevEnd ?? Number.NEGATIVE_INFINITY, g.box[2]);
  }
  return out.replace(/\s+$/, "").replace(/^\s+/, "");
}

/** Text of a table cell: its lines joined without a break (a wrapped name is one name). */
export function cellText(lines: TextLine[]): string {
  let out = "";
  for (const l of lines) {
    const t = lineText(l, { wide: false });
    if (out !== "" && LATIN_END.test(out) && LATIN_START.test(t)) out += " ";
    out += t;
  }
  // Runs that carry their own spaces between ideographs (distributed cell
  // alignment: "其 他 商 品") read as one name.
  return out.replace(/(?<=[\u3400-\u9fff（）])\s+(?=[\u3400-\u9fff（）])/g, "");
}
