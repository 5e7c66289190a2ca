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
import { gridBlocks, gridTooLarge, MAX_GRID_CELLS, placeCells, type SourceCell } from "./grid.ts";

/** The part of htmlparser2's DOM we read. */
interface HNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HNode[];
}

/** Largest page we parse (characters): real disclosure pages are far below. */
export const MAX_HTML_CHARS = 50_000_000;
/** Deeper nesting is read as flat text (keeps the walk's stack bounded). */
const MAX_DEPTH = 200;

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

  walk(node: HNode, depth: number): void {
    for (const child of node.children ?? []) {
      if (child.type === "text") this.text(child.data ?? "");
      else if (child.type === "cdata") this.walk(child, depth + 1);
      else if (isElement(child)) this.element(child, depth + 1);
    }
  }

  private element(el: HNode, depth: number): void {
    const name = el.name ?? "";
    if (SKIP.has(name) || isHidden(el)) return;
    if (depth > MAX_DEPTH) {
      this.text(` ${subtreeText(el)} `);
      return;
    }
    if (name === "br") {
      this.flush();
      return;
    }
    if (name === "table") {
      this.table(el, depth);
      return;
    }
    if (name === "pre") {
      this.lines(rawText(el));
      return;
    }
    const block = BLOCK.has(name);
    if (block) this.flush();
    this.walk(el, depth);
    if (block) this.flush();
  }

  private table(el: HNode, depth: number): void {
    this.flush();
    if (containsTable(el)) {
      // Page layout: read the cells (and any caption) as blocks; the inner tables become grids.
      this.walk(el, depth);
      this.flush();
      return;
    }
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

/** Deepest element nesting we parse: real pages stay below 100; the parser slows quadratically with depth. */
export const MAX_HTML_NESTING = 5_000;

/** Elements that never nest (void) or whose end tag may be left out (closed by their next sibling). */
const FLAT_TAGS =
  /^(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|p|li|td|th|tr|dt|dd|option|optgroup|thead|tbody|tfoot|colgroup|rt|rp)$/i;

/** A linear scan of the tags for their nesting depth, before the parser sees them. */
function checkNesting(html: string): void {
  let depth = 0;
  const re = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const name = m[2] ?? "";
    if (FLAT_TAGS.test(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > MAX_HTML_NESTING)
      throw new GongkaiError(
        "too_large",
        `网页元素嵌套超过 ${MAX_HTML_NESTING} 层，不像正常的网页，拒绝读取`,
      );
  }
}

export function htmlBlocks(html: string): { blocks: LayoutBlock[]; lineCount: number } {
  if (html.length > MAX_HTML_CHARS)
    throw new GongkaiError(
      "too_large",
      `网页过大（${Math.round(html.length / 1_000_000)} 百万字符），上限为 ${MAX_HTML_CHARS / 1_000_000} 百万字符`,
    );
  checkNesting(html);
  const doc = parseDocument(html, {
    decodeEntities: true,
    lowerCaseTags: true,
  }) as unknown as HNode;
  const e = new Emitter();
  e.walk(doc, 0);
  e.flush();
  return { blocks: e.blocks, lineCount: e.line - 1 };
}
