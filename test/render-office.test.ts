/**
 * XLSX and DOCX rendered from each golden seed's extracted disclosure: our
 * own extraction reads every golden fact back from them, the checker finds
 * no error the source did not have, the workbook is what a publisher posts
 * (numbers as numbers, merged headers, print set-up) and LibreOffice opens
 * both (converted to PDF).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { checkDisclosure } from "../src/check/engine.ts";
import { extractFile } from "../src/cli/extract.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import { findSoffice, sofficeConvert } from "../src/ingest/office/soffice.ts";
import { toFacts } from "../src/model/facts.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { canRasterise, repairSvg } from "../src/render/docx/raster.ts";
import { buildOutline } from "../src/render/outline.ts";
import { documentGrids } from "../src/render/spec/index.ts";
import { renderXlsx } from "../src/render/xlsx/index.ts";
import { type Golden, goldenSeeds, missingGoldenFacts } from "./helpers/make-documents.ts";
import { SHARED } from "./helpers/seeds.ts";

interface Rendered {
  golden: Golden;
  source: Disclosure;
  xlsx: Uint8Array;
  docx: Uint8Array;
}

const seeds = goldenSeeds();
const cache = new Map<string, Promise<Rendered>>();

function rendered(prefix: string): Promise<Rendered> {
  let p = cache.get(prefix);
  if (!p) {
    const golden = seeds.find((s) => s.prefix === prefix)?.golden;
    if (!golden) throw new Error(`no golden seed ${prefix}`);
    p = (async () => {
      const source = await extractFile(join(SHARED, golden.document));
      return {
        golden,
        source,
        xlsx: await renderXlsx({ disclosure: source }),
        docx: await renderDocx({ disclosure: source }),
      };
    })();
    cache.set(prefix, p);
  }
  return p;
}

/** Errors by rule and message, without the table's name (printed with or without its number). */
function errorsOf(d: Disclosure): string[] {
  return checkDisclosure(d)
    .findings.filter((f) => f.severity === "error")
    .map((f) => `${f.rule} ${f.message.replace(/^\S+\s/, "")}`);
}

describe("rendered XLSX and DOCX read back", () => {
  it("has golden seeds", () => assert.ok(seeds.length >= 3));
  for (const { prefix, golden } of seeds)
    for (const format of ["xlsx", "docx"] as const)
      it(`${prefix} ${format}: every golden fact (${golden.facts.length}), no error of its own`, async () => {
        const r = await rendered(prefix);
        const layout = await ingestBytes(r[format]);
        assert.equal(layout.format, format);
        const back = recognize(layout);
        assert.deepEqual(missingGoldenFacts(golden, toFacts(back)), []);
        // The generated narrative and tables add no error; what the source
        // itself got wrong (seed 003's 支出决算表) is carried over faithfully.
        const source = new Set(errorsOf(r.source));
        const added = errorsOf(back).filter((e) => !source.has(e));
        assert.deepEqual(added, []);
      });
});

describe("the workbook", () => {
  it("numbers as numbers with #,##0.00, codes as text, merged title and headers, print set-up", async () => {
    const r = await rendered("000");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.xlsx as unknown as ArrayBuffer);
    const grids = documentGrids(r.source);
    assert.equal(wb.worksheets.length, grids.length + 1, "说明 + one sheet per table");
    assert.equal(wb.worksheets[0]?.name, "说明");
    const ws = wb.worksheets.find((w) => w.name.includes("一般公共预算支出表"));
    assert.ok(ws, "sheet of 一般公共预算支出表");
    // Title merged across the table, header merged (基本支出 over its parts).
    assert.equal(ws.getCell("A2").value, "一般公共预算支出表");
    assert.equal(ws.getCell("E2").master.address, "A2");
    const basic = ws.getCell("D4");
    assert.equal(basic.value, "基本支出");
    assert.equal(ws.getCell("F4").master.address, "D4");
    // Body: find the 2101550 row; its code is text, its amounts numbers.
    let row = 0;
    ws.eachRow((rw, n) => {
      if (rw.getCell(1).value === "2101550") row = n;
    });
    assert.ok(row > 0, "row 2101550 with its code as text");
    const total = ws.getCell(row, 3);
    assert.equal(typeof total.value, "number");
    assert.equal(total.numFmt, "#,##0.00");
    assert.equal(Math.round((total.value as number) * 100), 6290);
    assert.equal(ws.views[0]?.state, "frozen");
    assert.equal(ws.pageSetup.paperSize, 9);
    assert.match(String(ws.pageSetup.printTitlesRow), /^4:5$/);
    // Charts are pictures in the 说明 sheet, one per chart of the outline.
    const charts = buildOutline({ disclosure: r.source }).blocks.filter((b) => b.kind === "chart");
    assert.ok(charts.length > 0);
    assert.equal(wb.worksheets[0]?.getImages().length, charts.length);
    const media = Object.keys(unzipSync(r.xlsx)).filter((f) => /^xl\/media\/.+\.png$/.test(f));
    assert.equal(media.length, charts.length);
    // The wide 收入总表 prints landscape.
    const income = wb.worksheets.find((w) => w.name.includes("收入总表"));
    assert.equal(income?.pageSetup.orientation, "landscape");
  });
});

