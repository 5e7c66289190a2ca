/**
 * What must not outlive a run: temporary files and folders (a converter's
 * profile with a copy of the input, a half-written output) and converter
 * processes (LibreOffice's launcher starts soffice.bin, which outlives a
 * kill of the launcher alone, so a converter runs in a process group of its
 * own and is stopped with the whole group).
 *
 * Each thread registers what it starts. Only the main thread receives
 * signals, so reading threads send theirs to it over a BroadcastChannel;
 * the main thread removes them on SIGINT and SIGTERM (and then dies of the
 * signal, as it would have), at exit, and when it stops a reading thread at
 * its deadline (cleanupThread).
 */
import { rmSync } from "node:fs";
import { BroadcastChannel, isMainThread, threadId } from "node:worker_threads";

export interface Leftover {
  /** A temporary file or folder, removed with everything in it. */
  path?: string;
  /** A process group (the id of its leader), killed with SIGKILL. */
  group?: number;
}

interface Note {
  op: "add" | "remove";
  thread: number;
  key: number;
  item: Leftover;
}

const CHANNEL = "gongkai-cleanup";
/** Main thread: what each thread (0 = main) has registered, by key. */
const registry = new Map<number, Map<number, Leftover>>();
let nextKey = 0;
let channel: BroadcastChannel | undefined;

function removeNow(item: Leftover): void {
  if (item.group !== undefined) {
    try {
      process.kill(-item.group, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  if (item.path !== undefined) {
    try {
      rmSync(item.path, { recursive: true, force: true });
    } catch {
      // Nothing more can be done at this point.
    }
  }
}

function record(n: Note): void {
  const items = registry.get(n.thread) ?? new Map<number, Leftover>();
  if (n.op === "add") items.set(n.key, n.item);
  else items.delete(n.key);
  if (items.size > 0) registry.set(n.thread, items);
  else registry.delete(n.thread);
  armSignals();
}

/** Remove everything a thread registered (after it was stopped, it cannot do so itself). */
export function cleanupThread(thread: number): void {
  const items = registry.get(thread);
  registry.delete(thread);
  for (const item of items?.values() ?? []) removeNow(item);
  armSignals();
}

function cleanupAll(): void {
  for (const thread of [...registry.keys()]) cleanupThread(thread);
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let armed = false;

let busyThreads = 0;

/**
 * A reading thread starts (+1) or ends (-1) a document: while one works, a
 * signal waits a moment for what the thread registered last (its note may
 * still be on the way) before removing everything.
 */
export function threadBusy(delta: number): void {
  busyThreads = Math.max(0, busyThreads + delta);
  armSignals();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupAll();
  const finish = () => {
    cleanupAll();
    // Others listening (a server finishing its document) decide when to exit;
    // alone, die of the signal as the process would have without us.
    process.off(signal, onSignal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  if (busyThreads > 0) setTimeout(finish, 150);
  else finish();
}

/** Signal handlers only while something is registered or read: otherwise signals keep their default. */
function armSignals(): void {
  const want = registry.size > 0 || busyThreads > 0;
  if (want === armed) return;
  armed = want;
  for (const s of SIGNALS) {
    if (want) process.on(s, onSignal);
    else process.off(s, onSignal);
  }
}

/** Main thread: take notes from the reading threads. Called once, before any thread starts. */
export function listenForThreads(): void {
  if (!isMainThread || channel) return;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e) => record((e as { data: Note }).data);
  channel.unref();
  process.on("exit", cleanupAll);
}

/** Register a leftover; returns the function that forgets it (once it is removed or safe). */
export function register(item: Leftover): () => void {
  const key = ++nextKey;
  const note: Note = { op: "add", thread: isMainThread ? 0 : threadId, key, item };
  if (isMainThread) {
    listenForThreads();
    record(note);
    return () => record({ ...note, op: "remove" });
  }
  const out = new BroadcastChannel(CHANNEL);
  out.unref();
  out.postMessage(note);
  return () => {
    out.postMessage({ ...note, op: "remove" });
    out.close();
  };
}
