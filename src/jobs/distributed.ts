/**
 * Processing spread over many machines, on one PostgreSQL: the job queue is
 * pg-boss (a well-kept PostgreSQL queue: SKIP LOCKED claims, heartbeats,
 * retries), the documents and results are the store's. `enqueue` stores each
 * original content-addressed and queues its id; any number of `worker`s,
 * joining and leaving at any time, take jobs, process them on their threads
 * and write into the same store; `jobCounts` tells how far the run is.
 *
 * Nothing is lost when a worker dies mid-job: pg-boss hears its heartbeat
 * while it works, and a job whose heartbeat lapses for the lease is handed to
 * another worker (retryLimit times, then failed). Nothing is counted twice:
 * the queue holds at most one queued or active job per document (policy
 * `exclusive`, keyed by the document id), and the store's results are
 * written idempotently (markDone replaces the one record and the one check
 * per preset), so a document processed again after a lapse still has one
 * record and one result set. A document already checked by this rule set
 * is not processed again.
 *
 * A document that cannot be read is no reason to retry: its job fails at
 * once (dead-lettered) with the Chinese message, which the store keeps too.
 * A failure that is not the document's (the database unreachable) fails the
 * job so pg-boss retries it.
 */
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { type Job, type JobResult, PgBoss } from "pg-boss";
import type { CheckConfig } from "../check/config.ts";
import { readInputFile, sniffFormat } from "../ingest/index.ts";
import { GongkaiError } from "../model/errors.ts";
import { isPostgresUrl } from "../store/open.ts";
import type { DocumentSummary, Store } from "../store/types.ts";
import { importableFiles } from "./import.ts";
import { alreadyChecked, presetOf, processClaimed } from "./process-claimed.ts";
import { ProcessPool } from "./process-pool.ts";

/** The pg-boss queue of documents to process. */
export const DOCUMENT_QUEUE = "gongkai-documents";

export interface QueueSettings {
  /**
   * The lease: a job whose worker has not been heard from for this long is
   * handed to another worker. Workers beat every half lease. pg-boss's
   * smallest is 10 s.
   */
  leaseSeconds: number;
  /** How often a worker looks for lapsed leases (pg-boss supervise and monitor interval). */
  superviseSeconds: number;
  /** The longest one job may run, beating or not. */
  expireSeconds: number;
  /** Hand-overs after a lapse or a failure before a job is failed. */
  retryLimit: number;
}

const DAY = 24 * 3600;

/**
 * Settings from the environment (GONGKAI_JOB_LEASE_SECONDS,
 * GONGKAI_JOB_SUPERVISE_SECONDS, GONGKAI_JOB_EXPIRE_SECONDS,
 * GONGKAI_JOB_RETRIES), over defaults: a 60 s lease, looked at every 15 s,
 * 30 minutes at most per job, 2 retries.
 */
export function queueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const read = (name: string, fallback: number, min: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new GongkaiError("invalid", `环境变量 ${name} 应为不小于 ${min} 的整数，现为“${raw}”`);
    return n;
  };
  return {
    leaseSeconds: read("GONGKAI_JOB_LEASE_SECONDS", 60, 10),
    superviseSeconds: read("GONGKAI_JOB_SUPERVISE_SECONDS", 15, 1),
    expireSeconds: read("GONGKAI_JOB_EXPIRE_SECONDS", 1800, 1),
    retryLimit: read("GONGKAI_JOB_RETRIES", 2, 0),
  };
}

interface DocumentJob {
  documentId: string;
  fileName: string;
  preset: string;
}

function requirePostgres(spec: string): void {
  if (!isPostgresUrl(spec))
    throw new GongkaiError(
      "unsupported_format",
      "分布式处理需要 PostgreSQL：请用 --db postgres://… 或设置 DATABASE_URL（多台机器共用一个数据库）",
    );
}

/**
 * A started pg-boss on the store's database. `worker` instances also
 * supervise (find lapsed leases); short-lived commands do not.
 */
