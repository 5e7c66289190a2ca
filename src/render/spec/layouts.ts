/**
 * The official layouts of the standard tables: which tables a budget or a
 * final-accounts disclosure publishes, in which order, under which title and
 * number, with which columns and header labels.
 *
 * Budget: the 财政部 部门预算公开 template (收支总表 … 政府采购预算表).
 * Final: 公开01表–公开09表 of the 部门决算 template, then the “三公” table
 * and 国有资产使用情况表. Labels are the ones real documents print and our
 * recognition reads back (src/recognize/columns.ts).
 *
 * Titles come from the profiles (src/model/profiles/): one source for the
 * checker's required tables, the template and the printed document. A
 * region with a workbook of its own (上海市区级) has its layouts made from
 * its profile module: its tables, titles, header cells and columns.
 */
import { COLUMN_LABELS } from "../../model/labels.ts";
import {
  atLevel,
  type Level,
  NATIONAL_PROFILE,
  type ProfileId,
  profileById,
  profileTitle,
  type WorkbookTable,
} from "../../model/profiles.ts";
import type { ColumnId, Kind, TableId } from "../../model/schema.ts";

/** How the table's body is laid out. */
export type LayoutKind =
  /** two-sided: 收入 项目 | 金额 ‖ 支出 项目 | 金额 … */
  | "summary"
  /** 科目编码 | 科目名称 | amounts … (功能分类 类/款/项, 经济分类 类/款, units, projects) */
  | "code"
  /** 公开06 style: 经济分类 code | name | 决算数, 人员经费 and 公用经费 side by side */
  | "blocks"
  /** “三公” items as columns (budget) or rows with 预算数 | 决算数 (final) */
  | "three_public";

export interface TableLayout {
  id: TableId;
  kind: Kind;
  layout: LayoutKind;
  title: string;
  /** The official columns of the layout, in printed order (data columns not listed are appended). */
  columns: ColumnId[];
  /** Published even without data (then as an empty table with its 空表说明). */
  standard: boolean;
  /** Every official column is printed, with or without data (收入总表, 支出总表). */
  fixedColumns?: boolean;
  /** What the code column holds. */
  codeHead?: string;
  nameHead?: string;
  /** The 注 line printed under the table in the official template. */
  note?: string;
  /** A regional table drawn from its profile's header cells and columns (spec/regional.ts). */
  regional?: { table: WorkbookTable; level: Level };
}

const FUNC = { codeHead: "科目编码", nameHead: "科目名称" } as const;

const BUDGET_LAYOUT_LIST: readonly TableLayout[] = [
  {
    id: "summary",
    kind: "budget",
    layout: "summary",
    title: "收支总表",
    columns: ["amount"],
    standard: true,
  },
  {
    id: "income",
    kind: "budget",
    layout: "code",
    fixedColumns: true,
    title: "收入总表",
    columns: [
      "total",
      "carryover",
      "gpb",
      "gov_fund",
      "state_capital",
      "fiscal_special",
      "business",
      "operating",
      "superior",
      "affiliated",
      "other",
    ],
    standard: true,
    ...FUNC,
  },
  {
    id: "expenditure",
    kind: "budget",
    layout: "code",
    fixedColumns: true,
    title: "支出总表",
    columns: ["total", "basic", "project", "operating", "upper", "subsidiary"],
    standard: true,
    ...FUNC,
  },
  {
    id: "fiscal_summary",
    kind: "budget",
    layout: "summary",
    title: "财政拨款收支总表",
    columns: ["amount"],
    standard: true,
  },
  {
    id: "gpb_function",
    kind: "budget",
    layout: "code",
    title: "一般公共预算支出表",
    columns: ["total", "basic", "personnel", "public", "project"],
    standard: true,
    ...FUNC,
  },
  {
    id: "gpb_economic",
    kind: "budget",
    layout: "code",
    title: "一般公共预算支出明细表（按经济分类科目）",
    columns: ["total", "personnel", "public", "project"],
    standard: false,
    ...FUNC,
  },
  {
    id: "gpb_basic_function",
    kind: "budget",
    layout: "code",
    title: "一般公共预算基本支出明细表（按功能分类科目）",
    columns: ["total", "personnel", "public"],
    standard: false,
    ...FUNC,
  },
  {
    id: "gpb_basic_economic",
    kind: "budget",
    layout: "code",
    title: "一般公共预算基本支出表",
    columns: ["total", "personnel", "public"],
    standard: true,
    ...FUNC,
  },
  {
    id: "three_public",
    kind: "budget",
    layout: "three_public",
    title: "一般公共预算“三公”经费支出表",
    columns: ["budget"],
    standard: true,
  },
  {
    id: "gov_fund",
    kind: "budget",
    layout: "code",
    title: "政府性基金预算支出表",
    columns: ["total", "basic", "project"],
    standard: true,
    ...FUNC,
  },
  {
    id: "state_capital",
    kind: "budget",
    layout: "code",
    title: "国有资本经营预算支出表",
    columns: ["total", "basic", "project"],
    standard: true,
    ...FUNC,
  },
  {
    id: "projects",
    kind: "budget",
    layout: "code",
    title: "项目支出表",
    columns: ["total", "gpb", "gov_fund", "state_capital", "fiscal_special", "business", "other"],
    standard: true,
    codeHead: "项目编码",
    nameHead: "项目名称",
  },
  {
    id: "procurement",
    kind: "budget",
    layout: "code",
    title: "政府采购预算表",
    columns: ["total", "gpb", "gov_fund", "fiscal_special", "business", "other"],
    standard: true,
    codeHead: "项目编码",
    nameHead: "采购项目名称",
  },
  {
    id: "carryover",
    kind: "budget",
    layout: "code",
    title: "财政拨款结转资金支出表",
    columns: ["amount"],
    standard: false,
    ...FUNC,
  },
];

