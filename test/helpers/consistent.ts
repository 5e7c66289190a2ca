/**
 * Consistent budget disclosures, built from random (but seeded) figures:
 * every table sums, every table agrees with every other, and every sentence
 * of the narrative states what the tables say. A checker must find nothing
 * wrong with them; the mutation benchmark breaks them one error at a time.
 *
 * The shapes (row keys, columns, claim subjects) are those recognition
 * produces from real documents, so rules see what they see in the field.
 */
import { lookup } from "../../src/catalog/index.ts";
import { formatAmount } from "../../src/model/money.ts";
import type {
  Cell,
  Claim,
  Disclosure,
  MoneyUnit,
  Row,
  Section,
  Table,
  TableId,
} from "../../src/model/schema.ts";

/** A small deterministic PRNG (mulberry32), so a seed always gives the same document. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 项 the generator draws from, by 类 and 款 (all present in the catalog for 2025). */
const FUNCTION_TREE: Record<string, Record<string, string[]>> = {
  "201": { "20101": ["2010101", "2010102"], "20103": ["2010301", "2010350"] },
  "208": { "20805": ["2080505", "2080506"], "20899": ["2089999"] },
  "210": { "21011": ["2101101", "2101102", "2101103"], "21015": ["2101501", "2101550"] },
  "221": { "22102": ["2210201"] },
};
const PERSONNEL_ITEMS = ["30101", "30102", "30103", "30107", "30108", "30109", "30110", "30113"];
const PUBLIC_ITEMS = ["30201", "30205", "30207", "30211", "30216", "30228", "30229", "30299"];

let line = 1;

function name(code: string, year: number): string {
  const entry = lookup(code, year);
  if (!entry) throw new Error(`catalog has no ${code} for ${year}`);
  return entry.name;
}

function text(amount: number, unit: MoneyUnit): string {
  const s = formatAmount(amount, { fixed: true });
  if (unit === "万元") return s;
  const [w = "0", f = "00"] = s.split(".");
  return `${w.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${f}`;
}

function cells(values: Record<string, number>, unit: MoneyUnit, at: number): Record<string, Cell> {
  return Object.fromEntries(
    Object.entries(values).map(([col, v]) => [
      col,
      { amount: v, text: text(v, unit), source: { line: at } },
    ]),
  );
}

function row(key: string, rowName: string, values: Record<string, number>, unit: MoneyUnit): Row {
  const at = line++;
  const shape = /^\d+$/.test(key)
    ? {
        keyKind: (key.startsWith("3") ? "econ_dept" : "func") as Row["keyKind"],
        level: key.startsWith("3") ? (key.length === 3 ? 1 : 2) : (key.length - 1) / 2,
      }
    : { keyKind: "line" as const };
  return { key, ...shape, name: rowName, cells: cells(values, unit, at), source: { line: at } };
}

function table(id: TableId, title: string, columns: string[], rows: Row[], unit: MoneyUnit): Table {
  return {
    id,
    title,
    unit,
    unitStated: true,
    columns: columns.map((c) => ({ id: c as Table["columns"][number]["id"], label: c })),
    rows,
    empty: rows.length === 0,
    source: { line: line++ },
  };
}

