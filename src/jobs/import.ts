/**
 * Load files into a store and process them: what `gongkai import` does,
 * as a library call. Folders are walked for the formats gongkai reads
 * (by extension there, so a folder's CSV extracts and manifests are left
 * alone); a file named explicitly is taken whatever its name, its format
 * found from its content as always. Each file is put (idempotent by
 * content), then processed in this process if it is still queued.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { CheckConfig } from "../check/config.ts";
import { readInputFile, sniffFormat } from "../ingest/index.ts";
import { GongkaiError } from "../model/errors.ts";
import type { DocumentSummary, Store } from "../store/types.ts";
import { processDocument } from "./process-document.ts";

/** Extensions of the formats gongkai reads, for walking folders. */
export const IMPORTABLE = /\.(?:pdf|xlsx|xls|docx|doc|html?|txt|md|markdown)$/i;

/** A folder's own notes (README.md, LICENSE.txt …) are not disclosures. */
const FOLDER_NOTES = /^(?:readme|license|licence|changelog|notice|manifest)(?:\.|$)/i;

/**
 * Processing left this long without a word from its worker is taken as
 * crashed: long enough for a live server's worker on the same store
 * (a PDF is read within 120 s) to keep its document.
 */
export const STALE_AFTER_MS = 15 * 60 * 1000;

export type ImportOutcome =
  /** Stored now and processed. */
  | { file: string; result: "new"; document: DocumentSummary }
  /** These bytes were already stored (as this or another file name). */
  | { file: string; result: "stored"; document: DocumentSummary }
  /** Not stored or not readable: the Chinese reason. */
  | { file: string; result: "error"; message: string; document?: DocumentSummary };

export interface ImportOptions {
  config?: CheckConfig;
  published?: boolean;
  tags?: readonly string[];
  uploaderId?: string | null;
  /** Called with each outcome as it comes, in the order of the files. */
  onFile?: (outcome: ImportOutcome) => void;
}

/** The files to import: named files as given, folders walked in name order. */
export async function importableFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string) => {
    // A link back up the tree is walked once, not forever.
    const real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const path = join(dir, e.name);
      // A link counts as what it points to (a broken one as nothing).
      const target = e.isSymbolicLink() ? await stat(path).catch(() => undefined) : e;
      if (target?.isDirectory()) await walk(path);
      else if (target?.isFile() && IMPORTABLE.test(e.name) && !FOLDER_NOTES.test(e.name))
        files.push(path);
    }
  };
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (s?.isDirectory()) await walk(p);
    else files.push(p);
  }
  return files;
}

async function importOne(store: Store, file: string, opts: ImportOptions): Promise<ImportOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(file);
  } catch (e) {
    if (e instanceof GongkaiError) return { file, result: "error", message: e.message };
    throw e;
  }
  const { document, created } = await store.putDocument({
    bytes,
    fileName: basename(file),
    format: sniffFormat(bytes),
    published: opts.published ?? false,
    uploaderId: opts.uploaderId ?? null,
    ...(opts.tags ? { tags: opts.tags } : {}),
  });
  // Queued: new, or left by an import that stopped before processing it.
  const job = await store.claim(document.id);
  if (job) {
    const outcome = await processDocument(store, job, opts.config);
    if (outcome.status === "error") {
      const failed = (await store.getDocumentBySha256(document.sha256)) ?? document;
      return { file, result: "error", message: outcome.message, document: failed };
    }
    return { file, result: created ? "new" : "stored", document: outcome.document };
  }
  // Another process claimed it first (a concurrent import, a server's queue): it processes it.
  return { file, result: created ? "new" : "stored", document };
}

/** Import every file; a file that cannot be read is an outcome, never a stop. */
export async function importFiles(
  store: Store,
  paths: readonly string[],
  opts: ImportOptions = {},
): Promise<ImportOutcome[]> {
  await store.requeueStale({ olderThanMs: STALE_AFTER_MS });
  const outcomes: ImportOutcome[] = [];
  for (const file of await importableFiles(paths)) {
    const outcome = await importOne(store, file, opts);
    outcomes.push(outcome);
    opts.onFile?.(outcome);
  }
  return outcomes;
}
