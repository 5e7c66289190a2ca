/**
 * xtab/gov-fund-subjects: a subject whose official name says the
 * 政府性基金预算 pays for it (彩票公益金, 国有土地使用权出让收入 …) is fund
 * money wherever it is printed. 西南大学 2023 决算 prints 用于教育事业的彩票公益金支出
 * 109.50 in its 收入决算表 and the same 109.50 as 其中：政府性基金预算财政拨款.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isGovFundSubject } from "../src/catalog/gov-fund.ts";
import { checkDisclosure } from "../src/check/engine.ts";
import { ingestText } from "../src/ingest/index.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractFile } from "../src/pipeline.ts";
import { recognize } from "../src/recognize/index.ts";
import { CORPUS } from "./helpers/corpus.ts";
import { seedPath } from "./helpers/seeds.ts";

const RULE = "xtab/gov-fund-subjects";
const found = (d: Disclosure) => checkDisclosure(d).findings.filter((f) => f.rule === RULE);

describe("政府性基金 subjects", () => {
  it("are known by their official names, not by a list", () => {
    assert.ok(isGovFundSubject("2296004", 2023)); // 用于教育事业的彩票公益金支出
    assert.ok(isGovFundSubject("22960", 2023)); // 彩票公益金安排的支出
    assert.ok(isGovFundSubject("2120899", 2024)); // under 国有土地使用权出让收入安排的支出
    assert.ok(!isGovFundSubject("2080505", 2023)); // 机关事业单位基本养老保险缴费支出
    assert.ok(!isGovFundSubject("20804", 2023)); // 补充全国社会保障基金: 一般公共预算
    assert.ok(!isGovFundSubject("229", 2023)); // a 类 holds both budgets
  });

  it("西南大学 2023 决算: silent as published; a 其中：政府性基金 line below its fund rows is reported", async () => {
    const d = await extractFile(
      join(CORPUS, "southwest-university", "西南大学2023年度部门决算.pdf"),
    );
    assert.deepEqual(found(d), []);
    const line = d.tables
      .find((t) => t.id === "summary")
      ?.rows.find((r) => r.key === "income.fiscal.of_gov_fund")?.cells.amount;
    assert.equal(line?.amount, 10950, "其中：政府性基金预算财政拨款 109.50 is read");
    if (line) line.amount = 10920;
    const after = found(d);
    assert.equal(after.length, 1, JSON.stringify(after.map((f) => f.message)));
    assert.match(after[0]?.message ?? "", /彩票公益金安排的支出/u);
    assert.equal(after[0]?.severity, "warning");
  });

  it("a 彩票公益金 row in the 一般公共预算支出表 is reported (seed 000, one row's code and name changed)", () => {
    const file = seedPath("000");
    const text = readFileSync(file, "utf8");
    const read = (t: string) => recognize(ingestText(new TextEncoder().encode(t)), { file });
    assert.deepEqual(found(read(text)), []);
    // The 一般公共预算支出表's 信息化建设 (2101504) as 用于社会福利的彩票公益金支出.
    const at = text.indexOf("一般公共预算支出表\n");
    assert.ok(at > 0);
    const head = text.slice(0, at);
    const tail = text
      .slice(at)
      .replace(/2101504(\s+)信息化建设/u, "2296002$1用于社会福利的彩票公益金支出");
    assert.notEqual(tail, text.slice(at));
    const messages = found(read(head + tail)).map((f) => f.message);
    assert.ok(
      messages.some((m) => /一般公共预算支出表.*用于社会福利的彩票公益金支出/u.test(m)),
      messages.join("\n"),
    );
  });
});
