/**
 * The recognition report in words, for extract and every check report format: what was read
 * and what was not, shown above the findings.
 */
import type { RecognitionReport } from "./schema.ts";

/** Chinese lines describing what was not read; empty when everything was. */
export function recognitionLines(r: RecognitionReport | undefined): string[] {
  if (!r) return [];
  const lines: string[] = [];
  const missing = r.directory.filter((e) => !e.found);
  if (r.directory.length > 0) {
    lines.push(
      `目录列出 ${r.directory.length} 张表，${missing.length === 0 ? "均已识别" : `${missing.length} 张未在正文中识别：${missing.map((e) => e.title).join("、")}`}`,
    );
  }
  for (const p of r.unclaimedPages)
    lines.push(`第 ${p.page} 页的表格未能识别（${p.figures} 个数字未归入任何表格）：${p.sample}`);
  if (r.otherTables.length > 0)
    lines.push(
      `未归入标准表的表格 ${r.otherTables.length} 张（已原样保留）：${r.otherTables.join("、")}`,
    );
  for (const w of r.readerWarnings) lines.push(`读取提示：${w}`);
  if (r.figuresClaimed < 1)
    lines.push(`表格数字中 ${(r.figuresClaimed * 100).toFixed(1)}% 归入了识别出的标准表格`);
  if (r.partial)
    lines.push("读取不完整：依赖未读部分的检查（如缺少表格）只作提示，不作为文档的错误");
  return lines;
}
