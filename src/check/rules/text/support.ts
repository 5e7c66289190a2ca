/**
 * What the text rules share: how precisely a sentence printed a figure, how a
 * stated figure compares with a table cell under rounding, and which table
 * cells a claim's subject speaks about.
 */
import { convertAmount, formatAmount } from "../../../model/money.ts";
import type {
  Claim,
  ClaimSubject,
  Disclosure,
  MoneyUnit,
  Row,
  Table,
  TableId,
} from "../../../model/schema.ts";
import { lineName } from "../../../model/vocabulary.ts";
import { distrust } from "../../trust.ts";
import type { Location } from "../../types.ts";
import { cellLocation, claimLocation, money } from "../../view.ts";

/** A number with a money unit as sentences print it ("1,275.32万元", "2 万"). */
const MONEY_TOKEN_RE = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|元|万)/gu;

/**
 * Decimal places the sentence printed `amount` (hundredths) with; 2 when the
 * figure cannot be found in the quote.
 */
export function statedDecimals(quote: string, amount: number): number {
  MONEY_TOKEN_RE.lastIndex = 0;
  const abs = Math.abs(amount);
  for (let m = MONEY_TOKEN_RE.exec(quote); m; m = MONEY_TOKEN_RE.exec(quote)) {
    const whole = Number((m[1] ?? "0").replace(/,/g, ""));
    const frac = m[2] ?? "";
    const fracValue = Number(frac.slice(0, 2).padEnd(2, "0"));
    if (whole * 100 + fracValue === abs) return Math.min(frac.length, 2);
  }
  return 2;
}

/** Decimal places of a printed percentage string ("7.34" → 2, "100" → 0). */
export function rateDecimals(rate: string): number {
  const m = /\.(\d+)$/u.exec(rate);
  return m?.[1]?.length ?? 0;
}

/** Hundredths per unit of the last printed digit. */
export function stepOf(decimals: number): number {
  return 10 ** (2 - Math.min(decimals, 2));
}

function roundTo(value: number, step: number): number {
  if (step <= 1) return value;
  const abs = Math.abs(value);
  const q = Math.trunc(abs / step);
  const r = abs - q * step;
  return (2 * r >= step ? q + 1 : q) * step * Math.sign(value || 1);
}

export type Agreement = "equal" | "rounding" | "differs";

/**
 * Compare a stated figure (hundredths of `unit`, printed with `decimals`)
 * with a table cell: equal when the cell, converted exactly and rounded to the
 * sentence's precision, is the stated figure; "rounding" when they are one
 * last digit apart (a 尾差 of restating rounded figures); else they differ.
 */
export function agree(
  stated: number,
  unit: MoneyUnit,
  decimals: number,
  cell: number,
  cellUnit: MoneyUnit,
): Agreement {
  const converted = convertAmount(cell, cellUnit, unit).value;
  const step = stepOf(decimals);
  if (roundTo(converted, step) === stated) return "equal";
  // Restating a 元 figure printed to 分 in 元 and 分 rounds nothing: a last
  // digit apart is a slip, not 尾差. (万元 figures are themselves rounded, and
  // different tables of one document may round a line differently.)
  if (unit === "元" && cellUnit === "元" && decimals >= 2) return "differs";
  if (Math.abs(converted - stated) <= step) return "rounding";
  return "differs";
}

/** A table cell a claim may be compared with. */
export interface CellRef {
  table: Table;
  row: Row;
  column: string;
  /** The amount, a printed blank being zero. */
  amount: number;
  /** The cell printed a figure (not a blank or dash). */
  printed: boolean;
}

/** Rows, tables and columns to look in, most specific first. */
type Spec = [TableId, string, readonly string[]];

const AMOUNT_COLS = ["amount", "total"] as const;
const INCOME_COLUMN: Record<string, readonly string[]> = {
  gpb: ["gpb", "fiscal"],
  gov_fund: ["gov_fund"],
  state_capital: ["state_capital"],
  fiscal_special: ["fiscal_special"],
  business: ["business"],
  operating: ["operating"],
  superior: ["superior"],
  affiliated: ["affiliated"],
  other: ["other"],
  carryover: ["carryover"],
  fiscal: ["fiscal"],
};
const EXPENDITURE_COLUMN: Record<string, readonly string[]> = {
  superior: ["upper"],
  affiliated: ["subsidiary"],
  operating: ["operating"],
};

