/**
 * “三公”经费 tables. Two shapes occur: items as rows (决算 公开10/11: 支出合计,
 * 因公出国（境）费 … with 预算数 / 决算数 columns) and items as columns (预算
 * 附表: one row of amounts under 合计 / 因公出国 / 公务用车 / 公务接待).
 */
import type { LayoutLine } from "../../ingest/layout.ts";
import { isBlankMark, parseAmount } from "../../model/money.ts";
import type { Cell, ColumnId, Kind, Row, Table } from "../../model/schema.ts";
import type { ThreePublicLineKey, ThreePublicSubLineKey } from "../../model/vocabulary.ts";
import { streamColumns } from "../columns.ts";
import { compact, stripOrdinal } from "../normalize.ts";
import type { Region } from "../segment.ts";
import { tokenizeLines } from "../stream.ts";
import {
  type BuildContext,
  columnsOf,
  finishTable,
  isGrid,
  makeCell,
  makeRow,
  newTable,
  provenance,
  regionLines,
} from "./common.ts";
import { placeAmounts } from "./place.ts";

const ITEMS: { re: RegExp; key: ThreePublicLineKey | ThreePublicSubLineKey }[] = [
  { re: /^(?:“?三公”?经费)?(?:支出)?合计$|^支出合计$/, key: "three_public.total" },
  { re: /^因公出国\(境\)费(?:用)?$/, key: "three_public.abroad" },
  { re: /^公务用车购置及运行(?:维护)?费$/, key: "three_public.vehicle" },
  { re: /^(?:其中[:：]?)?公务用车购置费$/, key: "three_public.vehicle_purchase" },
  { re: /^(?:其中[:：]?)?公务用车运行(?:维护)?费$/, key: "three_public.vehicle_operation" },
  { re: /^公务接待费$/, key: "three_public.reception" },
  { re: /^(?:其中[:：]?)?国内接待费(?:用)?$/, key: "three_public.reception_domestic" },
  {
    re: /^(?:其中[:：]?)?国\(境\)外接待费(?:用)?$|^(?:其中[:：]?)?国外接待费$/,
    key: "three_public.reception_foreign",
  },
];

function itemKey(label: string): ThreePublicLineKey | ThreePublicSubLineKey | undefined {
  const c = compact(stripOrdinal(compact(label))).replace(/[“”‘’]/g, "");
  for (const it of ITEMS) if (it.re.test(c)) return it.key;
  return undefined;
}

/** Column ids of the amount columns, from the labels above them. */
function valueColumn(label: string, kind: Kind): ColumnId | null {
  const c = compact(label);
  if (/^全年预算数/.test(c)) return null;
  if (/决算/.test(c)) return "final";
  if (/上年/.test(c)) return "prior";
  if (/预算/.test(c)) return "budget";
  if (/金额/.test(c)) return kind === "final" ? "final" : "budget";
  return null;
}

function buildRowsLayout(region: Region, table: Table, kind: Kind): boolean {
  const grids = region.blocks.filter(isGrid);
  const rows: Row[] = [];
  const cols = new Set<ColumnId>();
  if (grids.length > 0) {
    const all = grids.flatMap((g) => g.rows);
    const headerIdx = all.findIndex((r) => r.cells.some((c) => /预算|决算/.test(c.text)));
    const header = headerIdx >= 0 ? (all[headerIdx]?.cells.map((c) => c.text) ?? []) : [];
    const columns = header.map((h) => valueColumn(h, kind));
    for (const r of all.slice(headerIdx + 1)) {
      const key = itemKey(r.cells[0]?.text ?? "");
      if (!key || rows.some((x) => x.key === key)) continue;
      const cells: Record<string, Cell> = {};
      r.cells.forEach((c, i) => {
        const col = columns[i];
        if (!col || cells[col]) return;
        const t = c.text.trim();
        const a = parseAmount(t);
        if (a === undefined && !isBlankMark(t)) return;
        cells[col] = makeCell(a ?? null, t, provenance(r.line, r.page));
        cols.add(col);
      });
      rows.push(
        makeRow(key, "line", (r.cells[0]?.text ?? "").trim(), cells, provenance(r.line, r.page)),
      );
    }
  } else {
    const lines = region.blocks.filter((b): b is LayoutLine => b.kind === "line");
    const headerLine = lines.find((l) => /预算数|决算数/.test(l.text));
    const columns = headerLine
      ? (headerLine.text.match(/[^\s]*(?:预算数|决算数|统计数)/g) ?? []).map((h) =>
          valueColumn(h, kind),
        )
      : [];
    for (const l of lines) {
      const m = /^\s*(\S+?)\s+(?:\d{1,2}\s+)?((?:[-\d.,—–]+\s*)+)$/.exec(l.text);
      const key = m ? itemKey(m[1] ?? "") : undefined;
      if (!m || !key || rows.some((x) => x.key === key)) continue;
      const values = (m[2] ?? "").trim().split(/\s+/);
      const cells: Record<string, Cell> = {};
      values.forEach((v, i) => {
        const col = columns[i] ?? (i === 0 ? (kind === "final" ? "final" : "budget") : null);
        if (!col || cells[col]) return;
        cells[col] = makeCell(parseAmount(v) ?? null, v, provenance(l.line, l.page));
        cols.add(col);
      });
      rows.push(makeRow(key, "line", m[1] ?? "", cells, provenance(l.line, l.page)));
    }
  }
  if (rows.length < 3) return false;
  table.rows = rows;
  table.columns = columnsOf(cols);
  return true;
}

