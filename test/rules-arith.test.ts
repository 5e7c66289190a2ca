/**
 * The `arith` rules on hand-built documents: each identity broken once (the
 * finding names the cells, numbers and unit), a rounding gap reported as 尾差,
 * and complete consistent budget and final-accounts sets that check clean.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { budgetDoc, type Edit, finalDoc } from "./helpers/arith-docs.ts";
import { disclosure, table } from "./helpers/disclosure.ts";

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

/** Every location names a cell: table, key, column and a source line. */
function assertCells(f: Finding, expected: [string, string, string][]): void {
  for (const l of f.locations) {
    assert.ok(l.line && l.line > 0, "location has a line");
  }
  assert.deepEqual(
    f.locations.map((l) => [l.table, l.key, l.column]),
    expected,
  );
}

describe("consistent documents check clean", () => {
  for (const [name, doc] of [
    ["budget", budgetDoc()],
    ["final", finalDoc()],
  ] as const) {
    it(`${name}: no arith finding`, () => {
      const report = checkDisclosure(doc);
      assert.deepEqual(report.failures, []);
      const arith = report.findings.filter((f) => f.rule.startsWith("arith/"));
      assert.deepEqual(arith, []);
    });
  }
});

describe("arith/function-subtotals", () => {
  const edit = (text: string): Edit[] => [["gpb_function", "210", "total", text]];
  it("a 类 beyond rounding of its 款 is an error naming table, row, column, both sums", () => {
    const f = only(budgetDoc(edit("80.06")), "arith/function-subtotals");
    assert.equal(f.severity, "error");
    assert.equal(
      f.message,
      "一般公共预算支出表 210 卫生健康支出 合计 80.06 万元，不等于其下各款之和 80.00 万元，相差 0.06 万元",
    );
    assert.equal(f.expected, "80.00 万元");
    assert.equal(f.actual, "80.06 万元");
    assertCells(f, [
      ["gpb_function", "210", "total"],
      ["gpb_function", "21011", "total"],
      ["gpb_function", "21015", "total"],
    ]);
  });
  it("a gap of 0.01 万元 over two 款 is 尾差 (info)", () => {
    const f = only(budgetDoc(edit("80.01")), "arith/function-subtotals");
    assert.equal(f.severity, "info");
    assert.match(f.message, /相差 0\.01 万元，在四舍五入尾差范围内（不超过 0\.01 万元），属尾差/);
  });
  it("a 款 against its 项 in the 支出总表", () => {
    const fs = findings(
      budgetDoc([["expenditure", "21015", "project", "21.00"]]),
      "arith/function-subtotals",
    );
    // The 款 now disagrees with its 项 and with its 类: both are reported.
    assert.deepEqual(
      fs.map((f) => f.locations[0]?.key),
      ["210", "21015"],
    );
    const f = fs[1] as Finding;
    assert.match(
      f.message,
      /^支出总表 21015 医疗保障管理事务 项目支出 21\.00 万元，不等于其下各项之和 20\.00 万元/,
    );
  });
  it("a 元 table printed to 分 allows no gap: 0.01 元 is an error", () => {
    const doc = disclosure({
      unit: "元",
      tables: [
        table(
          "gpb_function",
          ["total"],
          [
            ["210", "卫生健康支出", { total: "800,000.01" }],
            ["21011", "行政事业单位医疗", { total: "500,000.00" }],
            ["21015", "医疗保障管理事务", { total: "300,000.00" }],
          ],
          { unit: "元", title: "一般公共预算支出表" },
        ),
      ],
    });
    const f = only(doc, "arith/function-subtotals");
    assert.equal(f.severity, "error");
    assert.equal(f.expected, "800000.00 元");
    assert.equal(f.actual, "800000.01 元");
  });
  it("a 类 without printed 款 is not checked", () => {
    const doc = disclosure({
      tables: [table("gpb_function", ["total"], [["210", "卫生健康支出", { total: "5.00" }]])],
    });
    assert.deepEqual(findings(doc, "arith/function-subtotals"), []);
  });
});

