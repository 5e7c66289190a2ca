/**
 * Hand-checked facts of corpus PDFs (test/golden-corpus/*.json, checked
 * against the PDFs as rendered and against `pdftotext -layout`): every fact
 * is in the extraction with the exact value, and the tables a golden file
 * covers have no extra non-zero cell (golden files list every non-zero cell
 * of the tables they cover).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ingestFile } from "../src/ingest/index.ts";
import { toFacts } from "../src/model/facts.ts";
import { recognize } from "../src/recognize/index.ts";
import { type Golden, goldenReport } from "./helpers/golden.ts";
import { SHARED } from "./helpers/seeds.ts";

const DIR = join(import.meta.dirname, "golden-corpus");

/**
 * KNOWN EXTRA FACTS: non-zero cells the extraction gives in a covered table
 * that the golden file does not list, each looked at by hand, by golden file
 * and cell (`table|key|column`) with why ("extraction wrong: …" or "golden
 * file omits: …"). None today. An entry that no longer occurs fails the
 * test until it is removed.
 */
const KNOWN_EXTRA_FACTS: Record<string, Record<string, string>> = {};

describe("golden facts of corpus PDFs", () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
  it("has at least three golden PDFs", () => assert.ok(files.length >= 3));
  it("allows extra facts only for golden files that exist", () => {
    for (const f of Object.keys(KNOWN_EXTRA_FACTS)) assert.ok(files.includes(f), f);
  });
  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(DIR, file), "utf8")) as Golden;
    it(`${file}: document facts, every table fact, no extra non-zero cell`, async () => {
      const d = recognize(await ingestFile(join(SHARED, golden.document)));
      assert.deepEqual(goldenReport(golden, toFacts(d), KNOWN_EXTRA_FACTS[file]), {
        missing: [],
        extra: [],
        unusedAllowances: [],
      });
    });
  }
});
