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
import { CHECK_FORMATS, type CheckFormat, runCheck } from "./check.ts";
import { type ExtractFormat, runExtract } from "./extract.ts";
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
