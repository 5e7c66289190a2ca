import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import type { Claim, Disclosure, Section, Table } from "../src/model/schema.ts";
import { recognizeNarrative } from "../src/recognize/narrative/index.ts";
import { claim, disclosure, section, table } from "./helpers/disclosure.ts";

/** Findings of one rule, all severities. */
function findings(doc: Disclosure, rule: string): Finding[] {
  const report = checkDisclosure(doc);
  assert.deepEqual(report.failures, []);
  return report.findings.filter((f) => f.rule === rule);
}

function only(doc: Disclosure, rule: string): Finding {
  const fs = findings(doc, rule);
  assert.equal(fs.length, 1, fs.map((f) => f.message).join("\n"));
  return fs[0] as Finding;
}

/** The tables of a small, consistent budget in 万元. */
function budgetTables(unit: "万元" | "元" = "万元"): Table[] {
  const v = (wan: string) => (unit === "万元" ? wan : wan);
  return [
    table(
      "summary",
      ["amount"],
      [
        ["income.gpb", "一般公共预算拨款收入", { amount: v("94.04") }],
        ["income.total", "本年收入合计", { amount: v("94.04") }],
        ["income.carryover", "上年结转", { amount: "" }],
        ["income.grand_total", "收入总计", { amount: v("94.04") }],
        ["expenditure.total", "本年支出合计", { amount: v("94.04") }],
        ["expenditure.grand_total", "支出总计", { amount: v("94.04") }],
      ],
      { unit, title: "收支总表" },
    ),
    table(
      "expenditure",
      ["total", "basic", "project"],
      [["total", "合计", { total: "94.04", basic: "84.04", project: "10.00" }]],
      { unit, title: "支出总表" },
    ),
    table(
      "gpb_function",
      ["total", "basic", "project"],
      [
        ["total", "合计", { total: "94.04", basic: "84.04", project: "10.00" }],
        ["208", "社会保障和就业支出", { total: "11.33", basic: "11.33", project: "" }],
        ["210", "卫生健康支出", { total: "82.71", basic: "72.71", project: "10.00" }],
        ["2101504", "信息化建设", { total: "10.00", basic: "", project: "10.00" }],
      ],
      { unit, title: "一般公共预算支出表" },
    ),
    table(
      "gpb_basic_economic",
      ["total", "personnel", "public"],
      [
        ["total", "合计", { total: "84.04", personnel: "78.99", public: "5.05" }],
        ["301", "工资福利支出", { total: "78.99", personnel: "78.99", public: "" }],
        ["30108", "机关事业单位基本养老保险缴费", { total: "4.03", personnel: "4.03", public: "" }],
        ["302", "商品和服务支出", { total: "5.05", personnel: "", public: "5.05" }],
      ],
      { unit, title: "一般公共预算基本支出表" },
    ),
  ];
}

function doc(claims: Claim[], sections: Section[] = [], tables = budgetTables()): Disclosure {
  return disclosure({ tables, claims, sections });
}

const LINE = (f: Finding, i: number) => f.locations[i]?.line;

describe("text/amount-matches-table", () => {
  it("reports a stated amount the table contradicts, at the sentence and the cell", () => {
    const c = claim({
      subject: { kind: "basic", key: "basic", label: "基本支出" },
      amount: 8504,
      unit: "万元",
      quote: "2025年一般公共预算基本支出85.04万元。",
      section: "（三）财政拨款支出情况",
    });
    const tables = budgetTables();
    const f = only(doc([c], [], tables), "text/amount-matches-table");
    assert.equal(f.severity, "error");
    assert.match(f.message, /说明称“2025年一般公共预算基本支出85.04万元。”/u);
    assert.match(f.message, /一般公共预算支出表“合计”行“basic”为 84.04 万元/u);
    assert.equal(LINE(f, 0), c.source.line);
    const cellLine = tables[2]?.rows[0]?.source.line;
    assert.equal(f.locations[1]?.table, "gpb_function");
    assert.equal(f.locations[1]?.column, "basic");
    assert.equal(LINE(f, 1), cellLine);
    assert.equal(f.expected, "84.04 万元");
    assert.equal(f.actual, "85.04 万元");
  });

  it("accepts the amount the table prints, and a 万元 figure rounded from a 元 table", () => {
    const c = claim({
      subject: { kind: "classification", code: "208", label: "社会保障和就业支出（类）" },
      amount: 1133,
      unit: "万元",
      quote: "社会保障和就业支出（类）11.33 万元。",
    });
    assert.deepEqual(findings(doc([c]), "text/amount-matches-table"), []);
    const yuan = table(
      "gpb_function",
      ["total"],
      [
        ["total", "合计", { total: "12,753,171.62" }],
        ["208", "社会保障和就业支出", { total: "113,266.40" }],
      ],
      { unit: "元", title: "一般公共预算支出表" },
    );
    assert.deepEqual(findings(doc([c], [], [yuan]), "text/amount-matches-table"), []);
  });

  it("reads one last digit apart as a rounding gap (info), a bare name mismatch as a warning", () => {
    const gap = claim({
      subject: { kind: "gpb_total", key: "gpb.expenditure", label: "一般公共预算支出" },
      amount: 9405,
      unit: "万元",
      quote: "一般公共预算支出94.05万元。",
    });
    assert.equal(only(doc([gap]), "text/amount-matches-table").severity, "info");
    const byName = claim({
      subject: { kind: "classification", code: "210", label: "卫生健康" },
      amount: 1000,
      unit: "万元",
      quote: "3.卫生健康 10 万元，主要用于信息化建设支出。",
    });
    const f = only(doc([byName]), "text/amount-matches-table");
    assert.equal(f.severity, "warning");
    assert.match(f.message, /82\.71 万元/u);
  });
});

