/**
 * Empty tables against what the document says of them: the regional forms
 * of an empty-table note recognised (from real documents), a table noted
 * empty while the narrative states an amount for it, a note saying “本表为空表”
 * under figures, and a note copied from another fund's table (上海市普陀区财政局
 * 2025 部门预算, p18).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import { extractFile } from "../src/cli/extract.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { saysEmpty } from "../src/recognize/tables/common.ts";
import { claim, disclosure, section, table } from "./helpers/disclosure.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";

function findings(doc: Disclosure, rule: string): Finding[] {
  const report = checkDisclosure(doc);
  assert.deepEqual(report.failures, []);
  return report.findings.filter((f) => f.rule === rule);
}

describe("empty-table notes in their regional forms", () => {
  it("say the table is empty (lines printed under real empty tables)", () => {
    for (const note of [
      "注：本部门无该项目", // 江苏省政协办公厅 2019 预算公开表, 公开10表
      "此表为空", // 江苏省人民检察院 2019, 公开 10 表
      "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。", // 普陀区财政局 2025
      "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。", // 普陀区财政局 2024 决算
      "说明：中共上海市普陀区委社会工作部本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
      "注：本部门无相关收支项目", // 江苏省人大常委会办公厅 2019
      "注：我单位无2017年政府性基金支出安排。", // 江苏省委办公厅 2017
      "（无政府性基金支出）",
      "本单位无此项支出。",
      "本表无数据",
    ]) {
      assert.ok(saysEmpty(note), note);
    }
  });

  it("a note describing the table, or the template's instruction for empty tables, is no empty note", () => {
    for (const line of [
      "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
      "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
      // 中共上海市普陀区委社会工作部 2024 prints the template's instruction above its note.
      "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：",
      "注：“科目编码”和“科目名称”为必填项。",
      "合计",
    ]) {
      assert.ok(!saysEmpty(line), line);
    }
  });

  const PDFS = {
    zhengxie: "jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年预算公开表.pdf",
    caizheng: "shanghai-putuo-budgets/上海市普陀区财政局2025年部门预算.pdf",
  };
  const docs = new Map<string, Disclosure>();
  before(async () => {
    for (const [k, f] of Object.entries(PDFS)) {
      docs.set(k, await extractFile(join(SHARED, "corpus", f)));
    }
  });

  it("江苏省政协办公厅 2019 预算公开表: “注：本部门无该项目” is the 政府性基金 table's note", () => {
    const t = docs.get("zhengxie")?.tables.find((x) => x.id === "gov_fund");
    assert.equal(t?.empty, true);
    assert.equal(t?.emptyNote, "注：本部门无该项目");
  });

  it("seed 004 with a regional note under its empty 政府性基金 table: recognised; a describing note is not", async () => {
    const lines = readFileSync(seedPath("004"), "utf8").split("\n");
    const title = lines.findIndex((l) => l.trim() === "政府性基金预算支出表");
    const total = lines.findIndex((l, i) => i > title && l.trim() === "合 计");
    for (const [note, expected] of [
      ["故本表为空表", "故本表为空表"],
      ["本表无数据", "本表无数据"],
      ["注：本表反映部门年度政府性基金预算支出情况。", undefined],
    ] as const) {
      const text = [...lines.slice(0, total + 1), note, ...lines.slice(total + 1)].join("\n");
      const doc = recognize(await ingestBytes(Buffer.from(text, "utf8")));
      const t = doc.tables.find((x) => x.id === "gov_fund");
      assert.equal(t?.empty, true, note);
      assert.equal(t?.emptyNote, expected, note);
    }
  });

  it("普陀区财政局 2025 (p18): the 国有资本经营 table's note speaks of 政府性基金 (warning)", () => {
    const doc = docs.get("caizheng") as Disclosure;
    const fs = findings(doc, "complete/empty-note-subject");
    assert.equal(fs.length, 1);
    assert.equal(fs[0]?.severity, "warning");
    assert.equal(fs[0]?.locations[0]?.table, "state_capital");
    assert.equal(fs[0]?.locations[0]?.page, 18);
    assert.equal(
      fs[0]?.actual,
      "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
    );
  });
});

describe("complete/empty-table-amount", () => {
  const rule = "complete/empty-table-amount";

  it("seed 004 with its 政府性基金 table noted empty while the 收入 paragraph gives it 12.00 万元", async () => {
    const lines = readFileSync(seedPath("004"), "utf8").split("\n");
    const title = lines.findIndex((l) => l.trim() === "政府性基金预算支出表");
    const total = lines.findIndex((l, i) => i > title && l.trim() === "合 计");
    const text = [...lines.slice(0, total + 1), "注：本部门无该项目", ...lines.slice(total + 1)]
      .join("\n")
      .replace("预算拨款收入 0 万元，占 0%", "预算拨款收入 12.00 万元，占 1.74%");
    const doc = recognize(await ingestBytes(Buffer.from(text, "utf8")));
    const fs = findings(doc, rule);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]?.severity, "error");
    assert.equal(fs[0]?.actual, "12.00 万元");
    assert.equal(fs[0]?.locations[1]?.table, "gov_fund");
    assert.match(fs[0]?.message ?? "", /注明为空表（“注：本部门无该项目”）/u);
    // The seed as published says 0: nothing to report.
    const published = recognize(await ingestBytes(readFileSync(seedPath("004"))));
    assert.deepEqual(findings(published, rule), []);
  });

  const note = "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。";
  const heading = "七、政府性基金预算财政拨款支出情况说明";
  const fundClaim = (quote: string, amount: number) =>
    claim({
      subject: {
        kind: "expenditure_line",
        key: "gov_fund.expenditure",
        label: "政府性基金拨款支出预算",
      },
      amount,
      unit: "万元",
      quote,
      section: heading,
    });

  it("a 政府性基金 amount against the table's own note (a real sentence with its 0 changed)", () => {
    const quote = "政府性基金拨款支出预算120.00万元，比2023年预算增加120.00万元；";
    const doc = disclosure({
      tables: [table("gov_fund", ["total"], [], { emptyNote: note })],
      sections: [section(heading, quote)],
      claims: [fundClaim(quote, 12000)],
    });
    const f = findings(doc, rule);
    assert.equal(f.length, 1);
    assert.equal(f[0]?.expected, "政府性基金金额为 0，或表格填列该金额");
  });

  it("silent on 0, on last year's amount, and on an empty table without a note (maybe unread)", () => {
    const zero = "政府性基金拨款支出预算0.00万元，与2023年预算持平；";
    const prior = "2024年政府性基金拨款支出预算 0 万元，2024年上年政府性基金支出 35.00 万元。";
    const doc = (emptyNote?: string) =>
      disclosure({
        tables: [table("gov_fund", ["total"], [], emptyNote ? { emptyNote } : {})],
        sections: [section(heading, `${zero}\n${prior}`)],
        claims: [fundClaim(zero, 0), fundClaim(prior, 3500)],
      });
    assert.deepEqual(findings(doc(note), rule), []);
    const unnoted = disclosure({
      tables: [table("gov_fund", ["total"], [])],
      sections: [section(heading, "政府性基金拨款支出预算120.00万元。")],
      claims: [fundClaim("政府性基金拨款支出预算120.00万元。", 12000)],
    });
    assert.deepEqual(findings(unnoted, rule), []);
  });
});

describe("complete/empty-note-figures", () => {
  const rule = "complete/empty-note-figures";
  const note = "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。";

  it("“本表为空表” under a table that prints figures is an error", () => {
    const t = table(
      "gov_fund",
      ["total"],
      [
        ["total", "合计", { total: "35.00" }],
        ["2120803", "城市基础设施建设", { total: "35.00" }],
      ],
      { emptyNote: note, title: "2025年部门政府性基金预算支出功能分类预算表" },
    );
    const fs = findings(disclosure({ tables: [t] }), rule);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]?.severity, "error");
    assert.match(fs[0]?.message ?? "", /“合计”行“total”35\.00/u);
    assert.equal(fs[0]?.locations[1]?.key, "total");
  });

  it("a note that only describes the table is no empty note", () => {
    const t = table("gov_fund", ["total"], [["total", "合计", { total: "35.00" }]], {
      emptyNote: "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
    });
    assert.deepEqual(findings(disclosure({ tables: [t] }), rule), []);
  });

  it("seed 001's “并已公开空表” against a 政府性基金 table with figures is a warning; against an empty one, nothing", () => {
    const s = section(
      "六、政府性基金预算支出情况",
      "本单位无当年政府性基金预算收支，并已公开空表。",
    );
    const full = table("gov_fund", ["total"], [["total", "合计", { total: "35.00" }]]);
    const fs = findings(disclosure({ sections: [s], tables: [full] }), rule);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]?.severity, "warning");
    const empty = table("gov_fund", ["total"], []);
    assert.deepEqual(findings(disclosure({ sections: [s], tables: [empty] }), rule), []);
  });
});

describe("complete/empty-note-subject", () => {
  const rule = "complete/empty-note-subject";
  it("a note naming its own fund, or no fund, or not “本表”, is left alone", () => {
    const tables = [
      table("gov_fund", ["total"], [], {
        emptyNote: "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
      }),
      table("three_public", ["budget"], [], { emptyNote: "报表目录注明为空表：不涉及" }),
      // Seed 002: a line of the next table (九、…“三公”经费…) read under the 国有资本经营 table.
      table("state_capital", ["total"], [], { emptyNote: "2022 年度无三公经费支出。" }),
    ];
    assert.deepEqual(findings(disclosure({ tables }), rule), []);
  });
});
