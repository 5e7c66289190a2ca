/**
 * Tables sized to their content (issue 15), asserted on the files as written
 * from real data — every seed, and a 35-page district budget with 200-line
 * tables of eight- and nine-digit amounts:
 *
 * - DOCX: no column narrower than its amounts and codes need on one line at
 *   the table's font size, no 科目名称 column squeezed below a few characters,
 *   the table within its page's width, the header rows marked w:tblHeader
 *   (repeated on every page the table crosses);
 * - XLSX: every column at least as wide as its widest formatted number in
 *   digit units (Excel prints `###` otherwise), name columns readable, each
 *   table sheet printed fit to the page width with its title rows repeated;
 * - through LibreOffice (what a person opens): the workbook prints no `###`,
 *   and the document's names and amounts come out whole on their lines.
 *
 * The measures here are independent of the renderer's: digit counts for Excel
 * (a digit is its width unit), the digits' width in the widest substitute font
 * (DejaVu Sans, 0.636 em) for Word.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { extractFile } from "../src/cli/extract.ts";
import { findSoffice, sofficeConvert } from "../src/ingest/office/soffice.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { documentGrids, type Grid } from "../src/render/spec/index.ts";
import { renderXlsx } from "../src/render/xlsx/index.ts";
import { SEEDS_DIR, SHARED, seedFiles } from "./helpers/seeds.ts";

const BIG = join(
  SHARED,
  "corpus/shanghai-putuo-budgets/上海市普陀区人民政府万里街道办事处2023年部门预算.pdf",
);
const DOCUMENTS = [...seedFiles().map((f) => join(SEEDS_DIR, f)), BIG];

interface Rendered {
  source: Disclosure;
  grids: Grid[];
  docx: Uint8Array;
  xlsx: Uint8Array;
}

const cache = new Map<string, Promise<Rendered>>();
function rendered(file: string): Promise<Rendered> {
  let p = cache.get(file);
  if (!p) {
    p = (async () => {
      const source = await extractFile(file);
      const input = { disclosure: source, options: { charts: false } };
      return {
        source,
        grids: documentGrids(source),
        docx: await renderDocx(input),
        xlsx: await renderXlsx(input),
      };
    })();
    cache.set(file, p);
  }
  return p;
}

const short = (file: string) => file.slice(file.lastIndexOf("/") + 1);
const AMOUNT = /^-?[\d,]+\.\d\d$/;
const CODE = /^[0-9A-Za-z]+$/;

/** Width in em of a text in the widest fonts a reader's machine substitutes. */
function wideEm(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”]/u.test(ch)) w += 1;
    else if (/\d/.test(ch)) w += 0.636;
    else if (/[,.]/.test(ch)) w += 0.318;
    else w += 0.6;
  }
  return w;
}

// ------------------------------------------------------------------ DOCX

interface DocxTable {
  grid: number[];
  /** Per row: whether it is a header row, and its cells (column, span, text, font size in pt). */
  rows: { header: boolean; cells: { col: number; span: number; text: string; size: number }[] }[];
}

function docxTables(docx: Uint8Array): DocxTable[] {
  const xml = new TextDecoder().decode(unzipSync(docx)["word/document.xml"]);
  const out: DocxTable[] = [];
  for (const t of xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)) {
    const body = t[1] ?? "";
    const grid = [...body.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const rows: DocxTable["rows"] = [];
    for (const r of body.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)) {
      const row = r[1] ?? "";
      const header = /<w:tblHeader\/>/.test(row);
      let col = 0;
      const cells: DocxTable["rows"][number]["cells"] = [];
      for (const c of row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
        const cell = c[1] ?? "";
        const span = Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(cell)?.[1] ?? 1);
        const text = [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
          .map((m) => m[1])
          .join("");
        const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(cell)?.[1] ?? 24) / 2;
        cells.push({ col, span, text, size });
        col += span;
      }
      rows.push({ header, cells });
    }
    out.push({ grid, rows });
  }
  return out;
}

/** Twips of cell padding (left + right) the renderer sets, and Word's own slack. */
const PAD = 2 * 70 + 40;
/** A4 width in twips less the narrowest margins the document uses (landscape, 900 each side). */
const MAX_WIDTH = 16838 - 2 * 900;

describe("DOCX tables sized to their content", () => {
  for (const file of DOCUMENTS)
    it(`${short(file)}: amounts and codes on one line, names readable, header rows repeated`, async () => {
      const r = await rendered(file);
      const tables = docxTables(r.docx);
      assert.equal(tables.length, r.grids.length, "one table per grid");
      tables.forEach((t, i) => {
        const g = r.grids[i] as Grid;
        const where = `${g.number} ${g.title}`;
        assert.equal(t.grid.length, g.width, `${where}: columns`);
        const width = t.grid.reduce((a, b) => a + b, 0);
        assert.ok(width <= MAX_WIDTH, `${where}: ${width} twips wider than the page`);
        // Every header row, and only those, repeats on each page.
        const heads = t.rows.filter((row) => row.header).length;
        assert.equal(heads, g.headerRows, `${where}: w:tblHeader on the header rows`);
        assert.ok(
          t.rows.slice(0, g.headerRows).every((row) => row.header),
          `${where}: the header rows come first`,
        );
        for (const row of t.rows.slice(g.headerRows))
          for (const c of row.cells) {
            if (c.span !== 1 || !c.text) continue;
            const have = t.grid[c.col] ?? 0;
            const em = c.size * 20;
            if (AMOUNT.test(c.text) || CODE.test(c.text)) {
              const need = wideEm(c.text) * em + PAD;
              assert.ok(
                have >= need,
                `${where}: “${c.text}” needs ${Math.ceil(need)} twips, its column has ${have}`,
              );
            } else if (c.text.length >= 4) {
              // A name gets at least four characters a line (or all of it).
              const need = Math.min(wideEm(c.text), 4) * em + PAD;
              assert.ok(
                have >= need,
                `${where}: “${c.text}” gets ${have} twips, fewer than four characters a line`,
              );
            }
          }
      });
    });
});

