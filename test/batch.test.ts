/**
 * `gongkai batch` end to end, as a user runs it (bin/gongkai.mjs in a child
 * process) over the five seeds, two corpus PDFs, a corpus workbook, a copy of
 * a seed under another name and a file that is not a readable PDF, into a
 * new SQLite store:
 * - every readable document is processed and stored with the current rule
 *   set; the bad file is listed with its Chinese error, on stdout and in both
 *   reports, and does not stop the others; the copy is one document;
 * - the HTML and XLSX reports carry the counts the store holds;
 * - a second run processes nothing (every stored document untouched), and a
 *   document left half-processed (as a killed run leaves it) is the only one
 *   a third run processes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { ruleSetVersion } from "../src/check/version.ts";
import { runBatch } from "../src/jobs/batch.ts";
import { openStore } from "../src/store/open.ts";
import type { DocumentSummary, Store } from "../src/store/types.ts";
import { SEEDS_DIR, SHARED, seedPath } from "./helpers/seeds.ts";

const BIN = join(import.meta.dirname, "..", "bin", "gongkai.mjs");
const CORPUS = join(SHARED, "corpus");
const PDFS = [
  join(CORPUS, "jiangsu", "江苏省人大办公厅", "江苏省人大常委会办公厅2019年部门预算公开表.pdf"),
  join(CORPUS, "shanghai-putuo-budgets", "上海市普陀区商务委员会2025年单位预算.pdf"),
];
const WORKBOOK = join(CORPUS, "shanghai-templates", "区级单位预算公开模板2026.xlsx");

const dir = mkdtempSync(join(tmpdir(), "gongkai-batch-"));
const inputs = join(dir, "输入");
const db = join(dir, "批量.db");
const bad = join(inputs, "损坏的公开文档.pdf");
const copy = join(inputs, "同一份文档的副本.txt");
const html = join(dir, "批量报告.html");
const xlsx = join(dir, "批量报告.xlsx");
// At the end of the file, whichever tests ran.
after(() => rmSync(dir, { recursive: true, force: true }));
const ARGS = [SEEDS_DIR, ...PDFS, WORKBOOK, inputs, "--db", db];
/** Readable documents: five seeds, two PDFs, the workbook (the copy is the first seed again). */
const GOOD = 8;

