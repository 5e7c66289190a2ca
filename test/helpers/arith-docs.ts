/**
 * Complete, consistent documents for the arith and xtab rule tests: a budget
 * (the 8 standard tables, 三公, projects) and a final-accounts set (公开01–09
 * style). A test breaks one identity with `edit` and expects exactly the rule
 * that guards it to speak.
 */
import { COLUMN_LABELS } from "../../src/model/labels.ts";
import type { Disclosure, Kind, MoneyUnit, TableId } from "../../src/model/schema.ts";
import { disclosure, type RowSpec, table } from "./disclosure.ts";

export interface TableSpec {
  id: TableId;
  title: string;
  columns: string[];
  rows: RowSpec[];
  unit?: MoneyUnit;
}

/** [table id, row key, column, new printed text] */
export type Edit = [TableId, string, string, string];

function fn(total: string, basic: string, personnel: string, pub: string, project: string) {
  return { total, basic, personnel, public: pub, project };
}

/** 一般公共预算支出表 rows (功能分类, 合计/基本/人员/公用/项目). */
const GPB_FUNCTION_ROWS: RowSpec[] = [
  ["total", "合计", fn("100.00", "80.00", "70.00", "10.00", "20.00")],
  ["208", "社会保障和就业支出", fn("12.00", "12.00", "12.00", "0.00", "0.00")],
  ["20805", "行政事业单位养老支出", fn("12.00", "12.00", "12.00", "0.00", "0.00")],
  ["2080505", "机关事业单位基本养老保险缴费支出", fn("8.00", "8.00", "8.00", "0.00", "0.00")],
  ["2080506", "机关事业单位职业年金缴费支出", fn("4.00", "4.00", "4.00", "0.00", "0.00")],
  ["210", "卫生健康支出", fn("80.00", "60.00", "50.00", "10.00", "20.00")],
  ["21011", "行政事业单位医疗", fn("5.00", "5.00", "5.00", "0.00", "0.00")],
  ["2101101", "行政单位医疗", fn("5.00", "5.00", "5.00", "0.00", "0.00")],
  ["21015", "医疗保障管理事务", fn("75.00", "55.00", "45.00", "10.00", "20.00")],
  ["2101501", "行政运行", fn("55.00", "55.00", "45.00", "10.00", "0.00")],
  ["2101504", "信息化建设", fn("20.00", "0.00", "0.00", "0.00", "20.00")],
  ["221", "住房保障支出", fn("8.00", "8.00", "8.00", "0.00", "0.00")],
  ["22102", "住房改革支出", fn("8.00", "8.00", "8.00", "0.00", "0.00")],
  ["2210201", "住房公积金", fn("8.00", "8.00", "8.00", "0.00", "0.00")],
];

function pick(rows: RowSpec[], cols: string[], rename: Record<string, string> = {}): RowSpec[] {
  return rows.map(([k, n, cells]) => [
    k,
    n,
    Object.fromEntries(cols.map((c) => [rename[c] ?? c, cells[c] ?? ""])),
  ]);
}

const LINES = (entries: [string, string, string][]): RowSpec[] =>
  entries.map(([k, n, v]) => [k, n, { amount: v }]);

const FUNCTION_LINES: [string, string, string][] = [
  ["expenditure.function.201", "一般公共服务支出", ""],
  ["expenditure.function.208", "社会保障和就业支出", "12.00"],
  ["expenditure.function.210", "卫生健康支出", "80.00"],
  ["expenditure.function.221", "住房保障支出", "8.00"],
];

/** 基本支出经济分类: code, name, amount, 人员 or 公用. */
const BASIC_ECONOMIC: [string, string, string, "personnel" | "public"][] = [
  ["301", "工资福利支出", "60.00", "personnel"],
  ["30101", "基本工资", "30.00", "personnel"],
  ["30102", "津贴补贴", "20.00", "personnel"],
  ["30108", "机关事业单位基本养老保险缴费", "10.00", "personnel"],
  ["302", "商品和服务支出", "10.00", "public"],
  ["30201", "办公费", "6.00", "public"],
  ["30217", "公务接待费", "1.00", "public"],
  ["30231", "公务用车运行维护费", "3.00", "public"],
  ["303", "对个人和家庭的补助", "10.00", "personnel"],
  ["30307", "医疗费补助", "10.00", "personnel"],
];

