/**
 * The command as a user meets it: output formats, the published schema, and
 * one-line Chinese errors with a non-zero exit for bad input.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DisclosureSchema } from "../src/model/schema.ts";
import { seedPath } from "./helpers/seeds.ts";

const MAIN = join(import.meta.dirname, "..", "src", "cli", "main.ts");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "gongkai-cli-"));

describe("gongkai extract", () => {
  it("--format json prints a Disclosure that validates against the schema", () => {
    const r = run("extract", seedPath("000"), "--format", "json");
    assert.equal(r.code, 0, r.err);
    const d = DisclosureSchema.parse(JSON.parse(r.out));
    assert.equal(d.kind, "budget");
    assert.ok(d.tables.length >= 8);
    assert.ok(d.claims.length > 10);
  });
  it("--format facts prints the golden-facts shape", () => {
    const r = run("extract", seedPath("003"), "--format", "facts");
    assert.equal(r.code, 0, r.err);
    const f = JSON.parse(r.out);
    assert.equal(f.kind, "final");
    assert.equal(f.currency_unit, "万元");
    assert.ok(
      f.facts.some(
        (x: { table: string; key: string; value: string }) =>
          x.table === "summary" && x.key === "income.grand_total" && x.value === "536.92",
      ),
    );
  });
  it("--format text prints the tables for a person", () => {
    const r = run("extract", seedPath("001"));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /西安市碑林区医疗保险经办中心 2024 年度单位预算公开/);
    assert.match(r.out, /12,753,171\.62/);
  });
  const badCases: [string, () => string, RegExp][] = [
    ["a missing file", () => join(dir, "没有这个文件.txt"), /找不到文件/],
    [
      "random bytes",
      () => {
        const p = join(dir, "random.txt");
        writeFileSync(
          p,
          Uint8Array.from({ length: 8192 }, (_, i) => (i * 2654435761) % 251),
        );
        return p;
      },
      /不是文本|无法识别文件的字符编码/,
    ],
    [
      "a PDF before PDF support",
      () => {
        const p = join(dir, "a.txt");
        writeFileSync(p, "%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n");
        return p;
      },
      /PDF/,
    ],
    [
      "a text that is not a disclosure",
      () => {
        const p = join(dir, "poem.txt");
        writeFileSync(p, "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n");
        return p;
      },
      /不像一份部门预算或决算公开文档/,
    ],
    ["a directory", () => dir, /是目录/],
  ];
  for (const [name, make, message] of badCases) {
    it(`${name}: one Chinese line, exit 2, no stack trace`, () => {
      const r = run("extract", make());
      assert.equal(r.code, 2);
      assert.match(r.err, message);
      assert.equal(r.err.trim().split("\n").length, 1);
      assert.doesNotMatch(r.err, /\bat .*\.ts:\d+/);
      assert.equal(r.out, "");
    });
  }
  it("rejects an unknown format", () => {
    const r = run("extract", seedPath("000"), "--format", "yaml");
    assert.notEqual(r.code, 0);
    assert.match(r.err, /格式应为/);
  });
});

describe("gongkai schema", () => {
  it("prints the Disclosure JSON Schema", () => {
    const r = run("schema");
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out);
    assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.ok(s.properties.tables);
    assert.ok(s.required.includes("kind"));
  });
});
