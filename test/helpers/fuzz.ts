/**
 * Property-based fuzzing of reading (issue 14), with fast-check: inputs of
 * every format grown from real documents — the seeds' text, a corpus PDF, a
 * corpus workbook, a DOCX and an HTML page made from a seed — mutated at the
 * byte level (flips, cuts, splices, repeats) and, for the XML inside the
 * zips and for HTML, at the markup level (tags opened and never closed,
 * unmatched end tags, huge spans and merges, control characters). The
 * property: reading ends, within its time limit, in a Disclosure or a
 * GongkaiError — never another exception, never the time limit. Shared by
 * the bounded run in `npm test` and the longer one in `npm run bench`.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import type { Limits } from "../../src/ingest/limits.ts";
import { GongkaiError } from "../../src/model/errors.ts";
import { extractBytes } from "../../src/pipeline.ts";
import { encodeGb18030 } from "./encode.ts";
import { describeSeed, goldenSeeds, makeDocx, makeHtml } from "./make-documents.ts";
import { SHARED, seedPath } from "./seeds.ts";

export type FuzzFormat = "text" | "pdf" | "xlsx" | "docx" | "html";

/** Small limits: a fuzzed input must finish far inside them. */
export const FUZZ_LIMITS: Partial<Limits> = {
  maxSeconds: 20,
  maxBytes: 8 * 1024 * 1024,
  maxPages: 20,
  maxMemoryMb: 1024,
};

/** Byte-level mutations of a real document. */
function mutatedBytes(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const pos = fc.nat({ max: Math.max(0, base.length - 1) });
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant("flip" as const),
      at: pos,
      value: fc.integer({ min: 0, max: 255 }),
    }),
    fc.record({ kind: fc.constant("cut" as const), at: pos, len: fc.nat({ max: 4096 }) }),
    fc.record({
      kind: fc.constant("repeat" as const),
      at: pos,
      len: fc.nat({ max: 512 }),
      times: fc.integer({ min: 2, max: 50 }),
    }),
    fc.record({
      kind: fc.constant("insert" as const),
      at: pos,
      bytes: fc.uint8Array({ maxLength: 64 }),
    }),
    fc.record({ kind: fc.constant("truncate" as const), at: pos }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => {
    let b = base;
    for (const e of edits) {
      const at = Math.min(e.at, b.length);
      if (e.kind === "flip") {
        b = Uint8Array.from(b);
        if (at < b.length) b[at] = e.value;
      } else if (e.kind === "cut") b = concat(b.subarray(0, at), b.subarray(at + e.len));
      else if (e.kind === "repeat") {
        const piece = b.subarray(at, at + e.len);
        b = concat(
          b.subarray(0, at),
          ...Array.from({ length: e.times }, () => piece),
          b.subarray(at),
        );
      } else if (e.kind === "insert") b = concat(b.subarray(0, at), e.bytes, b.subarray(at));
      else b = b.subarray(0, Math.max(1, at));
    }
    return b;
  });
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Markup inserted into XML or HTML text: unbalanced, deep, wide, merged, odd characters. */
const markup = fc.oneof(
  fc.constantFrom(
    "<div>",
    "</span>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    "<p>",
    "<w:tbl>",
    "<w:tr>",
    "<w:tc>",
    "</w:tc>",
    '<c r="A1">',
    '<row r="1">',
    "<br/>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&#1;",
    "&amp;",
    "&#xFFFF;",
    "\u0000",
    "\u0001",
    "\ud800",
  ),
  fc.integer({ min: 1, max: 100000 }).map((n) => `<td colspan="${n}" rowspan="${n % 997}">x</td>`),
  fc
    .tuple(fc.integer({ min: 1, max: 1048576 }), fc.integer({ min: 1, max: 16384 }))
    .map(([r, c]) => `<mergeCell ref="A1:${col(c)}${r}"/>`),
  fc
    .tuple(
      fc.constantFrom("<div>", "<span>", "<w:p>", "<table><tr><td>"),
      fc.integer({ min: 1, max: 3000 }),
    )
    .map(([t, n]) => t.repeat(n)),
  fc.string({ maxLength: 40 }),
);