export function budgetSpecs(): TableSpec[] {
  const expRows = pick(GPB_FUNCTION_ROWS, ["total", "basic", "project"]);
  return [
    {
      id: "summary",
      title: "收支总表",
      columns: ["amount"],
      rows: LINES([
        ["income.gpb", "一、一般公共预算拨款收入", "100.00"],
        ["income.gov_fund", "二、政府性基金预算拨款收入", "0.00"],
        ["income.state_capital", "三、国有资本经营预算拨款收入", "0.00"],
        ["income.business", "四、事业收入", "0.00"],
        ["income.other", "五、其他收入", "0.00"],
        ...FUNCTION_LINES,
        ["income.total", "本年收入合计", "100.00"],
        ["expenditure.total", "本年支出合计", "100.00"],
        ["income.carryover", "上年结转", "0.00"],
        ["expenditure.carryover", "结转下年", "0.00"],
        ["income.grand_total", "收入总计", "100.00"],
        ["expenditure.grand_total", "支出总计", "100.00"],
      ]),
    },
    {
      id: "income",
      title: "收入总表",
      columns: ["total", "gpb", "gov_fund", "business", "other"],
      rows: GPB_FUNCTION_ROWS.map(([k, n, c]) => [
        k,
        n,
        { total: c.total ?? "", gpb: c.total ?? "", gov_fund: "", business: "", other: "" },
      ]),
    },
    { id: "expenditure", title: "支出总表", columns: ["total", "basic", "project"], rows: expRows },
    {
      id: "fiscal_summary",
      title: "财政拨款收支总表",
      columns: ["amount"],
      rows: LINES([
        ["income.total", "一、本年收入", "100.00"],
        ["expenditure.total", "一、本年支出", "100.00"],
        ["income.gpb", "（一）一般公共预算拨款", "100.00"],
        ["income.gov_fund", "（二）政府性基金预算拨款", ""],
        ["income.state_capital", "（三）国有资本经营预算拨款", ""],
        ...FUNCTION_LINES,
        ["income.carryover", "二、上年结转", ""],
        ["expenditure.carryover", "二、年终结转结余", ""],
        ["income.grand_total", "收入总计", "100.00"],
        ["expenditure.grand_total", "支出总计", "100.00"],
      ]),
    },
    {
      id: "gpb_function",
      title: "一般公共预算支出表",
      columns: ["total", "basic", "personnel", "public", "project"],
      rows: GPB_FUNCTION_ROWS,
    },
    {
      id: "gpb_basic_economic",
      title: "一般公共预算基本支出表",
      columns: ["total", "personnel", "public"],
      rows: [
        ["total", "合计", { total: "80.00", personnel: "70.00", public: "10.00" }],
        ...BASIC_ECONOMIC.map(
          ([k, n, v, side]): RowSpec => [
            k,
            n,
            {
              total: v,
              personnel: side === "personnel" ? v : "0.00",
              public: side === "public" ? v : "0.00",
            },
          ],
        ),
      ],
    },
    {
      id: "three_public",
      title: "一般公共预算“三公”经费支出表",
      columns: ["budget"],
      rows: [
        ["three_public.total", "合计", { budget: "4.00" }],
        ["three_public.abroad", "因公出国（境）费", { budget: "0.00" }],
        ["three_public.vehicle", "公务用车购置及运行费", { budget: "3.00" }],
        ["three_public.vehicle_purchase", "其中：公务用车购置费", { budget: "0.00" }],
        ["three_public.vehicle_operation", "公务用车运行费", { budget: "3.00" }],
        ["three_public.reception", "公务接待费", { budget: "1.00" }],
      ],
    },
    {
      id: "gov_fund",
      title: "政府性基金预算支出表",
      columns: ["total", "basic", "project"],
      rows: [],
    },
    {
      id: "state_capital",
      title: "国有资本经营预算支出表",
      columns: ["total", "basic", "project"],
      rows: [],
    },
    {
      id: "projects",
      title: "项目支出表",
      columns: ["total", "gpb", "gov_fund"],
      rows: [
        ["total", "合计", { total: "20.00", gpb: "20.00", gov_fund: "0.00" }],
        [
          "医保信息系统运维",
          "医保信息系统运维",
          { total: "20.00", gpb: "20.00", gov_fund: "0.00" },
        ],
      ],
    },
  ];
}

