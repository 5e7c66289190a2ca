/**
 * The command as npm installs it. The package is packed (`npm pack`, which
 * builds dist/) from a copy of the checkout and installed into a temporary
 * prefix, as `npm install -g` does; the checkout itself is installed the
 * same way (npm links it). Each installed `gongkai` then runs in another
 * folder with relative paths: under the pinned Node, and with the machine's
 * older Node first on the PATH, which hands over to the pinned one.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { seedPath } from "./helpers/seeds.ts";

const REPO = join(import.meta.dirname, "..");
/** The machine's own Node, older than the pinned one (Debian's package). */
const SYSTEM_NODE = "/usr/bin/node";
const ENTITY = "西安市碑林区医疗保险经办中心";

const tmp = mkdtempSync(join(tmpdir(), "gongkai-install-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** PATH with the pinned Node's folder first, or the given folder first. */
function pathWith(first: string): string {
  return [first, ...(process.env.PATH ?? "").split(delimiter)].join(delimiter);
}

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, PATH: pathWith(dirname(process.execPath)) },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The files `npm pack` reads, copied, so packing writes no dist/ into the checkout. */
function copyCheckout(to: string): void {
  mkdirSync(to);
  for (const f of ["package.json", "README.md", "tsconfig.json", "tsconfig.build.json"])
    copyFileSync(join(REPO, f), join(to, f));
  for (const d of ["bin", "src", "scripts"])
    cpSync(join(REPO, d), join(to, d), { recursive: true });
  // The build's compiler (typescript) from the checkout's dependencies.
  symlinkSync(join(REPO, "node_modules"), join(to, "node_modules"), "dir");
}

/** A folder elsewhere holding a copy of a seed at a relative path. */
function workFolder(name: string): string {
  const work = join(tmp, name);
  mkdirSync(join(work, "文档"), { recursive: true });
  copyFileSync(seedPath("001"), join(work, "文档", "seed.txt"));
  return work;
}

function run(command: string, args: string[], cwd: string, first: string) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, PATH: pathWith(first) },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function nodeVersion(node: string): number {
  return Number(
    execFileSync(node, ["--version"], { encoding: "utf8" }).replace(/^v(\d+).*\s*$/, "$1"),
  );
}

/** The checks every installed command passes, run from `work` with `first` first on the PATH. */
function assertWorks(gongkai: string, work: string, first: string): void {
  const r = run(gongkai, ["extract", "文档/seed.txt", "--format", "json"], work, first);
  assert.equal(r.code, 0, r.err);
  const d = JSON.parse(r.out);
  assert.equal(d.entity.name, ENTITY);
  assert.equal(d.source.file, "文档/seed.txt");
  assert.ok(d.tables.length >= 8);

  // An output path is the user's too; a usage error's exit code comes through.
  const t = run(gongkai, ["template", "--kind", "budget", "-o", "模板.xlsx"], work, first);
  assert.equal(t.code, 0, t.err);
  assert.ok(existsSync(join(work, "模板.xlsx")));
  const u = run(gongkai, ["chek", "文档/seed.txt"], work, first);
  assert.equal(u.code, 2);
  assert.equal(u.out, "");
  assert.match(u.err, /未知命令：chek；是否要用 check？/);
}

describe("npm install -g of the packed package", () => {
  const prefix = join(tmp, "prefix");
  const gongkai = join(prefix, "bin", "gongkai");
  before(() => {
    const pkg = join(tmp, "package");
    copyCheckout(pkg);
    npm(["pack", "--pack-destination", tmp], pkg);
    const tarball = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
    assert.ok(tarball, "npm pack wrote a tarball");
    npm(
      [
        "install",
        "--global",
        "--prefix",
        prefix,
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        join(tmp, tarball),
      ],
      tmp,
    );
  });

  it("installs the command, with its own Node 24 and the built JavaScript", () => {
    assert.ok(existsSync(gongkai));
    const lib = join(prefix, "lib", "node_modules", "gongkai");
    assert.ok(existsSync(join(lib, "dist", "cli", "main.js")));
    assert.ok(existsSync(join(lib, "dist", "catalog", "data", "func.csv")));
    assert.ok(existsSync(join(lib, "node_modules", "node", "bin", "node")));
  });

  it("runs in another folder under the pinned Node, paths relative to it", () => {
    assertWorks(gongkai, workFolder("pinned"), dirname(process.execPath));
  });

  it("runs with the machine's older Node first on the PATH", (t) => {
    if (!existsSync(SYSTEM_NODE) || nodeVersion(SYSTEM_NODE) >= 24) {
      t.skip(`${SYSTEM_NODE} is not an older Node here`);
      return;
    }
    assertWorks(gongkai, workFolder("older"), dirname(SYSTEM_NODE));
  });
});

describe("npm install -g of the checkout", () => {
  const prefix = join(tmp, "linked");
  const gongkai = join(prefix, "bin", "gongkai");
  before(() => {
    npm(["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", REPO], tmp);
  });

  it("runs the checkout's sources from another folder, under either Node", (t) => {
    assertWorks(gongkai, workFolder("linked-pinned"), dirname(process.execPath));
    if (!existsSync(SYSTEM_NODE) || nodeVersion(SYSTEM_NODE) >= 24) {
      t.diagnostic(`${SYSTEM_NODE} is not an older Node here`);
      return;
    }
    assertWorks(gongkai, workFolder("linked-older"), dirname(SYSTEM_NODE));
  });
});
