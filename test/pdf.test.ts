/**
 * PDF ingestion on the real corpus (../shared/corpus): text lines and ruled
 * tables with positions, recognition of the standard tables end to end,
 * and clear errors for bad input.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { ingestBytes } from "../src/ingest/index.ts";
import type { Layout } from "../src/ingest/layout.ts";
import { ingestPdf } from "../src/ingest/pdf/index.ts";
import { GongkaiError } from "../src/model/errors.ts";
import type { Disclosure, Table } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { SHARED } from "./helpers/seeds.ts";

const CORPUS = join(SHARED, "corpus");
const FINANCE = join(CORPUS, "shanghai-putuo", "上海市普陀区财政局2024年度部门决算.pdf");
const JIANGSU = join(
  CORPUS,
  "jiangsu",
  "江苏省委办公厅",
  "江苏省委办公厅2018年度部门预算公开表.pdf",
);

/**
 * A system tool the tests need (scripts/system-deps.sh installs it before
 * `npm test`): missing, the test fails and says what to install.
 */
function needTool(name: string, pkg: string): void {
  try {
    execFileSync(name, ["--version"], { stdio: "ignore" });
  } catch {
    assert.fail(`${name} 未安装：这个测试需要它（Debian/Ubuntu：apt-get install ${pkg}）`);
  }
}

function table(d: Disclosure, id: string): Table {
  const t = d.tables.find((x) => x.id === id && !x.empty);
  assert.ok(t, `表 ${id} 未识别`);
  return t;
}

function cell(t: Table, key: string, column: string): number | null | undefined {
  return t.rows.find((r) => r.key === key)?.cells[column]?.amount;
}

