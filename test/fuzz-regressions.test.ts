/**
 * What the fuzzer found (test/fuzz-ingest.test.ts, bench/fuzz.bench.ts),
 * each rebuilt here from the real document it was grown from, so that it
 * stays fixed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unzipSync, zipSync } from "fflate";
import { ingestBytes } from "../src/ingest/index.ts";
import { GongkaiError } from "../src/model/errors.ts";
import { describeSeed, goldenSeeds, makeDocx } from "./helpers/make-documents.ts";

/** Seed 001 as a DOCX, its parts unzipped. */
async function seedDocxParts(): Promise<Record<string, Uint8Array>> {
  const golden = goldenSeeds().find((s) => s.prefix === "001")?.golden;
  assert.ok(golden);
  return unzipSync(await makeDocx(await describeSeed(golden)));
}

async function refusedAsDamaged(bytes: Uint8Array, why: RegExp): Promise<void> {
  await assert.rejects(ingestBytes(bytes), (e: unknown) => {
    assert.ok(e instanceof GongkaiError);
    assert.equal(e.code, "unreadable");
    assert.match(e.message, why);
    return true;
  });
}

describe("fuzzer findings", () => {
  it("a DOCX whose closing </w:document> is damaged: refused as damaged before mammoth (xmldom took 8 s on one)", async () => {
    const files = await seedDocxParts();
    const xml = new TextDecoder().decode(files["word/document.xml"]);
    const damaged = xml.replace("</w:document>", '</w:documend"V_z.OeRZ>');
    assert.notEqual(damaged, xml);
    const bytes = zipSync({ ...files, "word/document.xml": new TextEncoder().encode(damaged) });
    await refusedAsDamaged(bytes, /文件已损坏（XML 部件的结束标签与开始标签不匹配）/);
  });

  it("a DOCX whose document.xml has elements after its root: refused as damaged before mammoth (xmldom took 11 s on one)", async () => {
    const golden = goldenSeeds().find((s) => s.prefix === "001")?.golden;
    assert.ok(golden);
    const files = unzipSync(await makeDocx(await describeSeed(golden)));
    const xml = new TextDecoder().decode(files["word/document.xml"]);
    const spliced = `${xml}${"<w:p><w:r><w:t>多余</w:t></w:r></w:p>".repeat(3000)}`;
    const bytes = zipSync({ ...files, "word/document.xml": new TextEncoder().encode(spliced) });
    await assert.rejects(ingestBytes(bytes), (e: unknown) => {
      assert.ok(e instanceof GongkaiError);
      assert.equal(e.code, "unreadable");
      assert.match(e.message, /文件已损坏（XML 部件有多个根元素）/);
      return true;
    });
  });
});
