/**
 * 政府收支分类科目 — the Chinese government revenue/expenditure classification
 * (支出功能分类, 部门预算支出经济分类, 政府预算支出经济分类) as versioned data.
 *
 * Data: `src/catalog/data/{func,econ_dept,econ_gov}.csv`, one row per (code,
 * name, year span), generated from `scripts/catalog/entries.txt` by
 * `scripts/catalog/build-data.ts`, which also records each row's evidence
 * (see src/catalog/README.md for what the tags mean and how far to trust them).
 *
 * Years: the catalog covers fiscal years 2017–2025. A code can have several
 * entries whose `from`/`to` spans do not overlap (e.g. 20805 行政事业单位离退休
 * to 2019, 行政事业单位养老支出 from 2020). Queries for a year outside the
 * covered range are clamped to the nearest covered year, because documents of
 * a later year (2026 budgets) are compiled with the latest edition we have and
 * older ones are closest to 2017's names.
 *
 * The CSVs are read once, on first use, into in-memory indexes; every query
 * after that is a map lookup, so calling this per table row is cheap. A
 * missing or malformed CSV throws a CatalogError on that first use.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeName } from "./normalize.ts";

export { normalizeName };

export type CatalogKind = "func" | "econ_dept" | "econ_gov";

export interface CatalogEntry {
  /** "2101550" */
  code: string;
  /** Official name for the years [from, to]. */
  name: string;
  kind: CatalogKind;
  /** 类 / 款 / 项 (econ kinds only have 1 and 2). */
  level: 1 | 2 | 3;
  /** "21015"; null for a 类. */
  parent: string | null;
  /** First fiscal year the name applies (2017 if it was already in use then). */
  from: number;
  /** Last year; null = still current. */
  to: number | null;
  evidence: string[];
}

export const CATALOG_YEARS: { from: 2017; to: 2025 } = Object.freeze({ from: 2017, to: 2025 });

const KINDS: readonly CatalogKind[] = ["func", "econ_dept", "econ_gov"];

interface Indexes {
  byCode: Map<string, CatalogEntry[]>;
  byName: Map<string, CatalogEntry[]>;
  byParent: Map<string, CatalogEntry[]>;
  byKind: Map<CatalogKind, CatalogEntry[]>;
}

let cache: Indexes | undefined;

const key = (kind: CatalogKind, code: string) => `${kind}:${code}`;

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** Minimal RFC 4180 line splitter: the data only quotes cells containing commas. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cur);
      cur = "";
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/**
 * The catalog's data cannot be read: a file missing, or a row that is not
 * what build-data.ts writes. Never an empty catalog in its place: every
 * classification would then silently go unresolved.
 */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogError";
  }
}

const HEADER = "code,name,kind,level,parent,from,to,evidence";

function year(s: string): number | undefined {
  return /^\d{4}$/.test(s) ? Number(s) : undefined;
}

/**
 * The entries of one catalog CSV (`file` only names it in errors). Throws a
 * CatalogError naming the file and line for anything malformed: a wrong
 * header, a row of the wrong width or kind, a code that is not digits, a
 * level or parent that does not fit the code, a year span that is not one,
 * or no entries at all.
 */
export function parseCatalogCsv(text: string, kind: CatalogKind, file: string): CatalogEntry[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0] !== HEADER)
    throw new CatalogError(
      `分类科目目录 ${file} 格式错误：第 1 行应为表头“${HEADER}”，实为“${(lines[0] ?? "").slice(0, 80)}”`,
    );
  const list: CatalogEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const bad = (what: string) =>
      new CatalogError(
        `分类科目目录 ${file} 第 ${i + 1} 行格式错误：${what}（${line.slice(0, 80)}）`,
      );
    const cells = splitCsvLine(line);
    if (cells.length !== 8) throw bad(`应有 8 列，实有 ${cells.length} 列`);
    const [
      code = "",
      name = "",
      k = "",
      level = "",
      parent = "",
      from = "",
      to = "",
      evidence = "",
    ] = cells;
    if (k !== kind) throw bad(`类别 ${k} 出现在 ${kind}.csv 中`);
    if (!/^\d{3}(?:\d{2}){0,2}$/.test(code)) throw bad(`科目编码 ${code} 不是 3、5 或 7 位数字`);
    if (name.trim() === "") throw bad("科目名称为空");
    if (level !== "1" && level !== "2" && level !== "3") throw bad(`级次 ${level} 不是 1、2 或 3`);
    const lv = Number(level) as 1 | 2 | 3;
    if (code.length !== 1 + 2 * lv) throw bad(`级次 ${lv} 与 ${code.length} 位编码不符`);
    if (lv === 1 ? parent !== "" : parent !== code.slice(0, code.length - 2))
      throw bad(`上级编码 ${parent || "（空）"} 与编码 ${code} 不符`);
    const fromYear = year(from);
    const toYear = to === "" ? null : year(to);
    if (fromYear === undefined) throw bad(`起始年度 ${from} 不是年份`);
    if (toYear === undefined || (toYear !== null && toYear < fromYear))
      throw bad(`终止年度 ${to} 不是 ${fromYear} 年或以后的年份`);
    list.push(
      Object.freeze({
        code,
        name,
        kind,
        level: lv,
        parent: parent === "" ? null : parent,
        from: fromYear,
        to: toYear,
        evidence: Object.freeze(evidence.split(";").filter(Boolean)) as string[],
      }),
    );
  }
  if (list.length === 0) throw new CatalogError(`分类科目目录 ${file} 没有任何科目`);
  return list;
}