const ITEM_OF: Record<string, ThreePublicLineKey> = {
  total: "three_public.total",
  abroad: "three_public.abroad",
  vehicle: "three_public.vehicle",
  vehicle_purchase: "three_public.vehicle_purchase",
  vehicle_operation: "three_public.vehicle_operation",
  reception: "three_public.reception",
};

function buildColumnsLayout(region: Region, table: Table, kind: Kind): void {
  const lines = regionLines(region);
  const tokens = tokenizeLines(lines);
  const firstAmount = tokens.findIndex((t) => t.kind === "amount");
  if (firstAmount < 0) return;
  const header = tokens
    .slice(0, firstAmount)
    .map((t) => t.text)
    .join("");
  const items = streamColumns(header).filter((c) => c !== null && c !== "amount");
  const values = tokens.slice(firstAmount).filter((t) => t.kind === "amount");
  if (items.length === 0 || values.length === 0) return;
  // Two blocks of the same items: 上年 / 本年 (预算) or 预算数 / 决算数 (决算).
  const blocks = items.length >= 12 || (values.length > 6 && items.length <= 6) ? 2 : 1;
  const perBlock = items.slice(0, 6);
  const columnsAll = blocks === 2 ? [...perBlock, ...perBlock] : perBlock;
  const blockCols: ColumnId[] =
    kind === "final" ? ["budget", "final"] : blocks === 2 ? ["prior", "budget"] : ["budget"];
  const place = placeAmounts(
    values.map((t) => t.value ?? 0),
    values.map((t) => t.gap),
    columnsAll.map((c) => c as string),
  );
  const cellsByKey = new Map<string, Record<string, Cell>>();
  for (const item of perBlock) cellsByKey.set(ITEM_OF[item as string] ?? "", {});
  values.forEach((t, k) => {
    const idx = place.indexes[k] ?? k;
    const item = columnsAll[idx];
    const col = blockCols[Math.floor(idx / perBlock.length)] ?? "budget";
    const cells = cellsByKey.get(ITEM_OF[item as string] ?? "");
    if (cells && !cells[col])
      cells[col] = makeCell(t.value ?? null, t.text, provenance(t.line, t.page, t.endLine));
  });
  const line = values[0]?.line ?? region.line;
  const page = values[0]?.page ?? region.page;
  const rows: Row[] = [];
  for (const [key, cells] of cellsByKey) {
    if (!key) continue;
    for (const col of blockCols)
      if (!cells[col]) cells[col] = makeCell(null, "", provenance(line, page));
    rows.push(makeRow(key, "line", key, cells, provenance(line, page)));
  }
  table.rows = rows;
  table.columns = columnsOf(blockCols);
}

const AMOUNT_TEXT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/;

/**
 * The item a grid column stands for, from its header labels (outermost
 * first). 小计 means the group above it: under “三公”经费 the 三公 total, under
 * 公务用车购置及运行费 the vehicle line. `strong` marks a 三公 total found that
 * way, which beats a plain 合计 column (that one can include 会议费 and 培训费).
 */
