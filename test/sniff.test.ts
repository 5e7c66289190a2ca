import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sniffFormat } from "../src/ingest/index.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("format is sniffed from content", () => {
  it("saved web pages in the forms browsers write them are HTML", () => {
    for (const page of [
      "<!-- saved from url=(0014)about:internet -->\n<html><body>收支总表</body></html>",
      "\uFEFF<!DOCTYPE html><html><body></body></html>",
      "<head><meta charset=gbk><title>部门预算</title></head>",
      "<body><table><tr><td>合计</td></tr></table></body>",
      "<?xml version='1.0' encoding='utf-8'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>",
    ]) {
      assert.equal(sniffFormat(bytes(page)), "html", page);
    }
  });
  it("text that merely mentions a tag, PDFs and zip containers are not HTML", () => {
    assert.equal(sniffFormat(bytes("收支总表 <html> 不是网页")), "text");
    assert.equal(sniffFormat(bytes("%PDF-1.7\n")), "pdf");
    assert.equal(sniffFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0])), "zip");
    assert.equal(sniffFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1])), "ole");
  });
});
