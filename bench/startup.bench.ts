/**
 * Start-up of the installed command, against a bare Node start-up in the same
 * run: `gongkai --version`, and `extract` / `check` of a text seed, each as a
 * whole process, several runs each, medians and ratios. Prints figures;
 * asserts nothing.
 *
 *   node bench/startup.bench.ts [runs]
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "gongkai.mjs");
const SEED = join(ROOT, "..", "shared", "seeds", "001_3ef43c7689782125.txt");
const RUNS = Number(process.argv[2] ?? 7);

interface Case {
  name: string;
  args: string[];
}

const cases: Case[] = [
  { name: "node -e 0（空进程）", args: ["-e", "0"] },
  { name: "gongkai --version", args: [BIN, "--version"] },
  { name: "gongkai extract 文本示例 -f json", args: [BIN, "extract", SEED, "--format", "json"] },
  { name: "gongkai check 文本示例", args: [BIN, "check", SEED, "--fail-on", "none"] },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const results = new Map<string, { wall: number[]; rss: number[] }>();
// Interleave the cases run by run, so that load on the machine falls on all alike.
for (let run = 0; run < RUNS; run++) {
  for (const c of cases) {
    const s = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "data:text/javascript,process.on('exit',()=>{process.stderr.write('\\nRSS '+process.resourceUsage().maxRSS+'\\n')})",
        ...c.args,
      ],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    const wall = performance.now() - s;
    const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
    const entry = results.get(c.name) ?? { wall: [], rss: [] };
    entry.wall.push(wall);
    entry.rss.push(rss);
    results.set(c.name, entry);
  }
}

const bare = median(results.get(cases[0]?.name ?? "")?.wall ?? [1]);
console.log(`启动时间（${RUNS} 次的中位数，与空 Node 进程同场比较）`);
for (const c of cases) {
  const r = results.get(c.name);
  if (!r) continue;
  const wall = median(r.wall);
  console.log(
    `  ${c.name}：${wall.toFixed(0)} ms（空进程的 ${(wall / bare).toFixed(1)} 倍），峰值内存 ${median(r.rss).toFixed(0)} MB`,
  );
}
