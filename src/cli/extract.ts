/**
 * `gongkai extract FILE [--format json|facts|text]`
 */
import { toFacts } from "../model/facts.ts";
import { extractFile } from "../pipeline.ts";
import type { ExtractFormat } from "./options.ts";
import { formatDisclosureText } from "./text-format.ts";

export { extractFile, readIfTemplate } from "../pipeline.ts";
export type { ExtractFormat } from "./options.ts";

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
