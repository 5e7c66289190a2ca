/**
 * `gongkai check` and `gongkai rules` as a user meets them: exit codes,
 * every report format, configs with waivers, and clear errors.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { ALL_RULES } from "../src/check/registry.ts";
import { CheckReportSchema } from "../src/check/report/schema.ts";
import { seedPath } from "./helpers/seeds.ts";

const MAIN = join(import.meta.dirname, "..", "src", "cli", "main.ts");
const dir = mkdtempSync(join(tmpdir(), "gongkai-check-"));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: "utf8",
    timeout: 120_000,
    cwd: dir,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("gongkai check", () => {
  it("exit 1 with errors; json validates against the published report schema", () => {
    const r = run("check", seedPath("002"), "--format", "json");
    assert.equal(r.code, 1, r.err);
    const report = CheckReportSchema.parse(JSON.parse(r.out));
    assert.equal(report.document.kind, "final");
    assert.equal(report.document.year, 2022);
    const f = report.findings.find((x) => x.rule === "complete/empty-section");
    assert.equal(f?.severity, "error");
    assert.equal(f?.locations[0]?.line, 1623);
    assert.ok(f?.basis.includes("预算法"));
  });

  it("--fail-on none exits 0; several files give an array", () => {
    const r = run("check", seedPath("000"), seedPath("002"), "-f", "json", "--fail-on", "none");
    assert.equal(r.code, 0, r.err);
    const reports = JSON.parse(r.out);
    assert.equal(reports.length, 2);
  });

  it("a config waiver moves the finding to waived, with its reason", () => {
    const config = join(dir, "waive.json");
    writeFileSync(
      config,
      JSON.stringify({
        waivers: [
          {
            rule: "complete/empty-section",
            line: 1623,
            reason: "当年无机关运行经费，已在附注说明",
          },
        ],
      }),
    );
    const r = run("check", seedPath("002"), "-f", "json", "-c", config, "--fail-on", "none");
    const report = JSON.parse(r.out);
    assert.ok(!report.findings.some((f: { rule: string }) => f.rule === "complete/empty-section"));
    const waived = report.waived.find((f: { rule: string }) => f.rule === "complete/empty-section");
    assert.equal(waived?.waiver.reason, "当年无机关运行经费，已在附注说明");
  });

  it("--rule turns a rule off", () => {
    const r = run("check", seedPath("002"), "-f", "json", "--rule", "complete/empty-section=off");
    const report = JSON.parse(r.out);
    assert.ok(!report.findings.some((f: { rule: string }) => f.rule === "complete/empty-section"));
  });

  it("sarif is SARIF 2.1.0 with the rules and results", () => {
    const r = run("check", seedPath("002"), "-f", "sarif");
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, "2.1.0");
    assert.ok(sarif.runs[0].tool.driver.rules.length >= 10);
    assert.ok(sarif.runs[0].results.some((x: { level: string }) => x.level === "error"));
  });

  it("html and xlsx are written with -o", async () => {
    const html = join(dir, "r.html");
    run("check", seedPath("002"), "-f", "html", "-o", html);
    assert.match(readFileSync(html, "utf8"), /机关运行经费/);
    const xlsx = join(dir, "r.xlsx");
    const r = run("check", seedPath("002"), "-f", "xlsx", "-o", xlsx);
    assert.equal(r.code, 1, r.err);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    assert.ok(wb.worksheets.length >= 1);
    assert.ok((wb.worksheets[0]?.rowCount ?? 0) > 2);
  });

  it("xlsx without -o, an unknown rule and a missing file are clear errors", () => {
    assert.match(run("check", seedPath("000"), "-f", "xlsx").err, /-o/);
    const bad = run("check", seedPath("000"), "--rule", "arith/nope=off");
    assert.equal(bad.code, 2);
    assert.match(bad.err, /不存在/);
    const missing = run("check", join(dir, "无此文件.txt"));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /找不到文件/);
  });
});

describe("gongkai rules", () => {
  it("lists every rule and prints a rule's page", () => {
    const list = run("rules");
    assert.equal(list.code, 0);
    for (const rule of ALL_RULES) assert.ok(list.out.includes(rule.id), rule.id);
    const doc = run("rules", "--doc", "code/unknown");
    assert.match(doc.out, /政府收支分类科目/);
    assert.equal(run("rules", "--doc", "x/y").code, 2);
  });
});
