/**
 * A reviewer's work on one stored document: where each finding lies on the
 * pages (marks, for the web page's highlights), waiving a finding with a
 * reason (and taking a waiver back), and the findings as a report file —
 * HTML, XLSX, JSON, or the annotated PDF (the original with every finding
 * boxed and numbered, src/check/report/annotated-pdf.ts).
 *
 * Waivers live in the stored check itself: each waived finding keeps its
 * reason, and a new waiver re-checks the document with all of them (a
 * waiver names the rule and the finding's message, so it keeps matching
 * the same finding and nothing else).
 */
import type { Context } from "hono";
import { z } from "zod";
import type { Waiver } from "../../check/config.ts";
import { checkDisclosure } from "../../check/engine.ts";
import type { Preset } from "../../check/presets.ts";
import type { FindingMark } from "../../check/report/marks.ts";
import { CheckReportSchema } from "../../check/report/schema.ts";
import type { CheckReport } from "../../check/types.ts";
import { ruleSetVersion } from "../../check/version.ts";
import type { StoredDocument } from "../../store/types.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import type { RouteSpec } from "../route.ts";

const ID = { id: "文档 id" };

const REPORT_TYPES = {
  html: "text/html; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  json: "application/json",
} as const;

const ReportQuerySchema = z.object({
  format: z
    .enum(["html", "xlsx", "pdf", "json"])
    .default("html")
    .describe(
      "html 审查意见表；xlsx 问题清单；pdf 批注 PDF（原件上框出每条问题，仅 PDF 原件）；json",
    ),
});

const WaiverRequestSchema = z.object({
  rule: z.string().min(1).describe("问题的规则编号"),
  message: z.string().min(1).describe("问题的说明（原样）：豁免只匹配这一条"),
  reason: z.string().trim().min(2).max(2000).describe("豁免理由（必填）"),
});

const UnwaiveQuerySchema = z.object({
  rule: z.string().min(1).describe("规则编号"),
  message: z.string().min(1).describe("问题的说明（原样）"),
});

const MarkSchema = z.object({
  finding: z.number().int().describe("findings 中的序号（从 0 起）"),
  page: z.number().int(),
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});

const MarksResponseSchema = z.object({
  format: z.string().nullable(),
  marks: z.array(MarkSchema).describe("每条问题在页面上的位置（PDF 点，左上角为原点）"),
});

/** Layout line boxes of the originals read lately, by sha256 (reading a PDF again costs a second). */
const layouts = new Map<string, Promise<import("../../ingest/layout.ts").Layout>>();
const LAYOUTS_KEPT = 6;

async function layoutOf(c: Context<AppEnv>, doc: StoredDocument) {
  let p = layouts.get(doc.sha256);
  if (!p) {
    const bytes = await c.get("deps").store.getOriginal(doc.id);
    if (!bytes) throw new ApiError("not_found", "找不到文档的原始文件");
    const { ingestBytes } = await import("../../ingest/index.ts");
    p = ingestBytes(bytes);
    layouts.set(doc.sha256, p);
    p.catch(() => layouts.delete(doc.sha256));
    if (layouts.size > LAYOUTS_KEPT) layouts.delete(layouts.keys().next().value as string);
  }
  return p;
}

async function visible(c: Context<AppEnv>): Promise<StoredDocument> {
  const id = c.req.param("id") ?? "";
  const { store } = c.get("deps");
  const doc = await store.getDocument(id);
  if (!doc) throw new ApiError("not_found", `没有这份文档：${id}`);
  if (!(await store.canView(c.get("viewer"), doc))) {
    if (!c.get("user")) throw new ApiError("unauthorized", "这份文档尚未公开，请先登录");
    throw new ApiError("forbidden", "没有权限查看这份文档");
  }
  return doc;
}

function checked(doc: StoredDocument): { doc: StoredDocument; report: CheckReport } {
  if (doc.status === "error")
    throw new ApiError("conflict", `这份文档未能读取：${doc.error ?? ""}`);
  if (doc.status !== "done" || !doc.check) {
    throw new ApiError("conflict", "这份文档还在处理中，请稍后再试");
  }
  return { doc, report: CheckReportSchema.parse(doc.check.report) as CheckReport };
}

async function marksOf(c: Context<AppEnv>, doc: StoredDocument, report: CheckReport) {
  if (doc.format !== "pdf") return [] as FindingMark[];
  const { findingMarks } = await import("../../check/report/marks.ts");
  return findingMarks(report.findings, await layoutOf(c, doc), report.document.file);
}

async function marks(c: Context<AppEnv>): Promise<Response> {
  const { doc, report } = checked(await visible(c));
  return c.json({ format: doc.format, marks: await marksOf(c, doc, report) });
}

function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function reportFile(c: Context<AppEnv>): Promise<Response> {
  const { format } = c.get("query") as z.output<typeof ReportQuerySchema>;
  const { doc, report } = checked(await visible(c));
  // The report names the file as it was uploaded, not the store's path.
  const named: CheckReport = { ...report, document: { ...report.document, file: doc.fileName } };
  const base = `${doc.fileName.replace(/\.[^.]*$/, "") || "document"}`;
  let body: string | Uint8Array;
  let name = `${base}-检查报告.${format}`;
  switch (format) {
    case "html":
      body = (await import("../../check/report/html.ts")).formatHtml([named]);
      break;
    case "xlsx":
      body = await (await import("../../check/report/xlsx.ts")).formatXlsx([named]);
      break;
    case "json":
      body = (await import("../../check/report/json.ts")).formatJson([named]);
      break;
    case "pdf": {
      if (doc.format !== "pdf") {
        throw new ApiError(
          "unprocessable",
          "批注 PDF 需要 PDF 原件；这份文档不是 PDF，请导出 HTML 或 XLSX",
        );
      }
      const original = await c.get("deps").store.getOriginal(doc.id);
      if (!original) throw new ApiError("not_found", "找不到文档的原始文件");
      const { annotatePdf } = await import("../../check/report/annotated-pdf.ts");
      body = await annotatePdf(original, named, { marks: await marksOf(c, doc, report) });
      name = `${base}-批注.pdf`;
      break;
    }
  }
  return c.body(body as string, 200, {
    "content-type": REPORT_TYPES[format],
    "content-disposition": attachment(name),
  });
}