// ------------------------------------------------------------------ XLSX

/** Excel's width in digit units a formatted number needs: its digits, separators at about half, a margin. */
function excelNeed(text: string): number {
  const digits = (text.match(/[\d-]/g) ?? []).length;
  const seps = (text.match(/[,.]/g) ?? []).length;
  return digits + 0.5 * seps + 1;
}

function formatted(n: number): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

describe("XLSX sheets sized to their content", () => {
  for (const file of DOCUMENTS)
    it(`${short(file)}: no column narrower than its widest number, print set-up`, async () => {
      const r = await rendered(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.xlsx as unknown as ArrayBuffer);
      const sheets = wb.worksheets.slice(1);
      assert.equal(sheets.length, r.grids.length, "a sheet per table");
      sheets.forEach((ws, i) => {
        const g = r.grids[i] as Grid;
        const where = `${ws.name}`;
        const body0 = 4 + g.headerRows;
        ws.eachRow((row, n) => {
          if (n < body0) return;
          row.eachCell((cell, col) => {
            const width = ws.getColumn(col).width ?? 8.43;
            if (typeof cell.value === "number") {
              assert.equal(cell.numFmt, "#,##0.00");
              const text = formatted(cell.value);
              assert.ok(
                width >= excelNeed(text),
                `${where}: ${text} needs ${excelNeed(text)} character units, column ${col} has ${width}`,
              );
            } else if (typeof cell.value === "string" && !ws.getCell(n, col).isMerged) {
              // A code whole (a unit a character); a name four characters a line
              // (a CJK character is two units), or all of it.
              const need = CODE.test(cell.value)
                ? cell.value.length + 1
                : Math.min(cell.value.length, 4) * 2;
              assert.ok(width >= need, `${where}: “${cell.value}” in a column of ${width}`);
            }
          });
        });
        const ps = ws.pageSetup;
        assert.equal(ps.paperSize, 9, `${where}: A4`);
        assert.equal(ps.fitToPage, true, `${where}: fit to page`);
        assert.equal(ps.fitToWidth, 1, `${where}: one page wide`);
        assert.equal(ps.fitToHeight, 0, `${where}: as many pages long as it takes`);
        assert.equal(ps.orientation, g.landscape ? "landscape" : "portrait", where);
        assert.equal(ps.printTitlesRow, `4:${body0 - 1}`, `${where}: header rows repeated`);
      });
    });
});

// ---------------------------------------------------------- LibreOffice

const SOFFICE_MISSING =
  "LibreOffice 未安装：这些测试需要 soffice（Debian/Ubuntu：apt-get install libreoffice-calc libreoffice-writer）";
const tmp = mkdtempSync(join(tmpdir(), "gongkai-fit-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function pdfText(pdf: Uint8Array, name: string): string {
  const file = join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

describe("as LibreOffice prints them", () => {
  it("the district budget's workbook prints no ### and every amount whole", async () => {
    if (!findSoffice()) assert.fail(SOFFICE_MISSING);
    const r = await rendered(BIG);
    const text = pdfText(await sofficeConvert(r.xlsx, "xlsx", "pdf", SOFFICE_MISSING), "xlsx");
    assert.ok(!text.includes("###"), "### in the printed workbook");
    const amounts = new Set(r.grids.flatMap((g) => g.body.flat().filter((c) => c.amount)));
    assert.ok(amounts.size > 100);
    for (const c of amounts) assert.ok(text.includes(c.text), `${c.text} is not printed whole`);
  });

  it("the district budget's document prints names and amounts on their lines", async () => {
    if (!findSoffice()) assert.fail(SOFFICE_MISSING);
    const r = await rendered(BIG);
    const text = pdfText(await sofficeConvert(r.docx, "docx", "pdf", SOFFICE_MISSING), "docx");
    const lines = text.split("\n").map((l) => l.replace(/\s+/g, ""));
    const onALine = (s: string) => lines.some((l) => l.includes(s));
    const cells = r.grids.flatMap((g) => g.body.flat());
    for (const c of cells.filter((c) => c.amount))
      assert.ok(onALine(c.text.replace(/\s+/g, "")), `${c.text} broken over lines`);
    // Names: at least their first four characters together on a line.
    const names = cells.filter((c) => c.amount === undefined && /^\p{Script=Han}{4}/u.test(c.text));
    assert.ok(names.length > 100);
    for (const c of names) assert.ok(onALine(c.text.slice(0, 4)), `“${c.text}” broken apart`);
  });
});
