/**
 * The 一般公共预算 detail tables against each other: the functional table's
 * 基本/人员/公用/项目 columns against the economic tables, the 三公 lines
 * against the economic lines that carry them, and the projects table against
 * the 项目支出 column.
 */
import type { Disclosure, Table } from "../../../model/schema.ts";
import type { RawFinding, Rule, RuleContext } from "../../types.ts";
import { codeRows, tablesOf } from "../../view.ts";
import { line, present, type Ref, ref, trustworthy, usableTable } from "../arith/common.ts";
import { mismatch, totalCell } from "./common.ts";

/** A figure of a table as the cells that add up to it (one cell, or a block's parts). */
type Figure = Ref[];

/** The economic 类 rows of a one-column table (their sum is the table's total). */
function classSum(table: Table): Figure {
  return present(
    codeRows(table, 1)
      .filter((r) => r.keyKind === "econ_dept")
      .map((r) => ref(table, r, "amount")),
  );
}

/** A column of the 合计 row, or, in the 公开06 block layout, the block totals. */
function economicFigure(table: Table, column: "total" | "personnel" | "public"): Figure {
  const cell = totalCell(table, column);
  if (cell) return [cell];
  const block = (key: string) => ref(table, line(table, key), "amount");
  if (column === "personnel") return present([block("personnel_total")]);
  if (column === "public") return present([block("public_total")]);
  const blocks = present([block("personnel_total"), block("public_total")]);
  return blocks.length === 2 ? blocks : classSum(table);
}

/** 基本支出 of the functional table: its column, or 人员经费 + 公用经费 where it has none. */
function functionalBasic(table: Table): Figure {
  const basic = totalCell(table, "basic");
  if (basic) return [basic];
  const parts = present([totalCell(table, "personnel"), totalCell(table, "public")]);
  return parts.length === 2 ? parts : [];
}

function one(r: Ref | undefined): Figure {
  return r ? [r] : [];
}

function* functionVsEconomic({ doc }: RuleContext): Iterable<RawFinding> {
  const fn = usableTable(doc, "gpb_function");
  if (!fn || fn.empty) return;
  const checks: [Figure, Figure][] = [];
  const basicEcon = usableTable(doc, "gpb_basic_economic");
  if (basicEcon && !basicEcon.empty) {
    checks.push([functionalBasic(fn), economicFigure(basicEcon, "total")]);
    for (const col of ["personnel", "public"] as const) {
      checks.push([one(totalCell(fn, col)), economicFigure(basicEcon, col)]);
    }
  }
  const basicFn = usableTable(doc, "gpb_basic_function");
  if (basicFn && !basicFn.empty) {
    checks.push([functionalBasic(fn), one(totalCell(basicFn, "total"))]);
    for (const col of ["personnel", "public"] as const) {
      checks.push([one(totalCell(fn, col)), one(totalCell(basicFn, col))]);
    }
  }
  const econ = usableTable(doc, "gpb_economic");
  if (econ && !econ.empty) {
    for (const col of ["total", "personnel", "public", "project"] as const) {
      checks.push([one(totalCell(fn, col)), one(totalCell(econ, col))]);
    }
  }
  const project = usableTable(doc, "gpb_project_economic");
  if (project && !project.empty) checks.push([one(totalCell(fn, "project")), classSum(project)]);
  for (const [a, b] of checks) {
    if (a.length === 0 || b.length === 0) continue;
    const f = mismatch(doc, a.length === 1 && a[0] ? a[0] : a, b);
    if (f) yield f;
  }
}

/** The economic lines that carry each 三公 line. */
const THREE_PUBLIC_LINES = [
  { line: "abroad", codes: ["30212"] },
  { line: "reception", codes: ["30217"] },
  { line: "vehicle_operation", codes: ["30231"] },
  { line: "vehicle_purchase", codes: ["31013", "30913"] },
] as const;

/** The 三公 table and the column of this document's period (预算数 or 决算数). */
function threePublic(doc: Disclosure): { table: Table; column: string } | undefined {
  const column = doc.kind === "final" ? "final" : "budget";
  for (const table of tablesOf(doc, "three_public")) {
    if (table.empty || !trustworthy(doc, table)) continue;
    if (table.columns.some((c) => c.id === column)) return { table, column };
    if (table.columns.length === 1 && table.columns[0]?.id === "amount") {
      return { table, column: "amount" };
    }
  }
  return undefined;
}

/** An economic line's cell: the 合计 column, or the single amount column. */
function economicCell(table: Table | undefined, code: string): Ref | undefined {
  const row = line(table, code);
  return ref(table, row, "total") ?? ref(table, row, "amount");
}

function* threePublicBound({ doc }: RuleContext): Iterable<RawFinding> {
  const tp = threePublic(doc);
  if (!tp) return;
  for (const id of ["gpb_basic_economic", "gpb_project_economic", "gpb_economic"] as const) {
    const econ = usableTable(doc, id);
    if (!econ || econ.empty) continue;
    for (const item of THREE_PUBLIC_LINES) {
      const bound = ref(tp.table, line(tp.table, `three_public.${item.line}`), tp.column);
      const cells = present(item.codes.map((c) => economicCell(econ, c)));
      if (!bound || cells.length === 0) continue;
      const f = mismatch(doc, cells.length === 1 && cells[0] ? cells[0] : cells, [bound], {
        relation: "le",
      });
      if (f) yield f;
    }
  }
}

