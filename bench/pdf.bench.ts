/**
 * PDF ingestion throughput on the corpus (../shared/corpus), side by side in
 * one run with `pdftotext -layout` (poppler-utils) and pdfminer's pdf2txt
 * (python3-pdfminer) on the same files: pages per second for each and the
 * ratios, then per document which standard tables recognition found and
 * how many rows each has, and its recognition report: the tables its 目录
 * lists and how many were found, tables kept as other, the share of figures
 * claimed and the pages no table claimed. A tool that is not installed is reported and
 * skipped. Our time is split into reading (PDFium, text runs, tables) and
 * recognition. Wall-clock ratios suffer when other processes share the
 * machine, so the run also compares CPU time (ours from process.cpuUsage,
 * the tools' from /usr/bin/time, when it is there), and reads the corpus a
 * second time in the same process (warm: compiled code, wasm tiered up) to
 * show what the first pass pays for warming up. Then peak memory: this
 * process's peak RSS over the whole run, and the peak RSS of a fresh process
 * that reads one 100-page PDF (built at run time by concatenating corpus
 * PDFs with qpdf), timed against pdftotext on the same file. Last, the whole
 * `gongkai check` command over all the files as one process, against
 * pdftotext run on them one after the other, wall-clock and CPU time; then
 * over the files three times in one command, which splits what a run pays
 * once (start-up, compiling) from what each page costs.
 * Prints figures; asserts nothing.
 *
 *   node bench/pdf.bench.ts [file.pdf …]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { ingestPdf } from "../src/ingest/pdf/index.ts";
import { recognize } from "../src/recognize/index.ts";

const CORPUS = join(import.meta.dirname, "..", "..", "shared", "corpus");

function pdfsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pdfsUnder(p));
    else if (name.toLowerCase().endsWith(".pdf")) out.push(p);
  }
  return out;
}

const files = process.argv.length > 2 ? process.argv.slice(2) : pdfsUnder(CORPUS);

interface Tool {
  name: string;
  command: string;
  args: (file: string) => string[];
  available: boolean;
  ms: number;
  /** CPU time (user + system) of its processes, when /usr/bin/time measured it. */
  cpuMs: number;
  pages: number;
  failures: number;
}

