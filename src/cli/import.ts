/**
 * `gongkai import FILE…|DIR … [--db …] [--preset …] [--published] [--tag …]`:
 * load documents into the store, process each, one Chinese line per file
 * and a summary. Exit code 0, or 2 when some file could not be read.
 */
import type { CheckConfig, Preset } from "../check/config.ts";
import { type ImportOutcome, importFiles } from "../jobs/import.ts";
import { openStore } from "../store/open.ts";
import type { DocumentSummary } from "../store/types.ts";

export interface ImportCliOptions {
  db?: string;
  preset?: Preset;
  published?: boolean;
  tag: string[];
}

const STATUS: Record<DocumentSummary["status"], string> = {
  queued: "排队中",
  processing: "处理中",
  done: "已完成",
  error: "出错",
};

/** 随州市曾都区医疗保障服务中心 2022 年决算：错误 7、警告 11、提示 7 */
function describe(d: DocumentSummary): string {
  if (d.status !== "done") return `状态：${STATUS[d.status]}${d.error ? `（${d.error}）` : ""}`;
  const what = `${d.entityName ?? "未识别主体"} ${d.year ?? "?"} 年${d.kind === "final" ? "决算" : "预算"}`;
  const s = d.summary;
  return s ? `${what}：错误 ${s.error}、警告 ${s.warning}、提示 ${s.info}` : what;
}

export function formatOutcome(o: ImportOutcome): string {
  switch (o.result) {
    case "new":
      return `新增　${o.file} → ${describe(o.document)}`;
    case "stored":
      return `已有　${o.file}（相同文件已保存，未重复导入）→ ${describe(o.document)}`;
    case "error":
      return `出错　${o.file}：${o.message}`;
  }
}

/** Returns the exit code. */
export async function runImport(
  paths: string[],
  opts: ImportCliOptions,
  out: (line: string) => void,
): Promise<number> {
  const store = await openStore(opts.db);
  try {
    const config: CheckConfig = opts.preset ? { preset: opts.preset } : {};
    const outcomes = await importFiles(store, paths, {
      config,
      published: opts.published ?? false,
      ...(opts.tag.length > 0 ? { tags: opts.tag } : {}),
      onFile: (o) => out(formatOutcome(o)),
    });
    const count = (r: ImportOutcome["result"]) => outcomes.filter((o) => o.result === r).length;
    if (outcomes.length === 0) out("没有找到可导入的文件（PDF、XLSX、XLS、DOCX、DOC、HTML、文本）");
    else
      out(
        `共 ${outcomes.length} 个文件：新增 ${count("new")}，已有 ${count("stored")}，出错 ${count("error")}；数据库：${store.location}`,
      );
    return count("error") > 0 ? 2 : 0;
  } finally {
    await store.close();
  }
}
