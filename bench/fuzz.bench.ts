/**
 * The longer fuzzing run (issue 14): the property of test/fuzz-ingest.test.ts
 * — every format reads into a Disclosure or a GongkaiError within its
 * limits — over many more inputs, on a new seed each run (GONGKAI_FUZZ_SEED
 * replays one; GONGKAI_FUZZ_RUNS sets the inputs per format, default 300).
 * Prints inputs per format, time, and any counterexample with its seed and
 * path and the file it was saved to; exits 1 when one is found (it then
 * becomes a regression test in test/fuzz-regressions.test.ts).
 */
import fc from "fast-check";
import { type FuzzFormat, fuzzInputs, readsCleanly } from "../test/helpers/fuzz.ts";

const seed = Number(process.env.GONGKAI_FUZZ_SEED ?? Date.now() % 2 ** 31);
const runs = Number(process.env.GONGKAI_FUZZ_RUNS ?? 300);
const inputs = await fuzzInputs();
let failed = false;
console.log(`模糊测试：种子 ${seed}，每种格式 ${runs} 个输入`);
for (const format of ["text", "html", "docx", "xlsx", "pdf"] as FuzzFormat[]) {
  const started = performance.now();
  const result = await fc.check(fc.asyncProperty(inputs[format], readsCleanly), {
    seed,
    numRuns: runs,
    endOnFailure: true,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.failed) {
    failed = true;
    const cause = result.errorInstance instanceof Error ? result.errorInstance.message : "";
    console.log(
      `${format.padEnd(5)} 失败（${result.numRuns} 个输入，${seconds} s）：种子 ${seed}，路径 ${result.counterexamplePath}：${cause}`,
    );
  } else console.log(`${format.padEnd(5)} 通过：${result.numRuns} 个输入，${seconds} s`);
}
process.exit(failed ? 1 : 0);
