/**
 * Sums of the two line-keyed blocks: the 三公 table (合计 = 出国 + 用车 + 接待,
 * 用车 = 购置 + 运行, 接待 = 国内 + 国（境）外) and the 公开06-style basic-expenditure table, where
 * 人员经费合计 and 公用经费合计 close blocks of economic 类.
 */
import type { Row, Table } from "../../../model/schema.ts";
import type { RawFinding, Rule, RuleContext } from "../../types.ts";
import { codeRows, tablesOf } from "../../view.ts";
import { cellLabel, compare, line, present, ref, rowLabel, trustworthy } from "./common.ts";

function* sumInColumns(
  ctx: RuleContext,
  table: Table,
  total: Row | undefined,
  parts: readonly (Row | undefined)[],
  what: string,
): Iterable<RawFinding> {
  if (!total) return;
  const rows = parts.filter((r): r is Row => r !== undefined);
  if (rows.length < 2) return;
  for (const col of Object.keys(total.cells)) {
    const actual = ref(table, total, col);
    if (!actual) continue;
    const refs = present(rows.map((r) => ref(table, r, col)));
    if (refs.length < 2) continue;
    const f = compare({
      doc: ctx.doc,
      actual,
      expected: refs,
      say: (a, e, g) => `${cellLabel(actual)} ${a}，不等于${what} ${e}，相差 ${g}`,
    });
    if (f) yield f;
  }
}

function* threePublic(ctx: RuleContext): Iterable<RawFinding> {
  for (const table of tablesOf(ctx.doc, "three_public")) {
    if (table.empty || !trustworthy(ctx.doc, table)) continue;
    const get = (k: string) => line(table, `three_public.${k}`);
    const vehicle = get("vehicle");
    const vehicleParts = [get("vehicle_purchase"), get("vehicle_operation")];
    yield* sumInColumns(
      ctx,
      table,
      get("total"),
      [get("abroad"), ...(vehicle ? [vehicle] : vehicleParts), get("reception")],
      "因公出国（境）费、公务用车购置及运行费、公务接待费之和",
    );
    yield* sumInColumns(ctx, table, vehicle, vehicleParts, "公务用车购置费与运行费之和");
    yield* subLines(ctx, table, get("reception"), [
      get("reception_domestic"),
      get("reception_foreign"),
    ]);
  }
}

/**
 * 公务接待费 = 国内接待费 + 国（境）外接待费, in each column where a sub-line
 * prints a figure: a 决算 table leaves both "—" under 预算数 (the budget is
 * not split), and one sub-line alone may carry the whole.
 */
function* subLines(
  ctx: RuleContext,
  table: Table,
  total: Row | undefined,
  parts: readonly (Row | undefined)[],
): Iterable<RawFinding> {
  if (!total || parts.some((p) => p === undefined)) return;
  const rows = parts as Row[];
  for (const col of Object.keys(total.cells)) {
    const actual = ref(table, total, col);
    if (!actual || total.cells[col]?.amount === null) continue;
    if (!rows.some((r) => (r.cells[col]?.amount ?? null) !== null)) continue;
    const refs = rows.map((r) => ({ table, row: r, column: col }));
    const f = compare({
      doc: ctx.doc,
      actual,
      expected: refs,
      say: (a, e, g) =>
        `${cellLabel(actual)} ${a}，不等于国内接待费与国（境）外接待费之和 ${e}，相差 ${g}`,
    });
    if (f) yield f;
  }
}

/** 类 that make up 人员经费 in the 公开06 layout; every other 类 is 公用经费. */
const PERSONNEL_CLASSES = new Set(["301", "303"]);

function* basicBlocks(ctx: RuleContext): Iterable<RawFinding> {
  for (const id of ["gpb_basic_economic", "gpb_economic"] as const) {
    for (const table of tablesOf(ctx.doc, id)) {
      if (table.empty || !trustworthy(ctx.doc, table)) continue;
      const classes = codeRows(table, 1).filter((r) => r.keyKind === "econ_dept");
      if (classes.length === 0) continue;
      const personnel = classes.filter((r) => PERSONNEL_CLASSES.has(r.key));
      const pub = classes.filter((r) => !PERSONNEL_CLASSES.has(r.key));
      const names = (rows: Row[]) => rows.map(rowLabel).join("、");
      for (const [key, rows] of [
        ["personnel_total", personnel],
        ["public_total", pub],
      ] as const) {
        const total = line(table, key);
        if (!total || rows.length === 0) continue;
        for (const col of Object.keys(total.cells)) {
          const actual = ref(table, total, col);
          const refs = present(rows.map((r) => ref(table, r, col)));
          if (!actual || refs.length === 0) continue;
          const f = compare({
            doc: ctx.doc,
            actual,
            expected: refs,
            say: (a, e, g) =>
              `${cellLabel(actual)} ${a}，不等于 ${names(rows)}之和 ${e}，相差 ${g}`,
          });
          if (f) yield f;
        }
      }
    }
  }
}

/**
 * The column layout of the same split: the 合计 row's 人员经费 equals the 301
 * and 303 lines, its 公用经费 the other 类. Some templates (陕西) count 福利费
 * or 其他交通费用 as 人员经费, hence strict only.
 */
