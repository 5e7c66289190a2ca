/**
 * Inspect an OOXML container (a zip) before any library unpacks it: read the
 * central directory ourselves, refuse archives whose declared sizes or
 * compression ratios are those of a zip bomb, then inflate every entry with
 * a running byte count (a bomb can lie in its directory) and count the cells
 * of each worksheet. Only a container that passes goes to exceljs / mammoth,
 * which would otherwise inflate whatever they are given.
 */
import { Inflate } from "fflate";
import { GongkaiError } from "../../model/errors.ts";
import { type Limits, overLimit, resolveLimits, sizeText } from "../limits.ts";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/**
 * Fixed bounds of the container (far above any real disclosure workbook or
 * document); the settable ones (total inflated size, cells, merges,
 * nesting) come from limits.ts.
 */
export const ZIP_LIMITS = {
  entries: 10_000,
  /** One XML part (a worksheet, the shared strings, the document body). */
  xmlBytes: 100 * 1024 * 1024,
  /** Overall uncompressed / compressed ratio, checked once the content exceeds ratioFloor. */
  ratio: 200,
  ratioFloor: 10 * 1024 * 1024,
  /** Cells with a value, over all worksheets. */
  valueCells: 200_000,
  /** Longest tag (with its attributes) the scanner holds while it waits for its end. */
  tagBytes: 1024 * 1024,
};

const MB = 1024 * 1024;

function damaged(detail: string): GongkaiError {
  return new GongkaiError("unreadable", `文件已损坏或不完整（${detail}），无法作为 XLSX/DOCX 读取`);
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (
    ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16)) + (b[o + 3] ?? 0) * 2 ** 24
  );
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 2 ** 32;
}

/** Offset of the end-of-central-directory record, searching back over a comment. */
function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

/** The entries of the central directory (ZIP64 sizes included). */
export function readCentralDirectory(b: Uint8Array): ZipEntry[] {
  const eocd = findEocd(b);
  if (eocd < 0) throw damaged("找不到压缩包目录");
  let count = u16(b, eocd + 10);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw damaged("ZIP64 目录缺失");
    const z = u64(b, loc + 8);
    if (z + 56 > b.length || u32(b, z) !== 0x06064b50) throw damaged("ZIP64 目录损坏");
    count = u64(b, z + 32);
    cdOffset = u64(b, z + 48);
  }
  if (count > ZIP_LIMITS.entries)
    throw new GongkaiError(
      "too_large",
      `压缩包内文件过多（${count} 个，上限 ${ZIP_LIMITS.entries} 个），拒绝读取`,
    );
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw damaged("压缩包目录损坏");
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    const e: ZipEntry = {
      name,
      flags: u16(b, p + 8),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      uncompressedSize: u32(b, p + 24),
      localOffset: u32(b, p + 42),
    };
    // ZIP64 extra field: the 0xffffffff fields follow in a fixed order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(b, x);
      const size = u16(b, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (e.uncompressedSize === 0xffffffff) {
          e.uncompressedSize = u64(b, q);
          q += 8;
        }
        if (e.compressedSize === 0xffffffff) {
          e.compressedSize = u64(b, q);
          q += 8;
        }
        if (e.localOffset === 0xffffffff) e.localOffset = u64(b, q);
      }
      x += 4 + size;
    }
    entries.push(e);
    p = xEnd + commentLen;
  }
  return entries;
}

/** Refuse on the directory's own figures, before inflating anything. */
export function checkDeclaredSizes(
  entries: ZipEntry[],
  fileBytes: number,
  limits: Limits = resolveLimits(),
): void {
  let total = 0;
  let compressed = 0;
  for (const e of entries) {
    if (e.flags & 1)
      throw new GongkaiError(
        "unsupported_format",
        "文件已加密（有密码保护），无法读取；请去除密码后另存再试",
      );
    total += e.uncompressedSize;
    compressed += e.compressedSize;
    if (/\.(?:xml|rels)$/i.test(e.name) && e.uncompressedSize > ZIP_LIMITS.xmlBytes)
      throw new GongkaiError(
        "too_large",
        `文件内容过大：${e.name} 解压后 ${Math.round(e.uncompressedSize / MB)} MB，上限 ${ZIP_LIMITS.xmlBytes / MB} MB`,
      );
  }
  if (total > limits.maxUnzippedBytes)
    throw overLimit(
      "maxUnzippedBytes",
      `文件解压后过大（${sizeText(total)}，上限 ${sizeText(limits.maxUnzippedBytes)}），疑似压缩炸弹，拒绝读取`,
    );
  const ratio = total / Math.max(1, Math.min(compressed, fileBytes));
  if (total > ZIP_LIMITS.ratioFloor && ratio > ZIP_LIMITS.ratio)
    throw new GongkaiError(
      "too_large",
      `文件压缩比异常（${Math.round(ratio)} 倍，上限 ${ZIP_LIMITS.ratio} 倍），疑似压缩炸弹，拒绝读取`,
    );
}

