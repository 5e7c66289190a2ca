/**
 * Decode the bytes of a text disclosure. The encoding is detected from the
 * content (BOM, then strict UTF-8, then UTF-16 or GB18030 judged per line),
 * never guessed from the file name: government sites still publish
 * GBK text, and Windows tools write UTF-16.
 */
import { GongkaiError } from "../../model/errors.ts";

export type TextEncodingName =
  | "utf-8"
  | "utf-8-bom"
  | "gb18030"
  | "utf-16le"
  | "utf-16be"
  /** Parts in UTF-8, parts in GB18030 (decoded region by region). */
  | "mixed";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** What the reader should know: bad bytes replaced, encodings that change mid-file. */
  warnings?: string[];
}

/** Bytes scored when choosing among candidate decodings: enough to decide, cheap to scan. */
const SAMPLE_BYTES = 64 * 1024;

function decoder(label: string, fatal: boolean) {
  return new TextDecoder(label, { fatal, ignoreBOM: false });
}

/**
 * Share of characters that a Chinese disclosure plausibly contains: CJK
 * ideographs and punctuation, ASCII printable text, whitespace. Control
 * characters, NULs and replacement characters count against.
 */
export function plausibility(text: string): number {
  let good = 0;
  let total = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    total++;
    if (c === 0x09 || c === 0x0a || c === 0x0d) good++;
    else if (c >= 0x20 && c < 0x7f) good++;
    else if (c >= 0x4e00 && c <= 0x9fff) good++;
    else if (c >= 0x3000 && c <= 0x303f) good++;
    else if (c >= 0xff00 && c <= 0xffef) good++;
    else if (c >= 0x2000 && c <= 0x206f) good++;
    else if (c === 0xa0 || c === 0xb7 || c === 0xd7) good++;
    else if (c === 0xfffd || c < 0x20) good -= 1;
  }
  return total === 0 ? 1 : good / total;
}

function tryDecode(bytes: Uint8Array, label: string): string | undefined {
  try {
    return decoder(label, true).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Looks like binary data (images, archives, PDFs) rather than text of any encoding. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  // UTF-16 of ASCII has ~50% NULs at alternating positions; handled before this check.
  return n > 0 && zeros / n > 0.01;
}

function utf16NulPattern(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.2 && evenZero / pairs < 0.05) return "utf-16le";
  if (evenZero / pairs > 0.2 && oddZero / pairs < 0.05) return "utf-16be";
  return undefined;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decoder("utf-8", false).decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decoder("utf-16le", false).decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decoder("utf-16be", false).decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const nulPattern = utf16NulPattern(bytes);
  if (nulPattern) {
    const text = tryDecode(bytes, nulPattern);
    if (text !== undefined && plausibility(text.slice(0, SAMPLE_BYTES)) > 0.9) {
      return { text, encoding: nulPattern };
    }
  }
  if (looksBinary(bytes)) {
    throw new GongkaiError("encoding", "文件不是文本，也不是可识别的公开文档格式");
  }
  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };

  // UTF-16 without a BOM and without NULs (CJK only): judged on a sample.
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (bytes.length % 2 === 0) {
    const gbScore = plausibility(decoder("gb18030", false).decode(sample));
    for (const encoding of ["utf-16le", "utf-16be"] as const) {
      const text = tryDecode(sample.subarray(0, sample.length & ~1), encoding);
      const score = text === undefined ? 0 : plausibility(text);
      if (score >= 0.9 && score > gbScore) {
        const whole = tryDecode(bytes, encoding);
        if (whole !== undefined) return { text: whole, encoding };
      }
    }
  }
  const decoded = decodeByRegion(bytes);
  if (plausibility(decoded.text.slice(0, SAMPLE_BYTES)) < 0.9) {
    throw new GongkaiError("encoding", "无法识别文件的字符编码（支持 UTF-8、GB18030/GBK、UTF-16）");
  }
  return decoded;
}

type Region = "utf-8" | "gb18030";

const FATAL_UTF8 = decoder("utf-8", true);
const FATAL_GB = decoder("gb18030", true);
const LOSSY_UTF8 = decoder("utf-8", false);
const LOSSY_GB = decoder("gb18030", false);

function strictly(d: ReturnType<typeof decoder>, bytes: Uint8Array): string | undefined {
  try {
    return d.decode(bytes);
  } catch {
    return undefined;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

function nonAscii(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) n++;
  return n;
}

function replacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\ufffd"); i >= 0; i = text.indexOf("\ufffd", i + 1)) n++;
  return n;
}

