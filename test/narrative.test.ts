import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { lookup } from "../src/catalog/index.ts";
import type { LayoutLine } from "../src/ingest/layout.ts";
import type { Claim } from "../src/model/schema.ts";
import { catalogAvailable } from "../src/recognize/narrative/catalog.ts";
import {
  type NarrativeClaim,
  type NarrativeResult,
  recognizeNarrative,
} from "../src/recognize/narrative/index.ts";
import { headingKey } from "../src/recognize/narrative/text.ts";
import { SEEDS_DIR as SEEDS } from "./helpers/seeds.ts";

/**
 * Name resolution needs the catalog (src/catalog): without it these tests
 * fail, never skip. Its data is read on first use, so look one code up too
 * (a missing or malformed CSV throws a CatalogError saying which).
 */
function needCatalog(): void {
  assert.ok(catalogAvailable, "分类科目目录（src/catalog）未能加载：按名称识别科目的测试无法进行");
  assert.equal(lookup("210", 2025)?.name, "卫生健康支出");
}
const FILES = {
  s000: "000_451c231ef299bff3",
  s001: "001_3ef43c7689782125",
  s002: "002_2ab87d748f3e6997",
  s003: "003_918f25c38c78e23d",
  s004: "004_6e0e03e1aecf682d",
} as const;

function toLines(text: string): LayoutLine[] {
  return text.split(/\r?\n/u).map((t, i) => ({ kind: "line", text: t, line: i + 1 }));
}

const sourceCache = new Map<string, string[]>();
function seedLines(file: string): string[] {
  let l = sourceCache.get(file);
  if (!l) {
    l = readFileSync(`${SEEDS}/${file}.txt`, "utf8").split(/\r?\n/u);
    sourceCache.set(file, l);
  }
  return l;
}

function runSeed(file: string, year: number, kind: "budget" | "final"): NarrativeResult {
  const text = readFileSync(`${SEEDS}/${file}.txt`, "utf8");
  return recognizeNarrative({ lines: toLines(text), year, unit: "万元", kind });
}

function run(text: string, kind: "budget" | "final" = "budget", year = 2025): NarrativeResult {
  return recognizeNarrative({ lines: toLines(text), year, unit: "万元", kind });
}

/** The one claim at `line` matching `pred`. */
function claimAt(r: NarrativeResult, line: number, pred: (c: Claim) => boolean): NarrativeClaim {
  const found = r.claims.filter((c) => c.source.line === line && pred(c));
  assert.equal(found.length, 1, `one claim at line ${line}, found ${found.length}`);
  return found[0] as NarrativeClaim;
}

const byCode = (code: string) => (c: Claim) => c.subject.code === code;
const byKey = (key: string) => (c: Claim) => c.subject.key === key;

/** The source line cited really holds the amount. */
function assertCites(file: string, c: Claim, printed: string): void {
  const text = seedLines(file)[c.source.line - 1] ?? "";
  assert.ok(text.includes(printed), `line ${c.source.line} should print ${printed}: ${text}`);
}

describe("seed 001 (budget, unwrapped lines, markdown bullets)", () => {
  const r = runSeed(FILES.s001, 2024, "budget");

  it("reads a functional item with its code, change and growth rate", () => {
    const c = claimAt(r, 99, byCode("2080505"));
    assert.equal(c.subject.kind, "classification");
    assert.equal(c.amount, 1179);
    assert.equal(c.unit, "万元");
    assert.equal(c.change, 447);
    assert.equal(c.direction, "increase");
    assert.equal(c.rate, "61.07");
    assertCites(FILES.s001, c, "11.79万元");
    assert.ok(c.quote.startsWith("(1) 机关事业单位基本养老保险缴费支出（2080505）11.79万元"));
    assert.equal(c.section, "2、支出按功能科目分类的明细情况");
  });

  it("signs a decrease negative", () => {
    const c = claimAt(r, 105, byCode("2101599"));
    assert.equal(c.amount, 18894);
    assert.equal(c.change, -3756);
    assert.equal(c.rate, "-16.58");
    assert.equal(c.direction, "decrease");
  });

  it("reads economic codes of both catalogs", () => {
    assert.equal(claimAt(r, 115, byCode("301")).amount, 12564);
    assert.equal(claimAt(r, 132, byCode("501")).amount, 12564);
    assert.equal(claimAt(r, 119, byCode("302")).change, -3681);
  });

  it("parses thousands separators", () => {
    const c = claimAt(r, 81, byKey("income.total"));
    assert.equal(c.amount, 127532);
  });

  it("reads 三公, procurement and 无增减 as flat", () => {
    const total = claimAt(r, 152, byKey("three_public.total"));
    assert.equal(total.amount, 0);
    assert.equal(total.direction, "flat");
    assert.equal(claimAt(r, 154, byKey("three_public.abroad")).direction, "flat");
    assert.equal(claimAt(r, 172, byKey("procurement.total")).amount, 5244);
    assert.equal(claimAt(r, 172, byKey("procurement.services")).amount, 5244);
    assert.equal(claimAt(r, 172, byKey("procurement.goods")).amount, 0);
  });

  it("does not turn the table of contents into sections", () => {
    const parts = r.sections.filter((s) => s.level === 1).map((s) => s.heading);
    assert.deepEqual(parts, ["第一部分 单位概况", "第二部分 收支情况", "第三部分 其他情况"]);
    const first = r.sections.find((s) => s.heading === "第一部分 单位概况");
    assert.equal(first?.source.line, 36);
    const duties = r.sections.find((s) => s.heading === "（一）主要职责：");
    assert.ok(duties?.text.startsWith("(1) 承担本行政区域内"));
  });
});

