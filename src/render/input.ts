/**
 * What the document generator needs: the disclosure's tables (the figures of
 * the year), last year's figures (for every "比上年增加/减少" sentence) and
 * the texts only a person can write (duties, reasons, performance targets).
 *
 * Everything the generator can compute comes from `disclosure`; what is
 * missing here is printed as a 【待填写：…】 marker, never invented.
 */
import { z } from "zod";
import { GongkaiError } from "../model/errors.ts";
import { AmountSchema, DisclosureSchema, MoneyUnitSchema } from "../model/schema.ts";
import { THREE_PUBLIC_LINES } from "../model/vocabulary.ts";

/**
 * Keys of `prior.lines` the narrative reads (amounts of last year, in
 * hundredths of `prior.unit`). Golden line keys where one exists, plus a few
 * of our own for figures no table line carries.
 */
export const PRIOR_LINE_KEYS = [
  "income.total",
  "income.grand_total",
  "income.gpb",
  "income.gov_fund",
  "income.state_capital",
  "expenditure.total",
  "expenditure.grand_total",
  /** 财政拨款收支总计 */
  "fiscal.grand_total",
  /** 一般公共预算（财政拨款）支出合计 */
  "gpb.total",
  "gov_fund.total",
  "state_capital.total",
  /** 基本支出 / 项目支出 (of the 一般公共预算 table where the document has it) */
  "basic",
  "project",
  "personnel",
  "public",
  ...THREE_PUBLIC_LINES,
  /** 机关运行经费 */
  "running_cost",
  /** 政府采购预算（合同）总额 */
  "procurement.total",
  /** 资产总额 */
  "assets.total",
] as const;

export type PriorLineKey = (typeof PRIOR_LINE_KEYS)[number];

/** Last year's figures. Any may be missing: the sentence then carries a marker. */
export const PriorSchema = z.object({
  /** The prior year (defaults to the disclosure's year − 1). */
  year: z.number().int().optional(),
  /** Unit of the amounts below (defaults to the disclosure's unit). */
  unit: MoneyUnitSchema.optional(),
  /** Amounts by line key (PRIOR_LINE_KEYS; other keys are kept and ignored). */
  lines: z.record(z.string(), AmountSchema).default({}),
  /** 一般公共预算 amounts by classification code (功能分类 类/款/项, 经济分类). */
  codes: z.record(z.string(), AmountSchema).optional(),
});

/** Figures of the year that no standard table carries. */
export const FiguresSchema = z.object({
  /** Unit of the amounts below (defaults to the disclosure's unit). */
  unit: MoneyUnitSchema.optional(),
  /** 机关运行经费 of the year. */
  runningCost: AmountSchema.optional(),
  /** 政府采购 of the year: total and by kind. */
  procurement: z
    .object({
      total: AmountSchema,
      goods: AmountSchema.optional(),
      works: AmountSchema.optional(),
      services: AmountSchema.optional(),
      /** 面向中小企业预留 */
      sme: AmountSchema.optional(),
    })
    .optional(),
  /** 国有资产: totals and vehicles. */
  assets: z
    .object({
      total: AmountSchema.optional(),
      current: AmountSchema.optional(),
      fixed: AmountSchema.optional(),
      vehicles: z.number().int().nonnegative().optional(),
      /** 单价 100 万元（含）以上设备 (台/套) */
      bigEquipment: z.number().int().nonnegative().optional(),
    })
    .optional(),
  /**
   * 年初预算 of a final account (决算 against 预算): by line key ("gpb.total",
   * "three_public.total" …) and by classification code.
   */
  initialBudget: z
    .object({
      lines: z.record(z.string(), AmountSchema).default({}),
      codes: z.record(z.string(), AmountSchema).optional(),
    })
    .optional(),
  /** Staffing: 编制数 and 实有人数. */
  staff: z
    .object({
      authorised: z.number().int().nonnegative().optional(),
      actual: z.number().int().nonnegative().optional(),
      retired: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

/** Texts only a person can write. Missing ones become 【待填写：…】 markers. */
export const TextsSchema = z.object({
  /** 主要职能 / 部门主要职责 */
  duties: z.string().optional(),
  /** 机构设置 / 部门决算（预算）单位构成 */
  organisation: z.string().optional(),
  /**
   * Reasons of a change, by subject key: "income.total", "expenditure.total",
   * "grand_total", "fiscal.grand_total", "gpb.total", "gpb.final_vs_budget",
   * "three_public.total", "three_public.abroad", "three_public.vehicle",
   * "three_public.reception", "running_cost", "assets.total", or a code;
   * in a final account also "gpb.final_vs_budget" and
   * "three_public.final_vs_budget" (决算 against 年初预算).
   */
  reasons: z.record(z.string(), z.string()).optional(),
  /** 绩效目标 / 预算绩效管理情况 */
  performance: z.string().optional(),
  /** What 政府采购 buys (free text after the figures). */
  procurement: z.string().optional(),
  /** 国有资产 remarks (free text after the figures). */
  assets: z.string().optional(),
  /** 其他需要说明的事项 */
  other: z.string().optional(),
});

export const RenderOptionsSchema = z.object({
  /** Embed charts (default true). */
  charts: z.boolean().optional(),
  /** Document title override (default: 〈单位〉〈年〉年度部门预算/决算). */
  title: z.string().optional(),
  /**
   * The region's own table set and layouts (src/model/profiles/): the tables
   * print with that profile's titles and columns. Default: national.
   */
  profile: z.enum(["national", "shanghai_district", "central_university"]).optional(),
});

export const RenderInputSchema = z.object({
  disclosure: DisclosureSchema,
  prior: PriorSchema.optional(),
  figures: FiguresSchema.optional(),
  texts: TextsSchema.optional(),
  options: RenderOptionsSchema.optional(),
});

export type Prior = z.infer<typeof PriorSchema>;
export type Figures = z.infer<typeof FiguresSchema>;
export type Texts = z.infer<typeof TextsSchema>;
export type RenderOptions = z.infer<typeof RenderOptionsSchema>;
export type RenderInput = z.infer<typeof RenderInputSchema>;
/** The input as written by a person or a tool (defaults not yet applied). */
export type RenderInputJson = z.input<typeof RenderInputSchema>;

/** Validate untrusted input; a clear Chinese error names the first bad field. */
export function parseRenderInput(json: unknown): RenderInput {
  const r = RenderInputSchema.safeParse(json);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = first?.path.length ? first.path.join(".") : "（根）";
  throw new GongkaiError("unreadable", `生成输入不符合格式：字段 ${where}：${issueText(first)}`);
}

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数值",
  int: "整数",
  boolean: "是或否",
  object: "对象",
  array: "列表",
  record: "对象",
};

/** A zod issue in Chinese (the common kinds; others keep zod's words). */
function issueText(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "格式错误";
  switch (issue.code) {
    case "invalid_type":
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `应为 ${issue.values.map(String).join("、")} 之一`;
    case "too_small":
      return `不能小于 ${String(issue.minimum)}`;
    case "too_big":
      return `不能大于 ${String(issue.maximum)}`;
    case "unrecognized_keys":
      return `有未知的字段 ${issue.keys.join("、")}`;
    default:
      return `格式错误（${issue.message}）`;
  }
}
