/**
 * The library's entry to reading: any input file → a Disclosure with its
 * recognition report. The CLI, the check pool's workers and (later) the
 * server call this; nothing here knows about a shell.
 */
import { ingestBytes, readInputFile, sniffFormat } from "./ingest/index.ts";
import type { Disclosure } from "./model/schema.ts";
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
  const { readTemplate } = await import("./template/read.ts");
  return readTemplate(bytes);
}

/**
 * A disclosure from a file of any format. A filled 填报模板 is read as the
 * template it is (its cells name the entity, year and figures exactly; a
 * wrong cell is an error naming it), not recognised like a published table.
 */
export async function extractFile(file: string): Promise<Disclosure> {
  return extractBytes(await readInputFile(file), file);
}

/**
 * A disclosure from bytes already in memory (an upload, a stored original);
 * `file` is the name recorded as its source.
 */
export async function extractBytes(bytes: Uint8Array, file?: string): Promise<Disclosure> {
  const template = await readIfTemplate(bytes);
  if (template) {
    const { disclosure } = template;
    const source = { ...disclosure.source, format: "xlsx" as const };
    return { ...disclosure, source: file === undefined ? source : { ...source, file } };
  }
  return recognize(await ingestBytes(bytes), file === undefined ? {} : { file });
}

/**
 * One disclosure published as two files (the 说明 in one, the 公开表 in the
 * other), read as one: each file read on its own, then merged (the tables
 * of the one, the narrative of the other; every page stays traceable to its
 * file). Which file is which is recognised, whatever the order given.
 */
export async function extractAsOne(a: string, b: string): Promise<Disclosure> {
  const [da, db] = [await extractFile(a), await extractFile(b)];
  return mergeHalves(da, db);
}
