import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { declaredCharset } from "../src/ingest/html/decode.ts";
import { stripServerSide } from "../src/ingest/html/server-side.ts";
import { sniffFormat } from "../src/ingest/index.ts";
import { encodeUtf16 } from "./helpers/encode.ts";

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
  it("pages that start with server-side lines (JSP, ASP, ASP.NET, PHP) are HTML", () => {
    for (const page of [
      '<%@ page contentType="text/html;charset=GBK" %>\n<html><body>收支总表</body></html>',
      '\uFEFF\r\n<%@ page pageEncoding="UTF-8"%>\r\n<%@ taglib prefix="c" uri="x" %>\r\n\r\n<!DOCTYPE html>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JSP's expression language, not a template
      '<%-- 注释 --%><% String s = "<html>"; %>\n<jsp:useBean id="b" class="x.B"/>\n<c:if test="${x}">\n<head>',
      '<%@LANGUAGE="VBSCRIPT" CODEPAGE="936"%>\n<!--#include file="conn.asp"-->\n<% Response.Charset="gb2312" %>\n<html>',
      '<%@ Page Language="C#" %>\n<%@ Register TagPrefix="uc" Src="a.ascx" %>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">',
      '<?php\nheader("Content-Type: text/html; charset=gbk");\n?>\n<html>',
      // An included fragment: the directives already say it is a page.
      '<%@ page contentType="text/html;charset=UTF-8" %>\n<div class="article"><table></table></div>',
      `<%@ page language="java" %>\n<% /* ${"x".repeat(3000)} */ %>\n<html>`,
    ]) {
      assert.equal(sniffFormat(bytes(page)), "html", page.slice(0, 60));
    }
    const utf16 =
      '<%@ page contentType="text/html;charset=UTF-16" %>\r\n<html><body>收支总表</body></html>';
    assert.equal(sniffFormat(encodeUtf16(utf16, "le", true)), "html");
    assert.equal(sniffFormat(encodeUtf16(utf16, "be", true)), "html");
  });

  it("server-side code that is not followed by HTML is not HTML", () => {
    assert.equal(sniffFormat(bytes('<?php echo "收支总表"; ?>\n合计 1,234.00')), "text");
    assert.equal(sniffFormat(bytes("<% 未闭合的代码\n<html>")), "text");
    assert.equal(sniffFormat(bytes("<?php\necho 1;\n")), "text");
  });

  it("text that merely mentions a tag, PDFs and zip containers are not HTML", () => {
    assert.equal(sniffFormat(bytes("收支总表 <html> 不是网页")), "text");
    assert.equal(sniffFormat(bytes("%PDF-1.7\n")), "pdf");
    assert.equal(sniffFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0])), "zip");
    assert.equal(sniffFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1])), "ole");
  });
});

describe("server-side lines of a saved page", () => {
  it("name the page's charset, before its <meta>", () => {
    const cases: [string, string | undefined][] = [
      ['<%@ page contentType="text/html;charset=GBK" %><html>', "gbk"],
      ['<%@ page contentType="text/html; charset=UTF-8" pageEncoding="GB2312" %>', "gb2312"],
      ['<%@ page pageEncoding="GBK"%><meta charset="utf-8">', "gbk"],
      ['<jsp:directive.page pageEncoding="GB18030"/><html>', "gb18030"],
      ['<%@LANGUAGE="VBSCRIPT" CODEPAGE="936"%><html>', "gbk"],
      ['<%@ Page Language="C#" ResponseEncoding="gb2312" %><html>', "gb2312"],
      ['<% Response.Charset = "GB2312" %><html>', "gb2312"],
      ["<% Response.CodePage = 65001 %><html>", "utf-8"],
      ['<?php header("Content-Type: text/html; charset=gbk"); ?><html>', "gbk"],
      [
        '<%@ page language="java" %><meta http-equiv="Content-Type" content="text/html; charset=gbk">',
        "gbk",
      ],
      ['<%@ page language="java" %><html>', undefined],
    ];
    for (const [page, want] of cases) assert.equal(declaredCharset(bytes(page)), want, page);
  });

  it("are removed before parsing, wherever they are", () => {
    assert.equal(
      stripServerSide(
        '<%@ page x %>\n<%-- a %> b --%><p title="<%= t %>">合计<%= n %></p><?php echo 1; ?><?xml version="1.0"?>',
      ),
      '\n<p title="">合计</p><?xml version="1.0"?>',
    );
    assert.equal(stripServerSide("增长 <% 未闭合"), "增长 <% 未闭合");
    assert.equal(stripServerSide("<p>x</p><?php echo 1;\n"), "<p>x</p>");
  });
});
