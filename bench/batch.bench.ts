/**
 * Throughput of batch processing, in one run, each figure a ratio against
 * single-core in-process speed:
 * - a corpus of generated disclosures (default 10,000): budgets built by
 *   test/helpers/consistent.ts with varied seeds, years, units and duty
 *   texts, written as HTML by the generator (src/render), then copied under
 *   varied entities (regions × departments) with an error injected into a
 *   table cell of about a third of them;
 * - in process (`runBatch`, into a new SQLite store, in a child process of
 *   its own so its peak memory is its own): on 1 thread and on every core,
 *   over the same sample of the corpus;
 * - the distributed path (`gongkai enqueue` through the library, then
 *   `gongkai worker` child processes of one thread each against a throwaway
 *   PostgreSQL, test/helpers/postgres.ts) with 1 and with 2 workers, over
 *   the same sample;
 * - the whole corpus on every core, in process.
 * Prints documents per second, the ratios and peak memory per worker;
 * exits 1 only when a generated document fails to process.
 *
 *   node bench/batch.bench.ts
 *   GONGKAI_BENCH_BATCH_DOCS=1000 GONGKAI_BENCH_BATCH_SAMPLE=200 node bench/batch.bench.ts   # quicker
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { runBatch } from "../src/jobs/batch.ts";
import { enqueueFiles, jobCounts, openQueue, queueSettings } from "../src/jobs/distributed.ts";
import type { MoneyUnit } from "../src/model/schema.ts";
import { parseRenderInput, renderHtml } from "../src/render/index.ts";
import { openStore } from "../src/store/open.ts";
import { consistentBudget, prng } from "../test/helpers/consistent.ts";
import { startTestPostgres } from "../test/helpers/postgres.ts";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "gongkai.mjs");
const DOCS = Number(process.env.GONGKAI_BENCH_BATCH_DOCS ?? 10_000);
const SAMPLE = Math.min(DOCS, Number(process.env.GONGKAI_BENCH_BATCH_SAMPLE ?? 400));
const BASES = Math.min(DOCS, Number(process.env.GONGKAI_BENCH_BATCH_BASES ?? 200));
const CORES = availableParallelism();

const REGIONS = [
  "随州市曾都区",
  "西安市碑林区",
  "曲靖市沾益区",
  "西宁市城东区",
  "上海市普陀区",
  "南京市鼓楼区",
  "成都市武侯区",
  "杭州市西湖区",
  "长沙市岳麓区",
  "郑州市金水区",
  "昆明市五华区",
  "兰州市城关区",
];
const DEPARTMENTS = [
  "医疗保障局",
  "教育局",
  "财政局",
  "民政局",
  "卫生健康局",
  "人力资源和社会保障局",
  "住房和城乡建设局",
  "农业农村局",
  "文化和旅游局",
  "市场监督管理局",
  "生态环境局",
  "交通运输局",
  "司法局",
  "审计局",
  "统计局",
  "应急管理局",
  "退役军人事务局",
  "自然资源局",
  "水利局",
  "商务局",
];
const DUTY =
  "贯彻落实国家和省、市关于本领域工作的方针政策和决策部署，拟订并组织实施本区相关发展规划和政策措施，承担本部门预算管理和资金使用的主体责任。";

// ───────────────────────────── child: one in-process batch ─────────────────────────────

if (process.argv[2] === "--measure") {
  const [listFile, threads, db] = process.argv.slice(3) as [string, string, string];
  const files = readFileSync(listFile, "utf8").split("\n").filter(Boolean);
  const store = await openStore(db);
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const r = await runBatch(store, files, { threads: Number(threads) });
  const busy = performance.eventLoopUtilization(elu).utilization;
  const used = process.cpuUsage(cpu);
  await store.close();
  const failed = r.items.filter((i) => i.outcome === "error");
  process.stdout.write(
    `${JSON.stringify({
      elapsedMs: r.elapsedMs,
      processed: r.items.filter((i) => i.outcome === "processed").length,
      failed: failed.map((i) => `${i.file}：${i.message}`),
      peakHeapBytes: r.peakHeapBytes,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      mainBusy: busy,
      cpuSeconds: (used.user + used.system) / 1e6,
    })}\n`,
  );
  process.exit(0);
}

// ───────────────────────────── the corpus ─────────────────────────────

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/** One digit of one amount cell changed (not the last digit: that could pass as rounding). */
function injectError(html: string, rand: () => number): string | undefined {
  const cells = [...html.matchAll(/<td class="r">([\d,]+\.\d\d)<\/td>/g)].filter(
    (m) => Number((m[1] ?? "0").replace(/,/g, "")) >= 10,
  );
  const cell = cells[Math.floor(rand() * cells.length)];
  if (!cell || cell.index === undefined) return undefined;
  const text = cell[1] as string;
  const digits = [...text.matchAll(/\d/g)].map((d) => d.index as number).slice(0, -1);
  const at = digits[Math.floor(rand() * digits.length)] as number;
  const old = Number(text[at]);
  const changed = `${text.slice(0, at)}${(old + 1 + Math.floor(rand() * 8)) % 10}${text.slice(at + 1)}`;
  const start = cell.index + '<td class="r">'.length;
  return html.slice(0, start) + changed + html.slice(start + text.length);
}

