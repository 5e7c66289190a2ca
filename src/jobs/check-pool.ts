/**
 * Check many files on every core: a pool of worker threads, each reading,
 * recognising and checking one file at a time. Reports come back in the
 * order of the files; a file that cannot be read is reported, never fatal.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CheckConfig } from "../check/config.ts";
import type { CheckReport } from "../check/types.ts";
import { GongkaiError, type GongkaiErrorCode } from "../model/errors.ts";

export type CheckOutcome = { report: CheckReport } | { error: Error };

interface Answer {
  index: number;
  report?: CheckReport;
  error?: string;
  known?: boolean;
  code?: GongkaiErrorCode;
}

/** The worker script beside this module (.ts from a checkout, .js in the installed package). */
function workerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./check-worker${ext}`, import.meta.url);
}

export async function checkFilesInPool(
  files: readonly string[],
  config: CheckConfig,
  threads = Math.min(files.length, availableParallelism()),
): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = new Array(files.length);
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= files.length) {
          resolve();
          return;
        }
        const index = next++;
        worker.postMessage({ index, file: files[index], config });
      };
      worker.on("message", (a: Answer) => {
        if (a.report) outcomes[a.index] = { report: a.report };
        else
          outcomes[a.index] = {
            error:
              a.known && a.code
                ? new GongkaiError(a.code, a.error ?? "")
                : new Error(a.error ?? "未知错误"),
          };
        send();
      });
      worker.on("error", reject);
      send();
    });
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(workerUrl()));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
