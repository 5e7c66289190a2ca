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
import { recognize } from "../src/recognize/index.ts";
import { type Golden, missingGoldenFacts } from "./helpers/golden.ts";
import { SHARED } from "./helpers/seeds.ts";

const DIR = join(import.meta.dirname, "golden-corpus");

describe("golden facts of corpus PDFs", () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
  it("has at least three golden PDFs", () => assert.ok(files.length >= 3));
  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(DIR, file), "utf8")) as Golden;
    it(`${file}: document facts and every table fact`, async () => {
      const d = recognize(await ingestFile(join(SHARED, golden.document)));
      assert.deepEqual(missingGoldenFacts(golden, toFacts(d)), []);
    });
  }
});
