/**
 * The shapes the API takes and gives, as zod schemas: requests are validated
 * with them (messages in Chinese), tests parse responses with them, and the
 * OpenAPI document is generated from them, so the three cannot drift apart.
 * Schemas with an `id` in API_SCHEMAS become `components.schemas` entries.
 */
import { z } from "zod";
import { PRESETS } from "../check/presets.ts";
import { CheckReportSchema, FindingSchema } from "../check/report/schema.ts";
import { DisclosureSchema, KindSchema, RecognitionReportSchema } from "../model/schema.ts";

export const RoleSchema = z
  .enum(["admin", "reviewer", "preparer"])
  .describe("角色：admin 管理、reviewer 审核、preparer 填报");

export const StatusSchema = z
  .enum(["queued", "processing", "done", "error"])
  .describe("处理状态：queued 排队、processing 处理中、done 完成、error 出错");

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z
        .enum([
          "bad_request",
          "unauthorized",
          "forbidden",
          "not_found",
          "conflict",
          "too_large",
          "unsupported_media_type",
          "unprocessable",
          "internal",
        ])
        .describe("稳定的错误代码，供脚本判断"),
      message: z.string().describe("中文说明"),
    }),
  })
  .describe("所有错误的统一格式");

export const HealthSchema = z.object({
  status: z.literal("ok"),
  version: z.string().describe("gongkai 版本"),
  store: z.enum(["sqlite", "postgres"]).describe("存储"),
});

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  entityId: z.string().nullable().describe("所属主体（填报：本单位；审核：所管部门）"),
  region: z.string().nullable().describe("审核的地区，如 随州市曾都区"),
  createdAt: z.string(),
});

export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export const LoginResponseSchema = z.object({
  token: z.string().describe("请求时放在 Authorization: Bearer 令牌"),
  expiresAt: z.string(),
  user: UserSchema,
});

export const NewUserRequestSchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(8).max(1000).describe("至少 8 个字符"),
  role: RoleSchema,
  entity: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe("主体名称（填报必填：本单位；审核可选：所管部门）"),
  region: z.string().min(1).max(200).optional().describe("审核的地区（与 entity 至少一项）"),
});

export const EntitySchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  region: z.string().nullable(),
  level: z.enum(["department", "unit"]).nullable(),
  government: z.enum(["central", "province", "city", "county", "township"]).nullable(),
});

export const SummarySchema = z.object({
  error: z.number().int(),
  warning: z.number().int(),
  info: z.number().int(),
  waived: z.number().int(),
});

export const DocumentSummarySchema = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  fileName: z.string(),
  format: z.string().nullable(),
  uploaderId: z.string().nullable(),
  published: z.boolean().describe("已公开：匿名读者可见"),
  status: StatusSchema,
  progress: z.number().min(0).max(1).describe("处理进度 0–1"),
  error: z.string().nullable().describe("出错时的中文说明"),
  attempts: z.number().int(),
  entityId: z.string().nullable(),
  entityName: z.string().nullable(),
  region: z.string().nullable(),
  year: z.number().int().nullable(),
  kind: KindSchema.nullable(),
  tags: z.array(z.string()),
  summary: SummarySchema.nullable().describe("最近一次检查的问题数"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DocumentPageSchema = z.object({
  items: z.array(DocumentSummarySchema),
  total: z.number().int().describe("符合条件的文档数（分页前）"),
});

export const AcceptedSchema = z.object({
  id: z.string(),
  status: StatusSchema,
  created: z.boolean().describe("false：同一文件已经存在，返回已有的文档"),
});

export const CheckInfoSchema = z.object({
  preset: z.string(),
  ruleSetVersion: z.string().describe("产生这些问题的规则集版本"),
  checkedAt: z.string(),
  summary: SummarySchema,
});

export const DocumentDetailSchema = DocumentSummarySchema.extend({
  disclosure: DisclosureSchema.nullable().describe(
    "识别出的数据模型（含全部表格）；处理完成前为 null",
  ),
  recognition: RecognitionReportSchema.nullable().describe("读取情况（识别报告）"),
  findings: z.array(FindingSchema).describe("与 gongkai check --format json 的 findings 相同"),
  check: CheckInfoSchema.nullable(),
});

export const CheckRequestSchema = z.object({
  preset: z.enum(PRESETS).describe("规则预设"),
});

export const CheckResponseSchema = CheckInfoSchema.extend({
  report: CheckReportSchema.describe("与 gongkai check --format json 相同的报告"),
});

export const PublishRequestSchema = z.object({
  published: z.boolean(),
});

export const EntityListSchema = z.object({ items: z.array(EntitySchema) });
export const UserListSchema = z.object({ items: z.array(UserSchema) });

/** Named schemas: each becomes `#/components/schemas/NAME` in the OpenAPI document. */
export const API_SCHEMAS: Record<string, z.ZodType> = {
  Error: ErrorSchema,
  Health: HealthSchema,
  User: UserSchema,
  LoginRequest: LoginRequestSchema,
  LoginResponse: LoginResponseSchema,
  NewUserRequest: NewUserRequestSchema,
  Entity: EntitySchema,
  DocumentSummary: DocumentSummarySchema,
  DocumentPage: DocumentPageSchema,
  Accepted: AcceptedSchema,
  DocumentDetail: DocumentDetailSchema,
  CheckRequest: CheckRequestSchema,
  CheckResponse: CheckResponseSchema,
  PublishRequest: PublishRequestSchema,
  Disclosure: DisclosureSchema,
  Finding: FindingSchema,
  CheckReport: CheckReportSchema,
  RecognitionReport: RecognitionReportSchema,
  EntityList: EntityListSchema,
  UserList: UserListSchema,
};