/** A1 → [row, column], 1-based. */
function cellRef(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of (m[1] ?? "").toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

/** Cells a merged range "A1:XFD1048576" covers. */
export function mergeArea(ref: string): number {
  const [a, b] = ref.split(":");
  const from = cellRef(a ?? "");
  const to = cellRef(b ?? a ?? "");
  if (!from || !to) return 1;
  return (Math.abs(to[0] - from[0]) + 1) * (Math.abs(to[1] - from[1]) + 1);
}

/** Longest element name compared (longer ones are compared by this prefix). */
const MAX_NAME = 256;

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/**
 * A byte-level scan of an XML part, chunk by chunk, that never builds a
 * tree: the depth of element nesting (mammoth and exceljs recurse over it),
 * and for worksheets the rows, cells, values and merged ranges (exceljs
 * makes an object for every cell a merge covers). Text between tags is
 * skipped with indexOf; only a tag cut by a chunk boundary is carried over.
 */
export class XmlScanner {
  depth = 0;
  maxDepth = 0;
  cells = 0;
  values = 0;
  merges = 0;
  mergedArea = 0;
  private roots = 0;
  /** Names of the open elements, innermost last. */
  private readonly open: string[] = [];
  private carry: Uint8Array | undefined;
  private readonly onDepth: (depth: number) => void;

  constructor(onDepth: (depth: number) => void) {
    this.onDepth = onDepth;
  }

  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.carry) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      this.carry = undefined;
    }
    let i = buf.indexOf(LT);
    while (i >= 0) {
      const end = buf.indexOf(GT, i + 1);
      if (end < 0) {
        if (buf.length - i > ZIP_LIMITS.tagBytes)
          throw new GongkaiError(
            "too_large",
            "文件中的 XML 标签过长，不像正常的 Office 文档，拒绝读取",
          );
        this.carry = buf.slice(i);
        return;
      }
      this.tag(buf, i + 1, end);
      i = buf.indexOf(LT, end + 1);
    }
  }

  private tag(b: Uint8Array, start: number, end: number): void {
    const first = b[start];
    if (first === 0x3f || first === 0x21) return; // <?…?>, <!--…-->, <!DOCTYPE>
    if (first === SLASH) {
      // An end tag must close the element open innermost: a damaged one
      // sends xmldom (inside mammoth and exceljs) into an error per element.
      let n = start + 1;
      while (n < end && !isSpace(b[n])) n++;
      const name = String.fromCharCode(...b.subarray(start + 1, Math.min(n, start + 1 + MAX_NAME)));
      if (this.open.pop() !== name)
        throw new GongkaiError(
          "unreadable",
          "文件已损坏（XML 部件的结束标签与开始标签不匹配），无法作为 XLSX/DOCX 读取",
        );
      this.depth = this.open.length;
      return;
    }
    // The local name, after any prefix (w:tbl → tbl).
    let n = start;
    while (n < end && b[n] !== SLASH && !isSpace(b[n])) n++;
    let local = start;
    for (let k = start; k < n; k++) if (b[k] === 0x3a) local = k + 1;
    const len = n - local;
    const c0 = b[local];
    if (len === 1 && c0 === 0x63)
      this.cells++; // c
    else if (len === 3 && c0 === 0x72 && b[local + 1] === 0x6f && b[local + 2] === 0x77)
      this.cells++; // row
    else if (len === 1 && c0 === 0x76)
      this.values++; // v
    else if (len === 2 && c0 === 0x69 && b[local + 1] === 0x73)
      this.values++; // is
    else if (len === 9 && c0 === 0x6d && b[local + 5] === 0x43) {
      // mergeCell
      this.merges++;
      const attrs = new TextDecoder("latin1").decode(b.subarray(n, end));
      const ref = /\bref\s*=\s*["']([^"']*)["']/.exec(attrs)?.[1];
      if (ref) this.mergedArea += mergeArea(ref);
    }
    // Well-formed XML has one root: a second one (a damaged or spliced part)
    // sends xmldom, inside mammoth and exceljs, into an error per element.
    if (this.depth === 0 && ++this.roots > 1)
      throw new GongkaiError(
        "unreadable",
        "文件已损坏（XML 部件有多个根元素），无法作为 XLSX/DOCX 读取",
      );
    if (b[end - 1] === SLASH) return; // <x/>
    this.open.push(String.fromCharCode(...b.subarray(start, Math.min(n, start + MAX_NAME))));
    this.depth++;
    if (this.depth > this.maxDepth) {
      this.maxDepth = this.depth;
      this.onDepth(this.depth);
    }
  }
}