function generate(dir: string): { files: string[]; bytes: number; injected: number; ms: number } {
  const started = Date.now();
  const rand = prng(20261206);
  const bases: { html: string; entity: string }[] = [];
  for (let i = 0; i < BASES; i++) {
    const entity = `${REGIONS[i % REGIONS.length]}${DEPARTMENTS[i % DEPARTMENTS.length]}`;
    const unit: MoneyUnit = i % 3 === 0 ? "元" : "万元";
    const year = 2023 + (i % 3);
    const disclosure = consistentBudget({ seed: i + 1, entity, unit, year });
    const html = renderHtml(
      parseRenderInput({
        disclosure,
        texts: { duties: DUTY.repeat(1 + Math.floor(rand() * 12)) },
        options: { charts: false },
      }),
    );
    bases.push({ html, entity });
  }
  const files: string[] = [];
  let bytes = 0;
  let injected = 0;
  for (let i = 0; i < DOCS; i++) {
    const base = bases[i % BASES] as { html: string; entity: string };
    const region = REGIONS[Math.floor(rand() * REGIONS.length)] as string;
    const department = DEPARTMENTS[Math.floor(rand() * DEPARTMENTS.length)] as string;
    // Departments and their units: one document in four is a unit's.
    const entity =
      rand() < 0.25
        ? `${region}${department.replace(/局$/, "")}事务服务中心`
        : `${region}${department}`;
    let html = base.html.replaceAll(base.entity, entity);
    if (rand() < 0.3) {
      const wrong = injectError(html, rand);
      if (wrong) {
        html = wrong;
        injected += 1;
      }
    }
    // The document's number keeps every file's bytes its own, as distinct disclosures are.
    html = html.replace("</body>", `<!-- ${i} --></body>`);
    const file = join(dir, `${String(i).padStart(5, "0")}-${entity}.html`);
    writeFileSync(file, html);
    files.push(file);
    bytes += Buffer.byteLength(html);
  }
  return { files, bytes, injected, ms: Date.now() - started };
}

// ───────────────────────────── measurements ─────────────────────────────

interface Measured {
  docs: number;
  seconds: number;
  /** Peak memory per worker, described. */
  memory: string;
}