function gongkai(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: 600_000,
    cwd: dir,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function allDocuments(): Promise<DocumentSummary[]> {
  return withStore(async (s) => (await s.listDocuments({ limit: 1000 })).items);
}

describe("gongkai batch", () => {
  let first: ReturnType<typeof gongkai>;
  let docs: DocumentSummary[];
  before(async () => {
    mkdirSync(inputs);
    // Bytes that start like a PDF and are not one.
    writeFileSync(bad, "%PDF-1.7\n这不是 PDF 的内容\n%%EOF\n");
    copyFileSync(seedPath("000"), copy);
    first = gongkai("batch", ...ARGS, "--report", html, "--report", xlsx);
    docs = await allDocuments();
  });

  it("processes every readable document into the store, with the current rule set", async () => {
    assert.equal(first.code, 2, first.stderr);
    const done = docs.filter((d) => d.status === "done");
    assert.equal(done.length, GOOD, JSON.stringify(docs.map((d) => [d.fileName, d.status])));
    await withStore(async (store) => {
      for (const d of done) {
        const check = await store.getCheck(d.id, "recommended");
        assert.equal(check?.ruleSetVersion, ruleSetVersion(), d.fileName);
        assert.deepEqual(check?.report.summary.error, d.summary?.error);
      }
    });
    assert.ok(done.some((d) => d.entityName?.includes("医疗保障")));
    assert.match(first.stdout, /本次处理 8，已处理过（跳过）0，无法读取 1，内容相同（只计一次）1/);
  });

  it("lists the bad file with its Chinese error and stores that error", () => {
    const stored = docs.find((d) => d.fileName === "损坏的公开文档.pdf");
    assert.equal(stored?.status, "error");
    assert.match(stored?.error ?? "", /[\u4e00-\u9fff]/u);
    const line = first.stdout.split("\n").find((l) => l.startsWith("出错"));
    assert.equal(line, `出错　${bad}：${stored?.error}`);
  });

  it("shows progress on stderr as plain lines when stderr is not a terminal", () => {
    assert.match(first.stderr, /^进度：10\/10（100%） · [\d.]+ 份\/秒/mu);
    assert.doesNotMatch(first.stderr, /\r/);
  });

  it("writes HTML and XLSX reports with the store's counts", async () => {
    const done = docs.filter((d) => d.status === "done");
    const sum = (k: "error" | "warning" | "info") =>
      done.reduce((n, d) => n + (d.summary?.[k] ?? 0), 0);
    const page = readFileSync(html, "utf8");
    const count = (label: string) =>
      Number(page.match(new RegExp(`<b>(\\d+)</b><span>${label}</span>`))?.[1]);
    assert.equal(count("已检查文档"), GOOD);
    assert.equal(count("无法读取"), 1);
    assert.equal(count("错误"), sum("error"));
    assert.equal(count("警告"), sum("warning"));
    assert.equal(count("提示"), sum("info"));
    assert.ok(page.includes(bad), "the bad file is in the HTML report");
    assert.ok(page.includes("按规则") && page.includes("按地区") && page.includes("按主体"));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const overview = new Map<string, unknown>();
    wb.getWorksheet("概况")?.eachRow((row, n) => {
      if (n > 1) overview.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    assert.equal(overview.get("已检查文档"), GOOD);
    assert.equal(overview.get("错误"), sum("error"));
    assert.equal(overview.get("警告"), sum("warning"));
    const documents = wb.getWorksheet("文档");
    assert.equal((documents?.rowCount ?? 0) - 1, GOOD);
    // Worst first: errors never rise down the sheet.
    const errors: number[] = [];
    documents?.eachRow((row, n) => {
      if (n > 1) errors.push(Number(row.getCell(8).value));
    });
    assert.deepEqual(
      errors,
      [...errors].sort((a, b) => b - a),
    );
    const byRule = wb.getWorksheet("按规则");
    let ruleErrors = 0;
    byRule?.eachRow((row, n) => {
      if (n > 1) ruleErrors += Number(row.getCell(4).value);
    });
    assert.equal(ruleErrors, sum("error"));
    const failed = wb.getWorksheet("无法读取");
    assert.equal(failed?.getRow(2).getCell(1).value, bad);
    assert.match(String(failed?.getRow(2).getCell(2).value), /[\u4e00-\u9fff]/u);
  });

  it("refuses a report it could not write before doing any work", () => {
    const other = join(dir, "别的.db");
    const r = gongkai(
      "batch",
      SEEDS_DIR,
      "--db",
      other,
      "--report",
      join(dir, "没有的文件夹", "报告.html"),
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^错误：无法写入输出文件 .*报告\.html：文件夹 .*没有的文件夹 不存在/u);
    assert.ok(!existsSync(other), "no store was opened");
    const wrong = gongkai("batch", SEEDS_DIR, "--db", other, "--report", join(dir, "报告.pdf"));
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /报告文件的扩展名应为 \.html 或 \.xlsx/u);
  });

  it("a second run processes nothing; a half-processed document is the only one a third run takes", async () => {
    const again = gongkai("batch", ...ARGS);
    assert.equal(again.code, 2);
    assert.match(again.stdout, /本次处理 0，已处理过（跳过）8，无法读取 1/);
    assert.match(again.stdout, /上次处理时的结果，未重新读取/);
    const after = await allDocuments();
    assert.deepEqual(
      after.map((d) => [d.id, d.updatedAt, d.attempts]),
      docs.map((d) => [d.id, d.updatedAt, d.attempts]),
      "no stored document was touched",
    );

    // A run killed mid-document leaves it processing: the next run finishes that one only.
    const victim = after.find((d) => d.status === "done") as DocumentSummary;
    await withStore((s) => s.reclaim(victim.id));
    const third = gongkai("batch", ...ARGS);
    assert.match(third.stdout, /本次处理 1，已处理过（跳过）7，无法读取 1/);
    const finished = await allDocuments();
    assert.equal(finished.find((d) => d.id === victim.id)?.status, "done");
    assert.equal(finished.length, docs.length, "one record per document");
  });
});

describe("runBatch when the store fails", () => {
  it("stops with the store's error, blames no file and leaves no thread running", async () => {
    const where = mkdtempSync(join(tmpdir(), "gongkai-batch-fail-"));
    const store = await openStore(join(where, "g.db"));
    try {
      let stored = 0;
      // The real store, whose disk "fills" after two documents.
      const failing = new Proxy(store, {
        get(target, key, receiver) {
          if (key === "markDone")
            return async (...args: Parameters<Store["markDone"]>) => {
              if (++stored > 2) throw new Error("磁盘已满");
              return target.markDone(...args);
            };
          const v = Reflect.get(target, key, receiver);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
      const seen: string[] = [];
      await assert.rejects(
        runBatch(failing, [SEEDS_DIR], { threads: 2, onItem: (i) => seen.push(i.outcome) }),
        /磁盘已满/,
      );
      assert.ok(!seen.includes("error"), "no file is listed as bad for the store's failure");
      assert.ok(seen.length < 5, "the batch stopped");
    } finally {
      await store.close();
      rmSync(where, { recursive: true, force: true });
    }
  });
});
