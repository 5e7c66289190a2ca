/**
 * Comparisons as a finance officer reads them: Chinese tables with amounts
 * grouped by thousands in the stated unit, changes and rates beside them.
 */
import { formatAmountGrouped } from "../model/money.ts";
import type {
  BudgetVsFinal,
  Comparison,
  LineHead,
  UnitsSideBySide,
  YearOverYear,
} from "./compare.ts";
import { clip, grid } from "./grid.ts";

const money = (v: number | null): string => (v === null ? "" : formatAmountGrouped(v));
const pct = (r: string | null): string => (r === null ? "—" : `${r}%`);

/** A line's code (indented by level) and name. */
function label(l: LineHead): [string, string] {
  const indent = l.keyKind === "line" ? "" : "  ".repeat(Math.max(0, (l.level ?? 1) - 1));
  return [l.keyKind === "line" ? "" : `${indent}${l.key}`, clip(l.name)];
}

function notes(ns: string[]): string[] {
  return ns.map((n) => `注：${n}`);
}

export function formatYearOverYear(c: YearOverYear): string[] {
  const out = [
    `【同一主体跨年度比较】${c.entity}：${c.prior.year} 年 → ${c.current.year} 年（${c.current.kind === "budget" ? "预算" : "决算"}）`,
    ...notes(c.notes),
  ];
  for (const t of c.tables) {
    out.push("", `${t.name}（单位：${t.unit}）`);
    out.push(
      ...grid(
        ["科目编码", "科目名称", `${c.prior.year} 年`, `${c.current.year} 年`, "增减额", "增减率"],
        t.lines.map((l) => [
          ...label(l),
          money(l.prior),
          money(l.current),
          money(l.change),
          pct(l.rate),
        ]),
        2,
      ),
    );
  }
  return out;
}

export function formatBudgetVsFinal(c: BudgetVsFinal): string[] {
  const out = [
    `【预算与决算对比】${c.entity} ${c.year} 年：${c.budget ? c.budget.label : "（无预算文档）"} ↔ ${c.final.label}`,
    ...notes(c.notes),
  ];
  for (const t of c.tables) {
    out.push("", `${t.name}：执行率 = 决算数 ÷ 预算数（单位：${t.unit}）`);
    out.push(
      ...grid(
        ["科目编码", "科目名称", "预算数", "决算数", "差额", "执行率"],
        t.lines.map((l) => [
          ...label(l),
          money(l.budget),
          money(l.final),
          money(l.difference),
          pct(l.rate),
        ]),
        2,
      ),
    );
  }
  if (c.threePublic) {
    out.push("", `“三公”经费：预算与决算（单位：${c.threePublic.unit}）`);
    const withBoth = c.threePublic.lines.some((l) => l.budgetSource === "budget");
    out.push(
      ...grid(
        [
          "项目",
          withBoth ? "预算数（预算文档）" : "预算数（决算表所列）",
          "决算数",
          "差额",
          "执行率",
          ...(withBoth ? ["决算表所列预算数"] : []),
        ],
        c.threePublic.lines.map((l) => [
          l.name,
          money(l.budget),
          money(l.final),
          money(l.difference),
          pct(l.rate),
          ...(withBoth ? [money(l.budgetInFinal)] : []),
        ]),
        1,
      ),
    );
  }
  if (c.stated.length > 0) {
    out.push("", "决算说明中列出的年初预算与决算");
    out.push(
      ...grid(
        ["事项", "年初预算", "决算", "单位", "执行率（复算）", "文中完成率", "位置"],
        c.stated.map((s) => [
          clip(s.code ? `${s.code} ${s.subject}` : s.subject, 22),
          money(s.budget),
          money(s.final),
          s.unit,
          pct(s.rate),
          s.printed === undefined ? "" : `${s.printed}%`,
          `第 ${s.line} 行${s.page ? `（第 ${s.page} 页）` : ""}`,
        ]),
        1,
      ),
    );
  }
  return out;
}

export function formatUnits(c: UnitsSideBySide): string[] {
  const out = [
    `【所属单位并列与合计】${c.parent ?? "（未列主管部门）"}：${c.units.map((u) => u.label).join("；")}`,
    ...notes(c.notes),
  ];
  const names = c.units.map((u) => clip(u.entity || u.label, 14));
  for (const t of c.tables) {
    out.push("", `${t.name}（单位：${t.unit}）`);
    out.push(
      ...grid(
        ["科目编码", "科目名称", ...names, "合计"],
        t.lines.map((l) => [...label(l), ...l.values.map(money), money(l.sum)]),
        2,
      ),
    );
  }
  return out;
}

export function formatComparison(c: Comparison): string {
  const lines =
    c.mode === "yoy"
      ? formatYearOverYear(c)
      : c.mode === "budget-final"
        ? formatBudgetVsFinal(c)
        : formatUnits(c);
  return lines.join("\n");
}