describe("seed 000 (budget, wrapped PDF text)", () => {
  const r = runSeed(FILES.s000, 2025, "budget");

  it("reads a total with prior, change and rate in brackets", () => {
    const c = claimAt(r, 31, byKey("income.grand_total"));
    assert.equal(c.subject.kind, "grand_total");
    assert.equal(c.amount, 9404);
    assert.equal(c.prior, 9342);
    assert.equal(c.change, 62);
    assert.equal(c.rate, "0.66");
    assert.equal(c.direction, "increase");
    assert.equal(c.source.endLine, 33);
    assert.equal(c.section, "（一）收入预算情况");
    const e = claimAt(r, 39, byKey("expenditure.grand_total"));
    assert.equal(e.change, 62);
  });

  it("finds the headings, including wrapped ones", () => {
    const headings = r.sections.map((s) => s.heading);
    assert.ok(headings.includes("（六）机关运行经费等重要事项的说明"));
    assert.ok(headings.includes("第二部分 曾都区医疗保障信息中心 2025年部门预算情况说明"));
    assert.ok(headings.includes("二、2025年“三公”经费预算情况说明"));
    const rc = r.sections.find((s) => s.heading === "（六）机关运行经费等重要事项的说明");
    assert.ok(rc?.text.startsWith("本部门 2025 年度机关运行经费支出 5.05 万元，其中：办公费 2 万"));
    // A numbered item with an amount is content, not a heading.
    assert.ok(!headings.some((h) => h.startsWith("1.社会保障和就业")));
  });

  it("reads 机关运行经费 with the prior amount of the next sentence", () => {
    const c = claimAt(r, 117, byKey("running_cost"));
    assert.equal(c.amount, 505);
    assert.equal(c.prior, 505);
    assert.equal(c.change, 0);
    assert.equal(c.rate, "0");
  });

  it("reads 三公 lines and leaves template choices without a direction", () => {
    const reception = claimAt(r, 155, byKey("three_public.reception"));
    assert.equal(reception.amount, 14);
    assert.equal(reception.change, 0);
    assert.equal(reception.direction, "increase");
    const abroad = claimAt(r, 151, byKey("three_public.abroad"));
    assert.equal(abroad.amount, 0);
    assert.equal(abroad.change, 0);
    assert.equal(abroad.direction, undefined);
    assert.equal(abroad.rate, "0");
    assert.equal(claimAt(r, 163, byKey("three_public.vehicle_purchase")).direction, undefined);
    assert.ok(
      r.issues.some((i) => i.code === "narrative.template_choice" && i.source?.line === 151),
    );
  });

  it("reads assets", () => {
    const c = claimAt(r, 135, byKey("assets.total"));
    assert.equal(c.amount, 2437);
    assert.equal(c.prior, 2384);
    assert.equal(c.change, 53);
    assert.equal(c.rate, "2.22");
  });

  it("reads a 类 name through the catalog", () => {
    needCatalog();
    const c = claimAt(r, 45, byCode("208"));
    assert.equal(c.amount, 1133);
  });
});

