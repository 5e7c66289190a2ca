/**
 * Server-side lines in saved web pages. A page saved from (or leaked by) a
 * JSP, ASP or PHP site can begin with the server's own source before the
 * HTML — `<%@ page contentType="text/html;charset=GBK" %>`, `<%@ taglib … %>`,
 * `<% … %>` blocks, `<?php … ?>` — and carry `<%= … %>` pieces inside it.
 * None of that is content: it is skipped when sniffing the format, removed
 * before parsing, and the charset it names is the page's encoding (the
 * server sends it as the HTTP header, which wins over a <meta>).
 */

/** How far into a file the server-side preamble may reach (characters). */
const MAX_PREAMBLE = 64 * 1024;

/**
 * One piece of preamble at `i`, as the index just after it, or undefined:
 * whitespace, `<%-- … --%>`, `<% … %>` (directives, scriptlets, expressions),
 * `<? … ?>` (PHP, or an XML declaration), `<!-- … -->` (comments, SSI
 * includes, IE's "saved from url") and JSP/ASP.NET custom tags such as
 * `<jsp:useBean …/>` or `<c:set …/>`.
 */
function skipOne(s: string, i: number): number | undefined {
  const ws = /^[\s\u00a0]+/.exec(s.slice(i, i + 4096));
  if (ws) return i + ws[0].length;
  if (s.startsWith("<%--", i)) return after(s, i + 4, "--%>");
  if (s.startsWith("<%", i)) return after(s, i + 2, "%>");
  // PHP may leave its last block open at the end of the file: nothing follows it.
  if (s.startsWith("<?", i)) return after(s, i + 2, "?>") ?? s.length;
  if (s.startsWith("<!--", i)) return after(s, i + 4, "-->");
  const custom = /^<\/?[a-z][\w-]*:[\w.-]+\b[^<>]*>/i.exec(s.slice(i, i + 4096));
  if (custom) return i + custom[0].length;
  return undefined;
}

function after(s: string, from: number, end: string): number | undefined {
  const j = s.indexOf(end, from);
  return j < 0 ? undefined : j + end.length;
}

export interface Preamble {
  /** Index of the first character after the BOM and the preamble. */
  end: number;
  /** Whether any server-side piece (`<%`, `<?php`, a custom tag) was skipped. */
  serverSide: boolean;
}

/** The BOM, blank lines, comments, XML declaration and server-side lines at the start of `s`. */
export function skipPreamble(s: string): Preamble {
  let i = 0;
  if (s.startsWith("\uFEFF")) i = 1;
  else if (s.startsWith("\xEF\xBB\xBF")) i = 3;
  let serverSide = false;
  while (i < s.length && i < MAX_PREAMBLE) {
    const next = skipOne(s, i);
    if (next === undefined || next <= i) break;
    // Comments and an XML declaration are what any saved page may start with.
    if (s[i] === "<" && s[i + 1] !== "!" && !/^<\?xml\b/i.test(s.slice(i, i + 6)))
      serverSide = true;
    i = next;
  }
  return { end: i, serverSide };
}

/** Tags only an HTML page starts with. */
const HTML_START = /^<(?:!doctype\s+html|html|head|body|meta|title)\b/i;
/**
 * After server-side lines, an included fragment may start with any common
 * element: the directives already say this is a page.
 */
const FRAGMENT_START =
  /^<(?:link|style|script|base|div|table|p|form|center|font|span|h[1-6]|br|ul|ol|section|header|main)\b/i;

/**
 * A saved web page: after an optional BOM, blank lines, XML declaration,
 * comments (IE's "<!-- saved from url=… -->") and server-side lines, the
 * first tag is one only HTML starts with.
 */
export function looksLikeHtml(head: string): boolean {
  const { end, serverSide } = skipPreamble(head);
  const start = head.slice(end, end + 64);
  return HTML_START.test(start) || (serverSide && FRAGMENT_START.test(start));
}

/**
 * Remove server-side code from a page before it is parsed: `<%-- … --%>`,
 * `<% … %>` (with `<%@`, `<%=`, `<%!`, `<%#`, `<%:` forms) and `<?php … ?>` /
 * `<?= … ?>`, wherever they are. An unclosed `<%` is left alone (it is then
 * more likely text than code); an unclosed `<?php` runs to the end, as PHP
 * reads it.
 */
export function stripServerSide(html: string): string {
  if (!html.includes("<%") && !/<\?(?:php\b|=)/i.test(html)) return html;
  return html
    .replace(/<%--[\s\S]*?--%>/g, "")
    .replace(/<%[\s\S]*?%>/g, "")
    .replace(/<\?(?:php\b|=)[\s\S]*?(?:\?>|$)/gi, "");
}

/** Windows code pages that ASP's CODEPAGE / Response.CodePage name. */
const CODE_PAGES: Record<string, string> = {
  "936": "gbk",
  "20936": "gb2312",
  "54936": "gb18030",
  "950": "big5",
  "65001": "utf-8",
  "1200": "utf-16le",
  "1201": "utf-16be",
  "1252": "windows-1252",
};

const LABEL = String.raw`["']?\s*([\w.:-]+)`;

/**
 * The charset the server-side lines give the page, lower-cased: JSP
 * `pageEncoding` (the encoding of the file itself) before the `charset` of
 * `contentType`; ASP `CODEPAGE` / ASP.NET `ResponseEncoding` / `CodePage`;
 * `Response.Charset` / `Response.CodePage` in a block; PHP's
 * `header("Content-Type: …; charset=…")`.
 */
export function serverSideCharset(head: string): string | undefined {
  const directives = [...head.matchAll(/<%@([\s\S]*?)%>/g)].map((m) => m[1] ?? "");
  // JSP's XML syntax for the same directive.
  for (const m of head.matchAll(/<jsp:directive\.page\b([^>]*)>/gi)) directives.push(m[1] ?? "");
  const inDirective = (re: RegExp): string | undefined => {
    for (const d of directives) {
      const m = re.exec(d);
      if (m?.[1]) return m[1];
    }
    return undefined;
  };
  const codePage = (n: string | undefined) => (n ? CODE_PAGES[n] : undefined);
  const found =
    inDirective(new RegExp(String.raw`\bpageEncoding\s*=\s*${LABEL}`, "i")) ??
    inDirective(/\bcontentType\s*=\s*["'][^"']*?charset\s*=\s*([\w.:-]+)/i) ??
    inDirective(new RegExp(String.raw`\bResponseEncoding\s*=\s*${LABEL}`, "i")) ??
    codePage(inDirective(/\bCODEPAGE\s*=\s*["']?\s*(\d+)/i));
  if (found) return found.toLowerCase();
  const blocks = [...head.matchAll(/<%(?![@-])([\s\S]*?)%>|<\?php\b([\s\S]*?)(?:\?>|$)/gi)]
    .map((m) => m[1] ?? m[2] ?? "")
    .join("\n");
  const m =
    /\bResponse\.Charset\s*=\s*["']\s*([\w.:-]+)/i.exec(blocks) ??
    /\bheader\s*\(\s*["']\s*Content-Type\s*:[^"']*?charset\s*=\s*([\w.:-]+)/i.exec(blocks);
  if (m?.[1]) return m[1].toLowerCase();
  return codePage(/\bResponse\.CodePage\s*=\s*(\d+)/i.exec(blocks)?.[1]);
}
