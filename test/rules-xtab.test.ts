/**
 * The `xtab` rules on hand-built documents: each cross-table identity broken
 * once, the 三公 bounds across units (a 万元 三公 table in a 元 document), and
 * complete consistent budget and final-accounts sets that check clean.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { budgetDoc, buildDoc, type Edit, finalDoc, type TableSpec } from "./helpers/arith-docs.ts";

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

function cells(f: Finding): [string | undefined, string | undefined, string | undefined][] {
  for (const l of f.locations) assert.ok(l.line && l.line > 0);
  return f.locations.map((l) => [l.table, l.key, l.column]);
}

describe("consistent documents check clean", () => {
  for (const [name, doc] of [
    ["budget", budgetDoc()],
    ["final", finalDoc()],
  ] as const) {
    it(`${name}: no xtab finding`, () => {
      const report = checkDisclosure(doc);
      assert.deepEqual(report.failures, []);
      assert.deepEqual(
        report.findings.filter((f) => f.rule.startsWith("xtab/")),
        [],
      );
    });
  }
});

describe("xtab/summary-vs-income", () => {
  it("收入总表 合计 against 收支总表 本年收入合计", () => {
    const doc = budgetDoc([
      ["income", "total", "total", "90.00"],
      ["income", "total", "gpb", "90.00"],
    ]);
    const fs = findings(doc, "xtab/summary-vs-income");
    assert.equal(fs.length, 2);
    const [total, gpb] = fs as [Finding, Finding];
    assert.equal(total.severity, "error");
    assert.equal(
      total.message,
      "收入总表 合计 90.00 万元，与收支总表 本年收入合计 100.00 万元 不一致，相差 10.00 万元",
    );
    assert.deepEqual(cells(total), [
      ["income", "total", "total"],
      ["summary", "income.total", "amount"],
    ]);
    assert.equal(gpb.expected, "100.00 万元");
    assert.equal(gpb.actual, "90.00 万元");
    assert.match(
      gpb.message,
      /^收入总表 合计 一般公共预算 90\.00 万元，与收支总表 一般公共预算拨款收入 100\.00 万元 不一致/,
    );
  });
});

describe("xtab/summary-vs-income (final)", () => {
  it("the 财政拨款 column against the summary's grants where it prints no subtotal", () => {
    const doc = finalDoc([
      ["income", "total", "total", "90.00"],
      ["income", "total", "fiscal", "90.00"],
    ]);
    const fs = findings(doc, "xtab/summary-vs-income");
    assert.deepEqual(
      fs.map((f) => f.message),
      [
        "收入决算表 合计 90.00 万元，与收入支出决算总表 本年收入合计 95.00 万元 不一致，相差 5.00 万元",
        "收入决算表 合计 财政拨款 90.00 万元，与收入支出决算总表 一般公共预算财政拨款收入、政府性基金预算财政拨款收入之和 95.00 万元 不一致，相差 5.00 万元",
      ],
    );
  });
});

describe("xtab/summary-vs-expenditure", () => {
  it("a 类 line of 收支总表 against 支出总表", () => {
    const doc = budgetDoc([
      ["summary", "expenditure.function.210", "amount", "70.00"],
      ["summary", "expenditure.function.221", "amount", "18.00"],
    ]);
    const fs = findings(doc, "xtab/summary-vs-expenditure");
    assert.equal(fs.length, 2);
    assert.equal(
      fs[0]?.message,
      "收支总表 卫生健康支出 70.00 万元，与支出总表 210 卫生健康支出 合计 80.00 万元 不一致，相差 10.00 万元",
    );
    assert.deepEqual(cells(fs[0] as Finding), [
      ["summary", "expenditure.function.210", "amount"],
      ["expenditure", "210", "total"],
    ]);
  });
  it("a 类 the complete 支出总表 does not list", () => {
    const doc = budgetDoc([["summary", "expenditure.function.201", "amount", "3.00"]]);
    const f = only(doc, "xtab/summary-vs-expenditure");
    assert.equal(
      f.message,
      "收支总表 一般公共服务支出 3.00 万元，与支出总表（未列 201 类） 0.00 万元 不一致，相差 3.00 万元",
    );
    assert.deepEqual(
      f.locations.map((l) => l.table),
      ["summary", "expenditure"],
    );
  });
});

describe("xtab/summary-vs-fiscal-summary", () => {
  const edits: Edit[] = [
    ["fiscal_summary", "expenditure.function.210", "amount", "70.00"],
    ["fiscal_summary", "expenditure.function.221", "amount", "18.00"],
  ];
  it("all money is 财政拨款: the two summaries agree line by line", () => {
    const fs = findings(budgetDoc([...edits]), "xtab/summary-vs-fiscal-summary");
    assert.equal(fs.length, 2);
    assert.equal(
      fs[0]?.message,
      "财政拨款收支总表 卫生健康支出 70.00 万元，与收支总表 卫生健康支出 80.00 万元 不一致，相差 10.00 万元",
    );
  });
  it("with 事业收入 the 财政拨款 table is only a part: not compared", () => {
    const doc = budgetDoc([...edits, ["summary", "income.business", "amount", "5.00"]]);
    assert.deepEqual(findings(doc, "xtab/summary-vs-fiscal-summary"), []);
  });
});

describe("xtab/fiscal-summary-vs-fund-tables", () => {
  it("budget: a 类 of 财政拨款收支总表 against 一般公共预算支出表", () => {
    const doc = budgetDoc([
      ["fiscal_summary", "expenditure.function.210", "amount", "70.00"],
      ["fiscal_summary", "expenditure.function.221", "amount", "18.00"],
    ]);
    const fs = findings(doc, "xtab/fiscal-summary-vs-fund-tables");
    assert.equal(fs.length, 2);
    assert.equal(
      fs[0]?.message,
      "财政拨款收支总表 卫生健康支出 70.00 万元，与一般公共预算支出表 210 卫生健康支出 合计 80.00 万元 不一致，相差 10.00 万元",
    );
  });
  it("final: the 一般公共预算 column against 一般公共预算财政拨款支出决算表", () => {
    const doc = finalDoc([["gpb_function", "total", "total", "101.00"]]);
    const f = only(doc, "xtab/fiscal-summary-vs-fund-tables");
    assert.equal(
      f.message,
      "财政拨款收入支出决算总表 本年支出合计 一般公共预算 100.00 万元，与一般公共预算财政拨款支出决算表 合计 101.00 万元 不一致，相差 1.00 万元",
    );
  });
});

describe("xtab/fund-tables-vs-fiscal-summary", () => {
  it("an empty 政府性基金预算支出表 while the 财政拨款 table has fund money", () => {
    const doc = budgetDoc([
      ["fiscal_summary", "income.gpb", "amount", "95.00"],
      ["fiscal_summary", "income.gov_fund", "amount", "5.00"],
    ]);
    const fs = findings(doc, "xtab/fund-tables-vs-fiscal-summary");
    assert.deepEqual(
      fs.map((f) => f.message),
      [
        "政府性基金预算支出表为空表，但财政拨款收支总表列有政府性基金预算财政拨款收入 5.00 万元",
        "一般公共预算支出表 合计 100.00 万元，与财政拨款收支总表 一般公共预算拨款 95.00 万元 不一致，相差 5.00 万元",
      ],
    );
    const f = fs[0] as Finding;
    assert.equal(f.expected, "0.00 万元");
    assert.equal(f.actual, "5.00 万元");
    assert.deepEqual(
      f.locations.map((l) => [l.table, l.key]),
      [
        ["fiscal_summary", "income.gov_fund"],
        ["gov_fund", undefined],
      ],
    );
  });
  it("一般公共预算支出表 against the 一般公共预算 grant plus its itemised carry-over", () => {
    const carry: Edit[] = [
      ["fiscal_summary", "income.carryover", "amount", "5.00"],
      ["fiscal_summary", "income.grand_total", "amount", "105.00"],
      ["fiscal_summary", "expenditure.grand_total", "amount", "105.00"],
    ];
    const itemised = budgetDoc([...carry]);
    itemised.tables
      .find((t) => t.id === "fiscal_summary")
      ?.rows.push({
        key: "income.carryover.gpb",
        keyKind: "line",
        name: "一般公共预算拨款",
        cells: { amount: { amount: 500, text: "5.00", source: { line: 9000 } } },
        source: { line: 9000 },
      });
    const f = only(itemised, "xtab/fund-tables-vs-fiscal-summary");
    assert.equal(
      f.message,
      "一般公共预算支出表 合计 100.00 万元，与财政拨款收支总表 一般公共预算拨款、一般公共预算拨款之和 105.00 万元 不一致，相差 5.00 万元",
    );
    assert.deepEqual(
      f.locations.map((l) => l.key),
      ["total", "income.gpb", "income.carryover.gpb"],
    );
    // A lump carry-over could belong to any fund: not compared.
    assert.deepEqual(findings(budgetDoc([...carry]), "xtab/fund-tables-vs-fiscal-summary"), []);
  });
});

describe("xtab/function-vs-economic", () => {
  it("基本支出 of the functional table against the 基本支出表 合计", () => {
    const doc = budgetDoc([
      ["gpb_basic_economic", "total", "total", "81.00"],
      ["gpb_basic_economic", "total", "public", "11.00"],
    ]);
    const fs = findings(doc, "xtab/function-vs-economic");
    assert.deepEqual(
      fs.map((f) => f.message),
      [
        "一般公共预算支出表 合计 基本支出 80.00 万元，与一般公共预算基本支出表 合计 81.00 万元 不一致，相差 1.00 万元",
        "一般公共预算支出表 合计 公用经费 10.00 万元，与一般公共预算基本支出表 合计 公用经费 11.00 万元 不一致，相差 1.00 万元",
      ],
    );
  });
  it("final: 人员经费合计 + 公用经费合计 blocks against 基本支出", () => {
    const fs = findings(
      finalDoc([["gpb_basic_economic", "public_total", "amount", "12.00"]]),
      "xtab/function-vs-economic",
    );
    assert.deepEqual(
      fs.map((f) => f.message),
      [
        "一般公共预算财政拨款支出决算表 合计 基本支出 80.00 万元，与一般公共预算财政拨款基本支出决算表 人员经费合计、公用经费合计之和 82.00 万元 不一致，相差 2.00 万元",
        "一般公共预算财政拨款支出决算表 合计 公用经费 10.00 万元，与一般公共预算财政拨款基本支出决算表 公用经费合计 12.00 万元 不一致，相差 2.00 万元",
      ],
    );
  });
});

describe("xtab/three-public-bound", () => {
  it("30217 in the 基本支出表 above the 三公 公务接待费 (warning)", () => {
    const doc = budgetDoc([
      ["three_public", "three_public.reception", "budget", "0.50"],
      ["three_public", "three_public.total", "budget", "3.50"],
    ]);
    const f = only(doc, "xtab/three-public-bound");
    assert.equal(f.severity, "warning");
    assert.equal(
      f.message,
      "一般公共预算基本支出表 30217 公务接待费 合计 1.00 万元，大于一般公共预算“三公”经费支出表 公务接待费 0.50 万元，超出 0.50 万元",
    );
    assert.deepEqual(cells(f), [
      ["gpb_basic_economic", "30217", "total"],
      ["three_public", "three_public.reception", "budget"],
    ]);
  });

  /** A 元 document whose 三公 table prints 万元. */
  function mixed(econ: string, reception: string): Disclosure {
    const specs: TableSpec[] = [
      {
        id: "gpb_basic_economic",
        title: "一般公共预算基本支出表",
        columns: ["total"],
        rows: [["30217", "公务接待费", { total: econ }]],
      },
      {
        id: "three_public",
        title: "“三公”经费预算表",
        columns: ["budget"],
        unit: "万元",
        rows: [["three_public.reception", "公务接待费", { budget: reception }]],
      },
    ];
    return buildDoc("budget", specs, [], "元");
  }
  it("converts 万元 to 元 exactly: 10,100.00 元 exceeds 1.00 万元", () => {
    const f = only(mixed("10,100.00", "1.00"), "xtab/three-public-bound");
    assert.equal(f.actual, "10100.00 元");
    assert.equal(f.expected, "10000.00 元");
  });
  it("a gap within half a printed 0.01 万元 (50 元) is rounding, not an excess", () => {
    assert.deepEqual(findings(mixed("10,040.00", "1.00"), "xtab/three-public-bound"), []);
    assert.deepEqual(findings(mixed("10,000.00", "1.00"), "xtab/three-public-bound"), []);
  });
});

