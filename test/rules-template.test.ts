import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import type { Claim, Disclosure, Entity, Section } from "../src/model/schema.ts";
import { claim, disclosure, section, table } from "./helpers/disclosure.ts";

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

function doc(sections: Section[], claims: Claim[] = [], entity?: Partial<Entity>): Disclosure {
  return disclosure({
    sections,
    claims,
    ...(entity
      ? {
          entity: {
            name: "测试区医疗保障局",
            parent: null,
            level: "department",
            government: "county",
            ...entity,
          },
        }
      : {}),
  });
}

describe("template/unfilled-choice", () => {
  it("reports 增长（下降） left in a sentence, at the sentence's line", () => {
    const heading = "（一）“三公”经费财政拨款支出决算总体情况说明。";
    const quote = "因公出国（境）费 0万元，比上年增（减）0万元，同比减少（增加）0 %。";
    const c = claim({
      subject: { kind: "three_public", key: "three_public.abroad", label: "因公出国（境）费" },
      amount: 0,
      unit: "万元",
      quote,
      section: heading,
    });
    const f = only(doc([section(heading, quote)], [c]), "template/unfilled-choice");
    assert.equal(f.severity, "warning");
    assert.match(f.message, /“增（减）”是模板的待选用语/u);
    assert.equal(f.locations[0]?.line, c.source.line);
  });
  it("accepts a chosen word and a bracketed note", () => {
    const s = section("（一）收入", "收入比上年增加 0.62 万元（主要为人员经费），增长 0.66%。");
    assert.deepEqual(findings(doc([s]), "template/unfilled-choice"), []);
  });
});

describe("template/placeholder", () => {
  it("reports XX 万元, ××局 and a three-digit year", () => {
    const s = section(
      "一、收支预算总体情况",
      "××局 2025 年收入预算 XX 万元。\n本年度较 202 年度增加。",
    );
    const fs = findings(doc([s]), "template/placeholder");
    assert.equal(fs.length, 2);
    assert.ok(fs.every((f) => f.severity === "error"));
    assert.match(fs[0]?.message ?? "", /“××”是未替换的占位符/u);
    assert.match(fs[1]?.message ?? "", /“202”/u);
    assert.equal(fs[0]?.locations[0]?.line, s.source.line);
  });
  it("leaves real text alone (目标值为≥X 得分 is a formula, 2025 年 a year)", () => {
    const s = section(
      "一、绩效",
      "定量指标计分原则：目标值为≥X得分=权重*B/A。2025 年预算 94.04 万元。",
    );
    assert.deepEqual(findings(doc([s]), "template/placeholder"), []);
  });
});

describe("template/empty-field", () => {
  it("reports an empty date and an empty 填报单位", () => {
    const s = section("一、部门整体绩效目标", "填报单位：\n填报日期： 年 月 日 单位：万元");
    const fs = findings(doc([s]), "template/empty-field");
    assert.equal(fs.length, 2);
    assert.equal(fs[0]?.severity, "warning");
  });
  it("skips a form the section declares empty, and a filled date", () => {
    const empty = section(
      "一、部门整体绩效目标",
      "填报日期： 年 月 日\n本单位属二级单位，申报表为空。",
    );
    const filled = section("二、项目绩效目标", "填报日期：2025年 1 月 10 日");
    assert.deepEqual(findings(doc([empty, filled]), "template/empty-field"), []);
  });
});

describe("template/pending-marker", () => {
  it("names what a person must write", () => {
    const s = section(
      "三、支出预算情况",
      "基本支出增加 0.62 万元，【待填写：基本支出增加的原因】。",
    );
    const f = only(doc([s]), "template/pending-marker");
    assert.equal(f.severity, "warning");
    assert.match(f.message, /需要写明基本支出增加的原因/u);
    assert.equal(f.expected, "基本支出增加的原因");
    assert.deepEqual(findings(doc([s]), "template/placeholder"), []);
  });
  it("is silent without a marker", () => {
    const s = section("三、支出预算情况", "基本支出增加 0.62 万元，主要原因是人员增加。");
    assert.deepEqual(findings(doc([s]), "template/pending-marker"), []);
  });
});

describe("template/field-code", () => {
  it("reports PAGEREF _Toc in a heading", () => {
    const s = section("第一部分 单位概况 PAGEREF _Toc25831 h 3", "");
    const f = only(doc([s]), "template/field-code");
    assert.match(f.message, /PAGEREF _Toc25831 h/u);
    assert.equal(f.locations[0]?.line, s.source.line);
  });
  it("is silent on plain headings", () => {
    assert.deepEqual(findings(doc([section("第一部分 单位概况", "")]), "template/field-code"), []);
  });
});

