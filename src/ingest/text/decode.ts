/**
 * Decode the bytes of a text disclosure. The encoding is detected from the
 * content (BOM, then strict UTF-8, then the most plausible of GB18030 and
 * UTF-16), never guessed from the file name: government sites still publish
 * GBK text, and Windows tools write UTF-16.
 */
import { GongkaiError } from "../../model/errors.ts";

export type TextEncodingName = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
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

  // Not UTF-8: choose the most plausible of the encodings Chinese tools write.
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const candidates: TextEncodingName[] = ["gb18030", "utf-16le", "utf-16be"];
  let best: { encoding: TextEncodingName; score: number } | undefined;
  for (const encoding of candidates) {
    if (encoding !== "gb18030" && bytes.length % 2 !== 0) continue;
    const text = tryDecode(sample.subarray(0, sample.length & ~1), encoding);
    const decoded =
      text ?? (encoding === "gb18030" ? decoder(encoding, false).decode(sample) : undefined);
    if (decoded === undefined) continue;
    const score = plausibility(decoded);
    if (!best || score > best.score) best = { encoding, score };
  }
  if (!best || best.score < 0.9) {
    throw new GongkaiError("encoding", "无法识别文件的字符编码（支持 UTF-8、GB18030/GBK、UTF-16）");
  }
  return { text: decoder(best.encoding, false).decode(bytes), encoding: best.encoding };
}
