/**
 * Tables printed without ruling lines: many PDFs made from Word or a web page
 * draw no borders, so nothing but the words' positions says where a column
 * is. Seeds 000–004, each rendered as a web page with its borders taken
 * away and printed to PDF by Chromium and by LibreOffice, must read as they
 * do with borders — and where a table cannot be read so, it must be said to
 * be unchecked, never checked wrongly. The same page printed by the same
 * program with its borders is the reference: only the ruling lines differ.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { checkDisclosure } from "../src/check/engine.ts";
import { uncheckedTables } from "../src/check/trust.ts";
import { findSoffice } from "../src/ingest/office/soffice.ts";
import { ingestPdf } from "../src/ingest/pdf/index.ts";
import type { Disclosure, Table } from "../src/model/schema.ts";
import { extractBytes, extractFile } from "../src/pipeline.ts";
import { renderJson } from "../src/render/index.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";

const CHROMIUM = "/usr/bin/chromium";
const skip = existsSync(CHROMIUM)
  ? false
  : "Debian's chromium is not installed (scripts/system-deps.sh installs it as root)";
const SOFFICE = findSoffice();
const skipOffice = SOFFICE ? false : "LibreOffice (soffice) is not installed";

let browser: Browser | undefined;

/** A web page printed to PDF by Chromium. */
async function printed(html: string): Promise<Uint8Array> {
  if (!browser) {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }
  const page = await browser.newPage();
  await page.setContent(html, { waitUntil: "load" });
  const pdf = new Uint8Array(await page.pdf({ format: "A4", printBackground: false }));
  await page.close();
  return pdf;
}

/** Web pages printed to PDF by LibreOffice (Writer/Web), all in one run. */
function printedByOffice(pages: Map<string, string>): Map<string, Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-unruled-"));
  try {
    const files = [...pages].map(([name, html]) => {
      const file = join(dir, `${name}.html`);
      writeFileSync(file, html);
      return file;
    });
    execFileSync(
      SOFFICE as string,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf:writer_web_pdf_Export",
        "--outdir",
        join(dir, "out"),
        ...files,
      ],
      { stdio: "ignore", timeout: 300_000 },
    );
    return new Map(
      [...pages.keys()].map((name) => [
        name,
        new Uint8Array(readFileSync(join(dir, "out", `${name}.pdf`))),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SEEDS = ["000", "001", "002", "003", "004"];
const PRINTERS = [
  // LibreOffice lays some tables out so that, borders or not, they are read
  // as unchecked (its print with borders leaves the same ones unchecked).
  { name: "Chromium", skip, checked: 3 / 4 },
  { name: "LibreOffice", skip: skipOffice, checked: 1 / 2 },
];
/** Each seed printed with its borders (the reference) and without, by printer. */
const read = new Map<string, { seed: Disclosure; unruled: Disclosure }>();

before(async () => {
  const pages = new Map<string, string>();
  for (const s of SEEDS) {
    const html = new TextDecoder().decode(await renderJson(await extractFile(seedPath(s)), "html"));
    const borderless = html.replace(/border:[^;"]*solid[^;"]*;/gu, "border: none;");
    assert.ok(!/border:[^;"]*solid/u.test(borderless), "every border taken away");
    pages.set(`${s}-ruled`, html);
    pages.set(`${s}-unruled`, borderless);
  }
  if (!skip) {
    for (const s of SEEDS) {
      read.set(`Chromium ${s}`, {
        seed: await extractBytes(await printed(pages.get(`${s}-ruled`) ?? ""), "ruled.pdf"),
        unruled: await extractBytes(await printed(pages.get(`${s}-unruled`) ?? ""), "unruled.pdf"),
      });
    }
  }
  if (!skipOffice) {
    const pdfs = printedByOffice(pages);
    for (const s of SEEDS) {
      read.set(`LibreOffice ${s}`, {
        seed: await extractBytes(pdfs.get(`${s}-ruled`) ?? new Uint8Array(), "ruled.pdf"),
        unruled: await extractBytes(pdfs.get(`${s}-unruled`) ?? new Uint8Array(), "unruled.pdf"),
      });
    }
  }
});
after(async () => {
  await browser?.close();
});

function cells(t: Table): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const r of t.rows)
    for (const [c, v] of Object.entries(r.cells))
      if (v.amount !== null) out.set(`${r.key}|${c}`, v.amount);
  return out;
}

function both(key: string): { seed: Disclosure; unruled: Disclosure } {
  const r = read.get(key);
  assert.ok(r, `${key} printed`);
  return r;
}

for (const printer of PRINTERS)
  for (const s of SEEDS) {
    describe(`a PDF whose tables have no ruling lines (seed ${s} printed by ${printer.name} without borders)`, {
      skip: printer.skip,
    }, () => {
      it("reads the same tables", () => {
        const { seed, unruled } = both(`${printer.name} ${s}`);
        const ids = (d: Disclosure) => d.tables.map((t) => t.id).filter((id) => id !== "other");
        assert.deepEqual(ids(unruled), ids(seed));
      });

      it("every table it checks holds the seed's figures; the others are listed as unchecked", () => {
        const { seed, unruled } = both(`${printer.name} ${s}`);
        const unchecked = new Set(uncheckedTables(unruled).map((u) => u.table));
        const wrong: string[] = [];
        let checked = 0;
        let tables = 0;
        for (const t of unruled.tables) {
          if (t.id === "other" || t.empty) continue;
          tables++;
          if (unchecked.has(t.id)) continue;
          const printed = seed.tables.find((x) => x.id === t.id);
          assert.ok(printed, t.title);
          const a = cells(printed);
          const b = cells(t);
          const off = [...a].filter(([k, v]) => b.get(k) !== v).map(([k]) => k);
          if (off.length > 0) wrong.push(`${t.title}: ${off.slice(0, 4).join(" ")}`);
          else checked++;
        }
        assert.deepEqual(wrong, []);
        // Read by where their words stand, most tables are checked, not set aside.
        assert.ok(checked >= tables * printer.checked, `${checked} of ${tables} tables checked`);
      });

      it("raises no error the seed does not have", () => {
        const { seed, unruled } = both(`${printer.name} ${s}`);
        const errors = (d: Disclosure) =>
          checkDisclosure(d)
            .findings.filter((f) => f.severity === "error")
            .map((f) => f.rule)
            .sort();
        const extra = [...errors(unruled)];
        for (const r of errors(seed)) {
          const i = extra.indexOf(r);
          if (i >= 0) extra.splice(i, 1);
        }
        assert.deepEqual(extra, []);
      });
    });
  }

describe("justified prose is no unruled table", () => {
  // A 江苏 budget justifies its sentences, spreading each figure a column's
  // gap from its words ("2017 年度收入、支出预算总计  17996.68  万元，与上"):
  // read by position, such lines would line up as a table.
  const file = join(SHARED, "corpus", "jiangsu", "江苏省人民检察院", "2017年省检察院部门预算.pdf");
  it("its sentences stay lines", {
    skip: existsSync(file) ? false : "corpus not present",
  }, async () => {
    const layout = await ingestPdf(new Uint8Array(readFileSync(file)));
    const sentences = layout.blocks.filter(
      (b) => b.kind === "line" && /17996\.68\s*万元/u.test(b.text),
    );
    assert.ok(sentences.length >= 4, `${sentences.length} sentences read`);
    const inGrid = layout.blocks.filter(
      (b) => b.kind === "grid" && b.rows.some((r) => r.cells.some((c) => /万元/u.test(c.text))),
    );
    assert.deepEqual(inGrid, []);
  });
});
