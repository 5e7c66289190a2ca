/**
 * The “三公” table: items as columns, one row of 预算数 (budget); 预算数 |
 * 决算数 pairs under every item (final), as the templates print them.
 */
import type { Disclosure, Table } from "../../model/schema.ts";
import { THREE_PUBLIC_LINES } from "../../model/vocabulary.ts";
import { cellAmount, type GridParts, type HeaderCell, money } from "./cells.ts";

export function threePublicGrid(table: Table | undefined, d: Disclosure): GridParts {
  const byKey = new Map((table?.rows ?? []).map((r) => [r.key, r]));
  const value = (key: string, col: string) => {
    const a = cellAmount(byKey.get(key), col);
    return money(a ?? 0);
  };
  if (d.kind === "budget") {
    const header: HeaderCell[] = [
      { row: 0, col: 0, text: "合计", rowSpan: 2 },
      { row: 0, col: 1, text: "因公出国（境）费", rowSpan: 2 },
      { row: 0, col: 2, text: "公务用车购置及运行维护费", colSpan: 3 },
      { row: 0, col: 5, text: "公务接待费", rowSpan: 2 },
      { row: 1, col: 2, text: "小计" },
      { row: 1, col: 3, text: "公务用车购置费" },
      { row: 1, col: 4, text: "公务用车运行维护费" },
    ];
    const col = (table?.columns ?? []).some((c) => c.id === "budget") ? "budget" : "amount";
    // 机关运行经费 where the table has it (Shanghai's “三公”经费和机关运行经费预算表): a column after the items.
    const extra = byKey.has("running_cost") ? ["running_cost"] : [];
    for (const k of extra.keys())
      header.push({ row: 0, col: 6 + k, text: "机关运行经费", rowSpan: 2 });
    return {
      width: 6 + extra.length,
      headerRows: 2,
      header,
      body: [[...THREE_PUBLIC_LINES, ...extra].map((k) => value(k, col))],
      widths: Array.from({ length: 6 + extra.length }, () => 1),
      empty: false,
    };
  }
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
