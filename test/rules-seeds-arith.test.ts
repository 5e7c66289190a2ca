/**
 * The arith and xtab rules on the five real seeds. Every error or warning they
 * raise was checked against the seed text: the one real defect (seed 003's
 * 支出决算表 prints 卫生健康支出 基本支出 465.22 instead of 402.22, line 107) is
 * asserted with its location, and no seed may raise any other. Rounding gaps
 * the documents really print are asserted as 尾差 (info).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import { ingestFile } from "../src/ingest/index.ts";
import { recognize } from "../src/recognize/index.ts";
import { seedFiles, seedPath } from "./helpers/seeds.ts";

const ours = (f: Finding) => f.rule.startsWith("arith/") || f.rule.startsWith("xtab/");

/** rule, table, key, column, line of the first location, and a phrase of the message. */
type Expect = [
  rule: string,
  table: string,
  key: string,
  column: string,
  line: number,
  phrase: string,
];

/** Confirmed by reading the seed text (see the file comment). */
const SERIOUS: Record<string, Expect[]> = {
  "003": [
    [
      "arith/total-row",
      "expenditure",
      "total",
      "basic",
      103,
      "支出决算表 合计 基本支出 473.92 万元，不等于各类之和 536.92 万元，相差 63.00 万元",
    ],
    [
      "arith/expenditure-columns",
      "expenditure",
      "210",
      "total",
      107,
      "支出决算表 210 卫生健康支出 合计 465.22 万元，不等于同行基本支出、项目支出等各列之和 528.22 万元",
    ],
    [
      "arith/function-subtotals",
      "expenditure",
      "210",
      "basic",
      107,
      "支出决算表 210 卫生健康支出 基本支出 465.22 万元，不等于其下各款之和 402.22 万元",
    ],
  ],
  // Seed 004's 收入总表 prints under 上年结转 / 一般公共预算 each 科目's 基本支出 /
  // 项目支出 split of the 一般公共预算支出表 (210: 40.10 / 627.85, line 540),
  // while its 合计 row gives the real sources, 60.16 / 618.88 (line 283, as the
  // 收支总表): the 类 do not add up to the 合计 row whatever column the text
  // puts them in (49.84 + 629.21 cannot be split as 60.16 + 618.88).
  "004": [
    [
      "arith/total-row",
      "income",
      "total",
      "carryover",
      283,
      "收入总表 合计 上年结转 60.16 万元，不等于各类之和 49.84 万元，相差 10.32 万元",
    ],
    [
      "arith/total-row",
      "income",
      "total",
      "gpb",
      283,
      "收入总表 合计 一般公共预算 618.88 万元，不等于各类之和 629.21 万元，相差 10.33 万元",
    ],
  ],
};

/** Rounding gaps the seeds print (尾差): seed, rule, table, key, column, line. */
const ROUNDING: [string, string, string, string, string, number][] = [
  // 208 社会保障和就业支出 11.33 = 20805 11.26 + 20899 0.08 = 11.34
  ["000", "arith/function-subtotals", "gpb_function", "208", "total", 442],
  ["000", "arith/function-subtotals", "expenditure", "208", "total", 293],
  // 301 工资福利支出 78.99 against its 款 79.00
  ["000", "arith/economic-subtotals", "gpb_basic_economic", "301", "total", 509],
  // 302 商品和服务支出 34.43 against its 款 34.42
  ["002", "arith/economic-subtotals", "gpb_basic_economic", "302", "amount", 957],
  // 210 卫生健康支出 667.94 against 40.10 + 627.85
  ["004", "arith/expenditure-columns", "gpb_function", "210", "total", 540],
];

describe("arith and xtab on the seeds", () => {
  const reports = new Map<string, Finding[]>();
  before(async () => {
    for (const f of seedFiles()) {
      const prefix = f.slice(0, 3);
      const report = checkDisclosure(recognize(await ingestFile(seedPath(prefix))));
      assert.deepEqual(report.failures, []);
      reports.set(prefix, report.findings.filter(ours));
    }
  });

  for (const f of seedFiles()) {
    const prefix = f.slice(0, 3);
    it(`${f}: errors and warnings are exactly the confirmed document defects`, () => {
      const serious = (reports.get(prefix) ?? []).filter((x) => x.severity !== "info");
      const expected = SERIOUS[prefix] ?? [];
      assert.equal(
        serious.length,
        expected.length,
        serious.map((x) => `${x.rule} ${x.message}`).join("\n"),
      );
      for (const [rule, table, key, column, line, phrase] of expected) {
        const hit = serious.find(
          (x) =>
            x.rule === rule &&
            x.locations[0]?.table === table &&
            x.locations[0]?.key === key &&
            x.locations[0]?.column === column &&
            x.locations[0]?.line === line,
        );
        assert.ok(hit, `${rule} at ${table}/${key}/${column} line ${line}`);
        assert.equal(hit.severity, "error");
        assert.ok(hit.message.includes(phrase), hit.message);
      }
    });
  }

  it("rounding gaps the seeds print are reported as 尾差 (info)", () => {
    for (const [prefix, rule, table, key, column, line] of ROUNDING) {
      const hit = (reports.get(prefix) ?? []).find(
        (x) =>
          x.rule === rule &&
          x.locations[0]?.table === table &&
          x.locations[0]?.key === key &&
          x.locations[0]?.column === column,
      );
      assert.ok(hit, `${prefix} ${rule} ${table}/${key}/${column}`);
      assert.equal(hit.severity, "info");
      assert.equal(hit.locations[0]?.line, line);
      assert.match(hit.message, /属尾差$/);
    }
  });

  it("strict preset: seed 001 counts 福利费 and 其他交通费用 (13,524.00 元) as 人员经费", async () => {
    const report = checkDisclosure(recognize(await ingestFile(seedPath("001"))), {
      preset: "strict",
    });
    const fs = report.findings.filter((x) => x.rule === "arith/personnel-columns");
    assert.deepEqual(
      fs.map((x) => [
        x.severity,
        x.locations[0]?.line,
        x.locations[0]?.column,
        x.actual,
        x.expected,
      ]),
      [
        ["warning", 421, "personnel", "10797990.75 元", "10784466.75 元"],
        ["warning", 421, "public", "65780.87 元", "79304.87 元"],
      ],
    );
  });
});
