import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import { extractFile } from "../src/cli/extract.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { disclosure, table } from "./helpers/disclosure.ts";
import { seedPath } from "./helpers/seeds.ts";

function codeFindings(doc: Disclosure, rule?: string): Finding[] {
  return checkDisclosure(doc).findings.filter((f) =>
    rule ? f.rule === rule : f.rule.startsWith("code/"),
  );
}

/** A correct 2025 一般公共预算支出表, detailed to 项. */
const goodFunction = () =>
  table(
    "gpb_function",
    ["total", "basic", "project"],
    [
      ["210", "卫生健康支出", { total: "75.76", basic: "65.76", project: "10" }],
      ["21011", "行政事业单位医疗", { total: "2.86", basic: "2.86", project: "" }],
      ["2101102", "事业单位医疗", { total: "2.86", basic: "2.86", project: "" }],
      ["21015", "医疗保障管理事务", { total: "72.90", basic: "62.90", project: "10" }],
      ["2101550", "事业运行", { total: "72.90", basic: "62.90", project: "10" }],
    ],
  );

describe("code rules on hand-built documents", () => {
  it("a correct functional table has no code finding", () => {
    assert.deepEqual(codeFindings(disclosure({ tables: [goodFunction()] })), []);
  });

  it("code/unknown: a 款 that does not exist is an error, naming the line", () => {
    const t = goodFunction();
    const bad = table("gpb_function", ["total"], [["21088", "不存在的款", { total: "1" }]]);
    const doc = disclosure({ tables: [t, { ...bad, id: "gov_fund" }] });
    const [f, ...rest] = codeFindings(doc, "code/unknown");
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, "error");
    assert.match(f?.message ?? "", /21088 不存在的款/);
    assert.equal(f?.locations[0]?.key, "21088");
    assert.ok(f?.locations[0]?.line);
  });

  it("code/unknown: in a year past the catalog's last, an unknown 款 is a warning that says why", () => {
    const bad = table("gpb_function", ["total"], [["21088", "不存在的款", { total: "1" }]]);
    const [f, ...rest] = codeFindings(
      disclosure({ year: 2026, tables: [goodFunction(), { ...bad, id: "gov_fund" }] }),
      "code/unknown",
    );
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, "warning");
    assert.match(f?.message ?? "", /科目目录收录到 2025 年，2026 年新设的科目可能尚未收录/u);
  });

  it("code/unknown: a mistyped code whose name belongs to another code names that code", () => {
    const t = table(
      "gpb_project_economic",
      ["amount"],
      [["20921", "文物和陈列品购置", { amount: "3.00" }]],
    );
    const [f] = codeFindings(disclosure({ year: 2023, tables: [t] }), "code/unknown");
    assert.equal(f?.severity, "error");
    assert.equal(f?.expected, "30921");
  });

  it("code/name-mismatch: the name of another code is an error; an odd wording a warning", () => {
    const t = table(
      "gpb_function",
      ["total"],
      [
        ["2101102", "行政单位医疗", { total: "1" }],
        ["2101550", "事业运行（医保）补充", { total: "1" }],
      ],
    );
    const found = codeFindings(disclosure({ tables: [t] }), "code/name-mismatch");
    const swapped = found.find((f) => f.locations[0]?.key === "2101102");
    assert.equal(swapped?.severity, "error");
    assert.equal(swapped?.expected, "2101101");
    const odd = found.find((f) => f.locations[0]?.key === "2101550");
    assert.equal(odd?.severity, "warning");
  });

  it("code/wrong-parent: a 项 listed under another 款", () => {
    const t = table(
      "gpb_function",
      ["total"],
      [
        ["210", "卫生健康支出", { total: "2" }],
        ["21011", "行政事业单位医疗", { total: "1" }],
        ["2101550", "事业运行", { total: "1" }],
      ],
    );
    const [f] = codeFindings(disclosure({ tables: [t] }), "code/wrong-parent");
    assert.equal(f?.severity, "error");
    assert.deepEqual(
      f?.locations.map((l) => l.key),
      ["2101550", "21011"],
    );
  });

  it("code/wrong-kind: an economic code among functional rows", () => {
    const t = goodFunction();
    t.rows.push(...table("gpb_function", ["total"], [["30101", "基本工资", { total: "1" }]]).rows);
    const [f] = codeFindings(disclosure({ tables: [t] }), "code/wrong-kind");
    assert.equal(f?.locations[0]?.key, "30101");
  });

  it("code/not-detailed: a 款 with money but no 项; a 基本支出 类 with no 款", () => {
    const f1 = table(
      "gpb_function",
      ["total"],
      [
        ["210", "卫生健康支出", { total: "5" }],
        ["21015", "医疗保障管理事务", { total: "5" }],
      ],
    );
    const e1 = table("gpb_basic_economic", ["total"], [["301", "工资福利支出", { total: "5" }]]);
    const found = codeFindings(disclosure({ tables: [f1, e1] }), "code/not-detailed");
    assert.deepEqual(found.map((f) => f.locations[0]?.key).sort(), ["21015", "301"]);
    // A 款 with no money need not be detailed.
    const zero = table("gpb_function", ["total"], [["21015", "医疗保障管理事务", { total: "0" }]]);
    assert.deepEqual(codeFindings(disclosure({ tables: [zero] }), "code/not-detailed"), []);
  });
});

describe("code rules on the seeds", () => {
  it("seed 003: 20921 printed for 30921 in the 项目支出决算表", async () => {
    const d = await extractFile(seedPath("003"));
    const errors = codeFindings(d).filter((f) => f.severity === "error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.rule, "code/unknown");
    assert.equal(errors[0]?.locations[0]?.key, "20921");
    assert.equal(errors[0]?.locations[0]?.line, 263);
    assert.equal(errors[0]?.expected, "30921");
  });

  for (const seed of ["000", "001", "002", "004"]) {
    it(`seed ${seed}: no code errors`, async () => {
      const d = await extractFile(seedPath(seed));
      assert.deepEqual(
        codeFindings(d).filter((f) => f.severity === "error"),
        [],
      );
    });
  }
});
