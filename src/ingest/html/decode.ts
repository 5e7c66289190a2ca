/**
 * Decode a saved web page. Government sites still serve GB2312/GBK pages;
 * the page says so in a <meta> tag, in its server-side lines (JSP/ASP/PHP)
 * or not at all. Order: BOM, the declared charset, strict UTF-8, then
 * GB18030 (a superset of GB2312 and GBK).
 */
import { serverSideCharset, skipPreamble, stripServerSide } from "./server-side.ts";

export interface DecodedHtml {
  html: string;
  encoding: string;
  /** Set when the declared charset was wrong or missing and we fell back. */
  warning?: string;
}

/**
 * The charset a page declares near its start: the server-side lines' own
 * (`<%@ page contentType="text/html;charset=GBK" %>`, `pageEncoding`, ASP's
 * CODEPAGE, PHP's header(); the server sends it as the HTTP header, which
 * wins), else <meta charset> or http-equiv, else the XML declaration's. A
 * <meta> is looked for in the 4 KB after any server-side preamble.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder("latin1").decode(bytes.subarray(0, 68 * 1024));
  const { end } = skipPreamble(text);
  const server = serverSideCharset(text.slice(0, end + 4096));
  if (server) return server;
  const head = stripServerSide(text.slice(0, end + 4096));
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

/** GB2312, GBK and their aliases all decode as GB18030, their superset. */
function normalizeLabel(label: string): string {
  if (
    /^(?:gb2312|gbk|gb18030|gb_2312-80|x-gbk|cp936|ms936|windows-936|euc-cn|hz-gb-2312)$/.test(
      label,
    )
  )
    return "gb18030";
  return label;
}

function strict(bytes: Uint8Array, label: string): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { html: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { html: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { html: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  const declared = declaredCharset(bytes);
  const label = declared ? normalizeLabel(declared) : undefined;
  const isUtf8Label = label === "utf-8" || label === "utf8";
  // Valid UTF-8 with multibyte text is UTF-8 whatever the page declares: GBK
  // text almost never forms valid UTF-8, while pages re-saved as UTF-8 often
  // keep their old gb2312 declaration.
  const utf8 = strict(bytes, "utf-8");
  if (utf8 !== undefined) {
    const out: DecodedHtml = { html: utf8, encoding: "utf-8" };
    if (label && !isUtf8Label && bytes.some((b) => b >= 0x80))
      out.warning = `网页声明的编码 ${declared} 与内容不符，已按 UTF-8 读取`;
    return out;
  }
  if (label && !isUtf8Label) {
    try {
      const html = new TextDecoder(label).decode(bytes);
      return { html, encoding: label };
    } catch {
      // An encoding this platform does not know: fall through to GB18030.
    }
  }
  // Not UTF-8: the common case is an undeclared (or mis-declared) GBK page.
  const gb = new TextDecoder("gb18030").decode(bytes);
  const out: DecodedHtml = { html: gb, encoding: "gb18030" };
  if (label !== "gb18030")
    out.warning = declared
      ? `网页声明的编码 ${declared} 与内容不符，已按 GB18030 读取`
      : "网页未声明编码且不是 UTF-8，已按 GB18030（GBK）读取";
  return out;
}
