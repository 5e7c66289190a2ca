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

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Bounds (see README): far above any real disclosure workbook or document. */
export const ZIP_LIMITS = {
  entries: 10_000,
  /** Sum of the entries' uncompressed sizes. */
  totalBytes: 500 * 1024 * 1024,
  /** One XML part (a worksheet, the shared strings, the document body). */
  xmlBytes: 100 * 1024 * 1024,
  /** Overall uncompressed / compressed ratio, checked once the content exceeds ratioFloor. */
  ratio: 200,
  ratioFloor: 10 * 1024 * 1024,
  /** Cells with a value, over all worksheets. */
  valueCells: 200_000,
  /** Cells of any kind (styled empty cells included), over all worksheets. */
  cells: 1_000_000,
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
export function checkDeclaredSizes(entries: ZipEntry[], fileBytes: number): void {
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
  if (total > ZIP_LIMITS.totalBytes)
    throw new GongkaiError(
      "too_large",
      `文件解压后过大（${Math.round(total / MB)} MB，上限 ${ZIP_LIMITS.totalBytes / MB} MB），疑似压缩炸弹，拒绝读取`,
    );
  const ratio = total / Math.max(1, Math.min(compressed, fileBytes));
  if (total > ZIP_LIMITS.ratioFloor && ratio > ZIP_LIMITS.ratio)
    throw new GongkaiError(
      "too_large",
      `文件压缩比异常（${Math.round(ratio)} 倍，上限 ${ZIP_LIMITS.ratio} 倍），疑似压缩炸弹，拒绝读取`,
    );
}

/** Counts "<c " / "<c>" (cells) and "<v>" / "<is>" (cells with a value) across chunks. */
class CellCounter {
  cells = 0;
  values = 0;
  private carry = new Uint8Array(0);

  push(chunk: Uint8Array, final: boolean): void {
    let buf = chunk;
    if (this.carry.length > 0) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
    }
    // A match starting in the last 3 bytes is counted with the next chunk.
    const end = final ? buf.length : buf.length - 3;
    for (let i = 0; i < end; i++) {
      if (buf[i] !== 0x3c) continue;
      const a = buf[i + 1];
      const b = buf[i + 2];
      if (a === 0x63 && (b === 0x20 || b === 0x3e)) this.cells++;
      else if (a === 0x76 && b === 0x3e) this.values++;
      else if (a === 0x69 && b === 0x73 && buf[i + 3] === 0x3e) this.values++;
    }
    this.carry = final ? new Uint8Array(0) : buf.slice(Math.max(0, end));
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
  onChunk: ((chunk: Uint8Array, final: boolean) => void) | undefined,
): number {
  const lo = e.localOffset;
  if (lo + 30 > b.length || u32(b, lo) !== 0x04034b50) throw damaged(`${e.name} 的位置无效`);
  const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw damaged(`${e.name} 被截断`);
  const limit = e.uncompressedSize;
  if (e.method === 0) {
    onChunk?.(b.subarray(start, end), true);
    return e.compressedSize;
  }
  if (e.method !== 8) throw damaged(`${e.name} 使用了不支持的压缩方式 ${e.method}`);
  let produced = 0;
  const inf = new Inflate((chunk: Uint8Array, final: boolean) => {
    produced += chunk.length;
    if (produced > limit)
      throw new GongkaiError(
        "too_large",
        `文件中的 ${e.name} 解压后超过其声明的大小，疑似压缩炸弹，拒绝读取`,
      );
    onChunk?.(chunk, final);
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
 * output (cheap for real files: a few MB); worksheets are scanned for cells.
 */
export function scanZip(b: Uint8Array): ZipScan {
  const entries = readCentralDirectory(b);
  checkDeclaredSizes(entries, b.length);
  const counter = new CellCounter();
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    const produced = inflateCounted(
      b,
      e,
      isSheet ? (chunk, final) => counter.push(chunk, final) : undefined,
    );
    if (produced < e.uncompressedSize) throw damaged(`${e.name} 内容不完整`);
    if (counter.values > ZIP_LIMITS.valueCells || counter.cells > ZIP_LIMITS.cells)
      throw new GongkaiError(
        "too_large",
        `工作簿过大：单元格超过 ${counter.values > ZIP_LIMITS.valueCells ? `${ZIP_LIMITS.valueCells} 个有值单元格` : `${ZIP_LIMITS.cells} 个单元格`}，无法读取（请只保留公开表格后再试）`,
      );
  }
  return { names: entries.map((e) => e.name), cells: counter.cells, valueCells: counter.values };
}