function inProcess(label: string, files: string[], threads: number, work: string): Measured {
  const list = join(work, `${label}.list`);
  writeFileSync(list, files.join("\n"));
  const db = join(work, `${label}.db`);
  const r = spawnSync(
    process.execPath,
    [import.meta.filename, "--measure", list, String(threads), db],
    {
      encoding: "utf8",
      maxBuffer: 64 * MB,
    },
  );
  if (r.status !== 0) throw new Error(`measure ${label} failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as {
    elapsedMs: number;
    processed: number;
    failed: string[];
    peakHeapBytes: number[];
    maxRssBytes: number;
    mainBusy: number;
    cpuSeconds: number;
  };
  if (m.failed.length > 0) {
    process.stdout.write(
      `${label}：${m.failed.length} 份生成的文档处理失败：\n${m.failed.slice(0, 5).join("\n")}\n`,
    );
    process.exitCode = 1;
  }
  rmSync(db, { force: true });
  return {
    docs: m.processed + m.failed.length,
    seconds: m.elapsedMs / 1000,
    memory:
      `进程 ${mb(m.maxRssBytes)}（${threads} 个线程，每线程堆 ${m.peakHeapBytes.map(mb).join("、")}）；` +
      `用 CPU ${(m.cpuSeconds / (m.elapsedMs / 1000)).toFixed(2)} 核，主线程（读文件、存库）忙 ${Math.round(m.mainBusy * 100)}%`,
  };
}

/** `gongkai worker` children against a fresh database with the sample enqueued. */
async function distributed(
  files: string[],
  workers: number,
  newDatabase: () => Promise<string>,
): Promise<Measured> {
  const url = await newDatabase();
  const settings = queueSettings();
  const boss = await openQueue(url, settings, "client");
  const store = await openStore(url);
  try {
    await enqueueFiles(store, boss, settings, files);
    const started = Date.now();
    const children: { child: ChildProcess; out: string; exited: Promise<void> }[] = [];
    for (let w = 0; w < workers; w++) {
      const child = spawn(process.execPath, [BIN, "worker", "--db", url, "--concurrency", "1"], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const entry = {
        child,
        out: "",
        exited: new Promise<void>((r) => child.on("exit", () => r())),
      };
      child.stdout?.setEncoding("utf8").on("data", (s: string) => {
        entry.out += s;
      });
      children.push(entry);
    }
    let counts = await jobCounts(store, boss);
    while (counts.done + counts.failed < files.length) {
      await new Promise((r) => setTimeout(r, 250));
      counts = await jobCounts(store, boss);
    }
    const seconds = (Date.now() - started) / 1000;
    for (const c of children) c.child.kill("SIGTERM");
    await Promise.all(children.map((c) => c.exited));
    if (counts.failed > 0) {
      process.stdout.write(`${workers} 个工作进程：${counts.failed} 份生成的文档处理失败\n`);
      process.exitCode = 1;
    }
    const peaks = children.map((c) => c.out.match(/峰值内存 (\d+) MB/)?.[1] ?? "?");
    return {
      docs: counts.done + counts.failed,
      seconds,
      memory: `每个工作进程 ${peaks.map((p) => `${p} MB`).join("、")}（各 1 个线程）`,
    };
  } finally {
    await store.close();
    await boss.stop({ graceful: false });
  }
}

// ───────────────────────────── run ─────────────────────────────

const work = mkdtempSync(join(tmpdir(), "gongkai-batch-bench-"));
try {
  const corpusDir = join(work, "corpus");
  mkdirSync(corpusDir);
  const corpus = generate(corpusDir);
  process.stdout.write(
    `批量处理：生成 ${corpus.files.length} 份文档（${BASES} 份底稿 × ${REGIONS.length} 个地区 × ${DEPARTMENTS.length} 个部门及其事业单位，${corpus.injected} 份在表格中注入一处错误），` +
      `平均 ${Math.round(corpus.bytes / corpus.files.length / 1024)} KB，用时 ${(corpus.ms / 1000).toFixed(1)} 秒；${CORES} 个 CPU 核\n`,
  );
  // The sample spread over the corpus, so it holds every base and entity mix.
  const step = corpus.files.length / SAMPLE;
  const sample = Array.from(
    { length: SAMPLE },
    (_, i) => corpus.files[Math.floor(i * step)] as string,
  );

  const rows: [string, Measured][] = [];
  rows.push([`进程内，1 个线程（样本 ${SAMPLE} 份）`, inProcess("one", sample, 1, work)]);
  rows.push([`进程内，${CORES} 个线程（同一样本）`, inProcess("all", sample, CORES, work)]);
  let pg: Awaited<ReturnType<typeof startTestPostgres>> | undefined;
  try {
    pg = await startTestPostgres();
  } catch (e) {
    process.stdout.write(
      `（没有 PostgreSQL，跳过分布式：${e instanceof Error ? e.message : String(e)}）\n`,
    );
  }
  if (pg) {
    const newDatabase = pg.newDatabase.bind(pg);
    try {
      rows.push([`分布式，1 个工作进程（同一样本）`, await distributed(sample, 1, newDatabase)]);
      rows.push([`分布式，2 个工作进程（同一样本）`, await distributed(sample, 2, newDatabase)]);
    } finally {
      await pg.stop();
    }
  }
  rows.push([
    `进程内，${CORES} 个线程，全部 ${corpus.files.length} 份`,
    inProcess("corpus", corpus.files, CORES, work),
  ]);

  const base = rows[0]?.[1] as Measured;
  const baseRate = base.docs / base.seconds;
  for (const [label, m] of rows) {
    const rate = m.docs / m.seconds;
    process.stdout.write(
      `  ${label}：${m.docs} 份 ${m.seconds.toFixed(1)} 秒，${rate.toFixed(1)} 份/秒，单核进程内的 ${(rate / baseRate).toFixed(2)} 倍；峰值内存 ${m.memory}\n`,
    );
  }
  const all = rows[1]?.[1] as Measured;
  process.stdout.write(
    `  多核扩展：${CORES} 个线程是 1 个线程的 ${(all.docs / all.seconds / baseRate).toFixed(2)} 倍（理想为 ${CORES} 倍）\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
