/**
 * The text and template rules on the five real seeds. Every error and
 * warning listed here was checked by reading the seed: each is a real
 * problem of the published document, not of extraction. Nothing else of
 * these families may reach warning or error on the seeds.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import { ingestFile } from "../src/ingest/index.ts";
import { recognize } from "../src/recognize/index.ts";
import { seedFiles, seedPath } from "./helpers/seeds.ts";

const found = new Map<string, Finding[]>();

before(async () => {
  for (const f of seedFiles()) {
    const prefix = f.slice(0, 3);
    const doc = recognize(await ingestFile(seedPath(prefix)), { file: f });
    const report = checkDisclosure(doc);
    assert.deepEqual(report.failures, [], f);
    found.set(
      prefix,
      report.findings.filter((x) => /^(text|template)\//u.test(x.rule) && x.severity !== "info"),
    );
  }
});

function of(seed: string): Finding[] {
  return found.get(seed) ?? [];
}

/** "severity rule @line" of each finding, sorted. */
function keys(seed: string): string[] {
  return of(seed)
    .map((f) => `${f.severity} ${f.rule} @${f.locations[0]?.line}`)
    .sort();
}

function find(seed: string, rule: string, line: number): Finding {
  const f = of(seed).find((x) => x.rule === rule && x.locations[0]?.line === line);
  assert.ok(f, `${seed}: no ${rule} at line ${line}; have ${keys(seed).join("; ")}`);
  return f;
}

describe("text and template rules on the seeds", () => {
  it("000: the 重点项目 paragraph of a 2025 budget dated 2024", () => {
    const f = find("000", "text/year-matches-document", 1630);
    assert.equal(f.severity, "error");
    assert.match(f.message, /2024 年预算安排 10万元/u);
    assert.equal(f.actual, "2024 年");
  });

  it("000: 医疗保障管理事务支出 10 万元 where 21015 is 72.90 万元 (a bare name: warning)", () => {
    const f = find("000", "text/amount-matches-table", 85);
    assert.equal(f.severity, "warning");
    assert.equal(f.locations[1]?.key, "21015");
    assert.equal(f.expected, "72.90 万元");
  });

  it("000: 增（减） left unchosen in three 三公 sentences", () => {
    for (const line of [151, 159, 163]) {
      assert.match(find("000", "template/unfilled-choice", line).message, /增（减）/u);
    }
  });

  it("002: 40 万元 of project spending, 100% of a 项目支出 the tables print as 0", () => {
    for (const line of [1664, 2168]) {
      const f = find("002", "text/share-ratio", line);
      assert.equal(f.severity, "error");
      assert.match(f.message, /资金 40 万元，占一般公共预算项目支出总额的 100％/u);
      assert.match(f.message, /“项目支出”为 0\.00 万元/u);
      assert.equal(f.locations[1]?.table, "gpb_function");
      assert.equal(f.locations[1]?.column, "project");
    }
  });

  it("002: 省级财政 boilerplate in a district unit's 名词解释", () => {
    const fs = of("002").filter((f) => f.rule === "template/foreign-level");
    assert.deepEqual(
      fs.map((f) => f.actual),
      ["省级财政", "省级财政", "省级财政", "纳入省级财政"],
    );
    assert.ok(fs.every((f) => f.severity === "warning"));
    assert.match(fs[0]?.message ?? "", /一般公共预算财政拨款收入：指省级财政/u);
  });

  it("002: completion rates written against a zero 三公 budget, and unchosen 增长（下降）", () => {
    for (const line of [1554, 1564, 1578, 1597]) {
      const warned = of("002").filter(
        (f) =>
          f.rule === "text/completion-rate" &&
          f.locations[0]?.line === line &&
          f.severity === "warning",
      );
      assert.equal(warned.length, 1, `line ${line}`);
    }
    for (const line of [1554, 1597, 1601]) {
      assert.equal(find("002", "template/unfilled-choice", line).severity, "warning");
    }
  });

  it("002: “决算数小于预算数” where both are 0 (the next sentence after the figures)", () => {
    for (const line of [1554, 1564]) {
      const f = of("002").find(
        (x) =>
          x.rule === "text/completion-rate" &&
          x.locations[0]?.line === line &&
          x.severity === "error",
      );
      assert.ok(f, `line ${line}`);
      assert.match(f.message, /又称“决算数小于预算”，但决算 0 万元等于预算 0 万元/u);
    }
  });

  it("004: the 收入预算 paragraph gives all 679.04 万元 to 一般公共预算 against 618.88 in the 收支总表", () => {
    const f = find("004", "text/amount-matches-table", 792);
    assert.equal(f.severity, "error");
    assert.equal(f.locations[1]?.table, "summary");
    assert.equal(f.locations[1]?.key, "income.gpb");
    assert.equal(f.expected, "618.88 万元");
    assert.equal(f.actual, "679.04 万元");
  });

  it("004: 机关事业单位基本养老保险缴费 4.03 元 among 万元", () => {
    const f = find("004", "text/money-unit", 966);
    assert.equal(f.severity, "error");
    assert.equal(f.locations[1]?.key, "30108");
    assert.equal(f.expected, "4.03 万元");
  });

  it("nothing else reaches warning or error", () => {
    assert.deepEqual(keys("000"), [
      "error text/year-matches-document @1630",
      "warning template/doubled-punctuation @155",
      "warning template/unfilled-choice @151",
      "warning template/unfilled-choice @159",
      "warning template/unfilled-choice @163",
      "warning text/amount-matches-table @85",
    ]);
    assert.deepEqual(keys("001"), []);
    assert.deepEqual(keys("002"), [
      "error template/unfinished-sentence @1537",
      "error template/unfinished-sentence @1578",
      "error text/completion-rate @1554",
      "error text/completion-rate @1564",
      "error text/share-ratio @1664",
      "error text/share-ratio @2168",
      "warning template/foreign-level @2041",
      "warning template/foreign-level @2041",
      "warning template/foreign-level @2041",
      "warning template/foreign-level @2086",
      "warning template/unfilled-choice @1554",
      "warning template/unfilled-choice @1597",
      "warning template/unfilled-choice @1601",
      "warning text/completion-rate @1554",
      "warning text/completion-rate @1564",
      "warning text/completion-rate @1578",
      "warning text/completion-rate @1597",
    ]);
    assert.deepEqual(keys("003"), []);
    assert.deepEqual(keys("004"), [
      "error text/amount-matches-table @792",
      "error text/money-unit @966",
    ]);
  });
});
