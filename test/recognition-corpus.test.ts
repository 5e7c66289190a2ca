/**
 * Recognition generalises: on every document in ../shared/corpus (whatever it
 * holds) every table the document's own 目录 lists is found, no table has
 * absorbed another, every table says why it got its id, and no table the
 * 目录 lists is reported missing as the document's error.
 */
import assert from "node:assert/strict";
import { relative } from "node:path";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { extractFile } from "../src/cli/extract.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { CORPUS, corpusDocuments } from "./helpers/corpus.ts";

const documents = corpusDocuments();

describe("recognition on every corpus document", () => {
  it("the corpus is there", () => assert.ok(documents.length > 0, `${CORPUS} 中没有文档`));
  for (const file of documents) {
    const name = relative(CORPUS, file);
    it(name, async () => {
      const d: Disclosure = await extractFile(file);
      assert.ok(d.report, "每次识别都带有读取情况");
      const standard = d.tables.filter((t) => t.id !== "other");

      // Every table names its evidence.
      for (const t of d.tables) {
        assert.ok(t.recognition && t.recognition.reasons.length > 0, `${t.title} 没有识别依据`);
      }

      // Tables are disjoint: none runs on into the next one's title.
      const byLine = [...d.tables].sort((a, b) => a.source.line - b.source.line);
      for (let i = 1; i < byLine.length; i++) {
        const prev = byLine[i - 1];
        const next = byLine[i];
        if (!prev || !next) continue;
        assert.ok(
          (prev.source.endLine ?? prev.source.line) < next.source.line,
          `“${prev.title}”的行越过了下一张表“${next.title}”的标题（第 ${next.source.line} 行）`,
        );
      }

      // Every corpus document is read in full: no page of table figures is left
      // unclaimed (a project description's "1170.00万" is text, not a table).
      assert.deepEqual(d.report.unclaimedPages, []);

      const listed = d.report.directory.filter((e) => e.id !== undefined);
      if (standard.length > 0) {
        // Every table the 目录 lists is found in the body.
        const notFound = listed.filter((e) => !e.found).map((e) => e.title);
        // The published test copy has its 支出决算表 taken out on purpose (manifest.yaml).
        const expectedMissing = /测试问题版本/.test(name) ? ["三、支出决算表"] : [];
        assert.deepEqual(notFound, expectedMissing);
      } else {
        // A narrative published apart from its tables: the tables its 目录
        // lists are not in this file, and that is said, not blamed.
        assert.ok(listed.length > 0, "没有表格的文档应当是另文公开表格的说明，其目录列出表格");
        assert.ok(listed.every((e) => !e.found));
      }

      // No table the 目录 lists (and the body has) is reported missing.
      const report = checkDisclosure(d);
      const missingErrors = report.findings.filter(
        (f) => f.rule === "complete/required-tables" && f.severity === "error",
      );
      if (/测试问题版本/.test(name)) {
        assert.ok(
          missingErrors.some((f) => f.message.includes("支出决算表")),
          "目录列出而正文删去的支出决算表应报为错误",
        );
      } else {
        assert.deepEqual(
          missingErrors.map((f) => f.message),
          [],
          "真实公开文档中不应有缺表错误",
        );
      }
    });
  }
});
