/**
 * Many files are checked on every core: the pool's reports are the same as
 * one file at a time, in the order of the files (whatever order it reads
 * them in), and a file that cannot be read is reported without stopping the
 * others.
 */
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { checkFilesInPool } from "../src/jobs/check-pool.ts";
import { GongkaiError } from "../src/model/errors.ts";
import { extractFile } from "../src/pipeline.ts";
import { corpusDocuments } from "./helpers/corpus.ts";
import { SEEDS_DIR } from "./helpers/seeds.ts";

describe("the check pool", () => {
  it("gives each file's report, in order, as a single run does; an unreadable file is its own error", async () => {
    const files = [
      join(SEEDS_DIR, "002_2ab87d748f3e6997.txt"),
      join(SEEDS_DIR, "不存在的文件.txt"),
      join(SEEDS_DIR, "000_451c231ef299bff3.txt"),
    ];
    const outcomes = await checkFilesInPool(files, {}, 2);
    assert.equal(outcomes.length, 3);
    const missing = outcomes[1];
    assert.ok(missing && "error" in missing && missing.error instanceof GongkaiError);
    for (const i of [0, 2]) {
      const o = outcomes[i];
      assert.ok(o && "report" in o, `file ${i} has a report`);
      const alone = checkDisclosure(await extractFile(files[i] as string), {});
      assert.deepEqual(o.report, JSON.parse(JSON.stringify(alone)));
    }
  });

  it("reads PDFs in its reading threads, the largest first, and still reports in the order given", async () => {
    const pdfs = corpusDocuments().filter((f) => f.toLowerCase().endsWith(".pdf"));
    const bySize = [...pdfs].sort((a, b) => statSync(a).size - statSync(b).size);
    const [smallest, largest] = [bySize[0] as string, bySize[bySize.length - 1] as string];
    // The largest file is given last: the pool reads it first, and must put its report last.
    const files = [join(SEEDS_DIR, "002_2ab87d748f3e6997.txt"), smallest, largest];
    const outcomes = await checkFilesInPool(files, {}, 2);
    assert.equal(outcomes.length, files.length);
    for (const [i, file] of files.entries()) {
      const o = outcomes[i];
      assert.ok(o && "report" in o, `${file} has a report`);
      const alone = checkDisclosure(await extractFile(file), {});
      assert.deepEqual(o.report, JSON.parse(JSON.stringify(alone)), file);
    }
  });
});
