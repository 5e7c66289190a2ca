/**
 * Which requirements apply to a discloser, and why — on real documents of
 * three regions and kinds of body. A finding that enforces a requirement
 * says which set of tables it follows and why that set applies.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { applicability } from "../src/check/applicability.ts";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractFile } from "../src/pipeline.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";

const corpus = (p: string) => join(SHARED, "corpus", p);

describe("applicability", () => {
  it("a Shanghai district's department follows the Shanghai district set", async () => {
    const d = await extractFile(corpus("shanghai-putuo/上海市普陀区财政局2024年度部门决算.pdf"));
    const a = applicability(d);
    assert.equal(a.profile.id, "shanghai_district");
    assert.match(a.why, /上海市的区级/u);
    assert.equal(a.body, "administrative");
  });

  it("a central ministry's university follows the four-table set and is a public institution", async () => {
    const d = await extractFile(corpus("southwest-university/西南大学2023年度部门预算.pdf"));
    const a = applicability(d);
    assert.equal(a.profile.id, "central_university");
    assert.equal(a.body, "institution");
  });

  it("a county's 医疗保障服务中心 is a public institution under the national set", async () => {
    const d = await extractFile(seedPath("002"));
    const a = applicability(d);
    assert.equal(a.profile.id, "national");
    assert.equal(a.body, "institution");
  });

  it("a missing table names the set it follows and why; a missing 机关运行经费 note of a public institution is a warning", async () => {
    const d = await extractFile(seedPath("002"));
    const cut: Disclosure = {
      ...d,
      tables: d.tables.filter((t) => t.id !== "three_public"),
      sections: d.sections.filter((s) => !/机关运行经费|公用经费/u.test(`${s.heading}${s.text}`)),
      report: d.report ? { ...d.report, directory: [] } : undefined,
    } as Disclosure;
    const f = checkDisclosure(cut).findings;
    const table = f.find((x) => x.rule === "complete/required-tables");
    assert.ok(table, JSON.stringify(f.map((x) => x.message)));
    assert.match(table.message, /按全国通用表样/u);
    const running = f.find(
      (x) => x.rule === "complete/required-sections" && /机关运行经费/u.test(x.message),
    );
    assert.ok(running);
    assert.equal(running.severity, "warning");
    assert.match(running.message, /事业单位/u);
  });
});

describe("complete/directory-lists-tables", () => {
  it("is silent when the 目录 lists every table, and names a table printed but not listed", async () => {
    const d = await extractFile(
      corpus("shanghai-putuo-budgets/上海市普陀区商务委员会2025年单位预算.pdf"),
    );
    const rule = (doc: Disclosure) =>
      checkDisclosure(doc).findings.filter((f) => f.rule === "complete/directory-lists-tables");
    assert.ok((d.report?.directory.length ?? 0) >= 9);
    assert.deepEqual(rule(d), []);
    const dropped = d.report?.directory.find((e) => e.id === "three_public");
    assert.ok(dropped, "the 目录 lists the 三公 table");
    const cut = {
      ...d,
      report: d.report && {
        ...d.report,
        directory: d.report.directory.filter((e) => e !== dropped),
      },
    } as Disclosure;
    const found = rule(cut);
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /三公/u);
  });
});

describe("the template a document was made from", () => {
  it("Shanghai's official district workbook, unnamed, follows the Shanghai set by its titles; a sheet left out is then a missing table", async () => {
    const d = await extractFile(
      join(SHARED, "corpus/shanghai-templates/区级部门预算公开模板2026.xlsx"),
    );
    assert.equal(d.entity.name, "");
    const a = applicability(d);
    assert.equal(a.profile.id, "shanghai_district");
    assert.match(a.why, /文档的 9 张表使用上海市区级表样的标题/u);
    const missing = (doc: Disclosure) =>
      checkDisclosure(doc).findings.filter((f) => f.rule === "complete/required-tables");
    assert.deepEqual(missing(d), []);
    const without = { ...d, tables: d.tables.filter((t) => t.id !== "state_capital") };
    const found = missing(without);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /国有资本经营预算支出功能分类预算表.*按上海市区级表样/u);
  });

  it("a document of another region keeps the national set whatever it is titled (seed 001, Xi'an)", async () => {
    const d = await extractFile(seedPath("001"));
    assert.equal(applicability(d).profile.id, "national");
  });
});