describe("seed 002 (final accounts)", () => {
  const r = runSeed(FILES.s002, 2022, "final");

  it("reads 收、支总计 as both grand totals", () => {
    for (const key of ["income.grand_total", "expenditure.grand_total"]) {
      const c = claimAt(r, 1273, byKey(key));
      assert.equal(c.amount, 58709);
      assert.equal(c.change, -708);
      assert.equal(c.rate, "-1.2");
      assert.equal(c.direction, "decrease");
      assert.equal(c.source.endLine, 1277);
    }
  });

  it("keeps 年初预算 apart from the prior year", () => {
    const c = claimAt(r, 1492, byKey("gpb.expenditure"));
    assert.equal(c.amount, 58709);
    assert.equal(c.budget, 58709);
    assert.equal(c.completion, "100");
    assert.equal(c.prior, undefined);
  });

  it("reads a 类/款/项 path that a full stop separates from its amounts", () => {
    const c = r.claims.find(
      (x) => x.subject.label.includes("事业运行（项）") && x.source.line === 1497,
    ) as NarrativeClaim | undefined;
    assert.ok(c);
    assert.equal(c.amount, 58709);
    assert.equal(c.budget, 58709);
    needCatalog();
    assert.equal(c.subject.code, "2101550");
  });

  it("reads shares and the 三公 template with a broken bracket", () => {
    assert.equal(claimAt(r, 1432, byKey("basic")).share, "100");
    const t = claimAt(r, 1554, byKey("three_public.total")) as NarrativeClaim;
    assert.equal(t.budget, 0);
    assert.equal(t.amount, 0);
    assert.equal(t.change, 0);
    assert.equal(t.direction, undefined);
    assert.equal(claimAt(r, 1630, byKey("procurement.goods")).amount, 1080);
  });

  it("has the sections of the explanation, an empty one as 无", () => {
    const rc = r.sections.find((s) => s.heading === "十、机关运行经费支出说明");
    assert.equal(rc?.text, "无");
    assert.equal(rc?.source.line, 1623);
    const six = r.sections.find((s) => s.heading.startsWith("六、一般公共预算财政拨款基本支出"));
    assert.equal(six?.level, 2);
    const keys = r.sections.filter((s) => s.level === 1).map((s) => headingKey(s.heading));
    assert.equal(new Set(keys).size, keys.length, "no section from the table of contents");
    assert.equal(r.sections.filter((s) => s.heading.startsWith("第一部分")).length, 1);
    assert.equal(r.sections.find((s) => s.heading.startsWith("第一部分"))?.source.line, 46);
  });

  it("reads economic names in the 基本支出 section", () => {
    needCatalog();
    assert.equal(claimAt(r, 1513, byCode("30108")).amount, 3727);
    assert.equal(claimAt(r, 1517, byCode("30113")).amount, 12345);
  });
});

describe("seed 004 (budget, 类/款/项 paths)", () => {
  const r = runSeed(FILES.s004, 2025, "budget");

  it("resolves a 类/款/项 name path through the catalog", () => {
    needCatalog();
    const c = claimAt(r, 921, byCode("2101504"));
    assert.equal(c.amount, 1340);
    assert.equal(c.change, 1100);
    assert.equal(c.rate, "458");
    assert.equal(c.prior, undefined, "a reason's 上年度 is not a prior amount");
    assertCites(FILES.s004, c, "13.40");
    assert.equal(claimAt(r, 849, byCode("208")).share, "1.09");
  });

  it("reads basic and project shares", () => {
    const b = claimAt(r, 806, byKey("basic"));
    assert.equal(b.amount, 4984);
    assert.equal(b.share, "7.34");
    const p = claimAt(r, 806, byKey("project"));
    assert.equal(p.amount, 62920);
    assert.equal(p.share, "92.66");
  });

  it("keeps a unit of 元 as written", () => {
    const c = r.claims.find((x) => x.source.line === 966 && x.unit === "元");
    assert.ok(c);
    assert.equal(c.amount, 403);
  });

  it("reads 三公 and 机关运行经费", () => {
    const t = claimAt(r, 988, byKey("three_public.total"));
    assert.equal(t.amount, 12);
    assert.equal(t.direction, "flat");
    const rc = claimAt(r, 1019, byKey("running_cost"));
    assert.equal(rc.amount, 495);
    assert.equal(rc.change, -97);
    assert.equal(rc.rate, "-16.39");
  });

  it("joins headings wrapped over two lines", () => {
    const h = r.sections.find((s) => s.source.line === 831);
    assert.equal(h?.heading, "五、关于西宁市城东区医疗保障局 2025 年一般公共预算当年拨款情况说明");
    const items = r.sections.filter((s) => s.heading.startsWith("1、社会保障和就业支出"));
    assert.equal(items.length, 0, "a list item running on is not a heading");
  });
});

describe("seed 003 (tables only)", () => {
  it("does not crash and finds no prose claims", () => {
    const r = runSeed(FILES.s003, 2024, "final");
    assert.equal(
      r.claims.filter((c) => c.unit !== undefined && c.subject.kind !== "other").length,
      0,
    );
  });
});

