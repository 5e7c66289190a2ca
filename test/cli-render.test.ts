/** `gongkai template` and `gongkai render` as a user meets them. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { seedPath } from "./helpers/seeds.ts";

const MAIN = join(import.meta.dirname, "..", "src", "cli", "main.ts");
const dir = mkdtempSync(join(tmpdir(), "gongkai-render-"));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8", timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("gongkai template and render", () => {
  it("a filled template renders to a PDF that checks without errors", () => {
    const filled = join(dir, "000.xlsx");
    assert.equal(run("template", "--from", seedPath("000"), "-o", filled).code, 0);
    const pdf = join(dir, "000.pdf");
    const r = run("render", filled, "-f", "pdf", "-o", pdf);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
    const check = run("check", pdf, "-f", "json");
    assert.equal(check.code, 0, check.out.slice(0, 2000));
    const report = JSON.parse(check.out);
    assert.equal(report.document.entity, "曾都区医疗保障信息中心");
    assert.equal(report.summary.error, 0);
  });

  it("a filled template is checked as the template it is; a blank one names its missing cells", () => {
    const filled = join(dir, "000-check.xlsx");
    assert.equal(run("template", "--from", seedPath("000"), "-o", filled).code, 0);
    const r = run("check", filled, "-f", "json");
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.document.entity, "曾都区医疗保障信息中心");
    assert.equal(report.document.year, 2025);
    const blank = join(dir, "blank-check.xlsx");
    assert.equal(run("template", "--kind", "budget", "--year", "2025", "-o", blank).code, 0);
    const b = run("check", blank);
    assert.equal(b.code, 2);
    assert.match(b.err, /单位信息!B\d+/);
  });

  it("a blank template cannot be rendered: every missing field is named by its cell", () => {
    const blank = join(dir, "blank.xlsx");
    assert.equal(run("template", "--kind", "final", "--year", "2024", "-o", blank).code, 0);
    assert.ok(existsSync(blank));
    const r = run("render", blank, "-f", "html", "-o", join(dir, "x.html"));
    assert.equal(r.code, 2);
    assert.match(r.err, /单位信息!B\d+/);
  });

  it("binary formats need -o; a missing input is a clear error", () => {
    assert.match(run("render", seedPath("000"), "-f", "pdf").err, /-o/);
    const missing = run("render", join(dir, "无此文件.json"), "-f", "html");
    assert.equal(missing.code, 2);
    assert.match(missing.err, /找不到文件/);
  });
});
