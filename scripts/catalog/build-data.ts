/**
 * Maintenance script: expands scripts/catalog/entries.txt into
 * src/catalog/data/{func,econ_dept,econ_gov}.csv and attaches evidence.
 *
 *   node_modules/.bin/node scripts/catalog/build-data.ts [--corpus DIR]
 *
 * Evidence sources (all optional except entries.txt):
 *   - /work/shared/catalog-draft/classification-draft.csv — its `source` tags
 *     are copied for rows whose (kind, code, name) match an entry;
 *   - /work/shared/seeds/*.txt — "seed:NNN" when the pair is printed there in
 *     the seed's fiscal year;
 *   - a directory of `pdftotext -layout` outputs of the corpus PDFs (named
 *     "<region>__<unit>__<file>.txt"); "corpus:<region>/<unit>/<file>". Poppler is
 *     only needed for this step, never at runtime.
 * Entries with none of these get "knowledge-unverified".
 * Anything printed in a source but absent from the catalog is reported on
 * stderr so that it is either added or recognised as a typo.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeName } from "../../src/catalog/normalize.ts";
import { scanPairs } from "./scan-pairs.ts";

type Kind = "func" | "econ_dept" | "econ_gov";
interface Row {
  code: string;
  name: string;
  kind: Kind;
  level: number;
  parent: string;
  from: number;
  to: number | null;
  evidence: string[];
}

const FIRST = 2017;
const here = import.meta.dirname;
const outDir = join(here, "../../src/catalog/data");
const draftPath = "/work/shared/catalog-draft/classification-draft.csv";
const seedDir = "/work/shared/seeds";
const corpusArg = process.argv.indexOf("--corpus");
const corpusDir = corpusArg > 0 ? process.argv[corpusArg + 1] : "/tmp/corpus";
export const SEED_YEARS: Record<string, number> = {
  "000": 2025,
  "001": 2024,
  "002": 2022,
  "003": 2023,
  "004": 2025,
};

function parseRange(s: string | undefined): [number, number | null] {
  if (!s) return [FIRST, null];
  const m = /^\{(\d{4})?-(\d{4})?\}$/.exec(s);
  if (!m) throw new Error(`bad range ${s}`);
  return [m[1] ? Number(m[1]) : FIRST, m[2] ? Number(m[2]) : null];
}

function levelOf(code: string): number {
  return code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
}

const rows: Row[] = [];
let kind: Kind = "func";
let lastKuan = "";
const span = (k: Kind, code: string): [number, number | null] => {
  const own = rows.filter((r) => r.kind === k && r.code === code);
  if (own.length === 0) throw new Error(`no parent ${code}`);
  const from = Math.min(...own.map((r) => r.from));
  const to = own.some((r) => r.to === null) ? null : Math.max(...own.map((r) => r.to ?? 0));
  return [from, to];
};
function add(k: Kind, code: string, name: string, range: string | undefined) {
  const level = levelOf(code);
  const parent = level === 1 ? "" : code.slice(0, level === 2 ? 3 : 5);
  let [from, to] = parseRange(range);
  if (!range && parent) [from, to] = span(k, parent);
  rows.push({ code, name, kind: k, level, parent, from, to, evidence: [] });
}
for (const rawLine of readFileSync(join(here, "entries.txt"), "utf8").split("\n")) {
  if (rawLine.startsWith("#") || rawLine.trim() === "") continue;
  if (rawLine.startsWith("@")) {
    kind = rawLine.slice(1).trim() as Kind;
    continue;
  }
  if (/^\s/.test(rawLine)) {
    let body = rawLine.trim();
    const std = /^\+std (\S+)$/.exec(body);
    if (std) body = `01 行政运行; 02 一般行政管理事务; 03 机关服务; 50 事业运行; 99 ${std[1]}`;
    for (const part of body.split(";")) {
      const m = /^(\d\d) (\S+)(?: (\{[^}]*\}))?$/.exec(part.trim());
      if (!m) throw new Error(`bad item ${part} in ${rawLine}`);
      add(kind, lastKuan + m[1], m[2] as string, m[3]);
    }
    continue;
  }
  const m = /^(\d{3}|\d{5}) (\S+)(?: (\{[^}]*\}))?$/.exec(rawLine.trim());
  if (!m) throw new Error(`bad line ${rawLine}`);
  add(kind, m[1] as string, m[2] as string, m[3]);
  if ((m[1] as string).length === 5) lastKuan = m[1] as string;
}

// Ordered items were appended after their "+std" block; sort by code then from.
rows.sort(
  (a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code) || a.from - b.from,
);

// Sanity: no overlapping ranges per (kind, code).
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1] as Row;
  const b = rows[i] as Row;
  if (a.kind === b.kind && a.code === b.code && (a.to === null || a.to >= b.from)) {
    throw new Error(`overlap ${a.code} ${a.name} / ${b.name}`);
  }
}

const inYear = (r: Row, y: number) => r.from <= y && (r.to === null || y <= r.to);
const kindOf = (code: string): Kind =>
  code.startsWith("5") ? "econ_gov" : code.startsWith("3") ? "econ_dept" : "func";
const addEv = (r: Row, tag: string) => {
  if (!r.evidence.includes(tag)) r.evidence.push(tag);
};
const problems: string[] = [];

// 1. Draft tags.
if (existsSync(draftPath)) {
  const lines = readFileSync(draftPath, "utf8").trim().split("\n").slice(1);
  for (const line of lines) {
    const [code, name, , , k, ...src] = line.split(",");
    if (k === "revenue" || !code || !name) continue;
    const hits = rows.filter(
      (r) => r.kind === k && r.code === code && normalizeName(r.name) === normalizeName(name),
    );
    if (hits.length === 0) problems.push(`draft row not in catalog: ${line}`);
    for (const tag of src.join(",").split(" | ")) {
      const t = tag.startsWith("knowledge-unverified") ? "knowledge-unverified" : tag.trim();
      for (const h of hits) addEv(h, t.startsWith("obs-single") ? t : t);
    }
  }
}

// 2. Seeds (exact names) and 3. corpus (names may be cut by the PDF layout).
function scan(tag: string, year: number, text: string, allowPrefix: boolean) {
  // Summary tables list every 功能分类 类 by ordinal without its code
  // ("七、文化旅游体育与传媒支出"): that confirms the 类 name for the year.
  for (const m of text.matchAll(/[一二三四五六七八九十]+、([\p{Script=Han}]+)/gu)) {
    const n = normalizeName(m[1] as string);
    for (const r of rows) {
      if (r.kind === "func" && r.level === 1 && inYear(r, year) && normalizeName(r.name) === n)
        addEv(r, tag);
    }
  }
  for (const p of scanPairs(text)) {
    const k = kindOf(p.code);
    const n = normalizeName(p.name);
    const cands = rows.filter((r) => r.kind === k && r.code === p.code && inYear(r, year));
    const hit = cands.find((r) => {
      const rn = normalizeName(r.name);
      return rn === n || (allowPrefix && n.length >= 4 && rn.startsWith(n));
    });
    if (hit) addEv(hit, tag);
    else
      problems.push(
        `${tag} (${year}) line ${p.line}: ${p.code} ${p.name} — catalog has: ${cands.map((c) => c.name).join("/") || "nothing"}`,
      );
  }
}
for (const f of readdirSync(seedDir).sort()) {
  const id = f.slice(0, 3);
  const year = SEED_YEARS[id];
  if (year) scan(`seed:${id}`, year, readFileSync(join(seedDir, f), "utf8"), false);
}
if (corpusDir && existsSync(corpusDir)) {
  for (const f of readdirSync(corpusDir).sort()) {
    const year = /2017/.test(f) ? 2017 : /2018/.test(f) ? 2018 : /2019/.test(f) ? 2019 : 2024;
    const tag = `corpus:${f
      .replace(/\.txt$/, "")
      .replaceAll("__", "/")
      .replaceAll(" ", "")}`;
    scan(tag, year, readFileSync(join(corpusDir, f), "utf8"), true);
  }
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
for (const k of ["func", "econ_dept", "econ_gov"] as const) {
  const out = ["code,name,kind,level,parent,from,to,evidence"];
  for (const r of rows.filter((x) => x.kind === k)) {
    // A draft "knowledge-unverified" tag is superseded once a document confirms it.
    if (r.evidence.length > 1) r.evidence = r.evidence.filter((e) => e !== "knowledge-unverified");
    if (r.evidence.length === 0) r.evidence.push("knowledge-unverified");
    out.push(
      [
        r.code,
        r.name,
        r.kind,
        String(r.level),
        r.parent,
        String(r.from),
        r.to === null ? "" : String(r.to),
        r.evidence.join(";"),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  writeFileSync(join(outDir, `${k}.csv`), `${out.join("\n")}\n`);
}
for (const k of ["func", "econ_dept", "econ_gov"]) {
  const rs = rows.filter((r) => r.kind === k);
  const unv = rs.filter(
    (r) => r.evidence.length === 1 && r.evidence[0] === "knowledge-unverified",
  ).length;
  console.log(`${k}: ${rs.length} entries, ${unv} knowledge-unverified only`);
}
console.error([...new Set(problems)].join("\n"));
