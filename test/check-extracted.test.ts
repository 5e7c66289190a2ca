/**
 * A disclosure gongkai wrote (`gongkai extract -f json`) is read back as
 * itself — checked or stored again without the original — and JSON that
 * claims to be one but does not fit is refused with a Chinese reason, never
 * read as the text of a document.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { extractFile } from "../src/pipeline.ts";
import { seedPath } from "./helpers/seeds.ts";

const dir = mkdtempSync(join(tmpdir(), "gongkai-extracted-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("an extracted disclosure as input", () => {
  it("checks exactly as the document it came from (seed 003)", async () => {
    const d = await extractFile(seedPath("003"));
    const file = join(dir, "003.json");
    writeFileSync(file, `\uFEFF${JSON.stringify(d, null, 2)}`);
    const again = await extractFile(file);
    assert.deepEqual(again, d);
    const messages = (x: typeof d) =>
      checkDisclosure(x).findings.map((f) => `${f.rule} ${f.message}`);
    assert.deepEqual(messages(again), messages(d));
  });

  it("refuses JSON that says it is one and is not, naming the field", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, '{"schemaVersion":"1.0","kind":"预算"}');
    await assert.rejects(extractFile(file), /gongkai 的提取结果（JSON），但内容不符合格式：kind/u);
  });
});
