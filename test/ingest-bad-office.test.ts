/**
 * Bad spreadsheets, Word files and web pages, made at test time: each gives
 * a clear Chinese error or a bounded, correct result — never a crash, a
 * hang, or a library inflating a zip bomb.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { ingestBytes } from "../src/ingest/index.ts";
import { ingestOle } from "../src/ingest/office/index.ts";
import { ZIP_LIMITS } from "../src/ingest/office/zip.ts";
import { GongkaiError } from "../src/model/errors.ts";
import { recognize } from "../src/recognize/index.ts";
import { describeSeed, goldenSeeds, makeXlsx } from "./helpers/make-documents.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The parts every workbook has, and one worksheet. */
function workbookParts(sheetXml: Uint8Array): Record<string, Uint8Array> {
  return {
    "[Content_Types].xml": utf8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    "xl/workbook.xml": utf8(
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="表1" sheetId="1"/></sheets></workbook>',
    ),
    "xl/worksheets/sheet1.xml": sheetXml,
  };
}

/** Assert that `p` rejects with a GongkaiError of `code` whose message is Chinese and matches `re`. */
async function rejectsWith(p: Promise<unknown>, code: string, re: RegExp): Promise<GongkaiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GongkaiError, `a GongkaiError, not ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, /[\u4e00-\u9fff]/);
    assert.match(e.message, re);
    return e;
  }
  assert.fail("should have been refused");
}

/** A real workbook made from seed 001, for damaging. */
async function realXlsx(): Promise<Uint8Array> {
  const golden = goldenSeeds().find((s) => s.prefix === "001")?.golden;
  assert.ok(golden);
  return makeXlsx(await describeSeed(golden));
}

/** Offsets of central-directory entries (signature PK\x01\x02). */
function centralEntries(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x01 && b[i + 3] === 0x02) out.push(i);
  return out;
}

describe("bad XLSX / DOCX containers", () => {
  it("a zip bomb (20 MB of zeros in a sheet) is refused before anything inflates it", async () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const bomb = zipSync(workbookParts(zeros), { level: 9 });
    assert.ok(bomb.length < 100_000, "the bomb is small");
    const started = Date.now();
    await rejectsWith(ingestBytes(bomb), "too_large", /压缩比异常|压缩炸弹/);
    assert.ok(Date.now() - started < 10_000, "refused without hanging");
  });

  it("a bomb whose directory lies about its size is caught while inflating", async () => {
    const zeros = new Uint8Array(5 * 1024 * 1024);
    const bytes = zipSync(workbookParts(zeros), { level: 9 });
    // Declare the sheet's uncompressed size as 1 KB in the central directory.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const at of centralEntries(bytes)) {
      const nameLen = view.getUint16(at + 28, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen));
      if (name === "xl/worksheets/sheet1.xml") view.setUint32(at + 24, 1024, true);
    }
    await rejectsWith(ingestBytes(bytes), "too_large", /超过其声明的大小/);
  });

  it("a sheet with more cells than the bound is refused before exceljs parses it", async () => {
    const n = ZIP_LIMITS.valueCells + 1;
    const rows: string[] = [];
    for (let r = 1; r <= Math.ceil(n / 10); r++) {
      let cells = "";
      for (let c = 0; c < 10; c++)
        cells += `<c r="${String.fromCharCode(65 + c)}${r}"><v>1</v></c>`;
      rows.push(`<row r="${r}">${cells}</row>`);
    }
    const sheet = utf8(
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`,
    );
    const started = Date.now();
    await rejectsWith(
      ingestBytes(zipSync(workbookParts(sheet), { level: 1 })),
      "too_large",
      /单元格超过/,
    );
    assert.ok(Date.now() - started < 10_000, "refused without hanging");
  });

  it("random bytes behind a zip signature: damaged, not a crash", async () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 251;
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    await rejectsWith(ingestBytes(bytes), "unreadable", /已损坏或不完整/);
  });

  it("a truncated XLSX: damaged", async () => {
    const xlsx = await realXlsx();
    await rejectsWith(
      ingestBytes(xlsx.subarray(0, Math.floor(xlsx.length / 2))),
      "unreadable",
      /已损坏或不完整/,
    );
  });

  it("an XLSX whose central directory points past the end: damaged", async () => {
    const xlsx = new Uint8Array(await realXlsx());
    const view = new DataView(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength);
    const at = centralEntries(xlsx)[0];
    assert.ok(at !== undefined);
    view.setUint32(at + 42, xlsx.length + 1000, true);
    await rejectsWith(ingestBytes(xlsx), "unreadable", /已损坏或不完整/);
  });

  it("a plain zip that is neither workbook nor document: unsupported, says what it is", async () => {
    const zip = zipSync({ "readme.txt": utf8("你好") });
    await rejectsWith(ingestBytes(zip), "unsupported_format", /普通的 ZIP 压缩包/);
  });

  it("a zip entry marked encrypted: asks to remove the password", async () => {
    const bytes = zipSync(workbookParts(utf8("<worksheet/>")));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const at of centralEntries(bytes))
      view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true);
    await rejectsWith(ingestBytes(bytes), "unsupported_format", /密码/);
  });

  it("a workbook with no readable sheet: a clear error", async () => {
    const bytes = zipSync(workbookParts(utf8("<worksheet/>")));
    await rejectsWith(ingestBytes(bytes), "not_disclosure", /没有可见的工作表/);
  });
});

