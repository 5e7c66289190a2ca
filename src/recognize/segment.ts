/**
 * Split a Layout into table regions and the narrative lines outside them.
 *
 * A region starts at a line shaped like a table title (whatever its words:
 * titles.ts) and ends at the next title, recognised or not, at a heading
 * where the narrative resumes, or where prose starts again after the table's
 * figures. A title followed by nothing that looks like a table (a 目录 entry,
 * a heading that only names a table) opens no region: its lines stay
 * narrative. Nothing unknown is merged into a neighbour: a title that names
 * no standard table opens a region of its own ("other").
 */
import type { LayoutBlock, LayoutGrid, LayoutLine } from "../ingest/layout.ts";
import type { TableId } from "../model/schema.ts";
import { compact } from "./normalize.ts";
import { matchTableNumber, matchTitle, type TitleMatch } from "./titles.ts";

export interface Region {
  match: TitleMatch;
  /** Line of the title. */
  line: number;
  page?: number;
  /** Blocks after the title line, up to the region's end. */
  blocks: LayoutBlock[];
}

export interface Segmentation {
  regions: Region[];
  narrative: LayoutLine[];
}

/** A heading that starts narrative: 第三部分 …, or 二、收入决算情况说明. */
const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
const NARRATIVE_HEADING =
  /^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))(?:关于.*|.{0,30}(?:说明|情况|概况|职责|职能|名词解释|绩效|解释|机构设置|其他事项))$/;

/**
 * The title a grid carries in its first row (spreadsheets, HTML): the row's
 * one cell of text, or a title-shaped cell beside a unit or a 编制单位 label.
 */
function gridTitleText(grid: LayoutGrid): string | undefined {
  const row = grid.rows[0];
  if (!row) return undefined;
  const texts = row.cells.map((c) => c.text.trim()).filter((t) => t !== "");
  if (texts.length === 1) return texts[0];
  const others = texts.filter(
    (t) => !/^(?:(?:金额)?单位|编制(?:单位|部门)|部门|单位名称|预算单位)[:：]/.test(compact(t)),
  );
  return others.length === 1 && texts.length <= 3 ? others[0] : undefined;
}

/** A printed amount or count in a table: "1,234.56", "0.00", "12,345", "6.4". */
const FIGURE = /(?:^|[\s|])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?=$|[\s|])/;
/** Words of a table's header or its notes. */
const TABLE_WORDS =
  /合计|总计|小计|科目|编码|项目|金额|预算数|决算数|本年|栏次|单位[:：]|类|款|空表|本表|无数据|不涉及|没有/;

function endsRegion(line: LayoutLine, region: Region): boolean {
  const c = compact(line.text);
  if (PART_HEADING.test(c)) return true;
  if (NARRATIVE_HEADING.test(c) && !/\d+\.\d{2}/.test(c)) return true;
  // Prose after the table's figures: the narrative resumes. A note under the
  // table ("注：…", "本表…", "…故本表为空表。") belongs to the table.
  if (c.length >= 40 && /。/.test(c) && hasFigures(region) && !isNote(c)) return true;
  // A sentence wrapped in short lines ("我校 2023 年当年财政拨款支出预算 230,876.38 万元，"):
  // table cells carry no commas or full stops, prose does.
  if (isProse(c) && region.blocks.length > 0 && !isNote(c)) return true;
  return false;
}

/** A line of running text: sentence punctuation and a good run of words. */
function isProse(c: string): boolean {
  // A thousands separator ("1,234.56" in a row of an unruled table) is no comma of a sentence.
  if (!/[，。;；]|,(?!\d)|(?<!\d),/.test(c)) return false;
  const cjk = c.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  return cjk >= 12 && /[\u3400-\u9fff]{4}/.test(c);
}

function isNote(c: string): boolean {
  return /^(?:注|备注|说明)[:：\d]|本表|空表|无数据|不涉及/.test(c);
}

function hasFigures(region: Region): boolean {
  for (const b of region.blocks) {
    if (b.kind === "grid") return true;
    if (FIGURE.test(b.text)) return true;
  }
  return false;
}

/** Whether a region holds something a table prints: a grid, figures, a header or an empty note. */
function hasTableContent(region: Region): boolean {
  for (const b of region.blocks) {
    if (b.kind === "grid") return true;
    const c = compact(b.text);
    if (FIGURE.test(b.text) || TABLE_WORDS.test(c)) return true;
  }
  return false;
}

/** Regions whose content is narrative-like: their lines also feed the narrative. */
const TEXT_REGIONS: ReadonlySet<TableId> = new Set(["performance"]);

/** A title wrapped over two lines ("…培训费支" / "出预算表"): the second line is short and ends in 表. */
function wrappedTitle(block: LayoutLine, next: LayoutBlock | undefined): TitleMatch | undefined {
  if (next?.kind !== "line" || !/^.{0,6}表(?:\(续\))?$/.test(compact(next.text))) return undefined;
  return matchTitle(`${block.text.trim()}${next.text.trim()}`);
}

