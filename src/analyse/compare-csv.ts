/**
 * Comparisons as one long CSV (UTF-8 with BOM for Excel): one row per
 * comparison × table × line × measure, so year-over-year, budget-vs-final
 * and units results share one shape. Amounts are decimals in the row's
 * unit; rates are percent.
 */
import { formatAmount } from "../model/money.ts";
import type { Comparison } from "./compare.ts";
import { BOM, toCsv } from "./csv.ts";

const HEADER = [
  "comparison",
  "subject",
  "table",
  "table_name",
  "key",
  "key_kind",
  "level",
  "name",
  "measure",
  "unit",
  "value",
] as const;

type Cell = string | number | null;

const amount = (v: number | null): string => (v === null ? "" : formatAmount(v, { fixed: true }));

export function comparisonsCsv(comparisons: readonly Comparison[]): string {
  const rows: Cell[][] = [];
  for (const c of comparisons) {
    const subject = c.mode === "units" ? (c.parent ?? "") : c.entity;
    const push = (
      table: string,
      tableName: string,
      l: { key: string; keyKind: string; level?: number; name: string },
      measure: string,
      unit: string,
      value: string,
    ) =>
      rows.push([
        c.mode,
        subject,
        table,
        tableName,
        l.key,
        l.keyKind,
        l.level ?? "",
        l.name,
        measure,
        unit,
        value,
      ]);
    if (c.mode === "yoy") {
      for (const t of c.tables)
        for (const l of t.lines) {
          push(t.table, t.name, l, `${c.prior.year}`, t.unit, amount(l.prior));
          push(t.table, t.name, l, `${c.current.year}`, t.unit, amount(l.current));
          push(t.table, t.name, l, "增减额", t.unit, amount(l.change));
          push(t.table, t.name, l, "增减率", "%", l.rate ?? "");
        }
    } else if (c.mode === "budget-final") {
      for (const t of c.tables)
        for (const l of t.lines) {
          push(t.table, t.name, l, "预算数", t.unit, amount(l.budget));
          push(t.table, t.name, l, "决算数", t.unit, amount(l.final));
          push(t.table, t.name, l, "差额", t.unit, amount(l.difference));
          push(t.table, t.name, l, "执行率", "%", l.rate ?? "");
        }
      if (c.threePublic)
        for (const l of c.threePublic.lines) {
          const u = c.threePublic.unit;
          push("three_public", "“三公”经费", l, "预算数", u, amount(l.budget));
          push("three_public", "“三公”经费", l, "决算数", u, amount(l.final));
          push("three_public", "“三公”经费", l, "执行率", "%", l.rate ?? "");
        }
      for (const s of c.stated) {
        const l = {
          key: s.code ?? s.key ?? "",
          keyKind: s.code ? "func" : "line",
          name: s.subject,
        };
        push("narrative", "决算说明", l, "年初预算", s.unit, amount(s.budget));
        push("narrative", "决算说明", l, "决算", s.unit, amount(s.final));
        push("narrative", "决算说明", l, "执行率", "%", s.rate ?? "");
      }
    } else {
      for (const t of c.tables)
        for (const l of t.lines) {
          c.units.forEach((u, i) => {
            push(t.table, t.name, l, u.label, t.unit, amount(l.values[i] ?? null));
          });
          push(t.table, t.name, l, "合计", t.unit, amount(l.sum));
        }
    }
  }
  return BOM + toCsv(HEADER, rows);
}
