/**
 * 科目 sentences: "X（类）Y（款）Z（项）N万元" in the dress of each region,
 * resolved to a code so that its amount and each level's name are compared.
 * The sentences are copied from the corpus PDFs (their pages are named).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lookup } from "../src/catalog/index.ts";
import { findSubjectPaths, resolveSubjectPath } from "../src/catalog/path.ts";
import { checkDisclosure } from "../src/check/engine.ts";
import type { LayoutLine } from "../src/ingest/layout.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { recognizeNarrative } from "../src/recognize/narrative/index.ts";

function claimsOf(text: string, year: number) {
  const lines: LayoutLine[] = text
    .split("\n")
    .map((t, i) => ({ kind: "line", text: t, line: i + 1 }));
  return recognizeNarrative({ lines, year, unit: "万元", kind: "budget" }).claims;
}

function codes(text: string, year: number): (string | undefined)[] {
  return claimsOf(text, year)
    .filter((c) => c.subject.kind === "classification")
    .map((c) => c.subject.code);
}

describe("科目 paths as printed", () => {
  it("reads quoted paths with mixed brackets (上海普陀 商务委 2025 p4)", () => {
    const text = [
      "五、财政拨款支出预算情况说明",
      "  1. “一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元，主要用于机关行政运行和机关人员经费支出 。",
      "  11. “卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）”63.19万元，主要用于行政单位医疗金缴纳。",
    ].join("\n");
    assert.deepEqual(codes(text, 2025), ["2011301", "2101101"]);
  });

  it("takes the 类 from the heading when a sentence starts at its 款 (江苏省政协 2017 p9)", () => {
    const text = [
      "（一）一般公共服务支出（类）",
      "  1.政协事务（款）行政运行（项）支出 3,233.03 万元，与上年相比减少 108.56 万元，下降 3.25%。",
    ].join("\n");
    assert.deepEqual(codes(text, 2017), ["2010201"]);
  });

  it("reads an economic 类 and its 款, with a bracket inside a name (江苏省政协 2017 p10–11)", () => {
    const paths = findSubjectPaths("（6）维修（护）费（款）支出 100 万元");
    assert.equal(paths[0]?.kuan, "维修（护）费");
    const text = [
      "  1、工资福利支出（类）2,097.51 万元",
      "  （1）基本工资（款）支出 737.94 万元。用于发放机关公务员的基本工资。",
    ].join("\n");
    assert.deepEqual(codes(text, 2017), ["301", "30101"]);
  });

  it("still finds the code when one level is misnamed, so the name can be reported", () => {
    // 江苏省人大常委会 2019 p13 names the 款 行政事业单位离退休 a 类.
    const path = findSubjectPaths(
      "1．行政事业单位离退休（类）机关事业单位基本养老保险缴费支出（项）",
    )[0];
    assert.ok(path);
    assert.equal(resolveSubjectPath(path, 2019)?.code, "2080505");
    // 其它 is read as the catalog's 其他.
    const other = findSubjectPaths(
      "社会保障和就业支出（类）行政事业单位养老支出（款）其它行政事业单位养老支出（项）",
    )[0];
    assert.ok(other);
    assert.equal(resolveSubjectPath(other, 2025)?.code, "2080599");
  });
});

describe("text/subject-path-names", () => {
  function check(text: string, year: number) {
    const claims = claimsOf(text, year);
    const doc = {
      schemaVersion: 1,
      title: "测试",
      entity: "上海市普陀区社会福利院",
      year,
      kind: "budget",
      unit: "万元",
      tables: [],
      sections: [],
      claims,
      issues: [],
      source: { format: "text" },
    } as unknown as Disclosure;
    return checkDisclosure(doc).findings.filter((f) => f.rule === "text/subject-path-names");
  }

  it("reports an outdated 类 name for the year (普陀区社会福利院 2024 p6)", () => {
    const found = check(
      "  5. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）”50.37万元，主要用于人员医疗保险。",
      2024,
    );
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /卫生健康支出/u);
    assert.match(found[0]?.message ?? "", /2018 年及以前的名称/u);
  });

  it("reports a 款 printed as the 类 (江苏省人大常委会 2019 p13)", () => {
    const found = check(
      "  1．住房改革支出（类）住房公积金（项）752.9万元，与上年相比增加180.34万元，增加31.5%。",
      2019,
    );
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /22102 款级科目/u);
  });

  it("accepts the names a region prints correctly, with or without 支出", () => {
    assert.equal(lookup("208", 2025)?.name, "社会保障和就业支出");
    const found = check(
      [
        "  1.社会保障和就业（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）141.09万元。",
        "  2. “卫生健康支出（类）行政事业单位医疗（款)事业单位医疗（项）”24.99万元，主要用于事业单位医疗金缴纳。",
      ].join("\n"),
      2025,
    );
    assert.deepEqual(found, []);
  });
});

describe("text/same-quantity-twice", () => {
  function findings(text: string, year: number) {
    const lines: LayoutLine[] = text
      .split("\n")
      .map((t, i) => ({ kind: "line", text: t, line: i + 1 }));
    const claims = recognizeNarrative({ lines, year, unit: "万元", kind: "budget" }).claims;
    const doc = {
      schemaVersion: 1,
      title: "测试",
      entity: "江苏省政协办公厅",
      year,
      kind: "budget",
      unit: "万元",
      tables: [],
      sections: [],
      claims,
      issues: [],
      source: { format: "text" },
    } as unknown as Disclosure;
    return checkDisclosure(doc).findings.filter((f) => f.rule === "text/same-quantity-twice");
  }
  // 江苏省政协办公厅 2017 p9, as published.
  const heading = "（一）一般公共服务支出（类）";
  const first =
    "  1.政协事务（款）行政运行（项）支出 3,233.03 万元，与上年相比减少 108.56 万元，下降 3.25%。主要原因是本年在职人员减少。";

  it("is silent on the published text", () => {
    assert.deepEqual(findings([heading, first].join("\n"), 2017), []);
  });

  it("reports the same item restated with another amount a few lines on", () => {
    const restated =
      "  行政运行（项）按政协事务（款）列支，政协事务（款）行政运行（项）支出 3,323.03 万元。";
    const found = findings([heading, first, restated].join("\n"), 2017);
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /3233\.03 万元.*3323\.03 万元/u);
  });

  it("reports one decrease given two values", () => {
    const restated = "  政协事务（款）行政运行（项）支出与上年相比减少 118.56 万元。";
    const found = findings([heading, first, restated].join("\n"), 2017);
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /增减额/u);
  });
});
