/** 一般公共预算基本支出: 人员经费 and 公用经费 with their items, the 类 with shares. */
import type { Disclosure, MoneyUnit } from "../../model/schema.ts";
import type { RenderInput } from "../input.ts";
import { cellOf, rowOf, tableOf, tableTotal } from "./figures.ts";
import { marker, money, percent } from "./format.ts";
import { yearOf } from "./words.ts";

interface EconItem {
  code: string;
  name: string;
  value: number;
}

/** 人员经费 and 公用经费 with their items, from either layout of the basic table. */
function basicSplit(d: Disclosure): {
  unit: MoneyUnit;
  personnel?: number;
  public?: number;
  personnelItems: EconItem[];
  publicItems: EconItem[];
  /** 类 lines with their totals. */
  classes: EconItem[];
} | null {
  const t = tableOf(d, "gpb_basic_economic");
  if (!t || t.empty) return null;
  const items = t.rows.filter((r) => r.keyKind.startsWith("econ") && r.key.length === 5);
  const classes = t.rows
    .filter((r) => r.keyKind.startsWith("econ") && r.key.length === 3)
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((r) => ({ code: r.key, name: r.name, value: cellOf(r, "total", "amount") ?? 0 }));
  const cols = new Set(t.columns.map((c) => c.id));
  if (cols.has("personnel") || cols.has("public")) {
    const pick = (col: string) =>
      items
        .map((r) => ({ code: r.key, name: r.name, value: cellOf(r, col) ?? 0 }))
        .filter((x) => x.value !== 0);
    const out: ReturnType<typeof basicSplit> = {
      unit: t.unit,
      personnelItems: pick("personnel"),
      publicItems: pick("public"),
      classes,
    };
    const p = tableTotal(t, "personnel");
    const u = tableTotal(t, "public");
    if (p !== undefined) out.personnel = p;
    if (u !== undefined) out.public = u;
    return out;
  }
  // Blocks (公开06): 301 and 303 are 人员经费, the rest 公用经费.
  const isPersonnel = (code: string) => code.startsWith("301") || code.startsWith("303");
  const all = items
    .map((r) => ({ code: r.key, name: r.name, value: cellOf(r, "amount", "total") ?? 0 }))
    .filter((x) => x.value !== 0);
  const out: ReturnType<typeof basicSplit> = {
    unit: t.unit,
    personnelItems: all.filter((x) => isPersonnel(x.code)),
    publicItems: all.filter((x) => !isPersonnel(x.code)),
    classes,
  };
  const p = cellOf(rowOf(t, "personnel_total"), "amount", "total");
  const u = cellOf(rowOf(t, "public_total"), "amount", "total");
  if (p !== undefined) out.personnel = p;
  if (u !== undefined) out.public = u;
  return out;
}

export function basicParagraphs(input: RenderInput): string[] {
  const d = input.disclosure;
  const s = basicSplit(d);
  if (!s) return [`一般公共预算基本支出${marker("基本支出表数据")}。`];
  const list = (items: EconItem[]) =>
    items.map((x) => `${x.name}（${x.code}）${money(x.value, s.unit)}`).join("、");
  const name = d.kind === "final" ? "一般公共预算财政拨款基本支出" : "一般公共预算基本支出";
  const total = (s.personnel ?? 0) + (s.public ?? 0);
  // The split first, then each part's items in a sentence of its own (a list
  // under 其中 must add up to the figure it breaks down).
  const parts: string[] = [];
  if (s.personnel !== undefined) parts.push(`人员经费${money(s.personnel, s.unit)}`);
  if (s.public !== undefined) parts.push(`公用经费${money(s.public, s.unit)}`);
  const out = [`${yearOf(d)}${name}${money(total, s.unit)}，其中：${parts.join("，")}。`];
  // Structure by economic class (类), each with its share of the basic total.
  const classes = s.classes.filter((x) => x.value !== 0);
  if (classes.length && total !== 0)
    out.push(
      `按支出经济分类，${classes.map((x) => `${x.name}（${x.code}）${money(x.value, s.unit)}，占基本支出的${percent(x.value, total)}%`).join("；")}。`,
    );
  if (s.personnelItems.length) out.push(`人员经费主要包括：${list(s.personnelItems)}。`);
  if (s.publicItems.length) out.push(`公用经费主要包括：${list(s.publicItems)}。`);
  return out;
}
