/**
 * Figures a new template can take from an earlier disclosure: last year's
 * figures (上年数) from last year's disclosure of the same kind, and a final
 * account's 年初预算 from the budget of the same year. Only what the
 * disclosure's tables state is taken; nothing is computed that a table does
 * not print.
 */
import { convertAmount } from "../model/money.ts";
import type { Disclosure, Row, Table, TableId } from "../model/schema.ts";
import { THREE_PUBLIC_LINES } from "../model/vocabulary.ts";
import type { Figures, Prior } from "../render/input.ts";

function table(d: Disclosure, id: TableId): Table | undefined {
  return d.tables.find((t) => t.id === id && !t.empty);
}

/** A cell's amount in the document's unit (a 三公 table may print 万元 in a 元 document). */
function amount(
  d: Disclosure,
  t: Table | undefined,
  key: string,
  ...cols: string[]
): number | undefined {
  const row: Row | undefined = t?.rows.find((r) => r.key === key);
  for (const c of cols) {
    const a = row?.cells[c]?.amount;
    if (t && a !== undefined && a !== null) return convertAmount(a, t.unit, d.unit).value;
  }
  return undefined;
}

/** 一般公共预算 expenditure by 功能分类 code (类, 款, 项) of the 一般公共预算 table. */
function gpbCodes(d: Disclosure): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of table(d, "gpb_function")?.rows ?? []) {
    if (r.keyKind !== "func") continue;
    const a = amount(d, table(d, "gpb_function"), r.key, "total", "amount");
    if (a !== undefined) out[r.key] = a;
  }
  return out;
}

/** Last year's lines (render/input.ts PRIOR_LINE_KEYS) from last year's disclosure. */
export function priorFrom(d: Disclosure): Prior {
  const lines: Record<string, number> = {};
  const put = (key: string, v: number | undefined) => {
    if (v !== undefined) lines[key] = v;
  };
  const summary = table(d, "summary");
  for (const key of [
    "income.total",
    "income.grand_total",
    "income.gpb",
    "income.gov_fund",
    "income.state_capital",
    "expenditure.total",
    "expenditure.grand_total",
  ])
    put(key, amount(d, summary, key, "amount", "total"));
  put(
    "fiscal.grand_total",
    amount(d, table(d, "fiscal_summary"), "income.grand_total", "amount", "total"),
  );
  const gpb = table(d, "gpb_function");
  put("gpb.total", amount(d, gpb, "total", "total", "amount"));
  for (const col of ["basic", "project", "personnel", "public"])
    put(col, amount(d, gpb, "total", col));
  put("gov_fund.total", amount(d, table(d, "gov_fund"), "total", "total"));
  put("state_capital.total", amount(d, table(d, "state_capital"), "total", "total"));
  const three = table(d, "three_public");
  const col = d.kind === "final" ? "final" : "budget";
  for (const key of THREE_PUBLIC_LINES) put(key, amount(d, three, key, col, "amount"));
  const prior: Prior = { year: d.year, unit: d.unit, lines };
  const codes = gpbCodes(d);
  if (Object.keys(codes).length) prior.codes = codes;
  return prior;
}

/** A final account's 年初预算 from the budget disclosure of the same year. */
export function initialBudgetFrom(budget: Disclosure): NonNullable<Figures["initialBudget"]> {
  const lines: Record<string, number> = {};
  const gpbTotal = amount(budget, table(budget, "gpb_function"), "total", "total", "amount");
  if (gpbTotal !== undefined) lines["gpb.total"] = gpbTotal;
  const gf = amount(budget, table(budget, "gov_fund"), "total", "total");
  if (gf !== undefined) lines["gov_fund.total"] = gf;
  const sc = amount(budget, table(budget, "state_capital"), "total", "total");
  if (sc !== undefined) lines["state_capital.total"] = sc;
  const tp = amount(
    budget,
    table(budget, "three_public"),
    "three_public.total",
    "budget",
    "amount",
  );
  if (tp !== undefined) lines["three_public.total"] = tp;
  const out: NonNullable<Figures["initialBudget"]> = { lines };
  const codes = gpbCodes(budget);
  if (Object.keys(codes).length) out.codes = codes;
  return out;
}