export interface ZipScan {
  names: string[];
  cells: number;
  valueCells: number;
}

const SLICE = 16 * 1024;

/** Inflate one entry with a running count; returns the bytes produced. */
function inflateCounted(
  b: Uint8Array,
  e: ZipEntry,
  onChunk: ((chunk: Uint8Array) => void) | undefined,
): number {
  const lo = e.localOffset;
  if (lo + 30 > b.length || u32(b, lo) !== 0x04034b50) throw damaged(`${e.name} 的位置无效`);
  const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw damaged(`${e.name} 被截断`);
  const limit = e.uncompressedSize;
  if (e.method === 0) {
    onChunk?.(b.subarray(start, end));
    return e.compressedSize;
  }
  if (e.method !== 8) throw damaged(`${e.name} 使用了不支持的压缩方式 ${e.method}`);
  let produced = 0;
  const inf = new Inflate((chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > limit)
      throw new GongkaiError(
        "too_large",
        `文件中的 ${e.name} 解压后超过其声明的大小，疑似压缩炸弹，拒绝读取`,
      );
    onChunk?.(chunk);
  });
  try {
    for (let p = start; p < end; p += SLICE) {
      const stop = Math.min(end, p + SLICE);
      inf.push(b.subarray(p, stop), stop === end);
    }
  } catch (err) {
    if (err instanceof GongkaiError) throw err;
    throw damaged(`${e.name} 解压失败`);
  }
  return produced;
}

/**
 * Check a container end to end. Every entry is inflated once with bounded
 * output (cheap for real files: a few MB); every XML part is scanned for
 * its nesting, worksheets for their cells and merged ranges.
 */
export function scanZip(b: Uint8Array, limits: Limits = resolveLimits()): ZipScan {
  const entries = readCentralDirectory(b);
  checkDeclaredSizes(entries, b.length, limits);
  let cells = 0;
  let values = 0;
  let merges = 0;
  let mergedArea = 0;
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    const isXml = /\.(?:xml|rels)$/i.test(e.name);
    const scanner = new XmlScanner((depth) => {
      if (depth > limits.maxNesting)
        throw overLimit(
          "maxNesting",
          `文件中的 ${e.name} 元素嵌套超过 ${limits.maxNesting} 层，不像正常的 Office 文档，拒绝读取`,
        );
    });
    const produced = inflateCounted(b, e, isXml ? (chunk) => scanner.push(chunk) : undefined);
    if (produced < e.uncompressedSize) throw damaged(`${e.name} 内容不完整`);
    if (!isSheet) continue;
    cells += scanner.cells;
    values += scanner.values;
    merges += scanner.merges;
    mergedArea += scanner.mergedArea;
    if (values > ZIP_LIMITS.valueCells)
      throw new GongkaiError(
        "too_large",
        `工作簿过大：有值单元格超过 ${ZIP_LIMITS.valueCells} 个，无法读取（请只保留公开表格后再试）`,
      );
    if (cells > limits.maxCells)
      throw overLimit(
        "maxCells",
        `工作簿过大：单元格超过 ${limits.maxCells} 个（行计入），无法读取（请只保留公开表格后再试）`,
      );
    if (merges > limits.maxMerges)
      throw overLimit(
        "maxMerges",
        `工作簿的合并单元格过多（超过 ${limits.maxMerges} 处），无法读取`,
      );
    if (mergedArea > limits.maxCells)
      throw overLimit(
        "maxCells",
        `工作簿的合并单元格覆盖范围过大（共 ${mergedArea} 个单元格，上限 ${limits.maxCells} 个），无法读取`,
      );
  }
  return { names: entries.map((e) => e.name), cells, valueCells: values };
}

/**
 * One entry's bytes, inflated with a running count that stops at the size
 * the directory declares and at `max`: a part that lies about its size
 * costs no more than the lie.
 */
export function inflateEntry(b: Uint8Array, e: ZipEntry, max: number): Uint8Array {
  if (e.uncompressedSize > max)
    throw new GongkaiError(
      "too_large",
      `文件中的 ${e.name} 过大（${sizeText(e.uncompressedSize)}）`,
    );
  const chunks: Uint8Array[] = [];
  const produced = inflateCounted(b, e, (chunk) => chunks.push(chunk));
  const out = new Uint8Array(produced);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
