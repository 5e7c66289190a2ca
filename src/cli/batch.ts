/**
 * `gongkai batch DIR|GLOB… [--db …] [--threads N] [--report 报告.html|.xlsx …]`:
 * every document read, checked and stored on every core, with progress on
 * stderr, the files that could not be read and a summary on stdout, and the
 * reports written. Exit code 0, or 2 when some file could not be read.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { CheckConfig, Preset } from "../check/config.ts";
import { writeError } from "../fs/write-atomic.ts";
import { runBatch } from "../jobs/batch.ts";
import { batchReportFormat, writeBatchReport } from "../jobs/batch-report.ts";
import { summariseBatch } from "../jobs/batch-summary.ts";
import { openStore } from "../store/open.ts";
import { duration, ProgressDisplay } from "./progress.ts";

export interface BatchCliOptions {
  db?: string;
  preset?: Preset;
  threads?: number;
  report: string[];
  published?: boolean;
  tag: string[];
  retryErrors?: boolean;
}

export interface BatchIo {
  out: (line: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal: draw a bar. */
  tty: boolean;
  columns?: number;
}

export async function runBatchCli(
  paths: string[],
  opts: BatchCliOptions,
  io: BatchIo,
): Promise<number> {
  // A report that cannot be written is known before hours of work, not after.
  for (const r of opts.report) {
    batchReportFormat(r);
    await access(dirname(resolve(r)), constants.W_OK).catch((e: unknown) => {
      throw writeError(r, e);
    });
  }
  const store = await openStore(opts.db);
  const display = new ProgressDisplay({
    tty: io.tty,
    write: io.err,
    ...(io.columns ? { columns: io.columns } : {}),
  });
  try {
    const config: CheckConfig = opts.preset ? { preset: opts.preset } : {};
    display.start();
    const result = await runBatch(store, paths, {
      config,
      ...(opts.threads ? { threads: opts.threads } : {}),
      published: opts.published ?? false,
      ...(opts.tag.length > 0 ? { tags: opts.tag } : {}),
      ...(opts.retryErrors ? { retryErrors: true } : {}),
      onProgress: (p) => display.update(p),
    });
    display.end();
    const s = summariseBatch(result);
    if (s.files === 0) {
      io.out("没有找到可处理的文件（PDF、XLSX、XLS、DOCX、DOC、HTML、文本）");
      return 2;
    }
    for (const e of s.errors)
      io.out(
        `出错　${e.file}：${e.message}${e.again ? "（上次处理时的结果，未重新读取；--retry-errors 重新读取）" : ""}`,
      );
    io.out(
      `共 ${s.files} 个文件：本次处理 ${s.processed}，已处理过（跳过）${s.skipped}，无法读取 ${s.failed}` +
        `${s.duplicates.length > 0 ? `，内容相同（只计一次）${s.duplicates.length}` : ""}；` +
        `问题：错误 ${s.findings.error}、警告 ${s.findings.warning}、提示 ${s.findings.info}；` +
        `${s.threads} 个线程，用时 ${duration(s.elapsedMs / 1000)}；数据库：${s.store}`,
    );
    for (const r of opts.report) {
      await writeBatchReport(s, r);
      io.out(`报告：${r}`);
    }
    return s.failed > 0 ? 2 : 0;
  } finally {
    display.end();
    await store.close();
  }
}
