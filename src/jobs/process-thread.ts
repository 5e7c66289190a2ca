/**
 * One long-lived worker thread that turns a document's bytes into its
 * Disclosure and check report, one document at a time. If the thread dies
 * (out of memory on a hostile file), the document in hand fails and the next
 * one gets a fresh thread.
 */
import { Worker } from "node:worker_threads";
import type { CheckConfig } from "../check/config.ts";
import type { CheckReport } from "../check/types.ts";
import { GongkaiError, type GongkaiErrorCode } from "../model/errors.ts";
import type { Disclosure } from "../model/schema.ts";
import { threadEnv } from "../read-thread.ts";

export interface Processed {
  disclosure: Disclosure;
  report: CheckReport;
}

interface Answer {
  seq: number;
  progress?: number;
  disclosure?: Disclosure;
  report?: CheckReport;
  error?: string;
  known?: boolean;
  code?: GongkaiErrorCode;
  /** The thread's V8 heap (bytes) when it answered. */
  heap?: number;
}

interface Pending {
  onProgress: ((share: number) => void) | undefined;
  resolve: (p: Processed) => void;
  reject: (e: Error) => void;
}

function workerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./process-worker${ext}`, import.meta.url);
}

export class ProcessThread {
  #worker: Worker | undefined;
  #seq = 0;
  #pending = new Map<number, Pending>();
  #peakHeap = 0;

  /** The largest V8 heap (bytes) a thread of this ProcessThread reported after a document. */
  get peakHeapBytes(): number {
    return this.#peakHeap;
  }

  #start(): Worker {
    // The compile cache of this process, so the thread does not strip and compile the readers again.
    const worker = new Worker(workerUrl(), { env: threadEnv() });
    worker.on("message", (a: Answer) => {
      const p = this.#pending.get(a.seq);
      if (!p) return;
      if (a.progress !== undefined) {
        p.onProgress?.(a.progress);
        return;
      }
      this.#pending.delete(a.seq);
      if (a.heap !== undefined) this.#peakHeap = Math.max(this.#peakHeap, a.heap);
      if (this.#pending.size === 0) worker.unref();
      if (a.disclosure && a.report) p.resolve({ disclosure: a.disclosure, report: a.report });
      else if (a.known && a.code) p.reject(new GongkaiError(a.code, a.error ?? ""));
      else p.reject(new Error(a.error ?? "未知错误"));
    });
    const fail = (e: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const p of this.#pending.values()) p.reject(e);
      this.#pending.clear();
    };
    worker.on("error", (e) => fail(e));
    worker.on("exit", (code) => fail(new Error(`处理线程意外退出（${code}）`)));
    // An idle thread keeps no process alive; one at work does (see process()).
    worker.unref();
    return worker;
  }

  /** Read and check one document; `onProgress` hears the share done (0–1) along the way. */
  process(
    bytes: Uint8Array,
    name: string | undefined,
    config: CheckConfig,
    onProgress?: (share: number) => void,
  ): Promise<Processed> {
    this.#worker ??= this.#start();
    const seq = ++this.#seq;
    const worker = this.#worker;
    return new Promise<Processed>((resolve, reject) => {
      this.#pending.set(seq, { onProgress, resolve, reject });
      // A document in hand is finished before the process exits.
      worker.ref();
      worker.postMessage({ seq, bytes, ...(name !== undefined ? { name } : {}), config });
    });
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    if (w) await w.terminate();
  }
}
