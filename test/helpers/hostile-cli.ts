/**
 * Run the real `gongkai` command as a child process on a hostile input and
 * report how it ended: exit code, stderr, stdout, how long it took and its
 * peak memory. Bounds are asserted on these (a bound must stop the run),
 * never speeds.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MEASURE = join(import.meta.dirname, "measure-cli.ts");
export const MAIN = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds from start to exit. */
  ms: number;
  /** Peak resident memory of the whole process (MB), when it exited normally. */
  rssMb: number | undefined;
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** File descriptor or path given as standard input. */
  stdin?: "ignore" | number;
  /** Kill the child after this long (a hang fails the test instead of stalling it). */
  killAfterMs?: number;
}

/** `gongkai …args`, measured. */
export function runGongkai(args: string[], opts: RunOptions = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-rss-"));
  const rssFile = join(dir, "rss");
  const started = Date.now();
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [MEASURE, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env, GONGKAI_TEST_RSS: rssFile, NO_COLOR: "1" },
      stdio: [opts.stdin ?? "ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
    });
    child.stderr?.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    const killer = setTimeout(() => child.kill("SIGKILL"), opts.killAfterMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(killer);
      let rssMb: number | undefined;
      try {
        rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
      } catch {
        rssMb = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, rssMb });
    });
  });
}

/** The child is spawned as `node measure-cli.ts …`; its own start-up is part of every bound. */
export const START_SLACK_MS = 20_000;
