/**
 * Sums inside a classification table: a 类 or 款 equals its children, the 合计
 * row equals the top-level rows, and across a row the 合计 equals its parts
 * (基本 + 项目, 人员 + 公用, income sources, fund columns).
 */
import type { ColumnId, Row, Table, TableId } from "../../../model/schema.ts";
import { FUNDS, OTHER_INCOME_SOURCES } from "../../../model/vocabulary.ts";
import type { RawFinding, Rule, RuleContext } from "../../types.ts";
import { childRows, codeRows, tablesOf } from "../../view.ts";
import {
  CLASSIFICATION_TABLES,
  cellLabel,
  compare,
  line,
  present,
  ref,
  trustworthy,
} from "./common.ts";

const LEVEL_NAMES = ["", "类", "款", "项"] as const;

type CodeKind = "func" | "econ";

function isKind(row: Row, kind: CodeKind): boolean {
  return kind === "func"
    ? row.keyKind === "func"
    : row.keyKind === "econ_dept" || row.keyKind === "econ_gov";
}

/** Trustworthy classification tables of the document, each id in turn. */
function* classificationTables(ctx: RuleContext, ids = CLASSIFICATION_TABLES): Iterable<Table> {
  for (const id of ids) {
    for (const t of tablesOf(ctx.doc, id)) {
      if (!t.empty && trustworthy(ctx.doc, t, "columns")) yield t;
    }
  }
}

