/**
 * Every amount the narrative states against the table cell it describes, and
 * money units that are off by 万 (“4.03 元” among 万元, or a 元 figure
 * printed as 万元).
 */
import { convertAmount } from "../../../model/money.ts";
import type { Claim, Disclosure, MoneyUnit } from "../../../model/schema.ts";
import type { RawFinding, Rule } from "../../types.ts";
import {
  type Agreement,
  agree,
  type CellRef,
  cellName,
  cellsFor,
  cellValue,
  locations,
  stated,
  statedDecimals,
} from "./support.ts";

/** Subjects that are one fund's or the whole department's, by wording. */
const GENERIC_KINDS = new Set(["income_total", "expenditure_total", "grand_total"]);
const OTHER_FUND_RE = /政府性基金|国有资本经营/u;

/** Whether the claim's code came from its printed code or a 类/款/项 path, not a bare name. */
function codeIsPrinted(c: Claim): boolean {
  const code = c.subject.code;
  if (!code) return true;
  if (c.quote.includes(`（${code}）`) || c.quote.includes(`(${code})`)) return true;
  return /[（(][类款项][）)]/u.test(c.subject.label);
}

/** Words that narrow a total to one source of funds (“其他资金收入预算总计”). */
const NARROWED_RE = /其他资金|非财政|财政拨款|一般公共预算|政府性基金|国有资本|财政专户|单位资金/u;

/**
 * The sentence speaks about another fund's table (or one source of funds)
 * while its subject reads as the whole, or about a table by name
 * (“《财政拨款支出预算表》增加了…”): no cell to compare with.
 */
function aboutOtherFund(c: Claim): boolean {
  if (/《|》/u.test(c.subject.label)) return true;
  if (!GENERIC_KINDS.has(c.subject.kind)) return false;
  if (NARROWED_RE.test(c.subject.label)) return true;
  return OTHER_FUND_RE.test(c.quote) || OTHER_FUND_RE.test(c.section ?? "");
}

/** Tables of 一般公共预算 spending only. */
const GPB_TABLES = new Set(["gpb_function", "gpb_economic", "gpb_basic_function"]);
/** The sentence says it speaks about 一般公共预算 (or 财政拨款) spending. */
const GPB_SCOPE_RE = /一般公共预算|财政拨款/u;

/** The first printed figure of a row among the tables of an id, in 元. */
function printedYuan(doc: Disclosure, id: string, key: string, cols: string[]): number | undefined {
  for (const t of doc.tables.filter((x) => x.id === id)) {
    const row = t.rows.find((r) => r.key === key);
    for (const col of cols) {
      const a = row?.cells[col]?.amount;
      if (a != null) return convertAmount(a, t.unit, "元").value;
    }
  }
  return undefined;
}

/** The department spends more than its 一般公共预算 money (other funds, 事业收入 …). */
function spendsOtherFunds(doc: Disclosure): boolean {
  const total =
    printedYuan(doc, "expenditure", "total", ["total"]) ??
    printedYuan(doc, "summary", "expenditure.total", ["amount", "total"]) ??
    printedYuan(doc, "summary", "income.total", ["amount", "total"]);
  const gpb = printedYuan(doc, "gpb_function", "total", ["total", "amount"]);
  return total !== undefined && gpb !== undefined && total > gpb;
}

/** The sentence says it speaks about basic spending only. */
const BASIC_SCOPE_RE = /基本支出|人员经费|公用经费|机关运行经费/u;

interface Comparison {
  claim: Claim;
  field: "amount" | "budget" | "prior";
  value: number;
  unit: MoneyUnit;
  refs: CellRef[];
  result: Agreement;
  /** The reference the finding points at. */
  ref: CellRef;
  /** The figure matches the cell once its unit is corrected. */
  unitSlip?: MoneyUnit;
}

const cache = new WeakMap<Disclosure, Comparison[]>();

function best(results: Agreement[]): Agreement {
  if (results.includes("equal")) return "equal";
  if (results.includes("rounding")) return "rounding";
  return "differs";
}