function columnItem(stack: string[]): { key: string; strong: boolean } | undefined {
  const labels = stack.map((t) => compact(t).replace(/[“”‘’]/g, ""));
  for (let i = labels.length - 1; i >= 0; i--) {
    const l = labels[i] ?? "";
    if (/^(?:预算数|决算数|金额|上年预算数|本年预算数|全年预算数|统计数)$/.test(l)) continue;
    if (/^小计$/.test(l)) {
      for (let k = i - 1; k >= 0; k--) {
        const g = labels[k] ?? "";
        if (/三公/.test(g)) return { key: "three_public.total", strong: true };
        const key = itemKey(g);
        if (key) return { key, strong: false };
      }
      return undefined;
    }
    const key = itemKey(l);
    if (key) return { key, strong: false };
    // Shanghai: 公务用车购置及运行费 over 小计 / 购置费 / 运行费, and 机关运行经费 beside 三公.
    if (/机关运行经费/.test(l)) return { key: "running_cost", strong: false };
    if (/^(?:其中:?)?购置费$/.test(l) && labels.slice(0, i).some((g) => /公务用车/.test(g)))
      return { key: "three_public.vehicle_purchase", strong: false };
    if (
      /^(?:其中:?)?运行(?:维护)?费$/.test(l) &&
      labels.slice(0, i).some((g) => /公务用车/.test(g))
    )
      return { key: "three_public.vehicle_operation", strong: false };
    if (/三公/.test(l)) continue;
    return undefined;
  }
  return undefined;
}

/** Items as columns in a grid with merged header cells (PDF lattice, spreadsheets). */
function buildGridColumnsLayout(region: Region, table: Table, kind: Kind): boolean {
  const all = region.blocks.filter(isGrid).flatMap((g) => g.rows);
  const firstData = all.findIndex((r) => r.cells.some((c) => AMOUNT_TEXT.test(c.text.trim())));
  if (firstData <= 0) return false;
  const width = Math.max(...all.map((r) => r.cells.length));
  const stacks: string[][] = Array.from({ length: width }, () => []);
  for (const r of all.slice(0, firstData)) {
    r.cells.forEach((c, i) => {
      const t = c.text.trim();
      if (t === "") return;
      for (let k = i; k < Math.min(width, i + (c.colSpan ?? 1)); k++) stacks[k]?.push(t);
    });
  }
  const items = stacks.map(columnItem);
  const hasStrongTotal = items.some((it) => it?.strong);
  const fallback: ColumnId = kind === "final" ? "final" : "budget";
  const valueCols = stacks.map((st) => {
    for (let i = st.length - 1; i >= 0; i--) {
      const v = valueColumn(st[i] ?? "", kind);
      if (v) return v;
    }
    return fallback;
  });
  const data = all[firstData];
  if (!data) return false;
  const cellsByKey = new Map<string, Record<string, Cell>>();
  const cols = new Set<ColumnId>();
  items.forEach((it, i) => {
    if (!it) return;
    if (it.key === "three_public.total" && hasStrongTotal && !it.strong) return;
    const col = valueCols[i] ?? fallback;
    const cells = cellsByKey.get(it.key) ?? {};
    cellsByKey.set(it.key, cells);
    if (cells[col]) return;
    const t = (data.cells[i]?.text ?? "").trim();
    const a = parseAmount(t);
    cells[col] = makeCell(
      a ?? null,
      a === undefined && !isBlankMark(t) ? "" : t,
      provenance(data.line, data.page),
    );
    cols.add(col);
  });
  if (!cellsByKey.has("three_public.total")) return false;
  const order = [...ITEMS.map((x) => x.key), "running_cost"];
  table.rows = [...cellsByKey.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([key, cells]) => {
      for (const col of cols)
        if (!cells[col]) cells[col] = makeCell(null, "", provenance(data.line, data.page));
      return makeRow(key, "line", key, cells, provenance(data.line, data.page));
    });
  table.columns = columnsOf(cols);
  return true;
}

export function buildThreePublicTable(region: Region, kind: Kind, ctx: BuildContext): Table {
  const table = newTable(region, "three_public", ctx);
  if (!buildRowsLayout(region, table, kind) && !buildGridColumnsLayout(region, table, kind))
    buildColumnsLayout(region, table, kind);
  return finishTable(table, region);
}
