/**
 * The `gongkai` command. Thin: each command calls the library and prints.
 * User errors print one Chinese line and exit non-zero, without a stack.
 */
import { Command, InvalidArgumentError } from "commander";
import { PRESETS, type Preset } from "../check/config.ts";
import { reportJsonSchema } from "../check/report/schema.ts";
import type { Severity } from "../check/types.ts";
import { GongkaiError } from "../model/errors.ts";
import { disclosureJsonSchema } from "../model/schema.ts";
import { runTemplate } from "../template/run.ts";
import { CHECK_FORMATS, type CheckFormat, runCheck } from "./check.ts";
import { type ExtractFormat, runExtract } from "./extract.ts";
import { RENDER_FORMATS, type RenderFormat, runRender } from "./render.ts";
import { runRules } from "./rules.ts";

const program = new Command();
program
  .name("gongkai")
  .description("部门预决算公开文档：解析、检查与生成")
  .version("0.1.0", "-v, --version", "显示版本");
program.helpOption("-h, --help", "显示帮助");
program.addHelpCommand("help [command]", "显示命令的帮助");
program.configureOutput({ outputError: (str, write) => write(str) });

function formatOption(value: string): ExtractFormat {
  if (value === "json" || value === "facts" || value === "text") return value;
  throw new InvalidArgumentError("格式应为 json、facts 或 text");
}

program
  .command("extract")
  .description("识别一份公开文档中的表格、说明章节和文字陈述")
  .argument("<file>", "公开文档（UTF-8、GB18030 或 UTF-16 文本）")
  .option("-f, --format <format>", "输出格式：json | facts | text", formatOption, "text")
  .action(async (file: string, opts: { format: ExtractFormat }) => {
    await runExtract(file, opts.format, (s) => process.stdout.write(`${s}\n`));
  });

function choice<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`${what}应为 ${allowed.join("、")} 之一`);
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];

program
  .command("check")
  .description("检查公开文档：表内运算、表间一致、科目编码、说明与表格、完整性、模板残留")
  .argument("<files...>", "公开文档（文本、PDF、XLSX、DOCX、HTML，按内容识别格式）")
  .option(
    "-f, --format <format>",
    "报告格式：pretty | json | sarif | html | xlsx",
    choice(CHECK_FORMATS, "格式"),
    "pretty",
  )
  .option("-p, --preset <preset>", "规则预设：recommended | strict", choice(PRESETS, "预设"))
  .option(
    "--fail-on <severity>",
    "达到该级别时退出码为 1：error | warning | info | none（从不）",
    choice(["error", "warning", "info", "none"] as const, "级别"),
    "error",
  )
  .option("-c, --config <file>", "配置文件（默认读取当前目录的 gongkai.config.json）")
  .option(
    "-r, --rule <rule=level>",
    "设置规则级别，如 arith/class-sum=warning（可重复）",
    collect,
    [],
  )
  .option("-o, --output <file>", "写入文件而不是标准输出（xlsx 必须指定）")
  .action(
    async (
      files: string[],
      opts: {
        format: CheckFormat;
        preset?: Preset;
        failOn: Severity | "none";
        config?: string;
        rule: string[];
        output?: string;
      },
    ) => {
      process.exitCode = await runCheck(
        files,
        { ...opts, color: !!process.stdout.isTTY && !process.env.NO_COLOR },
        {
          out: (s) => process.stdout.write(s),
          err: (s) => process.stderr.write(s),
        },
      );
    },
  );

program
  .command("template")
  .description("生成供填报的 Excel 模板（每张标准表一个工作表，附科目目录、上年数和文字说明）")
  .option(
    "-k, --kind <kind>",
    "budget（预算）| final（决算）",
    choice(["budget", "final"] as const, "类型"),
  )
  .option("-y, --year <year>", "年度（默认为当前年度）", (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 2000 || n > 2100)
      throw new InvalidArgumentError("年度应为四位数字");
    return n;
  })
  .option(
    "--from <file>",
    "从已有文档或 JSON 填入数字（同年同类型：修改；下一年：作为上年数；预算→同年决算：作为年初预算）",
  )
  .option("-o, --output <file>", "写入文件（默认写到标准输出）")
  .action(
    async (opts: { kind?: "budget" | "final"; year?: number; from?: string; output?: string }) => {
      if (!opts.output && process.stdout.isTTY) {
        throw new GongkaiError(
          "unsupported_format",
          "模板是 xlsx 文件：请用 -o 指定输出文件，或重定向到文件",
        );
      }
      const result = await runTemplate({
        ...(opts.kind ? { kind: opts.kind } : {}),
        ...(opts.year !== undefined ? { year: opts.year } : {}),
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.output ? { out: opts.output } : {}),
      });
      if (!opts.output) process.stdout.write(result.bytes);
      for (const s of result.skipped) process.stderr.write(`提示：${s}\n`);
    },
  );

program
  .command("render")
  .description("由数据生成完整的公开文档（表格、说明、图表）")
  .argument("<input>", "JSON（RenderInput 或 Disclosure）、填好的模板，或任何可读取的公开文档")
  .option(
    "-f, --format <format>",
    "html | pdf | xlsx | docx",
    choice(RENDER_FORMATS, "格式"),
    "html",
  )
  .option("-o, --output <file>", "写入文件（html 以外的格式必须指定）")
  .action(async (input: string, opts: { format: RenderFormat; output?: string }) => {
    if (!opts.output && opts.format !== "html") {
      throw new GongkaiError("unsupported_format", `${opts.format} 格式需要用 -o 指定输出文件`);
    }
    const bytes = await runRender(input, opts.format, opts.output);
    if (!opts.output) process.stdout.write(bytes);
  });

program
  .command("rules")
  .description("列出全部检查规则；--doc 显示某条规则的说明")
  .option("--doc <id>", "显示一条规则的文档（Markdown）")
  .option("--json", "以 JSON 输出规则元数据")
  .action((opts: { doc?: string; json?: boolean }) => {
    process.stdout.write(runRules(opts));
  });

program
  .command("schema")
  .description("输出 JSON Schema：model（Disclosure 模型，默认）或 report（检查报告）")
  .argument("[which]", "model | report", choice(["model", "report"] as const, "类型"), "model")
  .action((which: "model" | "report") => {
    const schema = which === "report" ? reportJsonSchema() : disclosureJsonSchema();
    process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof GongkaiError) {
    process.stderr.write(`错误：${e.message}\n`);
    process.exitCode = 2;
  } else {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`内部错误：${message}\n`);
    process.exitCode = 70;
  }
}