/** A code printed twice in one table (several units, or a misread) makes parents ambiguous. */
function hasDuplicateCodes(table: Table): boolean {
  const seen = new Set<string>();
  for (const r of codeRows(table)) {
    const k = `${r.keyKind}:${r.key}`;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

function* subtotals(ctx: RuleContext, kind: CodeKind): Iterable<RawFinding> {
  for (const table of classificationTables(ctx)) {
    if (hasDuplicateCodes(table)) continue;
    for (const parent of codeRows(table)) {
      if (!isKind(parent, kind) || parent.level === undefined || parent.level >= 3) continue;
      const children = childRows(table, parent);
      if (children.length === 0) continue;
      const childLevel = LEVEL_NAMES[parent.level + 1];
      for (const col of table.columns) {
        const actual = ref(table, parent, col.id);
        if (!actual) continue;
        const parts = present(children.map((c) => ref(table, c, col.id)));
        if (parts.length === 0) continue;
        const f = compare({
          doc: ctx.doc,
          actual,
          expected: parts,
          say: (a, e, g) =>
            `${cellLabel(actual)} ${a}，不等于其下各${childLevel}之和 ${e}，相差 ${g}`,
        });
        if (f) yield f;
      }
    }
  }
}

/** Rows of one kind whose ancestors are not in the table: the 类, or the highest level printed. */
function topRows(rows: Row[]): Row[] {
  const keys = new Set(rows.map((r) => r.key));
  return rows.filter((r) => {
    for (let n = 3; n < r.key.length; n += 2) if (keys.has(r.key.slice(0, n))) return false;
    return true;
  });
}

function* totalRow(ctx: RuleContext): Iterable<RawFinding> {
  for (const table of classificationTables(ctx)) {
    const total = line(table, "total");
    if (!total || hasDuplicateCodes(table)) continue;
    const groups = (["func", "econ"] as const)
      .map((k) => topRows(codeRows(table).filter((r) => isKind(r, k))))
      .filter((g) => g.some((r) => Object.values(r.cells).some((c) => (c.amount ?? 0) !== 0)));
    // A table mixing functional and economic rows is misread; nothing to sum.
    if (groups.length !== 1) continue;
    const roots = groups[0] ?? [];
    const allClasses = roots.every((r) => r.level === 1);
    for (const col of table.columns) {
      const actual = ref(table, total, col.id);
      if (!actual) continue;
      const parts = present(roots.map((r) => ref(table, r, col.id)));
      if (parts.length === 0) continue;
      const f = compare({
        doc: ctx.doc,
        actual,
        expected: parts,
        say: (a, e, g) =>
          `${cellLabel(actual)} ${a}，不等于${allClasses ? "各类" : "表中最高级次科目"}之和 ${e}，相差 ${g}`,
      });
      if (f) yield f;
    }
  }
}

/** One identity across the columns of a row: `total` = Σ `parts` (each where printed). */
interface ColumnIdentity {
  total: ColumnId;
  parts: readonly ColumnId[];
  /** How the parts are named in a message. */
  what: string;
  /** Only where the table has (or lacks) these columns. */
  requires?: readonly ColumnId[];
  excludes?: readonly ColumnId[];
  tables: readonly TableId[];
}

const EXPENDITURE_TABLES = CLASSIFICATION_TABLES.filter((t) => t !== "income");

const EXPENDITURE_IDENTITIES: readonly ColumnIdentity[] = [
  {
    total: "total",
    // Every printed column takes part: Jiangsu's 单位预留机动经费 and 结转下年资金 too.
    parts: ["basic", "project", "upper", "operating", "subsidiary", "reserve", "carryover_next"],
    requires: ["basic", "project"],
    what: "基本支出、项目支出等各列之和",
    tables: EXPENDITURE_TABLES,
  },
  {
    total: "basic",
    parts: ["personnel", "public"],
    what: "人员经费与公用经费之和",
    tables: EXPENDITURE_TABLES,
  },
  {
    total: "total",
    parts: ["personnel", "public", "project"],
    requires: ["personnel", "public"],
    excludes: ["basic"],
    what: "人员经费、公用经费（及项目支出）之和",
    tables: EXPENDITURE_TABLES,
  },
];

const INCOME_IDENTITIES: readonly ColumnIdentity[] = [
  {
    total: "total",
    parts: ["fiscal", ...OTHER_INCOME_SOURCES],
    requires: ["fiscal"],
    what: "各项收入之和",
    tables: ["income"],
  },
  {
    total: "total",
    parts: [...FUNDS, ...OTHER_INCOME_SOURCES],
    excludes: ["fiscal"],
    what: "各项收入之和",
    tables: ["income"],
  },
  {
    total: "fiscal",
    parts: FUNDS,
    what: "一般公共预算、政府性基金预算、国有资本经营预算拨款之和",
    tables: ["income"],
  },
];

const FUND_IDENTITIES: readonly ColumnIdentity[] = [
  {
    total: "total",
    parts: FUNDS,
    excludes: ["basic", "fiscal_special"],
    what: "一般公共预算、政府性基金预算、国有资本经营预算之和",
    tables: ["fiscal_summary"],
  },
  {
    total: "total",
    parts: [...FUNDS, ...OTHER_INCOME_SOURCES],
    excludes: ["basic"],
    what: "各资金来源之和",
    tables: ["projects"],
  },
];

function hasCol(table: Table, id: string): boolean {
  return table.columns.some((c) => c.id === id);
}

function* columnIdentities(
  ctx: RuleContext,
  identities: readonly ColumnIdentity[],
): Iterable<RawFinding> {
  for (const id of new Set(identities.flatMap((i) => i.tables))) {
    for (const table of tablesOf(ctx.doc, id)) {
      if (table.empty || !trustworthy(ctx.doc, table)) continue;
      for (const ident of identities) {
        if (!ident.tables.includes(id)) continue;
        if (!hasCol(table, ident.total)) continue;
        if (ident.requires?.some((c) => !hasCol(table, c))) continue;
        if (ident.excludes?.some((c) => hasCol(table, c))) continue;
        const cols = ident.parts.filter((c) => hasCol(table, c));
        // One part alone would equate two columns; that says more about the header than the sums.
        if (cols.length < 2) continue;
        for (const row of table.rows) {
          const actual = ref(table, row, ident.total);
          if (!actual) continue;
          // A blank part is 0: a row whose money is all in one column still
          // has its total equal to that column (the table prints the others).
          const parts = present(cols.map((c) => ref(table, row, c)));
          if (parts.length === 0) continue;
          const f = compare({
            doc: ctx.doc,
            actual,
            expected: parts,
            say: (a, e, g) => `${cellLabel(actual)} ${a}，不等于同行${ident.what} ${e}，相差 ${g}`,
          });
          if (f) yield f;
        }
      }
    }
  }
}

export const classificationRules: Rule[] = [
  {
    id: "arith/function-subtotals",
    family: "arith",
    severity: "error",
    title: "功能分类类、款等于下级科目之和",
    description:
      "按支出功能分类列示的表格（收入表、支出表、一般公共预算支出表、基本支出功能分类表、政府性基金和国有资本经营预算支出表）中，每个“类”的金额应等于其下各“款”之和，每个“款”应等于其下各“项”之和，逐列核对。只在表中印有下级科目时核对；差额在四舍五入范围内的列为尾差提示。",
    basis:
      "恒等式（支出功能分类表）：类 = Σ所属款，款 = Σ所属项（财政部《政府收支分类科目》的类、款、项层级）。",
    confirmation: "identity",
    check: (ctx) => subtotals(ctx, "func"),
  },
  {
    id: "arith/economic-subtotals",
    family: "arith",
    severity: "error",
    title: "经济分类类等于各款之和",
    description:
      "按支出经济分类列示的表格（一般公共预算支出经济分类表、基本支出表、项目支出经济分类表）中，每个经济分类“类”（301 工资福利支出、302 商品和服务支出……）的金额应等于其下各“款”（30101、30102……）之和，逐列核对。",
    basis:
      "恒等式（支出经济分类表）：类 = Σ所属款（财政部《政府收支分类科目》的部门预算支出经济分类层级）。",
    confirmation: "identity",
    check: (ctx) => subtotals(ctx, "econ"),
  },
  {
    id: "arith/total-row",
    family: "arith",
    severity: "error",
    title: "合计行等于各类之和",
    description:
      "分类表格的“合计”行，每一列都应等于表中各“类”（表中未印类级时为最高级次科目）之和。",
    basis: "恒等式：分类表“合计”行 = Σ各类。",
    confirmation: "identity",
    check: totalRow,
  },
  {
    id: "arith/expenditure-columns",
    family: "arith",
    severity: "error",
    title: "支出合计等于基本支出与项目支出之和",
    description:
      "支出表格逐行核对：合计 = 基本支出 + 项目支出（决算支出表还包括上缴上级支出、经营支出、对附属单位补助支出）；基本支出 = 人员经费 + 公用经费；未单列基本支出的表，合计 = 人员经费 + 公用经费（+ 项目支出）。",
    basis:
      "恒等式：每行“合计” = 基本支出 + 项目支出（+ 上缴上级、对附属单位补助等各列）；《中华人民共和国预算法实施条例》（国务院令第729号）第六条要求基本支出和项目支出分列公开。",
    confirmation: "identity",
    check: (ctx) => columnIdentities(ctx, EXPENDITURE_IDENTITIES),
  },
  {
    id: "arith/income-columns",
    family: "arith",
    severity: "error",
    title: "收入合计等于各项收入之和",
    description:
      "收入总表（收入决算表）逐行核对：合计 = 财政拨款（或一般公共预算、政府性基金预算、国有资本经营预算拨款）+ 财政专户管理资金 + 事业收入 + 经营收入 + 上级补助收入 + 附属单位上缴收入 + 其他收入（+ 上年结转，预算表样列示时）；财政拨款 = 三项预算拨款之和。",
    basis: "恒等式（收入总表）：每行“合计” = 各收入来源列之和。",
    confirmation: "identity",
    check: (ctx) => columnIdentities(ctx, INCOME_IDENTITIES),
  },
  {
    id: "arith/fund-columns",
    family: "arith",
    severity: "error",
    title: "合计等于各资金来源之和",
    description:
      "按资金来源分列的表格逐行核对：财政拨款收支总表每个支出科目的合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算；项目支出表每个项目的合计 = 各资金来源之和。",
    basis: "恒等式（财政拨款支出表）：“合计” = 一般公共预算 + 政府性基金预算 + 国有资本经营预算。",
    confirmation: "identity",
    check: (ctx) => columnIdentities(ctx, FUND_IDENTITIES),
  },
];
