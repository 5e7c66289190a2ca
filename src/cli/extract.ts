/**
 * `gongkai extract FILE [--format json|facts|text]`
 */
import { ingestFile } from "../ingest/index.ts";
import { toFacts } from "../model/facts.ts";
import type { Disclosure } from "../model/schema.ts";
import { recognize } from "../recognize/index.ts";
import { formatDisclosureText } from "./text-format.ts";

export type ExtractFormat = "json" | "facts" | "text";

export async function extractFile(file: string): Promise<Disclosure> {
  const layout = await ingestFile(file);
  return recognize(layout, { file });
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
