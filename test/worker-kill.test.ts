/**
 * The distributed run survives a worker killed mid-job. Against a throwaway
 * PostgreSQL (test/helpers/postgres.ts), as users run it (bin/gongkai.mjs in
 * child processes):
 * - `gongkai enqueue` stores the five seeds, two corpus PDFs, copies of the
 *   seeds that differ by one byte (so each is its own document) and a file
 *   no one can read;
 * - two `gongkai worker`s process them; one is SIGKILLed while it holds a
 *   document; a third worker joins mid-run; the second leaves gracefully
 *   (SIGTERM) mid-run, finishing the document in hand;
 * - in the end `gongkai jobs --json` counts every document done once, the
 *   queue holds one completed job per document (the killed worker's job was
 *   handed over after its lease), the store one record and one result set
 *   per document, and across all workers' logs every document was completed
 *   exactly once; the unreadable file's job failed at once (no retries),
 *   with its Chinese error in the store and in one worker's log.
 * The lease is kept short through GONGKAI_JOB_LEASE_SECONDS so the hand-over
 * comes quickly; nothing is timed.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import postgres from "postgres";
import { ruleSetVersion } from "../src/check/version.ts";
import { startTestPostgres, type TestPostgres } from "./helpers/postgres.ts";
import { SHARED, seedFiles, seedPath } from "./helpers/seeds.ts";

const BIN = join(import.meta.dirname, "..", "bin", "gongkai.mjs");
const CORPUS = join(SHARED, "corpus");
const PDFS = [
  join(CORPUS, "jiangsu", "江苏省人大办公厅", "江苏省人大常委会办公厅2019年部门预算公开表.pdf"),
  join(CORPUS, "shanghai-putuo-budgets", "上海市普陀区商务委员会2025年单位预算.pdf"),
];
/** Copies of each seed, each one byte different. */
const COPIES = 5;
const BAD = "zz-损坏的公开文档.pdf";
const ENV = {
  ...process.env,
  GONGKAI_JOB_LEASE_SECONDS: "10",
  GONGKAI_JOB_SUPERVISE_SECONDS: "1",
};

const dir = mkdtempSync(join(tmpdir(), "gongkai-workers-"));
const inputs = join(dir, "文档");

/** A `gongkai worker` child with its output lines, and a way to wait for a line. */
class Worker {
  readonly name: string;
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #waiters: { test: (lines: string[]) => boolean; resolve: () => void }[] = [];
  stderr = "";