export async function openQueue(
  url: string,
  settings: QueueSettings,
  role: "worker" | "client",
  log: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
): Promise<PgBoss> {
  requirePostgres(url);
  const boss = new PgBoss({
    connectionString: url,
    application_name: `gongkai-${role}`,
    max: 4,
    supervise: role === "worker",
    schedule: false,
    registerInstance: role === "worker",
    superviseIntervalSeconds: settings.superviseSeconds,
    monitorIntervalSeconds: settings.superviseSeconds,
  });
  boss.on("error", (e: Error) => log(`任务队列出错：${e.message}`));
  try {
    await boss.start();
    await boss.createQueue(DOCUMENT_QUEUE, {
      policy: "exclusive",
      heartbeatSeconds: settings.leaseSeconds,
      expireInSeconds: settings.expireSeconds,
      retryLimit: settings.retryLimit,
      retryDelay: 1,
      retentionSeconds: 30 * DAY,
      deleteAfterSeconds: 30 * DAY,
    });
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw new GongkaiError(
      "unreadable",
      `无法打开任务队列：${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return boss;
}

// ───────────────────────────── enqueue ─────────────────────────────

export type EnqueueOutcome =
  /** Stored (now or before) and a job queued for it. */
  | { file: string; result: "queued"; document: DocumentSummary; created: boolean }
  /** A job for this document is already queued or running. */
  | { file: string; result: "pending"; document: DocumentSummary }
  /** Already processed by this rule set: nothing to do. */
  | { file: string; result: "done"; document: DocumentSummary }
  | { file: string; result: "error"; message: string };

export interface EnqueueOptions {
  config?: CheckConfig;
  published?: boolean;
  tags?: readonly string[];
  onFile?: (outcome: EnqueueOutcome) => void;
}

export async function enqueueFiles(
  store: Store,
  boss: PgBoss,
  settings: QueueSettings,
  paths: readonly string[],
  opts: EnqueueOptions = {},
): Promise<EnqueueOutcome[]> {
  const config = opts.config ?? {};
  const outcomes: EnqueueOutcome[] = [];
  for (const file of await importableFiles(paths)) {
    let outcome: EnqueueOutcome;
    try {
      const bytes = await readInputFile(file);
      const { document, created } = await store.putDocument({
        bytes,
        fileName: basename(file),
        format: sniffFormat(bytes),
        published: opts.published ?? false,
        ...(opts.tags ? { tags: opts.tags } : {}),
      });
      if (await alreadyChecked(store, document, config)) {
        outcome = { file, result: "done", document };
      } else {
        const data: DocumentJob = {
          documentId: document.id,
          fileName: document.fileName,
          preset: presetOf(config),
        };
        // The exclusive policy keyed by the document refuses a second queued or active job (null).
        const id = await boss.send(DOCUMENT_QUEUE, data, {
          singletonKey: document.id,
          heartbeatSeconds: settings.leaseSeconds,
          expireInSeconds: settings.expireSeconds,
          retryLimit: settings.retryLimit,
        });
        outcome = id
          ? { file, result: "queued", document, created }
          : { file, result: "pending", document };
      }
    } catch (e) {
      if (!(e instanceof GongkaiError)) throw e;
      outcome = { file, result: "error", message: e.message };
    }
    outcomes.push(outcome);
    opts.onFile?.(outcome);
  }
  return outcomes;
}

// ───────────────────────────── counts ─────────────────────────────

export interface JobCounts {
  /** Waiting for a worker (new, or to be retried after a lapse or failure). */
  queued: number;
  /** In a worker's hands. */
  active: number;
  /** Finished: the document is processed. */
  done: number;
  /** Given up: the document cannot be read, or its retries ran out. */
  failed: number;
  /** Documents in the store. */
  documents: number;
}

/** Live counts, straight from pg-boss's job table (its queue statistics are cached for up to a minute). */
export async function jobCounts(store: Store, boss: PgBoss): Promise<JobCounts> {
  const { rows } = await boss
    .getDb()
    .executeSql(
      "SELECT state, CAST(COUNT(*) AS INTEGER) AS n FROM pgboss.job WHERE name = $1 GROUP BY state",
      [DOCUMENT_QUEUE],
    );
  const by = new Map<string, number>(
    (rows as { state: string; n: number }[]).map((r) => [r.state, Number(r.n)]),
  );
  const documents = (await store.listDocuments({ limit: 0 })).total;
  return {
    queued: (by.get("created") ?? 0) + (by.get("retry") ?? 0),
    active: by.get("active") ?? 0,
    done: by.get("completed") ?? 0,
    failed: by.get("failed") ?? 0,
    documents,
  };
}

// ───────────────────────────── worker ─────────────────────────────

export type WorkerEvent =
  | { kind: "start"; fileName: string; documentId: string; retry: number }
  | { kind: "done"; document: DocumentSummary }
  | { kind: "skipped"; fileName: string; documentId: string }
  | { kind: "error"; fileName: string; documentId: string; message: string };

export interface WorkerOptions {
  /** Documents at once (threads); default every core. */
  concurrency?: number;
  config?: CheckConfig;
  /** How often an idle worker asks for work, seconds (default 2). */
  pollSeconds?: number;
  onEvent?: (e: WorkerEvent) => void;
  log?: (message: string) => void;
}

export interface RunningWorker {
  /** Finish the documents in hand, take no more, and close. */
  stop(): Promise<void>;
  /** Documents finished by this worker (done, skipped or failed for the document's fault). */
  readonly handled: number;
  readonly pool: ProcessPool;
}

export async function startWorker(
  store: Store,
  boss: PgBoss,
  opts: WorkerOptions = {},
): Promise<RunningWorker> {
  const concurrency = Math.max(1, opts.concurrency ?? availableParallelism());
  const pool = new ProcessPool(concurrency);
  const baseConfig = opts.config ?? {};
  let handled = 0;

  const handle = async (job: Job<DocumentJob>): Promise<JobResult> => {
    const { documentId, fileName } = job.data;
    const config: CheckConfig = {
      ...baseConfig,
      preset: job.data.preset as NonNullable<CheckConfig["preset"]>,
    };
    const doc = await store.getSummary(documentId);
    if (!doc) {
      handled += 1;
      const message = "数据库中没有这份文档";
      opts.onEvent?.({ kind: "error", fileName, documentId, message });
      return { id: job.id, status: "deadletter", output: { message } };
    }
    // Processed already (by a worker that died after storing, before telling the queue): once is enough.
    if (await alreadyChecked(store, doc, config)) {
      handled += 1;
      opts.onEvent?.({ kind: "skipped", fileName, documentId });
      return { id: job.id, status: "completed", output: { status: "done", skipped: true } };
    }
    opts.onEvent?.({ kind: "start", fileName, documentId, retry: job.retryCount });
    const claimed = await store.reclaim(documentId);
    if (!claimed) throw new Error(`文档 ${documentId} 不见了`);
    const outcome = await processClaimed(store, claimed, pool, config);
    handled += 1;
    if (outcome.status === "error") {
      opts.onEvent?.({ kind: "error", fileName, documentId, message: outcome.message });
      return { id: job.id, status: "deadletter", output: { message: outcome.message } };
    }
    opts.onEvent?.({ kind: "done", document: outcome.document });
    return { id: job.id, status: "completed", output: { status: "done" } };
  };

  // One pg-boss worker per thread, each asking for its next job as soon as it finishes one
  // (notifyWorker skips the poll delay), and polling only while the queue is empty.
  for (let k = 0; k < concurrency; k++) {
    let id: string | undefined;
    id = await boss.work<DocumentJob>(
      DOCUMENT_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: opts.pollSeconds ?? 2, perJobResults: true },
      async (jobs) => {
        const results = await Promise.all(jobs.map(handle));
        if (id) boss.notifyWorker(id);
        return results;
      },
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    get handled() {
      return handled;
    },
    pool,
    stop() {
      stopping ??= (async () => {
        await boss.offWork(DOCUMENT_QUEUE, { wait: true });
        await boss.stop({ graceful: true, timeout: 30_000 });
        await pool.close();
      })();
      return stopping;
    },
  };
}
