/**
 * Check many files on every core. Each file is read and recognised in a
 * reading thread (read-thread.ts: the same time and memory bound as one
 * file has), as many at once as there are threads; this thread checks each
 * Disclosure as it comes back (checking takes a tenth of what reading
 * does). Reports come back in the order of the files; a file that cannot be
 * read is reported, never fatal. Asked to, the Disclosure of a file that
 * holds one half of a disclosure published as two files is kept too, so the
 * halves can be paired.
 *
 * The reading threads are started before anything else, so that their
 * start-up overlaps this thread's; the largest files are read first, so
 * that no thread is left with a long file when the others are done.
 */
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { CheckConfig } from "../check/config.ts";
import { checkDisclosure } from "../check/engine.ts";
import type { CheckReport } from "../check/types.ts";
import { readInputFile } from "../ingest/index.ts";
import { resolveLimits } from "../ingest/limits.ts";
import { GongkaiError } from "../model/errors.ts";
import type { Disclosure } from "../model/schema.ts";
import { readInThread, startReadingThreads } from "../read-thread.ts";
import { halfOfDisclosure } from "../recognize/merge.ts";

/** A file's report; with `keepHalves`, the Disclosure too when the file is one half of a split disclosure. */
export type CheckOutcome = { report: CheckReport; half?: Disclosure } | { error: Error };

export interface PoolOptions {
  /** Keep the Disclosure of every file that holds only the tables or only the narrative. */
  keepHalves?: boolean;
}

/** A GongkaiError is the user's (a clear message); anything else is reported by its message. */
function asError(e: unknown): Error {
  return e instanceof GongkaiError ? e : new Error(e instanceof Error ? e.message : String(e));
}

/** The file's size as the file system gives it; 0 when it cannot (reading it says why). */
async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

export async function checkFilesInPool(
  files: readonly string[],
  config: CheckConfig,
  threads = Math.min(files.length, availableParallelism()),
  opts: PoolOptions = {},
): Promise<CheckOutcome[]> {
  const limits = resolveLimits();
  const lanes = Math.max(1, Math.min(threads, files.length));
  startReadingThreads(lanes, limits);
  const outcomes: CheckOutcome[] = new Array(files.length);
  const sizes = await Promise.all(files.map(sizeOf));
  // Largest first (size stands in for reading time): the last file read is a short one.
  const order = files
    .map((_, index) => index)
    .sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  const check = (index: number, doc: Disclosure) => {
    try {
      const report = checkDisclosure(doc, config);
      outcomes[index] =
        opts.keepHalves && halfOfDisclosure(doc) ? { report, half: doc } : { report };
    } catch (e) {
      outcomes[index] = { error: asError(e) };
    }
  };
  const checks: Promise<void>[] = [];
  let next = 0;
  /** The next file's bytes, read ahead, so a reading thread is sent its next file the moment it is free. */
  const take = () => {
    const index = order[next++];
    if (index === undefined) return undefined;
    const file = files[index] as string;
    const bytes = readInputFile(file, limits);
    bytes.catch(() => {}); // awaited below; not unhandled meanwhile
    return { index, file, bytes };
  };
  const lane = async () => {
    for (let job = take(); job; ) {
      const { index, file } = job;
      let doc: Promise<Disclosure>;
      try {
        doc = readInThread(await job.bytes, file, limits);
      } catch (e) {
        outcomes[index] = { error: asError(e) };
        job = take();
        continue;
      }
      job = take();
      try {
        const read = await doc;
        // Checked on the next turn: the bytes of the lane's next file come first.
        checks.push(new Promise((done) => setImmediate(() => done(check(index, read)))));
      } catch (e) {
        outcomes[index] = { error: asError(e) };
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  await Promise.all(checks);
  return outcomes;
}