/** Compare every stated amount with its cells, once per document. */
export function comparisons(doc: Disclosure): Comparison[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const out: Comparison[] = [];
  const otherFunds = spendsOtherFunds(doc);
  for (const claim of doc.claims) {
    const unit = claim.unit;
    if (!unit || aboutOtherFund(claim)) continue;
    for (const field of ["amount", "budget", "prior"] as const) {
      const value = claim[field];
      if (value === undefined) continue;
      const all = cellsFor(doc, claim, field);
      // A blank cell beside printed ones is an extraction gap more often than a fact.
      const refs = all.some((r) => r.printed) ? all.filter((r) => r.printed) : all;
      if (refs.length === 0 || (value !== 0 && !refs.some((r) => r.printed))) continue;
      const decimals = statedDecimals(claim.quote, value);
      const results = refs.map((r) => {
        const a = agree(value, unit, decimals, r.amount, r.table.unit);
        // A basic-spending table holds part of an economic line: a larger
        // figure may include project spending, a smaller one cannot.
        const scope = `${claim.quote}${claim.section ?? ""}`;
        const partOnly =
          (r.table.id === "gpb_basic_economic" && !BASIC_SCOPE_RE.test(scope)) ||
          (GPB_TABLES.has(r.table.id) && otherFunds && !GPB_SCOPE_RE.test(scope));
        if (
          a === "differs" &&
          partOnly &&
          convertAmount(r.amount, r.table.unit, unit).value < value
        ) {
          return "equal";
        }
        return a;
      });
      const result = best(results);
      const ref =
        refs[results.indexOf(result)] ?? refs.find((r) => r.printed) ?? (refs[0] as CellRef);
      const cmp: Comparison = { claim, field, value, unit, refs, result, ref };
      if (result === "differs") {
        const other: MoneyUnit = unit === "元" ? "万元" : "元";
        const slip = refs.find(
          (r) =>
            r.amount !== 0 && agree(value, other, decimals, r.amount, r.table.unit) === "equal",
        );
        if (slip) {
          cmp.unitSlip = other;
          cmp.ref = slip;
        }
      }
      out.push(cmp);
    }
  }
  cache.set(doc, out);
  return out;
}

const FIELD_WORD = { amount: "", budget: "年初预算", prior: "上年数" } as const;

