/**
 * The recognition report: what was read and what was not. It travels with
 * every Disclosure so that nobody (the checker, a reviewer, the web page)
 * mistakes a reading gap for the document's own fault.
 *
 * - the tables the document's 目录 lists, and whether each was found;
 * - pages with table figures that no table claimed;
 * - the share of the document's table figures that recognised tables hold;
 * - tables kept as "other";
 * - everything the reader noticed (pages past the cap, scans, hidden sheets …).
 */
import type { Layout, LayoutBlock, LayoutLine } from "../ingest/layout.ts";
import type { DirectoryEntry, RecognitionReport, Row, Table } from "../model/schema.ts";
import { compact } from "./normalize.ts";
import type { Region } from "./segment.ts";
import { classifyTitle, matchTableNumber, titleShape } from "./titles.ts";

/**
 * A figure as tables print it: decimals or thousands separators, not followed
 * by a unit, a percent sign or 年 (a sentence's "950.12万元", a project
 * description's "1170.00万" or "36377.3平方米" are text, not table figures).
 */
const TABLE_FIGURE =
  /(?<![\d.,])-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.,]*\s*(?:万|元|%|％|年|亿|人|个|户|辆|台|套|次|项|平方米|亩|公里|天))/g;

function figuresIn(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(TABLE_FIGURE)) n++;
  return n;
}

function blockFigures(b: LayoutBlock): number {
  if (b.kind === "line") return figuresIn(b.text);
  let n = 0;
  for (const r of b.rows) for (const c of r.cells) n += figuresIn(c.text);
  return n;
}

function blockText(b: LayoutBlock): string {
  return b.kind === "line"
    ? b.text
    : b.rows.map((r) => r.cells.map((c) => c.text).join(" ")).join(" ");
}

/** The 目录: the lines after a "目录" heading that have a table title's shape. */
export function readDirectory(blocks: readonly LayoutBlock[]): Omit<DirectoryEntry, "found">[] {
  const start = blocks.findIndex(
    (b) => b.kind === "line" && /^(?:报表)?目录$/.test(compact(b.text)),
  );
  if (start < 0) return [];
  const entries: Omit<DirectoryEntry, "found">[] = [];
  let misses = 0;
  for (let i = start + 1; i < Math.min(blocks.length, start + 120); i++) {
    const b = blocks[i];
    if (b?.kind !== "line") break;
    // Dotted leaders and page numbers of a printed 目录.
    const text = b.text.replace(/[.…·\s]{3,}\d*\s*$/, "").replace(/\s+\d{1,3}\s*$/, "");
    let shape = titleShape(text);
    const next = blocks[i + 1];
    if (!shape && next?.kind === "line" && /^.{0,6}表$/.test(compact(next.text))) {
      shape = titleShape(`${text.trim()}${next.text.trim()}`);
      if (shape) i++;
    }
    if (shape) {
      misses = 0;
      const vote = classifyTitle(shape.body);
      const entry: Omit<DirectoryEntry, "found"> = {
        title: shape.title,
        source: { line: b.line, ...(b.page !== undefined ? { page: b.page } : {}) },
      };
      if (vote && vote.id !== "performance") entry.id = vote.id;
      else if (vote) continue;
      entries.push(entry);
      continue;
    }
    // Headings between the entries (一、部门概况 / 第二部分 …) are part of the 目录;
    // a sentence, or a run of lines that are neither, ends it. A heading is
    // measured without its dotted leaders and page number.
    const c = compact(text);
    if (c.length > 40 || /[。；]/.test(c)) break;
    if (++misses > 12) break;
  }
  return entries;
}

/** Whether a table's own totals close, as a confidence signal (never a finding). */
export function totalsClose(table: Table): { close: boolean; note?: string } | undefined {
  if (table.empty || table.rows.length === 0) return undefined;
  const coded = table.rows.filter((r) => r.level !== undefined);
  const total = table.rows.find((r) => r.key === "total");
  if (coded.length === 0 || !total) return undefined;
  const lei = coded.filter((r) => r.level === 1);
  if (lei.length === 0) return undefined;
  for (const [column, cell] of Object.entries(total.cells)) {
    if (cell.amount === null) continue;
    const sum = lei.reduce((s, r) => s + (r.cells[column]?.amount ?? 0), 0);
    // One hundredth per summand: the document rounds each cell.
    if (Math.abs(sum - cell.amount) > lei.length + 1) {
      return {
        close: false,
        note: `“合计”行的${column}列与各类之和不符（差 ${Math.abs(sum - cell.amount) / 100}）`,
      };
    }
  }
  const children = (parent: Row) =>
    coded.filter((r) => r.level === (parent.level ?? 0) + 1 && r.key.startsWith(parent.key));
  for (const parent of coded) {
    if (parent.level === undefined || parent.level > 2) continue;
    const kids = children(parent);
    if (kids.length === 0) continue;
    for (const [column, cell] of Object.entries(parent.cells)) {
      if (cell.amount === null) continue;
      const sum = kids.reduce((s, r) => s + (r.cells[column]?.amount ?? 0), 0);
      if (Math.abs(sum - cell.amount) > kids.length + 1) {
        return {
          close: false,
          note: `${parent.key}（${parent.name}）的${column}列与其下级科目之和不符`,
        };
      }
    }
  }
  return { close: true };
}

