/**
 * A worker thread that reads, recognises and checks one uploaded document
 * per message, so a long PDF never blocks the server's event loop. It tells
 * its progress once reading is done (checking is the short part).
 */
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import type { CheckConfig } from "../check/config.ts";
import { checkDisclosure } from "../check/engine.ts";
import { GongkaiError } from "../model/errors.ts";
import { extractBytes } from "../pipeline.ts";

export interface ProcessJob {
  seq: number;
  bytes: Uint8Array;
  name?: string;
  config: CheckConfig;
}

/** Share of the work done when the document has been read and recognised. */
export const READ_PROGRESS = 0.8;

parentPort?.on("message", async (job: ProcessJob) => {
  try {
    const disclosure = await extractBytes(job.bytes, job.name);
    parentPort?.postMessage({ seq: job.seq, progress: READ_PROGRESS });
    const report = checkDisclosure(disclosure, job.config);
    // This thread's heap as the document leaves it: the pool keeps the largest per thread.
    const heap = getHeapStatistics().total_heap_size;
    parentPort?.postMessage({ seq: job.seq, disclosure, report, heap });
  } catch (e) {
    const known = e instanceof GongkaiError;
    parentPort?.postMessage({
      seq: job.seq,
      error: e instanceof Error ? e.message : String(e),
      known,
      ...(known ? { code: e.code } : {}),
    });
  }
});
