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
  const parsed = reports.map((r) => {
    const result = CheckReportSchema.safeParse(r);
    if (result.success) return result.data;
    // A rule built a finding the format does not allow: a bug, named precisely.
    const issue = result.error.issues[0];
    throw new Error(
      `检查报告不符合 JSON 格式（${r.document?.file ?? "文档"}）：${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
    );
  });
  const value = parsed.length === 1 ? parsed[0] : parsed;
  return `${JSON.stringify(value, null, opts.pretty === false ? undefined : 2)}\n`;
}
