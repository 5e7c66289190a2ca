/**
 * The documents a command works on: files, and the readable files under a
 * directory (in name order). A Disclosure saved by `gongkai extract -f json`
 * is taken as it is, not read again.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { GongkaiError } from "../model/errors.ts";
import type { Disclosure } from "../model/schema.ts";
import { extractFile, readIfExtracted } from "../pipeline.ts";

const READABLE = new Set([
  ".pdf",
  ".xlsx",
  ".xls",
  ".docx",
  ".doc",
  ".html",
  ".htm",
  ".txt",
  ".md",
  ".json",
]);

/** Files named, with each directory replaced by the readable files under it. */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(p);
    } catch {
      throw new GongkaiError("not_found", `找不到文件或目录：${p}`);
    }
    if (!s.isDirectory()) {
      out.push(p);
      continue;
    }
    const entries = await readdir(p, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && READABLE.has(extname(e.name).toLowerCase()))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    out.push(...files);
  }
  return out;
}

/** A Disclosure saved as JSON, or undefined when the file is something else. */
async function savedDisclosure(file: string): Promise<Disclosure | undefined> {
  if (extname(file).toLowerCase() !== ".json") return undefined;
  // Validated against the schema; JSON that claims to be one and is not is an error naming the field.
  const d = await readIfExtracted(await readFile(file));
  return d ? { ...d, source: { ...d.source, file } } : undefined;
}

/**
 * Every document read; one that cannot be read is reported through `warn`
 * and left out, so one bad file in a directory does not stop the rest.
 */
export async function readDisclosures(
  paths: readonly string[],
  warn: (s: string) => void,
): Promise<{ disclosures: Disclosure[]; failed: number }> {
  const disclosures: Disclosure[] = [];
  let failed = 0;
  for (const file of await expandInputs(paths)) {
    try {
      disclosures.push((await savedDisclosure(file)) ?? (await extractFile(file)));
    } catch (e) {
      if (!(e instanceof GongkaiError)) throw e;
      warn(`错误：${file}：${e.message}\n`);
      failed++;
    }
  }
  return { disclosures, failed };
}

/** Which stored documents a command takes (`--db` with its filters). */
export interface StoreSelection {
  db: string;
  region?: string;
  year?: number;
  kind?: "budget" | "final";
  text?: string;
}

/**
 * The disclosures kept in a store (SQLite file or PostgreSQL URL), those
 * read and checked (status done), with the filters given, oldest page first.
 */
export async function readStoredDisclosures(sel: StoreSelection): Promise<Disclosure[]> {
  const { openStore } = await import("../store/open.ts");
  const store = await openStore(sel.db);
  try {
    const out: Disclosure[] = [];
    const limit = 500;
    for (let offset = 0; ; offset += limit) {
      const page = await store.listDocuments({
        status: "done",
        ...(sel.region ? { region: sel.region } : {}),
        ...(sel.year ? { year: sel.year } : {}),
        ...(sel.kind ? { kind: sel.kind } : {}),
        ...(sel.text ? { text: sel.text } : {}),
        limit,
        offset,
      });
      for (const item of page.items) {
        const doc = await store.getDocument(item.id);
        if (doc?.disclosure) out.push(doc.disclosure);
      }
      if (offset + limit >= page.total) break;
    }
    return out;
  } finally {
    await store.close();
  }
}

/** Documents from files and directories, and from a store when `--db` is given. */
export async function readSelected(
  paths: readonly string[],
  sel: StoreSelection | undefined,
  warn: (s: string) => void,
): Promise<{ disclosures: Disclosure[]; failed: number }> {
  if (!sel && paths.length === 0) {
    throw new GongkaiError(
      "invalid",
      "请给出文件或目录，或用 --db 指定存储库（或设置 DATABASE_URL）",
    );
  }
  const fromFiles = paths.length > 0 ? await readDisclosures(paths, warn) : undefined;
  const stored = sel ? await readStoredDisclosures(sel) : [];
  return {
    disclosures: [...(fromFiles?.disclosures ?? []), ...stored],
    failed: fromFiles?.failed ?? 0,
  };
}