function col(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Markup-level mutations of a text (XML part or HTML page). */
function mutatedMarkup(base: string): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.nat({ max: base.length }), markup, fc.nat({ max: 64 })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((edits) => {
      let s = base;
      for (const [at, insert, cut] of edits) {
        const p = Math.min(at, s.length);
        s = s.slice(0, p) + insert + s.slice(p + cut);
      }
      return s;
    });
}

/** A zip with one of its XML parts mutated at the markup level, or the whole zip mutated as bytes. */
function mutatedZip(base: Uint8Array, parts: RegExp): fc.Arbitrary<Uint8Array> {
  const files = unzipSync(base);
  const names = Object.keys(files).filter((n) => parts.test(n));
  const structural = fc
    .constantFrom(...names)
    .chain((name) =>
      mutatedMarkup(new TextDecoder().decode(files[name])).map((xml) =>
        zipSync({ ...files, [name]: new TextEncoder().encode(xml) }, { level: 1 }),
      ),
    );
  return fc.oneof(
    { arbitrary: structural, weight: 3 },
    { arbitrary: mutatedBytes(base), weight: 1 },
  );
}

/** The arbitraries, built once from the real documents. */
export async function fuzzInputs(): Promise<Record<FuzzFormat, fc.Arbitrary<FuzzInput>>> {
  const seedText = readFileSync(seedPath("001"), "utf8");
  const golden = goldenSeeds().find((s) => s.prefix === "001")?.golden;
  if (!golden) throw new Error("seed 001 has no golden file");
  const spec = await describeSeed(golden);
  const pdf = readFileSync(
    join(
      SHARED,
      "corpus",
      "jiangsu",
      "江苏省人大办公厅",
      "江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    ),
  );
  const xlsx = readFileSync(
    join(SHARED, "corpus", "shanghai-templates", "区级单位预算公开模板2026.xlsx"),
  );
  const docx = await makeDocx(spec);
  const html = new TextDecoder().decode(makeHtml(spec));
  const utf8 = new TextEncoder().encode(seedText);
  const text = fc.oneof(
    mutatedBytes(utf8),
    mutatedBytes(encodeGb18030(seedText)),
    fc
      .tuple(fc.nat({ max: seedText.length }), fc.boolean())
      .chain(([cut, gbFirst]) =>
        mutatedBytes(
          concat(
            gbFirst
              ? encodeGb18030(seedText.slice(0, cut))
              : new TextEncoder().encode(seedText.slice(0, cut)),
            gbFirst
              ? new TextEncoder().encode(seedText.slice(cut))
              : encodeGb18030(seedText.slice(cut)),
          ),
        ),
      ),
    fc.string({ unit: "binary", maxLength: 2000 }).map((s) => new TextEncoder().encode(s)),
  );
  const wrap = (a: fc.Arbitrary<Uint8Array>) => a.map((b) => new FuzzInput(b));
  return {
    text: wrap(text),
    pdf: wrap(mutatedBytes(new Uint8Array(pdf))),
    xlsx: wrap(
      mutatedZip(new Uint8Array(xlsx), /^xl\/(?:worksheets\/[^/]+|sharedStrings|workbook)\.xml$/),
    ),
    docx: wrap(mutatedZip(docx, /^word\/document\.xml$/)),
    html: wrap(
      fc.oneof(
        mutatedMarkup(html).map((s) => new TextEncoder().encode(s)),
        mutatedBytes(new TextEncoder().encode(html)),
      ),
    ),
  };
}

/** An input shown by its size and where it was saved, not as a million numbers. */
export class FuzzInput {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  [fc.toStringMethod](): string {
    return `<${this.bytes.length} bytes>`;
  }
}

/**
 * The property: reading ends in a Disclosure or a GongkaiError, and not at
 * the time limit. A failing input is saved (in the system's temporary
 * folder) and named in the error, to become a regression test.
 */
export async function readsCleanly(input: FuzzInput): Promise<void> {
  try {
    await extractBytes(input.bytes, "fuzz", { limits: FUZZ_LIMITS });
  } catch (e) {
    if (e instanceof GongkaiError && !/读取超时|内存超过上限/.test(e.message)) return;
    const name = createHash("sha256").update(input.bytes).digest("hex").slice(0, 16);
    const saved = join(tmpdir(), `gongkai-fuzz-${name}.bin`);
    writeFileSync(saved, input.bytes);
    throw new Error(`${e instanceof Error ? e.message : String(e)}（输入已保存：${saved}）`, {
      cause: e,
    });
  }
}