describe("the Word document", () => {
  it("repeats header rows, merges header cells, has landscape sections and SVG charts with a PNG fallback", async () => {
    const r = await rendered("003");
    const files = unzipSync(r.docx);
    const xml = new TextDecoder().decode(files["word/document.xml"]);
    assert.ok(xml.includes("<w:tblHeader/>") || xml.includes("<w:tblHeader "), "tableHeader");
    assert.match(xml, /<w:gridSpan w:val="\d+"\/>/);
    assert.match(xml, /<w:vMerge w:val="restart"\/>/);
    assert.match(xml, /w:orient="landscape"/);
    assert.match(xml, /<w:jc w:val="right"\/>/);
    // 003 has no person-written texts: their markers stand out.
    assert.match(xml, /<w:highlight w:val="yellow"\/><\/w:rPr><w:t[^>]*>【待填写：/);
    const media = Object.keys(files).filter((f) => f.startsWith("word/media/"));
    const svgs = media.filter((f) => f.endsWith(".svg"));
    const pngs = media.filter((f) => f.endsWith(".png"));
    assert.ok(svgs.length > 0, "charts as SVG");
    assert.equal(pngs.length, svgs.length, "each SVG with its PNG fallback");
    for (const f of svgs) {
      const svg = new TextDecoder().decode(files[f]);
      // No double quote inside a double-quoted style attribute (not XML).
      assert.ok(!/style="[^"]*:"/.test(svg), `${f}: well-formed style attributes`);
    }
    const png = files[pngs[0] as string] as Uint8Array;
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    // Rasterised at twice the picture's size where @napi-rs/canvas is installed,
    // else the shapes-only picture at its size.
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    assert.equal(width, (await canRasterise()) ? 1200 : 600);
  });

  it("repairSvg drops label halos that paint over the text where paint-order is unknown", () => {
    const label =
      '<text fill="#333" stroke="rgb(255,255,255)" stroke-width="2" paint-order="stroke" stroke-miterlimit="2">94.04</text>';
    assert.equal(repairSvg(label), '<text fill="#333">94.04</text>');
    const bar = '<path d="M0 0" stroke="#000" stroke-width="1"></path>';
    assert.equal(repairSvg(bar), bar);
  });

  it("repairSvg turns echarts' nested double quotes into single quotes", () => {
    const broken =
      '<text style="font-size:12px;font-family:"Noto Sans SC", sans-serif;">收入</text>';
    assert.equal(
      repairSvg(broken),
      "<text style=\"font-size:12px;font-family:'Noto Sans SC', sans-serif;\">收入</text>",
    );
  });
});

// ------------------------------------------------------------ LibreOffice

const SOFFICE_MISSING =
  "LibreOffice 未安装：这些测试需要 soffice（Debian/Ubuntu：apt-get install libreoffice-calc libreoffice-writer）";

const pdfs = new Map<string, Promise<Uint8Array>>();
function pdfOf(prefix: string, format: "xlsx" | "docx"): Promise<Uint8Array> {
  const key = `${prefix}.${format}`;
  let p = pdfs.get(key);
  if (!p) {
    p = rendered(prefix).then((r) => sofficeConvert(r[format], format, "pdf", SOFFICE_MISSING));
    pdfs.set(key, p);
  }
  return p;
}
if (findSoffice())
  for (const [prefix, format] of [
    ["003", "xlsx"],
    ["000", "docx"],
  ] as const)
    pdfOf(prefix, format).catch(() => undefined);

function pageSizes(pdf: Uint8Array): [number, number][] {
  const text = new TextDecoder("latin1").decode(pdf);
  return [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

describe("LibreOffice opens them", () => {
  it("003 XLSX → PDF: A4 pages, wide tables landscape, every golden fact", async () => {
    if (!findSoffice()) assert.fail(SOFFICE_MISSING);
    const pdf = await pdfOf("003", "xlsx");
    assert.equal(new TextDecoder("latin1").decode(pdf.subarray(0, 5)), "%PDF-");
    const sizes = pageSizes(pdf);
    const r = await rendered("003");
    assert.ok(sizes.length >= documentGrids(r.source).length, "a page per table at least");
    assert.ok(
      sizes.some(([w, h]) => w > h && Math.round(w) === 842),
      "landscape A4 pages",
    );
    assert.ok(
      sizes.some(([w, h]) => w < h && Math.round(h) === 842),
      "portrait A4 pages",
    );
    // Header labels fit their rows (no clipped text): the PDF reads back whole.
    const back = recognize(await ingestBytes(pdf));
    assert.deepEqual(missingGoldenFacts(r.golden, toFacts(back)), []);
  });

  it("000 DOCX → PDF: opens, landscape section for the wide tables, every golden fact", async () => {
    if (!findSoffice()) assert.fail(SOFFICE_MISSING);
    const pdf = await pdfOf("000", "docx");
    assert.equal(new TextDecoder("latin1").decode(pdf.subarray(0, 5)), "%PDF-");
    const sizes = pageSizes(pdf);
    assert.ok(sizes.length > 10);
    assert.ok(sizes.some(([w, h]) => w > h));
    const r = await rendered("000");
    const back = recognize(await ingestBytes(pdf));
    assert.deepEqual(missingGoldenFacts(r.golden, toFacts(back)), []);
  });
});
