/**
 * The three text layouts: markdown tables, tab-separated rows, and text
 * extracted from PDFs with cells spread over lines. Each assertion names a
 * cell that only a correct rebuild of that layout gets right.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ingestFile } from "../src/ingest/index.ts";
import { textLayout } from "../src/ingest/text/layout.ts";
import type { Disclosure, Table } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { seedPath } from "./helpers/seeds.ts";

function cell(
  d: Disclosure,
  table: Table["id"],
  key: string,
  column: string,
): number | null | undefined {
  const t = d.tables.find((x) => x.id === table);
  const row = t?.rows.find((r) => r.key === key);
  return row?.cells[column]?.amount;
}

const docs: Record<string, Disclosure> = {};
before(async () => {
  for (const p of ["000", "001", "002", "003", "004"])
    docs[p] = recognize(await ingestFile(seedPath(p)));
});

describe("text layouts", () => {
  it("keeps markdown and tab tables as grids", () => {
    const md = textLayout(
      "| 科目编码 | 科目名称 | 合计 |\n|---|---|---|\n| 208 | 社会保障和就业支出 | 1.00 |\n",
    );
    assert.equal(md.format, "markdown");
    const grid = md.blocks.find((b) => b.kind === "grid");
    assert.ok(grid && grid.kind === "grid");
    assert.deepEqual(
      grid.rows.map((r) => r.cells.map((c) => c.text)),
      [
        ["科目编码", "科目名称", "合计"],
        ["208", "社会保障和就业支出", "1.00"],
      ],
    );
    const tab = textLayout("a\tb\n名称单独一行\nc\td\n\n后文");
    const g = tab.blocks[0];
    assert.ok(g && g.kind === "grid");
    assert.equal(g.rows.length, 3, "a line without tabs between tab rows stays in the grid");
    assert.equal(tab.blocks.at(-1)?.kind, "line");
  });

  it("markdown (001): blank cells keep their column", () => {
    const d = docs["001"] as Disclosure;
    assert.equal(cell(d, "gpb_function", "2101599", "project"), 188940000);
    assert.equal(cell(d, "gpb_function", "2101599", "personnel"), null);
    assert.equal(cell(d, "gpb_economic", "30299", "public"), 5400000);
  });

  it("markdown (001): a grid under the wrong title is recognised by its columns", () => {
    const d = docs["001"] as Disclosure;
    const income = d.tables.find((t) => t.id === "income");
    assert.ok(income?.title.includes("支出总表"));
    assert.ok(d.issues.some((i) => i.code === "table.misplaced"));
  });

  it("tab rows (003): names printed on their own row join their code's row", () => {
    const d = docs["003"] as Disclosure;
    const row = d.tables.find((t) => t.id === "income")?.rows.find((r) => r.key === "2101199");
    assert.equal(row?.name, "其他行政事业单位医疗支出");
    assert.equal(row?.cells.fiscal?.amount, 55);
  });

  it("tab rows (003): a header shifted by a lost cell is realigned by its 栏次 numbers", () => {
    const d = docs["003"] as Disclosure;
    assert.equal(cell(d, "expenditure", "total", "project"), 6300);
    assert.equal(cell(d, "gpb_function", "2101501", "public"), 3042);
  });

  it("PDF text (002): numbers broken over lines are joined", () => {
    const d = docs["002"] as Disclosure;
    assert.equal(cell(d, "summary", "income.gpb", "amount"), 58236);
    assert.equal(cell(d, "summary", "income.grand_total", "amount"), 58709);
    assert.equal(cell(d, "summary", "expenditure.grand_total", "amount"), 58709);
  });

  it("PDF text (002): wrapped row labels and code/name/amount blocks", () => {
    const d = docs["002"] as Disclosure;
    assert.equal(cell(d, "gpb_basic_economic", "31002", "amount"), 2217);
    assert.equal(cell(d, "gpb_basic_economic", "personnel_total", "amount"), 53049);
    assert.equal(cell(d, "summary", "expenditure.function.215", "amount"), 0);
  });

  it("PDF text (004): codes printed in parts, blanks placed by the table's sums", () => {
    const d = docs["004"] as Disclosure;
    assert.equal(cell(d, "gpb_function", "2080505", "basic"), 403);
    assert.equal(cell(d, "gpb_function", "2081105", "project"), 136);
    assert.equal(cell(d, "gpb_function", "2081105", "basic"), null);
    assert.equal(cell(d, "gpb_basic_economic", "30239", "public"), 180);
  });

  it("PDF text (004): mistyped and shifted codes are repaired by name and reported", () => {
    const d = docs["004"] as Disclosure;
    const fn = d.tables.find((t) => t.id === "gpb_function");
    const repaired = fn?.rows.find((r) => r.printedCode?.replace(/\s+/g, "") === "2011502");
    assert.equal(repaired?.key, "2101502");
    assert.ok(repaired?.repairs?.[0]?.includes("2101502"));
    assert.equal(cell(d, "gpb_function", "2210201", "total"), 369);
    assert.ok(d.issues.some((i) => i.code === "code.name_mismatch"));
  });

  it("PDF text (000): project codes printed in pieces are joined", () => {
    const d = docs["000"] as Disclosure;
    assert.equal(cell(d, "projects", "42130324032T000000110", "gpb"), 1000);
    const row = d.tables
      .find((t) => t.id === "projects")
      ?.rows.find((r) => r.key === "42130322032R000000161");
    assert.equal(row?.name, "基本工资");
  });
});
