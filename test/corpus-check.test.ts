/**
 * The checker on the real documents of ../shared/corpus, whatever the folder
 * holds: every error it reports there was confirmed by reading the document
 * (each listed below with what is wrong), so a new error is either a newly
 * found problem or an artefact of extraction, and fails this test until
 * someone has looked. A document that appears in the corpus without
 * expectations fails as needing review. The other project's expectations
 * (shanghai-putuo/manifest.yaml) are met or beaten: every error injected into
 * its 测试问题版本 is found.
 */
import assert from "node:assert/strict";
import { extname, join, relative } from "node:path";
import { before, describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import type { CheckReport } from "../src/check/types.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractFile } from "../src/pipeline.ts";
import { CORPUS, corpusFiles } from "./helpers/corpus.ts";
import { CONFIRMED, NO_ERRORS, TEMPLATE } from "./helpers/corpus-confirmed.ts";

/** Files the tool reads as disclosures (by content; the extension only picks what to try). */
const DOCUMENT_EXTENSIONS = new Set([".pdf", ".xls", ".xlsx", ".doc", ".docx", ".htm", ".html"]);
/**
 * Files beside the documents that are not disclosures: README, the other
 * project's manifest, and Camelot's CSV extraction of one table (jiangsu/).
 */
const OTHER_EXTENSIONS = new Set([".md", ".yaml", ".yml", ".csv"]);

/** Every corpus file, as a path relative to CORPUS, sorted. */
const FILES = corpusFiles().map((f) => relative(CORPUS, f));
const DOCUMENTS = FILES.filter((f) => DOCUMENT_EXTENSIONS.has(extname(f).toLowerCase()));

const reviewed = (name: string) =>
  name in CONFIRMED || NO_ERRORS.includes(name) || name === TEMPLATE;

const docs = new Map<string, Disclosure>();
const reports = new Map<string, CheckReport>();
/** Documents that could not be read at all, with the error. */
const unreadable = new Map<string, string>();

before(async () => {
  for (const name of DOCUMENTS) {
    try {
      const d = await extractFile(join(CORPUS, name));
      docs.set(name, d);
      reports.set(name, checkDisclosure(d));
    } catch (e) {
      unreadable.set(name, e instanceof Error ? e.message : String(e));
    }
  }
});

const errorsOf = (name: string) =>
  (reports.get(name)?.findings ?? [])
    .filter((f) => f.severity === "error")
    .map((f) => `${f.rule}@${f.locations[0]?.line}`);

describe("the checker on the corpus documents", () => {
  it("the corpus holds documents, and only files this test knows what to do with", () => {
    assert.ok(DOCUMENTS.length > 0, `no documents under ${CORPUS}`);
    const unknown = FILES.filter((f) => {
      const ext = extname(f).toLowerCase();
      return !DOCUMENT_EXTENSIONS.has(ext) && !OTHER_EXTENSIONS.has(ext);
    });
    assert.deepEqual(
      unknown,
      [],
      "files of a kind this test does not know: add the extension to DOCUMENT_EXTENSIONS (a disclosure) or OTHER_EXTENSIONS (not one)",
    );
  });

  it("every document with expectations is still in the corpus", () => {
    const listed = [...Object.keys(CONFIRMED), ...NO_ERRORS, TEMPLATE];
    assert.deepEqual(
      listed.filter((n) => !DOCUMENTS.includes(n)),
      [],
    );
  });

  for (const name of DOCUMENTS) {
    it(`${name}: read without failures`, () => {
      assert.equal(unreadable.get(name), undefined, name);
      assert.deepEqual(reports.get(name)?.failures, [], name);
    });
    if (name === TEMPLATE) continue;
    it(`${name}: every error is one confirmed in the document, and every confirmed one is found`, () => {
      const found = [...new Set(errorsOf(name))].sort();
      if (!reviewed(name))
        assert.fail(
          `${name}: needs review — a document in the corpus without expectations. Read it, ` +
            `confirm each error the checker reports (${found.length}: ${found.join(", ") || "none"}) ` +
            "in the document, and list them in CONFIRMED (or the document in NO_ERRORS).",
        );
      const expected = Object.keys(CONFIRMED[name] ?? {}).sort();
      assert.deepEqual(found, expected, name);
    });
  }

  it("the national template: its blanks are placeholders, its nine tables all found, no sum or text error", () => {
    const d = docs.get(TEMPLATE);
    const ids = new Set(d?.tables.map((t) => t.id));
    for (const id of [
      "summary",
      "income",
      "expenditure",
      "fiscal_summary",
      "gpb_function",
      "gpb_basic_economic",
      "three_public",
      "gov_fund",
      "state_capital",
    ] as const) {
      assert.ok(ids.has(id), id);
    }
    const errors = errorsOf(TEMPLATE);
    assert.ok(errors.length > 50);
    assert.ok(errors.every((e) => e.startsWith("template/placeholder@")));
  });

  it("manifest: the published 财政局 document has its 收支总表 and 财政拨款收支总表 and no sum error", () => {
    const name = "shanghai-putuo/上海市普陀区财政局2024年度部门决算.pdf";
    const ids = new Set(
      docs
        .get(name)
        ?.tables.filter((t) => !t.empty)
        .map((t) => t.id),
    );
    assert.ok(ids.has("summary") && ids.has("fiscal_summary"));
    assert.ok(!errorsOf(name).some((e) => e.startsWith("arith/") || e.startsWith("xtab/")));
  });

  it("manifest: the two documents it expected to miss 财政拨款收支总表 and the 支出决算明细表 in fact publish them", () => {
    for (const name of [
      "shanghai-putuo/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",
      "shanghai-putuo/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",
    ]) {
      const ids = new Set(
        docs
          .get(name)
          ?.tables.filter((t) => !t.empty)
          .map((t) => t.id),
      );
      assert.ok(ids.has("fiscal_summary") && ids.has("gpb_function"), name);
      assert.ok(!errorsOf(name).some((e) => e.startsWith("complete/required-tables")), name);
    }
  });
});
