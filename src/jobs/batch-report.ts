/**
 * Write a batch report, HTML or XLSX by the file's extension, atomically
 * (src/fs/write-atomic.ts): a write that fails leaves the previous report as
 * it was and is a Chinese error naming the file.
 */
import { extname } from "node:path";
import { writeFileAtomic } from "../fs/write-atomic.ts";
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
  await writeFileAtomic(path, bytes);
}
