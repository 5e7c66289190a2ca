/**
 * Read a document in a thread of its own, so that its time and memory are
 * bounded (issue 14): a PDF whose drawings fan out, or a text of a million
 * claim-like lines, is stopped at the deadline by terminating its thread,
 * and one that outgrows the heap limit ends its thread, not the process.
 * Neither touches the other documents being read.
 *
 * Threads are kept for the next document (starting one loads the readers
 * again: about a second), one per document read at the same time; an idle
 * thread does not keep the process alive. A thread that was stopped is
 * thrown away.
 */
import module from "node:module";
import { dirname } from "node:path";
import { Worker } from "node:worker_threads";
import { cleanupThread, listenForThreads, threadBusy } from "./fs/cleanup.ts";
import { howToRaise, type Limits } from "./ingest/limits.ts";
import { GongkaiError, type GongkaiErrorCode } from "./model/errors.ts";
import type { Disclosure } from "./model/schema.ts";

export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  file?: string;
  limits: Limits;
}

export interface ReadAnswer {
  id: number;
  disclosure?: Disclosure;
  error?: string;
  code?: GongkaiErrorCode;
}

/** The worker script beside this module (.ts from a checkout, .js in the installed package). */
function workerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./read-worker${ext}`, import.meta.url);
}

// A stopped thread cannot remove its converter or temporary folder: we do.
listenForThreads();

/** Idle threads, by the heap limit they were started with. */
const idle = new Map<number, Worker[]>();
let nextId = 0;

function heapMb(limits: Limits): number {
  return Math.max(64, Math.round(limits.maxMemoryMb));
}

/**
 * The environment of a reading thread: this process's, and its compile cache
 * when it has one (module.enableCompileCache applies to the calling thread
 * alone; a thread started with NODE_COMPILE_CACHE uses the same folder), so
 * that a reading thread loads the readers from V8's code cache and, in a
 * checkout, does not strip their TypeScript again: without it each thread
 * loads Node's TypeScript stripper, whose WebAssembly V8 then optimises
 * (about a second of CPU per run).
 */
export function threadEnv(): NodeJS.ProcessEnv {
  const dir = module.getCompileCacheDir?.();
  // The folder Node was given; it keeps each Node version's cache in a folder of its own inside.
  return dir ? { ...process.env, NODE_COMPILE_CACHE: dirname(dir) } : process.env;
}

function startThread(memoryMb: number): Worker {
  const w = new Worker(workerUrl(), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, stackSizeMb: 16 },
    env: threadEnv(),
  });
  // A thread that ends while idle (it failed to start) is never handed out.
  const drop = () => {
    const list = idle.get(memoryMb);
    const at = list?.indexOf(w) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
  };
  w.on("error", drop);
  w.on("exit", drop);
  return w;
}

function take(memoryMb: number): Worker {
  // The thread started longest ago first: the likeliest to have finished loading.
  const w = idle.get(memoryMb)?.shift() ?? startThread(memoryMb);
  w.ref();
  return w;
}

function giveBack(memoryMb: number, w: Worker): void {
  w.unref();
  const list = idle.get(memoryMb) ?? [];
  list.push(w);
  idle.set(memoryMb, list);
}

/**
 * Start reading threads ahead of the documents they will read, so that
 * their start-up (loading the readers) overlaps whatever the caller does
 * first: up to `count` idle threads with `limits`' heap.
 */
export function startReadingThreads(count: number, limits: Limits): void {
  const memoryMb = heapMb(limits);
  const list = idle.get(memoryMb) ?? [];
  while (list.length < count) {
    const w = startThread(memoryMb);
    w.unref();
    list.push(w);
  }
  idle.set(memoryMb, list);
}

/** Read `bytes` into a Disclosure in a reading thread, within `limits`' time and heap. */
export function readInThread(
  bytes: Uint8Array,
  file: string | undefined,
  limits: Limits,
): Promise<Disclosure> {
  const memoryMb = heapMb(limits);
  const worker = take(memoryMb);
  const id = ++nextId;
  return new Promise<Disclosure>((resolve, reject) => {
    let settled = false;
    const finish = (keep: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      threadBusy(-1);
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (keep) giveBack(memoryMb, worker);
      else {
        const thread = worker.threadId;
        cleanupThread(thread);
        void worker.terminate().then(() => cleanupThread(thread));
      }
      outcome();
    };
    const timer = setTimeout(() => {
      finish(false, () =>
        reject(
          new GongkaiError(
            "too_large",
            `读取超时：${limits.maxSeconds} 秒内未能读完，已停止读取这份文档${howToRaise("maxSeconds")}`,
          ),
        ),
      );
    }, limits.maxSeconds * 1000);
    const onMessage = (a: ReadAnswer) => {
      if (a.id !== id) return;
      if (a.disclosure) {
        const d = a.disclosure;
        finish(true, () => resolve(d));
      } else {
        const e = a.code ? new GongkaiError(a.code, a.error ?? "") : new Error(a.error);
        finish(true, () => reject(e));
      }
    };
    const onError = (e: Error & { code?: string }) => {
      finish(false, () =>
        reject(
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new GongkaiError(
                "too_large",
                `读取这份文档所需内存超过上限 ${memoryMb} MB，已停止读取${howToRaise("maxMemoryMb")}`,
              )
            : e,
        ),
      );
    };
    const onExit = (code: number) => {
      finish(false, () => reject(new Error(`读取线程意外退出（代码 ${code}）`)));
    };
    threadBusy(1);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    const request: ReadRequest = { id, bytes, limits };
    if (file !== undefined) request.file = file;
    worker.postMessage(request);
  });
}