describe("arith/economic-subtotals", () => {
  it("301 against its 款", () => {
    const f = only(
      budgetDoc([["gpb_basic_economic", "301", "total", "61.00"]]),
      "arith/economic-subtotals",
    );
    assert.equal(f.severity, "error");
    assert.equal(f.actual, "61.00 万元");
    assert.equal(f.expected, "60.00 万元");
    assert.match(
      f.message,
      /^一般公共预算基本支出表 301 工资福利支出 合计 61\.00 万元，不等于其下各款之和/,
    );
    assert.deepEqual(
      f.locations.map((l) => l.key),
      ["301", "30101", "30102", "30108"],
    );
  });
});

describe("arith/total-row", () => {
  it("合计 row against the 类 rows, per column", () => {
    const f = only(budgetDoc([["gpb_function", "total", "personnel", "71.00"]]), "arith/total-row");
    assert.equal(f.severity, "error");
    assert.match(
      f.message,
      /^一般公共预算支出表 合计 人员经费 71\.00 万元，不等于各类之和 70\.00 万元，相差 1\.00 万元$/,
    );
    assertCells(f, [
      ["gpb_function", "total", "personnel"],
      ["gpb_function", "208", "personnel"],
      ["gpb_function", "210", "personnel"],
      ["gpb_function", "221", "personnel"],
    ]);
  });
});

describe("arith/expenditure-columns", () => {
  it("合计 = 基本 + 项目 on a 类 row", () => {
    const f = only(
      budgetDoc([["expenditure", "221", "basic", "7.00"]]),
      "arith/expenditure-columns",
    );
    assert.match(
      f.message,
      /^支出总表 221 住房保障支出 合计 8\.00 万元，不等于同行基本支出、项目支出等各列之和 7\.00 万元/,
    );
    assertCells(f, [
      ["expenditure", "221", "total"],
      ["expenditure", "221", "basic"],
      ["expenditure", "221", "project"],
    ]);
  });
  it("基本 = 人员 + 公用", () => {
    const fs = findings(
      budgetDoc([["gpb_function", "2101501", "public", "11.00"]]),
      "arith/expenditure-columns",
    );
    assert.equal(fs.length, 1);
    assert.match(
      fs[0]?.message ?? "",
      /2101501 行政运行 基本支出 55\.00 万元，不等于同行人员经费与公用经费之和 56\.00 万元/,
    );
  });
});

describe("arith/income-columns", () => {
  it("收入合计 = Σ sources", () => {
    const f = only(finalDoc([["income", "221", "business", "1.00"]]), "arith/income-columns");
    assert.equal(f.actual, "8.00 万元");
    assert.equal(f.expected, "9.00 万元");
    assert.equal(f.locations[0]?.table, "income");
  });
});

describe("arith/fund-columns", () => {
  it("财政拨款收支总表 合计 = 一般公共 + 基金 + 国资", () => {
    const f = only(
      finalDoc([["fiscal_summary", "expenditure.function.210", "gov_fund", "1.00"]]),
      "arith/fund-columns",
    );
    assert.match(
      f.message,
      /^财政拨款收入支出决算总表 卫生健康支出 合计 80\.00 万元，不等于同行一般公共预算、政府性基金预算、国有资本经营预算之和 81\.00 万元/,
    );
  });
});

