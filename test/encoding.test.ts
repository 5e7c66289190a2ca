/**
 * The same seed in every encoding Chinese tools write extracts to the same
 * facts. The copies are made here at test time.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ingestBytes } from "../src/ingest/index.ts";
import { decodeText } from "../src/ingest/text/decode.ts";
import { toFacts } from "../src/model/facts.ts";
import { recognize } from "../src/recognize/index.ts";
import { encodeGb18030, encodeUtf16 } from "./helpers/encode.ts";
import { seedPath } from "./helpers/seeds.ts";

const text = readFileSync(seedPath("003"), "utf8");
const baseline = toFacts(recognize(await ingestBytes(Buffer.from(text, "utf8"))));

const variants: [string, Uint8Array, string][] = [
  ["UTF-8", Buffer.from(text, "utf8"), "utf-8"],
  [
    "UTF-8 with BOM",
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]),
    "utf-8-bom",
  ],
  ["GB18030", encodeGb18030(text), "gb18030"],
  ["UTF-16LE with BOM", encodeUtf16(text, "le", true), "utf-16le"],
  ["UTF-16BE with BOM", encodeUtf16(text, "be", true), "utf-16be"],
  ["UTF-16LE without BOM", encodeUtf16(text, "le", false), "utf-16le"],
];

describe("encodings", () => {
  it("the baseline has facts", () => assert.ok(baseline.facts.length > 150));
  for (const [name, bytes, encoding] of variants) {
    it(`${name} is detected from content and extracts the same facts`, async () => {
      const decoded = decodeText(bytes);
      assert.equal(decoded.encoding, encoding);
      assert.equal(decoded.text, text);
      const facts = toFacts(recognize(await ingestBytes(bytes)));
      assert.deepEqual(facts, baseline);
    });
  }
  it("GB18030 is not mistaken for UTF-8 even when short", () => {
    const bytes = encodeGb18030("收入支出决算表 金额单位：万元");
    assert.equal(decodeText(bytes).encoding, "gb18030");
    assert.equal(decodeText(bytes).text, "收入支出决算表 金额单位：万元");
  });
  it("binary data is refused with a Chinese message", () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    assert.throws(() => decodeText(bytes), /文件不是文本|无法识别文件的字符编码/);
  });
});
