import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import { extractFile } from "../src/cli/extract.ts";
import type { Disclosure, TableId } from "../src/model/schema.ts";
import { disclosure, section, table } from "./helpers/disclosure.ts";
import { seedPath } from "./helpers/seeds.ts";

function completeFindings(doc: Disclosure, rule?: string): Finding[] {
  return checkDisclosure(doc).findings.filter((f) =>
    rule ? f.rule === rule : f.rule.startsWith("complete/"),
  );
}

const BUDGET_TABLES: TableId[] = [
  "summary",
  "income",
  "expenditure",
  "fiscal_summary",
  "gpb_function",
  "gpb_basic_economic",
  "three_public",
  "gov_fund",
];

const someRow = (): [string, string, Record<string, string>] => [
  "income.gpb",
  "一般公共预算拨款收入",
  { amount: "1" },
];

function budgetTables(except: TableId[] = []) {
  return BUDGET_TABLES.filter((id) => !except.includes(id)).map((id) =>
    id === "gov_fund"
      ? table(id, ["total"], [], { emptyNote: "本单位无政府性基金预算收支，本表为空表。" })
      : table(id, ["amount"], [someRow()]),
  );
}

const fullNarrative = () => [
  section("一、部门主要职责", "负责全区医疗保障工作。"),
  section("二、机关运行经费", "本部门机关运行经费 5.05 万元，比上年持平。"),
  section("三、“三公”经费", "“三公”经费 0.14 万元，与上年持平，原因是严格控制接待。"),
  section("四、政府采购情况", "政府采购预算 0 万元。"),
  section("五、国有资产占用情况", "资产总额 24.37 万元。"),
  section("六、绩效目标", "项目全部设定绩效目标。"),
  section("七、名词解释", "财政拨款收入：指本级财政当年拨付的资金。"),
];

describe("complete rules on hand-built documents", () => {
  it("a complete budget has no complete/ finding", () => {
    const doc = disclosure({ tables: budgetTables(), sections: fullNarrative() });
    assert.deepEqual(completeFindings(doc), []);
  });

  it("complete/required-tables: a missing standard table is an error", () => {
    const doc = disclosure({ tables: budgetTables(["three_public"]), sections: fullNarrative() });
    const [f, ...rest] = completeFindings(doc, "complete/required-tables");
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, "error");
    assert.match(f?.message ?? "", /三公/);
  });

  it("complete/required-tables: a final set needs the 国有资本经营 table (warning)", () => {
    const finals = budgetTables().map((t) => ({ ...t }));
    const doc = disclosure({ kind: "final", tables: finals, sections: fullNarrative() });
    const f = completeFindings(doc, "complete/required-tables");
    assert.deepEqual(
      f.map((x) => x.severity),
      ["warning"],
    );
    assert.match(f[0]?.message ?? "", /国有资本经营/);
  });

  it("complete/empty-table-note: an empty table needs a note, in the table or the narrative", () => {
    const tables = budgetTables();
    const fund = tables.find((t) => t.id === "gov_fund");
    if (fund) delete fund.emptyNote;
    const without = completeFindings(
      disclosure({ tables, sections: fullNarrative() }),
      "complete/empty-table-note",
    );
    assert.equal(without.length, 1);
    assert.equal(without[0]?.locations[0]?.table, "gov_fund");
    const explained = completeFindings(
      disclosure({
        tables,
        sections: [
          ...fullNarrative(),
          section("（四）政府性基金情况", "没有使用政府性基金预算拨款安排的支出。"),
        ],
      }),
      "complete/empty-table-note",
    );
    assert.deepEqual(explained, []);
  });

  it("complete/required-sections: a missing 机关运行经费 is an error, a missing 名词解释 a warning", () => {
    const sections = fullNarrative().filter(
      (s) => !/机关运行经费|名词解释/.test(s.heading + s.text),
    );
    const found = completeFindings(
      disclosure({ tables: budgetTables(), sections }),
      "complete/required-sections",
    );
    assert.deepEqual(
      found.map((f) => [f.severity, f.expected]),
      [
        ["error", "机关运行经费说明"],
        ["warning", "名词解释"],
      ],
    );
  });

  it("complete/empty-section: “无” under 机关运行经费 is an error; an empty heading a warning", () => {
    const sections = [
      ...fullNarrative(),
      section("十、机关运行经费支出说明", "无"),
      section("（三）其他说明", ""),
    ];
    const found = completeFindings(
      disclosure({ tables: budgetTables(), sections }),
      "complete/empty-section",
    );
    assert.deepEqual(
      found.map((f) => [f.severity, f.locations[0]?.section]),
      [
        ["error", "十、机关运行经费支出说明"],
        ["warning", "（三）其他说明"],
      ],
    );
  });
});

describe("complete rules on the seeds", () => {
  it("seed 002: its 机关运行经费 section says only “无”", async () => {
    const found = completeFindings(await extractFile(seedPath("002")));
    const errors = found.filter((f) => f.severity === "error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.rule, "complete/empty-section");
    assert.equal(errors[0]?.locations[0]?.line, 1623);
  });

  it("seed 001: the 支出总表 is not published (表3 prints the 收入总表's content)", async () => {
    const found = completeFindings(await extractFile(seedPath("001")));
    const errors = found.filter((f) => f.severity === "error");
    assert.deepEqual(
      errors.map((f) => [f.rule, f.expected]),
      [["complete/required-tables", "部门支出总表"]],
    );
  });

  it("seed 003: tables only; no 国有资本经营 table (公开09 skipped)", async () => {
    const found = completeFindings(await extractFile(seedPath("003")));
    assert.deepEqual(
      found.filter((f) => f.severity === "error"),
      [],
    );
    assert.ok(
      found.some((f) => f.rule === "complete/required-tables" && /国有资本/.test(f.message)),
    );
    assert.ok(found.some((f) => f.rule === "complete/required-sections"));
  });

  for (const seed of ["000", "004"]) {
    it(`seed ${seed}: no complete/ errors`, async () => {
      const found = completeFindings(await extractFile(seedPath(seed)));
      assert.deepEqual(
        found.filter((f) => f.severity === "error"),
        [],
      );
    });
  }
});
