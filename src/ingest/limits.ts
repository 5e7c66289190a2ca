/**
 * The bounds on reading one document, in one place (issue 14). Every input
 * is unvetted: a device that never ends, a PDF whose drawings fan out, a
 * workbook merged over a million rows. Each bound has a default far above
 * any real disclosure (they run 10–200 pages, a few MB), a setting — an
 * environment variable, which every entry point (CLI, batch, server,
 * worker, and the threads they start) sees, or a field the caller passes —
 * and a Chinese message naming the setting when it is exceeded.
 */
import { GongkaiError } from "../model/errors.ts";

export interface Limits {
  /** Bytes read from the input (counted while reading: devices and endless streams stop here). */
  maxBytes: number;
  /** PDF pages read; the rest are skipped with a warning, which the check treats as a reading gap. */
  maxPages: number;
  /** Seconds to read and recognise one document; past it the reading thread is stopped. */
  maxSeconds: number;
  /** Heap of the reading thread (MB); past it the thread is stopped. */
  maxMemoryMb: number;
  /** Bytes a zip-based document (XLSX, DOCX) may inflate to, all parts together. */
  maxUnzippedBytes: number;
  /** Cells of a workbook or table, merged ranges counted by their area. */
  maxCells: number;
  /** Merged ranges of a workbook. */
  maxMerges: number;
  /** Element nesting of HTML and of the XML inside XLSX/DOCX. */
  maxNesting: number;
  /** Characters of decoded text or HTML. */
  maxTextChars: number;
  /** Characters of one line: a longer one is cut into lines of this length (with a warning). */
  maxLineChars: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxBytes: 200 * MB,
  maxPages: 1000,
  maxSeconds: 120,
  maxMemoryMb: 4096,
  maxUnzippedBytes: 500 * MB,
  maxCells: 1_000_000,
  maxMerges: 5000,
  maxNesting: 5000,
  maxTextChars: 50_000_000,
  maxLineChars: 100_000,
};

/** The environment variable of each limit. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = {
  maxBytes: "GONGKAI_MAX_BYTES",
  maxPages: "GONGKAI_MAX_PAGES",
  maxSeconds: "GONGKAI_MAX_SECONDS",
  maxMemoryMb: "GONGKAI_MAX_MEMORY_MB",
  maxUnzippedBytes: "GONGKAI_MAX_UNZIPPED_BYTES",
  maxCells: "GONGKAI_MAX_CELLS",
  maxMerges: "GONGKAI_MAX_MERGES",
  maxNesting: "GONGKAI_MAX_NESTING",
  maxTextChars: "GONGKAI_MAX_TEXT_CHARS",
  maxLineChars: "GONGKAI_MAX_LINE_CHARS",
};

const UNITS: Record<string, number> = {
  "": 1,
  K: 1024,
  KB: 1024,
  M: MB,
  MB,
  G: 1024 * MB,
  GB: 1024 * MB,
};

/** "200MB", "1.5G", "4096" → a positive number; a bad value is a user error naming the variable. */
export function parseLimit(name: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*$/i.exec(value);
  const unit = UNITS[(m?.[2] ?? "").toUpperCase()];
  const n = m && unit !== undefined ? Number(m[1]) * unit : Number.NaN;
  if (!Number.isFinite(n) || n <= 0)
    throw new GongkaiError("invalid", `设置 ${name}=${value} 无效：应为正数（字节数可带 K、M、G）`);
  return n;
}

/** Defaults, overridden by the environment, overridden by what the caller passes. */
export function resolveLimits(given: Partial<Limits> = {}, env = process.env): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_ENV) as (keyof Limits)[]) {
    const name = LIMIT_ENV[key];
    const raw = env[name];
    if (raw !== undefined && raw !== "") out[key] = parseLimit(name, raw);
    const v = given[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** How to raise a limit, for the end of a message: "（上限可用环境变量 GONGKAI_MAX_PAGES 调整）". */
export function howToRaise(key: keyof Limits): string {
  return `（上限可用环境变量 ${LIMIT_ENV[key]} 调整）`;
}

/** A size in the unit a reader takes in at a glance. */
export function sizeText(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** A GongkaiError for an input past `key`'s limit: what was found, the limit, and how to raise it. */
export function overLimit(key: keyof Limits, what: string): GongkaiError {
  return new GongkaiError("too_large", `${what}${howToRaise(key)}`);
}
