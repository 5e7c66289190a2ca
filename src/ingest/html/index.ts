/**
 * A saved HTML page → Layout. Disclosure pages put the tables in <table>
 * elements (with rowspan/colspan headers) between paragraphs of narrative;
 * many sites wrap the whole page in layout tables as well. Data tables
 * become grids, everything else lines in reading order.
 */
import type { Layout } from "../layout.ts";
import { type Limits, resolveLimits } from "../limits.ts";
import { decodeHtml } from "./decode.ts";
import { stripServerSide } from "./server-side.ts";
import { htmlBlocks } from "./walk.ts";

export async function ingestHtml(
  bytes: Uint8Array,
  limits: Limits = resolveLimits(),
): Promise<Layout> {
  const { html, encoding, warning } = decodeHtml(bytes);
  // JSP/ASP/PHP source left in a saved page is code, not content.
  const layout = htmlLayout(stripServerSide(html), "html", limits);
  layout.encoding = encoding;
  if (warning) layout.warnings.unshift(warning);
  return layout;
}

/** Layout of an HTML string (also used for DOCX, which mammoth turns into HTML). */
export function htmlLayout(
  html: string,
  format: "html" | "docx",
  limits: Limits = resolveLimits(),
): Layout {
  const { blocks, lineCount } = htmlBlocks(html, limits);
  const layout: Layout = { format, lineCount, blocks, warnings: [] };
  if (!blocks.some((b) => b.kind === "grid"))
    layout.warnings.push(
      format === "html" ? "网页中没有找到表格（<table>）" : "文档中没有找到表格",
    );
  return layout;
}