/** "第 1–120 行按 GB18030、第 121–300 行按 UTF-8", at most a few ranges named. */
function rangeList(ranges: { from: number; to: number; region: Region }[]): string {
  const name = (r: Region) => (r === "utf-8" ? "UTF-8" : "GB18030");
  const shown = ranges
    .slice(0, 6)
    .map((r) => `第 ${r.from === r.to ? r.from : `${r.from}–${r.to}`} 行按 ${name(r.region)}`);
  return ranges.length > 6 ? `${shown.join("、")} 等 ${ranges.length} 段` : shown.join("、");
}

/** How one line reads, before its neighbours are considered. */
interface LineReading {
  /** The region the line's own bytes decide, or undefined when valid in both. */
  region: Region | undefined;
  /** Its text in the decided region (for an undecided line: as UTF-8, then as GB18030). */
  text: string;
  gbText?: string;
}

function readLine(line: Uint8Array): LineReading {
  const utf8 = strictly(FATAL_UTF8, line);
  const gb = strictly(FATAL_GB, line);
  if (utf8 !== undefined && gb !== undefined) return { region: undefined, text: utf8, gbText: gb };
  if (utf8 !== undefined) return { region: "utf-8", text: utf8 };
  // Mostly valid UTF-8 is UTF-8 with a bad byte: GBK text decoded as UTF-8
  // is almost all replacement characters, never mostly valid.
  const asUtf8 = LOSSY_UTF8.decode(line);
  const badUtf8 = replacements(asUtf8);
  if (nonAscii(asUtf8) - badUtf8 >= 2 * badUtf8) return { region: "utf-8", text: asUtf8 };
  if (gb !== undefined) return { region: "gb18030", text: gb };
  const asGb = LOSSY_GB.decode(line);
  return badUtf8 <= replacements(asGb)
    ? { region: "utf-8", text: asUtf8 }
    : { region: "gb18030", text: asGb };
}

/**
 * Text that is not UTF-8 as a whole, judged line by line (a newline byte
 * never occurs inside a UTF-8 or GB18030 character): a line valid only as
 * UTF-8 — or mostly valid, a bad byte in it — is UTF-8, one valid only as
 * GB18030 is GB18030, one valid as both (a short line can be) belongs to
 * the region around it, and one valid as neither is read in whichever
 * replaces fewer bytes. A file pasted together from a GB18030 part and a
 * UTF-8 part reads whole; a bad byte costs one character, with a warning,
 * not the file.
 */
function decodeByRegion(bytes: Uint8Array): DecodedText {
  const lines: (LineReading | string)[] = [];
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl + 1;
    const line = bytes.subarray(start, end);
    start = end;
    lines.push(isAscii(line) ? LOSSY_UTF8.decode(line) : readLine(line));
  }
  // An undecided line takes the region of the nearest decided line before it (else after it).
  const regionOf: (Region | undefined)[] = lines.map((l) =>
    typeof l === "string" ? undefined : l.region,
  );
  let before: Region | undefined;
  const fallback: Region = regionOf.find((r) => r !== undefined) ?? "utf-8";
  const pieces: string[] = [];
  const ranges: { from: number; to: number; region: Region }[] = [];
  const badLines: number[] = [];
  let bad = 0;
  lines.forEach((l, i) => {
    if (typeof l === "string") {
      pieces.push(l);
      return;
    }
    const region = l.region ?? before ?? fallback;
    if (l.region) before = l.region;
    const text = l.region === undefined && region === "gb18030" ? (l.gbText ?? l.text) : l.text;
    pieces.push(text);
    const n = replacements(text);
    if (n > 0) {
      bad += n;
      badLines.push(i + 1);
    }
    const last = ranges[ranges.length - 1];
    if (last && last.region === region) last.to = i + 1;
    else ranges.push({ from: i + 1, to: i + 1, region });
  });
  const warnings: string[] = [];
  const regions = new Set(ranges.map((r) => r.region));
  if (regions.size > 1)
    warnings.push(`文本的编码前后不一致，已逐段识别：${rangeList(ranges)} 读取`);
  if (badLines.length > 0) {
    const where =
      badLines.length <= 12
        ? badLines.join("、")
        : `${badLines.slice(0, 12).join("、")} 等 ${badLines.length} 行`;
    warnings.push(`文本中有 ${bad} 个无效字节（第 ${where} 行），已替换为“\ufffd”后继续读取`);
  }
  const encoding: TextEncodingName =
    regions.size > 1 ? "mixed" : regions.has("utf-8") ? "utf-8" : "gb18030";
  return { text: pieces.join(""), encoding, warnings };
}