interface FuncItem {
  code: string;
  basic: number;
  personnel: number;
  public: number;
  project: number;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Percent with two decimals, rounded half up, as a decimal string ("0.66", "-16.58"). */
export function percent(part: number, whole: number): string {
  const scaled = Math.round((Math.abs(part) * 10000) / whole);
  const s = formatAmount(scaled, { fixed: true });
  return part < 0 ? `-${s}` : s;
}

export interface ConsistentOptions {
  seed: number;
  year?: number;
  unit?: MoneyUnit;
  entity?: string;
}

/** A consistent 部门预算 disclosure. */
export function consistentBudget(opts: ConsistentOptions): Disclosure {
  const rand = prng(opts.seed);
  const year = opts.year ?? 2025;
  const unit = opts.unit ?? "万元";
  const entity = opts.entity ?? "示例区医疗保障局";
  const scale = unit === "万元" ? 1 : 10000;
  // Amounts in hundredths of the unit: 万元 figures of a few to a few hundred.
  const money = (lo: number, hi: number) =>
    Math.round((lo + rand() * (hi - lo)) * 100) * scale +
    (unit === "元" ? Math.floor(rand() * 100) : 0);

  const leis = Object.keys(FUNCTION_TREE).filter((_, i) => i === 2 || rand() < 0.6);
  const items: FuncItem[] = [];
  for (const lei of leis) {
    for (const [kuan, xiangs] of Object.entries(FUNCTION_TREE[lei] ?? {})) {
      if (rand() < 0.3 && items.some((i) => i.code.startsWith(lei))) continue;
      for (const code of xiangs) {
        if (rand() < 0.3 && items.some((i) => i.code.startsWith(kuan))) continue;
        const personnel = money(1, 80);
        const pub = code.endsWith("50") || code.endsWith("01") ? money(0.5, 10) : 0;
        const project = rand() < 0.3 ? money(1, 40) : 0;
        items.push({ code, basic: personnel + pub, personnel, public: pub, project });
      }
    }
  }
  const total = (pick: (i: FuncItem) => number, prefix = "") =>
    sum(items.filter((i) => i.code.startsWith(prefix)).map(pick));
  const cols = (prefix: string) => ({
    total: total((i) => i.basic + i.project, prefix),
    basic: total((i) => i.basic, prefix),
    project: total((i) => i.project, prefix),
  });
  const funcRows = (withSplit: boolean): Row[] => {
    const rows: Row[] = [];
    const codes = new Set<string>();
    for (const i of items) codes.add(i.code.slice(0, 3)).add(i.code.slice(0, 5)).add(i.code);
    for (const code of [...codes].sort()) {
      const c = cols(code);
      const values: Record<string, number> = withSplit
        ? {
            total: c.total,
            basic: c.basic,
            personnel: total((i) => i.personnel, code),
            public: total((i) => i.public, code),
            project: c.project,
          }
        : c;
      rows.push(row(code, name(code, year), values, unit));
    }
    return rows;
  };
  const all = cols("");
  const personnelTotal = total((i) => i.personnel);
  const publicTotal = total((i) => i.public);

  // 基本支出 by economic class: split personnel and public over items, exactly.
  const split = (amount: number, codes: string[]): [string, number][] => {
    const n = 2 + Math.floor(rand() * (codes.length - 2));
    const chosen = codes.slice(0, n);
    const out: [string, number][] = [];
    let left = amount;
    for (let k = 0; k < chosen.length; k++) {
      const share =
        k === chosen.length - 1 ? left : Math.floor((left * (0.2 + rand() * 0.5)) / 100) * 100;
      out.push([chosen[k] as string, share]);
      left -= share;
    }
    return out.filter(([, v]) => v > 0);
  };
  const personnelItems = split(personnelTotal, PERSONNEL_ITEMS);
  const publicItems = publicTotal > 0 ? split(publicTotal, PUBLIC_ITEMS) : [];
  const econRows: Row[] = [
    row(
      "total",
      "合计",
      { total: all.basic, personnel: personnelTotal, public: publicTotal },
      unit,
    ),
    row(
      "301",
      name("301", year),
      { total: personnelTotal, personnel: personnelTotal, public: 0 },
      unit,
    ),
    ...personnelItems.map(([c, v]) =>
      row(c, name(c, year), { total: v, personnel: v, public: 0 }, unit),
    ),
  ];
  if (publicItems.length > 0) {
    econRows.push(
      row(
        "302",
        name("302", year),
        { total: publicTotal, personnel: 0, public: publicTotal },
        unit,
      ),
      ...publicItems.map(([c, v]) =>
        row(c, name(c, year), { total: v, personnel: 0, public: v }, unit),
      ),
    );
  }

  // 三公: reception only, within 公用经费 (30217 is not among the items drawn).
  const reception = unit === "万元" ? Math.round(rand() * 50) : Math.round(rand() * 50) * 10000;
  const threePublic = table(
    "three_public",
    "一般公共预算“三公”经费支出表",
    ["budget"],
    [
      row("three_public.total", "合计", { budget: reception }, unit),
      row("three_public.abroad", "因公出国（境）费", { budget: 0 }, unit),
      row("three_public.vehicle", "公务用车购置及运行费", { budget: 0 }, unit),
      row("three_public.vehicle_purchase", "其中：公务用车购置费", { budget: 0 }, unit),
      row("three_public.vehicle_operation", "公务用车运行费", { budget: 0 }, unit),
      row("three_public.reception", "公务接待费", { budget: reception }, unit),
    ],
    unit,
  );

  const summaryLines = (fiscal: boolean): Row[] => [
    row("income.gpb", "一般公共预算拨款收入", { amount: all.total }, unit),
    ...(fiscal ? [] : [row("income.business", "事业收入", { amount: 0 }, unit)]),
    ...leis
      .filter((l) => items.some((i) => i.code.startsWith(l)))
      .map((l) => row(`expenditure.function.${l}`, name(l, year), { amount: cols(l).total }, unit)),
    row("income.total", "本年收入合计", { amount: all.total }, unit),
    row("expenditure.total", "本年支出合计", { amount: all.total }, unit),
    row("income.carryover", "上年结转", { amount: 0 }, unit),
    row("expenditure.carryover", "结转下年", { amount: 0 }, unit),
    row("income.grand_total", "收入总计", { amount: all.total }, unit),
    row("expenditure.grand_total", "支出总计", { amount: all.total }, unit),
  ];

  const tables: Table[] = [
    table("summary", "部门收支总表", ["amount"], summaryLines(false), unit),
    table(
      "income",
      "部门收入总表",
      ["total", "gpb"],
      [
        row("total", "合计", { total: all.total, gpb: all.total }, unit),
        ...funcRows(false).map((r) => {
          const t = r.cells.total?.amount ?? 0;
          return { ...r, cells: cells({ total: t, gpb: t }, unit, r.source.line) };
        }),
      ],
      unit,
    ),
    table(
      "expenditure",
      "部门支出总表",
      ["total", "basic", "project"],
      [row("total", "合计", all, unit), ...funcRows(false)],
      unit,
    ),
    table("fiscal_summary", "财政拨款收支总表", ["amount"], summaryLines(true), unit),
    table(
      "gpb_function",
      "一般公共预算支出表",
      ["total", "basic", "personnel", "public", "project"],
      [
        row(
          "total",
          "合计",
          { ...all, personnel: personnelTotal, public: publicTotal, project: all.project },
          unit,
        ),
        ...funcRows(true),
      ],
      unit,
    ),
    table(
      "gpb_basic_economic",
      "一般公共预算基本支出表",
      ["total", "personnel", "public"],
      econRows,
      unit,
    ),
    threePublic,
    {
      ...table("gov_fund", "政府性基金预算支出表", ["total", "basic", "project"], [], unit),
      emptyNote: "本单位无政府性基金预算收入，也没有使用政府性基金预算拨款安排的支出，本表为空表。",
    },
  ];

  // The narrative: what the tables say, with last year's figures for the changes.
  const prior = Math.round(all.total * (0.8 + rand() * 0.4));
  const change = all.total - prior;
  const u = unit;
  const fmt = (v: number) => formatAmount(v, { fixed: true });
  const claims: Claim[] = [];
  const sections: Section[] = [];
  const say = (
    heading: string,
    level: 1 | 2 | 3,
    sentences: [string, Omit<Claim, "quote" | "source" | "section">[]][],
  ) => {
    const at = line++;
    sections.push({
      heading,
      level,
      text: sentences.map(([s]) => s).join(""),
      source: { line: at },
    });
    for (const [quote, made] of sentences) {
      for (const c of made) claims.push({ ...c, quote, section: heading, source: { line: at } });
    }
  };
  const direction = change > 0 ? "increase" : change < 0 ? "decrease" : "flat";
  const word = change > 0 ? "增加" : change < 0 ? "减少" : "持平";
  const rateWord = change > 0 ? "增长" : "下降";
  const rate = percent(change, prior);
  const absRate = rate.replace("-", "");
  sections.push({ heading: "第一部分 部门概况", level: 1, text: "", source: { line: line++ } });
  say("一、部门主要职责", 2, [[`${entity}负责全区医疗保障政策的组织实施和基金监督管理。`, []]]);
  sections.push({
    heading: `第二部分 ${year}年部门预算情况说明`,
    level: 1,
    text: "",
    source: { line: line++ },
  });
  say("（一）收支预算总体情况", 3, [
    [
      `${year}年收入总计${fmt(all.total)}${u}，比上年${word}${fmt(Math.abs(change))}${u}，${rateWord}${absRate}%。`,
      [
        {
          subject: { kind: "grand_total", key: "income.grand_total", label: "收入总计" },
          amount: all.total,
          unit: u,
          prior,
          change,
          direction,
          rate,
        },
      ],
    ],
    [
      `其中一般公共预算拨款收入${fmt(all.total)}${u}。`,
      [
        {
          subject: { kind: "income_line", key: "income.gpb", label: "一般公共预算拨款收入" },
          amount: all.total,
          unit: u,
        },
      ],
    ],
  ]);
  say("（二）支出预算情况", 3, [
    [
      `支出总计${fmt(all.total)}${u}，其中基本支出${fmt(all.basic)}${u}，占${percent(all.basic, all.total)}%；项目支出${fmt(all.project)}${u}，占${percent(all.project, all.total)}%。`,
      [
        {
          subject: { kind: "grand_total", key: "expenditure.grand_total", label: "支出总计" },
          amount: all.total,
          unit: u,
        },
        {
          subject: { kind: "basic", key: "basic", label: "基本支出" },
          amount: all.basic,
          unit: u,
          share: percent(all.basic, all.total),
        },
        {
          subject: { kind: "project", key: "project", label: "项目支出" },
          amount: all.project,
          unit: u,
          share: percent(all.project, all.total),
        },
      ],
    ],
    ...leis
      .filter((l) => items.some((i) => i.code.startsWith(l)))
      .map((l): [string, Omit<Claim, "quote" | "source" | "section">[]] => [
        `${name(l, year)}（类）${fmt(cols(l).total)}${u}。`,
        [
          {
            subject: { kind: "classification", code: l, label: name(l, year) },
            amount: cols(l).total,
            unit: u,
          },
        ],
      ]),
  ]);
  say("（三）一般公共预算基本支出情况", 3, [
    [
      `一般公共预算基本支出${fmt(all.basic)}${u}，其中人员经费${fmt(personnelTotal)}${u}，公用经费${fmt(publicTotal)}${u}。`,
      [
        { subject: { kind: "basic", key: "basic", label: "基本支出" }, amount: all.basic, unit: u },
        {
          subject: { kind: "personnel", key: "personnel", label: "人员经费" },
          amount: personnelTotal,
          unit: u,
        },
        {
          subject: { kind: "public", key: "public", label: "公用经费" },
          amount: publicTotal,
          unit: u,
        },
      ],
    ],
  ]);
  say("（四）政府性基金预算支出情况", 3, [["本单位没有使用政府性基金预算拨款安排的支出。", []]]);
  say("（五）机关运行经费", 3, [
    [
      `${year}年机关运行经费${fmt(publicTotal)}${u}，主要用于办公费、差旅费等日常公用支出。`,
      [
        {
          subject: { kind: "running_cost", key: "running_cost", label: "机关运行经费" },
          amount: publicTotal,
          unit: u,
        },
      ],
    ],
  ]);
  say("（六）“三公”经费预算情况", 3, [
    [
      `${year}年“三公”经费预算${fmt(reception)}${u}，其中公务接待费${fmt(reception)}${u}，因公出国（境）费和公务用车购置及运行费均为0${u}，与上年持平，原因是严格执行厉行节约规定。`,
      [
        {
          subject: { kind: "three_public", key: "three_public.total", label: "“三公”经费" },
          amount: reception,
          unit: u,
          direction: "flat",
        },
        {
          subject: { kind: "three_public", key: "three_public.reception", label: "公务接待费" },
          amount: reception,
          unit: u,
        },
      ],
    ],
  ]);
  say("（七）政府采购情况", 3, [["本单位本年度未安排政府采购预算。", []]]);
  say("（八）国有资产占用情况", 3, [[`截至${year - 1}年12月31日，本单位共有车辆0辆。`, []]]);
  say("（九）绩效目标设置情况", 3, [["本单位全部项目支出均设置了绩效目标。", []]]);
  sections.push({
    heading: "第三部分 名词解释",
    level: 1,
    text: "财政拨款收入：指本级财政当年拨付的资金。基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    source: { line: line++ },
  });

  return {
    schemaVersion: "1.0",
    kind: "budget",
    year,
    entity: { name: entity, parent: null, level: "department", government: "county" },
    unit,
    tables,
    sections,
    claims,
    issues: [],
    source: { format: "text", lines: line },
  };
}