describe("xtab/three-public-economic-sum", () => {
  it("final: 三公 决算数 = basic + project economic lines (warning)", () => {
    const doc = finalDoc([
      ["three_public", "three_public.reception", "final", "3.00"],
      ["three_public", "three_public.total", "final", "6.00"],
    ]);
    const f = only(doc, "xtab/three-public-economic-sum");
    assert.equal(f.severity, "warning");
    assert.equal(
      f.message,
      "财政拨款“三公”经费支出决算表 公务接待费 决算数 3.00 万元，与一般公共预算财政拨款基本支出决算表 30217 公务接待费、一般公共预算财政拨款项目支出决算表 30217 公务接待费之和 2.00 万元 不一致，相差 1.00 万元",
    );
  });
  it("a 尾差 across units is info", () => {
    const specs: TableSpec[] = [
      {
        id: "gpb_economic",
        title: "一般公共预算支出经济分类表",
        columns: ["total"],
        rows: [["30217", "公务接待费", { total: "10,040.00" }]],
      },
      {
        id: "three_public",
        title: "“三公”经费预算表",
        columns: ["budget"],
        unit: "万元",
        rows: [["three_public.reception", "公务接待费", { budget: "1.00" }]],
      },
    ];
    const f = only(buildDoc("budget", specs, [], "元"), "xtab/three-public-economic-sum");
    assert.equal(f.severity, "info");
    assert.match(f.message, /相差 40\.00 元，在四舍五入尾差范围内（不超过 50\.00 元），属尾差$/);
  });
});

describe("xtab/projects-vs-expenditure", () => {
  it("项目支出表 合计 against the 项目支出 column", () => {
    const doc = budgetDoc([
      ["projects", "total", "total", "25.00"],
      ["projects", "total", "gpb", "25.00"],
    ]);
    const f = only(doc, "xtab/projects-vs-expenditure");
    assert.equal(f.severity, "warning");
    assert.equal(
      f.message,
      "项目支出表 合计 25.00 万元，与支出总表 合计 项目支出 20.00 万元 不一致，相差 5.00 万元",
    );
  });
  it("a projects table listing basic items too (its total is the whole) is consistent", () => {
    const doc = budgetDoc([
      ["projects", "total", "total", "100.00"],
      ["projects", "total", "gpb", "100.00"],
    ]);
    assert.deepEqual(findings(doc, "xtab/projects-vs-expenditure"), []);
  });
});
