/**
 * `gongkai check FILE… [--format …] [--preset …] [--fail-on …] [--config …] [--rule …]`
 *
 * Exit codes: 0 when no finding reaches --fail-on, 1 when one does, 2 when a
 * file cannot be read or recognised (the other files are still checked).
 */
import { writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { type CheckConfig, loadConfig, type Preset, withRuleFlags } from "../check/config.ts";
import { checkDisclosure, reaches } from "../check/engine.ts";
import type { CheckReport, Severity } from "../check/types.ts";
import { GongkaiError } from "../model/errors.ts";
import { extractFile } from "../pipeline.ts";
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
  }
}

/** Returns the exit code. */
export async function runCheck(files: string[], opts: CheckOptions, io: CheckIo): Promise<number> {
  if (opts.format === "xlsx" && !opts.output) {
    throw new GongkaiError("unsupported_format", "xlsx 格式需要用 -o 指定输出文件");
  }
  const config = await resolveConfig(opts);
  const reports: CheckReport[] = [];
  let unreadable = false;
  if (files.length > 1 && availableParallelism() > 1) {
    // Many files: every core reads and checks one at a time.
    const { checkFilesInPool } = await import("../jobs/check-pool.ts");
    const outcomes = await checkFilesInPool(files, config);
    outcomes.forEach((o, i) => {
      if ("report" in o) reports.push(o.report);
      else if (o.error instanceof GongkaiError) {
        io.err(`错误：${files[i]}：${o.error.message}\n`);
        unreadable = true;
      } else throw o.error;
    });
  } else {
    for (const file of files) {
      try {
        reports.push(checkDisclosure(await extractFile(file), config));
      } catch (e) {
        if (!(e instanceof GongkaiError)) throw e;
        io.err(`错误：${file}：${e.message}\n`);
        unreadable = true;
      }
    }
  }
  if (reports.length > 0) {
    const rendered = await render(reports, opts);
    if (opts.output) await writeFile(opts.output, rendered);
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
