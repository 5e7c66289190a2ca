/**
 * The one vocabulary of what a disclosure's tables hold: the income sources
 * (as columns and as lines of the summary tables), the line keys of the
 * summary and 三公 tables with their Chinese names, and the funds.
 *
 * Table ids and column ids are the zod enums of schema.ts (their Chinese
 * names are in labels.ts); everything here is typed against them, so
 * recognition, the checker, the generator and the template spell a key one
 * way or fail to compile. The key strings are those of
 * shared/golden/README.md, plus a few of our own (income.reserve,
 * expenditure.distribution, expenditure.basic/project/reserve, income.fiscal,
 * expenditure.fund.*, *.carryover.*, *.of_* sub-lines).
 */
import type { ColumnId, Kind, RowKeyKind, TableId } from "./schema.ts";

// ------------------------------------------------------------ table kinds

/** Tables whose rows are 支出功能分类 codes. */
export const FUNCTIONAL_TABLES: ReadonlySet<TableId> = new Set([
  "income",
  "expenditure",
  "gpb_function",
  "gpb_basic_function",
  "fiscal_function",
  "gov_fund",
  "state_capital",
]);

/** Tables whose rows are 经济分类 codes. */
export const ECONOMIC_TABLES: ReadonlySet<TableId> = new Set([
  "gpb_economic",
  "gpb_basic_economic",
  "gpb_project_economic",
  "fiscal_basic_economic",
  "running_cost",
]);

// ------------------------------------------------------------------ funds

/** The three budgets a 财政拨款 comes from, in printed order. */
export const FUNDS = ["gpb", "gov_fund", "state_capital"] as const satisfies readonly ColumnId[];
export type Fund = (typeof FUNDS)[number];

/** A fund's name, as the column headers and sentences print it. */
export const FUND_NAMES: Record<Fund, string> = {
  gpb: "一般公共预算",
  gov_fund: "政府性基金预算",
  state_capital: "国有资本经营预算",
};

/** The table of each fund's spending by function. */
export const FUND_TABLES: Record<Fund, TableId> = {
  gpb: "gpb_function",
  gov_fund: "gov_fund",
  state_capital: "state_capital",
};

// --------------------------------------------------------- income sources

/**
 * Income sources other than 财政拨款, as columns of a 收入总表 (and of the
 * 项目支出 table's 资金来源): what makes up 本年收入 besides the grants, and
 * the carry-over the 收入表 adds into its 合计.
 */
export const OTHER_INCOME_SOURCES = [
  "fiscal_special",
  "non_fiscal_balance",
  "business",
  "operating",
  "superior",
  "affiliated",
  "other",
  "carryover",
] as const satisfies readonly ColumnId[];
export type OtherIncomeSource = (typeof OTHER_INCOME_SOURCES)[number];

/** Every column that names an income source: 财政拨款 whole, by fund, and the others. */
export const INCOME_SOURCE_COLUMNS = ["fiscal", ...FUNDS, ...OTHER_INCOME_SOURCES] as const;
export type IncomeSourceColumn = (typeof INCOME_SOURCE_COLUMNS)[number];

/** What each income-source column holds. */
export const INCOME_SOURCE_MEANINGS: Record<IncomeSourceColumn, string> = {
  fiscal: "财政拨款（收入）：三项预算拨款之和",
  gpb: "一般公共预算（财政）拨款收入",
  gov_fund: "政府性基金预算（财政）拨款收入",
  state_capital: "国有资本经营预算（财政）拨款收入",
  fiscal_special: "财政专户管理资金收入",
  non_fiscal_balance: "使用非财政拨款结余（含专用结余）",
  business: "事业收入",
  operating: "（事业单位）经营收入",
  superior: "上级补助收入",
  affiliated: "附属单位上缴收入",
  other: "其他收入",
  carryover: "上年结转（结余） / 年初结转和结余",
};

// -------------------------------------------------------------- line keys

/**
 * Lines of the two-sided summary tables (收支总表 / 收入支出决算总表 and
 * 财政拨款收支总表) that have a key of their own, with a generic name for a
 * reader (the printed names vary by kind and region: see INCOME_LINE_NAMES).
 */
