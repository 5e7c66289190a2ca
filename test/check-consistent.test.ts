import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { DisclosureSchema } from "../src/model/schema.ts";
import { consistentBudget } from "./helpers/consistent.ts";

describe("consistent documents check clean", () => {
  for (const unit of ["万元", "元"] as const) {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      it(`budget in ${unit}, seed ${seed}: valid model, no error or warning, every rule ran`, () => {
        const doc = DisclosureSchema.parse(consistentBudget({ seed, unit }));
        const report = checkDisclosure(doc);
        assert.deepEqual(report.failures, []);
        assert.deepEqual(
          report.findings
            .filter((f) => f.severity !== "info")
            .map((f) => `${f.rule}: ${f.message}`),
          [],
        );
      });
    }
  }

  it("the same document with one cell changed is caught", () => {
    const doc = consistentBudget({ seed: 7, unit: "元" });
    const row = doc.tables.find((t) => t.id === "gpb_function")?.rows.find((r) => r.level === 3);
    const cell = row?.cells.total;
    assert.ok(cell?.amount);
    cell.amount += 100;
    const errors = checkDisclosure(doc).findings.filter((f) => f.severity === "error");
    assert.ok(errors.some((f) => f.rule.startsWith("arith/")));
  });
});