describe("summary tables", () => {
  it("arith/summary-income-total", () => {
    const f = only(
      budgetDoc([["summary", "income.business", "amount", "3.00"]]),
      "arith/summary-income-total",
    );
    assert.equal(
      f.message,
      "收支总表 本年收入合计 100.00 万元，不等于各项收入之和 103.00 万元，相差 3.00 万元",
    );
    assert.deepEqual(
      f.locations.map((l) => l.key),
      [
        "income.total",
        "income.gpb",
        "income.gov_fund",
        "income.state_capital",
        "income.business",
        "income.other",
      ],
    );
  });
  it("arith/summary-expenditure-total", () => {
    const f = only(
      budgetDoc([["summary", "expenditure.function.221", "amount", "9.00"]]),
      "arith/summary-expenditure-total",
    );
    assert.match(
      f.message,
      /^收支总表 本年支出合计 100\.00 万元，不等于各支出功能分类科目之和 101\.00 万元/,
    );
  });
  it("a summary printing functional and economic lists side by side checks each against its total", () => {
    const doc = disclosure({
      unit: "元",
      tables: [
        table(
          "summary",
          ["amount"],
          [
            ["expenditure.function.210", "卫生健康支出", { amount: "100.00" }],
            ["expenditure.economic.301", "(1)工资福利支出", { amount: "60.00" }],
            ["expenditure.economic.302", "(2)商品和服务支出", { amount: "29.00" }],
            ["expenditure.economic.302#2", "(2)商品和服务支出", { amount: "10.00" }],
            ["expenditure.total", "本年支出合计", { amount: "100.00" }],
            ["expenditure.total#2", "本年支出合计", { amount: "100.00" }],
          ],
          { unit: "元", title: "单位综合预算收支总表" },
        ),
      ],
    });
    const f = only(doc, "arith/summary-expenditure-total");
    assert.equal(
      f.message,
      "单位综合预算收支总表 本年支出合计 100.00 元，不等于各部门预算支出经济分类科目之和 99.00 元，相差 1.00 元",
    );
    assert.deepEqual(
      f.locations.map((l) => l.key),
      [
        "expenditure.total#2",
        "expenditure.economic.301",
        "expenditure.economic.302",
        "expenditure.economic.302#2",
      ],
    );
  });
  it("arith/summary-grand-totals", () => {
    const doc = finalDoc([["summary", "income.carryover", "amount", "6.00"]]);
    const fs = findings(doc, "arith/summary-grand-totals");
    assert.equal(fs.length, 1);
    assert.equal(
      fs[0]?.message,
      "收入支出决算总表 总计 100.00 万元，不等于本年收入合计与上年结转等之和 101.00 万元，相差 1.00 万元",
    );
  });
  it("arith/summary-balance", () => {
    const doc = budgetDoc([
      ["summary", "expenditure.carryover", "amount", "5.00"],
      ["summary", "expenditure.grand_total", "amount", "105.00"],
    ]);
    const f = only(doc, "arith/summary-balance");
    assert.equal(
      f.message,
      "收支总表 支出总计 105.00 万元，与收入总计 100.00 万元 不相等，相差 5.00 万元",
    );
    assert.deepEqual(findings(doc, "arith/summary-grand-totals"), []);
  });
  it("a summary missing its carry-over line is not added up", () => {
    const doc = disclosure({
      tables: [
        table(
          "summary",
          ["amount"],
          [
            ["income.total", "本年收入合计", { amount: "10.00" }],
            ["income.grand_total", "收入总计", { amount: "12.00" }],
          ],
        ),
      ],
    });
    assert.deepEqual(findings(doc, "arith/summary-grand-totals"), []);
  });
});

describe("arith/three-public-sum", () => {
  it("合计 = 出国 + 用车 + 接待 in the 预算数 column", () => {
    const f = only(
      budgetDoc([["three_public", "three_public.reception", "budget", "2.00"]]),
      "arith/three-public-sum",
    );
    assert.equal(
      f.message,
      "一般公共预算“三公”经费支出表 合计 4.00 万元，不等于因公出国（境）费、公务用车购置及运行费、公务接待费之和 5.00 万元，相差 1.00 万元",
    );
    assert.equal(f.locations[0]?.key, "three_public.total");
  });
  it("用车 = 购置 + 运行 in the 决算数 column", () => {
    const f = only(
      finalDoc([["three_public", "three_public.vehicle_purchase", "final", "1.00"]]),
      "arith/three-public-sum",
    );
    assert.match(
      f.message,
      /公务用车购置及运行维护费 决算数 3\.00 万元，不等于公务用车购置费与运行费之和 4\.00 万元/,
    );
  });
});

describe("arith/basic-blocks", () => {
  it("人员经费合计 = 301 + 303 (warning, unconfirmed)", () => {
    const f = only(
      finalDoc([["gpb_basic_economic", "personnel_total", "amount", "69.00"]]),
      "arith/basic-blocks",
    );
    assert.equal(f.severity, "warning");
    assert.equal(
      f.message,
      "一般公共预算财政拨款基本支出决算表 人员经费合计 69.00 万元，不等于 301 工资福利支出、303 对个人和家庭的补助之和 70.00 万元，相差 1.00 万元",
    );
  });
});

