/**
 * `gongkai check FILE… [--format …] [--preset …] [--fail-on …] [--config …] [--rule …] [--as-one]`
 *
 * Many files are checked on every core, and the two halves of a disclosure
 * published as two files are paired and checked as one (src/jobs/check-files.ts);
 * --as-one says the two files given are such halves.
 *
 * Exit codes: 0 when no finding reaches --fail-on, 1 when one does, 2 when a
 * file cannot be read or recognised (the other files are still checked).
 */
import { readFile } from "node:fs/promises";
import { type CheckConfig, loadConfig, type Preset, withRuleFlags } from "../check/config.ts";
import { checkDisclosure, reaches } from "../check/engine.ts";
import type { CheckReport, Severity } from "../check/types.ts";
import { writeFileAtomic } from "../fs/write-atomic.ts";
import { checkFiles, type FileCheck } from "../jobs/check-files.ts";
import { GongkaiError } from "../model/errors.ts";
import { extractAsOne } from "../pipeline.ts";
import type { CheckFormat } from "./options.ts";

export { CHECK_FORMATS, type CheckFormat } from "./options.ts";

export interface CheckOptions {
  format: CheckFormat;
  preset?: Preset;
  /** The least severe finding that makes the exit code 1; none: never. */
  failOn: Severity | "none";
  config?: string;
  rule: string[];
  output?: string;
  color: boolean;
  /** The two files are one disclosure's narrative and tables: merge them and check once. */
  asOne?: boolean;
}

export interface CheckIo {
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
}

/** The config: --config FILE, else ./gongkai.config.json when present, then --preset and --rule. */
async function resolveConfig(opts: CheckOptions): Promise<CheckConfig> {
  let config = await loadConfig(opts.config ?? "gongkai.config.json", opts.config !== undefined);
  if (opts.preset) config = { ...config, preset: opts.preset };
  return withRuleFlags(config, opts.rule);
}

/** The report in the asked format; each formatter is loaded only when asked for (xlsx brings exceljs). */
async function render(reports: CheckReport[], opts: CheckOptions): Promise<string | Uint8Array> {
  switch (opts.format) {
    case "pretty":
      return (await import("../check/report/pretty.ts")).formatPretty(reports, {
        color: opts.color && !opts.output,
      });
    case "json":
      return (await import("../check/report/json.ts")).formatJson(reports);
    case "sarif":
      return (await import("../check/report/sarif.ts")).formatSarif(reports);
    case "html":
      return (await import("../check/report/html.ts")).formatHtml(reports);
    case "xlsx":
      return (await import("../check/report/xlsx.ts")).formatXlsx(reports);
    case "pdf":
      return annotated(reports);
  }
}

/** `--format pdf`: the original PDF with its findings boxed and numbered (one document). */
async function annotated(reports: CheckReport[]): Promise<Uint8Array> {
  const [report] = reports;
  const file = report?.document.file;
  if (reports.length !== 1 || !report || !file || report.document.parts) {
    throw new GongkaiError("unsupported_format", "pdf 格式（批注 PDF）一次只能用于一个 PDF 文件");
  }
  if (report.document.format !== "pdf") {
    throw new GongkaiError(
      "unsupported_format",
      `pdf 格式（批注 PDF）需要 PDF 原件，${file} 不是 PDF`,
    );
  }
  const { annotatePdf } = await import("../check/report/annotated-pdf.ts");
  return annotatePdf(await readFile(file), report);
}

/** The reports: two files as one disclosure, or each file alone with a batch's halves paired. */
async function checkAll(
  files: string[],
  opts: CheckOptions,
  config: CheckConfig,
): Promise<FileCheck[]> {
  if (opts.asOne) {
    if (files.length !== 2) {
      throw new GongkaiError(
        "not_one_disclosure",
        `--as-one 需要正好两个文件（同一份公开的说明和表格），给了 ${files.length} 个`,
      );
    }
    const [a, b] = files as [string, string];
    return [{ files, report: checkDisclosure(await extractAsOne(a, b), config) }];
  }
  return checkFiles(files, config);
}

/** Returns the exit code. */
export async function runCheck(files: string[], opts: CheckOptions, io: CheckIo): Promise<number> {
  if ((opts.format === "xlsx" || opts.format === "pdf") && !opts.output) {
    throw new GongkaiError("unsupported_format", `${opts.format} 格式需要用 -o 指定输出文件`);
  }
  const config = await resolveConfig(opts);
  const reports: CheckReport[] = [];
  let unreadable = false;
  for (const c of await checkAll(files, opts, config)) {
    if ("report" in c) reports.push(c.report);
    else if (c.error instanceof GongkaiError) {
      io.err(`错误：${c.files.join("、")}：${c.error.message}\n`);
      unreadable = true;
    } else throw c.error;
  }
  if (reports.length > 0) {
    const rendered = await render(reports, opts);
    if (opts.output) await writeFileAtomic(opts.output, rendered);
    else
      io.out(typeof rendered === "string" && !rendered.endsWith("\n") ? `${rendered}\n` : rendered);
  }
  for (const r of reports) {
    for (const f of r.failures) io.err(`内部错误：规则 ${f.rule} 未能运行：${f.message}\n`);
  }
  if (unreadable) return 2;
  if (opts.failOn === "none") return 0;
  const failOn = opts.failOn;
  return reports.some((r) => reaches(r, failOn)) ? 1 : 0;
}
