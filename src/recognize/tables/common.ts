/**
 * Helpers shared by the table builders: the region's unit and empty-table
 * note, cells and rows with provenance, and the reading of classification
 * codes.
 */
import type { GridRow, LayoutBlock, LayoutLine } from "../../ingest/layout.ts";
import { COLUMN_LABELS } from "../../model/labels.ts";
import type {
  Cell,
  Column,
  ColumnId,
  Issue,
  MoneyUnit,
  Provenance,
  Row,
  RowKeyKind,
  Table,
  TableId,
} from "../../model/schema.ts";
import { isCodeKind } from "../../model/vocabulary.ts";
import { compact } from "../normalize.ts";
import type { Region } from "../segment.ts";

export interface BuildContext {
  year: number;
  /** The unit most of the document's tables print, used where a table does not say. */
  defaultUnit: MoneyUnit;
  entity: string;
  issues: Issue[];
}

/** A printed amount with decimals ("12,753,171.62", "0.00"): what a money cell looks like. */
export const AMOUNT_CELL = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/;

/**
 * A money cell of a grid: decimals, or whole 元 with thousands separators
 * ("9,501,164", Shanghai's 元 tables). A bare small integer may be a 栏次 or
 * 行次 number and is judged by its column.
 */
export function isMoneyCell(text: string): boolean {
  return AMOUNT_CELL.test(text) || /^-?\d{1,3}(?:,\d{3})+$/.test(text);
}

export function provenance(line: number, page?: number, endLine?: number): Provenance {
  const p: Provenance = { line };
  if (endLine !== undefined && endLine !== line) p.endLine = endLine;
  if (page !== undefined) p.page = page;
  return p;
}

/** All text lines of a region, grids flattened row by row. */
export function regionLines(region: Region): LayoutLine[] {
  const out: LayoutLine[] = [];
  for (const b of region.blocks) {
    if (b.kind === "line") out.push(b);
    else
      for (const r of b.rows) {
        const l: LayoutLine = {
          kind: "line",
          text: r.cells.map((c) => c.text).join(" "),
          line: r.line,
        };
        if (r.page !== undefined) l.page = r.page;
        out.push(l);
      }
  }
  return out;
}

const UNIT_RE = /(?:金额)?单位\s*[:：]\s*(万元|元)/;

/** The unit a region states near its top ("单位：万元", "金额单位：元"). */
export function regionUnit(region: Region): MoneyUnit | undefined {
  const title = UNIT_RE.exec(region.match.title);
  if (title?.[1]) return title[1] as MoneyUnit;
  let seen = 0;
  for (const l of regionLines(region)) {
    const m = UNIT_RE.exec(l.text);
    if (m?.[1]) return m[1] as MoneyUnit;
    if (/\d+\.\d{2}/.test(l.text) && ++seen > 2) break;
  }
  return undefined;
}

/**
 * Words that can only mean the table is empty, whatever else the line says:
 * 空表, 本表（此表）为空, 本表无数据, 不涉及, 无此项（支出）, 本部门无该项目.
 */
const EMPTY_MARK_RE =
  /空表|(?:本|此|该)表(?:为空|无(?:数据|内容|发生))|无数据|不涉及|无(?:此|该|相关|上述)(?:项|项目|事项|业务)/u;
/** What has none: 无政府性基金…, 无 2023 年度“三公”经费支出, 没有使用…安排的支出, 未发生. */
const EMPTY_NOTE_RE =
  /无(?:\d{4}年度?)?(?:此项|相关|该项|此类|该类)?(?:政府性基金|国有资本经营|“?三公”?经费|政府采购|收支|收入|支出|预算|决算|数据|发生(?:数|额))|没有(?:使用)?.*(?:收入|支出|预算)|未(?:安排|发生)/u;
/** A note that describes the table (注：本表反映…) rather than saying it is empty. */
const DESCRIBES_RE =
  /^(?:注|说明)?[:：]?(?:\d[.、．])?本表(?:反映|包括|含|不含|填列|按|根据|以|中|所列|数据|金额)/u;
/** A template's instruction about empty tables (无…的，仍保留该表格式，并在本表下方作下述说明). */
const INSTRUCTION_RE =
  /的[，,](?:仍|应|须|需|请)|作下述说明|请(?:说明|注明)|[如若](?:无|没有|为空)/u;

/**
 * Whether a note says its table is empty: “本表为空表”, “此表为空”, “注：本部门无该项目”,
 * “本单位无此项支出”, “故本表无数据”; not a note that only describes the table
 * (“注：本表反映…”) or a template's instruction for empty tables.
 */
export function saysEmpty(text: string): boolean {
  const t = compact(text);
  if (t.length < 4 || t.length >= 200 || INSTRUCTION_RE.test(t)) return false;
  if (EMPTY_MARK_RE.test(t)) return true;
  return !DESCRIBES_RE.test(t) && EMPTY_NOTE_RE.test(t);
}

/** The document's explanation of an empty table, if the region has one. */
export function emptyNote(region: Region): string | undefined {
  for (const l of regionLines(region)) {
    const t = l.text.trim();
    if (saysEmpty(t)) return t;
  }
  return undefined;
}

export function makeCell(amount: number | null, text: string, source: Provenance): Cell {
  return { amount, text, source };
}

export function makeRow(
  key: string,
  keyKind: RowKeyKind,
  name: string,
  cells: Record<string, Cell>,
  source: Provenance,
): Row {
  const row: Row = { key, keyKind, name, cells, source };
  if (isCodeKind(keyKind)) {
    row.level = key.length <= 3 ? 1 : key.length <= 5 ? 2 : 3;
  }
  return row;
}

export function columnsOf(ids: Iterable<ColumnId>): Column[] {
  const seen = new Set<ColumnId>();
  const out: Column[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, label: COLUMN_LABELS[id] });
  }
  return out;
}

export function newTable(region: Region, id: TableId, ctx: BuildContext): Table {
  const unit = regionUnit(region);
  const table: Table = {
    id,
    title: region.match.title,
    unit: unit ?? ctx.defaultUnit,
    unitStated: unit !== undefined,
    columns: [],
    rows: [],
    empty: true,
    source: provenance(region.line, region.page),
  };
  if (region.match.number) table.number = region.match.number;
  return table;
}

export function finishTable(table: Table, region: Region): Table {
  table.empty = !table.rows.some((r) =>
    Object.values(r.cells).some((c) => c.amount !== null && c.amount !== 0),
  );
  if (table.empty) {
    const note = emptyNote(region);
    if (note) table.emptyNote = note;
  }
  const lastLine = Math.max(
    table.source.line,
    ...table.rows.map((r) => r.source.endLine ?? r.source.line),
  );
  if (lastLine > table.source.line) table.source.endLine = lastLine;
  return table;
}

/**
 * A region's rows as grid rows. A line printed past the ruled grid (the
 * last row, or a total line, on the next page without rules) is still a
 * row: its cells are its runs of text, when `accept` takes them.
 */
export function regionGridRows(
  region: Region,
  accept: (cells: string[]) => string[] | undefined,
): GridRow[] {
  return region.blocks.flatMap((b): GridRow[] => {
    if (isGrid(b)) return b.rows;
    const cells = accept(b.text.trim().split(/\s{2,}/));
    if (!cells) return [];
    const row: GridRow = { cells: cells.map((text) => ({ text })), line: b.line };
    if (b.page !== undefined) row.page = b.page;
    return [row];
  });
}

/** Is this grid block's text a region block of lines only? */
export function isGrid(b: LayoutBlock): b is Extract<LayoutBlock, { kind: "grid" }> {
  return b.kind === "grid";
}
