/**
 * Tables printed without ruling lines: many PDFs made from Word or a web page
 * draw no borders, so nothing but the words' positions says where a column
 * is. Seeds 000–004, each rendered as a web page with its borders taken
 * away and printed to PDF by Chromium, must read as they do with borders —
 * and where a table cannot be read so, it must be said to be unchecked,
 * never checked wrongly. The same page printed with its borders is the
 * reference: only the ruling lines differ.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { checkDisclosure } from "../src/check/engine.ts";
import { uncheckedTables } from "../src/check/trust.ts";
import type { Disclosure, Table } from "../src/model/schema.ts";
import { extractBytes, extractFile } from "../src/pipeline.ts";
import { renderJson } from "../src/render/index.ts";
import { seedPath } from "./helpers/seeds.ts";

const CHROMIUM = "/usr/bin/chromium";
const skip = existsSync(CHROMIUM)
  ? false
  : "Debian's chromium is not installed (scripts/system-deps.sh installs it as root)";

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

const SEEDS = ["000", "001", "002", "003", "004"];
/** Each seed printed with its borders (the reference) and without. */
const read = new Map<string, { seed: Disclosure; unruled: Disclosure }>();

before(async () => {
  if (skip) return;
  for (const s of SEEDS) {
    const html = new TextDecoder().decode(await renderJson(await extractFile(seedPath(s)), "html"));
    const borderless = html.replace(/border:[^;"]*solid[^;"]*;/gu, "border: none;");
    assert.ok(!/border:[^;"]*solid/u.test(borderless), "every border taken away");
    read.set(s, {
      seed: await extractBytes(await printed(html), "ruled.pdf"),
      unruled: await extractBytes(await printed(borderless), "unruled.pdf"),
    });
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

function both(s: string): { seed: Disclosure; unruled: Disclosure } {
  const r = read.get(s);
  assert.ok(r, `seed ${s} printed`);
  return r;
}

for (const s of SEEDS) {
  describe(`a PDF whose tables have no ruling lines (seed ${s} printed without borders)`, {
    skip,
  }, () => {
    it("reads the same tables", () => {
      const { seed, unruled } = both(s);
      const ids = (d: Disclosure) => d.tables.map((t) => t.id).filter((id) => id !== "other");
      assert.deepEqual(ids(unruled), ids(seed));
    });

    it("every table it checks holds the seed's figures; the others are listed as unchecked", () => {
      const { seed, unruled } = both(s);
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
      // Read by where their words stand, most tables are read, not set aside.
      assert.ok(checked * 4 >= tables * 3, `${checked} of ${tables} tables checked`);
    });

    it("raises no error the seed does not have", () => {
      const { seed, unruled } = both(s);
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
