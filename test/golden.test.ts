/**
 * Every golden fact of every seed that has a golden file is in the
 * extraction with the exact value.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ingestFile } from "../src/ingest/index.ts";
import { toFacts } from "../src/model/facts.ts";
import { convertAmount, parseAmount } from "../src/model/money.ts";
import { recognize } from "../src/recognize/index.ts";
import { GOLDEN_DIR, goldenFiles, SHARED } from "./helpers/seeds.ts";

interface GoldenFact {
  table: string;
  key: string;
  column: string;
  value: string;
  unit?: "元" | "万元";
}

describe("golden facts", () => {
  const files = goldenFiles();
  it("finds the golden files", () => assert.ok(files.length >= 3));
  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(GOLDEN_DIR, file), "utf8"));
    it(`${file}: document facts and every table fact`, async () => {
      const d = recognize(await ingestFile(join(SHARED, golden.document)));
      const facts = toFacts(d);
      assert.equal(facts.kind, golden.kind);
      assert.equal(facts.year, golden.year);
      assert.equal(facts.entity, golden.entity);
      assert.equal(facts.parent, golden.parent);
      assert.equal(facts.currency_unit, golden.currency_unit);
      const got = new Map(facts.facts.map((f) => [`${f.table}|${f.key}|${f.column}`, f]));
      const missing: string[] = [];
      for (const g of golden.facts as GoldenFact[]) {
        const f = got.get(`${g.table}|${g.key}|${g.column}`);
        const want = parseAmount(g.value);
        let value = f ? parseAmount(f.value) : undefined;
        // A fact in another unit also counts when converted to the document's unit.
        if (f && g.unit && f.unit !== g.unit && value !== undefined && f.unit) {
          value = convertAmount(value, f.unit, g.unit).value;
        }
        if (value === undefined || value !== want)
          missing.push(`${g.table} ${g.key} ${g.column}: 应为 ${g.value}，得到 ${f?.value}`);
      }
      assert.deepEqual(missing, []);
    });
  }
});
