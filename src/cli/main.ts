/**
 * The `gongkai` command. Thin: each command calls the library and prints.
 *
 * Only commander and the option lists load at start: each command's module,
 * and what it needs (pdf.js, exceljs, mammoth, echarts, pdfkit, docx, the
 * canvas), is imported by its action, so `gongkai --version` or `gongkai
 * extract 文件.txt` loads none of them.
 *
 * Exit codes: 0 done; 1 `check` found what --fail-on names; 2 a usage error
 * (unknown command or option, missing argument, bad value: found by
 * commander, one Chinese line on stderr) or a file that cannot be read;
 * 70 an internal error. User errors print one Chinese line, without a stack.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import type { Preset } from "../check/config.ts";
import type { Severity } from "../check/types.ts";
import { GongkaiError } from "../model/errors.ts";
import {
  CHECK_FORMATS,
  CHECK_PRESETS,
  type CheckFormat,
  COMPARE_FORMATS,
  COMPARE_MODES,
  type CompareCliMode,
  type CompareFormat,
  EXPORT_FORMATS,
  EXTRACT_FORMATS,
  type ExportFormat,
  type ExtractFormat,
  RENDER_FORMATS,
  type RenderFormat,
} from "./options.ts";
import { CHINESE_HELP, chineseUsageError } from "./usage.ts";

const { version } = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
) as { version: string };

// A reader that stops early (`gongkai extract … | head`) ends the output, not in a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const program = new Command();
// Set before any command is added: the commands copy these settings.
program
  .name("gongkai")
  .description("部门预决算公开文档：解析、检查与生成")
  .version(version, "-v, --version", "显示版本")
  .helpOption("-h, --help", "显示帮助")
  .helpCommand("help [命令]", "显示命令的帮助")
  .configureHelp(CHINESE_HELP)
  .configureOutput({ outputError: (str, write) => write(chineseUsageError(str)) })
  .showSuggestionAfterError(true)
  .showHelpAfterError("（gongkai --help 查看全部命令）")
  .exitOverride();

/** A command whose usage errors point to its own help. */
function command(name: string): Command {
  return program.command(name).showHelpAfterError(`（gongkai ${name} --help 查看用法）`);
}

function choice<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`${what}应为 ${allowed.join("、")} 之一`);
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("端口应为 0–65535 的整数");
  return n;
}

