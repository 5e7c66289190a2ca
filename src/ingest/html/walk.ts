/**
 * Walk an HTML document in reading order and emit Layout blocks: each data
 * table a grid, every paragraph, heading, list item and <br>-separated piece
 * of text a line. Scripts, styles and hidden elements are skipped. A table
 * that contains another table is page layout, not data: its cells are read
 * as blocks of text and the inner tables as grids.
 */
import { parseDocument } from "htmlparser2";
import { GongkaiError } from "../../model/errors.ts";
import type { LayoutBlock } from "../layout.ts";
import { type Limits, overLimit, resolveLimits } from "../limits.ts";
import { gridBlocks, gridTooLarge, MAX_GRID_CELLS, placeCells, type SourceCell } from "./grid.ts";

/** The part of htmlparser2's DOM we read. */
interface HNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HNode[];
}

/** Most elements a page may have: the parser keeps a node for each (real pages: a few thousand). */
export const MAX_HTML_ELEMENTS = 1_000_000;

const SKIP = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "svg",
  "button",
  "select",
  "textarea",
  "input",
]);

const BLOCK = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "section",
  "article",
  "header",
  "footer",
  "nav",
  "aside",
  "main",
  "blockquote",
  "pre",
  "hr",
  "form",
  "fieldset",
  "address",
  "figure",
  "figcaption",
  "center",
  "caption",
  "tr",
  "td",
  "th",
  "body",
  "html",
]);

function isElement(n: HNode): boolean {
  return n.type === "tag";
}

function isHidden(n: HNode): boolean {
  const a = n.attribs;
  if (!a) return false;
  if ("hidden" in a) return true;
  const style = (a.style ?? "").toLowerCase().replace(/\s+/g, "");
  return /display:none|visibility:hidden/.test(style);
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Whitespace collapsed; a break between two CJK characters joins them (a wrapped name). */
function normalizeText(raw: string): string {
  const parts = raw
    .split("\n")
    .map((p) => p.replace(/[\s\u00a0]+/g, " ").trim())
    .filter((p) => p !== "");
  let out = "";
  for (const p of parts) {
    if (out === "") out = p;
    else out += CJK.test(out.slice(-1)) && CJK.test(p.charAt(0)) ? p : ` ${p}`;
  }
  return out;
}

/** Descendants matching `want`, not descending into `stop` elements below the root. */
function findAll(root: HNode, want: (n: HNode) => boolean, stop: (n: HNode) => boolean): HNode[] {
  const out: HNode[] = [];
  const stack: HNode[] = [...(root.children ?? [])].reverse();
  while (stack.length > 0) {
    const n = stack.pop() as HNode;
    if (!isElement(n)) continue;
    if (want(n)) {
      out.push(n);
      continue;
    }
    if (stop(n)) continue;
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as HNode);
  }
  return out;
}

function containsTable(table: HNode): boolean {
  return (
    findAll(
      table,
      (n) => n.name === "table",
      () => false,
    ).length > 0
  );
}

/** Text of a subtree with block boundaries as newlines, iteratively. */
function subtreeText(root: HNode): string {
  const pieces: string[] = [];
  const stack: (HNode | "\n")[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as HNode | "\n";
    if (n === "\n") {
      pieces.push("\n");
      continue;
    }
    if (n.type === "text") {
      pieces.push((n.data ?? "").replace(/\n/g, " "));
      continue;
    }
    if (n.type !== "tag" && n.type !== "root" && n.type !== "cdata") continue;
    if (n.name && (SKIP.has(n.name) || isHidden(n))) continue;
    if (n.name === "br") {
      pieces.push("\n");
      continue;
    }
    const block = n.name !== undefined && BLOCK.has(n.name);
    if (block) stack.push("\n");
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as HNode);
    if (block) pieces.push("\n");
  }
  return normalizeText(pieces.join(""));
}

function span(el: HNode, attr: string): number | undefined {
  const v = Number.parseInt(el.attribs?.[attr] ?? "", 10);
  return Number.isFinite(v) && v > 1 ? v : undefined;
}

