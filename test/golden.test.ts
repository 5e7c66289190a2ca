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
import { recognize } from "../src/recognize/index.ts";
import { type Golden, missingGoldenFacts } from "./helpers/golden.ts";
import { GOLDEN_DIR, goldenFiles, SHARED } from "./helpers/seeds.ts";

describe("golden facts", () => {
  const files = goldenFiles();
  it("finds the golden files", () => assert.ok(files.length >= 3));
  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(GOLDEN_DIR, file), "utf8")) as Golden;
    it(`${file}: document facts and every table fact`, async () => {
      const d = recognize(await ingestFile(join(SHARED, golden.document)));
      assert.deepEqual(missingGoldenFacts(golden, toFacts(d)), []);
    });
  }
});