function positiveNumber(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what}应为正数`);
    return n;
  };
}

command("extract")
  .description("识别一份公开文档中的表格、说明章节和文字陈述")
  .argument("<文件>", "公开文档（文本、PDF、XLSX、DOCX、HTML，按内容识别格式）")
  .option(
    "-f, --format <格式>",
    "输出格式：text | json | facts",
    choice(EXTRACT_FORMATS, "格式"),
    "text",
  )
  .action(async (file: string, opts: { format: ExtractFormat }) => {
    const { runExtract } = await import("./extract.ts");
    await runExtract(file, opts.format, (s) => process.stdout.write(`${s}\n`));
  });

command("check")
  .description("检查公开文档：表内运算、表间一致、科目编码、说明与表格、完整性、模板残留")
  .argument("<文件...>", "公开文档（文本、PDF、XLSX、DOCX、HTML，按内容识别格式）")
  .option(
    "-f, --format <格式>",
    "报告格式：pretty | json | sarif | html | xlsx | pdf（批注 PDF：原件上框出每条问题并编号，末尾附问题清单）",
    choice(CHECK_FORMATS, "格式"),
    "pretty",
  )
  .option("-p, --preset <预设>", "规则预设：recommended | strict", choice(CHECK_PRESETS, "预设"))
  .option(
    "--fail-on <级别>",
    "达到该级别时退出码为 1：error | warning | info | none（从不）",
    choice(["error", "warning", "info", "none"] as const, "级别"),
    "error",
  )
  .option("-c, --config <文件>", "配置文件（默认读取当前目录的 gongkai.config.json）")
  .option(
    "-r, --rule <规则=级别>",
    "设置规则级别，如 arith/class-sum=warning（可重复）",
    collect,
    [],
  )
  .option("-o, --output <文件>", "写入文件而不是标准输出（xlsx、pdf 必须指定）")
  .option("--as-one", "两个文件是同一份公开的说明和表格（分两个文件公开），合并为一份检查")
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
        asOne?: boolean;
      },
    ) => {
      const { runCheck } = await import("./check.ts");
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

command("template")
  .description("生成供填报的 Excel 模板（每张标准表一个工作表，附科目目录、上年数和文字说明）")
  .option(
    "-k, --kind <类型>",
    "budget（预算）| final（决算）",
    choice(["budget", "final"] as const, "类型"),
  )
  .option("-y, --year <年度>", "年度（默认为当前年度）", (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 2000 || n > 2100)
      throw new InvalidArgumentError("年度应为四位数字");
    return n;
  })
  .option(
    "--from <文件>",
    "从已有文档或 JSON 填入数字（同年同类型：修改；下一年：作为上年数；预算→同年决算：作为年初预算）",
  )
  .option("-o, --output <文件>", "写入文件（默认写到标准输出）")
  .option(
    "--profile <表样>",
    "地区表样：national（全国通用，默认）| shanghai-district（上海市区级官方预算公开模板）",
  )
  .option(
    "--level <主体>",
    "地区表样的部门版或单位版：department（部门）| unit（单位）",
    choice(["department", "unit"] as const, "主体"),
  )
  .action(
    async (opts: {
      kind?: "budget" | "final";
      year?: number;
      from?: string;
      output?: string;
      profile?: string;
      level?: "department" | "unit";
    }) => {
      if (!opts.output && process.stdout.isTTY) {
        throw new GongkaiError(
          "unsupported_format",
          "模板是 xlsx 文件：请用 -o 指定输出文件，或重定向到文件",
        );
      }
      const { runTemplate } = await import("../template/run.ts");
      const result = await runTemplate({
        ...(opts.kind ? { kind: opts.kind } : {}),
        ...(opts.year !== undefined ? { year: opts.year } : {}),
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.output ? { out: opts.output } : {}),
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.level ? { level: opts.level } : {}),
      });
      if (!opts.output) process.stdout.write(result.bytes);
      for (const s of result.skipped) process.stderr.write(`提示：${s}\n`);
    },
  );

command("render")
  .description("由数据生成完整的公开文档（表格、说明、图表）")
  .argument("<输入>", "JSON（RenderInput 或 Disclosure）、填好的模板，或任何可读取的公开文档")
  .option("-f, --format <格式>", "html | pdf | xlsx | docx", choice(RENDER_FORMATS, "格式"), "html")
  .option("-o, --output <文件>", "写入文件（html 以外的格式必须指定）")
  .option(
    "--profile <表样>",
    "按地区表样生成表格：national（全国通用，默认）| shanghai-district（上海市区级九张表）",
  )
  .action(
    async (input: string, opts: { format: RenderFormat; output?: string; profile?: string }) => {
      if (!opts.output && opts.format !== "html") {
        throw new GongkaiError("unsupported_format", `${opts.format} 格式需要用 -o 指定输出文件`);
      }
      const { runRender } = await import("./render.ts");
      const bytes = await runRender(
        input,
        opts.format,
        opts.output,
        (s) => process.stderr.write(s),
        opts.profile,
      );
      if (!opts.output) process.stdout.write(bytes);
    },
  );

command("rules")
  .description("列出全部检查规则；--doc 显示某条规则的说明")
  .option("--doc <规则>", "显示一条规则的文档（Markdown）")
  .option("--json", "以 JSON 输出规则元数据")
  .action(async (opts: { doc?: string; json?: boolean }) => {
    const { runRules } = await import("./rules.ts");
    process.stdout.write(runRules(opts));
  });

command("serve")
  .description("启动 HTTP API：上传、检查、查询、比较和导出公开文档（默认只在本机 127.0.0.1）")
  .option("--port <端口>", "端口（0：任一空闲端口）", port, 8080)
  .option("--host <地址>", "监听地址（0.0.0.0：对外提供服务）", "127.0.0.1")
  .option(
    "--db <数据库>",
    "SQLite 文件路径或 postgres:// 地址（默认 DATABASE_URL 或 ./gongkai.db）",
  )
  .option("--max-upload-mb <MB>", "上传文件的大小上限（MB）", positiveNumber("上传上限"), 50)
  .option("--demo", "空库首次启动时创建管理账户并导入 ../shared 中的示例文档（npm start）")
  .action(
    async (opts: {
      port: number;
      host: string;
      db?: string;
      maxUploadMb: number;
      demo?: boolean;
    }) => {
      const { runServe } = await import("./serve.ts");
      await runServe({ ...opts, demo: opts.demo === true }, (s) => process.stdout.write(s));
    },
  );

const DB_HELP = "SQLite 文件路径或 postgres:// 地址（默认 DATABASE_URL 或 ./gongkai.db）";

command("import")
  .description("把公开文档导入数据库并识别、检查（目录中的文件逐个导入；相同文件只保存一次）")
  .argument("<文件或目录...>", "公开文档或包含它们的目录")
  .option("--db <数据库>", DB_HELP)
  .option("-p, --preset <预设>", "规则预设：recommended | strict", choice(CHECK_PRESETS, "预设"))
  .option("--published", "作为已公开文档导入（未登录的读者可见）")
  .option("-t, --tag <标签>", "给导入的文档加标签（可重复）", collect, [])
  .action(
    async (
      paths: string[],
      opts: { db?: string; preset?: Preset; published?: boolean; tag: string[] },
    ) => {
      const { runImport } = await import("./import.ts");
      process.exitCode = await runImport(paths, opts, (s) => process.stdout.write(`${s}\n`));
    },
  );

function positiveInteger(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${what}应为正整数`);
    return n;
  };
}

