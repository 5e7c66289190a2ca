/**
 * `--format json`: the stable report shape (see schema.ts and
 * docs/report-format.md). Each report is parsed through the schema, so the
 * output carries exactly the documented fields in the documented order.
 */
import type { CheckReport } from "../types.ts";
import { CheckReportSchema } from "./schema.ts";

export interface JsonOptions {
  /** Indent for people; compact (one line) when false. Default true. */
  pretty?: boolean;
}

/** One document: an object; several: an array (an empty list gives `[]`). */
export function formatJson(reports: readonly CheckReport[], opts: JsonOptions = {}): string {
  const parsed = reports.map((r) => CheckReportSchema.parse(r));
  const value = parsed.length === 1 ? parsed[0] : parsed;
  return `${JSON.stringify(value, null, opts.pretty === false ? undefined : 2)}\n`;
}