describe("text/money-unit", () => {
  it("reports 4.03 元 among 万元 when the table prints 4.03 万元", () => {
    const quote =
      "人员经费 78.99万元，主要包括：基本工资 10.90万元、机关事业单位基本养老保险缴费 4.03 元、住房公积金 3.69万元。";
    const c = claim({
      subject: { kind: "classification", code: "30108", label: "机关事业单位基本养老保险缴费" },
      amount: 403,
      unit: "元",
      quote,
    });
    const f = only(doc([c]), "text/money-unit");
    assert.equal(f.severity, "error");
    assert.match(f.message, /金额单位应为“万元”/u);
    assert.equal(f.locations[1]?.key, "30108");
    assert.deepEqual(findings(doc([c]), "text/amount-matches-table"), []);
  });

  it("reports a 元 figure printed as 万元, and accepts a right unit", () => {
    const tables = budgetTables("元");
    const wrong = claim({
      subject: { kind: "grand_total", key: "income.grand_total", label: "收入总计" },
      amount: 9404,
      unit: "元",
      quote: "收入总计94.04元。",
    });
    // The 元 table prints 94.04 元 here: right unit, nothing to report.
    assert.deepEqual(findings(doc([wrong], [], tables), "text/money-unit"), []);
    const slip = claim({
      subject: { kind: "grand_total", key: "income.grand_total", label: "收入总计" },
      amount: 9404,
      unit: "万元",
      quote: "收入总计94.04万元。",
    });
    const f = only(doc([slip], [], tables), "text/money-unit");
    assert.match(f.message, /金额单位应为“元”/u);
  });
});

describe("text/change-arithmetic", () => {
  const base = {
    subject: { kind: "grand_total", key: "income.grand_total", label: "收入总计" },
    amount: 9404,
    unit: "万元",
    prior: 9342,
  } as const;
  it("reports a change that is not this year minus last year", () => {
    const c = claim({
      ...base,
      change: 72,
      direction: "increase",
      quote: "收入总计 94.04 万元（上年收入总计 93.42 万元，同比增加 0.72 万元）。",
    });
    const f = only(doc([c]), "text/change-arithmetic");
    assert.equal(f.severity, "error");
    assert.equal(f.expected, "0.62 万元");
    assert.equal(f.actual, "0.72 万元");
    assert.equal(LINE(f, 0), c.source.line);
  });
  it("accepts the right change", () => {
    const c = claim({
      ...base,
      change: 62,
      direction: "increase",
      quote: "收入总计 94.04 万元（上年收入总计 93.42 万元，同比增加 0.62 万元）。",
    });
    assert.deepEqual(findings(doc([c]), "text/change-arithmetic"), []);
  });
});

describe("text/growth-rate", () => {
  it("recomputes the rate from the change and last year's amount", () => {
    const c = claim({
      subject: { kind: "grand_total", key: "income.grand_total", label: "收入总计" },
      amount: 9404,
      unit: "万元",
      prior: 9342,
      change: 62,
      rate: "0.76",
      direction: "increase",
      quote: "收入总计 94.04 万元（上年 93.42 万元，增加 0.62 万元，增幅 0.76%）。",
    });
    const f = only(doc([c]), "text/growth-rate");
    assert.equal(f.expected, "0.66%");
    assert.equal(f.actual, "0.76%");
  });
  it("allows what the rounding of small amounts explains (0.07 / 0.05 = 140.00%)", () => {
    const c = claim({
      subject: { kind: "classification", code: "2089999", label: "其他社会保障和就业支出" },
      amount: 12,
      unit: "万元",
      change: 7,
      rate: "140.00",
      direction: "increase",
      quote: "其他社会保障和就业支出（2089999）0.12万元，较上年增加0.07万元，增长140.00%。",
    });
    assert.deepEqual(findings(doc([c]), "text/growth-rate"), []);
    // Rounded inputs put the rate between 0.065/0.06 and 0.075/0.04 (108%–188%): 60% is out.
    const wrong = claim({ ...c, rate: "60.00", quote: c.quote.replace("140.00", "60.00") });
    assert.equal(only(doc([wrong]), "text/growth-rate").severity, "error");
  });
});

