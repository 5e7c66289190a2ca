/**
 * `gongkai extract FILE [--format json|facts|text]`
 */
import { ingestBytes, readInputFile } from "../ingest/index.ts";
import { toFacts } from "../model/facts.ts";
import type { Disclosure } from "../model/schema.ts";
import { recognize } from "../recognize/index.ts";
import { isTemplate, readTemplate } from "../template/index.ts";
import { formatDisclosureText } from "./text-format.ts";

export type ExtractFormat = "json" | "facts" | "text";

/**
 * A disclosure from a file of any format. A filled 填报模板 is read as the
 * template it is (its cells name the entity, year and figures exactly; a
 * wrong cell is an error naming it), not recognised like a published table.
 */
export async function extractFile(file: string): Promise<Disclosure> {
  const bytes = await readInputFile(file);
  if (isTemplate(bytes)) {
    const { disclosure } = await readTemplate(bytes);
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
