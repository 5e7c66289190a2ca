/**
 * Documents: upload (queued for background reading and checking), list and
 * search, read one with its tables, recognition report and findings,
 * re-check with another preset, publish, render, and the original file.
 * Every route asks the store whether the caller may see the document.
 */
import type { Context } from "hono";
import { z } from "zod";
import { checkDisclosure } from "../../check/engine.ts";
import { CheckReportSchema } from "../../check/report/schema.ts";
import { ruleSetVersion } from "../../check/version.ts";
import { sniffFormat } from "../../ingest/index.ts";
import { readIfTemplate } from "../../pipeline.ts";
import type { StoredDocument } from "../../store/types.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { documentQuery, FilterQuerySchema } from "../filters.ts";
import type { RouteSpec } from "../route.ts";
import {
  AcceptedSchema,
  CheckRequestSchema,
  CheckResponseSchema,
  DocumentDetailSchema,
  DocumentPageSchema,
  DocumentSummarySchema,
  ErrorSchema,
  PublishRequestSchema,
  StatusSchema,
} from "../schemas.ts";
import { formatSize, uploadLimit } from "../upload-limit.ts";

const ID = { id: "文档 id（上传时返回）" };
const SIGNED_IN = ["admin", "reviewer", "preparer"] as const;

const RENDER_TYPES = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

const ORIGINAL_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  html: "text/html",
  text: "text/plain",
  markdown: "text/plain",
};

const ListQuerySchema = FilterQuerySchema.extend({
  status: StatusSchema.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("每页条数（默认 100，最多 1000）"),
  offset: z.coerce.number().int().min(0).optional().describe("跳过的条数"),
});

const DetailQuerySchema = z.object({
  preset: z.string().min(1).optional().describe("取该预设的检查结果（需先用 POST …/check 检查过）"),
});

const RenderQuerySchema = z.object({
  format: z.enum(["html", "pdf", "xlsx", "docx"]).default("html").describe("生成的格式"),
});

/** The document when it exists and the caller may see it: else 404, 401 or 403. */
async function visibleDocument(
  c: Context<AppEnv>,
  opts: { preset?: string } = {},
): Promise<StoredDocument> {
  const id = c.req.param("id") ?? "";
  const { store } = c.get("deps");
  const doc = await store.getDocument(id, opts);
  if (!doc) throw new ApiError("not_found", `没有这份文档：${id}`);
  if (!(await store.canView(c.get("viewer"), doc))) {
    if (!c.get("user")) throw new ApiError("unauthorized", "这份文档尚未公开，请先登录");
    throw new ApiError("forbidden", "没有权限查看这份文档");
  }
  return doc;
}

function requireDone(doc: StoredDocument): asserts doc is StoredDocument & {
  disclosure: NonNullable<StoredDocument["disclosure"]>;
} {
  if (doc.status === "error") {
    throw new ApiError("conflict", `这份文档未能读取：${doc.error ?? "原因未知"}`);
  }
  if (doc.status !== "done" || !doc.disclosure) {
    throw new ApiError("conflict", "这份文档还在处理中，请稍后再试");
  }
}