const FINAL_LAYOUT_LIST: readonly TableLayout[] = [
  {
    id: "summary",
    kind: "final",
    layout: "summary",
    title: "收入支出决算表",
    columns: ["amount"],
    standard: true,
    note: "注：本表反映部门本年度的总收支和年末结转结余情况。",
  },
  {
    id: "income",
    kind: "final",
    layout: "code",
    fixedColumns: true,
    title: "收入决算表",
    columns: ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"],
    standard: true,
    ...FUNC,
    note: "注：本表反映部门本年度取得的各项收入情况。",
  },
  {
    id: "expenditure",
    kind: "final",
    layout: "code",
    fixedColumns: true,
    title: "支出决算表",
    columns: ["total", "basic", "project", "upper", "operating", "subsidiary"],
    standard: true,
    ...FUNC,
    note: "注：本表反映部门本年度各项支出情况。",
  },
  {
    id: "fiscal_summary",
    kind: "final",
    layout: "summary",
    title: "财政拨款收入支出决算表",
    columns: ["total", "gpb", "gov_fund", "state_capital"],
    standard: true,
    note: "注：本表反映部门本年度财政拨款总收支和年末结转结余情况。",
  },
  {
    id: "gpb_function",
    kind: "final",
    layout: "code",
    title: "一般公共预算财政拨款收入支出决算表",
    columns: ["total", "basic", "personnel", "public", "project"],
    standard: true,
    ...FUNC,
    note: "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
  },
  {
    id: "gpb_basic_economic",
    kind: "final",
    layout: "blocks",
    title: "一般公共预算财政拨款基本支出决算表",
    columns: ["amount"],
    standard: true,
    ...FUNC,
    note: "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
  },
  {
    id: "gpb_project_economic",
    kind: "final",
    layout: "blocks",
    title: "一般公共预算财政拨款项目支出决算表",
    columns: ["amount"],
    standard: true,
    ...FUNC,
    note: "注：本表反映部门本年度一般公共预算财政拨款项目支出经济分类明细情况。",
  },
  {
    id: "gov_fund",
    kind: "final",
    layout: "code",
    title: "政府性基金预算财政拨款收入支出决算表",
    columns: ["total", "basic", "project"],
    standard: true,
    ...FUNC,
    note: "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
  },
  {
    id: "state_capital",
    kind: "final",
    layout: "code",
    title: "国有资本经营预算财政拨款支出决算表",
    columns: ["total", "basic", "project"],
    standard: true,
    ...FUNC,
    note: "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
  },
  {
    id: "three_public",
    kind: "final",
    layout: "three_public",
    title: "财政拨款“三公”经费支出决算表",
    columns: ["budget", "final"],
    standard: true,
    note: "注：本表反映部门本年度“三公”经费支出预决算情况。",
  },
  {
    id: "assets",
    kind: "final",
    layout: "code",
    title: "国有资产使用情况表",
    columns: ["total"],
    standard: true,
    codeHead: "单位编码",
    nameHead: "单位名称",
  },
];

