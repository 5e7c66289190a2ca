/**
 * Usage errors as a user meets them: an unknown option, a mistyped command
 * (with the closest one suggested), a missing argument or value, a bad value
 * or one argument too many each give Chinese lines on stderr, nothing on
 * stdout, and exit 2; --help and --version exit 0.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { seedPath } from "./helpers/seeds.ts";

const MAIN = join(import.meta.dirname, "..", "src", "cli", "main.ts");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const CJK = /[\u4e00-\u9fff]/;

describe("usage errors", () => {
  const cases: [string, string[], RegExp][] = [
    [
      "an unknown option",
      ["extract", "x.txt", "--frmat", "json"],
      /未知选项：--frmat；是否要用 --format？/,
    ],
    ["an unknown option of the program", ["--verbose"], /未知选项：--verbose/],
    ["a mistyped command", ["chek", "x.txt"], /未知命令：chek；是否要用 check？/],
    ["another mistyped command", ["extrat", "x.txt"], /未知命令：extrat；是否要用 extract？/],
    ["a missing argument", ["extract"], /缺少参数：文件/],
    ["check without files", ["check"], /缺少参数：文件/],
    ["an option without its value", ["check", "x.txt", "--format"], /选项 -f, --format 缺少值/],
    [
      "a value not offered",
      ["check", "x.txt", "--fail-on", "never"],
      /--fail-on 的值“never”无效：级别应为/,
    ],
    ["an argument value not offered", ["schema", "disclosure"], /参数 类型 的值“disclosure”无效/],
    ["one argument too many", ["extract", "a.txt", "b.txt"], /参数过多：extract 只接受 1 个参数/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: Chinese on stderr, nothing on stdout, exit 2`, () => {
      const r = run(...args);
      assert.equal(r.code, 2, r.err);
      assert.equal(r.out, "");
      assert.match(r.err, message);
      assert.match(r.err, /^错误：/);
      assert.match(r.err, /gongkai .*--help/, "points to the help");
      assert.doesNotMatch(r.err, /error:|unknown|missing|Did you mean/i);
      for (const line of r.err.trim().split("\n")) assert.match(line, CJK, line);
    });
  }

  it("no command: the help on stderr, exit 2", () => {
    const r = run();
    assert.equal(r.code, 2);
    assert.equal(r.out, "");
    assert.match(r.err, /用法：/);
  });

  it("exit 1 stays a check that found errors, not a usage error", () => {
    const r = run("check", seedPath("002"), "--format", "json");
    assert.equal(r.code, 1, r.err);
  });
});

describe("--help and --version", () => {
  it("--version prints the package's version and exits 0", () => {
    const r = run("--version");
    assert.equal(r.code, 0);
    assert.match(r.out, /^\d+\.\d+\.\d+\n$/);
  });
  it("help is on stdout with Chinese headings and our descriptions", () => {
    const r = run("check", "--help");
    assert.equal(r.code, 0);
    assert.equal(r.err, "");
    assert.match(r.out, /^用法： gongkai check/);
    assert.match(r.out, /选项：/);
    assert.match(r.out, /报告格式：pretty \| json/);
    assert.match(r.out, /（默认："pretty"）/);
    assert.doesNotMatch(r.out, /default:/);
  });
});