export const amountMatchesTable: Rule = {
  id: "text/amount-matches-table",
  family: "text",
  severity: "error",
  title: "说明金额与表格一致",
  description:
    "说明中陈述的每一个金额（收支总计、收入各项、支出合计、基本支出和项目支出、人员经费和公用经费、功能分类类/款/项和经济分类科目、“三公”经费各项、政府采购、资产等）都应与它所描述的表格单元格一致。说明以万元保留小数、表格以元列示时，按说明的印刷精度把表格金额精确换算并四舍五入后比较；只差最后一位的，记为尾差提示。",
  basis:
    "说明与表格一致：说明中的金额 = 所附公开表中同一项目的金额；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容真实、准确。",
  confirmation: "practice",
  *check({ doc }) {
    // Both sides of “收入支出总计” meet the same cells: one finding per sentence, row and figure.
    const seen = new Set<string>();
    for (const c of comparisons(doc)) {
      if (c.result === "equal" || c.unitSlip) continue;
      const key = `${c.claim.quote}\u0000${c.ref.table.id}\u0000${c.ref.row.name}\u0000${c.ref.amount}\u0000${c.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const what = FIELD_WORD[c.field];
      const message = `说明称“${c.claim.quote}”，${what ? `其中${what} ${stated(c.value, c.unit)}，` : ""}但${cellName(c.ref)}为 ${cellValue(c.ref)}。`;
      const f: RawFinding = {
        message,
        locations: locations(c.claim, c.ref),
        expected: cellValue(c.ref),
        actual: stated(c.value, c.unit),
      };
      const elsewhere = c.result === "rounding" ? undefined : otherTotalWithValue(doc, c);
      if (c.result === "rounding") {
        f.severity = "info";
        f.message = `${message}两者只差最后一位，可能是四舍五入造成的尾差。`;
      } else if (elsewhere) {
        // The same figure is another table's total of the same name (本年收入合计
        // for a 收入总计, the 财政拨款支出表's 基本支出 for a 基本支出): the
        // sentence may speak of that scope. Not an error the reader can be sure of.
        f.severity = "warning";
        f.message = `${message}该金额与${elsewhere}一致，说明所指口径可能是后者，请核对。`;
      } else if (!codeIsPrinted(c.claim) || c.claim.subject.kind === "other") {
        // A bare name resolved through the catalog may be another line of the same name.
        f.severity = "warning";
        f.message = `${message}（科目由名称推断，请核对说明所指的科目。）`;
      }
      yield f;
    }
  },
};

/** Keys of the total lines a sentence may mean by a word such as 总计 or 合计. */
const TOTAL_KEYS = new Set([
  "total",
  "income.total",
  "expenditure.total",
  "income.grand_total",
  "expenditure.grand_total",
  "personnel_total",
  "public_total",
]);

/** Subjects whose scope a sentence may leave open (总计 of which table, 基本支出 of which funds). */
const SCOPE_KINDS = new Set([
  "grand_total",
  "income_total",
  "expenditure_total",
  "fiscal_total",
  "basic",
  "project",
  "personnel",
  "public",
]);

/**
 * For a total-like subject only: a total line of any table whose cell in the
 * compared column equals the stated figure. A specific line (一般公共预算拨款收入)
 * stated at the amount of a total is a real error and is not excused.
 */
function otherTotalWithValue(doc: Disclosure, c: Comparison): string | undefined {
  if (!SCOPE_KINDS.has(c.claim.subject.kind)) return undefined;
  const column = c.ref.column;
  const toYuan = (amount: number, unit: MoneyUnit) => (unit === "万元" ? amount * 10000 : amount);
  const stated = toYuan(c.value, c.unit);
  // Half a unit of the sentence's last printed digit (0.01 万元 or 0.01 元).
  const tolerance = c.unit === "万元" ? 5000 : 0.5;
  for (const table of doc.tables) {
    if (table.id === "other") continue;
    for (const row of table.rows) {
      if (!TOTAL_KEYS.has(row.key) || (table === c.ref.table && row === c.ref.row)) continue;
      for (const [id, cell] of Object.entries(row.cells)) {
        if (cell.amount === null || cell.amount === 0) continue;
        if (column && id !== column && !(id === "amount" || column === "amount")) continue;
        if (Math.abs(toYuan(cell.amount, table.unit) - stated) <= tolerance)
          return `${table.title}“${row.name || row.key}”行的${id}`;
      }
    }
  }
  return undefined;
}

/** The unit most of the document's tables print in. */
function mostTables(doc: Disclosure): MoneyUnit | undefined {
  const count = new Map<MoneyUnit, number>();
  for (const t of doc.tables) {
    if (t.id === "other" || t.empty) continue;
    count.set(t.unit, (count.get(t.unit) ?? 0) + 1);
  }
  const [first, second] = [...count.entries()].sort((a, b) => b[1] - a[1]);
  return first && (!second || first[1] > second[1]) ? first[0] : undefined;
}

export const moneyUnit: Rule = {
  id: "text/money-unit",
  family: "text",
  severity: "error",
  title: "金额单位正确",
  description:
    "说明中的金额单位应与数值相符：在以万元叙述的说明中写成“元”（如“住房公积金 3.58 元”实为 3.58 万元），或把以元列示的表格数字直接标成万元，金额都差了一万倍。只有当改正单位后与表格一致时才报错；表格无从对照时，同一句中万元与元混用且元金额很小的，提示核对。",
  basis:
    "说明与表格一致：金额的数量级须与表格相同（“万元”与“元”混用差一万倍）；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容准确、形式规范。",
  confirmation: "practice",
  *check({ doc }) {
    const flagged = new Set<Claim>();
    for (const c of comparisons(doc)) {
      if (!c.unitSlip) continue;
      flagged.add(c.claim);
      // The sentence speaks the document's unit and the table alone prints
      // the other: the table's label is the odd one out, not the sentence.
      const tableOdd = c.unit === mostTables(doc) && c.ref.table.unit !== c.unit;
      yield {
        message: tableOdd
          ? `说明称“${c.claim.quote}”，其中金额写作 ${stated(c.value, c.unit)}，而${cellName(c.ref)}为 ${cellValue(c.ref)}，数字逐位相同：${c.ref.table.title}标注的单位“${c.ref.table.unit}”与其他表格的“${c.unit}”不同，可能是表格单位标错了，也可能是说明的单位写错了。`
          : `说明称“${c.claim.quote}”，其中金额写作 ${stated(c.value, c.unit)}，而${cellName(c.ref)}为 ${cellValue(c.ref)}：金额单位应为“${c.unitSlip}”。`,
        locations: locations(c.claim, c.ref),
        expected: stated(c.value, c.unitSlip),
        actual: stated(c.value, c.unit),
      };
    }
    // Without a table to compare with: a small 元 figure among 万元 figures of one sentence.
    for (const claim of doc.claims) {
      if (flagged.has(claim) || claim.unit !== "元" || claim.amount === undefined) continue;
      if (claim.amount >= 1_000_000 || doc.unit !== "万元") continue;
      const others = doc.claims.filter(
        (o) => o !== claim && o.quote === claim.quote && o.unit === "万元",
      );
      if (others.length < 2) continue;
      yield {
        severity: "warning",
        message: `说明称“${claim.quote}”，同一句中其他金额均以万元表示，唯独“${claim.subject.label}”写作 ${stated(claim.amount, "元")}，请核对金额单位。`,
        locations: locations(claim),
        actual: stated(claim.amount, "元"),
      };
    }
  },
};
