/**
 * What the command loads: `--version`, `--help`, a usage error, and extract
 * and check of a text file load none of the heavy readers and writers
 * (exceljs, pdfkit, echarts, the canvas, pdf.js, mammoth, docx). Each run is
 * a child process whose imports a resolve hook records (test/helpers/
 * record-imports.ts); a command that does need exceljs shows that the
 * record sees it. Nothing is timed.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { seedPath } from "./helpers/seeds.ts";

const MAIN = join(import.meta.dirname, "..", "src", "cli", "main.ts");
const HOOK = pathToFileURL(join(import.meta.dirname, "helpers", "record-imports.ts")).href;
const HEAVY = [
  "exceljs",
  "pdfkit",
  "echarts",
  "@napi-rs/canvas",
  "pdfjs-dist",
  "mammoth",
  "docx",
  "htmlparser2",
];

const dir = mkdtempSync(join(tmpdir(), "gongkai-startup-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

/** The packages (under node_modules) a run of the command imported, and its exit code. */
function packagesLoaded(...args: string[]): { code: number | null; packages: Set<string> } {
  const record = join(dir, `imports-${++runs}.txt`);
  const r = spawnSync(process.execPath, ["--import", HOOK, MAIN, ...args], {
    encoding: "utf8",
    timeout: 120_000,
    cwd: dir,
    env: { ...process.env, GONGKAI_TEST_IMPORTS: record },
  });
  const urls = readFileSync(record, "utf8").trim().split("\n");
  const packages = new Set<string>();
  for (const url of urls) {
    const m = url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (m?.[1]) packages.add(m[1]);
  }
  return { code: r.status, packages };
}

function assertLight(packages: Set<string>): void {
  const loaded = HEAVY.filter((p) => packages.has(p));
  assert.deepEqual(loaded, [], `loaded: ${loaded.join(", ")}`);
  assert.ok(packages.has("commander"), "the record sees the command's own imports");
}

describe("start-up loads only what the command uses", () => {
  it("--version", () => {
    const { code, packages } = packagesLoaded("--version");
    assert.equal(code, 0);
    assertLight(packages);
    assert.deepEqual([...packages], ["commander"]);
  });
  it("--help and a usage error", () => {
    for (const args of [["--help"], ["extract", "--frmat"], ["chek"]]) {
      const { packages } = packagesLoaded(...args);
      assert.deepEqual([...packages], ["commander"], args.join(" "));
    }
  });
  it("extract of a text file", () => {
    const { code, packages } = packagesLoaded("extract", seedPath("001"), "--format", "json");
    assert.equal(code, 0);
    assertLight(packages);
    // Reading needs no schema validation: zod stays unloaded.
    assert.ok(!packages.has("zod"), "extract loads zod");
  });
  it("check of a text file, in every text report format", () => {
    for (const format of ["pretty", "json", "sarif", "html"]) {
      const r = packagesLoaded("check", seedPath("001"), "--format", format, "--fail-on", "none");
      assert.equal(r.code, 0, format);
      assertLight(r.packages);
      // Without a config file, nothing is validated by a schema: zod stays unloaded.
      if (format !== "json") assert.ok(!r.packages.has("zod"), `check -f ${format} loads zod`);
    }
  });
  it("the record does see a heavy module when the command needs it", () => {
    const out = join(dir, "问题清单.xlsx");
    const r = packagesLoaded(
      "check",
      seedPath("001"),
      "-f",
      "xlsx",
      "-o",
      out,
      "--fail-on",
      "none",
    );
    assert.equal(r.code, 0);
    assert.ok(r.packages.has("exceljs"));
    assert.ok(!r.packages.has("pdfkit"));
  });
});