function* personnelColumns(ctx: RuleContext): Iterable<RawFinding> {
  // Only a basic-expenditure table: elsewhere a 项目支出 column takes its share of each 类.
  for (const table of tablesOf(ctx.doc, "gpb_basic_economic")) {
    if (table.empty || !trustworthy(ctx.doc, table)) continue;
    if (table.columns.some((c) => c.id === "project")) continue;
    const total = line(table, "total");
    const classes = codeRows(table, 1).filter((r) => r.keyKind === "econ_dept");
    if (!total || classes.length === 0) continue;
    const personnel = classes.filter((r) => PERSONNEL_CLASSES.has(r.key));
    const pub = classes.filter((r) => !PERSONNEL_CLASSES.has(r.key));
    for (const [col, rows] of [
      ["personnel", personnel],
      ["public", pub],
    ] as const) {
      const actual = ref(table, total, col);
      const refs = present(rows.map((r) => ref(table, r, "total")));
      if (!actual || refs.length === 0) continue;
      const f = compare({
        doc: ctx.doc,
        actual,
        expected: refs,
        say: (a, e, g) =>
          `${cellLabel(actual)} ${a}，不等于 ${rows.map(rowLabel).join("、")}的合计之和 ${e}，相差 ${g}`,
      });
      if (f) yield f;
    }
  }
}

/** A line that opens a part of its own: "一、货物", "二、工程", "三、服务". */
const ORDINAL_LINE_RE = /^\s*[一二三四五六七八九十]{1,3}\s*[、.．]/u;

/**
 * 政府采购表 printed as parts (一、货物 / 二、工程 / 三、服务) with their items
 * under each: the 合计 is the sum of the parts, in every column.
 */
function* procurementParts(ctx: RuleContext): Iterable<RawFinding> {
  for (const table of tablesOf(ctx.doc, "procurement")) {
    if (table.empty || !trustworthy(ctx.doc, table)) continue;
    const total = line(table, "total");
    const parts = table.rows.filter((r) => r !== total && ORDINAL_LINE_RE.test(r.name));
    if (!total || parts.length === 0) continue;
    for (const col of Object.keys(total.cells)) {
      const actual = ref(table, total, col);
      if (!actual) continue;
      const refs = present(parts.map((r) => ref(table, r, col)));
      if (refs.length === 0) continue;
      const f = compare({
        doc: ctx.doc,
        actual,
        expected: refs,
        say: (a, e, g) =>
          `${cellLabel(actual)} ${a}，不等于${parts.map((r) => rowLabel(r)).join("、")}之和 ${e}，相差 ${g}`,
      });
      if (f) yield f;
    }
  }
}

export const blockRules: Rule[] = [
  {
    id: "arith/procurement-parts",
    family: "arith",
    severity: "error",
    title: "政府采购合计等于货物、工程、服务之和",
    description:
      "按“一、货物　二、工程　三、服务”分部分列示的政府采购表，合计行每一列都应等于各部分之和（各部分下的明细不重复计入）。",
    basis:
      "恒等式：政府采购合计 = 货物 + 工程 + 服务；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开政府采购（货物、工程、服务）金额。",
    confirmation: "identity",
    check: procurementParts,
  },
  {
    id: "arith/three-public-sum",
    family: "arith",
    severity: "error",
    title: "“三公”经费合计等于各分项之和",
    description:
      "“三公”经费支出表每一列（预算数、决算数、上年数）都应满足：合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费。空白视为 0。",
    basis:
      "恒等式：“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费，公务用车购置及运行费 = 购置费 + 运行费；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求“三公”经费按此细化公开。",
    confirmation: "identity",
    check: threePublic,
  },
  {
    id: "arith/basic-blocks",
    family: "arith",
    severity: "warning",
    title: "人员经费合计、公用经费合计等于所属经济分类类之和",
    description:
      "按人员经费、公用经费分块列示的基本支出表（公开06表样式）中，人员经费合计应等于 301 工资福利支出与 303 对个人和家庭的补助之和，公用经费合计应等于其余各经济分类类（302 商品和服务支出、310 资本性支出等）之和。307、399 等类的归属各地表样不尽相同，故列为警告。",
    basis:
      "恒等式（基本支出经济分类表）：人员经费合计 = 工资福利支出 + 对个人和家庭的补助；公用经费合计 = 其余各类（部门预决算名词解释的口径，各地对个别类的归属不一）。",
    confirmation: "unconfirmed",
    check: basicBlocks,
  },
  {
    id: "arith/personnel-columns",
    family: "arith",
    severity: "warning",
    title: "人员经费列等于 301、303 类之和",
    description:
      "人员经费、公用经费分列的基本支出表中，合计行的人员经费应等于 301 工资福利支出与 303 对个人和家庭的补助的合计之和，公用经费应等于其余各类之和。部分地方表样把福利费、其他交通费用等列为人员经费，故只在 strict 预设下核对。",
    basis: "恒等式（功能分类表）：基本支出 = 人员经费 + 公用经费（部门预决算名词解释的口径）。",
    confirmation: "unconfirmed",
    strictOnly: true,
    check: personnelColumns,
  },
];