export const SUMMARY_LINE_NAMES = {
  "income.fiscal": "财政拨款收入",
  "income.gpb": "一般公共预算拨款收入",
  "income.gov_fund": "政府性基金预算拨款收入",
  "income.state_capital": "国有资本经营预算拨款收入",
  "income.fiscal_special": "财政专户管理资金收入",
  "income.business": "事业收入",
  "income.operating": "经营收入",
  "income.superior": "上级补助收入",
  "income.affiliated": "附属单位上缴收入",
  "income.other": "其他收入",
  "income.total": "本年收入合计",
  /** 使用非财政拨款结余 / 使用专用结余 / 用事业基金弥补收支差额: added after 本年收入合计. */
  "income.reserve": "使用非财政拨款结余",
  "income.carryover": "上年结转",
  "income.grand_total": "收入总计",
  "expenditure.total": "本年支出合计",
  /** 结余分配 (final accounts). */
  "expenditure.distribution": "结余分配",
  "expenditure.carryover": "结转下年",
  "expenditure.grand_total": "支出总计",
  /** Jiangsu budgets: the spending side by use beside the functional lines. */
  "expenditure.basic": "基本支出",
  "expenditure.project": "项目支出",
  "expenditure.reserve": "单位预留机动经费",
} as const;
export type FixedSummaryLineKey = keyof typeof SUMMARY_LINE_NAMES;
export type IncomeLineKey = Extract<FixedSummaryLineKey, `income.${string}`>;

/** The lines of the “三公” table, in printed order, with their names. */
export const THREE_PUBLIC_LINE_NAMES = {
  "three_public.total": "“三公”经费合计",
  "three_public.abroad": "因公出国（境）费",
  "three_public.vehicle": "公务用车购置及运行费",
  "three_public.vehicle_purchase": "公务用车购置费",
  "three_public.vehicle_operation": "公务用车运行费",
  "three_public.reception": "公务接待费",
} as const;
export type ThreePublicLineKey = keyof typeof THREE_PUBLIC_LINE_NAMES;
export const THREE_PUBLIC_LINES = [
  "three_public.total",
  "three_public.abroad",
  "three_public.vehicle",
  "three_public.vehicle_purchase",
  "three_public.vehicle_operation",
  "three_public.reception",
] as const satisfies readonly ThreePublicLineKey[];

/**
 * Sub-lines of 公务接待费 that the national 决算 template prints below it
 * (国内接待费, 国（境）外接待费). Kept apart from THREE_PUBLIC_LINES: budgets and
 * most regions do not print them, and what is generated follows the lines above.
 */
export const THREE_PUBLIC_SUB_LINE_NAMES = {
  "three_public.reception_domestic": "国内接待费",
  "three_public.reception_foreign": "国（境）外接待费",
} as const;
export type ThreePublicSubLineKey = keyof typeof THREE_PUBLIC_SUB_LINE_NAMES;

/** Totals of a classification table (合计; 人员经费合计 and 公用经费合计 of a 公开06-style table). */
export const TOTAL_LINE_NAMES = {
  total: "合计",
  personnel_total: "人员经费合计",
  public_total: "公用经费合计",
} as const;
export type TotalLineKey = keyof typeof TOTAL_LINE_NAMES;

/** The classification code kinds (the row key kinds that are codes; src/catalog's kinds). */
export type CodeKind = Extract<RowKeyKind, "func" | "econ_dept" | "econ_gov">;

/** Whether a row's key is a classification code (功能分类 or either 经济分类). */
export function isCodeKind(kind: RowKeyKind): kind is CodeKind {
  return kind === "func" || kind === "econ_dept" || kind === "econ_gov";
}

/** The prefix of a summary table's 类 line by the classification it comes from. */
export const CLASS_LINE_PREFIX = {
  func: "expenditure.function.",
  econ_dept: "expenditure.economic.",
  econ_gov: "expenditure.gov_economic.",
} as const satisfies Record<CodeKind, string>;
export type ClassLineKey = `${(typeof CLASS_LINE_PREFIX)[CodeKind]}${string}`;

/** 财政拨款 as a whole or one fund: the lines a summary table itemises by fund. */
export type FundLine = Fund | "fiscal";

