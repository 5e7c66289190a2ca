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
  if (r.half === "narrative") {
    // One half of a disclosure published as two files: the tables are not
    // missing from the disclosure, only from this file.
    lines.push(
      `本文件只有说明，没有表格，像是分两个文件公开的一半（表格另文公开）${missing.length > 0 ? `；目录列出的 ${missing.length} 张表不在本文件中：${missing.map((e) => e.title).join("、")}` : ""}；与表格文件一起检查：gongkai check 说明文件 表格文件 --as-one`,
    );
  } else if (r.half === "tables") {
    lines.push(
      "本文件只有表格，没有说明，像是分两个文件公开的一半（说明另文公开）；与说明文件一起检查：gongkai check 说明文件 表格文件 --as-one",
    );
  }
  if (r.directory.length > 0 && r.half !== "narrative") {
    lines.push(
      `目录列出 ${r.directory.length} 张表，${missing.length === 0 ? "均已识别" : `${missing.length} 张未在正文中识别：${missing.map((e) => e.title).join("、")}`}`,
    );
  }
  for (const p of r.unclaimedPages)
    lines.push(
      `${p.file ? `${p.file} ` : ""}第 ${p.page} 页的表格未能识别（${p.figures} 个数字未归入任何表格）：${p.sample}`,
    );
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
