/**
 * Read → recognise → check → store, for one claimed document, in this
 * thread: the composition the importer uses (the server's queue does the
 * same on a worker thread, queue.ts). A document that cannot be read ends
 * as status `error` with the reader's Chinese message; nothing here throws
 * for a bad document.
 */
import type { CheckConfig } from "../check/config.ts";
import { checkDisclosure } from "../check/engine.ts";
import { ruleSetVersion } from "../check/version.ts";
import { GongkaiError } from "../model/errors.ts";
import { extractBytes } from "../pipeline.ts";
import type { ClaimedDocument, Store, StoredDocument } from "../store/types.ts";

export type ProcessOutcome =
  | { status: "done"; document: StoredDocument }
  | { status: "error"; message: string };

/** Share of the work done once the document is read (checking is the short part). */
const READ_SHARE = 0.8;

export async function processDocument(
  store: Store,
  job: ClaimedDocument,
  config: CheckConfig = {},
): Promise<ProcessOutcome> {
  let message: string;
  try {
    const bytes = await store.getOriginal(job.id);
    if (!bytes) throw new GongkaiError("not_found", "找不到文档的原始文件");
    const disclosure = await extractBytes(bytes, job.fileName);
    await store.markProgress(job.id, READ_SHARE);
    const check = checkDisclosure(disclosure, config);
    await store.markDone(job.id, { disclosure, check, ruleSetVersion: ruleSetVersion() });
    const document = await store.getDocument(job.id);
    if (!document) throw new Error(`文档 ${job.id} 保存后不见了`);
    return { status: "done", document };
  } catch (e) {
    // A reader's error is the document's; anything else is ours, and says so.
    message =
      e instanceof GongkaiError
        ? e.message
        : `处理时发生内部错误：${e instanceof Error ? e.message : String(e)}`;
  }
  await store.markError(job.id, message);
  return { status: "error", message };
}
