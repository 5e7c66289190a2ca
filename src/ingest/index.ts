/**
 * Read a file of any supported format into a Layout. The format is detected
 * from the content, not the file name.
 */
import { readFile, stat } from "node:fs/promises";
import { GongkaiError } from "../model/errors.ts";
import { looksLikeHtml } from "./html/server-side.ts";
import type { Layout } from "./layout.ts";
import { decodeText } from "./text/decode.ts";
import { textLayout } from "./text/layout.ts";

/** Largest file we read: far above any real disclosure, small enough to stay bounded. */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

export type SniffedFormat = "pdf" | "zip" | "ole" | "html" | "text";

/** Bytes decoded for sniffing: enough to see past a long server-side preamble. */
const SNIFF_BYTES = 64 * 1024;

/**
 * The start of a file as text for sniffing: UTF-16 (a BOM says so) as
 * UTF-16, everything else byte for byte (latin1), which keeps ASCII markup
 * readable whatever the real encoding is.
 */
function sniffHead(bytes: Uint8Array): string {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(head);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(head);
  return new TextDecoder("latin1").decode(head);
}

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return "zip";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return "ole";
  // A saved page, also one that starts with a BOM, blank lines or server-side
  // lines (<%@ page … %>, <?php … ?>) before its HTML.
  if (looksLikeHtml(sniffHead(bytes))) return "html";
  return "text";
}

/**
 * Read bytes of any supported format. Text is decoded (UTF-8, GB18030,
 * UTF-16); the other formats go to their own ingesters, each loaded only when
 * a file of its format comes (pdf.js, exceljs and mammoth are slow to load).
 */
export async function ingestBytes(bytes: Uint8Array): Promise<Layout> {
  switch (sniffFormat(bytes)) {
    case "pdf":
      return (await import("./pdf/index.ts")).ingestPdf(bytes);
    case "zip":
      return (await import("./office/index.ts")).ingestZip(bytes);
    case "ole":
      return (await import("./office/index.ts")).ingestOle(bytes);
    case "html":
      return (await import("./html/index.ts")).ingestHtml(bytes);
    case "text":
      return ingestText(bytes);
  }
}

/** Plain text (or markdown / tab-separated text) of unknown encoding. */
export function ingestText(bytes: Uint8Array): Layout {
  const { text, encoding } = decodeText(bytes);
  return textLayout(text, encoding);
}

/** A file's bytes, within MAX_INPUT_BYTES, with a Chinese error for what cannot be read. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new GongkaiError("unreadable", `“${path}”是目录，不是文件`);
    size = s.size;
  } catch (e) {
    if (e instanceof GongkaiError) throw e;
    throw new GongkaiError("not_found", `找不到文件：${path}`);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new GongkaiError(
      "too_large",
      `文件过大（${Math.round(size / 1048576)} MB），上限为 200 MB`,
    );
  }
  try {
    return await readFile(path);
  } catch {
    throw new GongkaiError("unreadable", `无法读取文件：${path}`);
  }
}

export async function ingestFile(path: string): Promise<Layout> {
  return ingestBytes(await readInputFile(path));
}