/** The fund a sentence names, for lines that exist per fund (上年结转). */
function fundNamed(quote: string): "gpb" | "gov_fund" | "state_capital" | undefined {
  const found: string[] = [];
  if (/政府性基金/u.test(quote)) found.push("gov_fund");
  if (/国有资本经营/u.test(quote)) found.push("state_capital");
  if (/一般公共预算/u.test(quote)) found.push("gpb");
  return found.length === 1 ? (found[0] as "gpb" | "gov_fund" | "state_capital") : undefined;
}

/** The economic table a sentence or its section names, where it names one. */
function economicTableNamed(scope: string): "running_cost" | "fiscal_basic_economic" | undefined {
  if (/机关运行经费/u.test(scope)) return "running_cost";
  if (/财政拨款基本支出/u.test(scope)) return "fiscal_basic_economic";
  return undefined;
}

function subjectSpecs(doc: Disclosure, s: ClaimSubject, quote: string, section?: string): Spec[] {
  const key = s.key ?? "";
  const final = doc.kind === "final";
  switch (s.kind) {
    case "grand_total":
      return [["summary", key, AMOUNT_COLS]];
    case "income_total":
      return [
        ["summary", "income.total", AMOUNT_COLS],
        ["income", "total", ["total"]],
        // "收入预算 679.04 万元" often means the whole (收入总计).
        ["summary", "income.grand_total", AMOUNT_COLS],
      ];
    case "expenditure_total":
      return [
        ["summary", "expenditure.total", AMOUNT_COLS],
        ["expenditure", "total", ["total"]],
        ["summary", "expenditure.grand_total", AMOUNT_COLS],
      ];
    case "income_line": {
      const line = key.replace(/^income\./u, "");
      if (line === "carryover") {
        // 上年结转 is printed per fund as well: a sentence about one fund's
        // carryover compares with that fund's line only.
        const fund = fundNamed(quote);
        if (fund === "gov_fund" || fund === "state_capital") {
          return [["fiscal_summary", `income.carryover.${fund}`, AMOUNT_COLS]];
        }
        return [
          ["fiscal_summary", "income.carryover.gpb", AMOUNT_COLS],
          ["summary", "income.carryover", AMOUNT_COLS],
          ["fiscal_summary", "income.carryover", AMOUNT_COLS],
        ];
      }
      return [
        ["summary", key, AMOUNT_COLS],
        ["income", "total", INCOME_COLUMN[line] ?? []],
        ["fiscal_summary", key, AMOUNT_COLS],
      ];
    }
    case "expenditure_line": {
      if (key === "gov_fund.expenditure") return [["gov_fund", "total", ["total", "gov_fund"]]];
      if (key === "state_capital.expenditure")
        return [["state_capital", "total", ["total", "state_capital"]]];
      const line = key.replace(/^expenditure\./u, "");
      return [
        ["summary", key, AMOUNT_COLS],
        ["expenditure", "total", EXPENDITURE_COLUMN[line] ?? []],
      ];
    }
    case "fiscal_total":
      if (key === "fiscal.income")
        return [
          ["fiscal_summary", "income.total", AMOUNT_COLS],
          ["summary", "income.fiscal", AMOUNT_COLS],
          ["fiscal_summary", "income.fiscal", AMOUNT_COLS],
          ["income", "total", ["fiscal"]],
          ["fiscal_summary", "income.grand_total", AMOUNT_COLS],
        ];
      if (key === "fiscal.expenditure")
        return [
          ["fiscal_summary", "expenditure.total", AMOUNT_COLS],
          ["fiscal_summary", "expenditure.grand_total", AMOUNT_COLS],
        ];
      if (key === "fiscal.income.grand_total")
        return [["fiscal_summary", "income.grand_total", AMOUNT_COLS]];
      if (key === "fiscal.expenditure.grand_total")
        return [["fiscal_summary", "expenditure.grand_total", AMOUNT_COLS]];
      return [];
    case "gpb_total":
      return [
        ["gpb_function", "total", ["total", "amount"]],
        ["fiscal_summary", "expenditure.total", ["gpb"]],
      ];
    case "basic":
    case "project": {
      const col = s.kind;
      const specs: Spec[] = [
        ["gpb_function", "total", [col]],
        ["expenditure", "total", [col]],
      ];
      if (col === "basic") specs.push(["gpb_basic_economic", "total", ["total", "amount"]]);
      return specs;
    }
    case "personnel":
    case "public": {
      const col = s.kind;
      return [
        ["gpb_basic_economic", "total", [col]],
        ["gpb_basic_economic", `${col}_total`, AMOUNT_COLS],
        ["gpb_function", "total", [col]],
      ];
    }
    case "classification": {
      const code = s.code ?? "";
      if (code.startsWith("2"))
        return [
          ["gpb_function", code, ["total", "amount"]],
          ["expenditure", code, ["total"]],
        ];
      // Items listed under the 说明 of the 机关运行经费 or the 财政拨款基本支出 table
      // are that table's: 机关运行经费 may include project money (Jiangsu 2017).
      const named = economicTableNamed(`${quote}${section ?? ""}`);
      if (named && doc.tables.some((t) => t.id === named && t.rows.some((r) => r.key === code)))
        return [[named, code, ["amount", "total", "running_cost"]]];
      return [
        ["gpb_basic_economic", code, ["total", "amount"]],
        ["gpb_economic", code, ["total", "amount"]],
        ["gpb_project_economic", code, ["total", "amount"]],
      ];
    }
    case "three_public":
      if (!key) return [];
      return [["three_public", key, final ? ["final", "amount", "total"] : ["budget", "amount"]]];
    case "running_cost": {
      // The 机关运行经费 table's 合计 (Jiangsu), or the running-cost line of
      // a 三公 table (Shanghai) — whichever the document prints.
      const lines: Spec[] = doc.tables
        .filter((t) => t.rows.some((r) => r.key === "running_cost"))
        .map(
          (t) => [t.id, "running_cost", ["amount", "total", final ? "final" : "budget"]] as Spec,
        );
      return [["running_cost", "total", ["amount", "total"]], ...lines];
    }
    case "procurement":
      // The 政府采购预算表's 合计 is the total the sentence states; a
      // document may also print the line in another table.
      if (key === "procurement.total")
        return [
          ["procurement", "total", ["total", "amount"]],
          ...doc.tables
            .filter((t) => t.rows.some((r) => r.key === key))
            .map((t) => [t.id, key, ["amount", "total"]] as Spec),
        ];
      return doc.tables
        .filter((t) => t.rows.some((r) => r.key === key))
        .map((t) => [t.id, key, ["amount", "total", final ? "final" : "budget"]] as Spec);
    default:
      if (!key) return [];
      return doc.tables
        .filter((t) => t.rows.some((r) => r.key === key))
        .map((t) => [t.id, key, ["amount", "total", final ? "final" : "budget"]] as Spec);
  }
}

