/**
 * The stable JSON shape of a check report, as a zod schema: `--format json`
 * output is parsed through it, `gongkai schema report` publishes it as JSON
 * Schema, and the compile-time check below keeps it equal to the TypeScript
 * types the engine builds, so the two cannot drift apart.
 */
import { z } from "zod";
import {
  DisclosureSchema,
  KindSchema,
  MoneyUnitSchema,
  RecognitionReportSchema,
  TableIdSchema,
} from "../../model/schema.ts";
import type { CheckReport } from "../types.ts";

export const REPORT_VERSION = "1.0";

export const SeveritySchema = z
  .enum(["error", "warning", "info"])
  .describe("级别：error 错误、warning 警告、info 提示");

export const LocationSchema = z
  .object({
    table: TableIdSchema.optional().describe("表格 id（与 golden facts 相同）"),
    tableTitle: z.string().optional().describe("表格的印刷标题"),
    key: z.string().optional().describe("行：科目编码或行键（income.total 等）"),
    name: z.string().optional().describe("行的印刷名称"),
    column: z.string().optional().describe("列 id（total、basic、project …）"),
    quote: z.string().optional().describe("说明文字中的原句或短语"),
    section: z.string().optional().describe("所在说明章节的标题"),
    line: z.number().int().positive().optional().describe("源文件中的行号（从 1 起）"),
    endLine: z.number().int().positive().optional(),
    page: z.number().int().positive().optional().describe("页码（PDF 等有页的来源）"),
    box: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .optional()
      .describe("页面上的位置 [x0, y0, x1, y1]，左上角为原点"),
    file: z
      .string()
      .optional()
      .describe("行号和页码所在的文件（说明与表格分两个文件公开、合并检查时）"),
  })
  .describe("问题所在的位置：表格的单元格或行，或说明文字中的一句话");

export const FindingSchema = z.object({
  rule: z.string().describe("规则 id：family/name"),
  severity: SeveritySchema,
  message: z.string().describe("问题说明（中文）"),
  locations: z.array(LocationSchema),
  expected: z.string().optional().describe("应为"),
  actual: z.string().optional().describe("实际"),
  basis: z.string().describe("依据：法规、审核公式或会计恒等式"),
});

export const WaivedFindingSchema = FindingSchema.extend({
  waiver: z.object({ reason: z.string().min(1).describe("豁免理由") }),
});

export const DocumentInfoSchema = z.object({
  file: z.string().optional().describe("文件路径"),
  parts: z
    .array(
      z.object({
        file: z.string().describe("文件路径"),
        holds: z.enum(["tables", "narrative"]).describe("tables 表格 / narrative 说明"),
      }),
    )
    .optional()
    .describe("说明与表格分两个文件公开、合并为一份检查时的两个文件"),
  kind: KindSchema.describe("budget 预算 / final 决算"),
  year: z.number().int().describe("年度"),
  entity: z.string().describe("公开主体（部门或单位）"),
  parent: z.string().nullable().describe("主管部门；部门本身为 null"),
  unit: MoneyUnitSchema.describe("多数表格的金额单位"),
  format: DisclosureSchema.shape.source.shape.format.describe("来源格式"),
});

export const CheckReportSchema = z
  .object({
    reportVersion: z.literal(REPORT_VERSION).describe("报告 JSON 格式的版本"),
    document: DocumentInfoSchema,
    preset: z.string().describe("规则集：recommended 或 strict"),
    findings: z.array(FindingSchema),
    waived: z.array(WaivedFindingSchema).describe("已豁免的问题及理由"),
    summary: z.object({
      error: z.number().int().nonnegative(),
      warning: z.number().int().nonnegative(),
      info: z.number().int().nonnegative(),
      waived: z.number().int().nonnegative(),
    }),
    failures: z
      .array(z.object({ rule: z.string(), message: z.string() }))
      .describe("运行出错的规则：如实报告，不会静默跳过"),
    unchecked: z
      .array(
        z.object({
          table: TableIdSchema,
          title: z.string(),
          page: z.number().int().positive().optional(),
          reason: z.string(),
        }),
      )
      .describe("未核对的表格：识别结果不足以做加总核对的表及原因（不会静默跳过）"),
    recognition: RecognitionReportSchema.optional().describe(
      "读取情况：目录所列表格是否识别、未识别的页、读取时的提示；读取不全时缺表不算文档的错误",
    ),
  })
  .meta({ title: "gongkai 检查报告", description: "一份公开文档的检查结果" });

/** `--format json` prints one object for one document, an array for several. */
export const CheckReportOutputSchema = z
  .union([CheckReportSchema, z.array(CheckReportSchema)])
  .meta({
    title: "gongkai check --format json",
    description: "一个文件时为一个报告对象，多个文件时为报告数组",
  });

/** The report schema as JSON Schema (draft 2020-12), for `gongkai schema report`. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(CheckReportOutputSchema, { target: "draft-2020-12" });
}

// Compile-time: the schema describes exactly the engine's CheckReport type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<z.infer<typeof CheckReportSchema>, CheckReport> = true;
void schemaMatchesTypes;
