/**
 * The recognition report is carried and shown: extract's text and JSON hold
 * it, and a reading cut short (pages past the page bound) makes missing
 * tables a notice about the reading, never the document's error.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { formatPretty } from "../src/check/report/pretty.ts";
import { formatDisclosureText } from "../src/cli/text-format.ts";
import { ingestPdf } from "../src/ingest/pdf/index.ts";
import { DisclosureSchema } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { SHARED } from "./helpers/seeds.ts";

const WELFARE = join(
  SHARED,
  "corpus/shanghai-putuo-budgets/上海市普陀区社会福利院2024年单位预算.pdf",
);

describe("the recognition report", () => {
  it("lists the 目录's tables as found, in the JSON (schema-valid) and in extract's text", async () => {
    const d = recognize(await ingestPdf(readFileSync(WELFARE)), { file: WELFARE });
    assert.ok(d.report);
    const listed = d.report.directory.filter((e) => e.id);
    assert.equal(listed.length, 9, "the 目录 lists the district's nine tables");
    assert.ok(listed.every((e) => e.found));
    assert.equal(d.report.partial, false);
    assert.doesNotThrow(() => DisclosureSchema.parse(JSON.parse(JSON.stringify(d))));
    const text = formatDisclosureText(d);
    assert.match(text, /【读取情况】/);
    assert.match(text, /目录 ✓ 9\.单位“三公”经费和机关运行经费预算表/);
    // Each table says why it got its id.
    assert.match(text, /把握 \d+%（标题含“财政拨款”；标题含“收支”/);
  });

  it("a PDF read only in part: the skipped pages' tables are a reading gap, not the document's error", async () => {
    const layout = await ingestPdf(readFileSync(WELFARE), { maxPages: 9 });
    assert.ok(layout.warnings.some((w) => /只读取了前 9 页/.test(w)));
    const d = recognize(layout, { file: WELFARE });
    assert.ok(d.report?.partial, "a page bound reached makes the reading partial");
    assert.ok(d.report.readerWarnings.some((w) => /只读取了前 9 页/.test(w)));
    // The 目录 lists tables printed on pages 10–15, which were not read.
    assert.ok(d.report.directory.some((e) => e.id && !e.found));
    const report = checkDisclosure(d);
    const missing = report.findings.filter((f) => f.rule === "complete/required-tables");
    assert.ok(missing.length > 0);
    for (const f of missing) {
      assert.equal(f.severity, "info", f.message);
      assert.match(f.message, /读取缺口，不是文档的错误/);
    }
    // The report shows the reading above the findings.
    const pretty = formatPretty([report]);
    assert.ok(pretty.indexOf("【读取情况】") < pretty.indexOf("complete/required-tables"));
    assert.match(pretty, /读取提示：PDF 共 16 页，超过上限 9 页/);
  });
});