command("batch")
  .description(
    "批量处理：用全部 CPU 核读取、识别、检查并保存目录或通配符下的全部文档；已按相同规则集处理过的文件跳过，可中断后重跑续做",
  )
  .argument("<目录或通配符...>", '目录、文件或通配符（如 "公开文档/**/*.pdf"）')
  .option("--db <数据库>", DB_HELP)
  .option("-p, --preset <预设>", "规则预设：recommended | strict", choice(CHECK_PRESETS, "预设"))
  .option("-j, --threads <N>", "线程数（默认为 CPU 核数）", positiveInteger("线程数"))
  .option("-r, --report <文件>", "汇总报告：.html 或 .xlsx（可重复）", collect, [])
  .option("--published", "作为已公开文档保存（未登录的读者可见）")
  .option("-t, --tag <标签>", "给文档加标签（可重复）", collect, [])
  .option("--retry-errors", "重新读取上次无法读取的文件")
  .action(
    async (
      paths: string[],
      opts: {
        db?: string;
        preset?: Preset;
        threads?: number;
        report: string[];
        published?: boolean;
        tag: string[];
        retryErrors?: boolean;
      },
    ) => {
      const { runBatchCli } = await import("./batch.ts");
      process.exitCode = await runBatchCli(paths, opts, {
        out: (s) => process.stdout.write(`${s}\n`),
        err: (s) => process.stderr.write(s),
        tty: !!process.stderr.isTTY,
        ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
      });
    },
  );

const PG_HELP = "PostgreSQL 地址 postgres://…（默认 DATABASE_URL；各台机器用同一个）";