function refsOf(doc: Disclosure, specs: readonly Spec[]): CellRef[] {
  const out: CellRef[] = [];
  for (const [id, key, columns] of specs) {
    for (const table of doc.tables.filter((t) => t.id === id)) {
      const row = table.rows.find((r) => r.key === key);
      if (!row) continue;
      // Printed in a table recognition may have misread (listed as
      // unchecked): what the sentence should match is not known, so it is
      // compared with nothing rather than with another table's line.
      if (!table.empty && distrust(doc, table, "columns")) return [];
      for (const column of columns) {
        const cell = row.cells[column];
        if (!cell) continue;
        out.push({ table, row, column, amount: cell.amount ?? 0, printed: cell.amount !== null });
      }
    }
  }
  return out;
}

/** The table cells a claim's amount (or its 年初预算) can be compared with. */
export function cellsFor(
  doc: Disclosure,
  claim: Claim,
  field: "amount" | "budget" | "prior",
): CellRef[] {
  if (field !== "amount") {
    // Only a 三公 table prints a claim's 年初预算 (决算) or last year's figure (预算).
    if (claim.subject.kind !== "three_public" || !claim.subject.key) return [];
    if (field === "prior" && doc.kind !== "budget") return [];
    return refsOf(doc, [["three_public", claim.subject.key, [field]]]);
  }
  return refsOf(doc, subjectSpecs(doc, claim.subject, claim.quote, claim.section));
}