/** The waivers a stored report holds: one per waived finding, by rule and message. */
function waiversOf(report: CheckReport): Waiver[] {
  return report.waived.map((w) => ({ rule: w.rule, contains: w.message, reason: w.waiver.reason }));
}

async function recheckWith(
  c: Context<AppEnv>,
  doc: StoredDocument,
  report: CheckReport,
  waivers: Waiver[],
) {
  if (!doc.disclosure) throw new ApiError("conflict", "这份文档还在处理中，请稍后再试");
  const user = c.get("user");
  if (!user || !(await c.get("deps").store.inScope(user, doc))) {
    throw new ApiError("forbidden", "只能豁免本地区、本部门文档的问题");
  }
  const next = CheckReportSchema.parse(
    checkDisclosure(doc.disclosure, { preset: report.preset as Preset, waivers }),
  ) as CheckReport;
  await c.get("deps").store.saveCheck(doc.id, next, ruleSetVersion());
  return c.json({ summary: next.summary, findings: next.findings, waived: next.waived });
}

async function waive(c: Context<AppEnv>): Promise<Response> {
  const body = c.get("body") as z.output<typeof WaiverRequestSchema>;
  const { doc, report } = checked(await visible(c));
  if (!report.findings.some((f) => f.rule === body.rule && f.message === body.message)) {
    throw new ApiError("not_found", "没有这条问题（可能已经豁免，或文档已重新检查）");
  }
  const waivers = [
    ...waiversOf(report),
    { rule: body.rule, contains: body.message, reason: body.reason },
  ];
  return recheckWith(c, doc, report, waivers);
}

async function unwaive(c: Context<AppEnv>): Promise<Response> {
  const q = c.get("query") as z.output<typeof UnwaiveQuerySchema>;
  const { doc, report } = checked(await visible(c));
  const waivers = waiversOf(report);
  const kept = waivers.filter((w) => !(w.rule === q.rule && w.contains === q.message));
  if (kept.length === waivers.length) throw new ApiError("not_found", "没有这条豁免");
  return recheckWith(c, doc, report, kept);
}

const WaiveResponseSchema = z.looseObject({
  summary: z.looseObject({}),
  findings: z.array(z.looseObject({})),
  waived: z.array(z.looseObject({})),
});

const RulesResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      family: z.string(),
      familyTitle: z.string(),
      severity: z.string(),
      title: z.string(),
      description: z.string(),
      basis: z.string(),
    }),
  ),
});

export function reviewRoutes(): RouteSpec[] {
  return [
    {
      method: "get",
      path: "/api/rules",
      tag: "审核",
      summary: "全部检查规则：编号、规则族、默认级别、名称、说明和依据",
      description: "与 gongkai rules 相同。",
      public: true,
      responses: { 200: { description: "规则", json: RulesResponseSchema } },
      handler: async (c) => {
        const { ALL_RULES } = await import("../../check/registry.ts");
        const { FAMILY_TITLES } = await import("../../check/types.ts");
        return c.json({
          items: ALL_RULES.map((r) => ({
            id: r.id,
            family: r.family,
            familyTitle: FAMILY_TITLES[r.family],
            severity: r.severity,
            title: r.title,
            description: r.description,
            basis: r.basis,
          })),
        });
      },
    },
    {
      method: "get",
      path: "/api/documents/{id}/marks",
      tag: "审核",
      summary: "每条问题在原文页面上的位置",
      description:
        "PDF 原件：单元格用其自身的框，说明文字和按文字读出的表格用所在各行的框（与批注 PDF 相同）。其他格式为空，按 findings 的行号定位。",
      params: ID,
      responses: { 200: { description: "位置", json: MarksResponseSchema } },
      handler: marks,
    },
    {
      method: "get",
      path: "/api/documents/{id}/report",
      tag: "审核",
      summary: "检查报告文件：HTML、XLSX、JSON 或批注 PDF",
      params: ID,
      query: ReportQuerySchema,
      responses: {
        200: {
          description: "报告",
          files: Object.fromEntries(Object.entries(REPORT_TYPES).map(([k, v]) => [v, k])),
        },
      },
      handler: reportFile,
    },
    {
      method: "post",
      path: "/api/documents/{id}/waivers",
      tag: "审核",
      summary: "豁免一条问题（须写明理由）",
      description:
        "按规则和问题说明匹配这一条；文档按原预设连同全部豁免重新检查，豁免的问题单独列出。",
      roles: ["admin", "reviewer"],
      params: ID,
      json: WaiverRequestSchema,
      responses: { 200: { description: "重新检查后的问题", json: WaiveResponseSchema } },
      handler: waive,
    },
    {
      method: "delete",
      path: "/api/documents/{id}/waivers",
      tag: "审核",
      summary: "撤销一条豁免",
      roles: ["admin", "reviewer"],
      params: ID,
      query: UnwaiveQuerySchema,
      responses: { 200: { description: "重新检查后的问题", json: WaiveResponseSchema } },
      handler: unwaive,
    },
  ];
}
