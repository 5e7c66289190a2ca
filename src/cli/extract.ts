/**
 * `gongkai extract FILE [--format json|facts|text]`
 */
import { ingestBytes, readInputFile, sniffFormat } from "../ingest/index.ts";
import { toFacts } from "../model/facts.ts";
import type { Disclosure } from "../model/schema.ts";
import { recognize } from "../recognize/index.ts";
import type { RenderInput } from "../render/input.ts";
import type { ExtractFormat } from "./options.ts";
import { formatDisclosureText } from "./text-format.ts";

export type { ExtractFormat } from "./options.ts";

/**
 * The filled 填报模板 in these bytes, or undefined when they are something
 * else. Only a zip can be one: the template reader (and exceljs with it) is
 * loaded only for a zip whose sheet list says it is a template.
 */
export async function readIfTemplate(bytes: Uint8Array): Promise<RenderInput | undefined> {
  if (sniffFormat(bytes) !== "zip") return undefined;
  const { isTemplate } = await import("../template/detect.ts");
  if (!isTemplate(bytes)) return undefined;
  const { readTemplate } = await import("../template/read.ts");
  return readTemplate(bytes);
}

/**
 * A disclosure from a file of any format. A filled 填报模板 is read as the
 * template it is (its cells name the entity, year and figures exactly; a
 * wrong cell is an error naming it), not recognised like a published table.
 */
export async function extractFile(file: string): Promise<Disclosure> {
  const bytes = await readInputFile(file);
  const template = await readIfTemplate(bytes);
  if (template) {
    const { disclosure } = template;
    return { ...disclosure, source: { ...disclosure.source, file, format: "xlsx" } };
  }
  return recognize(await ingestBytes(bytes), { file });
}

export async function runExtract(
  file: string,
  format: ExtractFormat,
  out: (s: string) => void,
): Promise<void> {
  const d = await extractFile(file);
  if (format === "json") out(JSON.stringify(d, null, 2));
  else if (format === "facts") out(JSON.stringify(toFacts(d), null, 2));
  else out(formatDisclosureText(d));
}
