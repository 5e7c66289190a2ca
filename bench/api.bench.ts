/**
 * Load figures for the HTTP API: `gongkai serve` in its own process on
 * loopback, over SQLite and over PostgreSQL, and autocannon in this one
 * sending concurrent requests — reads of one document (its whole
 * Disclosure and findings), a page of the list, uploads of one file again
 * (stored once: the content-addressed path) and uploads of a new file each
 * time (each stored and queued; the server's worker reads them meanwhile).
 * Prints requests per second and latency percentiles; asserts nothing.
 *
 *   node bench/api.bench.ts            # GONGKAI_BENCH_API_SECONDS (default 5) per case
 *
 * PostgreSQL: TEST_DATABASE_URL, else a throwaway cluster from Debian's
 * binaries (test/helpers/postgres.ts); without either that half is skipped.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon, { type Options } from "autocannon";
import { openStore } from "../src/store/open.ts";
import { startTestPostgres, type TestPostgres } from "../test/helpers/postgres.ts";
import { seedFiles, seedPath } from "../test/helpers/seeds.ts";

const ROOT = join(import.meta.dirname, "..");
const SECONDS = Number(process.env.GONGKAI_BENCH_API_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.GONGKAI_BENCH_API_CONNECTIONS ?? 10);
const PASSWORD = "bench-password-1";
const BOUNDARY = "----gongkai-bench";

interface Served {
  url: string;
  child: ChildProcess;
}

/** `gongkai serve --port 0` in a child process; resolves with its URL once it listens. */
function serve(db: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    [join(ROOT, "bin", "gongkai.mjs"), "serve", "--port", "0", "--db", db],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/[\d.]+:\d+/.exec(out);
      if (m) resolve({ url: m[0], child });
    });
    child.once("exit", (code) => reject(new Error(`gongkai serve 退出（${code}）：${out}`)));
  });
}

function stop(s: Served): Promise<void> {
  return new Promise((resolve) => {
    s.child.removeAllListeners("exit");
    s.child.once("exit", () => resolve());
    s.child.kill("SIGTERM");
  });
}

function multipart(name: string, bytes: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Sign in, upload the seeds, wait until they are read; the id of seed 002 and the token. */
async function prepare(url: string): Promise<{ token: string; id: string }> {
  const { token } = await json<{ token: string }>(
    await fetch(`${url}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    }),
  );
  const ids: string[] = [];
  for (const f of seedFiles()) {
    const form = new FormData();
    form.append("file", new Blob([readFileSync(seedPath(f.slice(0, 3)))]), f);
    form.append("published", "true");
    const r = await json<{ id: string }>(
      await fetch(`${url}/api/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: form,
      }),
    );
    ids.push(r.id);
  }
  for (const id of ids) {
    for (;;) {
      const d = await json<{ status: string }>(
        await fetch(`${url}/api/documents/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      if (d.status === "done" || d.status === "error") break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { token, id: ids[2] as string };
}

interface Row {
  store: string;
  name: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  ok: number;
  failed: number;
}

async function measure(store: string, db: string): Promise<Row[]> {
  // The admin account, made in the store before the server opens it.
  const s = await openStore(db);
  await s.createUser({ username: "admin", password: PASSWORD, role: "admin" });
  await s.close();
  const served = await serve(db);
  const rows: Row[] = [];
  try {
    const { token, id } = await prepare(served.url);
    const auth = { authorization: `Bearer ${token}` };
    const seed = readFileSync(seedPath("001"));
    let n = 0;
    const cases: [string, Options][] = [
      [
        "读取一份文档 GET /api/documents/{id}",
        { url: `${served.url}/api/documents/${id}`, headers: auth },
      ],
      [
        "列表 GET /api/documents?limit=20",
        { url: `${served.url}/api/documents?limit=20`, headers: auth },
      ],
      [
        "上传同一文件（按内容去重）",
        {
          url: `${served.url}/api/documents`,
          method: "POST",
          headers: { ...auth, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
          body: multipart("001.txt", seed),
        },
      ],
      [
        "上传新文件（每次保存并排队）",
        {
          url: `${served.url}/api/documents`,
          requests: [
            {
              method: "POST",
              headers: { ...auth, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
              // A new file each time: the seed with a line of its own at the end.
              setupRequest: (req) => ({
                ...req,
                body: multipart(`new-${++n}.txt`, Buffer.concat([seed, Buffer.from(`\n${n}\n`)])),
              }),
            },
          ],
        },
      ],
    ];
    for (const [name, opts] of cases) {
      const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
      rows.push({
        store,
        name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p90: r.latency.p90,
        p99: r.latency.p99,
        ok: r["2xx"],
        failed: r.non2xx + r.errors + r.timeouts,
      });
    }
  } finally {
    await stop(served);
  }
  return rows;
}

const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), "gongkai-api-bench-"));
try {
  rows.push(...(await measure("SQLite", join(dir, "bench.db"))));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
let pg: TestPostgres | undefined;
try {
  pg = await startTestPostgres();
  rows.push(...(await measure("PostgreSQL", await pg.newDatabase())));
} catch (e) {
  process.stdout.write(`PostgreSQL 不可用，跳过：${e instanceof Error ? e.message : String(e)}\n`);
} finally {
  await pg?.stop();
}

process.stdout.write(
  `\nHTTP API 负载（autocannon，${CONNECTIONS} 个并发连接，每项 ${SECONDS} 秒，服务在独立进程中，回环地址）\n\n`,
);
process.stdout.write(
  "| 存储 | 场景 | 请求/秒 | p50 | p90 | p99 | 成功 | 失败 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
);
for (const r of rows) {
  process.stdout.write(
    `| ${r.store} | ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} ms | ${r.p90} ms | ${r.p99} ms | ${r.ok} | ${r.failed} |\n`,
  );
}
