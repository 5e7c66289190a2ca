/**
 * Every core busy: a pool of ProcessThreads (process-thread.ts), each
 * reading, recognising and checking one document at a time. A document is
 * handed to the first idle thread; callers beyond the pool's size wait their
 * turn, so any number may ask at once. A thread that dies on a hostile
 * document fails that document only; its ProcessThread starts a fresh thread
 * for the next one.
 */
import { availableParallelism } from "node:os";
import type { CheckConfig } from "../check/config.ts";
import { type Processed, ProcessThread } from "./process-thread.ts";

export class ProcessPool {
  readonly size: number;
  readonly #threads: ProcessThread[];
  readonly #idle: ProcessThread[];
  readonly #waiting: ((thread: ProcessThread) => void)[] = [];

  constructor(size = availableParallelism()) {
    this.size = Math.max(1, Math.floor(size));
    this.#threads = Array.from({ length: this.size }, () => new ProcessThread());
    this.#idle = [...this.#threads];
  }

  /** Read and check one document on the next idle thread. */
  async process(
    bytes: Uint8Array,
    name: string | undefined,
    config: CheckConfig,
    onProgress?: (share: number) => void,
  ): Promise<Processed> {
    const thread =
      this.#idle.pop() ?? (await new Promise<ProcessThread>((r) => this.#waiting.push(r)));
    try {
      return await thread.process(bytes, name, config, onProgress);
    } finally {
      const next = this.#waiting.shift();
      if (next) next(thread);
      else this.#idle.push(thread);
    }
  }

  /** Each thread's largest V8 heap (bytes) after a document, in thread order. */
  peakHeapBytes(): number[] {
    return this.#threads.map((t) => t.peakHeapBytes);
  }

  async close(): Promise<void> {
    await Promise.all(this.#threads.map((t) => t.close()));
  }
}
