import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { disclosure, section } from "./helpers/disclosure.ts";

const found = (doc: Disclosure, rule: string) =>
  checkDisclosure(doc).findings.filter((f) => f.rule === rule);

describe("text/reporting-date", () => {
  it("a final account's assets are as at the end of its own year", () => {
    const wrong = disclosure({
      kind: "final",
      year: 2024,
      sections: [
        section("（三）国有资产占有使用情况说明", "截至 2023年 12 月 31 日，本部门共有车辆 0 辆。"),
      ],
    });
    const [f] = found(wrong, "text/reporting-date");
    assert.equal(f?.severity, "error");
    assert.equal(f?.expected, "2024年12月31日");
    assert.match(f?.message ?? "", /截至 2023年 12 月 31 日/);
    const right = disclosure({
      kind: "final",
      year: 2024,
      sections: [
        section("（三）国有资产占有使用情况说明", "截至2024年12月31日，本部门共有车辆 2 辆。"),
      ],
    });
    assert.deepEqual(found(right, "text/reporting-date"), []);
  });

  it("a budget's are as at the end of the year before", () => {
    const ok = disclosure({
      year: 2025,
      sections: [section("（八）国有资产占用情况", "截至2024年底，本单位共有车辆 1 辆。")],
    });
    assert.deepEqual(found(ok, "text/reporting-date"), []);
    const stale = disclosure({
      year: 2025,
      sections: [section("（八）国有资产占用情况", "截至2023年12月31日，本单位共有车辆 1 辆。")],
    });
    assert.equal(found(stale, "text/reporting-date")[0]?.severity, "error");
  });
});

describe("text/year-matches-document: a year that dates an amount", () => {
  it("“2024年收入总计 94.04 万元” in a 2025 budget", () => {
    const doc = disclosure({
      year: 2025,
      sections: [section("（一）收入预算情况", "2024年收入总计94.04万元，全部为财政拨款。")],
    });
    const [f] = found(doc, "text/year-matches-document");
    assert.equal(f?.actual, "2024 年");
  });

  it("comparisons with last year and earlier-years fields are not misdatings", () => {
    const doc = disclosure({
      year: 2025,
      sections: [
        section(
          "（一）收入预算情况",
          "2025年收入总计94.04万元，2024年收入总计93.42万元，增加0.62万元。",
        ),
        section("项目绩效目标表", "项目前两年预算及当年预算变动情况 2024 年下达预算资金 10 万元"),
      ],
    });
    assert.deepEqual(found(doc, "text/year-matches-document"), []);
  });
});
