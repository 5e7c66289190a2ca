/**
 * Write a batch report, HTML or XLSX by the file's extension. Written to a
 * temporary file beside it and renamed into place, so a write that fails
 * leaves the previous report as it was.
 */
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { GongkaiError } from "../model/errors.ts";
import type { BatchSummary } from "./batch-summary.ts";

export type BatchReportFormat = "html" | "xlsx";

export function batchReportFormat(path: string): BatchReportFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".xlsx") return "xlsx";
  throw new GongkaiError("unsupported_format", `报告文件的扩展名应为 .html 或 .xlsx：${path}`);
}

export async function batchReportBytes(
  summary: BatchSummary,
  format: BatchReportFormat,
): Promise<Uint8Array> {
  if (format === "html") {
    const { batchReportHtml } = await import("./batch-report-html.ts");
    return new TextEncoder().encode(batchReportHtml(summary, { generatedAt: new Date() }));
  }
  const { batchReportXlsx } = await import("./batch-report-xlsx.ts");
  return batchReportXlsx(summary);
}

export async function writeBatchReport(summary: BatchSummary, path: string): Promise<void> {
  const bytes = await batchReportBytes(summary, batchReportFormat(path));
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : "");
    throw new GongkaiError("unreadable", `无法写入报告 ${path}（${reason}）`);
  }
}
