/**
 * Segmentation by structure: where a table starts and ends, whatever its
 * title's words. Small layouts in the shapes real documents take (the corpus
 * tests run the same code on the real documents).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LayoutBlock, LayoutGrid, LayoutLine } from "../src/ingest/layout.ts";
import { segment } from "../src/recognize/segment.ts";

let n = 0;
const line = (text: string, page = 1): LayoutLine => ({ kind: "line", text, line: ++n, page });
const grid = (rows: string[][], page = 1): LayoutGrid => {
  const first = n + 1;
  n += rows.length;
  return {
    kind: "grid",
    line: first,
    endLine: n,
    page,
    rows: rows.map((r, i) => ({ cells: r.map((text) => ({ text })), line: first + i, page })),
  };
};

describe("segmentation by structure", () => {
  it("a 目录 opens no table; each title opens one; an unknown title ends the table before it", () => {
    n = 0;
    const blocks: LayoutBlock[] = [
      line("目 录"),
      line("1. 2024年预算单位财务收支预算总表"),
      line("2. 2024年预算单位收入预算总表"),
      line("一、单位主要职能"),
      line("本单位主要职能是为老年人提供服务，具体如下。"),
      line("2024年预算单位财务收支预算总表", 2),
      grid(
        [
          ["项目", "预算数"],
          ["一、财政拨款收入", "9,501,164"],
        ],
        2,
      ),
      line("2024年人员编制情况统计表", 3),
      grid(
        [
          ["编制数", "实有人数"],
          ["12", "11"],
        ],
        3,
      ),
      line("2024年预算单位收入预算总表", 4),
      grid(
        [
          ["科目编码", "科目名称", "合计"],
          ["208", "社会保障和就业支出", "11,281,624"],
        ],
        4,
      ),
    ];
    const { regions, narrative } = segment(blocks);
    assert.deepEqual(
      regions.map((r) => r.match.id),
      ["summary", "other", "income"],
    );
    // The unknown table holds only its own grid: the summary did not swallow it.
    assert.equal(regions[0]?.blocks.length, 1);
    assert.equal(regions[1]?.blocks.length, 1);
    assert.ok(narrative.some((l) => l.text.includes("主要职能是")));
    assert.ok(
      !narrative.some((l) => l.text.includes("收入预算总表")),
      "a 目录 entry is no heading",
    );
  });

  it("a title printed again over the next page's rows continues the same table", () => {
    n = 0;
    const { regions } = segment([
      line("2017年政府采购预算表", 1),
      grid(
        [
          ["项目", "金额"],
          ["办公设备", "12.00"],
        ],
        1,
      ),
      line("2017年政府采购预算表", 2),
      grid([["车辆", "30.00"]], 2),
    ]);
    assert.equal(regions.length, 1);
    assert.equal(regions[0]?.blocks.length, 2);
  });

  it("a grid whose first row is its title beside a unit opens its own table", () => {
    n = 0;
    const { regions } = segment([
      grid([
        ["部门收支总体情况表", "单位：万元"],
        ["项目", "预算数"],
        ["一般公共预算拨款收入", "10.00"],
      ]),
      grid([
        ["“三公”经费支出情况表", "单位：万元"],
        ["合计", "因公出国（境）费"],
        ["1.00", "0"],
      ]),
    ]);
    assert.deepEqual(
      regions.map((r) => r.match.id),
      ["summary", "three_public"],
    );
  });

  it("rows of an unruled table with long names and thousands separators stay in the table", () => {
    n = 0;
    const { regions } = segment([
      line("一般公共预算支出表"),
      line("科目编码  科目名称  合计  基本支出  项目支出"),
      line("2080505  机关事业单位基本养老保险缴费支出  1,234.56  1,234.56"),
      line("2080506  机关事业单位职业年金缴费支出  617.28  617.28"),
    ]);
    assert.equal(regions.length, 1);
    assert.equal(regions[0]?.blocks.length, 3);
  });

  it("prose after the table's figures ends it and returns to the narrative", () => {
    n = 0;
    const { regions, narrative } = segment([
      line("财政拨款支出预算表"),
      grid([
        ["科目编码", "科目名称", "金额"],
        ["205", "教育支出", "208,613.34"],
      ]),
      line("（四）财政拨款支出预算情况说明"),
      line("我校 2023 年当年财政拨款支出预算 230,876.38 万元，"),
      line("其中教育支出 208,613.34 万元，占 90.36%；"),
    ]);
    assert.equal(regions.length, 1);
    assert.equal(regions[0]?.blocks.length, 1);
    assert.ok(narrative.some((l) => l.text.includes("230,876.38")));
  });
});