describe("synthetic text", () => {
  it("joins numbers broken across lines and keeps spaces only where printed", () => {
    const r = run("（一）收入\n\n收入合计 582.\n36 万元，较上年减少 3.82\n万元，下降 0.7 %。");
    const c = r.claims.find((x) => x.subject.key === "income.total");
    assert.equal(c?.amount, 58236);
    assert.equal(c?.change, -382);
    assert.equal(c?.rate, "-0.7");
    assert.equal(c?.source.line, 3);
    assert.equal(c?.source.endLine, 5);
    assert.equal(r.sections[0]?.text, "收入合计 582.36 万元，较上年减少 3.82万元，下降 0.7 %。");
    const spaced = run("一、说明\nABC \nDEF 与 12\n34");
    assert.equal(spaced.sections[0]?.text, "ABC DEF 与 1234");
  });

  it("survives template leftovers", () => {
    const r = run(
      "二、“三公”经费预算情况说明\n" +
        "公务用车购置费 0万元，比上年增（减）0万元，同比减少（增加）0 %。\n" +
        "公务接待费 5万元，比上年增加（减少）2万元，增长（下降）10%。\n" +
        "会议费 3 万元，较上年增加（ 0 万元，增长（下降） 0 %。",
    );
    const v = r.claims.find((c) => c.subject.key === "three_public.vehicle_purchase");
    assert.equal(v?.amount, 0);
    assert.equal(v?.change, 0);
    assert.equal(v?.rate, "0");
    assert.equal(v?.direction, undefined);
    const rec = r.claims.find((c) => c.subject.key === "three_public.reception");
    assert.equal(rec?.amount, 500);
    assert.equal(rec?.change, undefined, "a non-zero change of unknown sign is not guessed");
    assert.equal(rec?.rate, undefined);
    assert.equal(rec?.direction, undefined);
    const meeting = r.claims.find((c) => c.amount === 300);
    assert.equal(meeting?.change, 0);
    assert.equal(meeting?.direction, undefined);
    assert.equal(r.issues.filter((i) => i.code === "narrative.template_choice").length, 3);
  });

  it("keeps 元 among 万元 and signs decreases", () => {
    const r = run(
      "人员经费 44.89万元，主要包括：基本工资 10.90万元、住房公积金 3.58 元。\n" +
        "基本支出 20万元，比上年减少 1.5 万元，下降 6.98%；项目支出 5 万元，与上年持平。",
    );
    const yuan = r.claims.filter((c) => c.unit === "元");
    assert.equal(yuan.length, 1);
    assert.equal(yuan[0]?.amount, 358);
    const b = r.claims.find((c) => c.subject.key === "basic");
    assert.equal(b?.change, -150);
    assert.equal(b?.rate, "-6.98");
    assert.equal(b?.direction, "decrease");
    const p = r.claims.find((c) => c.subject.key === "project");
    assert.equal(p?.amount, 500);
    assert.equal(p?.direction, "flat");
    assert.equal(p?.change, undefined);
  });

  it("drops dotted contents lines and page numbers", () => {
    const r = run(
      [
        "目录",
        "第一部分 概况..........2",
        "第二部分 说明..........3",
        "",
        "2",
        "第一部分 概况",
        "一、职责",
        "负责医保经办。",
        "3",
        "第二部分 说明",
        "一、收支",
        "支出总计 10 万元。",
      ].join("\n"),
    );
    assert.deepEqual(
      r.sections.map((s) => [s.heading, s.level, s.text]),
      [
        ["第一部分 概况", 1, ""],
        ["一、职责", 2, "负责医保经办。"],
        ["第二部分 说明", 1, ""],
        ["一、收支", 2, "支出总计 10 万元。"],
      ],
    );
    assert.equal(r.claims[0]?.subject.key, "expenditure.grand_total");
    assert.equal(r.claims[0]?.source.line, 12);
  });

  it("does not read thresholds or headcounts as amounts", () => {
    const r = run("单价 50万元以上通用设备 0台（套），参保 34 万人。");
    assert.equal(r.claims.length, 0);
  });
});

describe("a change inside a reason is a change of what follows its verb", () => {
  // The form issue 10 reports from real disclosures: "基本支出增加人员经费 N 万元"
  // was read as the level of 基本支出.
  it("“主要是基本支出增加人员经费 8.00 万元” is 人员经费 +8.00, not 基本支出 = 8.00", () => {
    const r = run(
      "二、基本支出 120.50 万元，比上年增加 10.20 万元，主要是基本支出增加人员经费 8.00 万元，增加公用经费 2.20 万元。",
    );
    const basic = r.claims.filter((c) => c.subject.key === "basic");
    assert.deepEqual(
      basic.map((c) => [c.amount, c.change]),
      [[12050, 1020]],
    );
    const personnel = r.claims.find((c) => c.subject.key === "personnel_total");
    assert.equal(personnel?.amount, undefined);
    assert.equal(personnel?.change, 800);
  });
});
