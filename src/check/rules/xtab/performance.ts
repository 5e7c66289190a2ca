/**
 * The funds a 绩效目标表 gives a project against the project's line in the
 * 项目支出表: the two tables describe the same money, so a project whose
 * 年度资金总额 differs from its 项目支出 amount is misstated in one of them.
 *
 * A 绩效目标表 is a form kept as printed (Table.printed): the project's name
 * follows a 项目名称 cell, its funds follow a 年度资金总额 (or 资金总额,
 * 实施期资金总额) cell, in the unit its 项目资金（万元） label names.
 * 实施期 funds span the project's years and may exceed one year's budget,
 * so a difference there is a warning only.
 */
import { convertAmount, parseAmount } from "../../../model/money.ts";
import type { MoneyUnit, Row, Table } from "../../../model/schema.ts";
import type { Rule } from "../../types.ts";
import { money, rowLocation, tableLocation, tablesOf } from "../../view.ts";

const compact = (s: string) => s.replace(/[\s\u3000]+/gu, "");

/** A project's name as both tables print it: no spaces, no leading budget code ("236 …"). */
function nameKey(name: string): string {
  return compact(name).replace(/^\d{3,}/u, "");
}

interface Stated {
  name: string;
  amount: number;
  unit: MoneyUnit;
  /** 年度 funds (one year) or 实施期 funds (the project's whole span). */
  span: "year" | "period";
}

function unitOf(rows: readonly string[][], fallback: MoneyUnit): MoneyUnit {
  for (const r of rows) {
    for (const c of r) {
      const m = /[（(]\s*(万元|元)\s*[）)]|单位[:：]\s*(万元|元)/u.exec(c);
      if (m) return (m[1] ?? m[2]) as MoneyUnit;
    }
  }
  return fallback;
}

/** The project and its funds, or undefined when the form does not print both. */
export function statedFunds(table: Table): Stated | undefined {
  const rows = table.printed ?? [];
  let name: string | undefined;
  for (const r of rows) {
    const at = r.findIndex((c) => /^项目名称/u.test(compact(c)));
    if (at < 0) continue;
    const inline = compact(r[at] ?? "").replace(/^项目名称[:：]?/u, "");
    name = inline || r.slice(at + 1).find((c) => compact(c) !== "");
    if (name) break;
  }
  if (!name) return undefined;
  for (const [label, span] of [
    [/年度资金(?:申请)?总额/u, "year"],
    [/^(?:项目)?资金总额/u, "year"],
    [/实施期资金总额/u, "period"],
  ] as const) {
    for (const r of rows) {
      const at = r.findIndex((c) => label.test(compact(c)));
      if (at < 0) continue;
      const figure = r.slice(at + 1).find((c) => parseAmount(compact(c)) !== undefined);
      const amount = figure === undefined ? undefined : parseAmount(compact(figure));
      if (amount === undefined) continue;
      return { name, amount, unit: unitOf(rows, table.unit), span };
    }
  }
  return undefined;
}

function amountOfRow(row: Row): { column: string; amount: number } | undefined {
  for (const column of ["amount", "total", "budget"]) {
    const a = row.cells[column]?.amount;
    if (a !== undefined && a !== null) return { column, amount: a };
  }
  return undefined;
}

export const performanceFunds: Rule = {
  id: "xtab/performance-funds",
  family: "xtab",
  severity: "error",
  title: "绩效目标表的资金与项目支出表一致",
  description:
    "绩效目标表列出的项目年度资金总额，应等于项目支出表中同名项目的金额。两表说的是同一笔钱，不一致说明其中一处填错。实施期资金总额跨越多个年度，与当年金额不同时只作提示核对（警告）。",
  basis:
    "表间恒等式：绩效目标表“年度资金总额” = 项目支出表同名项目的金额；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求逐步公开重点项目的绩效目标。",
  confirmation: "practice",
  *check({ doc }) {
    const projects = tablesOf(doc, "projects").flatMap((t) =>
      t.rows.filter((r) => r.keyKind === "project").map((row) => ({ table: t, row })),
    );
    if (projects.length === 0) return;
    for (const form of tablesOf(doc, "performance")) {
      const stated = statedFunds(form);
      if (!stated) continue;
      const matches = projects.filter((p) => nameKey(p.row.name) === nameKey(stated.name));
      if (matches.length !== 1) continue;
      const { table, row } = matches[0] as (typeof matches)[number];
      const listed = amountOfRow(row);
      if (!listed) continue;
      // Compare in the finer unit: 19.8 万元 is exactly 198,000.00 元.
      const unit: MoneyUnit = stated.unit === "元" || table.unit === "元" ? "元" : "万元";
      const a = convertAmount(stated.amount, stated.unit, unit).value;
      const b = convertAmount(listed.amount, table.unit, unit).value;
      if (a === b) continue;
      const what = stated.span === "year" ? "年度资金总额" : "实施期资金总额";
      yield {
        message: `${form.title}中项目“${stated.name}”的${what}为 ${money(stated.amount, stated.unit)}，${table.title}中该项目为 ${money(listed.amount, table.unit)}。`,
        locations: [tableLocation(form), rowLocation(table, row)],
        expected: money(listed.amount, table.unit),
        actual: money(stated.amount, stated.unit),
        ...(stated.span === "period" ? { severity: "warning" as const } : {}),
      };
    }
  },
};