export function finalSpecs(): TableSpec[] {
  const income95 = (v: string | undefined) =>
    v === "80.00" ? "75.00" : v === "100.00" ? "95.00" : v;
  // The income table of a final set reports this year's 95.00: 卫生健康 75.00 (行政运行 50.00).
  const incomeRows: RowSpec[] = GPB_FUNCTION_ROWS.map(([k, n, c]) => {
    let t = k === "21015" ? "70.00" : k === "2101501" ? "50.00" : (income95(c.total) ?? "");
    if (k === "210") t = "75.00";
    return [k, n, { total: t, fiscal: t, business: "", other: "" }];
  });
  const byFund = (v: string) => ({ total: v, gpb: v, gov_fund: "", state_capital: "" });
  return [
    {
      id: "summary",
      title: "收入支出决算总表",
      columns: ["amount"],
      rows: LINES([
        ["income.gpb", "一、一般公共预算财政拨款收入", "95.00"],
        ["income.gov_fund", "二、政府性基金预算财政拨款收入", "0.00"],
        ["income.superior", "四、上级补助收入", "0.00"],
        ["income.business", "五、事业收入", "0.00"],
        ...FUNCTION_LINES,
        ["income.total", "本年收入合计", "95.00"],
        ["expenditure.total", "本年支出合计", "100.00"],
        ["income.reserve", "使用非财政拨款结余", "0.00"],
        ["expenditure.distribution", "结余分配", "0.00"],
        ["income.carryover", "年初结转和结余", "5.00"],
        ["expenditure.carryover", "年末结转和结余", "0.00"],
        ["income.grand_total", "总计", "100.00"],
        ["expenditure.grand_total", "总计", "100.00"],
      ]),
    },
    {
      id: "income",
      title: "收入决算表",
      columns: ["total", "fiscal", "business", "other"],
      rows: incomeRows,
    },
    {
      id: "expenditure",
      title: "支出决算表",
      columns: ["total", "basic", "project", "upper", "operating", "subsidiary"],
      rows: pick(GPB_FUNCTION_ROWS, [
        "total",
        "basic",
        "project",
        "upper",
        "operating",
        "subsidiary",
      ]),
    },
    {
      id: "fiscal_summary",
      title: "财政拨款收入支出决算总表",
      columns: ["amount", "total", "gpb", "gov_fund", "state_capital"],
      rows: [
        ["income.gpb", "一、一般公共预算财政拨款", { amount: "95.00" }],
        ["income.gov_fund", "二、政府性基金预算财政拨款", { amount: "" }],
        ["income.state_capital", "三、国有资本经营预算财政拨款", { amount: "" }],
        ["expenditure.function.208", "社会保障和就业支出", byFund("12.00")],
        ["expenditure.function.210", "卫生健康支出", byFund("80.00")],
        ["expenditure.function.221", "住房保障支出", byFund("8.00")],
        ["income.total", "本年收入合计", { amount: "95.00" }],
        ["expenditure.total", "本年支出合计", byFund("100.00")],
        ["income.carryover", "年初财政拨款结转和结余", { amount: "5.00" }],
        ["expenditure.carryover", "年末财政拨款结转和结余", byFund("")],
        ["income.carryover.gpb", "一般公共预算财政拨款", { amount: "5.00" }],
        ["income.grand_total", "总计", { amount: "100.00" }],
        ["expenditure.grand_total", "总计", byFund("100.00")],
      ],
    },
    {
      id: "gpb_function",
      title: "一般公共预算财政拨款支出决算表",
      columns: ["total", "basic", "personnel", "public", "project"],
      rows: GPB_FUNCTION_ROWS,
    },
    {
      id: "gpb_basic_economic",
      title: "一般公共预算财政拨款基本支出决算表",
      columns: ["amount"],
      rows: [
        ...BASIC_ECONOMIC.map(([k, n, v]): RowSpec => [k, n, { amount: v }]),
        ["personnel_total", "人员经费合计", { amount: "70.00" }],
        ["public_total", "公用经费合计", { amount: "10.00" }],
      ],
    },
    {
      id: "gpb_project_economic",
      title: "一般公共预算财政拨款项目支出决算表",
      columns: ["amount"],
      rows: LINES([
        ["302", "商品和服务支出", "20.00"],
        ["30201", "办公费", "10.00"],
        ["30217", "公务接待费", "1.00"],
        ["30227", "委托业务费", "9.00"],
      ]),
    },
    {
      id: "three_public",
      title: "财政拨款“三公”经费支出决算表",
      columns: ["budget", "final"],
      rows: [
        ["three_public.total", "合计", { budget: "6.00", final: "5.00" }],
        ["three_public.abroad", "因公出国（境）费", { budget: "0.00", final: "0.00" }],
        ["three_public.vehicle", "公务用车购置及运行维护费", { budget: "3.00", final: "3.00" }],
        ["three_public.vehicle_purchase", "公务用车购置费", { budget: "0.00", final: "0.00" }],
        ["three_public.vehicle_operation", "公务用车运行维护费", { budget: "3.00", final: "3.00" }],
        ["three_public.reception", "公务接待费", { budget: "3.00", final: "2.00" }],
      ],
    },
    {
      id: "gov_fund",
      title: "政府性基金预算财政拨款收入支出决算表",
      columns: ["total", "basic", "project"],
      rows: [],
    },
    {
      id: "state_capital",
      title: "国有资本经营预算财政拨款支出决算表",
      columns: ["total", "basic", "project"],
      rows: [],
    },
  ];
}

/** Build a Disclosure from specs, with edits applied (a new cell where the row lacked it). */
export function buildDoc(
  kind: Kind,
  specs: TableSpec[],
  edits: Edit[] = [],
  unit: MoneyUnit = "万元",
): Disclosure {
  const tables = specs.map((s) => {
    const rows = s.rows.map(([k, n, cells]): RowSpec => {
      const next = { ...cells };
      for (const [t, key, col, text] of edits) if (t === s.id && key === k) next[col] = text;
      return [k, n, next];
    });
    const t = table(s.id, s.columns, rows, { title: s.title, unit: s.unit ?? unit });
    for (const c of t.columns) c.label = COLUMN_LABELS[c.id] ?? c.label;
    return t;
  });
  return disclosure({ kind, unit, tables });
}

export const budgetDoc = (edits: Edit[] = []) => buildDoc("budget", budgetSpecs(), edits);
export const finalDoc = (edits: Edit[] = []) => buildDoc("final", finalSpecs(), edits);