describe("template/foreign-level", () => {
  const s = () =>
    section(
      "第五部分 名词解释",
      "(一)一般公共预算财政拨款收入：指省级财政一般公共预算当年拨付的资金。",
    );
  it("reports 省级财政 in a county document", () => {
    const f = only(doc([s()]), "template/foreign-level");
    assert.equal(f.severity, "warning");
    assert.match(f.message, /县（区）级单位/u);
  });
  it("accepts it in a provincial document", () => {
    assert.deepEqual(
      findings(doc([s()], [], { government: "province" }), "template/foreign-level"),
      [],
    );
  });
});

describe("template/entity-name", () => {
  it("reports another unit's name where the document names itself", () => {
    const s = section(
      "一、关于测试县卫生健康局 2025 年部门收支预算情况的总体说明",
      "收支预算 94.04 万元。",
    );
    const f = only(doc([s]), "template/entity-name");
    assert.equal(f.severity, "warning");
    assert.equal(f.actual, "测试县卫生健康局");
  });
  it("reads a missing region prefix or an abbreviation as a variant (info), the own name as fine", () => {
    const variant = section("第一部分 测试区医疗保障局概况", "");
    assert.equal(
      only(doc([variant], [], { name: "某市测试区医疗保障局" }), "template/entity-name").severity,
      "info",
    );
    const short = section("第二部分 省检察院 2017 年度部门预算表", "");
    assert.equal(
      only(
        doc([short], [], { name: "江苏省人民检察院", government: "province" }),
        "template/entity-name",
      ).severity,
      "info",
    );
    const own = section("一、关于测试区医疗保障局 2025 年部门收支预算情况的总体说明", "");
    assert.deepEqual(findings(doc([own]), "template/entity-name"), []);
  });
});

describe("template/department-unit-wording", () => {
  it("reports 本部门 in a 单位 document", () => {
    const s = section("一、收支预算总体情况", "本部门 2025 年收入预算 94.04 万元。");
    const f = only(doc([s], [], { level: "unit" }), "template/department-unit-wording");
    assert.equal(f.severity, "warning");
    assert.equal(f.actual, "本部门");
  });
  it("accepts 本单位 in a 单位 document", () => {
    const s = section("一、收支预算总体情况", "本单位 2025 年收入预算 94.04 万元。");
    assert.deepEqual(
      findings(doc([s], [], { level: "unit" }), "template/department-unit-wording"),
      [],
    );
  });
});

describe("template/duplicate-paragraph", () => {
  const p =
    "根据预算绩效管理要求，本部门组织对一般公共预算项目支出全面开展绩效自评，共涉及项目一个，全部完成年度绩效目标。";
  it("warns on a paragraph repeated within a section", () => {
    const s = section("一、预算绩效情况", `${p}\n${p}`);
    assert.equal(only(doc([s]), "template/duplicate-paragraph").severity, "warning");
  });
  it("is silent on distinct paragraphs", () => {
    const s = section("一、预算绩效情况", `${p}\n${p.replace("一个", "两个")}`);
    assert.deepEqual(findings(doc([s]), "template/duplicate-paragraph"), []);
  });
});

describe("template/heading-year", () => {
  it("reports a heading of last year's budget", () => {
    const s = section("第二部分 测试区医疗保障局 2024年部门预算情况说明", "", 1);
    const f = only(doc([s]), "template/heading-year");
    assert.equal(f.severity, "error");
    assert.equal(f.actual, "2024 年");
  });
  it("reports a table title of another year, accepts this year's", () => {
    const t = table("summary", ["amount"], [], { title: "2023年部门收支总表（预算）" });
    const d = disclosure({
      tables: [t],
      sections: [section("第二部分 2025年部门预算情况说明", "", 1)],
    });
    const f = only(d, "template/heading-year");
    assert.equal(f.locations[0]?.table, "summary");
  });
});

describe("hostile input", () => {
  it("checks long runs of names, brackets and blank dates quickly", () => {
    const n = 5000;
    const text = `。${"市区县局".repeat(n)}中心${"增长（".repeat(n)}${"占".repeat(n)}${"X".repeat(n)}`;
    const d = doc([
      section("一、测试", text),
      section(`二、${"区".repeat(500)}`, "年 月 日".repeat(2000)),
    ]);
    const t0 = performance.now();
    const report = checkDisclosure(d);
    assert.deepEqual(report.failures, []);
    assert.ok(performance.now() - t0 < 3000, "too slow");
    assert.ok(report.findings.some((f) => f.rule === "template/placeholder"));
  });
});