command("enqueue")
  .description(
    "分布式处理：把文档保存到 PostgreSQL（按内容只存一份）并加入任务队列，由各台机器上的 gongkai worker 处理",
  )
  .argument("<文件或目录...>", "公开文档或包含它们的目录")
  .option("--db <数据库>", PG_HELP)
  .option("-p, --preset <预设>", "规则预设：recommended | strict", choice(CHECK_PRESETS, "预设"))
  .option("--published", "作为已公开文档保存（未登录的读者可见）")
  .option("-t, --tag <标签>", "给文档加标签（可重复）", collect, [])
  .action(
    async (
      paths: string[],
      opts: { db?: string; preset?: Preset; published?: boolean; tag: string[] },
    ) => {
      const { runEnqueue } = await import("./distributed.ts");
      process.exitCode = await runEnqueue(paths, opts, (s) => process.stdout.write(`${s}\n`));
    },
  );

command("worker")
  .description(
    "分布式处理的工作进程：从任务队列取文档处理，结果写入同一数据库；可在任意多台机器上随时启动或停止",
  )
  .option("--db <数据库>", PG_HELP)
  .option(
    "-j, --concurrency <N>",
    "同时处理的文档数（线程数，默认为 CPU 核数）",
    positiveInteger("并发数"),
  )
  .action(async (opts: { db?: string; concurrency?: number }) => {
    const { runWorker } = await import("./distributed.ts");
    process.exitCode = await runWorker(
      opts,
      (s) => process.stdout.write(`${s}\n`),
      (s) => process.stderr.write(s),
    );
  });

command("jobs")
  .description("任务队列的进度：排队、处理中、完成、失败的任务数和数据库中的文档数")
  .option("--db <数据库>", PG_HELP)
  .option("--json", '输出 JSON：{"queued","active","done","failed","documents"}')
  .action(async (opts: { db?: string; json?: boolean }) => {
    const { runJobs } = await import("./distributed.ts");
    process.exitCode = await runJobs(opts, (s) => process.stdout.write(`${s}\n`));
  });

const user = command("user").description("管理账户：add 创建，list 列出");
user
  .command("add")
  .description("创建账户（密码从标准输入读取）")
  .argument("<用户名>", "登录名")
  .requiredOption(
    "--role <角色>",
    "admin（管理）| reviewer（审核）| preparer（填报）",
    choice(["admin", "reviewer", "preparer"] as const, "角色"),
  )
  .option("--entity <单位>", "所属部门或单位（填报用户必填）")
  .option("--region <地区>", "负责的地区（审核用户），如 随州市曾都区")
  .option("--password-stdin", "从标准输入读取密码")
  .option("--db <数据库>", DB_HELP)
  .action(
    async (
      name: string,
      opts: {
        role: "admin" | "reviewer" | "preparer";
        entity?: string;
        region?: string;
        passwordStdin?: boolean;
        db?: string;
      },
    ) => {
      const { runUserAdd } = await import("./user.ts");
      process.stdout.write(`${await runUserAdd(name, opts)}\n`);
    },
  );
user
  .command("list")
  .description("列出账户")
  .option("--db <数据库>", DB_HELP)
  .action(async (opts: { db?: string }) => {
    const { runUserList } = await import("./user.ts");
    process.stdout.write(`${await runUserList(opts.db)}\n`);
  });

/** Options that take documents from a store (compare, export). */
interface StoreFilterOpts {
  db?: string;
  region?: string;
  year?: number;
  kind?: "budget" | "final";
  text?: string;
}

const STORE_OPTIONS = {
  db: [
    "--db <库>",
    "从存储库取文档：SQLite 文件或 postgres:// 地址（不给文件时也可用 DATABASE_URL）",
  ],
  region: ["--region <地区>", "存储库中的文档：按地区筛选"],
  year: [
    "--year <年度>",
    "存储库中的文档：按年度筛选",
    (v: string) => {
      if (!/^\d{4}$/u.test(v)) throw new InvalidArgumentError("年度应为四位数字");
      return Number(v);
    },
  ],
  kind: [
    "--kind <类型>",
    "存储库中的文档：budget | final",
    choice(["budget", "final"] as const, "类型"),
  ],
  text: ["--text <文字>", "存储库中的文档：按主体名称、文件名或正文筛选"],
} as const;

