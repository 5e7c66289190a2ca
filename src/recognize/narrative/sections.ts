/**
 * Split the narrative into sections by its numbered headings:
 * 第X部分 (1), 一、 (2), （一） (3), 1. / 1、 (4).
 *
 * A numbered line is a heading only when it reads like one: short, no amount,
 * no sentence running on into the next line. Numbered list items that carry
 * amounts ("1.社会保障和就业（类）11.33 万元：…") are content. Tables of
 * contents (dotted leaders, or a 目录 block whose entries recur as the real
 * headings) produce no sections.
 */
import type { Provenance, Section } from "../../model/schema.ts";
import type { CleanLine } from "./paragraphs.ts";
import { displayWidth, headingKey } from "./text.ts";

export interface HeadingMatch {
  level: 1 | 2 | 3 | 4;
  /** The whole heading as printed (wrapped pieces joined). */
  heading: string;
}

/** A section heading with the lines under it (up to the next heading). */
export interface Block {
  heading?: HeadingMatch;
  /** Lines of the heading itself (one, or two when it wrapped). */
  headingLines: CleanLine[];
  body: CleanLine[];
}

const CN_NUM = "[一二三四五六七八九十廿百零〇]";
const L1_RE = new RegExp(`^第${CN_NUM}{1,3}部分`, "u");
const L2_RE = new RegExp(`^${CN_NUM}{1,3}\\s*[、，,．]`, "u");
const L3_RE = new RegExp(`^[（(]\\s*${CN_NUM}{1,3}\\s*[）)]`, "u");
const L4_RE = /^\d{1,2}\s*(?:[、．]|\.(?!\d))/u;
/** Dotted leaders ending a table-of-contents entry. */
const LEADER_RE = /(?:\.{3,}|…{2,}|·{3,}|。{3,}|-{4,}|_{4,})\s*\d*\s*$/u;
const TOC_TITLE_RE = /^目\s*录$/u;
/** An amount, a percentage or a unit: a numbered line carrying one is content. */
const AMOUNT_RE = /\d\s*(?:万元|元|万|%|％)|[%％]/u;
/** Table residue: tab-separated cells, markdown pipes. */
const TABLE_RE = /\t|\|/u;
/** Punctuation that cannot appear inside a heading. */
const INNER_STOP_RE = /[。；;！？!?]/u;

/** Words a complete heading ends with; a full-width line ending otherwise may run on. */
const HEADING_END_RE =
  /(?:说明|情况|概况|职责|设置|构成|表|解释|附件|报告|任务|事项|目标|结果|内容|问题|计划|措施|名词|公开)$/u;
/** Headings are short: a long numbered line is a paragraph or list item. */
const MAX_HEADING_WIDTH = 80;
const MAX_L4_WIDTH = 60;
/** A heading's wrapped tail ("说明", "况的总体说明") is this narrow at most. */
const MAX_TAIL_WIDTH = 26;

/** The numbered-heading level a line's start suggests, before judging the rest. */
function levelOf(text: string): 1 | 2 | 3 | 4 | undefined {
  if (L1_RE.test(text)) return 1;
  if (L3_RE.test(text)) return 3;
  if (L2_RE.test(text)) return 2;
  if (L4_RE.test(text)) return 4;
  return undefined;
}

/** Whether a numbered line reads as a heading on its own (ignoring the next line). */
function headingCandidate(text: string): 1 | 2 | 3 | 4 | undefined {
  const level = levelOf(text);
  if (level === undefined) return undefined;
  if (TABLE_RE.test(text) || AMOUNT_RE.test(text)) return undefined;
  const w = displayWidth(text);
  if (w > (level === 4 ? MAX_L4_WIDTH : MAX_HEADING_WIDTH)) return undefined;
  const body = text.replace(/[。.．：:]$/u, "");
  if (INNER_STOP_RE.test(body)) return undefined;
  // "（一）财政拨款收入：指…" is a definition, not a heading.
  if (/[：:]/u.test(body)) return undefined;
  // A bare decimal is a table cell ("十、农林水支出 0.00").
  if (/\d\.\d/u.test(body)) return undefined;
  if (/[，,、]$/u.test(text)) return undefined;
  // A list item "1、队伍建设还不够全面。" is a sentence, not a heading.
  if (level === 4 && (/[。：:]/u.test(text) || w < 6)) return undefined;
  return level;
}

