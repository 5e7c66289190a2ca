/**
 * `gongkai enqueue`, `gongkai worker` and `gongkai jobs`: the distributed
 * run on one PostgreSQL (src/jobs/distributed.ts). Thin: open the store and
 * the queue, call the library, print Chinese lines.
 */
import type { CheckConfig, Preset } from "../check/config.ts";
import {
  type EnqueueOutcome,
  enqueueFiles,
  jobCounts,
  openQueue,
  queueSettings,
  startWorker,
  type WorkerEvent,
} from "../jobs/distributed.ts";
import { openStore, storeSpec } from "../store/open.ts";
import type { DocumentSummary } from "../store/types.ts";

type Out = (line: string) => void;

function findings(d: DocumentSummary): string {
  const s = d.summary;
  const what = `${d.entityName ?? "未识别主体"} ${d.year ?? "?"} 年${d.kind === "final" ? "决算" : "预算"}`;
  return s ? `${what}：错误 ${s.error}、警告 ${s.warning}、提示 ${s.info}` : what;
}

export interface EnqueueCliOptions {
  db?: string;
  preset?: Preset;
  published?: boolean;
  tag: string[];
}

function describeEnqueue(o: EnqueueOutcome): string {
  switch (o.result) {
    case "queued":
      return `排队　${o.file}${o.created ? "" : "（相同文件已保存）"}`;
    case "pending":
      return `已在队列中　${o.file}`;
    case "done":
      return `已处理过　${o.file} → ${findings(o.document)}`;
    case "error":
      return `出错　${o.file}：${o.message}`;
  }
}

/** Returns the exit code: 0, or 2 when a file could not be stored. */
export async function runEnqueue(
  paths: string[],
  opts: EnqueueCliOptions,
  out: Out,
): Promise<number> {
  const spec = storeSpec(opts.db);
  const settings = queueSettings();
  const boss = await openQueue(spec, settings, "client");
  try {
    const store = await openStore(spec);
    try {
      const config: CheckConfig = opts.preset ? { preset: opts.preset } : {};
      const outcomes = await enqueueFiles(store, boss, settings, paths, {
        config,
        published: opts.published ?? false,
        ...(opts.tag.length > 0 ? { tags: opts.tag } : {}),
        onFile: (o) => out(describeEnqueue(o)),
      });
      const n = (r: EnqueueOutcome["result"]) => outcomes.filter((o) => o.result === r).length;
      if (outcomes.length === 0)
        out("没有找到可处理的文件（PDF、XLSX、XLS、DOCX、DOC、HTML、文本）");
      else
        out(
          `共 ${outcomes.length} 个文件：排队 ${n("queued")}，已在队列中 ${n("pending")}，已处理过 ${n("done")}，出错 ${n("error")}；` +
            `数据库：${store.location}；在各台机器上运行 gongkai worker 处理，gongkai jobs 查看进度`,
        );
      return n("error") > 0 || outcomes.length === 0 ? 2 : 0;
    } finally {
      await store.close();
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}

export interface WorkerCliOptions {
  db?: string;
  concurrency?: number;
}

function describeEvent(e: WorkerEvent): string {
  switch (e.kind) {
    case "start":
      return `开始　${e.fileName}（${e.documentId}）${e.retry > 0 ? `，第 ${e.retry + 1} 次` : ""}`;
    case "done":
      return `完成　${e.document.fileName}（${e.document.id}） → ${findings(e.document)}`;
    case "skipped":
      return `跳过　${e.fileName}（${e.documentId}，已按当前规则集处理）`;
    case "error":
      return `出错　${e.fileName}（${e.documentId}）：${e.message}`;
  }
}

/**
 * Work until SIGINT or SIGTERM: the first finishes the documents in hand and
 * stops; a second stops at once (the jobs in hand go to another worker after
 * their lease).
 */
export async function runWorker(
  opts: WorkerCliOptions,
  out: Out,
  err: (s: string) => void,
): Promise<number> {
  const spec = storeSpec(opts.db);
  const settings = queueSettings();
  const boss = await openQueue(spec, settings, "worker", (m) => err(`${m}\n`));
  const store = await openStore(spec).catch(async (e: unknown) => {
    await boss.stop({ graceful: false });
    throw e;
  });
  const worker = await startWorker(store, boss, {
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    onEvent: (e) => out(describeEvent(e)),
    log: (m) => err(`${m}\n`),
  });
  out(
    `工作进程已启动：${worker.pool.size} 个线程，数据库 ${store.location}；租约 ${settings.leaseSeconds} 秒（Ctrl-C 或 SIGTERM 处理完手上的文档后退出）`,
  );
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        err(`再次收到 ${signal}，立即退出；手上的文档在租约到期后由其他工作进程处理\n`);
        process.exit(130);
      }
      err(`收到 ${signal}，处理完手上的文档后退出…\n`);
      worker.stop().then(resolve, (e: unknown) => {
        err(`停止时出错：${e instanceof Error ? e.message : String(e)}\n`);
        resolve();
      });
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  await store.close();
  const heaps = worker.pool.peakHeapBytes().map((b) => Math.round(b / 1048576));
  out(
    `工作进程已停止：本进程处理 ${worker.handled} 份；峰值内存 ${Math.round(process.resourceUsage().maxRSS / 1024)} MB（各线程堆 ${heaps.join("、")} MB）`,
  );
  return 0;
}

export interface JobsCliOptions {
  db?: string;
  json?: boolean;
}

export async function runJobs(opts: JobsCliOptions, out: Out): Promise<number> {
  const spec = storeSpec(opts.db);
  const boss = await openQueue(spec, queueSettings(), "client");
  try {
    const store = await openStore(spec);
    try {
      const c = await jobCounts(store, boss);
      out(
        opts.json
          ? JSON.stringify(c)
          : `排队 ${c.queued}，处理中 ${c.active}，完成 ${c.done}，失败 ${c.failed}；数据库中的文档 ${c.documents} 份`,
      );
      return 0;
    } finally {
      await store.close();
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}