/** A file name in a Content-Disposition header, readable in any browser. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function summaryOf(doc: StoredDocument) {
  const { disclosure: _d, check: _c, findings: _f, ...summary } = doc;
  return summary;
}

async function upload(c: Context<AppEnv>): Promise<Response> {
  const user = c.get("user");
  if (!user) throw new ApiError("unauthorized", "请先登录");
  const type = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(type)) {
    throw new ApiError(
      "unsupported_media_type",
      "上传应为 multipart/form-data，文件放在字段 file 中",
    );
  }
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new ApiError("bad_request", "无法读取上传的表单：请求体不完整或格式不对");
  }
  const file = form.file;
  if (!(file instanceof File))
    throw new ApiError("bad_request", "缺少文件：请把文件放在字段 file 中");
  if (file.size === 0) throw new ApiError("bad_request", "上传的文件是空的");
  const published = form.published === "true";
  if (published && user.role === "preparer") {
    throw new ApiError("forbidden", "填报用户不能直接公开文档，请由审核或管理用户公开");
  }
  const tags = (Array.isArray(form.tag) ? form.tag : form.tag === undefined ? [] : [form.tag])
    .filter((t): t is string => typeof t === "string" && t.trim() !== "")
    .map((t) => t.trim());
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { store, notifyQueue } = c.get("deps");
  const { document, created } = await store.putDocument({
    bytes,
    size: file.size,
    fileName: file.name || "upload",
    format: sniffFormat(bytes),
    uploaderId: user.id,
    entityId: user.role === "preparer" ? user.entityId : null,
    published,
    tags,
  });
  if (created) notifyQueue();
  c.header("Location", `/api/documents/${document.id}`);
  return c.json({ id: document.id, status: document.status, created }, 202);
}

async function list(c: Context<AppEnv>): Promise<Response> {
  const q = c.get("query") as z.output<typeof ListQuerySchema>;
  const query = await documentQuery(c, q);
  if (!query) return c.json({ items: [], total: 0 });
  const page = {
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
    ...(q.offset !== undefined ? { offset: q.offset } : {}),
  };
  return c.json(await c.get("deps").store.listDocuments({ ...query, ...page }));
}

async function detail(c: Context<AppEnv>): Promise<Response> {
  const { preset } = c.get("query") as z.output<typeof DetailQuerySchema>;
  const doc = await visibleDocument(c, preset === undefined ? {} : { preset });
  // Parsed through the report schema, as `gongkai check --format json` prints it.
  const report = doc.check ? CheckReportSchema.parse(doc.check.report) : undefined;
  return c.json({
    ...summaryOf(doc),
    disclosure: doc.disclosure,
    recognition: doc.disclosure?.report ?? null,
    findings: report?.findings ?? [],
    check:
      doc.check && report
        ? {
            preset: doc.check.preset,
            ruleSetVersion: doc.check.ruleSetVersion,
            checkedAt: doc.check.checkedAt,
            summary: report.summary,
          }
        : null,
  });
}

async function recheck(c: Context<AppEnv>): Promise<Response> {
  const { preset } = c.get("body") as z.output<typeof CheckRequestSchema>;
  const doc = await visibleDocument(c);
  requireDone(doc);
  const report = CheckReportSchema.parse(checkDisclosure(doc.disclosure, { preset }));
  const version = ruleSetVersion();
  await c.get("deps").store.saveCheck(doc.id, report, version);
  return c.json({
    preset,
    ruleSetVersion: version,
    checkedAt: new Date().toISOString(),
    summary: report.summary,
    report,
  });
}

async function publish(c: Context<AppEnv>): Promise<Response> {
  const { published } = c.get("body") as z.output<typeof PublishRequestSchema>;
  const doc = await visibleDocument(c);
  const { store } = c.get("deps");
  const user = c.get("user");
  // A reviewer publishes or withdraws what is in its own region or department.
  if (!user || !(await store.inScope(user, doc))) {
    throw new ApiError("forbidden", "只能公开或撤回本地区、本部门的文档");
  }
  await store.setPublished(doc.id, published);
  const after = await store.getDocument(doc.id);
  return c.json(after ? summaryOf(after) : { ...summaryOf(doc), published });
}

async function render(c: Context<AppEnv>): Promise<Response> {
  const { format } = c.get("query") as z.output<typeof RenderQuerySchema>;
  const doc = await visibleDocument(c);
  requireDone(doc);
  const { store } = c.get("deps");
  const original = await store.getOriginal(doc.id);
  const { renderDocument, inputFromDisclosure } = await import("../../render/index.ts");
  // A filled 填报模板 renders with what only the template holds (prior year, texts);
  // a document with the figures its 说明 states (政府采购, 机关运行经费 …).
  const input =
    (original && (await readIfTemplate(original))) || inputFromDisclosure(doc.disclosure);
  const bytes = await renderDocument(input, format);
  const base = doc.fileName.replace(/\.[^.]*$/, "") || "document";
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": RENDER_TYPES[format],
    "content-disposition": attachment(`${base}.${format}`),
  });
}

async function original(c: Context<AppEnv>): Promise<Response> {
  const doc = await visibleDocument(c);
  const bytes = await c.get("deps").store.getOriginal(doc.id);
  if (!bytes) throw new ApiError("not_found", "找不到文档的原始文件");
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": ORIGINAL_TYPES[doc.format ?? ""] ?? "application/octet-stream",
    "content-disposition": attachment(doc.fileName),
  });
}

export function documentRoutes(maxUploadBytes: number): RouteSpec[] {
  return [
    {
      method: "post",
      path: "/api/documents",
      tag: "文档",
      summary: "上传文档",
      description: `任何支持的格式（PDF、XLSX/XLS、DOCX/DOC、HTML、文本，按内容识别），上限 ${formatSize(maxUploadBytes)}。返回 202 后在后台读取并检查，用 GET /api/documents/{id} 查看进度和结果。同一文件（内容相同）只保存一次，再次上传返回已有文档的 id。填报用户上传的文档归入本单位，为草稿；审核、管理用户可用 published=true 直接公开。`,
      roles: SIGNED_IN,
      multipart: {
        required: ["file"],
        fields: {
          file: { type: "string", format: "binary", description: "公开文档" },
          published: {
            type: "string",
            enum: ["true", "false"],
            description: "直接公开（审核、管理）",
          },
          tag: { type: "string", description: "标签（可重复）" },
        },
      },
      before: [uploadLimit(maxUploadBytes)],
      responses: { 202: { description: "已接收，排队处理", json: AcceptedSchema } },
      handler: upload,
    },
    {
      method: "get",
      path: "/api/documents",
      tag: "文档",
      summary: "列出和搜索文档",
      description:
        "按主体、地区、年度、类型、状态和全文筛选；只列出调用者有权看到的文档，最新的在前。",
      query: ListQuerySchema,
      responses: { 200: { description: "一页文档", json: DocumentPageSchema } },
      handler: list,
    },
    {
      method: "get",
      path: "/api/documents/{id}",
      tag: "文档",
      summary: "一份文档：状态、数据模型（全部表格）、识别报告和检查结果",
      params: ID,
      query: DetailQuerySchema,
      responses: { 200: { description: "文档", json: DocumentDetailSchema } },
      handler: detail,
    },
    {
      method: "post",
      path: "/api/documents/{id}/check",
      tag: "文档",
      summary: "用另一个规则预设重新检查",
      description:
        "检查结果保存下来（带规则集版本），之后 GET /api/documents/{id}?preset=… 可取。文档须已处理完成（否则 409）。",
      roles: SIGNED_IN,
      params: ID,
      json: CheckRequestSchema,
      responses: {
        200: { description: "检查结果", json: CheckResponseSchema },
        409: { description: "文档尚未处理完成或未能读取", json: ErrorSchema },
      },
      handler: recheck,
    },
    {
      method: "post",
      path: "/api/documents/{id}/publish",
      tag: "文档",
      summary: "公开或撤回",
      description: "管理用户：任何文档；审核用户：本地区、本部门的文档。",
      roles: ["admin", "reviewer"],
      params: ID,
      json: PublishRequestSchema,
      responses: { 200: { description: "更新后的文档", json: DocumentSummarySchema } },
      handler: publish,
    },
    {
      method: "get",
      path: "/api/documents/{id}/render",
      tag: "文档",
      summary: "由数据生成公开文档",
      description: "与 gongkai render 相同：官方表样、由数据写成的说明和图表。",
      params: ID,
      query: RenderQuerySchema,
      responses: {
        200: {
          description: "生成的文档",
          files: Object.fromEntries(Object.entries(RENDER_TYPES).map(([k, v]) => [v, k])),
        },
      },
      handler: render,
    },
    {
      method: "get",
      path: "/api/documents/{id}/original",
      tag: "文档",
      summary: "原始文件",
      description: "上传时的原始文件，逐字节不变。",
      params: ID,
      responses: {
        200: { description: "原始文件", files: { "application/octet-stream": "原始文件" } },
      },
      handler: original,
    },
  ];
}