const FLUSH = Symbol("flush");

class Emitter {
  readonly blocks: LayoutBlock[] = [];
  line = 1;
  private buf: string[] = [];

  text(s: string): void {
    this.buf.push(s);
  }

  flush(): void {
    const t = normalizeText(this.buf.join("").replace(/\n/g, " "));
    this.buf = [];
    if (t === "") return;
    this.blocks.push({ kind: "line", text: t, line: this.line++ });
  }

  lines(text: string): void {
    this.flush();
    for (const part of text.split("\n")) {
      const t = normalizeText(part);
      if (t !== "") this.blocks.push({ kind: "line", text: t, line: this.line++ });
    }
  }

  /**
   * The children of `root` in reading order, with an explicit stack rather
   * than recursion: a page nested thousands deep is read like any other,
   * tables at the bottom included.
   */
  walk(root: HNode): void {
    const stack: (HNode | typeof FLUSH)[] = [];
    const pushChildren = (n: HNode) => {
      const kids = n.children ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as HNode);
    };
    pushChildren(root);
    while (stack.length > 0) {
      const item = stack.pop() as HNode | typeof FLUSH;
      if (item === FLUSH) {
        this.flush();
        continue;
      }
      if (item.type === "text") {
        this.text(item.data ?? "");
        continue;
      }
      if (item.type === "cdata") {
        pushChildren(item);
        continue;
      }
      if (!isElement(item)) continue;
      const name = item.name ?? "";
      if (SKIP.has(name) || isHidden(item)) continue;
      if (name === "br") {
        this.flush();
        continue;
      }
      if (name === "pre") {
        this.lines(rawText(item));
        continue;
      }
      if (name === "table" && !containsTable(item)) {
        this.table(item);
        continue;
      }
      // A block (and a layout table, whose cells are read as blocks and
      // inner tables as grids) starts and ends a line.
      const block = name === "table" || BLOCK.has(name);
      if (block) {
        this.flush();
        stack.push(FLUSH);
      }
      pushChildren(item);
    }
  }

  /** A data table (one without tables inside it): a grid. */
  private table(el: HNode): void {
    this.flush();
    const caption = findAll(
      el,
      (n) => n.name === "caption",
      (n) => n.name === "table",
    )[0];
    if (caption) this.lines(subtreeText(caption));
    const trs = findAll(
      el,
      (n) => n.name === "tr",
      (n) => n.name === "table",
    );
    const cellsOfRows = trs.map((tr) =>
      findAll(
        tr,
        (n) => n.name === "td" || n.name === "th",
        (n) => n.name === "table" || n.name === "tr",
      ).filter((td) => !isHidden(td)),
    );
    // Refuse a huge table before reading any cell's text.
    if (cellsOfRows.reduce((n, r) => n + r.length, 0) > MAX_GRID_CELLS) throw gridTooLarge();
    const source: SourceCell[][] = cellsOfRows.map((tds) =>
      tds.map((td) => {
        const cell: SourceCell = { text: subtreeText(td) };
        const cs = span(td, "colspan");
        const rs = span(td, "rowspan");
        if (cs) cell.colSpan = cs;
        if (rs) cell.rowSpan = rs;
        return cell;
      }),
    );
    const placed = placeCells(source);
    if (placed.width <= 1) {
      // A one-column table frames text, it holds no figures side by side.
      for (const row of placed.rows) this.lines(row[0]?.text ?? "");
      return;
    }
    const { blocks, nextLine } = gridBlocks(placed, { firstLine: this.line });
    this.blocks.push(...blocks);
    this.line = nextLine;
  }
}

/** Text of a <pre>, keeping its line breaks. */
function rawText(root: HNode): string {
  const pieces: string[] = [];
  const stack: HNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as HNode;
    if (n.type === "text") pieces.push(n.data ?? "");
    else if (n.name === "br") pieces.push("\n");
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as HNode);
  }
  return pieces.join("");
}

/** Elements that never have content: no end tag, no nesting. */
const VOID =
  /^(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|keygen|basefont|frame)$/i;