describe("text/zero-base-growth", () => {
  it("reports a growth rate from a zero base", () => {
    const c = claim({
      subject: { kind: "three_public", key: "three_public.reception", label: "公务接待费" },
      amount: 30,
      unit: "万元",
      change: 30,
      rate: "100",
      direction: "increase",
      quote: "公务接待费 0.30 万元，比上年增加 0.30 万元，增长 100%，主要原因是新增接待任务。",
    });
    const f = only(doc([c]), "text/zero-base-growth");
    assert.match(f.message, /增长率无可比性/u);
    assert.deepEqual(findings(doc([c]), "text/growth-rate"), []);
  });
  it("accepts a rate from a non-zero base", () => {
    const c = claim({
      subject: { kind: "three_public", key: "three_public.reception", label: "公务接待费" },
      amount: 30,
      unit: "万元",
      change: 15,
      rate: "100",
      direction: "increase",
      quote: "公务接待费 0.30 万元，比上年增加 0.15 万元，增长 100%，主要原因是新增接待任务。",
    });
    assert.deepEqual(findings(doc([c]), "text/zero-base-growth"), []);
  });
});

describe("text/share-ratio", () => {
  it("reports a share whose named whole is zero in the table", () => {
    const c = claim({
      subject: { kind: "other", label: "资金" },
      amount: 4000,
      unit: "万元",
      share: "100",
      quote: "共涉及项目 1 个，资金 40 万元，占一般公共预算项目支出总额的 100%。",
    });
    const tables = budgetTables();
    const gpb = tables[2] as Table;
    const totalRow = gpb.rows[0];
    assert.ok(totalRow?.cells.project);
    totalRow.cells.project.amount = 0;
    totalRow.cells.project.text = "0.00";
    const f = only(doc([c], [], tables), "text/share-ratio");
    assert.equal(
      f.message,
      "说明称“共涉及项目 1 个，资金 40 万元，占一般公共预算项目支出总额的 100%。”，但一般公共预算支出表“合计”行“project”为 0.00 万元。",
    );
    assert.equal(f.locations[1]?.column, "project");
  });
  it("recomputes a bare share against the total the list hangs from", () => {
    const total = claim({
      subject: { kind: "expenditure_total", key: "expenditure.total", label: "支出预算" },
      amount: 67904,
      unit: "万元",
      quote: "2025年支出预算 679.04万元，其中：基本支出 49.84 万元，占 7.34%；",
    });
    const part = claim({
      subject: { kind: "basic", key: "basic", label: "基本支出" },
      amount: 4984,
      unit: "万元",
      share: "7.34",
      quote: total.quote,
    });
    const tables: Table[] = [];
    assert.deepEqual(findings(doc([total, part], [], tables), "text/share-ratio"), []);
    const wrong = { ...part, share: "7.43", quote: total.quote.replace("7.34", "7.43") };
    const f = only(doc([total, wrong], [], tables), "text/share-ratio");
    assert.equal(f.expected, "7.34%");
  });
  it("accepts a named whole that matches the table", () => {
    const c = claim({
      subject: { kind: "gpb_total", key: "gpb.expenditure", label: "一般公共预算支出" },
      amount: 9404,
      unit: "万元",
      share: "100",
      quote: "一般公共预算支出 94.04 万元，占本年支出合计的 100%。",
    });
    assert.deepEqual(findings(doc([c]), "text/share-ratio"), []);
  });
});

describe("text/completion-rate", () => {
  const final = (claims: Claim[]) => disclosure({ kind: "final", claims });
  const subject = { kind: "three_public", key: "three_public.total", label: "“三公”经费" } as const;
  it("reports a completion rate against a zero budget", () => {
    const c = claim({
      subject,
      budget: 0,
      amount: 500,
      completion: "100",
      unit: "万元",
      quote: "“三公”经费年初预算为 0 万元，支出决算为 5 万元，完成年初预算的 100%。",
    });
    const f = only(final([c]), "text/completion-rate");
    assert.equal(f.severity, "error");
    assert.match(f.message, /年初预算为零/u);
  });
  it("asks to rewrite 0/0 as no budget (warning)", () => {
    const c = claim({
      subject,
      budget: 0,
      amount: 0,
      completion: "0",
      unit: "万元",
      quote: "“三公”经费预算为 0 万元，支出决算为 0 万元，完成预算的 0 %。",
    });
    assert.equal(only(final([c]), "text/completion-rate").severity, "warning");
  });
  it("reports 决算数大于预算数 when it is smaller, and accepts a consistent sentence", () => {
    const c = claim({
      subject,
      budget: 1000,
      amount: 800,
      completion: "80",
      unit: "万元",
      quote: "年初预算为 10 万元，支出决算为 8 万元，完成年初预算的 80%，决算数大于预算数。",
    });
    const f = only(final([c]), "text/completion-rate");
    assert.match(f.message, /小于预算/u);
    const ok = { ...c, quote: c.quote.replace("大于", "小于") };
    assert.deepEqual(findings(final([ok]), "text/completion-rate"), []);
  });
});