/** The national layouts with the national profile's titles. */
function titled(layouts: readonly TableLayout[]): readonly TableLayout[] {
  return layouts.map((l) => ({
    ...l,
    title: profileTitle(NATIONAL_PROFILE, l.kind, l.id) ?? l.title,
  }));
}

export const BUDGET_LAYOUTS: readonly TableLayout[] = titled(BUDGET_LAYOUT_LIST);
export const FINAL_LAYOUTS: readonly TableLayout[] = titled(FINAL_LAYOUT_LIST);

/** A regional workbook's tables as layouts, for a level (部门 / 单位). */
function regionalLayouts(
  tables: readonly WorkbookTable[],
  kind: Kind,
  level: Level,
): TableLayout[] {
  return tables.map((table) => ({
    id: table.id,
    kind,
    layout: table.shape,
    title: atLevel(table.title, level),
    columns: [...atLevel(table.columns, level)],
    standard: true,
    regional: { table, level },
  }));
}

/**
 * The tables a document of a kind prints, in order: the national layouts, or
 * those of a profile with a workbook of its own for the kind.
 */
export function layoutsFor(kind: Kind, profile?: ProfileId, level?: Level): readonly TableLayout[] {
  const workbook = profile ? profileById(profile).workbook?.[kind] : undefined;
  if (workbook) {
    const tables = workbook.sheets.flatMap((s) => (s.type === "table" ? [s.table] : []));
    return regionalLayouts(tables, kind, level ?? "department");
  }
  return kind === "final" ? FINAL_LAYOUTS : BUDGET_LAYOUTS;
}

/** The printed label of a column in a table of a kind. */
export function columnLabel(id: ColumnId, table: TableId, kind: Kind): string {
  const income = table === "income";
  const fiscalSummary = table === "fiscal_summary";
  const projects = table === "projects" || table === "procurement";
  switch (id) {
    case "total":
      if (kind === "final" && income) return "本年收入合计";
      if (kind === "final" && table === "expenditure") return "本年支出合计";
      return "合计";
    case "basic":
      return "基本支出";
    case "project":
      return "项目支出";
    case "personnel":
      return "人员经费";
    case "public":
      return "公用经费";
    case "fiscal":
      return "财政拨款收入";
    case "gpb":
      if (fiscalSummary) return kind === "final" ? "一般公共预算财政拨款" : "一般公共预算";
      return income ? "一般公共预算拨款收入" : projects ? "一般公共预算拨款" : "一般公共预算";
    case "gov_fund":
      if (fiscalSummary) return kind === "final" ? "政府性基金预算财政拨款" : "政府性基金预算";
      return income ? "政府性基金预算拨款收入" : projects ? "政府性基金预算拨款" : "政府性基金预算";
    case "state_capital":
      if (fiscalSummary) return kind === "final" ? "国有资本经营预算财政拨款" : "国有资本经营预算";
      return income ? "国有资本经营预算拨款收入" : "国有资本经营预算";
    case "fiscal_special":
      return income ? "财政专户管理资金收入" : "财政专户管理资金";
    case "business":
      return "事业收入";
    case "operating":
      return income ? (kind === "final" ? "经营收入" : "事业单位经营收入") : "经营支出";
    case "superior":
      return "上级补助收入";
    case "affiliated":
      return "附属单位上缴收入";
    case "other":
      return "其他收入";
    case "carryover":
      return "上年结转";
    case "upper":
      return "上缴上级支出";
    case "subsidiary":
      return "对附属单位补助支出";
    case "amount":
      return kind === "final" ? "决算数" : "预算数";
    case "budget":
      return "预算数";
    case "final":
      return "决算数";
    case "prior":
      return "上年数";
    default:
      return COLUMN_LABELS[id];
  }
}
