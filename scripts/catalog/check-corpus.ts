/**
 * One-off check of the catalog against the corpus PDFs (needs poppler's
 * pdftotext; the catalog itself never does):
 *
 *   node_modules/.bin/node scripts/catalog/check-corpus.ts [/work/shared/corpus]
 *
 * Prints every printed code+name pair that the catalog does not have for the
 * document's year. PDF layout cuts long names ("机关事业单位基本养老保险缴"), so a
 * printed name that is a prefix (≥ 4 characters) of the catalog name counts.
 * Narrative amounts ("200 万元") are filtered by scanPairs.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type CatalogKind, lookup, normalizeName } from "../../src/catalog/index.ts";
import { scanPairs } from "./scan-pairs.ts";

const root = process.argv[2] ?? "/work/shared/corpus";
const kindOf = (code: string): CatalogKind =>
  code.startsWith("5") ? "econ_gov" : code.startsWith("3") ? "econ_dept" : "func";

function* pdfs(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* pdfs(p);
    else if (f.endsWith(".pdf")) yield p;
  }
}

let checked = 0;
let bad = 0;
for (const file of pdfs(root)) {
  // File names carry the fiscal year; the national template is the 2024 one.
  const year = Number(/20(1[7-9]|2\d)/.exec(file)?.[0] ?? 2024);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
    stdio: ["ignore", "pipe", "ignore"],
  });
  for (const p of scanPairs(text)) {
    checked++;
    const e = lookup(p.code, year, kindOf(p.code));
    const n = normalizeName(p.name);
    const en = e ? normalizeName(e.name) : "";
    if (e && (en === n || (n.length >= 4 && en.startsWith(n)))) continue;
    bad++;
    console.log(
      `${relative(root, file)} (${year}) line ${p.line}: ${p.code} ${p.name} — catalog: ${e?.name ?? "none"}`,
    );
  }
}
console.log(`${checked} pairs checked, ${bad} not in the catalog`);