describe("untrustworthy tables are not checked", () => {
  it("a table whose 合计 column is blank while another column holds money (shifted columns)", () => {
    const doc = disclosure({
      tables: [
        table(
          "income",
          ["total", "business", "other"],
          [
            ["208", "社会保障和就业支出", { total: "", business: "7.41", other: "1.36" }],
            ["20805", "行政事业单位养老支出", { total: "", business: "6.05", other: "" }],
          ],
        ),
      ],
    });
    const arith = checkDisclosure(doc).findings.filter((f) => f.rule.startsWith("arith/"));
    assert.deepEqual(arith, []);
  });
});

describe("arith/personnel-columns (strict only)", () => {
  const edits: Edit[] = [
    ["gpb_basic_economic", "total", "personnel", "71.00"],
    ["gpb_basic_economic", "total", "public", "9.00"],
  ];
  it("合计 人员经费 against 301 + 303 under the strict preset", () => {
    const report = checkDisclosure(budgetDoc(edits), { preset: "strict" });
    const fs = report.findings.filter((f) => f.rule === "arith/personnel-columns");
    assert.deepEqual(
      fs.map((f) => [f.severity, f.message]),
      [
        [
          "warning",
          "一般公共预算基本支出表 合计 人员经费 71.00 万元，不等于 301 工资福利支出、303 对个人和家庭的补助的合计之和 70.00 万元，相差 1.00 万元",
        ],
        [
          "warning",
          "一般公共预算基本支出表 合计 公用经费 9.00 万元，不等于 302 商品和服务支出的合计之和 10.00 万元，相差 1.00 万元",
        ],
      ],
    );
  });
  it("off under the recommended preset, silent on a consistent document", () => {
    assert.deepEqual(findings(budgetDoc(edits), "arith/personnel-columns"), []);
    const strict = checkDisclosure(budgetDoc(), { preset: "strict" });
    assert.deepEqual(
      strict.findings.filter((f) => f.rule.startsWith("arith/")),
      [],
    );
  });
});

describe("blank figures are not claims", () => {
  const summary = (total: string) =>
    disclosure({
      tables: [
        table(
          "summary",
          ["amount"],
          [
            ["expenditure.function.201", "一般公共服务支出", { amount: "10.00" }],
            ["expenditure.function.221", "住房保障支出", { amount: "2.00" }],
            ["expenditure.total", "当年支出小计", { amount: total }],
          ],
          { title: "收支预算总表" },
        ),
      ],
    });
  it("a blank 支出小计 (printed in another column group) is not compared", () => {
    assert.deepEqual(findings(summary(""), "arith/summary-expenditure-total"), []);
  });
  it("a printed 0.00 is compared", () => {
    const f = only(summary("0.00"), "arith/summary-expenditure-total");
    assert.equal(f.actual, "0.00 万元");
    assert.equal(f.expected, "12.00 万元");
  });
  it("a table that repeats codes (two tables run together) is not checked", () => {
    const doc = disclosure({
      tables: [
        table(
          "gpb_basic_economic",
          ["amount"],
          [
            ["302", "商品和服务支出", { amount: "5.00" }],
            ["30201", "办公费", { amount: "5.00" }],
            ["302#2", "商品和服务支出", { amount: "9.00" }],
            ["30201#2", "办公费", { amount: "1.00" }],
          ],
        ),
      ],
    });
    // Recognition keys a repeated code `302#2` but keeps its kind and level.
    for (const r of doc.tables[0]?.rows ?? []) {
      if (r.key.includes("#")) {
        r.keyKind = "econ_dept";
        r.level = r.key.startsWith("30201") ? 2 : 1;
      }
    }
    assert.deepEqual(
      checkDisclosure(doc).findings.filter((f) => f.rule.startsWith("arith/")),
      [],
    );
  });
});

describe("recognition's table issues", () => {
  it("a table recognition flags (table.*) is not checked; table.misplaced is", () => {
    const edits: Edit[] = [["expenditure", "221", "basic", "7.00"]];
    const flagged = budgetDoc(edits);
    flagged.issues.push({
      code: "table.columns",
      message: "未识别的列“单位预留机动经费”",
      table: "expenditure",
    });
    assert.deepEqual(findings(flagged, "arith/expenditure-columns"), []);
    const moved = budgetDoc(edits);
    moved.issues.push({ code: "table.misplaced", message: "按内容识别", table: "expenditure" });
    assert.equal(findings(moved, "arith/expenditure-columns").length, 1);
  });
});