function sameTitle(a: string, b: string): boolean {
  const strip = (s: string) =>
    compact(s)
      .replace(/^.*?\d{4}年度?/, "")
      .replace(/^[\d.、:：()（）一二三四五六七八九十]+/, "");
  return strip(a) === strip(b);
}

/** Whether the body has a table the 目录 lists: one of the id its words give, or of its title. */
export function listedFound(
  entry: Pick<DirectoryEntry, "id" | "title">,
  tables: readonly Table[],
): boolean {
  const id = entry.id;
  return (
    (id !== undefined && id !== "other" && tables.some((t) => t.id === id)) ||
    tables.some((t) => sameTitle(t.title, entry.title))
  );
}

/** Reader warnings that mean some content was not read. */
const SKIPPED =
  /跳过|无法读取|只读取|超过上限|超时|没有文字层|扫描|乱码|无法识别|隐藏|缓存|图片|编码/;

export function buildReport(
  layout: Layout,
  listed: readonly Omit<DirectoryEntry, "found">[],
  regions: readonly Region[],
  tables: readonly Table[],
  narrative: readonly LayoutLine[],
): RecognitionReport {
  const directory: DirectoryEntry[] = listed.map((e) => ({ ...e, found: listedFound(e, tables) }));

  // Figures inside regions are claimed (by a standard table, or kept as other);
  // figures in blocks outside every region, except narrative sentences, are not.
  // Blocks are matched by their source line: a region may hold a copy of a
  // grid without its title row.
  const inRegion = new Set<number>();
  const inStandard = new Set<number>();
  const standardRegions = new Set(tables.filter((t) => t.id !== "other").map((t) => t.source.line));
  for (const r of regions) {
    const standard = standardRegions.has(r.line) || r.match.id === "performance";
    for (const b of r.blocks) {
      inRegion.add(b.line);
      if (standard) inStandard.add(b.line);
    }
  }
  const narrativeLines = new Set<number>(narrative.map((l) => l.line));
  let claimed = 0;
  let all = 0;
  const unclaimed = new Map<number, { figures: number; sample: string }>();
  for (const b of layout.blocks) {
    const n = blockFigures(b);
    if (n === 0) continue;
    const held = inRegion.has(b.line);
    // A narrative sentence states amounts with their unit; its bare figures are few.
    if (!held && b.kind === "line" && narrativeLines.has(b.line) && n < 3) continue;
    all += n;
    if (inStandard.has(b.line)) claimed += n;
    if (held) continue;
    const page = b.page ?? 1;
    const u = unclaimed.get(page) ?? { figures: 0, sample: compact(blockText(b)).slice(0, 60) };
    u.figures += n;
    unclaimed.set(page, u);
  }
  const unclaimedPages = [...unclaimed.entries()]
    // A page with a handful of stray figures (a footnote, a date) is not a table.
    .filter(([, u]) => u.figures >= 6)
    .map(([page, u]) => ({ page, figures: u.figures, sample: u.sample }));
  const readerWarnings = [...layout.warnings];
  // A part of the document was not read: pages or sheets skipped, scans, text
  // without a usable font map, or figures no table claimed. (A 目录 entry that
  // is absent from a document read in full is the document's own matter.)
  const partial = readerWarnings.some((w) => SKIPPED.test(w)) || unclaimedPages.length > 0;
  return {
    directory,
    unclaimedPages,
    figuresClaimed: all === 0 ? 1 : Math.round((claimed / all) * 1000) / 1000,
    otherTables: tables.filter((t) => t.id === "other").map((t) => t.title),
    readerWarnings,
    partial,
    tableNumbers: printedNumbers(layout, tables),
  };
}

/** The table numbers printed on lines of their own, and those of the tables' titles. */
function printedNumbers(layout: Layout, tables: readonly Table[]) {
  const out: NonNullable<RecognitionReport["tableNumbers"]> = [];
  const seen = new Set<string>();
  const add = (number: string, line: number, page?: number) => {
    const key = `${number}@${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ number, line, ...(page !== undefined ? { page } : {}) });
  };
  for (const t of tables) if (t.number) add(t.number, t.source.line, t.source.page);
  for (const b of layout.blocks) {
    if (b.kind !== "line" || b.text.trim().length >= 16) continue;
    const number = matchTableNumber(b.text);
    if (number) add(number, b.line, b.page);
  }
  return out.sort((a, b) => a.line - b.line);
}