/** Elements whose end tag may be left out (closed by their next sibling): never deeper than one. */
const IMPLIED_END = /^(?:p|li|td|th|tr|dt|dd|option|optgroup|thead|tbody|tfoot|colgroup|rt|rp)$/i;
/** Elements whose content is raw text (a "<" inside is no tag). */
const RAW_TEXT =
  /^(?:script|style|textarea|title|xmp|noscript|iframe|noembed|noframes|plaintext)$/i;
const FOREIGN = /^(?:svg|math)$/i;

/** Position of the next `</name` (any case) from `from`, or -1. */
function endTagOf(html: string, name: string, from: number): number {
  for (let k = html.indexOf("</", from); k >= 0; k = html.indexOf("</", k + 2))
    if (html.slice(k + 2, k + 2 + name.length).toLowerCase() === name) return k;
  return -1;
}

/**
 * A linear scan of the tags, before the parser sees them, tracking open
 * elements the way the parser does: an end tag closes the innermost open
 * element of its name and everything inside it, and an end tag with no
 * open element of its name (`<div></span>`) closes nothing. Too deep a
 * nesting, or too many elements, is refused here.
 */
function checkNesting(html: string, limits: Limits): void {
  const open: string[] = [];
  let foreign = 0;
  let elements = 0;
  let i = html.indexOf("<");
  while (i >= 0 && i < html.length) {
    const end = html.indexOf(">", i + 1);
    if (end < 0) break;
    const m = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(html.slice(i, Math.min(end + 1, i + 80)));
    if (!m) {
      // "<!--": skip to the comment's end; anything else is text.
      if (html.startsWith("<!--", i)) {
        const close = html.indexOf("-->", i + 4);
        i = close < 0 ? -1 : html.indexOf("<", close + 3);
      } else i = html.indexOf("<", i + 1);
      continue;
    }
    const closing = m[1] === "/";
    const name = (m[2] ?? "").toLowerCase();
    const selfClosing = html.charCodeAt(end - 1) === 0x2f;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at >= 0) {
        for (let k = open.length - 1; k >= at; k--) if (FOREIGN.test(open[k] ?? "")) foreign--;
        open.length = at;
      }
    } else if (!VOID.test(name) && !IMPLIED_END.test(name) && !(selfClosing && foreign > 0)) {
      if (++elements > MAX_HTML_ELEMENTS)
        throw new GongkaiError(
          "too_large",
          `网页元素超过 ${MAX_HTML_ELEMENTS} 个，不像正常的网页，拒绝读取`,
        );
      open.push(name);
      if (FOREIGN.test(name)) foreign++;
      if (open.length > limits.maxNesting)
        throw overLimit(
          "maxNesting",
          `网页元素嵌套超过 ${limits.maxNesting} 层，不像正常的网页，拒绝读取`,
        );
      if (RAW_TEXT.test(name)) {
        // Raw text runs to its own end tag.
        const close = endTagOf(html, name, end + 1);
        open.pop();
        i = close < 0 ? -1 : close;
        continue;
      }
    } else if (++elements > MAX_HTML_ELEMENTS)
      throw new GongkaiError(
        "too_large",
        `网页元素超过 ${MAX_HTML_ELEMENTS} 个，不像正常的网页，拒绝读取`,
      );
    i = html.indexOf("<", end + 1);
  }
}

export function htmlBlocks(
  html: string,
  limits: Limits = resolveLimits(),
): { blocks: LayoutBlock[]; lineCount: number } {
  if (html.length > limits.maxTextChars)
    throw overLimit(
      "maxTextChars",
      `网页过大（${html.length} 个字符），上限为 ${limits.maxTextChars} 个字符`,
    );
  checkNesting(html, limits);
  const doc = parseDocument(html, {
    decodeEntities: true,
    lowerCaseTags: true,
  }) as unknown as HNode;
  const e = new Emitter();
  e.walk(doc);
  e.flush();
  return { blocks: e.blocks, lineCount: e.line - 1 };
}
