/**
 * compare and export take their documents from a store (--db) as well as
 * from files: the seeds imported into a temporary SQLite file, then compared
 * and exported from it through the real command.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { SEEDS_DIR } from "./helpers/seeds.ts";

const BIN = join(import.meta.dirname, "..", "bin", "gongkai.mjs");
const dir = mkdtempSync(join(tmpdir(), "gongkai-analyse-store-"));
const db = join(dir, "库.db");
const run = (...args: string[]) =>
  execFileSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

describe("compare and export from a store", () => {
  before(() => {
    run("import", SEEDS_DIR, "--db", db);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("compares the two 曾都区 units taken from the store by a text filter", () => {
    const out = run("compare", "--db", db, "--text", "曾都区", "--format", "json");
    const comparisons = JSON.parse(out) as { mode: string }[];
    assert.equal(comparisons.length, 1);
    assert.equal(comparisons[0]?.mode, "units");
    assert.match(out, /随州市曾都区医疗保障服务中心/u);
  });

  it("exports only the documents the filters select", () => {
    const csv = join(dir, "2022.csv");
    run("export", "--db", db, "--year", "2022", "--format", "csv", "--out", csv);
    const rows = readFileSync(csv, "utf8")
      .split("\n")
      .slice(1)
      .filter((l) => l !== "");
    assert.ok(rows.length > 0);
    assert.ok(
      rows.every((l) => l.includes(",2022,")),
      "every row of the 2022 document only",
    );
  });

  it("asks for files or a store when given neither (exit 2, in Chinese)", () => {
    const r = spawnSync(process.execPath, [BIN, "compare"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "" },
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /请给出文件或目录，或用 --db 指定存储库/u);
  });
});