describe("sparse and far-flung sheets", () => {
  async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet("表1"));
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it("a stray cell at the sheet's far corner costs nothing", async () => {
    const bytes = await workbook((ws) => {
      ws.getCell("A1").value = "收支总表";
      ws.getRow(3).values = ["科目编码", "科目名称", "金额"];
      ws.getRow(4).values = ["201", "一般公共服务支出", 1.5];
      ws.getCell("XFD1048576").value = "x";
    });
    const started = Date.now();
    const layout = await ingestBytes(bytes);
    assert.ok(Date.now() - started < 10_000);
    const grid = layout.blocks.find((b) => b.kind === "grid");
    assert.ok(grid && grid.kind === "grid");
    assert.equal(grid.rows.length, 2);
    assert.ok(
      grid.rows.every((r) => r.cells.length === 4),
      "four shown columns: A, B, C, XFD",
    );
    const lines = layout.blocks.filter((b) => b.kind === "line").map((b) => b.text);
    assert.deepEqual(lines, ["收支总表", "x"]);
  });

  it("a diagonal of 1 001 cells (a million slots, bound 200 000) is refused, not laid out", async () => {
    const bytes = await workbook((ws) => {
      for (let i = 1; i <= 1001; i++) ws.getCell(i, i).value = i;
    });
    await rejectsWith(ingestBytes(bytes), "too_large", /工作表“表1”过大/);
  });
});

describe("bad OLE files", () => {
  it("an OLE file that is neither XLS nor DOC: unsupported", async () => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await rejectsWith(ingestBytes(bytes), "unsupported_format", /XLS|DOC/);
  });

  it("an encrypted OOXML package (EncryptedPackage stream): asks to remove the password", async () => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(new Uint8Array(Buffer.from("EncryptedPackage", "utf16le")), 1024);
    await rejectsWith(ingestBytes(bytes), "unsupported_format", /密码/);
  });

  it("an XLS without LibreOffice installed: says to install it or save as XLSX", async () => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(new Uint8Array(Buffer.from("Workbook", "utf16le")), 1024);
    const empty = mkdtempSync(join(tmpdir(), "gongkai-nopath-"));
    const path = process.env.PATH;
    process.env.PATH = empty;
    try {
      await rejectsWith(
        ingestOle(bytes),
        "unsupported_format",
        /LibreOffice.*libreoffice-calc.*XLSX/,
      );
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe("bad HTML pages", () => {
  it("a page with no tables: lines only, a warning, and no disclosure", async () => {
    const html = utf8(
      "<!DOCTYPE html><html><head><meta charset=utf-8><title>新闻</title></head><body><h1>区政府召开全体会议</h1><p>会议研究了近期重点工作。</p><p>会议要求，各单位要抓好落实。</p></body></html>",
    );
    const layout = await ingestBytes(html);
    assert.equal(layout.format, "html");
    assert.deepEqual(
      layout.blocks.map((b) => (b.kind === "line" ? b.text : "grid")),
      ["区政府召开全体会议", "会议研究了近期重点工作。", "会议要求，各单位要抓好落实。"],
    );
    assert.ok(layout.warnings.some((w) => w.includes("没有找到表格")));
    assert.throws(
      () => recognize(layout),
      (e: unknown) => e instanceof GongkaiError && e.code === "not_disclosure",
    );
  });

  it("an undeclared GBK page is decoded as GB18030, with a warning", async () => {
    const gbk = new Uint8Array([
      ...utf8("<html><body><p>"),
      // 部门预算 in GBK
      0xb2,
      0xbf,
      0xc3,
      0xc5,
      0xd4,
      0xa4,
      0xcb,
      0xe3,
      ...utf8("</p></body></html>"),
    ]);
    const layout = await ingestBytes(gbk);
    assert.equal(layout.encoding, "gb18030");
    assert.equal(layout.blocks[0]?.kind === "line" ? layout.blocks[0].text : "", "部门预算");
    assert.ok(layout.warnings.some((w) => w.includes("GB18030")));
  });

  it("a UTF-8 page still declaring gb2312 (re-saved by an editor) reads as UTF-8", async () => {
    const html = utf8(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>部门预算</p></body></html>',
    );
    const layout = await ingestBytes(html);
    assert.equal(layout.encoding, "utf-8");
    assert.equal(layout.blocks[0]?.kind === "line" ? layout.blocks[0].text : "", "部门预算");
    assert.ok(layout.warnings.some((w) => w.includes("gb2312")));
  });

  it("deep nesting: 3 000 levels are read, 100 000 refused, both quickly", async () => {
    const nested = (depth: number) =>
      utf8(`<html><body>${"<div>".repeat(depth)}深处的文字${"</div>".repeat(depth)}</body></html>`);
    const layout = await ingestBytes(nested(3000));
    assert.ok(layout.blocks.some((b) => b.kind === "line" && b.text.includes("深处的文字")));
    const started = Date.now();
    await rejectsWith(ingestBytes(nested(100_000)), "too_large", /嵌套/);
    assert.ok(Date.now() - started < 10_000);
  });

  it("absurd colspan/rowspan values are clamped, not allocated", async () => {
    const html = utf8(
      '<html><body><table><tr><td colspan="999999999" rowspan="999999999">表头</td></tr><tr><td>1.00</td><td>2.00</td></tr></table></body></html>',
    );
    const layout = await ingestBytes(html);
    const grid = layout.blocks.find((b) => b.kind === "grid");
    assert.ok(grid && grid.kind === "grid");
    assert.ok(grid.rows.every((r) => r.cells.length <= 1002));
  });

  it("a table beyond the cell bound (with its spans): too large, refused", async () => {
    // 101 rows of 20 cells spanning 100 columns each: 202 000 cells once placed.
    const row = `<tr>${'<td colspan="100">1.00</td>'.repeat(20)}</tr>`;
    const html = utf8(`<html><body><table>${row.repeat(101)}</table></body></html>`);
    await rejectsWith(ingestBytes(html), "too_large", /表格过大/);
  });
});