function bareTitle(title: string): string {
  return compact(title).replace(/\(续(?:表)?\)|续表$/g, "");
}

function continues(current: Region, match: TitleMatch, page: number | undefined): boolean {
  if (/续/.test(compact(match.title)) && match.id === current.match.id) return true;
  const lastPage = current.blocks.at(-1)?.page ?? current.page;
  return (
    page !== undefined &&
    lastPage !== undefined &&
    page >= lastPage &&
    page !== current.page &&
    bareTitle(match.title) === bareTitle(current.match.title) &&
    hasFigures(current)
  );
}

export function segment(blocks: LayoutBlock[]): Segmentation {
  const regions: Region[] = [];
  const narrative: LayoutLine[] = [];
  let current: Region | undefined;
  let pendingNumber: string | undefined;

  const close = () => {
    if (!current) return;
    // A title with nothing of a table under it (a 目录 entry, a heading that
    // names a table, a cover line ending in 表) is not a table: its lines are narrative.
    // A title whose words name no standard table must show figures to be a table.
    const isTable = current.match.id === "other" ? hasFigures(current) : hasTableContent(current);
    if (!isTable) {
      regions.pop();
      // A 目录 entry (nothing under it before the next title) is not a heading of
      // the narrative either; a heading with text under it is.
      if (current.blocks.length > 0)
        narrative.push({
          kind: "line",
          text: current.match.title,
          line: current.line,
          ...(current.page !== undefined ? { page: current.page } : {}),
        });
      for (const b of current.blocks) if (b.kind === "line") narrative.push(b);
    }
    current = undefined;
  };

  const open = (match: TitleMatch, line: number, page?: number) => {
    // A title printed again over the rows that continue on the next page, or
    // marked 续表 / (续): the same table goes on.
    if (current && continues(current, match, page)) return;
    close();
    if (!match.number && pendingNumber) match.number = pendingNumber;
    pendingNumber = undefined;
    const region: Region = { match, line, blocks: [] };
    if (page !== undefined) region.page = page;
    regions.push(region);
    current = region;
  };

  // Titles, and the second lines of titles wrapped in two.
  const titles = new Map<number, TitleMatch>();
  const wrapped = new Set<number>();
  blocks.forEach((b, i) => {
    if (b.kind !== "line" || !b.text.includes("表")) {
      if (b.kind === "line" && blocks[i + 1]?.kind === "line") {
        const joined = wrappedTitle(b, blocks[i + 1]);
        if (joined) {
          titles.set(i, joined);
          wrapped.add(i + 1);
        }
      }
      return;
    }
    if (wrapped.has(i)) return;
    const t = matchTitle(b.text);
    if (t) {
      titles.set(i, t);
      return;
    }
    const joined = wrappedTitle(b, blocks[i + 1]);
    if (joined) {
      titles.set(i, joined);
      wrapped.add(i + 1);
    }
  });

  // A section heading that announces a table ("七、政府性基金预算…决算表") and
  // is followed by the table's own title: only the title opens the region, so
  // that rows printed between the two (page interleaving) stay with the table
  // they belong to.
  const announced = new Set<number>();
  for (const [i, t] of titles) {
    if (t.id === "other" || !/^\s*[一二三四五六七八九十]+、/.test(t.title)) continue;
    for (const [j, u] of titles) {
      if (j > i && j - i < 400 && u.id === t.id && !/^\s*[一二三四五六七八九十]+、/.test(u.title)) {
        // Only when something other than the next 目录 entry lies between them.
        const between = blocks
          .slice(i + 1, j)
          .some((b) => b.kind === "grid" || FIGURE.test(b.text));
        if (between) announced.add(i);
        break;
      }
    }
  }

  for (const [index, block] of blocks.entries()) {
    if (block.kind === "line") {
      if (wrapped.has(index)) continue;
      if (announced.has(index)) continue;
      const title = titles.get(index);
      if (title) {
        open(title, block.line, block.page);
        continue;
      }
      const number = matchTableNumber(block.text);
      if (number && block.text.trim().length < 16) {
        // A number printed on its own line just before (or after) a title.
        if (current && current.blocks.length <= 1 && !current.match.number)
          current.match.number = number;
        else pendingNumber = number;
        continue;
      }
      if (current && endsRegion(block, current)) close();
      if (!current) {
        narrative.push(block);
        continue;
      }
      current.blocks.push(block);
      if (TEXT_REGIONS.has(current.match.id)) narrative.push(block);
      continue;
    }
    // A grid whose first row is a title opens a region (spreadsheets, HTML).
    const first = gridTitleText(block);
    const title = first ? matchTitle(first) : undefined;
    if (title) {
      open(title, block.line, block.page);
      current?.blocks.push({ ...block, rows: block.rows.slice(1) });
      continue;
    }
    if (current) current.blocks.push(block);
  }
  close();
  narrative.sort((a, b) => a.line - b.line);
  return { regions, narrative };
}
