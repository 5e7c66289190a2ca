/**
 * `runRender` (the body of `gongkai render`): a JSON input (RenderInput or a
 * bare Disclosure as `gongkai extract -f json` prints it) or a disclosure
 * document, written to a file; bad input is a Chinese GongkaiError.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { extractFile } from "../src/cli/extract.ts";
import { runRender } from "../src/cli/render.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import { GongkaiError } from "../src/model/errors.ts";
import { toFacts } from "../src/model/facts.ts";
import { recognize } from "../src/recognize/index.ts";
import { loadGolden, missingGoldenFacts } from "./helpers/make-documents.ts";
import { seedPath } from "./helpers/seeds.ts";

const dir = mkdtempSync(join(tmpdir(), "gongkai-render-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("runRender", () => {
  it("a bare Disclosure as JSON → HTML file that reads back to every golden fact", async () => {
    const json = join(dir, "000.json");
    writeFileSync(json, JSON.stringify(await extractFile(seedPath("000"))));
    const out = join(dir, "000.html");
    await runRender(json, "html", out);
    const back = recognize(await ingestBytes(readFileSync(out)));
    assert.deepEqual(
      missingGoldenFacts(loadGolden("000_451c231ef299bff3.json"), toFacts(back)),
      [],
    );
  });

  it("a disclosure document → PDF written anew from its figures", async () => {
    const out = join(dir, "003.pdf");
    const bytes = await runRender(seedPath("003"), "pdf", out);
    assert.equal(new TextDecoder().decode(readFileSync(out).subarray(0, 5)), "%PDF-");
    assert.equal(readFileSync(out).byteLength, bytes.byteLength);
    const back = recognize(await ingestBytes(bytes));
    assert.deepEqual(
      missingGoldenFacts(loadGolden("003_918f25c38c78e23d.json"), toFacts(back)),
      [],
    );
  });

  it("bad JSON, a wrong shape and a missing file are Chinese errors", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    await assert.rejects(
      runRender(bad, "html"),
      (e: unknown) => e instanceof GongkaiError && /不是有效的 JSON/.test(e.message),
    );
    const wrong = join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ disclosure: { kind: "预算" } }));
    await assert.rejects(
      runRender(wrong, "html"),
      (e: unknown) =>
        e instanceof GongkaiError && /生成输入不符合格式：字段 disclosure\./.test(e.message),
    );
    await assert.rejects(
      runRender(join(dir, "missing.json"), "html"),
      (e: unknown) => e instanceof GongkaiError && /找不到文件/.test(e.message),
    );
  });
});

describe("render says what its input did not read", () => {
  const SHARED_DIR = join(import.meta.dirname, "..", "..", "shared");
  it("a narrative file whose tables were published apart: a warning names the tables not read", async () => {
    const warnings: string[] = [];
    await runRender(
      join(SHARED_DIR, "corpus/jiangsu/江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf"),
      "html",
      undefined,
      (s) => warnings.push(s),
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /提示：.*未能读取.*“一、收支预算总表”.*未识别.*【待填写】/u);
  });

  it("a document read in full: no warning", async () => {
    const warnings: string[] = [];
    await runRender(join(SHARED_DIR, "seeds/002_2ab87d748f3e6997.txt"), "html", undefined, (s) =>
      warnings.push(s),
    );
    assert.deepEqual(warnings, []);
  });
});
