/**
 * The “三公” table, as the templates print it.
 *
 * Budget: items as columns, one row of 本年预算数; where the data has the
 * 上年预算数 too (the national 预算 template, 表7), two blocks of the same
 * items under 上年预算数 | 本年预算数.
 *
 * Final: 预算数 | 决算数 pairs under every item (公开07表 style); where the
 * data itemises 公务接待费 into 国内接待费 and 国（境）外接待费 (公开10表 of the
 * national 决算 template since 2023), items as rows — 项目 | 预算数 | 决算数 —
 * with the parts indented under their line, as that template prints them.
 */
import type { Disclosure, Table } from "../../model/schema.ts";
import {
  THREE_PUBLIC_LINES,
  THREE_PUBLIC_SUB_LINE_NAMES,
  type ThreePublicLineKey,
  type ThreePublicSubLineKey,
} from "../../model/vocabulary.ts";
import {
  type BodyCell,
  cellAmount,
  type GridParts,
  type HeaderCell,
  money,
  text,
} from "./cells.ts";

type ItemKey = ThreePublicLineKey | ThreePublicSubLineKey;

/** Items by row, with the national 决算 template's labels and depth (公开10表). */
const ROW_ITEMS: readonly { key: ItemKey; label: string; depth: 0 | 1 }[] = [
  { key: "three_public.total", label: "合计", depth: 0 },
  { key: "three_public.abroad", label: "1.因公出国（境）费", depth: 0 },
  { key: "three_public.vehicle", label: "2.公务用车购置及运行维护费", depth: 0 },
  { key: "three_public.vehicle_purchase", label: "（1）公务用车购置费", depth: 1 },
  { key: "three_public.vehicle_operation", label: "（2）公务用车运行维护费", depth: 1 },
  { key: "three_public.reception", label: "3.公务接待费", depth: 0 },
  {
    key: "three_public.reception_domestic",
    label: `（1）${THREE_PUBLIC_SUB_LINE_NAMES["three_public.reception_domestic"]}`,
    depth: 1,
  },
  {
    key: "three_public.reception_foreign",
    label: `（2）${THREE_PUBLIC_SUB_LINE_NAMES["three_public.reception_foreign"]}`,
    depth: 1,
  },
];

const SUB_LINES = new Set<string>(Object.keys(THREE_PUBLIC_SUB_LINE_NAMES));

/** The item headers of one block of six columns (budget layout), from column `at`. */
function itemHeader(row: number, at: number, rows: 1 | 2): HeaderCell[] {
  const span = rows === 2 ? { rowSpan: 2 } : {};
  return [
    { row, col: at, text: "合计", ...span },
    { row, col: at + 1, text: "因公出国（境）费", ...span },
    { row, col: at + 2, text: "公务用车购置及运行维护费", colSpan: 3 },
    { row, col: at + 5, text: "公务接待费", ...span },
    { row: row + 1, col: at + 2, text: "小计" },
    { row: row + 1, col: at + 3, text: "公务用车购置费" },
    { row: row + 1, col: at + 4, text: "公务用车运行维护费" },
  ];
}

export function threePublicGrid(table: Table | undefined, d: Disclosure): GridParts {
  const byKey = new Map((table?.rows ?? []).map((r) => [r.key, r]));
  const value = (key: string, col: string) => money(cellAmount(byKey.get(key), col) ?? 0);
  const cols = new Set((table?.columns ?? []).map((c) => c.id));
  if (d.kind === "budget") {
    const col = cols.has("budget") ? "budget" : "amount";
    // 上年预算数 where the table has it (the national template's first block).
    const blocks = cols.has("prior") ? ["prior", col] : [col];
    // 机关运行经费 where the table has it (Shanghai's “三公”经费和机关运行经费预算表): a column after the items.
    const extra = byKey.has("running_cost") ? ["running_cost"] : [];
    const per = 6 + extra.length;
    const top = blocks.length > 1 ? 1 : 0;
    const header: HeaderCell[] = [];
    blocks.forEach((b, i) => {
      if (top)
        header.push({
          row: 0,
          col: i * per,
          text: b === "prior" ? "上年预算数" : "本年预算数",
          colSpan: per,
        });
      header.push(...itemHeader(top, i * per, 2));
      for (const k of extra.keys())
        header.push({ row: top, col: i * per + 6 + k, text: "机关运行经费", rowSpan: 2 });
    });
    const width = per * blocks.length;
    return {
      width,
      headerRows: 2 + top,
      header,
      body: [blocks.flatMap((b) => [...THREE_PUBLIC_LINES, ...extra].map((k) => value(k, b)))],
      widths: Array.from({ length: width }, () => 1),
      empty: false,
    };
  }
  if ([...byKey.keys()].some((k) => SUB_LINES.has(k)))
    // A part printed blank (“—”: the template asks no budget of it) stays blank, not 0.00.
    return rowsGrid(byKey, (key, col) => money(cellAmount(byKey.get(key), col)));
  // Final: the official layout, 预算数 | 决算数 under every item.
  const header: HeaderCell[] = [
    { row: 0, col: 0, text: "财政拨款“三公”经费", colSpan: 12 },
    { row: 1, col: 0, text: "合计", colSpan: 2, rowSpan: 2 },
    { row: 1, col: 2, text: "因公出国（境）费", colSpan: 2, rowSpan: 2 },
    { row: 1, col: 4, text: "公务用车购置及运行维护费", colSpan: 6 },
    { row: 1, col: 10, text: "公务接待费", colSpan: 2, rowSpan: 2 },
    { row: 2, col: 4, text: "小计", colSpan: 2 },
    { row: 2, col: 6, text: "公务用车购置费", colSpan: 2 },
    { row: 2, col: 8, text: "公务用车运行维护费", colSpan: 2 },
  ];
  for (let k = 0; k < 6; k++) {
    header.push({ row: 3, col: 2 * k, text: "预算数" });
    header.push({ row: 3, col: 2 * k + 1, text: "决算数" });
  }
  return {
    width: 12,
    headerRows: 4,
    header,
    body: [THREE_PUBLIC_LINES.flatMap((k) => [value(k, "budget"), value(k, "final")])],
    widths: Array.from({ length: 12 }, () => 1),
    empty: false,
  };
}

/**
 * Items as rows (项目 | 预算数 | 决算数): every line of the template, and of
 * 公务接待费's parts those the data has (a part it does not have is not
 * printed as a zero it never stated).
 */
function rowsGrid(
  byKey: Map<string, unknown>,
  value: (key: string, col: string) => BodyCell,
): GridParts {
  const items = ROW_ITEMS.filter((it) => !SUB_LINES.has(it.key) || byKey.has(it.key));
  return {
    width: 3,
    headerRows: 1,
    header: [
      { row: 0, col: 0, text: "项目" },
      { row: 0, col: 1, text: "预算数" },
      { row: 0, col: 2, text: "决算数" },
    ],
    body: items.map((it) => [
      text(it.label, {
        ...(it.depth ? { indent: it.depth } : {}),
        ...(it.key === "three_public.total" ? { bold: true, align: "center" as const } : {}),
      }),
      value(it.key, "budget"),
      value(it.key, "final"),
    ]),
    widths: [3, 1.3, 1.3],
    empty: false,
  };
}
