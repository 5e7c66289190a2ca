/**
 * A worker thread of the check pool: reads, recognises and checks one file
 * per message, and answers with the report or the reason it could not.
 */
import { parentPort } from "node:worker_threads";
import type { CheckConfig } from "../check/config.ts";
import { checkDisclosure } from "../check/engine.ts";
import { GongkaiError } from "../model/errors.ts";
import { extractFile } from "../pipeline.ts";

export interface CheckJob {
  index: number;
  file: string;
  config: CheckConfig;
}

parentPort?.on("message", async (job: CheckJob) => {
  try {
    const report = checkDisclosure(await extractFile(job.file), job.config);
    parentPort?.postMessage({ index: job.index, report });
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
