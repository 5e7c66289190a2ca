/**
 * Hostile inputs at the reading end (issue 14): endless devices and pipes,
 * huge and single-line texts, a million claim-like lines, bad bytes and
 * mixed encodings. Each runs the real command as a child process with a
 * small limit setting, and asserts its exit code, its Chinese message, that
 * the bound stopped it (exit within the setting plus start-up slack) and
 * its peak memory. Inputs are generated here, in a temporary folder.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { encodeGb18030 } from "./helpers/encode.ts";
import { runGongkai, START_SLACK_MS } from "./helpers/hostile-cli.ts";
import { seedPath } from "./helpers/seeds.ts";

const dir = mkdtempSync(join(tmpdir(), "gongkai-hostile-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const seed = readFileSync(seedPath("001"), "utf8");
const seedFile = seedPath("001");
const MB = 1024 * 1024;

/** Facts of a file as the command prints them (without the file's name). */
async function facts(file: string): Promise<unknown> {
  const r = await runGongkai(["extract", file, "-f", "facts"]);
  assert.equal(r.code, 0, r.stderr);
  const { document: _name, ...rest } = JSON.parse(r.stdout);
  return rest;
}

const baseline = await facts(seedFile);

describe("endless input is refused, not read", () => {
  for (const device of ["/dev/zero", "/dev/urandom"]) {
    it(`${device} as a file: refused at once as a device`, async () => {
      const r = await runGongkai(["extract", device]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /字符设备，不是普通文件，拒绝读取/);
      assert.ok((r.rssMb ?? 0) < 400, `peak ${r.rssMb} MB`);
    });
  }

  it("/dev/zero on standard input ('-'): stops at the byte limit", async () => {
    const fd = openSync("/dev/zero", "r");
    try {
      const r = await runGongkai(["extract", "-"], {
        stdin: fd,
        env: { GONGKAI_MAX_BYTES: "2MB" },
      });
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /标准输入超过 2 MB 的上限，已停止读取（上限可用环境变量 GONGKAI_MAX_BYTES 调整）/,
      );
      assert.ok((r.rssMb ?? 0) < 400, `peak ${r.rssMb} MB`);
    } finally {
      closeSync(fd);
    }
  });

  it("a FIFO with no writer: refused without waiting for one", async () => {
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const r = await runGongkai(["check", fifo], { killAfterMs: 30_000 });
    assert.equal(r.signal, null, "it did not hang");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /命名管道（FIFO），不是普通文件，拒绝读取/);
  });

  it("a file over the byte limit: refused by its size, nothing read", async () => {
    const big = join(dir, "big.txt");
    writeFileSync(big, Buffer.alloc(9 * MB, "预算支出 123.45\n"));
    const r = await runGongkai(["extract", big], { env: { GONGKAI_MAX_BYTES: "8MB" } });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /文件过大（9 MB），上限为 8 MB（上限可用环境变量 GONGKAI_MAX_BYTES 调整）/,
    );
    assert.ok((r.rssMb ?? 0) < 400, `peak ${r.rssMb} MB`);
  });
});

