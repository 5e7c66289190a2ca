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
import type { CorpusSummary } from "./corpus.ts";
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

/** A corpus summary: distributions, rankings, findings by rule and region, outliers. */
export function formatCorpus(s: CorpusSummary, top = 10): string {
  const out = [`【语料概览】共 ${s.documents} 份文档，${s.entities.length} 个主体·年度`];
  if (s.distributions.length > 0) {
    out.push("", "分布");
    out.push(
      ...grid(
        ["指标", "份数", "最小", "下四分位", "中位数", "上四分位", "最大"],
        s.distributions.map((d) => [
          d.name,
          String(d.summary.n),
          d.display.min,
          d.display.q1,
          d.display.median,
          d.display.q3,
          d.display.max,
        ]),
        1,
      ),
    );
  }
  for (const r of s.rankings) {
    out.push(
      "",
      `排名：${r.name}（前 ${Math.min(top, r.entries.length)} 名，共 ${r.entries.length} 份）`,
    );
    out.push(
      ...grid(
        ["名次", "文档", r.name],
        r.entries.slice(0, top).map((e, i) => [String(i + 1), e.document.label, e.display]),
        2,
      ),
    );
  }
  if (s.findings) {
    out.push("", "检查问题：按规则");
    out.push(
      ...grid(
        ["规则", "问题数", "文档数"],
        s.findings.byRule.map((r) => [r.rule, String(r.findings), String(r.documents)]),
        1,
      ),
    );
    out.push("", "检查问题：按地区");
    out.push(
      ...grid(
        ["地区", "问题数", "文档数"],
        s.findings.byRegion.map((r) => [r.region, String(r.findings), String(r.documents)]),
        1,
      ),
    );
  }
  out.push("", "异常值（同类型、同年度、同层级主体之间，中位数与 MAD）");
  if (s.outliers.length === 0) out.push("  没有明显偏离同组主体的指标。");
  s.outliers.forEach((o, i) => {
    out.push(`  ${i + 1}. ${o.explanation}`);
  });
  return out.join("\n");
}
