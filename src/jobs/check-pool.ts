/**
 * Check many files on every core: a pool of worker threads, each reading,
 * recognising and checking one file at a time. Reports come back in the
 * order of the files; a file that cannot be read is reported, never fatal.
 * Asked to, a worker also sends back the Disclosure of a file that holds one
 * half of a disclosure published as two files, so the halves can be paired.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CheckConfig } from "../check/config.ts";
import type { CheckReport } from "../check/types.ts";
import { GongkaiError, type GongkaiErrorCode } from "../model/errors.ts";
import type { Disclosure } from "../model/schema.ts";

/** A file's report; with `keepHalves`, the Disclosure too when the file is one half of a split disclosure. */
export type CheckOutcome = { report: CheckReport; half?: Disclosure } | { error: Error };

export interface PoolOptions {
  /** Send back the Disclosure of every file that holds only the tables or only the narrative. */
  keepHalves?: boolean;
}

interface Answer {
  index: number;
  report?: CheckReport;
  half?: Disclosure;
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
  opts: PoolOptions = {},
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
        worker.postMessage({ index, file: files[index], config, keepHalves: !!opts.keepHalves });
      };
      worker.on("message", (a: Answer) => {
        if (a.report)
          outcomes[a.index] = a.half ? { report: a.report, half: a.half } : { report: a.report };
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
