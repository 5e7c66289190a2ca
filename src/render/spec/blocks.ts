/**
 * 公开06/07 style: economic classification as code | name | 决算数 triplets,
 * 人员经费 (301, 303) beside 公用经费, block totals at the foot.
 */
import type { Disclosure, Row, Table } from "../../model/schema.ts";
import {
  type BodyCell,
  blank,
  cellAmount,
  codeOf,
  type GridParts,
  type HeaderCell,
  money,
  text,
} from "./cells.ts";
import { columnLabel, type TableLayout } from "./layouts.ts";

/** 人员经费 classes of the 部门预算支出经济分类 (left block of 公开06). */
const PERSONNEL_CLASSES = new Set(["301", "303"]);

export function blocksGrid(
  layout: TableLayout,
  table: Table | undefined,
  d: Disclosure,
): GridParts {
  const kind = d.kind;
  const amountLabel = columnLabel("amount", layout.id, kind);
  const header: HeaderCell[] = [];
  for (let k = 0; k < 2; k++) {
    header.push({ row: 0, col: 3 * k, text: "科目编码" });
    header.push({ row: 0, col: 3 * k + 1, text: "科目名称" });
    header.push({ row: 0, col: 3 * k + 2, text: amountLabel });
  }
  const rows = table?.rows ?? [];
  const codeRows = rows
    .filter((r) => r.keyKind !== "line")
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let left: Row[];
  let right: Row[];
  if (layout.id === "gpb_basic_economic") {
    left = codeRows.filter((r) => PERSONNEL_CLASSES.has(r.key.slice(0, 3)));
    right = codeRows.filter((r) => !PERSONNEL_CLASSES.has(r.key.slice(0, 3)));
  } else {
    // Split at a class boundary so that both halves are about as long.
    const half = Math.ceil(codeRows.length / 2);
    let cut = 0;
    for (let i = 0; i < codeRows.length; i++) {
      if ((codeRows[i]?.key.length ?? 0) === 3 && i <= half) cut = i;
    }
    if (cut === 0) cut = codeRows.length;
    left = codeRows.slice(0, cut);
    right = codeRows.slice(cut);
  }
  const triplet = (r: Row | undefined): BodyCell[] =>
    r
      ? [
          text(codeOf(r)),
          text(r.name, { indent: r.key.length > 3 ? 1 : 0, bold: r.key.length === 3 }),
          money(cellAmount(r, "amount", "total")),
        ]
      : [blank(), blank(), text("")];
  const body: BodyCell[][] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++)
    body.push([...triplet(left[i]), ...triplet(right[i])]);
  const lines = rows.filter((r) => r.keyKind === "line");
  const byKey = new Map(lines.map((r) => [r.key, r]));
  const footLine = (key: string, label: string): BodyCell[] => [
    text(label, { bold: true }),
    blank(),
    money(cellAmount(byKey.get(key), "amount", "total") ?? null),
  ];
  if (layout.id === "gpb_basic_economic") {
    body.push([
      ...footLine("personnel_total", "人员经费合计"),
      ...footLine("public_total", "公用经费合计"),
    ]);
  } else {
    body.push([...footLine("total", "合计"), blank(), blank(), text("")]);
  }
  for (const r of lines)
    if (!["personnel_total", "public_total", "total"].includes(r.key))
      body.push([...footLine(r.key, r.name), blank(), blank(), text("")]);
  return {
    width: 6,
    headerRows: 1,
    header,
    body,
    widths: [1.1, 3, 1.3, 1.1, 3, 1.3],
    empty: !table || table.empty || codeRows.length === 0,
  };
}