function available(command: string, probe: string[]): boolean {
  try {
    execFileSync(command, probe, { stdio: "ignore", timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const tools: Tool[] = [
  {
    name: "pdftotext -layout",
    command: "pdftotext",
    args: (f) => ["-layout", "-q", f, "-"],
    available: available("pdftotext", ["-v"]),
    ms: 0,
    cpuMs: 0,
    pages: 0,
    failures: 0,
  },
  {
    name: "pdfminer pdf2txt",
    command: "pdf2txt",
    args: (f) => [f],
    available: available("pdf2txt", ["--help"]),
    ms: 0,
    cpuMs: 0,
    pages: 0,
    failures: 0,
  },
];
for (const t of tools) if (!t.available) console.log(`${t.name}：未安装（${t.command}），跳过`);
/** GNU time reports a child's CPU time; without it only wall-clock figures are printed. */
const TIME = "/usr/bin/time";
const timed = available(TIME, ["-f", "%U", "true"]);

const quiet = {
  stdio: ["ignore", "ignore", "pipe"] as ("ignore" | "pipe")[],
  timeout: 300_000,
  maxBuffer: 256 * 1024 * 1024,
  encoding: "utf8" as const,
};

/**
 * A tool's CPU time on a file in ms, from a second run under GNU time (the
 * timed run of the wall-clock figures is not wrapped, so that it pays for
 * no extra process).
 */
function toolCpu(t: Tool, file: string): number | undefined {
  if (!timed) return undefined;
  const r = spawnSync(TIME, ["-f", "CPU %U %S", t.command, ...t.args(file)], quiet);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? "");
  return m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Warm up pdf.js and the catalog once, so the first document does not pay for loading them.
if (files[0]) recognize(await ingestPdf(readFileSync(files[0])));

const claimedShares: number[] = [];
let oursMs = 0;
let oursCpuMs = 0;
let readMs = 0;
let oursPages = 0;
const rows: string[] = [];
for (const file of files) {
  const bytes = readFileSync(file);
  const name = relative(CORPUS, file);
  const s = performance.now();
  const cs = cpuNow();
  let pages = 0;
  let summary = "";
  try {
    const layout = await ingestPdf(bytes);
    readMs += performance.now() - s;
    pages = layout.pages ?? 0;
    try {
      const d = recognize(layout);
      const standard = d.tables.filter((t) => t.id !== "other");
      const found = standard.filter((t) => !t.empty).map((t) => `${t.id}(${t.rows.length})`);
      const empty = standard.filter((t) => t.empty).length;
      const r = d.report;
      const listed = r?.directory.filter((e) => e.id !== undefined) ?? [];
      summary = [
        `${found.length} 张有数据${empty ? `，${empty} 张空表` : ""}：${found.join(" ")}`,
        `目录列出 ${listed.length} 张，识别 ${listed.filter((e) => e.found).length} 张；其他表格 ${d.tables.length - standard.length} 张；表格数字归入标准表 ${((r?.figuresClaimed ?? 0) * 100).toFixed(1)}%${r?.unclaimedPages.length ? `；未识别的页 ${r.unclaimedPages.map((p) => p.page).join("、")}` : ""}${r?.partial ? "；读取不完整" : ""}`,
      ].join("\n  读取：");
      claimedShares.push(r?.figuresClaimed ?? 0);
    } catch (e) {
      summary = `识别失败：${(e as Error).message}`;
    }
  } catch (e) {
    summary = `读取失败：${(e as Error).message}`;
  }
  const ms = performance.now() - s;
  oursMs += ms;
  oursCpuMs += cpuNow() - cs;
  oursPages += pages;
  const theirs: string[] = [];
  for (const t of tools) {
    if (!t.available) continue;
    const ts = performance.now();
    try {
      execFileSync(t.command, t.args(file), quiet);
      const tms = performance.now() - ts;
      t.ms += tms;
      // CPU time for the first tool (pdftotext) only: pdfminer takes long enough once.
      if (t === tools[0]) t.cpuMs += toolCpu(t, file) ?? 0;
      t.pages += pages;
      theirs.push(`${t.command} ${tms.toFixed(0)} ms`);
    } catch {
      t.failures++;
      theirs.push(`${t.command} 失败`);
    }
  }
  rows.push(
    `${name}\n  ${pages} 页，gongkai ${ms.toFixed(0)} ms${theirs.length ? `；${theirs.join("；")}` : ""}\n  表格：${summary}`,
  );
}

console.log("\n按文档（识别到的标准表格及行数）：");
for (const r of rows) console.log(r);

const rate = (pages: number, ms: number) => (ms > 0 ? pages / (ms / 1000) : 0);
const ours = rate(oursPages, oursMs);
const oursCpu = rate(oursPages, oursCpuMs);

// The same files again in this process: compiled code and PDFium's wasm are warm now.
let warmMs = 0;
for (const file of files) {
  const bytes = readFileSync(file);
  const s = performance.now();
  try {
    recognize(await ingestPdf(bytes));
  } catch {
    // counted above
  }
  warmMs += performance.now() - s;
}

console.log(`\n共 ${files.length} 个 PDF，${oursPages} 页`);
console.log(
  `gongkai（PDFium 读取 + 表格重建 + 识别）：${ours.toFixed(1)} 页/秒（${(oursMs / 1000).toFixed(1)} 秒，其中读取 ${(readMs / 1000).toFixed(1)} 秒、识别 ${((oursMs - readMs) / 1000).toFixed(1)} 秒）；CPU 时间 ${(oursCpuMs / 1000).toFixed(1)} 秒（${oursCpu.toFixed(1)} 页/秒，含本进程的编译和回收线程）`,
);
console.log(
  `同一进程再读一遍（代码已编译、wasm 已优化）：${rate(oursPages, warmMs).toFixed(1)} 页/秒（${(warmMs / 1000).toFixed(1)} 秒）`,
);
for (const t of tools) {
  if (!t.available) continue;
  const r = rate(t.pages, t.ms);
  const cpu = timed && t.cpuMs > 0 ? rate(t.pages, t.cpuMs) : 0;
  console.log(
    `${t.name}：${r.toFixed(1)} 页/秒（${(t.ms / 1000).toFixed(1)} 秒，含进程启动）；gongkai 速度为其 ${(ours / r).toFixed(2)} 倍${cpu ? `；按 CPU 时间 ${cpu.toFixed(1)} 页/秒，gongkai 为其 ${(oursCpu / cpu).toFixed(2)} 倍` : ""}；再读一遍时为其 ${(rate(oursPages, warmMs) / r).toFixed(2)} 倍${t.failures ? `；${t.failures} 个文件失败` : ""}`,
  );
}
const meanClaimed = claimedShares.reduce((a, b) => a + b, 0) / Math.max(1, claimedShares.length);
console.log(`表格数字归入标准表格（各文档平均）：${(meanClaimed * 100).toFixed(1)}%`);
/** Peak resident set size of this process so far, in MB (Linux reports maxRSS in KB). */
const peakMb = () => process.resourceUsage().maxRSS / 1024;
console.log(`峰值内存（RSS，本进程全程）：${peakMb().toFixed(0)} MB`);

/**
 * A 100-page PDF made of corpus pages (whole documents in order, the last
 * one cut), read by a fresh process so that its peak RSS is that document's
 * alone. Needs qpdf; without it the case is skipped.
 */
const BIG_PAGES = 100;
function buildBig(dir: string): string | undefined {
  if (!available("qpdf", ["--version"])) {
    console.log(`${BIG_PAGES} 页文档：未安装 qpdf，跳过`);
    return undefined;
  }
  const spec: string[] = [];
  let pages = 0;
  for (const file of pdfsUnder(CORPUS)) {
    if (pages >= BIG_PAGES) break;
    let n = 0;
    try {
      n = Number(execFileSync("qpdf", ["--show-npages", file], { encoding: "utf8" }).trim());
    } catch {
      continue;
    }
    if (!(n > 0)) continue;
    const take = Math.min(n, BIG_PAGES - pages);
    spec.push(file, `1-${take}`);
    pages += take;
  }
  if (pages < BIG_PAGES) {
    console.log(`${BIG_PAGES} 页文档：语料只有 ${pages} 页，跳过`);
    return undefined;
  }
  const out = join(dir, "big.pdf");
  execFileSync("qpdf", ["--empty", "--pages", ...spec, "--", out], { stdio: "ignore" });
  return out;
}

const bigDir = mkdtempSync(join(tmpdir(), "gongkai-pdf-bench-"));
try {
  const big = buildBig(bigDir);
  if (big) {
    const script = `
      import { readFileSync } from "node:fs";
      const { ingestPdf } = await import(${JSON.stringify(join(import.meta.dirname, "..", "src", "ingest", "pdf", "index.ts"))});
      const s = performance.now();
      const layout = await ingestPdf(readFileSync(${JSON.stringify(big)}));
      const ms = performance.now() - s;
      console.log(JSON.stringify({ pages: layout.pages, ms, rss: process.resourceUsage().maxRSS / 1024 }));
    `;
    const ps = performance.now();
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 600_000,
    });
    const wall = performance.now() - ps;
    const r = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
      pages: number;
      ms: number;
      rss: number;
    };
    let theirs = "";
    if (tools[0]?.available) {
      const ts = performance.now();
      execFileSync("pdftotext", ["-layout", "-q", big, "-"], {
        stdio: ["ignore", "ignore", "ignore"],
        maxBuffer: 256 * 1024 * 1024,
      });
      const tms = performance.now() - ts;
      theirs = `；pdftotext -layout ${tms.toFixed(0)} ms（${rate(r.pages, tms).toFixed(1)} 页/秒），gongkai 速度为其 ${(rate(r.pages, wall) / rate(r.pages, tms)).toFixed(2)} 倍`;
    }
    console.log(
      `${r.pages} 页文档（语料拼接）：新进程读取 ${r.ms.toFixed(0)} ms，含启动 ${wall.toFixed(0)} ms（${rate(r.pages, wall).toFixed(1)} 页/秒）${theirs}；峰值内存（RSS）${r.rss.toFixed(0)} MB`,
    );
  }
} finally {
  rmSync(bigDir, { recursive: true, force: true });
}

/**
 * The whole `gongkai check` command over every corpus PDF as one process
 * (start-up, reading threads on every core, recognition, checking), against
 * `pdftotext -layout` run on the same files one process after the other, in
 * turn several times; medians of wall-clock and CPU time (GNU time, which
 * counts every thread and child), the fastest run of each (on a shared
 * machine the one least disturbed), and the check process's peak RSS.
 */
const CHECK_RUNS = 5;
function timedRun(command: string, args: string[]): { wall: number; cpu: number; rssMb: number } {
  const s = performance.now();
  const r = spawnSync(TIME, ["-f", "TIMED %U %S %M", command, ...args], {
    ...quiet,
    cwd: join(import.meta.dirname, ".."),
  });
  const wall = (performance.now() - s) / 1000;
  const m = /TIMED ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? "");
  return m
    ? { wall, cpu: Number(m[1]) + Number(m[2]), rssMb: Number(m[3]) / 1024 }
    : { wall, cpu: 0, rssMb: 0 };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

interface Compared {
  /** Medians: gongkai's wall and CPU seconds, peak RSS; pdftotext's wall and CPU seconds. */
  cw: number;
  cc: number;
  rss: number;
  tw: number;
  tc: number;
  /** The fastest run of each (on a shared machine, the least disturbed). */
  cf: number;
  tf: number;
}

/** `gongkai check` on `list` as one process against pdftotext on each file of it, in turn, `runs` times. */
function compare(list: string[], runs: number): Compared {
  const checks: ReturnType<typeof timedRun>[] = [];
  const theirs: ReturnType<typeof timedRun>[] = [];
  const bin = join(import.meta.dirname, "..", "bin", "gongkai.mjs");
  for (let i = 0; i < runs; i++) {
    checks.push(timedRun(process.execPath, [bin, "check", "--fail-on", "none", ...list]));
    theirs.push(
      timedRun("sh", ["-c", 'for f; do pdftotext -layout -q "$f" -; done', "sh", ...list]),
    );
  }
  const fastest = (xs: { wall: number }[]) => Math.min(...xs.map((x) => x.wall));
  return {
    cw: median(checks.map((c) => c.wall)),
    cc: median(checks.map((c) => c.cpu)),
    rss: median(checks.map((c) => c.rssMb)),
    tw: median(theirs.map((t) => t.wall)),
    tc: median(theirs.map((t) => t.cpu)),
    cf: fastest(checks),
    tf: fastest(theirs),
  };
}

if (timed && tools[0]?.available && files.length > 1) {
  const one = compare(files, CHECK_RUNS);
  console.log(
    `整个 gongkai check 进程（${files.length} 个 PDF，${oursPages} 页，${CHECK_RUNS} 次的中位数）：${one.cw.toFixed(1)} 秒（${rate(oursPages, one.cw * 1000).toFixed(1)} 页/秒；最快一次 ${one.cf.toFixed(1)} 秒），CPU ${one.cc.toFixed(1)} 秒，峰值内存 ${one.rss.toFixed(0)} MB；pdftotext -layout 逐个文件 ${one.tw.toFixed(1)} 秒（最快一次 ${one.tf.toFixed(1)} 秒），CPU ${one.tc.toFixed(1)} 秒；gongkai 速度为其 ${(one.tw / one.cw).toFixed(2)} 倍（最快一次相比 ${(one.tf / one.cf).toFixed(2)} 倍），按 CPU 时间 ${(one.tc / one.cc).toFixed(2)} 倍`,
  );
  /**
   * The same files three times over in one command: what a run pays once
   * (start-up, and V8 compiling the readers' JavaScript and PDFium's wasm
   * in each reading thread) against what every page costs, from the two
   * runs' CPU times; and how many pages a run needs before gongkai keeps
   * pace with pdftotext, from the two runs' wall-clock times.
   */
  const PASSES = 3;
  const three = compare(
    Array.from({ length: PASSES }, () => files).flat(),
    Math.max(1, CHECK_RUNS - 2),
  );
  const perPassCpu = (three.cc - one.cc) / (PASSES - 1);
  const onceCpu = one.cc - perPassCpu;
  const perPassWall = (three.cw - one.cw) / (PASSES - 1);
  const onceWall = one.cw - perPassWall;
  const theirsPerPass = three.tw / PASSES;
  const evenPasses =
    theirsPerPass > perPassWall ? onceWall / (theirsPerPass - perPassWall) : Number.NaN;
  console.log(
    `同一条命令读 ${PASSES} 遍语料（${PASSES * files.length} 个文件，${PASSES * oursPages} 页）：${three.cw.toFixed(1)} 秒，CPU ${three.cc.toFixed(1)} 秒；pdftotext ${three.tw.toFixed(1)} 秒，CPU ${three.tc.toFixed(1)} 秒；gongkai 速度为其 ${(three.tw / three.cw).toFixed(2)} 倍，按 CPU 时间 ${(three.tc / three.cc).toFixed(2)} 倍。由两次推算：一次性开销（启动，各读取线程编译 JS 和 PDFium 的 wasm）约 ${onceCpu.toFixed(1)} 秒 CPU，此后每读一遍语料 ${perPassCpu.toFixed(1)} 秒 CPU（pdftotext 每遍 ${(three.tc / PASSES).toFixed(1)} 秒）；${Number.isFinite(evenPasses) ? `墙钟时间上约 ${Math.ceil(evenPasses * oursPages)} 页起与 pdftotext 持平` : "墙钟时间上每遍仍慢于 pdftotext"}`,
  );
}
