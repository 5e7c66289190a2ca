/**
 * `gongkai batch` as a library: every document under the given folders and
 * patterns read, recognised and checked on every core (a ProcessPool), and
 * kept in the store, with progress as it goes and one outcome per file.
 *
 * Resumable: a file whose bytes (sha256) are already stored and checked by
 * the same rule-set version under the same preset is not processed again;
 * its stored check is counted instead. A batch stopped half-way (Ctrl-C, a
 * crash) is finished by running it again: documents it left `processing`
 * are taken over. A file whose reading failed before is listed with its
 * stored error and not read again, unless `retryErrors` says so: the same
 * bytes fail the same way under the same gongkai.
 *
 * One bad file never stops the batch: it is an outcome with its Chinese
 * error. Only a failing store (the database gone, the disk full) stops it.
 */
import { createHash } from "node:crypto";
import { glob, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import type { CheckConfig } from "../check/config.ts";
import type { CheckReport, Severity } from "../check/types.ts";
import { ruleSetVersion } from "../check/version.ts";
import { readInputFile, sniffFormat } from "../ingest/index.ts";
import { GongkaiError } from "../model/errors.ts";
import type { Kind } from "../model/schema.ts";
import type { DocumentSummary, Store } from "../store/types.ts";
import { importableFiles } from "./import.ts";
import { alreadyChecked, presetOf, processClaimed } from "./process-claimed.ts";
import { ProcessPool } from "./process-pool.ts";

/** Findings of one document by rule id, per severity. */
export type RuleCounts = Record<string, Record<Severity, number>>;

export interface BatchItem {
  file: string;
  /**
   * processed: read and checked in this run; skipped: already checked by
   * this rule set (counted from the store); error: could not be read (now,
   * or in an earlier run when `again`).
   */
  outcome: "processed" | "skipped" | "error";
  /** The Chinese reason, for an error. */
  message?: string;
  /** An error kept from an earlier run, not read again. */
  again?: boolean;
  /** Another file of this batch with the same bytes, processed once for both. */
  sameAs?: string;
  documentId?: string;
  sha256?: string;
  entity: string | null;
  region: string | null;
  year: number | null;
  kind: Kind | null;
  counts: Record<Severity, number>;
  byRule: RuleCounts;
}

export interface BatchProgress {
  total: number;
  /** Files finished, whatever their outcome. */
  done: number;
  processed: number;
  skipped: number;
  failed: number;
  elapsedMs: number;
}

export interface BatchOptions {
  config?: CheckConfig;
  /** Worker threads; default every core. */
  threads?: number;
  published?: boolean;
  tags?: readonly string[];
  /** Read again the files an earlier run could not read. */
  retryErrors?: boolean;
  onProgress?: (p: BatchProgress) => void;
  /** Each file's outcome as it comes (not in file order). */
  onItem?: (item: BatchItem) => void;
}

export interface BatchResult {
  items: BatchItem[];
  elapsedMs: number;
  threads: number;
  preset: string;
  ruleSetVersion: string;
  store: string;
  /** Each thread's largest V8 heap after a document (bytes). */
  peakHeapBytes: number[];
}

const NO_COUNTS = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

/** Counts by severity and by rule of one check. */
function countFindings(report: CheckReport): Pick<BatchItem, "counts" | "byRule"> {
  const counts = NO_COUNTS();
  const byRule: RuleCounts = {};
  for (const f of report.findings) {
    counts[f.severity] += 1;
    const r = byRule[f.rule] ?? NO_COUNTS();
    r[f.severity] += 1;
    byRule[f.rule] = r;
  }
  return { counts, byRule };
}

function describe(d: DocumentSummary | undefined) {
  return {
    ...(d ? { documentId: d.id, sha256: d.sha256 } : {}),
    entity: d?.entityName ?? null,
    region: d?.region ?? null,
    year: d?.year ?? null,
    kind: d?.kind ?? null,
  };
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * The files a batch works on: folders walked (as `gongkai import` walks
 * them), glob patterns the shell did not expand (quoted, or on Windows)
 * expanded, files as named; each file once.
 */
export async function batchFiles(paths: readonly string[]): Promise<string[]> {
  const named: string[] = [];
  for (const p of paths) {
    const exists = await stat(p).then(
      () => true,
      () => false,
    );
    if (exists || !GLOB_CHARS.test(p)) {
      named.push(p);
      continue;
    }
    const matched: string[] = [];
    for await (const m of glob(p)) matched.push(m);
    matched.sort();
    // A pattern that matches nothing stays, so the batch lists it as not found.
    named.push(...(matched.length > 0 ? matched : [p]));
  }
  return [...new Set(await importableFiles(named))];
}

export async function runBatch(
  store: Store,
  paths: readonly string[],
  opts: BatchOptions = {},
): Promise<BatchResult> {
  const started = Date.now();
  const config = opts.config ?? {};
  const files = await batchFiles(paths);
  const threads = Math.max(1, opts.threads ?? Math.min(availableParallelism(), files.length || 1));
  const pool = new ProcessPool(threads);
  const items: BatchItem[] = new Array(files.length);
  const progress: BatchProgress = {
    total: files.length,
    done: 0,
    processed: 0,
    skipped: 0,
    failed: 0,
    elapsedMs: 0,
  };
  // Files of this batch with the same bytes: the first one processes them, the others wait for it.
  const inFlight = new Map<string, Promise<BatchItem>>();

  const finish = (index: number, item: BatchItem) => {
    items[index] = item;
    progress.done += 1;
    if (item.outcome === "processed") progress.processed += 1;
    else if (item.outcome === "skipped") progress.skipped += 1;
    else progress.failed += 1;
    progress.elapsedMs = Date.now() - started;
    opts.onItem?.(item);
    opts.onProgress?.({ ...progress });
  };

  const one = async (file: string): Promise<BatchItem> => {
    let bytes: Uint8Array;
    try {
      bytes = await readInputFile(file);
    } catch (e) {
      if (!(e instanceof GongkaiError)) throw e;
      return {
        file,
        outcome: "error",
        message: e.message,
        ...describe(undefined),
        counts: NO_COUNTS(),
        byRule: {},
      };
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const twin = inFlight.get(sha256);
    if (twin) {
      const first = await twin;
      return {
        ...first,
        file,
        sameAs: first.file,
        outcome: first.outcome === "error" ? "error" : "skipped",
      };
    }
    const work = (async (): Promise<BatchItem> => {
      let doc = await store.getDocumentBySha256(sha256);
      if (doc) {
        const report = await alreadyChecked(store, doc, config);
        if (report) return { file, outcome: "skipped", ...describe(doc), ...countFindings(report) };
        if (doc.status === "error" && !opts.retryErrors) {
          return {
            file,
            outcome: "error",
            again: true,
            message: doc.error ?? "读取失败",
            ...describe(doc),
            counts: NO_COUNTS(),
            byRule: {},
          };
        }
      } else {
        doc = (
          await store.putDocument({
            bytes,
            fileName: basename(file),
            format: sniffFormat(bytes),
            published: opts.published ?? false,
            ...(opts.tags ? { tags: opts.tags } : {}),
          })
        ).document;
      }
      // New, left processing by a stopped run, failed before, or checked by an older rule set.
      const job = await store.reclaim(doc.id);
      if (!job) throw new Error(`文档 ${doc.id} 不见了`);
      const outcome = await processClaimed(store, job, pool, config, bytes);
      if (outcome.status === "error") {
        return {
          file,
          outcome: "error",
          message: outcome.message,
          ...describe(outcome.document),
          counts: NO_COUNTS(),
          byRule: {},
        };
      }
      return {
        file,
        outcome: "processed",
        ...describe(outcome.document),
        ...countFindings(outcome.report),
      };
    })();
    inFlight.set(sha256, work);
    try {
      return await work;
    } finally {
      inFlight.delete(sha256);
    }
  };

  // Twice as many files in hand as threads: reading, hashing and storing overlap with the threads' work.
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < files.length && !failure) {
      const index = next++;
      try {
        finish(index, await one(files[index] as string));
      } catch (error) {
        // The store failed: no file is to blame, and no other file can be kept either.
        failure ??= { error };
      }
    }
  };
  try {
    opts.onProgress?.({ ...progress });
    // Every lane ends (the failing one stops the others) before the threads close under them.
    await Promise.all(Array.from({ length: Math.min(files.length, threads * 2) }, lane));
  } finally {
    await pool.close();
  }
  if (failure) throw failure.error;
  return {
    items,
    elapsedMs: Date.now() - started,
    threads,
    preset: presetOf(config),
    ruleSetVersion: ruleSetVersion(),
    store: store.location,
    peakHeapBytes: pool.peakHeapBytes(),
  };
}