async function rejects(bytes: Uint8Array, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(ingestBytes(bytes), (e: unknown) => {
    assert.ok(e instanceof GongkaiError, `应为 GongkaiError：${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

const HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/**
 * A CID font with no ToUnicode map, no embedded program and an Identity
 * ordering: its character codes say nothing about the characters, as in
 * PDFs whose producer dropped the map.
 */
const NO_TOUNICODE =
  "<< /Type /Font /Subtype /Type0 /BaseFont /XYZ /Encoding /Identity-H /DescendantFonts " +
  "[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XYZ " +
  "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
  "/FontDescriptor << /Type /FontDescriptor /FontName /XYZ /Flags 4 /FontBBox [0 0 1000 1000] " +
  "/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >> >>] >>";

/** A well-formed one-page PDF whose only content is the given stream, with `font` as /F1. */
function makePdf(content: string, font = HELVETICA): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R " +
      `/Resources << /Font << /F1 ${font} >> >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

describe("PDF: Shanghai final accounts (ONLYOFFICE, 万元)", () => {
  let layout: Layout;
  let d: Disclosure;
  before(async () => {
    layout = await ingestPdf(readFileSync(FINANCE));
    d = recognize(layout);
  });

  it("reads every page into lines and grids with page and box", () => {
    assert.equal(layout.format, "pdf");
    assert.equal(layout.pages, 25);
    let lines = 0;
    let rows = 0;
    for (const b of layout.blocks) {
      assert.ok(b.page && b.page >= 1 && b.page <= 25);
      if (b.kind === "line") {
        lines++;
        assert.ok(b.box, `第 ${b.line} 行没有位置`);
        const [x0, y0, x1, y1] = b.box;
        assert.ok(x0 >= 0 && y0 >= 0 && x1 > x0 && y1 > y0 && x1 <= 842 && y1 <= 842);
      } else {
        for (const r of b.rows) {
          rows++;
          assert.equal(r.page, b.page);
          assert.ok(
            r.cells.some((c) => c.box),
            "表格行没有位置",
          );
        }
      }
    }
    assert.ok(lines > 200, `只有 ${lines} 行文字`);
    assert.ok(rows > 150, `只有 ${rows} 个表格行`);
    // Chinese text survives (CMaps loaded), Kangxi radicals folded.
    const text = layout.blocks.map((b) => (b.kind === "line" ? b.text : "")).join("\n");
    assert.match(text, /上海市普陀区财政局2024年度收入支出总计2995\.39万元/);
    assert.doesNotMatch(text, /[\u2f00-\u2fdf\ue000-\uf8ff]/);
  });

  it("rebuilds a ruled table with merged header cells", () => {
    const grid = layout.blocks.find(
      (b) => b.kind === "grid" && b.page === 8 && b.rows.some((r) => r.cells[0]?.text === "201"),
    );
    assert.ok(grid && grid.kind === "grid");
    const header = grid.rows[0]?.cells ?? [];
    assert.equal(header[0]?.text, "项目");
    assert.equal(header[0]?.colSpan, 4);
    assert.equal(header[4]?.text, "本年收入合计");
    assert.equal(header[4]?.rowSpan, 3);
    const row = grid.rows.find((r) => r.cells[3]?.text === "行政运行");
    assert.deepEqual(
      row?.cells.map((c) => c.text),
      ["201", "06", "01", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"],
    );
    // A name wrapped over two lines inside its cell is one name.
    assert.ok(grid.rows.some((r) => r.cells[3]?.text === "机关事业单位基本养老保险缴费支出"));
  });

  it("recognises all nine 决算 tables, with hand-checked cells", () => {
    const ids = new Set(d.tables.map((t) => t.id));
    for (const id of [
      "summary",
      "income",
      "expenditure",
      "fiscal_summary",
      "gpb_function",
      "gpb_basic_economic",
      "three_public",
      "gov_fund",
      "state_capital",
    ])
      assert.ok(ids.has(id as Table["id"]), `缺少 ${id}`);
    assert.equal(d.kind, "final");
    assert.equal(d.year, 2024);
    assert.equal(d.entity.name, "上海市普陀区财政局");
    const exp = table(d, "expenditure");
    assert.equal(cell(exp, "2010601", "total"), 151189);
    assert.equal(cell(exp, "2010601", "basic"), 150352);
    assert.equal(cell(exp, "2010601", "project"), 837);
    assert.equal(cell(table(d, "summary"), "income.carryover", "amount"), 4914);
    assert.equal(cell(table(d, "three_public"), "three_public.total", "budget"), 95);
    const basic = table(d, "gpb_basic_economic");
    assert.equal(cell(basic, "30199", "amount"), 9103);
    // The 收入决算表 runs on to page 9 without repeating its header.
    const income = table(d, "income");
    assert.equal(cell(income, "2210203", "total"), 25850);
    assert.equal(income.rows.find((r) => r.key === "2210203")?.source.page, 9);
    // A cell read from a ruled table points at where it is printed.
    const src = exp.rows.find((r) => r.key === "2010601")?.cells.total?.source;
    assert.equal(src?.page, 10);
    assert.ok(src?.box && src.box[2] > src.box[0] && src.box[3] > src.box[1]);
  });

  it("internal sums hold: 类 rows add up to the total, blocks to their totals", () => {
    // A 万元 table rounds every cell: n summed cells may differ from the
    // printed total by up to n × 0.005 万元 (the document's own 尾差).
    for (const id of ["income", "expenditure", "gpb_function"]) {
      const t = table(d, id);
      const total = t.rows.find((r) => r.key === "total")?.cells.total?.amount ?? 0;
      const lei = t.rows.filter((r) => r.keyKind === "func" && r.key.length === 3);
      const sum = lei.reduce((s, r) => s + (r.cells.total?.amount ?? 0), 0);
      assert.ok(
        lei.length === 4 && Math.abs(sum - total) <= lei.length,
        `${id} 类合计 ${sum} ≠ ${total}`,
      );
    }
    const basic = table(d, "gpb_basic_economic");
    const at = (k: string) => cell(basic, k, "amount") ?? 0;
    assert.equal(at("301") + at("303"), at("personnel_total"));
    assert.equal(at("302") + at("310"), at("public_total"));
  });

  it("every table row cites its page", () => {
    for (const t of d.tables) for (const r of t.rows) assert.ok(r.source.page, `${t.id} ${r.key}`);
  });
});

describe("PDF: Jiangsu budget tables (Acrobat Distiller, landscape pages)", () => {
  it("splits runs that straddle cell borders and recognises the tables", async () => {
    const layout = await ingestPdf(readFileSync(JIANGSU));
    const d = recognize(layout);
    assert.equal(d.kind, "budget");
    assert.equal(d.year, 2018);
    const summary = table(d, "summary");
    assert.equal(cell(summary, "income.fiscal", "amount"), 2445843);
    assert.equal(cell(summary, "expenditure.function.201", "amount"), 2015375);
    const fn = table(d, "gpb_function");
    const lei = fn.rows.filter((r) => r.keyKind === "func" && r.key.length === 3);
    assert.deepEqual(
      lei.map((r) => r.key),
      ["201", "208", "221"],
    );
    assert.equal(
      lei.reduce((s, r) => s + (r.cells.amount?.amount ?? 0), 0),
      cell(fn, "total", "amount"),
    );
  });
});

describe("PDF: bad input", () => {
  it("random bytes behind a %PDF header", async () => {
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 251;
    junk.set(new TextEncoder().encode("%PDF-1.7\n"), 0);
    await rejects(junk, "unreadable", /PDF/);
  });

  it("a truncated file: clear error or the pages that survive, never a crash", async () => {
    const bytes = readFileSync(FINANCE);
    for (const fraction of [0.02, 0.5]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * fraction));
      try {
        const layout = await ingestBytes(cut);
        assert.ok(layout.blocks.length > 0);
      } catch (e) {
        assert.ok(e instanceof GongkaiError, String(e));
        assert.match(e.message, /[\u4e00-\u9fff]/);
      }
    }
  });

  it("a PDF without a text layer asks for OCR", async () => {
    await rejects(makePdf("0 0 m 100 100 l S"), "unsupported_format", /没有文字层.*OCR/);
  });

  it("a font without a usable ToUnicode map: no garbage passed on, a clear error", async () => {
    // Private-use and control code points, as such fonts come back from pdf.js.
    let hex = "";
    for (let i = 0; i < 40; i++) hex += (0xe000 + i * 7).toString(16).padStart(4, "0");
    for (let i = 3; i < 20; i++) hex += i.toString(16).padStart(4, "0");
    await rejects(
      makePdf(`BT /F1 12 Tf 10 100 Td <${hex}> Tj ET`, NO_TOUNICODE),
      "unsupported_format",
      /ToUnicode.*OCR/,
    );
  });

  it("a page of thousands of strokes is read as text, in bounded time", async () => {
    let ops = "BT /F1 12 Tf 20 180 Td (Budget 2024) Tj ET\n";
    // Short dashes that do not join up: 6,000 separate segments.
    for (let i = 0; i < 6000; i++) {
      const x = (i % 50) * 4;
      const y = 5 + Math.floor(i / 50) * 1.5;
      ops += `${x} ${y} m ${x + 1.5} ${y} l S\n`;
    }
    const started = Date.now();
    const layout = await ingestPdf(makePdf(ops));
    assert.ok(Date.now() - started < 20_000);
    assert.ok(layout.blocks.some((b) => b.kind === "line" && b.text === "Budget 2024"));
    assert.ok(layout.warnings.some((w) => /线条过多/.test(w)));
  });

  it("a password-protected PDF", async () => {
    needTool("qpdf", "qpdf");
    const dir = mkdtempSync(join(tmpdir(), "gongkai-pdf-"));
    try {
      const out = join(dir, "locked.pdf");
      execFileSync("qpdf", ["--encrypt", "user", "owner", "256", "--", FINANCE, out]);
      await rejects(readFileSync(out), "unreadable", /密码/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("encrypted without an open password: read as usual", async () => {
    needTool("qpdf", "qpdf");
    const dir = mkdtempSync(join(tmpdir(), "gongkai-pdf-"));
    try {
      const out = join(dir, "owner-only.pdf");
      execFileSync("qpdf", ["--encrypt", "", "owner", "256", "--", FINANCE, out]);
      const layout = await ingestPdf(readFileSync(out), { maxPages: 6 });
      assert.ok(layout.blocks.some((b) => b.kind === "grid" && b.page === 6));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("page bound: reads at most maxPages, with a warning", async () => {
    const layout = await ingestPdf(readFileSync(FINANCE), { maxPages: 3 });
    assert.ok(layout.blocks.every((b) => (b.page ?? 0) <= 3));
    assert.ok(layout.warnings.some((w) => /只读取了前 3 页/.test(w)));
  });

  it("a page turned by a quarter reads the same table", async () => {
    needTool("qpdf", "qpdf");
    const dir = mkdtempSync(join(tmpdir(), "gongkai-pdf-"));
    try {
      const out = join(dir, "rotated.pdf");
      execFileSync("qpdf", ["--rotate=+90:8", FINANCE, out]);
      const layout = await ingestPdf(readFileSync(out), { maxPages: 8 });
      const grid = layout.blocks.find((b) => b.kind === "grid" && b.page === 8);
      assert.ok(grid && grid.kind === "grid");
      const row = grid.rows.find((r) => r.cells[3]?.text === "行政运行");
      assert.deepEqual(
        row?.cells.slice(0, 6).map((c) => c.text),
        ["201", "06", "01", "行政运行", "1,511.90", "1,511.89"],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