/** The table cells of a subject (for a share's denominator). */
export function cellsForSubject(doc: Disclosure, subject: ClaimSubject, quote = ""): CellRef[] {
  return refsOf(doc, subjectSpecs(doc, subject, quote));
}

/** "一般公共预算支出表“合计”行“项目支出”" */
export function cellName(ref: CellRef): string {
  // A transposed table (三公 items as columns) leaves the row only its key.
  const named =
    ref.row.name === ref.row.key && ref.row.key.startsWith("three_public.")
      ? lineName(ref.row.key)
      : undefined;
  if (named) {
    const col = ref.table.columns.find((c) => c.id === ref.column)?.label ?? ref.column;
    return `${ref.table.title}“${named}”“${col.replace(/\s+/gu, "")}”`;
  }
  const col = ref.table.columns.find((c) => c.id === ref.column)?.label ?? ref.column;
  const row =
    ref.row.name
      .replace(
        /^\s*(?:[（(]\s*[一二三四五六七八九十廿\d]{1,3}\s*[）)]|[一二三四五六七八九十廿\d]{1,3}\s*[、.．])\s*/u,
        "",
      )
      .trim() || ref.row.key;
  return `${ref.table.title}“${row}”行“${col.replace(/\s+/gu, "")}”`;
}

export function cellValue(ref: CellRef): string {
  return money(ref.amount, ref.table.unit);
}

export function locations(claim: Claim, ref?: CellRef): Location[] {
  const out: Location[] = [claimLocation(claim)];
  if (ref) out.push(cellLocation(ref.table, ref.row, ref.column));
  return out;
}

/** "94.04 万元" for a stated figure, printed as the sentence did. */
export function stated(amount: number, unit: MoneyUnit): string {
  return `${formatAmount(amount)} ${unit}`;
}

/**
 * Whether a printed percentage can be the ratio num/den (both hundredths,
 * each known within ± its half step), rounded to the printed decimals.
 */
function ratioFits(
  printed: string,
  num: number,
  numErr: number,
  den: number,
  denErr: number,
  slack = 0,
): boolean {
  const p = Math.abs(Number(printed));
  const half = 0.5 * 10 ** -rateDecimals(printed);
  const n = Math.abs(num);
  const d = Math.abs(den);
  const lo = Math.max(0, n - numErr) / (d + denErr);
  const hiDen = d - denErr;
  const hi = hiDen <= 0 ? Number.POSITIVE_INFINITY : (n + numErr) / hiDen;
  // A tiny epsilon absorbs binary noise in the division, not rounding. Many
  // documents cut a rate (10.158% printed 10.15%) instead of rounding it:
  // the interval [p − half, p + 1 unit) covers both.
  return p + 2 * half + slack - 1e-9 >= lo * 100 && p - half - slack - 1e-9 <= hi * 100;
}

/** Percentage points a printed rate may be off before it is an error rather than a note. */
const PERCENT_SLACK = 0.1;

/**
 * "fits" when rounding (or cutting) explains the printed percentage, "near"
 * when it is off by no more than 0.1 percentage point (a note: documents
 * adjust shares to add up to 100%), else "off".
 */
export function ratioVerdict(
  printed: string,
  num: number,
  numErr: number,
  den: number,
  denErr: number,
): "fits" | "near" | "off" {
  if (ratioFits(printed, num, numErr, den, denErr)) return "fits";
  if (ratioFits(printed, num, numErr, den, denErr, PERCENT_SLACK)) return "near";
  return "off";
}

/** Format a ratio as a percentage with the printed number of decimals. */
export function percentOf(num: number, den: number, decimals: number): string {
  return `${((num / den) * 100).toFixed(decimals)}%`;
}