/** The store part of the options: --db, else DATABASE_URL when no file is named. */
function storeSelection(files: readonly string[], opts: StoreFilterOpts) {
  const db = opts.db ?? (files.length === 0 ? process.env.DATABASE_URL : undefined);
  if (!db) return {};
  return {
    store: {
      db,
      ...(opts.region ? { region: opts.region } : {}),
      ...(opts.year ? { year: opts.year } : {}),
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(opts.text ? { text: opts.text } : {}),
    },
  };
}

command("compare")
  .description(
    "比较公开文档：同一主体跨年度、预算与决算（执行率）、同一部门所属单位并列与合计；corpus：分布、排名、问题统计和异常值",
  )
  .argument("[文件或目录...]", "公开文档、extract -f json 保存的 JSON，或包含它们的目录")
  .option(
    "-m, --mode <方式>",
    "auto（按文档自动选择）| yoy | budget-final | units | corpus",
    choice(COMPARE_MODES, "比较方式"),
    "auto",
  )
  .option("-f, --format <格式>", "text | json | csv", choice(COMPARE_FORMATS, "格式"), "text")
  .option("-o, --output <文件>", "写入文件而不是标准输出")
  .option(...STORE_OPTIONS.db)
  .option(...STORE_OPTIONS.region)
  .option(...STORE_OPTIONS.year)
  .option(...STORE_OPTIONS.kind)
  .option(...STORE_OPTIONS.text)
  .action(
    async (
      files: string[],
      opts: { mode: CompareCliMode; format: CompareFormat; output?: string } & StoreFilterOpts,
    ) => {
      const { runCompare } = await import("./compare.ts");
      process.exitCode = await runCompare(
        files,
        { ...opts, ...storeSelection(files, opts) },
        {
          out: (s) => process.stdout.write(s),
          err: (s) => process.stderr.write(s),
        },
      );
    },
  );

command("export")
  .description("导出开放数据：csv（Excel 可直接打开）或 datapackage（Fiscal Data Package 目录）")
  .argument("[文件或目录...]", "公开文档、extract -f json 保存的 JSON，或包含它们的目录")
  .requiredOption("-f, --format <格式>", "csv | datapackage", choice(EXPORT_FORMATS, "格式"))
  .requiredOption("-o, --out <路径>", "csv：输出文件；datapackage：输出目录")
  .option(...STORE_OPTIONS.db)
  .option(...STORE_OPTIONS.region)
  .option(...STORE_OPTIONS.year)
  .option(...STORE_OPTIONS.kind)
  .option(...STORE_OPTIONS.text)
  .action(
    async (files: string[], opts: { format: ExportFormat; out: string } & StoreFilterOpts) => {
      const { runExport } = await import("./export.ts");
      process.exitCode = await runExport(
        files,
        { ...opts, ...storeSelection(files, opts) },
        { err: (s) => process.stderr.write(s) },
      );
    },
  );

command("schema")
  .description("输出 JSON Schema：model（Disclosure 模型，默认）或 report（检查报告）")
  .argument("[类型]", "model | report", choice(["model", "report"] as const, "类型"), "model")
  .action(async (which: "model" | "report") => {
    const schema =
      which === "report"
        ? (await import("../check/report/schema.ts")).reportJsonSchema()
        : (await import("../model/schema.ts")).disclosureJsonSchema();
    process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end here with 0; every other way is a usage error,
    // already written to stderr in Chinese.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof GongkaiError) {
    process.stderr.write(`错误：${e.message}\n`);
    process.exitCode = 2;
  } else {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`内部错误：${message}\n`);
    process.exitCode = 70;
  }
}
