/**
 * Text a person was meant to finish, on real sentences: the template's
 * fill-in instructions (江苏省政协办公厅 2019, the national 决算 template),
 * sentences cut short or missing their figure (上海市普陀区社会福利院 2024,
 * 江苏省人大常委会 2019, seed 002), and doubled punctuation (seed 000, the
 * 普陀区财政局 test version). Each negative case is a real sentence too.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import type { Disclosure, Section } from "../src/model/schema.ts";
import { disclosure, section, table } from "./helpers/disclosure.ts";

function findings(doc: Disclosure, rule: string): Finding[] {
  const report = checkDisclosure(doc);
  assert.deepEqual(report.failures, []);
  return report.findings.filter((f) => f.rule === rule);
}

function doc(...sections: Section[]): Disclosure {
  return disclosure({ sections });
}

describe("template/fill-in-instruction", () => {
  const rule = "template/fill-in-instruction";
  it("江苏省政协办公厅 2019 (p14): “（按…填写）” after 公用经费 is an error", () => {
    const s = section(
      "六、财政拨款基本支出预算情况说明",
      "（二）公用经费 1,130.74万元。主要包括：办公费、水费、电费、邮电费、差旅费、维修（护）费、工会经费、公务用车运行维护费、其他交通费用、其他商品和服务支出等。（按“部门预算公开 06表 财政拨款基本支出预算表”中实际发生经济分类支出事项填写）",
    );
    const fs = findings(doc(s), rule);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]?.severity, "error");
    assert.equal(
      fs[0]?.actual,
      "（按“部门预算公开 06表 财政拨款基本支出预算表”中实际发生经济分类支出事项填写）",
    );
    assert.match(fs[0]?.message ?? "", /是模板的填写说明/u);
  });

  it("（此处…）, （根据…填列） and （请…说明） are errors", () => {
    const s = section(
      "一、部门职责",
      "（此处填写部门主要职能）\n收入预算 100 万元（根据部门预算批复数填列）。\n（请根据实际情况说明增减原因）",
    );
    const fs = findings(doc(s), rule);
    assert.deepEqual(
      fs.map((f) => [f.severity, f.actual]),
      [
        ["error", "（此处填写部门主要职能）"],
        ["error", "（根据部门预算批复数填列）"],
        ["error", "（请根据实际情况说明增减原因）"],
      ],
    );
  });

  it("the national 决算 template: “（如持平作持平表述）” and “（不涉及的不列）” are warnings", () => {
    const s = section(
      "四、一般公共预算财政拨款支出决算情况说明",
      "决算数大于（小于）预算数的主要原因：XXXXXXXX（如持平作持平表述）。\n其中：人员经费XXX 万元，主要包括：基本工资、津贴补贴、奖金……其他对个人和家庭的补助（不涉及的不列）；",
    );
    const fs = findings(doc(s), rule);
    assert.deepEqual(
      fs.map((f) => [f.severity, f.actual]),
      [
        ["warning", "（如持平作持平表述）"],
        ["warning", "（不涉及的不列）"],
      ],
    );
  });

  it("江苏 documents saying where their figures come from, and brackets that belong to the text, are no instruction", () => {
    const s = section(
      "一、收支预算总表情况说明",
      [
        "本表反映部门年度总体收支预算情况。根据《江苏省财政厅关于 2017 年省级部门预算的批复》（苏财预〔2017〕19号）填列。",
        "本表反映部门年度总体收入预算情况。填列数应与《收支预算总表》收入数一致。",
        "本表（根据《江苏省财政厅关于2019年省级部门预算的批复》（苏财预〔2019〕7号）填列）。",
        "公务接待费 3.00 万元（含外宾接待支出 0 万元），政府采购合同金额（以合同签订为准）。",
        "单位综合预算一般公共预算支出明细表（按支出功能分类科目）",
        "（如有疑问请见附件）",
        // The generator's marker: template/pending-marker reports it.
        "【待填写：主要职责（依据“三定”方案填写）】",
      ].join("\n"),
    );
    assert.deepEqual(findings(doc(s), rule), []);
  });

  it("a table's title is not read for instructions", () => {
    const t = table("gpb_function", ["total"], [["total", "合计", { total: "1.00" }]], {
      title: "一般公共预算支出表（按功能分类科目填列）",
    });
    assert.deepEqual(findings(disclosure({ tables: [t] }), rule), []);
  });
});

describe("template/unfinished-sentence", () => {
  const rule = "template/unfinished-sentence";
  it("上海市普陀区社会福利院 2024 (p16): “主要原因是。” with nothing after 是", () => {
    const s = section(
      "六、“三公”经费情况说明",
      "（二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。其中：公务用车购置费0.00万元，与2023年预算持平，主要原因是无此项支出；",
    );
    const fs = findings(doc(s), rule);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]?.severity, "error");
    assert.equal(fs[0]?.actual, "主要原因是（空）");
    assert.match(
      fs[0]?.message ?? "",
      /“（二）公务用车购置及运行费6\.40万元，与2023年预算持平，主要原因是。”在“主要原因是”之后就结束了/u,
    );
  });

  it("“原因：。”, “主要用于。” and “主要包括：；” are cut short too", () => {
    const s = section(
      "三、支出预算",
      "基本支出比上年增加 2.00 万元，原因：。项目支出 5.00 万元，主要用于。公用经费 1.00 万元，主要包括：；",
    );
    assert.deepEqual(
      findings(doc(s), rule).map((f) => f.actual),
      ["原因：（空）", "主要用于（空）", "主要包括：（空）"],
    );
  });

  it("江苏省人大常委会 2019 (p16) and seed 002: a money unit with no figure before it", () => {
    const s = section(
      "十、政府性基金支出预算情况说明",
      [
        "江苏省人大常委会办公厅2019年政府性基金支出预算支出万元。与上年相比增加（减少）0万元，增长（减少）0%。主要原因是本部门无此项支出。",
        "2022 年度政府性基金预算财政拨款年初结转和结余万元，本年收入 0 万元，本年支出 0 万元，年末结转和结余 0 万元。",
        "2.公务用车购置及运行费预算为 0 万元，支出决算为万元，完成预算的 0 %；",
      ].join("\n"),
    );
    const fs = findings(doc(s), rule);
    assert.deepEqual(
      fs.map((f) => [f.severity, f.actual]),
      [
        ["error", "支出万元"],
        ["error", "结余万元"],
        ["error", "为万元"],
      ],
    );
  });

  it("finished sentences, a unit named, and a reason list that follows are left alone", () => {
    const s = section(
      "一、收支预算总体情况",
      [
        "公务接待费 0.14万元，比上年增 0万元，同比增加 0%，主要原因是：本年与上年一致，无变化。",
        "2、一般公共服务支出（类）社会工作事务（款）事业运行（项）。主要用于：事业单位人员支出。全年预算为 17.68 万元。",
        "以下金额单位为万元，以万元为单位列示。",
        "单价 50 万元以上通用设备 0 台，单位预算万元以上的项目均已公开。",
        "增加的主要原因如下：",
        "以上数字均不包括。",
      ].join("\n"),
    );
    assert.deepEqual(findings(doc(s), rule), []);
  });
});

describe("template/doubled-punctuation", () => {
  const rule = "template/doubled-punctuation";
  it("seed 000 and the 普陀区财政局 test version: “。。” at a sentence's end", () => {
    const s = section(
      "三、“三公”经费",
      "公务接待费 0.14万元，比上年增 0万元，同比增加 0%，主要原因是：本年与上年一致，无变化。。\n一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。。",
    );
    const fs = findings(doc(s), rule);
    assert.equal(fs.length, 2);
    assert.ok(fs.every((f) => f.severity === "warning" && f.actual === "。。"));
  });

  it("“，，”, “；；” and “、、”", () => {
    const s = section("一、说明", "收入 1.00 万元，，支出 1.00 万元；；办公费、、水费。");
    assert.deepEqual(
      findings(doc(s), rule).map((f) => f.actual),
      ["，，", "；；", "、、"],
    );
  });

  it("an ellipsis, a run of full stops and a table are not doubled punctuation", () => {
    const s = section("一、说明", "主要包括：基本工资、津贴补贴、奖金……等。\n目录。。。。。。3");
    const t = table("other", [], [], { title: "附表。。" });
    assert.deepEqual(findings(disclosure({ sections: [s], tables: [t] }), rule), []);
  });
});
