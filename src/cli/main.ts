/**
 * The `gongkai` command. Thin: each command calls the library and prints.
 * User errors print one Chinese line and exit non-zero, without a stack.
 */
import { Command, InvalidArgumentError } from "commander";
import { GongkaiError } from "../model/errors.ts";
import { disclosureJsonSchema } from "../model/schema.ts";
import { type ExtractFormat, runExtract } from "./extract.ts";

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

program
  .command("schema")
  .description("输出 Disclosure 模型的 JSON Schema")
  .action(() => {
    process.stdout.write(`${JSON.stringify(disclosureJsonSchema(), null, 2)}\n`);
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