/** A line key of a summary table, fixed or built from a fund or a code. */
export type SummaryLineKey =
  | FixedSummaryLineKey
  | `income.carryover.${FundLine}`
  | `expenditure.carryover.${FundLine}`
  | `expenditure.fund.${FundLine}`
  | ClassLineKey
  /** A “其中：…” line itemising the line before it (income.fiscal.of_gov_fund). */
  | `${"income" | "expenditure"}.${string}.of_${string}`;

/** Any line key (a row keyed by meaning, not by a code). */
export type LineKey = SummaryLineKey | ThreePublicLineKey | TotalLineKey;

/** The generic name of every fixed line key. */
export const LINE_NAMES: Record<FixedSummaryLineKey | ThreePublicLineKey | TotalLineKey, string> = {
  ...TOTAL_LINE_NAMES,
  ...SUMMARY_LINE_NAMES,
  ...THREE_PUBLIC_LINE_NAMES,
};

/** The generic name of a line key (a name for a row printed without one), if it is a fixed one. */
export function lineName(key: string): string | undefined {
  return Object.hasOwn(LINE_NAMES, key) ? LINE_NAMES[key as keyof typeof LINE_NAMES] : undefined;
}

/** The summary table's line for an income-source column. */
export const INCOME_LINE_OF: Record<IncomeSourceColumn, IncomeLineKey> = {
  fiscal: "income.fiscal",
  gpb: "income.gpb",
  gov_fund: "income.gov_fund",
  state_capital: "income.state_capital",
  fiscal_special: "income.fiscal_special",
  non_fiscal_balance: "income.reserve",
  business: "income.business",
  operating: "income.operating",
  superior: "income.superior",
  affiliated: "income.affiliated",
  other: "income.other",
  carryover: "income.carryover",
};

/** The summary table's line of a fund's grant: income.gpb … */
export function fundIncomeLine(fund: Fund): `income.${Fund}` {
  return `income.${fund}`;
}

/** The 财政拨款收支总表's carry-over line of a fund: income.carryover.gpb … */
export function fundCarryoverLine(fund: Fund): `income.carryover.${Fund}` {
  return `income.carryover.${fund}`;
}

/**
 * The income lines of 本年收入 besides the grants, as the summary table
 * prints them: they and 财政拨款 (whole or by fund) add up to income.total.
 */
export const OTHER_INCOME_LINES: readonly IncomeLineKey[] = [
  "income.fiscal_special",
  "income.business",
  "income.operating",
  "income.superior",
  "income.affiliated",
  "income.other",
];

/**
 * The income lines' names as the national templates print them in a
 * 收支总表 (预算: “…拨款收入”, 决算: “…财政拨款收入”).
 */
export const INCOME_LINE_NAMES: Record<
  Extract<IncomeLineKey, `income.${Fund | OtherIncomeSource}`>,
  Record<Kind, string>
> = {
  "income.gpb": { budget: "一般公共预算拨款收入", final: "一般公共预算财政拨款收入" },
  "income.gov_fund": { budget: "政府性基金预算拨款收入", final: "政府性基金预算财政拨款收入" },
  "income.state_capital": {
    budget: "国有资本经营预算拨款收入",
    final: "国有资本经营预算财政拨款收入",
  },
  "income.fiscal_special": { budget: "财政专户管理资金收入", final: "财政专户管理资金收入" },
  "income.business": { budget: "事业收入", final: "事业收入" },
  "income.operating": { budget: "事业单位经营收入", final: "经营收入" },
  "income.superior": { budget: "上级补助收入", final: "上级补助收入" },
  "income.affiliated": { budget: "附属单位上缴收入", final: "附属单位上缴收入" },
  "income.other": { budget: "其他收入", final: "其他收入" },
  "income.carryover": { budget: "上年结转结余", final: "年初结转和结余" },
};

/** The income lines of the national 收支总表 templates, in printed order (决算: 公开01表). */
export const SUMMARY_INCOME_LINES: Record<Kind, readonly (keyof typeof INCOME_LINE_NAMES)[]> = {
  budget: [
    "income.gpb",
    "income.gov_fund",
    "income.state_capital",
    "income.fiscal_special",
    "income.business",
    "income.operating",
    "income.superior",
    "income.affiliated",
    "income.other",
  ],
  final: [
    "income.gpb",
    "income.gov_fund",
    "income.state_capital",
    "income.superior",
    "income.business",
    "income.operating",
    "income.affiliated",
    "income.other",
  ],
};
