/**
 * Encoders for test inputs. Node encodes only UTF-8 and UTF-16LE natively;
 * GB18030 bytes are found by inverting the platform's own GB18030 decoder,
 * so the test does not trust the code under test to make its input.
 */
let gbTable: Map<string, Uint8Array> | undefined;

function gb18030Table(): Map<string, Uint8Array> {
  if (gbTable) return gbTable;
  const dec = new TextDecoder("gb18030", { fatal: true });
  const table = new Map<string, Uint8Array>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const bytes = Uint8Array.of(a, b);
      try {
        const ch = dec.decode(bytes);
        if (!table.has(ch)) table.set(ch, bytes);
      } catch {
        // not a valid two-byte sequence
      }
    }
  }
  gbTable = table;
  return table;
}

export function encodeGb18030(text: string): Uint8Array {
  const table = gb18030Table();
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`GB18030 two-byte table lacks ${ch}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

export function encodeUtf16(text: string, endian: "le" | "be", bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? "\ufeff" : "") + text, "utf16le");
  if (endian === "le") return le;
  const be = Buffer.from(le);
  be.swap16();
  return be;
}
