/**
 * Hostile ends of a run (issue 14): outputs that cannot be written (a
 * missing folder, a read-only file, a full disk) give a Chinese error and
 * exit 2 and never destroy the previous file; control characters in the
 * data still render well-formed XLSX, DOCX and HTML; a converter stopped at
 * its timeout or by SIGTERM leaves no process and no temporary folder.
 * Everything runs the real command as a child process.
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { unzipSync } from "fflate";
import { MAIN, runGongkai, START_SLACK_MS } from "./helpers/hostile-cli.ts";
import { seedPath } from "./helpers/seeds.ts";

const dir = mkdtempSync(join(tmpdir(), "gongkai-hostile-out-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const seed = seedPath("001");

describe("outputs that cannot be written", () => {
  it("-o into a folder that does not exist: exit 2, the folder named", async () => {
    const out = join(dir, "missing", "report.json");
    const r = await runGongkai(["check", seed, "-f", "json", "-o", out]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /无法写入输出文件 .*report\.json：文件夹 .*missing 不存在/);
  });

  it("-o onto a read-only file: exit 2, the file kept as it was", async () => {
    const out = join(dir, "readonly.json");
    writeFileSync(out, "previous");
    chmodSync(out, 0o444);
    const r = await runGongkai(["check", seed, "-f", "json", "-o", out]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /无法写入输出文件 .*readonly\.json：文件是只读的/);
    assert.equal(readFileSync(out, "utf8"), "previous");
  });

  it("-o onto a full device (/dev/full): exit 2, 磁盘空间不足", async () => {
    const r = await runGongkai(["check", seed, "-f", "json", "-o", "/dev/full"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /无法写入输出文件 \/dev\/full：磁盘空间不足/);
  });

  it("a full disk (a 64 KB tmpfs): exit 2, the previous file intact, no temporary file left", async (t) => {
    const mnt = join(dir, "small-disk");
    mkdirSync(mnt);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt], { stdio: "ignore" });
    } catch {
      t.skip("a tmpfs cannot be mounted here (not root); /dev/full above covers the message");
      return;
    }
    try {
      const out = join(mnt, "公开.html");
      writeFileSync(out, "previous good file");
      const r = await runGongkai(["render", seed, "-f", "html", "-o", out]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /无法写入输出文件 .*公开\.html：磁盘空间不足/);
      assert.equal(readFileSync(out, "utf8"), "previous good file");
      assert.deepEqual(readdirSync(mnt), ["公开.html"]);
    } finally {
      execFileSync("umount", [mnt]);
    }
  });

  it("a successful write replaces the previous file whole", async () => {
    const out = join(dir, "ok.json");
    writeFileSync(out, "previous");
    const r = await runGongkai(["check", seed, "-f", "json", "-o", out, "--fail-on", "none"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(readFileSync(out, "utf8")).document.file, seed);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith(".tmp")),
      [],
    );
  });
});

/** Characters XML 1.0 cannot hold, raw or as character references. */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|&#x?0*(?:[0-8]|1[1-2]|1[4-9]|2\d|3[01]|[bcBC]|1[0-9a-fA-F]);/;

describe("control characters in the data", () => {
  it("render writes well-formed XLSX, DOCX and HTML whatever the names hold", async () => {
    const extracted = await runGongkai(["extract", seed, "-f", "json"]);
    assert.equal(extracted.code, 0, extracted.stderr);
    const d = JSON.parse(extracted.stdout);
    const name = `${d.entity.name}\u0001\u000b\u001f\ud800`;
    d.entity.name = name;
    if (d.tables[0]) d.tables[0].title = `${d.tables[0].title}\u0002\u0008`;
    const json = join(dir, "control.json");
    writeFileSync(json, JSON.stringify(d));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    const clean = d.entity.name.replace(/[\u0000-\u001f]/g, "").replace("\ud800", "\ufffd");
    for (const format of ["xlsx", "docx"] as const) {
      const out = join(dir, `control.${format}`);
      const r = await runGongkai(["render", json, "-f", format, "-o", out]);
      assert.equal(r.code, 0, r.stderr);
      const parts = unzipSync(readFileSync(out));
      let sawName = false;
      for (const [part, bytes] of Object.entries(parts)) {
        if (!/\.(?:xml|rels)$/.test(part)) continue;
        const xml = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        assert.doesNotMatch(xml, XML_INVALID, `${format} ${part}`);
        if (xml.includes(clean)) sawName = true;
      }
      assert.ok(sawName, `${format} carries the name without its control characters`);
    }
    const html = await runGongkai(["render", json, "-f", "html"]);
    assert.equal(html.code, 0, html.stderr);
    assert.doesNotMatch(html.stdout, XML_INVALID);
    assert.ok(html.stdout.includes(clean));
  });
});

