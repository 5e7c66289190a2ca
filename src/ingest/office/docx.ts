/**
 * DOCX → Layout: mammoth turns the document into HTML (paragraphs, headings,
 * tables with their merged cells as colspan/rowspan), which the HTML reader
 * turns into lines and grids in document order. Images are dropped: a
 * picture of a table carries no text to read.
 */
import mammoth from "mammoth";
import { GongkaiError } from "../../model/errors.ts";
import { htmlLayout } from "../html/index.ts";
import type { Layout } from "../layout.ts";
import { type Limits, resolveLimits } from "../limits.ts";

export async function ingestDocx(
  bytes: Uint8Array,
  limits: Limits = resolveLimits(),
): Promise<Layout> {
  let html: string;
  let images = 0;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: "" };
        }),
      },
    );
    html = result.value;
  } catch (e) {
    throw new GongkaiError(
      "unreadable",
      `无法读取 DOCX 文档（文件可能已损坏）：${e instanceof Error ? e.message.slice(0, 120) : String(e)}`,
    );
  }
  const layout = htmlLayout(html, "docx", limits);
  if (images > 0) layout.warnings.push(`文档中有 ${images} 张图片，图片中的表格或文字无法读取`);
  return layout;
}