  constructor(name: string, url: string) {
    this.name = name;
    this.child = spawn(process.execPath, [BIN, "worker", "--db", url, "--concurrency", "1"], {
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let partial = "";
    this.child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      partial += chunk;
      const parts = partial.split("\n");
      partial = parts.pop() ?? "";
      this.lines.push(...parts);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.test(this.lines)) return true;
        w.resolve();
        return false;
      });
    });
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) =>
      this.child.on("exit", (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves once the lines so far pass the test. */
  until(test: (lines: string[]) => boolean): Promise<void> {
    if (test(this.lines)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }

  count(prefix: string): number {
    return this.lines.filter((l) => l.startsWith(prefix)).length;
  }
}

function gongkai(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: ENV,
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jobs(url: string): Record<string, number> {
  const r = gongkai("jobs", "--db", url, "--json");
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, number>;
}

const DOC_ID = /（([0-9a-f-]{36})/u;
const idOf = (line: string) => line.match(DOC_ID)?.[1];

describe("gongkai worker: a worker killed mid-job loses nothing", () => {
  let pg: TestPostgres;
  let url: string;
  let documents = 0;
  const workers: Worker[] = [];
  before(async () => {
    pg = await startTestPostgres();
    url = await pg.newDatabase();
    mkdirSync(inputs);
    for (const seed of seedFiles()) {
      const bytes = readFileSync(seedPath(seed.slice(0, 3)));
      for (let i = 1; i <= COPIES; i++)
        writeFileSync(
          join(inputs, `${i}-${seed}`),
          Buffer.concat([bytes, Buffer.from(" ".repeat(i))]),
        );
      documents += COPIES + 1;
    }
    for (const pdf of PDFS) copyFileSync(pdf, join(inputs, basename(pdf)));
    documents += PDFS.length;
    // One file no worker can read: its job fails at once, without retries.
    writeFileSync(join(inputs, BAD), "%PDF-1.7\n这不是 PDF 的内容\n%%EOF\n");
  });
  after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("enqueues every document once, and again queues nothing twice", () => {
    const first = gongkai("enqueue", join(SHARED, "seeds"), inputs, "--db", url);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`共 ${documents + 1} 个文件：排队 ${documents + 1}，`));
    const again = gongkai("enqueue", join(SHARED, "seeds"), "--db", url);
    assert.match(again.stdout, /排队 0，已在队列中 5，/);
    assert.deepEqual(jobs(url), {
      queued: documents + 1,
      active: 0,
      done: 0,
      failed: 0,
      documents: documents + 1,
    });
  });

  it("finishes with every document processed exactly once after a SIGKILL, a join and a leave", async () => {
    const a = new Worker("A", url);
    const b = new Worker("B", url);
    workers.push(a, b);
    // A holds its third document (two finished before it): kill it there.
    await a.until((lines) => lines.filter((l) => l.startsWith("开始")).length >= 3);
    a.child.kill("SIGKILL");
    const killed = await a.exited;
    assert.equal(killed.signal, "SIGKILL");
    const starts = a.lines.filter((l) => l.startsWith("开始"));
    const inHand = idOf(starts[starts.length - 1] ?? "");
    assert.ok(inHand, "the killed worker's document in hand");
    assert.ok(
      !a.lines.some((l) => l.startsWith("完成") && idOf(l) === inHand),
      "killed before it finished",
    );

    // A worker joins mid-run; once it has finished a document, B leaves gracefully.
    const c = new Worker("C", url);
    workers.push(c);
    await c.until((lines) => lines.some((l) => l.startsWith("完成")));
    b.child.kill("SIGTERM");
    const left = await b.exited;
    assert.equal(left.code, 0, b.stderr);
    assert.match(b.lines[b.lines.length - 1] ?? "", /^工作进程已停止：本进程处理 \d+ 份/);
    // B finished what it had in hand before leaving.
    const bStarted = b.lines.filter((l) => l.startsWith("开始")).map(idOf);
    const bFinished = b.lines.filter((l) => /^(完成|出错)/.test(l)).map(idOf);
    assert.deepEqual(bFinished.sort(), bStarted.sort());

    // C finishes the rest, including A's document once its lease lapses.
    const sql = postgres(url, { onnotice: () => {}, max: 1 });
    try {
      for (;;) {
        const [open] = await sql<{ n: number }[]>`
          SELECT CAST(COUNT(*) AS INTEGER) AS n FROM pgboss.job
          WHERE name = 'gongkai-documents' AND state IN ('created', 'retry', 'active')`;
        if (open?.n === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      c.child.kill("SIGTERM");
      assert.equal((await c.exited).code, 0, c.stderr);

      assert.deepEqual(jobs(url), {
        queued: 0,
        active: 0,
        done: documents,
        failed: 1,
        documents: documents + 1,
      });

      // Across every worker's log, each document completed exactly once.
      const completed = new Map<string, number>();
      for (const w of workers)
        for (const l of w.lines)
          if (l.startsWith("完成")) {
            const id = idOf(l) as string;
            completed.set(id, (completed.get(id) ?? 0) + 1);
          }
      assert.equal(completed.size, documents);
      assert.deepEqual([...new Set(completed.values())], [1]);

      // The queue: one job per document, completed; A's was handed over after its lease.
      const queued = await sql<{ key: string; state: string; retry: number }[]>`
        SELECT singleton_key AS key, state::text AS state, retry_count AS retry
        FROM pgboss.job WHERE name = 'gongkai-documents'`;
      assert.equal(queued.length, documents + 1);
      assert.equal(new Set(queued.map((j) => j.key)).size, documents + 1);
      assert.equal(queued.filter((j) => j.state === "completed").length, documents);
      const bad = queued.find((j) => j.state !== "completed");
      assert.deepEqual(
        [bad?.state, bad?.retry],
        ["failed", 0],
        "the unreadable one failed at once",
      );
      assert.ok((queued.find((j) => j.key === inHand)?.retry ?? 0) >= 1, "A's job was retried");
      // The store: one record and one result set per document, all with this rule set.
      const docs = await sql<
        { id: string; status: string; error: string | null; n: number; version: string | null }[]
      >`
        SELECT d.id, d.status, d.error, CAST(COUNT(c.document_id) AS INTEGER) AS n,
          MAX(c.rule_set_version) AS version
        FROM documents d LEFT JOIN document_checks c ON c.document_id = d.id GROUP BY d.id`;
      assert.equal(docs.length, documents + 1);
      const unreadable = docs.find((d) => d.id === bad?.key);
      assert.equal(unreadable?.status, "error");
      assert.match(unreadable?.error ?? "", /[\u4e00-\u9fff]/u);
      const failedLines = workers.flatMap((w) => w.lines.filter((l) => l.startsWith("出错")));
      assert.deepEqual(
        failedLines.map(idOf),
        [bad?.key],
        "reported once, by the worker that tried",
      );
      for (const d of docs.filter((x) => x.id !== bad?.key)) {
        assert.equal(d.status, "done");
        assert.equal(d.n, 1);
        assert.equal(d.version, ruleSetVersion());
      }
    } finally {
      await sql.end();
    }
  });
});
