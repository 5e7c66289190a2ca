/**
 * The library's entry to reading: any input file → a Disclosure with its
 * recognition report. The CLI, the check pool's workers and (later) the
 * server call this; nothing here knows about a shell.
 */
import { ingestBytes, readInputFile, sniffFormat } from "./ingest/index.ts";
import { type Limits, resolveLimits } from "./ingest/limits.ts";
import { GongkaiError } from "./model/errors.ts";
import type { Disclosure } from "./model/schema.ts";
import { readInThread } from "./read-thread.ts";
import { recognize } from "./recognize/index.ts";
import { mergeHalves } from "./recognize/merge.ts";
import type { RenderInput } from "./render/input.ts";

/**
 * The filled 填报模板 in these bytes, or undefined when they are something
 * else. Only a zip can be one: the template reader (and exceljs with it) is
 * loaded only for a zip whose sheet list says it is a template.
 */
export async function readIfTemplate(bytes: Uint8Array): Promise<RenderInput | undefined> {
  if (sniffFormat(bytes) !== "zip") return undefined;
  const { isTemplate } = await import("./template/detect.ts");
  if (!isTemplate(bytes)) return undefined;
  const { readFilledTemplate } = await import("./template/read.ts");
  return readFilledTemplate(bytes);
}

export interface ReadOptions {
  /** Bounds on reading; unset ones come from the environment or the defaults (src/ingest/limits.ts). */
  limits?: Partial<Limits>;
  /**
   * Read in the calling thread, without the time and memory bound that a
   * reading thread of its own gives (for the reading thread itself).
   */
  inThisThread?: boolean;
}

/**
 * A disclosure from a file of any format. A filled 填报模板 is read as the
 * template it is (its cells name the entity, year and figures exactly; a
 * wrong cell is an error naming it), not recognised like a published table.
 * Reading is bounded: bytes read, pages, time, memory, nesting… (limits.ts).
 */
export async function extractFile(file: string, opts: ReadOptions = {}): Promise<Disclosure> {
  const limits = resolveLimits(opts.limits);
  return extractBytes(await readInputFile(file, limits), file, { ...opts, limits });
}

/**
 * A disclosure from bytes already in memory (an upload, a stored original);
 * `file` is the name recorded as its source. Read in a thread of its own,
 * stopped at the time limit.
 */
export async function extractBytes(
  bytes: Uint8Array,
  file?: string,
  opts: ReadOptions = {},
): Promise<Disclosure> {
  const limits = resolveLimits(opts.limits);
  if (opts.inThisThread || smallText(bytes)) return extractHere(bytes, file, limits);
  return readInThread(bytes, file, limits);
}

/**
 * A disclosure gongkai itself wrote (`gongkai extract -f json`), to check or
 * store again without reading the original; undefined for anything else. JSON
 * that says it is one (its schemaVersion) but does not fit is refused, never
 * read as text.
 */
export async function readIfExtracted(bytes: Uint8Array): Promise<Disclosure | undefined> {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && /\s/.test(String.fromCharCode(bytes[i] ?? 0))) i++;
  if (bytes[i] !== 0x7b) return undefined;
  const text = new TextDecoder().decode(bytes.subarray(i));
  if (!/^\{\s*"schemaVersion"\s*:/u.test(text)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new GongkaiError("unreadable", "文件像是 gongkai 的提取结果（JSON），但不是有效的 JSON");
  }
  // The schema (and zod with it) loads only for such a file: start-up stays light.
  const { DisclosureSchema } = await import("./model/schema.ts");
  const parsed = DisclosureSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0];
    throw new GongkaiError(
      "unreadable",
      `文件像是 gongkai 的提取结果（JSON），但内容不符合格式${where ? `：${where.path.join(".")} ${where.message}` : ""}`,
    );
  }
  return parsed.data;
}

/**
 * A text of this size or less is read in the calling thread: starting a
 * reading thread costs more (it loads the readers again, about a second)
 * than reading it, and a text this short reads in well under a second
 * whatever it holds. Longer texts and every other format get a thread, and
 * with it the time and memory bound.
 */
const SMALL_TEXT_BYTES = 512 * 1024;

function smallText(bytes: Uint8Array): boolean {
  return bytes.length <= SMALL_TEXT_BYTES && sniffFormat(bytes) === "text";
}

/** Read in this thread (what the reading thread runs). */
export async function extractHere(
  bytes: Uint8Array,
  file: string | undefined,
  limits: Limits,
): Promise<Disclosure> {
  const extracted = await readIfExtracted(bytes);
  if (extracted) return extracted;
  const template = await readIfTemplate(bytes);
  if (template) {
    const { disclosure } = template;
    const source = { ...disclosure.source, format: "xlsx" as const };
    return { ...disclosure, source: file === undefined ? source : { ...source, file } };
  }
  return recognize(await ingestBytes(bytes, limits), file === undefined ? {} : { file });
}

/**
 * One disclosure published as two files (the 说明 in one, the 公开表 in the
 * other), read as one: each file read on its own, then merged (the tables
 * of the one, the narrative of the other; every page stays traceable to its
 * file). Which file is which is recognised, whatever the order given.
 */
export async function extractAsOne(
  a: string,
  b: string,
  opts: ReadOptions = {},
): Promise<Disclosure> {
  // Each half in a reading thread of its own, at the same time.
  const [da, db] = await Promise.all([extractFile(a, opts), extractFile(b, opts)]);
  return mergeHalves(da, db);
}
