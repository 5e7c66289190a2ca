/**
 * The background processing of stored documents: a loop that claims the
 * oldest queued document from the store, reads and checks it on a worker
 * thread, and stores the result. The store's claim is atomic, so several
 * loops (several server processes sharing PostgreSQL) never take the same
 * document; a document left `processing` by a crash goes back to the queue
 * when a loop starts (requeueStale).
 */
import type { CheckConfig } from "../check/config.ts";
import { ruleSetVersion } from "../check/version.ts";
import { GongkaiError } from "../model/errors.ts";
import type { ClaimedDocument, Store } from "../store/types.ts";
import { ProcessThread } from "./process-thread.ts";

export interface QueueOptions {
  /** The check every new document gets. Default: the recommended preset. */
  config?: CheckConfig;
  /**
   * How often an idle loop looks at the store for work queued by another
   * process; work queued through this process wakes it at once. Default 2 s.
   */
  pollMs?: number;
  /** Processes sharing a store: only documents silent for this long are stale. Default: all. */
  staleAfterMs?: number;
  /** Where unexpected failures are told (a document's own error goes to the store). */
  log?: (message: string) => void;
}

/** Claimed share before the thread reports, and the share the store sees while storing. */
const CLAIMED_PROGRESS = 0.05;

export class DocumentQueue {
  readonly #store: Store;
  readonly #config: CheckConfig;
  readonly #pollMs: number;
  readonly #staleAfterMs: number | undefined;
  readonly #log: (message: string) => void;
  readonly #thread = new ProcessThread();
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(store: Store, opts: QueueOptions = {}) {
    this.#store = store;
    this.#config = opts.config ?? { preset: "recommended" };
    this.#pollMs = opts.pollMs ?? 2000;
    this.#staleAfterMs = opts.staleAfterMs;
    this.#log = opts.log ?? ((m) => process.stderr.write(`${m}\n`));
  }

  /** Requeue what a crash left processing, then work until stop(). Returns the number requeued. */
  async start(): Promise<number> {
    const requeued = await this.#store.requeueStale(
      this.#staleAfterMs === undefined ? {} : { olderThanMs: this.#staleAfterMs },
    );
    this.#running = true;
    this.#loop = this.#run();
    return requeued;
  }

  /** New work was queued: stop waiting. */
  notify(): void {
    this.#wake?.();
  }

  /** Finish the document in hand, then stop. */
  async stop(): Promise<void> {
    this.#running = false;
    this.notify();
    await this.#loop;
    await this.#thread.close();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let job: ClaimedDocument | undefined;
      try {
        job = await this.#store.claimNext();
      } catch (e) {
        this.#log(`处理队列：读取队列失败：${e instanceof Error ? e.message : String(e)}`);
      }
      if (job) await this.#process(job);
      else await this.#idle();
    }
  }

  #idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(this.#timer);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = done;
      this.#timer = setTimeout(done, this.#pollMs);
      // An idle loop alone does not keep the process running.
      this.#timer.unref();
      if (!this.#running) done();
    });
  }

  async #process(job: ClaimedDocument): Promise<void> {
    const store = this.#store;
    try {
      await store.markProgress(job.id, CLAIMED_PROGRESS);
      const bytes = await store.getOriginal(job.id);
      if (!bytes) throw new GongkaiError("not_found", "找不到文档的原始文件");
      let reported = Promise.resolve();
      const result = await this.#thread.process(bytes, job.fileName, this.#config, (share) => {
        reported = store.markProgress(job.id, share).catch(() => {});
      });
      await reported;
      await store.markDone(job.id, {
        disclosure: result.disclosure,
        check: result.report,
        ruleSetVersion: ruleSetVersion(),
      });
    } catch (e) {
      const known = e instanceof GongkaiError;
      if (!known)
        this.#log(`处理文档 ${job.id} 时出错：${e instanceof Error ? e.stack : String(e)}`);
      const message = known ? e.message : "处理时发生内部错误";
      await store.markError(job.id, message).catch((err: unknown) => {
        this.#log(`处理队列：无法记录文档 ${job.id} 的错误：${String(err)}`);
      });
    }
  }
}
