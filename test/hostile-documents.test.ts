/**
 * Hostile PDFs, workbooks, Word files and web pages (issue 14), made here
 * at test time and read by the real command as a child process with small
 * limit settings: each asserts the exit code, the Chinese message, that the
 * bound stopped it (exit within the setting plus start-up slack) and the
 * peak memory. A document past the page bound is checked on a real corpus
 * PDF: its unread pages are a reading gap, not tables left unpublished.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ingestBytes } from "../src/ingest/index.ts";
import { resolveLimits } from "../src/ingest/limits.ts";
import { isTemplate } from "../src/template/detect.ts";
import {
  docxBytes,
  fanOutPdf,
  lyingWorkbookBomb,
  manyPagesPdf,
  mergedSheet,
  nestedDocxBody,
  sheetXml,
  textRunsPdf,
  xlsxBytes,
} from "./helpers/hostile.ts";
import { runGongkai, START_SLACK_MS } from "./helpers/hostile-cli.ts";
import { describeSeed, goldenSeeds, makeHtml } from "./helpers/make-documents.ts";
import { SHARED } from "./helpers/seeds.ts";

const dir = mkdtempSync(join(tmpdir(), "gongkai-hostile-docs-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("PDFs past the bounds", () => {
  it("form XObjects that fan out (10^8 objects): stopped at the time limit", async () => {
    const r = await runGongkai(["extract", file("fan.pdf", fanOutPdf(8, 10))], {
      env: { GONGKAI_MAX_SECONDS: "3" },
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /读取超时：3 秒内未能读完，已停止读取这份文档（上限可用环境变量 GONGKAI_MAX_SECONDS 调整）/,
    );
    assert.ok(r.ms < 3000 + START_SLACK_MS, `${r.ms} ms`);
    assert.ok((r.rssMb ?? 0) < 3000, `peak ${r.rssMb} MB`);
  });

  it("60 000 text runs on one page (the issue's case): read within the bound, with a clear answer", async () => {
    // The reader takes about 2 s for these runs: whether it finishes (and the
    // page is no disclosure) or the bound stops it depends on the machine, so
    // both answers are accepted; what must hold is the bound and the message.
    const r = await runGongkai(["check", file("runs.pdf", textRunsPdf(60_000))], {
      env: { GONGKAI_MAX_SECONDS: "2" },
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /读取超时：2 秒内未能读完|这不像一份部门预算或决算公开文档/u);
    assert.ok(r.ms < 2000 + START_SLACK_MS, `${r.ms} ms`);
    assert.ok((r.rssMb ?? 0) < 2000, `peak ${r.rssMb} MB`);
  });

  it("a page of 300 000 text runs: stopped at the time limit", async () => {
    // Several times the 1 s bound on any machine this runs on.
    const r = await runGongkai(["check", file("runs-many.pdf", textRunsPdf(300_000))], {
      env: { GONGKAI_MAX_SECONDS: "1" },
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /读取超时：1 秒内未能读完/u);
    assert.ok(r.ms < 1000 + START_SLACK_MS, `${r.ms} ms`);
    assert.ok((r.rssMb ?? 0) < 2000, `peak ${r.rssMb} MB`);
  });

  it("5 016 pages: the reader stops at the page bound and says so", async () => {
    const layout = await ingestBytes(manyPagesPdf(5016), resolveLimits({ maxPages: 40 }));
    assert.equal(layout.pages, 5016);
    assert.ok(layout.blocks.every((b) => (b.page ?? 0) <= 40));
    assert.ok(
      layout.warnings.includes(
        "PDF 共 5016 页，超过上限 40 页，只读取了前 40 页，其余 4976 页未读取（上限可用环境变量 GONGKAI_MAX_PAGES 调整）",
      ),
      layout.warnings.join("\n"),
    );
  });

  it("a real disclosure cut by the page bound: the pages not read are a reading gap, not unpublished tables", async () => {
    const pdf = join(
      SHARED,
      "corpus",
      "shanghai-putuo-budgets",
      "上海市普陀区商务委员会2025年部门预算.pdf",
    );
    const full = await runGongkai(["check", pdf, "-f", "json", "--fail-on", "none"]);
    const cut = await runGongkai(["check", pdf, "-f", "json", "--fail-on", "none"], {
      env: { GONGKAI_MAX_PAGES: "10" },
    });
    assert.equal(full.code, 0, full.stderr);
    assert.equal(cut.code, 0, cut.stderr);
    const findings = (r: typeof cut) =>
      JSON.parse(r.stdout).findings as { rule: string; severity: string; message: string }[];
    const missing = findings(cut).filter((f) => f.rule === "complete/required-tables");
    assert.ok(missing.length > 0, "tables on the unread pages are named");
    for (const f of missing) {
      assert.equal(f.severity, "info", f.message);
      assert.match(f.message, /只读取了前 10 页.*（读取缺口，不是文档的错误）/);
    }
    // Nothing the complete read does not say is an error of the document.
    const errors = (r: typeof cut) =>
      new Set(
        findings(r)
          .filter((f) => f.severity === "error" && f.rule.startsWith("complete/"))
          .map((f) => f.rule),
      );
    for (const rule of errors(cut)) assert.ok(errors(full).has(rule), rule);
  });
});

describe("workbooks and Word files past the bounds", () => {
  it("a merged range covering the whole sheet: refused before exceljs expands it", async () => {
    const r = await runGongkai([
      "extract",
      file("merge-all.xlsx", xlsxBytes(mergedSheet(["A1:XFD1048576"]))),
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /合并单元格覆盖范围过大（共 17179869184 个单元格，上限 1000000 个）/);
    assert.ok((r.rssMb ?? 0) < 600, `peak ${r.rssMb} MB`);
  });

  it("60 000 merges: refused by their count, at once", async () => {
    const refs = Array.from({ length: 60_000 }, (_, i) => `A${2 * i + 2}:B${2 * i + 3}`);
    const r = await runGongkai(["extract", file("merges.xlsx", xlsxBytes(mergedSheet(refs)))]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /合并单元格过多（超过 5000 处），无法读取（上限可用环境变量 GONGKAI_MAX_MERGES 调整）/,
    );
    assert.ok(r.ms < 30_000, `${r.ms} ms`);
  });

  it("four sheets of rows: refused by the cell bound, and by the inflated size", async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}"/>`).join("");
    const sheet = utf8(sheetXml(rows(40_000)));
    const parts = Object.fromEntries([2, 3, 4].map((k) => [`xl/worksheets/sheet${k}.xml`, sheet]));
    const wb = file("rows.xlsx", xlsxBytes(sheet, parts));
    const byCells = await runGongkai(["extract", wb], { env: { GONGKAI_MAX_CELLS: "100000" } });
    assert.equal(byCells.code, 2);
    assert.match(byCells.stderr, /工作簿过大：单元格超过 100000 个（行计入）/);
    const bySize = await runGongkai(["extract", wb], {
      env: { GONGKAI_MAX_UNZIPPED_BYTES: "2MB" },
    });
    assert.equal(bySize.code, 2);
    assert.match(
      bySize.stderr,
      /文件解压后过大（[\d.]+ MB，上限 2 MB），疑似压缩炸弹，拒绝读取（上限可用环境变量 GONGKAI_MAX_UNZIPPED_BYTES 调整）/,
    );
    assert.ok((bySize.rssMb ?? 0) < 600, `peak ${bySize.rssMb} MB`);
  });

  it("tables nested 3 000 deep in a DOCX: refused by the nesting bound, no stack overflow", async () => {
    const r = await runGongkai(["extract", file("nested.docx", docxBytes(nestedDocxBody(3000)))]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /word\/document\.xml 元素嵌套超过 5000 层/);
    assert.doesNotMatch(r.stderr, /Maximum call stack/);
  });

  it("a lying zip bomb in xl/workbook.xml: the template check inflates no more than its declared 1 KB", async () => {
    const bomb = lyingWorkbookBomb(300 * 1024 * 1024);
    assert.equal(isTemplate(bomb), false);
    const r = await runGongkai(["render", file("bomb.xlsx", bomb), "-f", "html"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /xl\/workbook\.xml 解压后超过其声明的大小，疑似压缩炸弹，拒绝读取/);
    assert.ok((r.rssMb ?? 0) < 600, `peak ${r.rssMb} MB`);
  });
});

describe("web pages past the bounds", () => {
  it("a page of 1.2 million elements: refused before the parser builds them", async () => {
    const html = `<html><body>${"<p>x</p>".repeat(1_200_000)}</body></html>`;
    const r = await runGongkai(["extract", file("many.html", html)]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /网页元素超过 1000000 个，不像正常的网页，拒绝读取/);
    assert.ok((r.rssMb ?? 0) < 1000, `peak ${r.rssMb} MB`);
  });

  it("a page over the character limit: refused with the setting named", async () => {
    const html = `<html><body>${"<p>部门预算</p>".repeat(200_000)}</body></html>`;
    const r = await runGongkai(["extract", file("big.html", html)], {
      env: { GONGKAI_MAX_TEXT_CHARS: "1000000" },
    });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /网页过大（\d+ 个字符），上限为 1000000 个字符（上限可用环境变量 GONGKAI_MAX_TEXT_CHARS 调整）/,
    );
  });

  it("a wide sparse table (2 000 rows under a row 20 000 columns wide): refused before allocating", async () => {
    const wide = `<tr>${'<td colspan="1000">a</td>'.repeat(20)}</tr>`;
    const html = `<html><body><table>${wide}${"<tr><td>1</td></tr>".repeat(1999)}</table></body></html>`;
    const r = await runGongkai(["extract", file("wide.html", html)]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /表格过大：2000 行 × 20000 列，超过 200000 个单元格/);
    assert.ok((r.rssMb ?? 0) < 600, `peak ${r.rssMb} MB`);
  });

  it("`<div></span>` repeated: the unmatched end tags close nothing, the nesting bound holds", async () => {
    const html = `<html><body>${"<div></span>".repeat(100_000)}</body></html>`;
    const r = await runGongkai(["extract", file("div-span.html", html)]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /网页元素嵌套超过 5000 层/);
    assert.ok(r.ms < 30_000, `${r.ms} ms`);
  });

  it("a real disclosure nested 300 levels deep reads the same tables as the page itself", async () => {
    const golden = goldenSeeds().find((s) => s.prefix === "001")?.golden;
    assert.ok(golden);
    const page = new TextDecoder().decode(makeHtml(await describeSeed(golden)));
    const deep = page
      .replace(/<body([^>]*)>/, `<body$1>${"<div>".repeat(300)}`)
      .replace("</body>", `${"</div>".repeat(300)}</body>`);
    assert.notEqual(deep, page);
    const facts = async (name: string, html: string) => {
      const r = await runGongkai(["extract", file(name, html), "-f", "facts"]);
      assert.equal(r.code, 0, r.stderr);
      const { document: _name, ...rest } = JSON.parse(r.stdout);
      return rest as { facts: unknown[] };
    };
    const flat = await facts("flat.html", page);
    assert.ok(flat.facts.length > 100);
    assert.deepEqual(await facts("deep.html", deep), flat);
  });
});