function* threePublicSum({ doc }: RuleContext): Iterable<RawFinding> {
  const tp = threePublic(doc);
  if (!tp) return;
  const basic = usableTable(doc, "gpb_basic_economic");
  const project = usableTable(doc, "gpb_project_economic");
  const whole = usableTable(doc, "gpb_economic");
  // Only where every 一般公共预算 yuan is itemised by economic line: basic + project, or the whole.
  const sources = whole && !whole.empty ? [whole] : basic && project ? [basic, project] : [];
  if (sources.length === 0) return;
  for (const item of THREE_PUBLIC_LINES) {
    const target = ref(tp.table, line(tp.table, `three_public.${item.line}`), tp.column);
    if (!target) continue;
    const cells = present(sources.flatMap((t) => item.codes.map((c) => economicCell(t, c))));
    const f = mismatch(doc, target, cells, { fallback: "经济分类表（未列对应科目）" });
    if (f) yield f;
  }
}

function* projectsVsExpenditure({ doc }: RuleContext): Iterable<RawFinding> {
  const projects = usableTable(doc, "projects");
  if (!projects || projects.empty) return;
  const total = totalCell(projects, "total") ?? totalCell(projects, "amount");
  if (!total) return;
  const exp = usableTable(doc, "expenditure");
  const fn = usableTable(doc, "gpb_function");
  const projectCols = present([totalCell(exp, "project"), totalCell(fn, "project")]);
  if (projectCols.length === 0) return;
  // Some templates (湖北) list basic-expenditure items as projects too: the whole total then matches.
  const wholes = present([totalCell(exp, "total"), totalCell(fn, "total")]);
  const findings = [...projectCols, ...wholes].map((c) => mismatch(doc, total, [c]));
  if (findings.some((f) => f === undefined)) return;
  const first = findings[0];
  if (first) yield first;
}

export const detailXtabRules: Rule[] = [
  {
    id: "xtab/function-vs-economic",
    family: "xtab",
    severity: "error",
    title: "一般公共预算功能分类表与经济分类表一致",
    description:
      "一般公共预算支出表（按功能分类）合计行的基本支出、人员经费、公用经费，应分别等于基本支出表（按经济分类）的合计、人员经费合计、公用经费合计，以及基本支出功能分类表的对应合计；项目支出等于项目支出经济分类表各类之和；一般公共预算支出经济分类表的合计、人员经费、公用经费、项目支出等于功能分类表的对应列。",
    basis:
      "表间恒等式：同一笔一般公共预算支出按功能分类和按经济分类列示，合计、基本支出、人员经费、公用经费、项目支出分别相等。",
    confirmation: "identity",
    check: functionVsEconomic,
  },
  {
    id: "xtab/three-public-bound",
    family: "xtab",
    severity: "warning",
    title: "经济分类中的“三公”科目不超过“三公”经费表",
    description:
      "基本支出表（及项目支出、一般公共预算经济分类表）中 30212 因公出国（境）费用、30217 公务接待费、30231 公务用车运行维护费、31013 公务用车购置，不应大于“三公”经费表对应的预算数（决算数）。只核对“部分 ≤ 整体”，不要求相等，因为“三公”经费可能同时在基本支出和项目支出中列支。",
    basis:
      "表间不等式：“三公”经费各项 ≤ 经济分类表中对应科目（因公出国（境）费 ≤ 30211，公务接待费 ≤ 30217，公务用车运行 ≤ 30231，购置 ≤ 31013）；财政部《地方预决算公开操作规程》（财预〔2016〕143号）。",
    confirmation: "practice",
    check: threePublicBound,
  },
  {
    id: "xtab/three-public-economic-sum",
    family: "xtab",
    severity: "warning",
    title: "“三公”经费等于经济分类对应科目之和",
    description:
      "同时公开基本支出和项目支出的经济分类明细（或一般公共预算支出经济分类表）时，“三公”经费表各分项应等于经济分类中对应科目（30212、30217、30231、31013）的基本支出与项目支出之和。决算“三公”表口径为财政拨款（含政府性基金），与一般公共预算经济分类口径可能不同，故列为警告。",
    basis:
      "表间对应（推导）：经济分类科目因公出国（境）费、公务接待费、公务用车运行维护费、公务用车购置与“三公”分项一一对应，各地口径不一，故只作提示。",
    confirmation: "unconfirmed",
    check: threePublicSum,
  },
  {
    id: "xtab/projects-vs-expenditure",
    family: "xtab",
    severity: "warning",
    title: "项目支出表合计与项目支出一致",
    description:
      "项目支出表（专项业务经费支出表）的合计应等于支出总表或一般公共预算支出表的项目支出；部分地方表样把基本支出事项也列为项目，此时等于支出合计也视为一致。",
    basis: "表间对应（推导）：项目支出表为支出表中项目支出的明细，各地口径不一，故只作提示。",
    confirmation: "unconfirmed",
    kinds: ["budget"],
    check: projectsVsExpenditure,
  },
];
