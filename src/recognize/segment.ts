/**
 * Split a Layout into table regions (from a standard table's title to where
 * the table ends) and the narrative lines outside them.
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
  /^[一二三四五六七八九十]+、(?:关于.*|.{0,30}(?:说明|情况|概况|职责|名词解释|绩效|解释|机构设置))$/;

function singleCellText(grid: LayoutGrid, rowIndex: number): string | undefined {
  const row = grid.rows[rowIndex];
  if (!row) return undefined;
  const texts = row.cells.map((c) => c.text).filter((t) => t.trim() !== "");
  return texts.length === 1 ? texts[0] : undefined;
}

/**
 * Titles of tables that have no canonical id (机关运行经费, Jiangsu's
 * 财政拨款支出表 beside the 一般公共预算 ones): their rows must not run on
 * into the standard table before them.
 */
const OTHER_TABLE_TITLE =
  /^(?:[一二三四五六七八九十]+、)?(?:\d{4}年度?)?.{0,24}?(?:机关运行经费|财政拨款(?:基本)?支出)(?:支出)?(?:预算|决算)?(?:明细)?表(?:\((?:功能|经济)科目\))?$/;

function endsRegion(line: LayoutLine): boolean {
  const c = compact(line.text);
  if (PART_HEADING.test(c)) return true;
  if (c.length < 50 && OTHER_TABLE_TITLE.test(c)) return true;
  if (NARRATIVE_HEADING.test(c) && !/\d+\.\d{2}/.test(c)) return true;
  return false;
}

/** Regions whose content is narrative-like: their lines also feed the narrative. */
const TEXT_REGIONS: ReadonlySet<TableId> = new Set(["performance"]);

export function segment(blocks: LayoutBlock[]): Segmentation {
  const regions: Region[] = [];
  const narrative: LayoutLine[] = [];
  let current: Region | undefined;
  let pendingNumber: string | undefined;

  const open = (match: TitleMatch, line: number, page?: number) => {
    if (!match.number && pendingNumber) match.number = pendingNumber;
    pendingNumber = undefined;
    const region: Region = { match, line, blocks: [] };
    if (page !== undefined) region.page = page;
    regions.push(region);
    current = region;
  };

  // A section heading that announces a table ("七、政府性基金预算…决算表")
  // is followed by the table's own title: only the title opens the region,
  // so that rows printed between the two (page interleaving) stay with the
  // table they belong to.
  const titles = new Map<number, TitleMatch>();
  // Second lines of titles wrapped in two ("…培训费支出预算" / "表"): not content.
  const wrapped = new Set<number>();
  blocks.forEach((b, i) => {
    if (b.kind !== "line") return;
    const t = matchTitle(b.text);
    if (t) {
      titles.set(i, t);
      return;
    }
    const next = blocks[i + 1];
    if (next?.kind !== "line" || !/^.{0,4}表$/.test(compact(next.text))) return;
    const joined = matchTitle(`${b.text.trim()}${next.text.trim()}`);
    if (joined) {
      titles.set(i, joined);
      wrapped.add(i + 1);
    }
  });
  const announced = new Set<number>();
  // A numbered line naming a table, of a standard id or not (十、…机关运行经费支出预算表).
  const numbered = (i: number) => {
    const b = blocks[i];
    if (b?.kind !== "line") return false;
    const text = compact(b.text);
    if (titles.has(i)) return /^[一二三四五六七八九十]+、/.test(text);
    return /^[一二三四五六七八九十]+、.{2,40}表$/.test(text);
  };
  for (const [i, t] of titles) {
    if (!/^\s*[一二三四五六七八九十]+、/.test(t.title)) continue;
    // A table of contents: numbered titles one after another, nothing between.
    const next = wrapped.has(i + 1) ? i + 2 : i + 1;
    const previous = wrapped.has(i - 1) ? i - 2 : i - 1;
    if (numbered(next) || numbered(previous)) {
      announced.add(i);
      continue;
    }
    for (const [j, u] of titles) {
      if (j > i && j - i < 400 && u.id === t.id && !/^\s*[一二三四五六七八九十]+、/.test(u.title)) {
        announced.add(i);
        break;
      }
    }
  }

  for (const [index, block] of blocks.entries()) {
    if (block.kind === "line") {
      if (announced.has(index) || wrapped.has(index)) continue;
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
      if (current && endsRegion(block)) current = undefined;
      if (!current) {
        narrative.push(block);
        continue;
      }
      current.blocks.push(block);
      if (TEXT_REGIONS.has(current.match.id)) narrative.push(block);
      continue;
    }
    // A grid whose first row is a title opens a region (spreadsheets, HTML).
    const first = singleCellText(block, 0);
    const title = first ? matchTitle(first) : undefined;
    if (title) {
      open(title, block.line, block.page);
      current?.blocks.push({ ...block, rows: block.rows.slice(1) });
      continue;
    }
    if (current) current.blocks.push(block);
  }
  return { regions, narrative };
}