describe("text/breakdown-sum", () => {
  const quote = "一般公共预算基本支出 84.04 万元，其中：人员经费 78.99 万元，公用经费 6.05 万元。";
  const parts = (pub: number) => [
    claim({
      subject: { kind: "basic", key: "basic", label: "基本支出" },
      amount: 8404,
      unit: "万元",
      quote,
      section: "六",
    }),
    claim({
      subject: { kind: "personnel", key: "personnel_total", label: "人员经费" },
      amount: 7899,
      unit: "万元",
      quote,
      section: "六",
    }),
    claim({
      subject: { kind: "public", key: "public_total", label: "公用经费" },
      amount: pub,
      unit: "万元",
      quote,
      section: "六",
    }),
  ];
  it("reports listed items that do not add up to the stated total", () => {
    const f = only(doc(parts(605), [], []), "text/breakdown-sum");
    assert.equal(f.expected, "85.04 万元");
    assert.equal(f.actual, "84.04 万元");
  });
  it("accepts items that add up", () => {
    assert.deepEqual(findings(doc(parts(505), [], []), "text/breakdown-sum"), []);
  });
});

describe("text/direction-matches-numbers", () => {
  it("reports 持平 with a non-zero change", () => {
    const c = claim({
      subject: { kind: "project", key: "project", label: "项目支出" },
      amount: 1000,
      unit: "万元",
      change: 50,
      direction: "flat",
      quote: "项目支出 10 万元，与上年持平，增加 0.5 万元。",
    });
    assert.match(only(doc([c]), "text/direction-matches-numbers").message, /持平/u);
  });
  it("reports 增加 when this year is below last year", () => {
    const c = claim({
      subject: { kind: "basic", key: "basic", label: "基本支出" },
      amount: 8404,
      prior: 9000,
      unit: "万元",
      direction: "increase",
      quote: "基本支出 84.04 万元，比上年预算 90.00 万元有所增加。",
    });
    const f = only(doc([c]), "text/direction-matches-numbers");
    assert.equal(f.expected, "减少");
  });
  it("reports 无增减 against a 三公 table whose two years differ, accepts when equal", () => {
    const tp = (prior: string) =>
      table(
        "three_public",
        ["prior", "budget"],
        [["three_public.reception", "公务接待费", { prior, budget: "0.12" }]],
        { title: "一般公共预算“三公”经费支出表" },
      );
    const c = claim({
      subject: { kind: "three_public", key: "three_public.reception", label: "公务接待费" },
      amount: 12,
      unit: "万元",
      direction: "flat",
      quote: "公务接待费 0.12 万元，与上年相比无增减变化。",
    });
    const f = only(doc([c], [], [tp("0.20")]), "text/direction-matches-numbers");
    assert.equal(f.expected, "减少");
    assert.equal(f.locations.length, 3);
    assert.deepEqual(findings(doc([c], [], [tp("0.12")]), "text/direction-matches-numbers"), []);
  });
});

describe("text/three-public-reason", () => {
  const make = (quote: string) =>
    claim({
      subject: { kind: "three_public", key: "three_public.reception", label: "公务接待费" },
      amount: 12,
      unit: "万元",
      change: -8,
      direction: "decrease",
      quote,
      section: "七、“三公”经费预算情况说明",
    });
  it("reports a 三公 change without a reason", () => {
    const c = make("公务接待费 0.12 万元，比上年减少 0.08 万元。");
    const s = section("七、“三公”经费预算情况说明", c.quote);
    const f = only(doc([c], [s]), "text/three-public-reason");
    assert.match(f.message, /没有说明增减原因/u);
    assert.equal(LINE(f, 0), c.source.line);
  });
  it("accepts a reason in the same or the next sentence", () => {
    const c = make("公务接待费 0.12 万元，比上年减少 0.08 万元。");
    const s = section("七、“三公”经费预算情况说明", `${c.quote}减少的主要原因是严控接待标准。`);
    assert.deepEqual(findings(doc([c], [s]), "text/three-public-reason"), []);
  });
});

