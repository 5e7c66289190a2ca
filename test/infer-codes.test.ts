/**
 * Tables printed without a 科目编码 column (many county and township
 * disclosures list 科目 by name alone). Each seed is read as published and
 * again with every code taken out of its classification tables, as such a
 * document prints them: the rows must come back under the same codes with
 * the same amounts, and the checks must find the same things.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { textLayout } from "../src/ingest/text/layout.ts";
import type { Disclosure, Table } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { seedFiles, seedPath } from "./helpers/seeds.ts";
import { CODED, isTriplet, withCodesInNames, withoutCodes } from "./helpers/strip-codes.ts";

/** Rows with a figure, by key (a row printed blank carries nothing to compare). */
function amounts(t: Table): Map<string, string> {
  return new Map(
    t.rows
      .filter((r) => Object.values(r.cells).some((c) => c.amount !== null))
      .map((r) => [
        r.key,
        Object.entries(r.cells)
          .map(([c, v]) => `${c}=${v.amount}`)
          .sort()
          .join(" "),
      ]),
  );
}

const gist = (d: Disclosure): string[] =>
  checkDisclosure(d)
    .findings.filter((f) => f.severity !== "info")
    .map((f) => `${f.severity} ${f.rule} ${f.message}`)
    .sort();

describe("科目 printed by name alone", () => {
  for (const file of seedFiles()) {
    const prefix = file.slice(0, 3);
    it(`seed ${prefix}: the same codes, amounts and findings without the code column`, () => {
      const text = readFileSync(seedPath(prefix), "utf8");
      const printed = recognize(textLayout(text));
      const stripped = withoutCodes(text, printed.tables);
      assert.notEqual(stripped, text, "the seed has coded tables to strip");
      const named = recognize(textLayout(stripped));
      let compared = 0;
      for (const t of printed.tables) {
        if (
          !CODED.has(t.id) ||
          !t.rows.some((r) => r.keyKind === "func" || r.keyKind.startsWith("econ"))
        )
          continue;
        if (isTriplet(t)) continue;
        const again = named.tables.find((x) => x.id === t.id && x.source.line === t.source.line);
        assert.ok(again, `${t.title} is read without its codes`);
        assert.deepEqual(amounts(again), amounts(t), `${t.title}: rows keyed by the same codes`);
        compared++;
        assert.ok(
          named.issues.some((i) => i.code === "code.inferred" && i.table === t.id),
          `${t.title}: a reading note says the codes were taken from the names`,
        );
      }
      assert.ok(compared > 0, "at least one coded table compared");
      assert.deepEqual(gist(named), gist(printed));
    });
  }

  for (const file of seedFiles()) {
    const prefix = file.slice(0, 3);
    it(`seed ${prefix}: the same codes, amounts and findings with each code in its name's cell`, (t) => {
      const text = readFileSync(seedPath(prefix), "utf8");
      const printed = recognize(textLayout(text));
      const joined = withCodesInNames(text, printed.tables);
      if (joined === text) {
        t.skip(
          "every coded table of this seed prints its codes in parts (208 05 05): no whole code to move",
        );
        return;
      }
      const read = recognize(textLayout(joined));
      let compared = 0;
      for (const t of printed.tables) {
        if (!CODED.has(t.id) || isTriplet(t) || !t.rows.some((r) => r.level !== undefined))
          continue;
        const again = read.tables.find((x) => x.id === t.id && x.title === t.title);
        assert.ok(again, `${t.title} is read with codes in the names`);
        assert.deepEqual(amounts(again), amounts(t), `${t.title}: rows keyed by the same codes`);
        compared++;
      }
      assert.ok(compared > 0);
      const gist2 = (d: Disclosure) => gist(d).map((g) => g.replace(/第 ?\d+(?:–\d+)? ?行/gu, ""));
      assert.deepEqual(gist2(read), gist2(printed));
    });
  }

  it("a name that is no 科目 of the year leaves the table as printed and says so", () => {
    const text = readFileSync(seedPath("000"), "utf8");
    const printed = recognize(textLayout(text));
    const stripped = withoutCodes(text, printed.tables).replace(
      "行政事业单位养老支出",
      "行政单位养老支出",
    );
    const named = recognize(textLayout(stripped));
    const t = named.tables.find((x) => x.id === "gpb_function");
    assert.ok(t);
    assert.ok(t.rows.every((r) => r.keyKind === "label" || r.keyKind === "line"));
    const note = named.issues.find((i) => i.code === "code.absent" && i.table === "gpb_function");
    assert.match(note?.message ?? "", /“行政单位养老支出”不能按名称对应/);
  });
});
