#!/usr/bin/env node
/**
 * The installed `gongkai` command (package.json "bin").
 *
 * gongkai needs the Node.js its package pins in the `node` dependency (Node 24,
 * which npm installs along with gongkai). Run by an older Node (a machine's
 * own Node 20, say), this file starts itself again under the pinned Node:
 * same arguments, stdin/stdout/stderr inherited, its exit code (or the signal
 * that ended it) passed on, and the signals this process gets forwarded.
 *
 * Under a new enough Node it runs the CLI in this process: the TypeScript in
 * src/ when the package is a checkout (Node strips the types), or, when npm
 * installed the package from a tarball into a node_modules folder, where Node
 * will not strip types, the JavaScript that `npm pack` built into dist/.
 *
 * Plain JavaScript that Node 20 can parse: no types, no newer syntax.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import module, { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const self = fileURLToPath(import.meta.url);
const root = dirname(dirname(self));

/** Exit with a Chinese message; 70: gongkai could not start (not the user's input). */
function fail(message) {
  process.stderr.write(`错误：${message}\n`);
  process.exit(70);
}

/** [major, minor, patch] of "24.21.0", "v24.21.0" or "^24.21.0". */
function parts(version) {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

function atLeast(version, wanted) {
  const a = parts(version);
  const b = parts(wanted);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** The path of the Node binary the package's `node` dependency installed, if any. */
function pinnedNodeBinary() {
  try {
    const manifest = createRequire(import.meta.url).resolve("node/package.json");
    const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
    const file = join(dirname(manifest), typeof bin === "string" ? bin : bin.node);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Run this file again under `node`, passing everything through; never returns. */
function handOver(node) {
  const child = spawn(node, [self, ...process.argv.slice(2)], { stdio: "inherit" });
  const forwarded = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];
  for (const signal of forwarded) {
    try {
      process.on(signal, () => child.kill(signal));
    } catch {
      // A signal this platform has no handler for.
    }
  }
  child.on("error", (e) => fail(`无法启动 ${node}：${e.message}`));
  child.on("exit", (code, signal) => {
    if (signal) {
      // End the same way, so that whoever started gongkai sees the signal.
      for (const s of forwarded) process.removeAllListeners(s);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const wanted = pkg.dependencies?.node ?? "24.0.0";
const dist = join(root, "dist", "cli", "main.js");
const src = join(root, "src", "cli", "main.ts");
// Node strips the types of no file inside a node_modules folder: an installed
// package runs its built JavaScript.
const entry = root.split(sep).includes("node_modules") && existsSync(dist) ? dist : src;
const ready =
  atLeast(process.versions.node, wanted) &&
  (entry === dist || Boolean(process.features.typescript));

if (ready) {
  // V8's code cache (and, for src/, the stripped TypeScript) kept between runs.
  module.enableCompileCache?.();
  try {
    await import(pathToFileURL(entry).href);
  } catch (e) {
    if (e?.code === "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING")
      fail(
        `安装不完整：缺少 ${join(root, "dist")}（请用 npm pack 生成的包安装，或在源码目录中 npm install -g .）`,
      );
    throw e;
  }
} else {
  const node = pinnedNodeBinary();
  if (!node || realpathSync(node) === realpathSync(process.execPath)) {
    fail(
      `gongkai 需要 Node.js ${wanted} 或更高版本，当前为 ${process.version}，` +
        "且找不到随 gongkai 安装的 Node（npm 包 node）：请重新安装 gongkai，或改用 Node.js 24",
    );
  } else {
    handOver(node);
  }
}