/** A fake LibreOffice: its launcher starts a child (as soffice starts soffice.bin) and both sleep. */
function fakeSoffice(): { bin: string; marks: string } {
  const bin = join(dir, "fake-bin");
  const marks = join(dir, `marks-${Math.random().toString(36).slice(2)}`);
  mkdirSync(bin, { recursive: true });
  mkdirSync(marks);
  writeFileSync(
    join(bin, "soffice"),
    '#!/bin/sh\nsleep 300 &\necho $! > "$FAKE_SOFFICE_MARKS/child.pid"\necho $$ > "$FAKE_SOFFICE_MARKS/launcher.pid"\nsleep 300\n',
    { mode: 0o755 },
  );
  return { bin, marks };
}

/** A legacy XLS as far as the reader can tell (OLE header, a Workbook stream name). */
function fakeXls(): string {
  const p = join(dir, "legacy.xls");
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  writeFileSync(
    p,
    Buffer.concat([
      header,
      Buffer.alloc(504),
      Buffer.from("Workbook", "utf16le"),
      Buffer.alloc(512),
    ]),
  );
  return p;
}

/** Whether a process is still running (a zombie waiting for its reaper is not). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

function pids(marks: string): number[] {
  return ["launcher.pid", "child.pid"].map((f) => Number(readFileSync(join(marks, f), "utf8")));
}

describe("a converter that does not finish", () => {
  it("at the time limit: the whole process group is killed and the temporary folder removed", async () => {
    const { bin, marks } = fakeSoffice();
    const tmp = mkdtempSync(join(dir, "tmp-"));
    const r = await runGongkai(["extract", fakeXls()], {
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        FAKE_SOFFICE_MARKS: marks,
        TMPDIR: tmp,
        GONGKAI_MAX_SECONDS: "3",
      },
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /超时/);
    assert.ok(r.ms < 3000 + START_SLACK_MS, `${r.ms} ms`);
    for (const pid of pids(marks)) assert.equal(running(pid), false, `process ${pid} still runs`);
    assert.deepEqual(
      readdirSync(tmp).filter((f) => f.startsWith("gongkai-")),
      [],
    );
  });

  it("on SIGTERM: the converter's group is killed and the temporary folder removed", async () => {
    const { bin, marks } = fakeSoffice();
    const tmp = mkdtempSync(join(dir, "tmp-"));
    const child = spawn(process.execPath, [MAIN, "extract", fakeXls()], {
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        FAKE_SOFFICE_MARKS: marks,
        TMPDIR: tmp,
      },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_c, s) => resolve(s)),
    );
    for (let i = 0; i < 300 && !existsSync(join(marks, "child.pid")); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(existsSync(join(marks, "child.pid")), "the converter started");
    assert.ok(
      readdirSync(tmp).some((f) => f.startsWith("gongkai-soffice-")),
      "its folder exists",
    );
    child.kill("SIGTERM");
    assert.equal(await exited, "SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    for (const pid of pids(marks)) assert.equal(running(pid), false, `process ${pid} still runs`);
    assert.deepEqual(
      readdirSync(tmp).filter((f) => f.startsWith("gongkai-")),
      [],
    );
  });
});
