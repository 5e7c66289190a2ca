/**
 * Saved web pages that begin with the server's own lines (JSP, ASP, ASP.NET,
 * PHP) before the HTML, made at test time from each golden seed's tables:
 * they are read as HTML, the server-side code is not read as text, a
 * charset named only by the server-side lines is honoured, and the facts
 * are the same as from the plain page.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ingestBytes, sniffFormat } from "../src/ingest/index.ts";
import type { Layout } from "../src/ingest/layout.ts";
import { type FactsDocument, toFacts } from "../src/model/facts.ts";
import { recognize } from "../src/recognize/index.ts";
import { encodeGb18030 } from "./helpers/encode.ts";
import {
  describeSeed,
  type Golden,
  goldenSeeds,
  makeHtml,
  missingGoldenFacts,
} from "./helpers/make-documents.ts";

const JSP = [
  '<%@ page language="java" contentType="text/html;charset=CHARSET" pageEncoding="CHARSET" %>',
  '<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core" %>',
  '<%@ include file="/common/taglibs.jsp" %>',
  "<%-- 部门预算公开页面 --%>",
  "<%",
  "  String path = request.getContextPath(); // 合计 999,999.99 不是表格",
  '  request.setAttribute("栏目", "预决算公开");',
  "%>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: JSP's expression language, not a template
  '<c:set var="ctx" value="${pageContext.request.contextPath}"/>',
  "",
  "",
].join("\r\n");

/** Classic ASP names the code page, not the charset; 936 is GBK. */
const ASP = [
  '<%@LANGUAGE="VBSCRIPT" CODEPAGE="936"%>',
  '<!--#include file="../inc/conn.asp"-->',
  "<%",
  'Response.Charset = "gb2312"',
  'Dim rs : Set rs = Server.CreateObject("ADODB.Recordset") \' 合计 888,888.88',
  "%>",
  "",
].join("\r\n");

const ASPX = [
  '<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="Detail.aspx.cs" Inherits="Gov.Detail" %>',
  '<%@ Register TagPrefix="uc" TagName="Nav" Src="~/Controls/Nav.ascx" %>',
  "",
].join("\r\n");

const PHP = [
  "<?php",
  'header("Content-Type: text/html; charset=gbk");',
  'require_once "inc/db.php"; // 合计 666,666.66',
  "?>",
  "",
].join("\n");

/** Server-side code that must never come out as text. */
const CODE =
  /<%|%>|<\?php|taglib|request\.|Response\.|Server\.|require_once|999,999\.99|888,888\.88|666,666\.66/;

interface Variant {
  name: string;
  bytes: (page: string) => Uint8Array;
  /** The encoding the page must be read in. */
  encoding: string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const withoutMeta = (page: string) => page.replace('<meta charset="utf-8">', "");
/** A JSP expression inside the page, as pages print their column name or date. */
const withExpression = (page: string) =>
  page.replace("</h1>", '<%= request.getAttribute("发布日期") %></h1>');

const VARIANTS: Variant[] = [
  {
    name: "UTF-8, JSP directives, taglibs, a scriptlet and an expression",
    bytes: (p) => utf8(JSP.replaceAll("CHARSET", "UTF-8") + withExpression(p)),
    encoding: "utf-8",
  },
  {
    name: "UTF-8 with a BOM and blank lines, ASP.NET directives",
    bytes: (p) => utf8(`\uFEFF\r\n\r\n${ASPX}${p}`),
    encoding: "utf-8",
  },
  {
    name: "GBK named only by the JSP page directive (no <meta>)",
    bytes: (p) => encodeGb18030(JSP.replaceAll("CHARSET", "GBK") + withExpression(withoutMeta(p))),
    encoding: "gb18030",
  },
  {
    name: "GBK by the JSP directive against a <meta> that says utf-8",
    bytes: (p) => encodeGb18030(JSP.replaceAll("CHARSET", "GBK") + p),
    encoding: "gb18030",
  },
  {
    name: "GBK named only by classic ASP's CODEPAGE=936 (no <meta>)",
    bytes: (p) => encodeGb18030(ASP + withoutMeta(p)),
    encoding: "gb18030",
  },
  {
    name: "GBK named only by PHP's header() (no <meta>)",
    bytes: (p) => encodeGb18030(PHP + withoutMeta(p)),
    encoding: "gb18030",
  },
];

function text(layout: Layout): string {
  return layout.blocks
    .map((b) =>
      b.kind === "line"
        ? b.text
        : b.rows.map((r) => r.cells.map((c) => c.text).join("|")).join("\n"),
    )
    .join("\n");
}

interface Seed {
  prefix: string;
  golden: Golden;
  /** The plain page (UTF-8, <meta charset="utf-8">) as text. */
  page: string;
  plain: FactsDocument;
}

const seeds = goldenSeeds();
const made: Seed[] = [];

before(async () => {
  for (const { prefix, golden } of seeds) {
    const bytes = makeHtml(await describeSeed(golden));
    const layout = await ingestBytes(bytes);
    made.push({
      prefix,
      golden,
      page: new TextDecoder().decode(bytes),
      plain: toFacts(recognize(layout)),
    });
  }
});

describe("saved pages with server-side lines before the HTML", () => {
  it("has golden seeds whose plain pages give every golden fact", () => {
    assert.ok(made.length >= 3);
    for (const s of made) assert.deepEqual(missingGoldenFacts(s.golden, s.plain), [], s.prefix);
  });

  for (const v of VARIANTS) {
    it(`${v.name}: HTML, no code as text, the plain page's facts`, async () => {
      for (const s of made) {
        const bytes = v.bytes(s.page);
        assert.equal(sniffFormat(bytes), "html", s.prefix);
        const layout = await ingestBytes(bytes);
        assert.equal(layout.format, "html", s.prefix);
        assert.equal(layout.encoding, v.encoding, s.prefix);
        assert.deepEqual(
          layout.warnings.filter((w) => w.includes("编码")),
          [],
          `${s.prefix}: the charset is the one the server-side lines name`,
        );
        const lines = text(layout);
        assert.ok(lines.includes(s.golden.entity), `${s.prefix}: decoded`);
        assert.doesNotMatch(lines, CODE, `${s.prefix}: server-side code read as text`);
        const facts = toFacts(recognize(layout));
        assert.deepEqual(missingGoldenFacts(s.golden, facts), [], s.prefix);
        assert.deepEqual(facts, s.plain, `${s.prefix}: the same facts as the plain page`);
      }
    });
  }
});
