/**
 * A worker thread of the check pool: reads, recognises and checks one file
 * per message, and answers with the report or the reason it could not.
 */
import { parentPort } from "node:worker_threads";
import type { CheckConfig } from "../check/config.ts";
import { checkDisclosure } from "../check/engine.ts";
import { GongkaiError } from "../model/errors.ts";
import { extractFile } from "../pipeline.ts";
import { halfOfDisclosure } from "../recognize/merge.ts";

export interface CheckJob {
  index: number;
  file: string;
  config: CheckConfig;
  /** Send the Disclosure back too when the file holds one half of a split disclosure. */
  keepHalves?: boolean;
}

parentPort?.on("message", async (job: CheckJob) => {
  try {
    const doc = await extractFile(job.file);
    const report = checkDisclosure(doc, job.config);
    const half = job.keepHalves && halfOfDisclosure(doc) ? { half: doc } : {};
    parentPort?.postMessage({ index: job.index, report, ...half });
  } catch (e) {
    const known = e instanceof GongkaiError;
    parentPort?.postMessage({
      index: job.index,
      error: e instanceof Error ? e.message : String(e),
      known,
      ...(known ? { code: e.code } : {}),
    });
  }
});
