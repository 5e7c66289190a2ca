/**
 * A bounded, seeded (so repeatable) fuzzing run over every format's reader
 * (test/helpers/fuzz.ts): a few dozen inputs each, grown from real
 * documents. `npm run bench` runs the same property longer, on a random
 * seed (bench/fuzz.bench.ts). A failure prints fast-check's seed and path to
 * replay it; each one found becomes a regression test.
 */
import { describe, it } from "node:test";
import fc from "fast-check";
import { type FuzzFormat, fuzzInputs, readsCleanly } from "./helpers/fuzz.ts";

const inputs = await fuzzInputs();
const RUNS: Record<FuzzFormat, number> = { text: 40, html: 40, docx: 20, xlsx: 20, pdf: 12 };

describe("fuzzing: every format reads into a Disclosure or a GongkaiError, within its limits", () => {
  for (const format of Object.keys(RUNS) as FuzzFormat[]) {
    it(format, async () => {
      await fc.assert(fc.asyncProperty(inputs[format], readsCleanly), {
        seed: 14,
        numRuns: RUNS[format],
        endOnFailure: true,
      });
    });
  }
});
