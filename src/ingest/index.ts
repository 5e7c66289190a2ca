/**
 * Read a file of any supported format into a Layout. The format is detected
 * from the content, not the file name.
 */
import { constants, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { GongkaiError } from "../model/errors.ts";
import { looksLikeHtml } from "./html/server-side.ts";
import type { Layout } from "./layout.ts";
import { DEFAULT_LIMITS, type Limits, overLimit, resolveLimits, sizeText } from "./limits.ts";
import { decodeText } from "./text/decode.ts";
import { textLayout } from "./text/layout.ts";

/** Largest file we read by default (see limits.ts for the setting). */
export const MAX_INPUT_BYTES = DEFAULT_LIMITS.maxBytes;

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
export async function ingestBytes(
  bytes: Uint8Array,
  limits: Limits = resolveLimits(),
): Promise<Layout> {
  switch (sniffFormat(bytes)) {
    case "pdf":
      return (await import("./pdf/index.ts")).ingestPdf(bytes, {
        maxPages: limits.maxPages,
        maxMillis: limits.maxSeconds * 1000,
      });
    case "zip":
      return (await import("./office/index.ts")).ingestZip(bytes, limits);
    case "ole":
      return (await import("./office/index.ts")).ingestOle(bytes, limits);
    case "html":
      return (await import("./html/index.ts")).ingestHtml(bytes, limits);
    case "text":
      return ingestText(bytes, limits);
  }
}

/** Plain text (or markdown / tab-separated text) of unknown encoding. */
export function ingestText(bytes: Uint8Array, limits: Limits = resolveLimits()): Layout {
  const { text, encoding, warnings } = decodeText(bytes);
  if (text.length > limits.maxTextChars)
    throw overLimit(
      "maxTextChars",
      `文本过长（${text.length} 个字符），上限为 ${limits.maxTextChars} 个字符`,
    );
  const layout = textLayout(text, encoding, limits.maxLineChars);
  if (warnings) layout.warnings.unshift(...warnings);
  return layout;
}

/** What a path that is not a regular file is, for the message. */
function fileKind(s: Stats): string {
  if (s.isFIFO()) return "命名管道（FIFO）";
  if (s.isCharacterDevice()) return "字符设备";
  if (s.isBlockDevice()) return "块设备";
  if (s.isSocket()) return "套接字";
  return "特殊文件";
}

const CHUNK = 1024 * 1024;

/**
 * Read a stream to its end, but never more than `max` bytes: one byte past
 * it is enough to refuse (an endless stream stops there).
 */
async function readCapped(
  next: (buf: Uint8Array) => Promise<number>,
  max: number,
  what: string,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const buf = new Uint8Array(Math.min(CHUNK, max + 1 - total));
    const n = await next(buf);
    if (n === 0) break;
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    if (total > max) throw overLimit("maxBytes", `${what}超过 ${sizeText(max)} 的上限，已停止读取`);
  }
  return Buffer.concat(chunks, total);
}

/** Standard input ("-"), within the byte limit: a pipe or a device may never end. */
async function readStdin(max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    total += chunk.length;
    if (total > max) {
      process.stdin.destroy();
      throw overLimit("maxBytes", `标准输入超过 ${sizeText(max)} 的上限，已停止读取`);
    }
  }
  return Buffer.concat(chunks, total);
}

/**
 * A file's bytes, within the byte limit, with a Chinese error for what
 * cannot be read. "-" is standard input. Only a regular file is read: the
 * file is opened without blocking (a FIFO with no writer would wait
 * forever) and refused when it is a device, a pipe or a socket. The size is
 * counted on what is actually read, not on what the file system says.
 */
export async function readInputFile(
  path: string,
  limits: Limits = resolveLimits(),
): Promise<Uint8Array> {
  if (path === "-") return readStdin(limits.maxBytes);
  let fh: FileHandle;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") throw new GongkaiError("unreadable", `“${path}”是目录，不是文件`);
    if (code === "EACCES" || code === "EPERM")
      throw new GongkaiError("unreadable", `没有读取权限：${path}`);
    throw new GongkaiError("not_found", `找不到文件：${path}`);
  }
  try {
    const s = await fh.stat();
    if (s.isDirectory()) throw new GongkaiError("unreadable", `“${path}”是目录，不是文件`);
    if (!s.isFile())
      throw new GongkaiError(
        "unreadable",
        `“${path}”是${fileKind(s)}，不是普通文件，拒绝读取（内容可能没有尽头）；要从管道读取，请用 - 表示标准输入`,
      );
    if (s.size > limits.maxBytes)
      throw overLimit(
        "maxBytes",
        `文件过大（${sizeText(s.size)}），上限为 ${sizeText(limits.maxBytes)}`,
      );
    return await readCapped(
      async (buf) => (await fh.read(buf, 0, buf.length, null)).bytesRead,
      limits.maxBytes,
      `文件 ${path} `,
    );
  } catch (e) {
    if (e instanceof GongkaiError) throw e;
    throw new GongkaiError("unreadable", `无法读取文件：${path}`);
  } finally {
    await fh.close();
  }
}

export async function ingestFile(path: string, limits: Limits = resolveLimits()): Promise<Layout> {
  return ingestBytes(await readInputFile(path, limits), limits);
}