describe("huge text is bounded", () => {
  it("a 30 MB single line is cut into lines, the rest of the document read as before", async () => {
    const file = join(dir, "long-line.txt");
    writeFileSync(file, `${seed}\n${"预".repeat(10 * MB)}\n`);
    const r = await runGongkai(["check", file, "-f", "json", "--fail-on", "none"]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /内部错误/);
    const report = JSON.parse(r.stdout);
    const warnings: string[] = report.recognition.readerWarnings;
    assert.ok(
      warnings.some((w) => /行过长（超过 100000 个字符），已按每 100000 个字符分行读取/.test(w)),
      warnings.join("\n"),
    );
    assert.ok((r.rssMb ?? 0) < 1500, `peak ${r.rssMb} MB`);
  });

  it("text past the character limit is refused with the setting named", async () => {
    const file = join(dir, "many-chars.txt");
    writeFileSync(file, `${seed}\n`.repeat(40));
    const r = await runGongkai(["extract", file], { env: { GONGKAI_MAX_TEXT_CHARS: "1000000" } });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /文本过长（\d+ 个字符），上限为 1000000 个字符（上限可用环境变量 GONGKAI_MAX_TEXT_CHARS 调整）/,
    );
  });

  it("25 MB of disclosure text: stopped at the time limit, memory bounded", async () => {
    const file = join(dir, "big-text.txt");
    writeFileSync(file, `${seed}\n`.repeat(Math.ceil((25 * MB) / Buffer.byteLength(seed))));
    const r = await runGongkai(["check", file], { env: { GONGKAI_MAX_SECONDS: "4" } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /读取超时：4 秒内未能读完，已停止读取这份文档（上限可用环境变量 GONGKAI_MAX_SECONDS 调整）/,
    );
    assert.ok(r.ms < 4000 + START_SLACK_MS, `${r.ms} ms`);
    assert.ok((r.rssMb ?? 0) < 2000, `peak ${r.rssMb} MB`);
  });

  it("a disclosure followed by 200 000 claim-like lines: stopped at the time limit", async () => {
    const file = join(dir, "claims.txt");
    const claim =
      "一般公共预算财政拨款支出 1234.56 万元，比上年增加 12.34 万元，增长 1.2%，主要原因是人员增加。\n";
    writeFileSync(file, `${seed}\n${claim.repeat(200_000)}`);
    const r = await runGongkai(["check", file], { env: { GONGKAI_MAX_SECONDS: "4" } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /读取超时：4 秒内未能读完/);
    assert.ok(r.ms < 4000 + START_SLACK_MS, `${r.ms} ms`);
    assert.ok((r.rssMb ?? 0) < 2000, `peak ${r.rssMb} MB`);
  });
});

describe("encodings judged per region", () => {
  it("one bad byte in a UTF-8 text is a warning; the document reads in full", async () => {
    const file = join(dir, "bad-byte.txt");
    const lines = seed.split("\n");
    const at = lines.findIndex((l, i) => i > 20 && l.trim() === "");
    const bytes = Buffer.concat([
      Buffer.from(`${lines.slice(0, at).join("\n")}\n`),
      Buffer.from([0xff]),
      Buffer.from(`\n${lines.slice(at + 1).join("\n")}`),
    ]);
    writeFileSync(file, bytes);
    assert.deepEqual(await facts(file), baseline);
    const r = await runGongkai(["check", file, "-f", "json", "--fail-on", "none"]);
    const warnings: string[] = JSON.parse(r.stdout).recognition.readerWarnings;
    assert.ok(
      warnings.some((w) => w.includes(`文本中有 1 个无效字节（第 ${at + 1} 行），已替换为`)),
      warnings.join("\n"),
    );
  });

  it("half GB18030, half UTF-8: both halves read, with a warning naming the lines", async () => {
    const file = join(dir, "mixed.txt");
    const lines = seed.split("\n");
    const half = Math.floor(lines.length / 2);
    writeFileSync(
      file,
      Buffer.concat([
        encodeGb18030(`${lines.slice(0, half).join("\n")}\n`),
        Buffer.from(lines.slice(half).join("\n"), "utf8"),
      ]),
    );
    assert.deepEqual(await facts(file), baseline);
    const r = await runGongkai(["check", file, "-f", "json", "--fail-on", "none"]);
    const warnings: string[] = JSON.parse(r.stdout).recognition.readerWarnings;
    assert.ok(
      warnings.some((w) =>
        /文本的编码前后不一致，已逐段识别：第 \d+–\d+ 行按 GB18030、第 \d+–\d+ 行按 UTF-8 读取/.test(
          w,
        ),
      ),
      warnings.join("\n"),
    );
  });
});