/** Whether a line can be the wrapped tail of a heading. */
function isHeadingTail(l: CleanLine | undefined): boolean {
  if (!l) return false;
  const t = l.text;
  if (levelOf(t) !== undefined) return false;
  if (displayWidth(t) > MAX_TAIL_WIDTH || t.length < 2) return false;
  if (AMOUNT_RE.test(t) || TABLE_RE.test(t) || /\d/u.test(t)) return false;
  return !/[，,、；;：:]/u.test(t.replace(/[。：:]$/u, ""));
}

/**
 * The width wrapped paragraph lines reach: the 75th percentile of the widths
 * of lines that carry Chinese text and are not table rows.
 */
export function typicalWidth(lines: readonly CleanLine[]): number {
  const ws: number[] = [];
  for (const l of lines) {
    if (TABLE_RE.test(l.text)) continue;
    const w = displayWidth(l.text);
    if (w >= 30) ws.push(w);
  }
  if (ws.length < 5) return 1000;
  ws.sort((a, b) => a - b);
  return ws[Math.floor(ws.length * 0.75)] ?? 1000;
}

/**
 * Split lines into blocks, one per heading (plus a leading block of text
 * before the first heading). Table-of-contents lines are dropped.
 */
export function splitBlocks(lines: readonly CleanLine[], width: number): Block[] {
  const blocks: Block[] = [{ headingLines: [], body: [] }];
  const tocKeys = new Set<string>();
  let inToc = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as CleanLine;
    const text = l.text.replace(/^[。，、\s]+/u, "");
    if (TOC_TITLE_RE.test(text)) {
      inToc = true;
      continue;
    }
    if (LEADER_RE.test(text) && !AMOUNT_RE.test(text.replace(LEADER_RE, ""))) {
      // A contents entry: remember it so the real heading ends the contents.
      tocKeys.add(headingKey(text));
      continue;
    }
    const stripped = inToc ? text.replace(/\s+\d{1,3}$/u, "") : text;
    let level = headingCandidate(stripped);
    if (inToc) {
      const key = headingKey(stripped);
      if (level !== undefined && !tocKeys.has(key)) {
        tocKeys.add(key);
        continue;
      }
      // The first heading seen twice, or the first real text, ends the contents.
      inToc = false;
    }
    if (level === undefined) {
      (blocks[blocks.length - 1] as Block).body.push(l);
      continue;
    }
    let heading = stripped;
    const headingLines = [l];
    const next = lines[i + 1];
    const full = displayWidth(stripped) >= width - 8;
    if (full && !/[。：:]$/u.test(stripped) && !HEADING_END_RE.test(stripped)) {
      // A line as wide as the text block either wrapped its heading or is a
      // sentence running on into the next line.
      if (isHeadingTail(next) && next) {
        heading += next.text;
        headingLines.push(next);
        i++;
      } else if (next && levelOf(next.text) === undefined) {
        level = undefined;
      }
    } else if (level <= 2 && !/[。：:]$/u.test(stripped) && isHeadingTail(next) && next) {
      // "第二部分 … 2025年部门预算情况" / "说明": a tail that is a lone
      // heading word belongs to the heading even when the line is not full.
      if (/^(?:说明|情况|情况说明|的说明|总体说明|概况)[。]?$/u.test(next.text)) {
        heading += next.text;
        headingLines.push(next);
        i++;
      }
    }
    if (level === undefined) {
      (blocks[blocks.length - 1] as Block).body.push(l);
      continue;
    }
    blocks.push({ heading: { level, heading }, headingLines, body: [] });
  }
  return dropContentsDuplicates(blocks);
}

/**
 * A heading with nothing under it that recurs later is a contents entry the
 * 目录 detection missed (e.g. contents without a 目录 title).
 */
function dropContentsDuplicates(blocks: Block[]): Block[] {
  const lastIndex = new Map<string, number>();
  blocks.forEach((b, i) => {
    if (b.heading) lastIndex.set(headingKey(b.heading.heading), i);
  });
  return blocks.filter((b, i) => {
    if (!b.heading || b.body.length > 0) return true;
    const last = lastIndex.get(headingKey(b.heading.heading));
    return last === undefined || last === i;
  });
}

/** The Section record of a block, given its paragraphs' joined text. */
export function sectionOf(b: Block, text: string): Section | undefined {
  if (!b.heading) return undefined;
  const first = b.headingLines[0];
  if (!first) return undefined;
  const lastLine = b.body[b.body.length - 1] ?? b.headingLines[b.headingLines.length - 1] ?? first;
  const source: Provenance = { line: first.line };
  if (lastLine.line !== first.line) source.endLine = lastLine.line;
  if (first.page !== undefined) source.page = first.page;
  return { heading: b.heading.heading, level: b.heading.level, text, source };
}