/** One catalog CSV from disk: a CatalogError if it is missing, unreadable or malformed. */
export function loadCatalogFile(file: string, kind: CatalogKind): CatalogEntry[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CatalogError(
      `分类科目目录数据无法读取：${file}（${e instanceof Error ? e.message : String(e)}）；` +
        "请用 scripts/catalog/build-data.ts 重新生成",
    );
  }
  return parseCatalogCsv(text, kind, file);
}

function load(): Indexes {
  if (cache) return cache;
  const idx: Indexes = {
    byCode: new Map(),
    byName: new Map(),
    byParent: new Map(),
    byKind: new Map(),
  };
  for (const kind of KINDS) {
    const file = join(import.meta.dirname, "data", `${kind}.csv`);
    const list = loadCatalogFile(file, kind);
    for (const entry of list) {
      push(idx.byCode, key(kind, entry.code), entry);
      push(idx.byName, normalizeName(entry.name), entry);
      if (entry.parent) push(idx.byParent, key(kind, entry.parent), entry);
    }
    idx.byKind.set(kind, list);
  }
  for (const list of idx.byCode.values()) list.sort((a, b) => a.from - b.from);
  cache = idx;
  return idx;
}

/** Clamp to the covered years: 2026 budgets use 2025 names, pre-2017 ones 2017's. */
function clampYear(year: number): number {
  const y = Math.trunc(year);
  return Math.min(CATALOG_YEARS.to, Math.max(CATALOG_YEARS.from, y));
}

function validIn(e: CatalogEntry, year: number): boolean {
  return e.from <= year && (e.to === null || year <= e.to);
}

/** Printed codes sometimes carry spaces ("210 15 01"); the catalog keys are digits only. */
function cleanCode(code: string): string {
  return code.replace(/\s+/gu, "");
}

/**
 * The classification a printed code belongs to, by its shape alone: 2xx of 3,
 * 5 or 7 digits is 支出功能分类 (类/款/项), 3xx of 3 or 5 digits 部门预算支出经济分类,
 * 5xx of 3 or 5 digits 政府预算支出经济分类 (类/款). Anything else (a unit's or a
 * project's code) is none. Every code of the catalog has one of these shapes.
 */
export function codeKind(code: string): CatalogKind | undefined {
  if (/^2\d{2}(?:\d{2}){0,2}$/u.test(code)) return "func";
  if (/^3\d{2}(?:\d{2})?$/u.test(code)) return "econ_dept";
  if (/^5\d{2}(?:\d{2})?$/u.test(code)) return "econ_gov";
  return undefined;
}

/** The index key of a code: of the kind given, else of the kind its shape says. */
function codeKey(code: string, kind: CatalogKind | undefined): string | undefined {
  const k = kind ?? codeKind(code);
  return k && key(k, code);
}

/**
 * The entry for a code in a fiscal year (kind inferred from the code when
 * omitted). Years outside 2017–2025 are clamped to the nearest covered year.
 */
export function lookup(code: string, year: number, kind?: CatalogKind): CatalogEntry | undefined {
  const c = cleanCode(code);
  const y = clampYear(year);
  const k = codeKey(c, kind);
  return k === undefined
    ? undefined
    : load()
        .byCode.get(k)
        ?.find((e) => validIn(e, y));
}

/** All entries of a code across years, oldest first. */
export function history(code: string, kind?: CatalogKind): CatalogEntry[] {
  const c = cleanCode(code);
  const k = codeKey(c, kind);
  return k === undefined ? [] : [...(load().byCode.get(k) ?? [])];
}

/**
 * Entries whose name matches in that year, after normalizeName (brackets,
 * spaces, "（类）" suffix and a leading ordinal such as "一、" do not matter).
 */
export function findByName(
  name: string,
  year: number,
  opts?: { kind?: CatalogKind; level?: 1 | 2 | 3; parent?: string },
): CatalogEntry[] {
  const y = clampYear(year);
  const parent = opts?.parent === undefined ? undefined : cleanCode(opts.parent);
  return (load().byName.get(normalizeName(name)) ?? []).filter(
    (e) =>
      validIn(e, y) &&
      (opts?.kind === undefined || e.kind === opts.kind) &&
      (opts?.level === undefined || e.level === opts.level) &&
      (parent === undefined || e.parent === parent),
  );
}

/** The parent chain, nearest first: parentChain("2101550", 2024) → [21015, 210]. */
export function parentChain(code: string, year: number, kind?: CatalogKind): CatalogEntry[] {
  const chain: CatalogEntry[] = [];
  let entry = lookup(code, year, kind);
  while (entry?.parent) {
    const parent = lookup(entry.parent, year, entry.kind);
    if (!parent) break;
    chain.push(parent);
    entry = parent;
  }
  return chain;
}

/** Children of a code in a year (for a 类: its 款; for a 款: its 项), by code. */
export function childrenOf(code: string, year: number, kind?: CatalogKind): CatalogEntry[] {
  const c = cleanCode(code);
  const y = clampYear(year);
  const k = codeKey(c, kind);
  return (k === undefined ? [] : (load().byParent.get(k) ?? []))
    .filter((e) => validIn(e, y))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** All entries valid in a year, of a kind and optionally a level, by code. */
export function entriesFor(year: number, kind: CatalogKind, level?: 1 | 2 | 3): CatalogEntry[] {
  const y = clampYear(year);
  return (load().byKind.get(kind) ?? []).filter(
    (e) => validIn(e, y) && (level === undefined || e.level === level),
  );
}
