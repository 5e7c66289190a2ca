/**
 * Hand-checked facts of corpus PDFs (test/golden-corpus/*.json, checked
 * against the PDFs as rendered and against `pdftotext -layout`): every fact
 * is in the extraction with the exact value.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ingestFile } from "../src/ingest/index.ts";
import { toFacts } from "../src/model/facts.ts";
import { parseAmount } from "../src/model/money.ts";
import { recognize } from "../src/recognize/index.ts";
import { SHARED } from "./helpers/seeds.ts";

const DIR = join(import.meta.dirname, "golden-corpus");

interface GoldenFact {
  table: string;
  key: string;
  column: string;
  value: string;
}

describe("golden facts of corpus PDFs", () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
  it("has at least three golden PDFs", () => assert.ok(files.length >= 3));
  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(DIR, file), "utf8"));
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
        const value = f ? parseAmount(f.value) : undefined;
        if (value === undefined || value !== parseAmount(g.value))
          missing.push(`${g.table} ${g.key} ${g.column}: 应为 ${g.value}，得到 ${f?.value}`);
      }
      assert.deepEqual(missing, []);
    });
  }
});
