/**
 * One claimed document through the thread pool and into the store: the step
 * `gongkai batch` and `gongkai worker` share. What the document's reading
 * gets wrong (a reader's Chinese error, a thread killed by a hostile file)
 * ends as the document's status `error` with its message; what the store
 * gets wrong (the database gone) is thrown, because it is no fault of the
 * document and the caller decides whether to retry.
 *
 * Writing is idempotent: markDone replaces the document's disclosure and
 * its one check per preset, so a document processed again (a job retried
 * after its worker died just before it finished) still has one record and
 * one result set.
 */
import type { CheckConfig } from "../check/config.ts";
import type { CheckReport } from "../check/types.ts";
import { ruleSetVersion } from "../check/version.ts";
import { GongkaiError } from "../model/errors.ts";
import type { ClaimedDocument, DocumentSummary, Store } from "../store/types.ts";
import type { ProcessPool } from "./process-pool.ts";

export type ClaimedOutcome =
  | { status: "done"; document: DocumentSummary; report: CheckReport }
  | { status: "error"; document: DocumentSummary | undefined; message: string };

/** The Chinese message for a failure of the document's own reading. */
function documentError(e: unknown): string {
  if (e instanceof GongkaiError) return e.message;
  return `处理时发生内部错误：${e instanceof Error ? e.message : String(e)}`;
}

export async function processClaimed(
  store: Store,
  job: ClaimedDocument,
  pool: ProcessPool,
  config: CheckConfig,
  bytes?: Uint8Array,
): Promise<ClaimedOutcome> {
  const original = bytes ?? (await store.getOriginal(job.id));
  let processed: Awaited<ReturnType<ProcessPool["process"]>> | undefined;
  let message = "找不到文档的原始文件";
  if (original) {
    try {
      processed = await pool.process(original, job.fileName, config);
    } catch (e) {
      message = documentError(e);
    }
  }
  if (!processed) {
    await store.markError(job.id, message);
    return { status: "error", document: await store.getSummary(job.id), message };
  }
  await store.markDone(job.id, {
    disclosure: processed.disclosure,
    check: processed.report,
    ruleSetVersion: ruleSetVersion(),
  });
  const document = await store.getSummary(job.id);
  if (!document) throw new Error(`文档 ${job.id} 保存后不见了`);
  return { status: "done", document, report: processed.report };
}

/** The preset a config's check is stored under (CheckReport.preset). */
export function presetOf(config: CheckConfig): string {
  return config.preset ?? "recommended";
}

/**
 * Whether this document is already processed by this rule set under this
 * preset: the resumable batch and a retried job skip it.
 */
export async function alreadyChecked(
  store: Store,
  doc: DocumentSummary,
  config: CheckConfig,
): Promise<CheckReport | undefined> {
  if (doc.status !== "done") return undefined;
  const check = await store.getCheck(doc.id, presetOf(config));
  return check && check.ruleSetVersion === ruleSetVersion() ? check.report : undefined;
}
