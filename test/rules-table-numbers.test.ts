/**
 * complete/table-numbers on real documents: a gap in the table numbers a
 * document prints is a missing table (seed 003 has no 公开09表, the 国有资本
 * 经营 table of the national 决算 set); a table cut out of seed 002 leaves
 * its series 01, 02, 04; and the series printed whole (公开表一 … 公开表十二,
 * 部门公开表1 … 9, 表1 … 表14-7) raise nothing.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { parseTableNumber } from "../src/check/rules/complete/table-numbers.ts";
import { ingestText } from "../src/ingest/index.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractFile } from "../src/pipeline.ts";
import { recognize } from "../src/recognize/index.ts";
import { SHARED, seedFiles, seedPath } from "./helpers/seeds.ts";

const gaps = (d: Disclosure) =>
  checkDisclosure(d).findings.filter((f) => f.rule === "complete/table-numbers");
const readText = (lines: string[], file: string) =>
  recognize(ingestText(new TextEncoder().encode(lines.join("\n"))), { file });

describe("complete/table-numbers", () => {
  it("reads the printed forms of a table number", () => {
    assert.deepEqual(parseTableNumber("公开09表"), { series: "公开#表", index: 9 });
    assert.deepEqual(parseTableNumber("公开 10 表"), { series: "公开#表", index: 10 });
    assert.deepEqual(parseTableNumber("公开表十一"), { series: "公开表#", index: 11 });
    assert.deepEqual(parseTableNumber("附表4-3"), { series: "附表4-#", index: 3 });
    assert.deepEqual(parseTableNumber("表14-2"), { series: "表14-#", index: 2 });
    assert.deepEqual(parseTableNumber("部门公开表5"), { series: "部门公开表#", index: 5 });
    assert.equal(parseTableNumber("10"), undefined, "a bare number has no series");
  });

  it("seed 003 prints 公开08表 then 公开10表: 公开09表 is missing", () => {
    const file = seedPath("003");
    const found = gaps(readText(readFileSync(file, "utf8").split("\n"), file));
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /从“公开08表”跳到“公开10表”，全文没有“公开09表”/u);
    assert.equal(found[0]?.severity, "warning");
  });

  it("seed 002 with its 支出决算表 cut out (title, number and rows) is reported", () => {
    const file = seedPath("002");
    const lines = readFileSync(file, "utf8").split("\n");
    assert.deepEqual(gaps(readText(lines, file)), []);
    const number = lines.findIndex((l) => /^公开 03 表\s*$/u.test(l.trim()));
    const next = lines.findIndex((l) => /^公开04表\s*$/u.test(l.trim()));
    assert.ok(number > 0 && next > number, "the 公开 03 表 and 公开04表 lines");
    const cut = [...lines.slice(0, number - 3), ...lines.slice(next - 3)];
    const found = gaps(readText(cut, file));
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0]?.message ?? "", /全文没有“公开 ?03表”/u);
  });

  it("series printed whole raise nothing (the other seeds, Jiangsu's 公开表一…十二)", async () => {
    for (const f of seedFiles()) {
      const prefix = f.slice(0, 3);
      if (prefix === "003") continue;
      const file = seedPath(prefix);
      assert.deepEqual(gaps(readText(readFileSync(file, "utf8").split("\n"), file)), [], f);
    }
    const d = await extractFile(
      join(
        SHARED,
        "corpus/jiangsu/江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf",
      ),
    );
    assert.ok((d.report?.tableNumbers ?? []).length >= 12, "the twelve numbers are collected");
    assert.deepEqual(gaps(d), []);
  });
});