describe("text/year-matches-document", () => {
  it("reports a figure dated another year in a 2025 budget, at its sentence", () => {
    const heading = "二、重点项目绩效目标编制情况";
    const text =
      "“医保信息建设和维护经费”主要内容是：保障信息系统建设。2024 年预算安排 10万元，全部为当年一般公共预算资金。";
    const s = section(heading, text);
    const c = claim({
      subject: { kind: "other", label: "2024 年预算安排" },
      amount: 1000,
      unit: "万元",
      quote: "2024 年预算安排 10万元，全部为当年一般公共预算资金。",
      section: heading,
    });
    const f = only(doc([c], [s]), "text/year-matches-document");
    assert.equal(f.actual, "2024 年");
    assert.equal(f.expected, "2025 年");
    assert.equal(LINE(f, 0), c.source.line);
  });
  it("accepts comparisons with last year and the document's own year", () => {
    const s = section(
      "（三）财政拨款支出情况",
      "2025 年度一般公共预算支出 94.04 万元，比 2024 年预算增加 0.62 万元。截至 2024 年底资产总额 24.37 万元。",
    );
    assert.deepEqual(findings(doc([], [s]), "text/year-matches-document"), []);
  });
});

describe("a consistent document", () => {
  it("checks clean for the text and template families", () => {
    const h1 = "（一）收支预算总体情况";
    const h2 = "（二）一般公共预算支出情况";
    const h3 = "（三）“三公”经费预算情况";
    const t1 =
      "2025年收入总计 94.04 万元（上年收入总计 93.42 万元，同比增加 0.62 万元，同比增幅 0.66%），其中一般公共预算拨款收入 94.04 万元，占 100%。\n支出预算 94.04 万元，其中：基本支出 84.04 万元，占 89.37%；项目支出 10.00 万元，占 10.63%。";
    const t2 =
      "一般公共预算基本支出 84.04 万元，其中：人员经费 78.99 万元，公用经费 5.05 万元。\n社会保障和就业支出（类）11.33 万元；机关事业单位基本养老保险缴费 4.03 万元。";
    const t3 =
      "2025年一般公共预算“三公”经费预算 0.12 万元，比上年减少 0.08 万元，下降 40%，主要原因是严控公务接待。";
    const sections = [section(h1, t1), section(h2, t2), section(h3, t3)];
    const q = (t: string, i: number) => t.split(/[。；\n]/u)[i] ?? "";
    const claims: Claim[] = [
      claim({
        subject: { kind: "grand_total", key: "income.grand_total", label: "收入总计" },
        amount: 9404,
        prior: 9342,
        change: 62,
        rate: "0.66",
        direction: "increase",
        unit: "万元",
        quote: q(t1, 0),
        section: h1,
      }),
      claim({
        subject: { kind: "income_line", key: "income.gpb", label: "一般公共预算拨款收入" },
        amount: 9404,
        share: "100",
        unit: "万元",
        quote: q(t1, 0),
        section: h1,
      }),
      claim({
        subject: { kind: "expenditure_total", key: "expenditure.total", label: "支出预算" },
        amount: 9404,
        unit: "万元",
        quote: q(t1, 2),
        section: h1,
      }),
      claim({
        subject: { kind: "basic", key: "basic", label: "基本支出" },
        amount: 8404,
        share: "89.37",
        unit: "万元",
        quote: q(t1, 2),
        section: h1,
      }),
      claim({
        subject: { kind: "project", key: "project", label: "项目支出" },
        amount: 1000,
        share: "10.63",
        unit: "万元",
        quote: q(t1, 3),
        section: h1,
      }),
      claim({
        subject: { kind: "basic", key: "basic", label: "一般公共预算基本支出" },
        amount: 8404,
        unit: "万元",
        quote: q(t2, 0),
        section: h2,
      }),
      claim({
        subject: { kind: "personnel", key: "personnel_total", label: "人员经费" },
        amount: 7899,
        unit: "万元",
        quote: q(t2, 0),
        section: h2,
      }),
      claim({
        subject: { kind: "public", key: "public_total", label: "公用经费" },
        amount: 505,
        unit: "万元",
        quote: q(t2, 0),
        section: h2,
      }),
      claim({
        subject: { kind: "classification", code: "208", label: "社会保障和就业支出（类）" },
        amount: 1133,
        unit: "万元",
        quote: q(t2, 1),
        section: h2,
      }),
      claim({
        subject: { kind: "classification", code: "30108", label: "机关事业单位基本养老保险缴费" },
        amount: 403,
        unit: "万元",
        quote: q(t2, 2),
        section: h2,
      }),
      claim({
        subject: {
          kind: "three_public",
          key: "three_public.total",
          label: "一般公共预算“三公”经费预算",
        },
        amount: 12,
        change: -8,
        rate: "-40",
        direction: "decrease",
        unit: "万元",
        quote: q(t3, 0),
        section: h3,
      }),
    ];
    const tables = [
      ...budgetTables(),
      table(
        "three_public",
        ["prior", "budget"],
        [["three_public.total", "合计", { prior: "0.20", budget: "0.12" }]],
        { title: "一般公共预算“三公”经费支出表" },
      ),
    ];
    const report = checkDisclosure(disclosure({ tables, claims, sections }));
    assert.deepEqual(report.failures, []);
    const mine = report.findings.filter((f) => /^(text|template)\//u.test(f.rule));
    assert.deepEqual(
      mine.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
    // The same document with one sentence's figure changed is caught.
    const broken = claims.map((c) => (c.subject.kind === "public" ? { ...c, amount: 515 } : c));
    const again = checkDisclosure(disclosure({ tables, claims: broken, sections }));
    assert.ok(again.findings.some((f) => f.rule === "text/amount-matches-table"));
    assert.ok(again.findings.some((f) => f.rule === "text/breakdown-sum"));
  });
});

describe("text/breakdown-sum on a 其中 list", () => {
  it("reports parts listed under 其中 that exceed their total, accepts a partial list", () => {
    const quote =
      "机关运行经费支出 5.05 万元，其中：办公费 2 万、差旅费 1 万、其他商品和服务支出 3.52 万元。";
    const make = (other: number) => [
      claim({
        subject: { kind: "running_cost", key: "running_cost", label: "机关运行经费支出" },
        amount: 505,
        unit: "万元",
        quote,
      }),
      claim({
        subject: { kind: "classification", code: "30201", label: "办公费" },
        amount: 200,
        unit: "万元",
        quote,
      }),
      claim({
        subject: { kind: "classification", code: "30211", label: "差旅费" },
        amount: 100,
        unit: "万元",
        quote,
      }),
      claim({
        subject: { kind: "classification", code: "30299", label: "其他商品和服务支出" },
        amount: other,
        unit: "万元",
        quote,
      }),
    ];
    const f = only(doc(make(352), [], []), "text/breakdown-sum");
    assert.match(f.message, /合计 6\.52 万元，超过了机关运行经费支出 5\.05 万元/u);
    assert.deepEqual(findings(doc(make(152), [], []), "text/breakdown-sum"), []);
  });
});

describe("text/code-name-matches", () => {
  const make = (label: string) =>
    claim({
      subject: { kind: "classification", code: "2101504", label },
      amount: 1000,
      unit: "万元",
      quote: `(1) ${label}（2101504）10.00万元，较上年无增减。`,
    });
  it("reports a printed code carrying another line's name", () => {
    const f = only(doc([make("住房公积金")]), "text/code-name-matches");
    assert.equal(f.severity, "warning");
    assert.equal(f.actual, "住房公积金");
    assert.match(f.expected ?? "", /信息化建设/u);
    assert.equal(f.locations[1]?.key, "2101504");
  });
  it("accepts the code's own name, with or without 支出", () => {
    assert.deepEqual(findings(doc([make("信息化建设")]), "text/code-name-matches"), []);
    assert.deepEqual(findings(doc([make("信息化建设支出")]), "text/code-name-matches"), []);
  });
});

describe("text/amount-matches-table on a 三公 table's last-year column", () => {
  it("reports a stated last-year figure the table contradicts", () => {
    const tp = table(
      "three_public",
      ["prior", "budget"],
      [["three_public.total", "合计", { prior: "0.20", budget: "0.12" }]],
      { title: "一般公共预算“三公”经费支出表" },
    );
    const c = claim({
      subject: { kind: "three_public", key: "three_public.total", label: "“三公”经费" },
      amount: 12,
      prior: 30,
      change: -18,
      unit: "万元",
      direction: "decrease",
      quote: "“三公”经费预算 0.12 万元，上年 0.30 万元，减少 0.18 万元，主要原因是压减接待。",
    });
    const f = only(doc([c], [], [tp]), "text/amount-matches-table");
    assert.equal(f.locations[1]?.column, "prior");
    assert.equal(f.expected, "0.20 万元");
    const ok = {
      ...c,
      prior: 20,
      change: -8,
      quote: c.quote.replace("0.30", "0.20").replace("0.18", "0.08"),
    };
    assert.deepEqual(findings(doc([ok], [], [tp]), "text/amount-matches-table"), []);
  });
});

describe("narrative extraction the text rules rely on", () => {
  const read = (text: string, year = 2025) =>
    recognizeNarrative({
      lines: text.split("\n").map((t, i) => ({ kind: "line" as const, text: t, line: i + 1 })),
      year,
      unit: "万元",
      kind: "budget",
    }).claims;

  it("reads amounts after a change verb in a reason clause as changes", () => {
    const claims = read(
      "预算支出比去年增加的原因：预算支出比上年增加 0.62万元，其中基本支出增加 0.62 万元，项目支出增加 0 万元。",
    );
    const basic = claims.find((c) => c.subject.kind === "basic");
    assert.equal(basic?.amount, undefined);
    assert.equal(basic?.change, 62);
    assert.equal(basic?.direction, "increase");
    const project = claims.find((c) => c.subject.kind === "project");
    assert.equal(project?.change, 0);
    assert.equal(project?.amount, undefined);
  });

  it("reads a leading verb in a reason clause (增加基本支出 844.15 万元) as a change", () => {
    const claims = read("主要原因是政策性增资、住房公积金调整等原因，增加基本支出 844.15 万元。");
    const basic = claims.find((c) => c.subject.kind === "basic");
    assert.equal(basic?.change, 84415);
    assert.equal(basic?.amount, undefined);
  });

  it("reads “（2016 年度…预算安排为 X 万元）” in a 2017 text as last year's figure", () => {
    const claims = read(
      "2017 年度部门支出预算安排 9,146.79 万元，与 2016 年度相比（2016 年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。",
      2017,
    );
    const c = claims.find((x) => x.amount === 914679);
    assert.equal(c?.prior, 864807);
    assert.equal(c?.change, 49872);
  });
});

describe("tolerances that keep the rules from crying wolf", () => {
  it("accepts a rate cut rather than rounded, warns of a rate off by under 0.1 point beyond rounding", () => {
    const base = {
      subject: { kind: "gpb_total", key: "gpb.expenditure", label: "一般公共预算支出" },
      amount: 2416974,
      unit: "万元",
      change: 222878,
      direction: "increase",
    } as const;
    // 2228.78 / 21940.96 = 10.158%: printed 10.15 (cut) is fine.
    const cut = claim({
      ...base,
      rate: "10.15",
      quote: "一般公共预算支出 24,169.74万元，与上年相比增加2228.78 万元，增长10.15 %。",
    });
    assert.deepEqual(findings(doc([cut], [], []), "text/growth-rate"), []);
    const near = claim({ ...base, rate: "10.10", quote: cut.quote.replace("10.15", "10.10") });
    // 10.10% cannot come from these figures however they are rounded: a
    // misprint, if a small one (issue 10: a rate off by more than rounding).
    assert.equal(only(doc([near], [], []), "text/growth-rate").severity, "warning");
    const off = claim({ ...base, rate: "9.15", quote: cut.quote.replace("10.15", "9.15") });
    assert.equal(only(doc([off], [], []), "text/growth-rate").severity, "error");
  });

  it("does not require 基本支出 + 项目支出 to make up a total other lines may share", () => {
    const quote =
      "本年支出预算合计 13649.07万元，其中：基本支出 7666.68万元，项目支出 5853.96万元。";
    const claims = [
      claim({
        subject: { kind: "expenditure_total", key: "expenditure.total", label: "本年支出预算合计" },
        amount: 1364907,
        unit: "万元",
        quote,
      }),
      claim({
        subject: { kind: "basic", key: "basic", label: "基本支出" },
        amount: 766668,
        unit: "万元",
        quote,
      }),
      claim({
        subject: { kind: "project", key: "project", label: "项目支出" },
        amount: 585396,
        unit: "万元",
        quote,
      }),
    ];
    assert.deepEqual(findings(doc(claims, [], []), "text/breakdown-sum"), []);
    const over = claims.map((c) => (c.subject.kind === "project" ? { ...c, amount: 785396 } : c));
    assert.equal(only(doc(over, [], []), "text/breakdown-sum").severity, "error");
  });

  it("skips totals narrowed to one source of funds and sentences naming a table", () => {
    const other = claim({
      subject: { kind: "income_total", key: "income.total", label: "其他资金收入预算总计" },
      amount: 1500,
      unit: "万元",
      quote: "2．其他资金收入预算总计 15 万元。",
    });
    const named = claim({
      subject: {
        kind: "fiscal_total",
        key: "fiscal.expenditure",
        label: "《财政拨款支出预算表（功能科目）》增加了“事业运行”项级科目分流",
      },
      amount: 31500,
      unit: "万元",
      quote: "三是《财政拨款支出预算表（功能科目）》增加了“事业运行”项级科目分流315万元。",
    });
    assert.deepEqual(findings(doc([other, named]), "text/amount-matches-table"), []);
  });

  it("compares an economic line with a basic-only table only where the text is smaller", () => {
    const make = (amount: number, quote: string) =>
      claim({
        subject: { kind: "classification", code: "30108", label: "会议费" },
        amount,
        unit: "万元",
        quote,
      });
    // 5.00 万元 may include project spending the basic table does not show.
    assert.deepEqual(
      findings(doc([make(500, "会议费预算支出 5.00 万元。")]), "text/amount-matches-table"),
      [],
    );
    assert.equal(
      findings(doc([make(100, "会议费预算支出 1.00 万元。")]), "text/amount-matches-table").length,
      1,
    );
  });
});

describe("text/percent-sign", () => {
  it("reports a rate and a share written without %", () => {
    const s = section(
      "三、支出决算情况说明",
      "一般公共预算财政拨款支出增加1193.20 万元，增长 13.95。\n基本支出 2336.91万元，占76.23；项目支出 603.14万元，占20.51%。",
    );
    const fs = findings(doc([], [s]), "text/percent-sign");
    assert.deepEqual(
      fs.map((f) => f.expected),
      ["13.95%", "76.23%"],
    );
    assert.equal(fs[0]?.severity, "warning");
    assert.equal(fs[0]?.locations[0]?.line, s.source.line);
  });
  it("accepts figures with % and amounts with units", () => {
    const s = section("三、支出决算情况说明", "增长 13.95%，占 76.23 %；比上年增加 0.62 万元。");
    assert.deepEqual(findings(doc([], [s]), "text/percent-sign"), []);
  });
});

describe("text/direction-matches-numbers on a zero year", () => {
  it("reports 增加 when this year is zero", () => {
    const c = claim({
      subject: { kind: "three_public", key: "three_public.reception", label: "公务接待费" },
      amount: 0,
      change: 30,
      direction: "increase",
      unit: "万元",
      quote: "公务接待费 0 万元，比上年增加 0.30 万元，主要原因是接待减少。",
    });
    assert.match(
      only(doc([c], [], []), "text/direction-matches-numbers").message,
      /本年为 0 万元/u,
    );
  });
});

describe("a sentence about both sides (收入支出总计)", () => {
  it("reads 财政拨款收入支出总计 as the fiscal grand totals and reports a wrong figure once", () => {
    const claims = recognizeNarrative({
      lines: [
        { kind: "line", text: "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。", line: 7 },
      ],
      year: 2024,
      unit: "万元",
      kind: "final",
    }).claims;
    assert.deepEqual(
      claims.map((c) => c.subject.key),
      ["fiscal.income.grand_total", "fiscal.expenditure.grand_total"],
    );
    const fiscal = table(
      "fiscal_summary",
      ["amount", "total"],
      [
        ["income.grand_total", "总计", { amount: "2961.68" }],
        ["expenditure.grand_total", "总计", { total: "2961.68" }],
      ],
      { title: "财政拨款收入支出决算总表" },
    );
    const d = disclosure({ kind: "final", year: 2024, tables: [fiscal], claims });
    const f = only(d, "text/amount-matches-table");
    assert.equal(f.expected, "2961.68 万元");
    assert.equal(f.locations[0]?.line, 7);
  });
});

describe("a department with other funds than 一般公共预算", () => {
  it("reads the 一般公共预算 table as a part: a larger category figure is not an error", () => {
    const tables = [
      table("expenditure", ["total"], [["total", "合计", { total: "17,996.68" }]], {
        title: "支出预算总表",
      }),
      table(
        "gpb_function",
        ["amount"],
        [
          ["total", "合计", { amount: "17,981.68" }],
          ["204", "公共安全支出", { amount: "13,641.34" }],
        ],
        { title: "一般公共预算支出预算表" },
      ),
    ];
    const make = (amount: number, quote: string) =>
      claim({
        subject: { kind: "classification", code: "204", label: "公共安全（类）" },
        amount,
        unit: "万元",
        quote,
      });
    const all = make(1365634, "1．公共安全（类）支出 13656.34 万元，主要用于检察院行政支出。");
    assert.deepEqual(findings(doc([all], [], tables), "text/amount-matches-table"), []);
    const gpb = make(1365634, "1．一般公共预算公共安全（类）支出 13656.34 万元。");
    assert.equal(findings(doc([gpb], [], tables), "text/amount-matches-table").length, 1);
  });
});

describe("text/running-cost-within-public", () => {
  const make = (amount: number) =>
    claim({
      subject: { kind: "running_cost", key: "running_cost", label: "机关运行经费" },
      amount,
      unit: "万元",
      quote: `2025 年机关运行经费财政拨款预算 ${(amount / 100).toFixed(2)} 万元。`,
    });
  it("warns when the stated 机关运行经费 exceeds the table's 公用经费", () => {
    const f = only(doc([make(605)]), "text/running-cost-within-public");
    assert.equal(f.severity, "warning");
    assert.equal(f.expected, "不超过 5.05 万元");
    assert.equal(f.locations[1]?.column, "public");
  });
  it("accepts an amount equal to or below it", () => {
    assert.deepEqual(findings(doc([make(505)]), "text/running-cost-within-public"), []);
    assert.deepEqual(findings(doc([make(300)]), "text/running-cost-within-public"), []);
  });
});

describe("text/year-matches-document in final accounts", () => {
  it("reports a 决算 figure dated another year, accepts a comparison", () => {
    const heading = "一、收入支出决算总体情况说明";
    const bad = section(heading, "2023 年度收入支出决算总计 587.09 万元。");
    const d = disclosure({ kind: "final", year: 2024, sections: [bad] });
    const f = only(d, "text/year-matches-document");
    assert.equal(f.actual, "2023 年");
    assert.equal(f.locations[0]?.line, bad.source.line);
    const ok = section(
      heading,
      "2024 年度收入支出决算总计 587.09 万元，与 2023 年度决算相比减少 7.08 万元。",
    );
    assert.deepEqual(
      findings(
        disclosure({ kind: "final", year: 2024, sections: [ok] }),
        "text/year-matches-document",
      ),
      [],
    );
  });
});
