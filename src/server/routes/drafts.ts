/**
 * Preparing a document in the browser (编制): the catalog the code cells
 * offer, the fill-in template, a starting draft (blank, from last year's
 * document, or from this year's budget for the final accounts), the checker
 * over a draft as it is typed, and the draft rendered in any format or as a
 * filled template. A draft is a RenderInput (src/render/input.ts) kept by
 * the browser; nothing here stores it.
 */
import type { Context } from "hono";
import { z } from "zod";
import { type CatalogKind, entriesFor } from "../../catalog/index.ts";
import { checkDisclosure } from "../../check/engine.ts";
import { PRESETS } from "../../check/presets.ts";
import { FindingSchema } from "../../check/report/schema.ts";
import { GongkaiError } from "../../model/errors.ts";
import {
  type Column,
  DISCLOSURE_SCHEMA_VERSION,
  type Disclosure,
  KindSchema,
  type Table,
} from "../../model/schema.ts";
import type { RenderInput } from "../../render/input.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import type { RouteSpec } from "../route.ts";

const SIGNED_IN = ["admin", "reviewer", "preparer"] as const;
const KIND_WORD = { budget: "预算", final: "决算" } as const;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const RENDER_TYPES = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  xlsx: XLSX,
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

const Year = z.coerce.number().int().min(2017).max(2100);

const CatalogQuerySchema = z.object({
  year: Year.describe("年度（科目目录按年度）"),
  kind: z
    .enum(["func", "econ_dept", "econ_gov"])
    .describe("func 支出功能分类；econ_dept 部门预算支出经济分类；econ_gov 政府预算支出经济分类"),
});

const TemplateQuerySchema = z.object({
  kind: KindSchema.describe("budget 预算 / final 决算"),
  year: Year.optional().describe("年度（默认：预算为明年，决算为去年）"),
});

const StartQuerySchema = z.object({
  kind: KindSchema.describe("要编制的类型"),
  year: Year.describe("要编制的年度"),
  from: z
    .string()
    .min(1)
    .optional()
    .describe(
      "从这份文档开始（文档 id）：同年同类型为修改；上一年同类型作为上年数；同年预算用于决算的年初预算",
    ),
});

const DraftBodySchema = z.object({
  input: z.looseObject({}).describe("草稿（RenderInput：disclosure、prior、figures、texts）"),
});

const DraftCheckBodySchema = DraftBodySchema.extend({
  preset: z.enum(PRESETS).default("recommended"),
});

const RenderQuerySchema = z.object({
  format: z.enum(["html", "pdf", "xlsx", "docx"]).default("html").describe("生成的格式"),
});

const TemplateTableSchema = z.looseObject({
  id: z.string(),
  sheet: z.string(),
  title: z.string(),
  number: z.string(),
  columns: z.array(z.looseObject({ id: z.string(), label: z.string() })),
  rows: z.looseObject({ kind: z.enum(["code", "free", "lines"]) }),
});

const StartResponseSchema = z.object({
  kind: KindSchema,
  year: z.number().int(),
  from: z.string().nullable().describe("起点说明"),
  tables: z
    .array(TemplateTableSchema)
    .describe("模板各表：列、固定行、科目类别（与 Excel 模板相同）"),
  input: z.looseObject({}).describe("草稿（RenderInput）：每张表都在，未填的为空表"),
});

const DraftCheckResponseSchema = z.object({
  findings: z.array(FindingSchema).describe("表格的检查结果（表内运算、表间一致、科目编码）"),
  summary: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
});

/** Families that judge the tables; the narrative of a draft is written at render time. */
const TABLE_FAMILIES = new Set(["arith", "xtab", "code"]);

function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function parseDraft(json: unknown): Promise<RenderInput> {
  const { parseRenderInput } = await import("../../render/input.ts");
  try {
    return parseRenderInput(json);
  } catch (e) {
    if (e instanceof GongkaiError) throw new ApiError("bad_request", `草稿有误：${e.message}`);
    throw e;
  }
}

function blankDisclosure(kind: Disclosure["kind"], year: number, from?: Disclosure): Disclosure {
  return {
    schemaVersion: DISCLOSURE_SCHEMA_VERSION,
    kind,
    year,
    entity: from?.entity ?? { name: "", parent: null },
    unit: from?.unit ?? "元",
    tables: [],
    sections: [],
    claims: [],
    issues: [],
    source: { format: "xlsx", lines: 0 },
  };
}

/** Every template table in the draft: those it lacks as empty tables with their fixed lines. */
async function withEveryTable(
  input: RenderInput,
): Promise<{ tables: unknown[]; input: RenderInput }> {
  const { templateTables } = await import("../../template/index.ts");
  const d = input.disclosure;
  const specs = templateTables(d.kind, d.year);
  const tables: Table[] = specs.map((t) => {
    const have = d.tables.find((x) => x.id === t.id);
    if (have) return have;
    const columns: Column[] = t.columns.map((c) => ({
      id: c.id,
      label: c.group && c.label === "小计" ? c.group : c.label,
    }));
    const fixed = t.rows.kind === "lines" ? t.rows.lines : t.rows.fixed;
    return {
      id: t.id,
      title: t.title,
      number: t.number,
      unit: d.unit,
      unitStated: true,
      columns,
      rows: fixed.map((l, n) => ({
        key: l.key,
        keyKind: "line" as const,
        name: l.label,
        cells: {},
        source: { line: n + 1 },
      })),
      empty: true,
      source: { line: 1 },
    };
  });
  const others = d.tables.filter((x) => !specs.some((t) => t.id === x.id));
  return {
    tables: specs,
    input: { ...input, disclosure: { ...d, tables: [...tables, ...others] } },
  };
}

async function start(c: Context<AppEnv>): Promise<Response> {
  const q = c.get("query") as z.output<typeof StartQuerySchema>;
  let input: RenderInput = { disclosure: blankDisclosure(q.kind, q.year) };
  let from: string | null = null;
  if (q.from !== undefined) {
    const { store } = c.get("deps");
    const doc = await store.getDocument(q.from);
    if (!doc || !(await store.canView(c.get("viewer"), doc))) {
      throw new ApiError("not_found", `没有这份文档：${q.from}`);
    }
    if (doc.status !== "done" || !doc.disclosure) {
      throw new ApiError("conflict", "这份文档还没有处理完成");
    }
    const d = doc.disclosure;
    const { priorFrom, initialBudgetFrom } = await import("../../template/index.ts");
    const name = `${doc.fileName}（${d.year} 年${KIND_WORD[d.kind]}）`;
    if (d.kind === q.kind && d.year === q.year) {
      input = { disclosure: { ...d, sections: [], claims: [], issues: [] } };
      from = `修改 ${name}`;
    } else if (d.kind === q.kind && d.year + 1 === q.year) {
      input = { disclosure: blankDisclosure(q.kind, q.year, d), prior: priorFrom(d) };
      from = `上年数取自 ${name}`;
    } else if (q.kind === "final" && d.kind === "budget" && d.year === q.year) {
      input = {
        disclosure: blankDisclosure(q.kind, q.year, d),
        figures: { unit: d.unit, initialBudget: initialBudgetFrom(d) },
      };
      from = `年初预算取自 ${name}`;
    } else {
      throw new ApiError(
        "bad_request",
        `${name} 可用于编制同年${KIND_WORD[d.kind]}、${d.year + 1} 年${KIND_WORD[d.kind]}${d.kind === "budget" ? `或 ${d.year} 年决算` : ""}，不能用于 ${q.year} 年${KIND_WORD[q.kind]}`,
      );
    }
  }
  const whole = await withEveryTable(input);
  return c.json({ kind: q.kind, year: q.year, from, ...whole });
}

async function checkDraft(c: Context<AppEnv>): Promise<Response> {
  const body = c.get("body") as z.output<typeof DraftCheckBodySchema>;
  const input = await parseDraft(body.input);
  const { completeDisclosure } = await import("../../render/complete.ts");
  const report = checkDisclosure(completeDisclosure(input.disclosure), { preset: body.preset });
  const findings = report.findings.filter((f) => TABLE_FAMILIES.has(f.rule.split("/")[0] ?? ""));
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return c.json({
    findings,
    summary: { error: count("error"), warning: count("warning"), info: count("info") },
  });
}

function draftName(input: RenderInput): string {
  const d = input.disclosure;
  return `${d.entity.name || "未命名单位"}${d.year}年${KIND_WORD[d.kind]}`;
}

async function renderDraft(c: Context<AppEnv>): Promise<Response> {
  const { format } = c.get("query") as z.output<typeof RenderQuerySchema>;
  const body = c.get("body") as z.output<typeof DraftBodySchema>;
  const input = await parseDraft(body.input);
  const { renderDocument } = await import("../../render/index.ts");
  const bytes = await renderDocument(input, format);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": RENDER_TYPES[format],
    "content-disposition": attachment(`${draftName(input)}.${format}`),
  });
}

async function filledTemplate(c: Context<AppEnv>): Promise<Response> {
  const body = c.get("body") as z.output<typeof DraftBodySchema>;
  const input = await parseDraft(body.input);
  const { fillTemplate } = await import("../../template/index.ts");
  const { bytes } = await fillTemplate(input);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": XLSX,
    "content-disposition": attachment(`${draftName(input)}填报模板.xlsx`),
  });
}

async function readFilled(c: Context<AppEnv>): Promise<Response> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new ApiError("bad_request", "无法读取上传的表单");
  }
  const file = form.file;
  if (!(file instanceof File))
    throw new ApiError("bad_request", "缺少文件：请把模板放在字段 file 中");
  const { readTemplate, isTemplate } = await import("../../template/index.ts");
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isTemplate(bytes)) throw new ApiError("unprocessable", "这不是 gongkai 的填报模板");
  const input = await readTemplate(bytes);
  const whole = await withEveryTable(input);
  return c.json({
    kind: input.disclosure.kind,
    year: input.disclosure.year,
    from: `读入模板 ${file.name}`,
    ...whole,
  });
}

export function draftRoutes(): RouteSpec[] {
  return [
    {
      method: "get",
      path: "/api/catalog",
      tag: "编制",
      summary: "科目目录：某年度的功能分类或经济分类科目",
      query: CatalogQuerySchema,
      responses: {
        200: {
          description: "科目（编码、名称、级次、上级）",
          json: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                level: z.number().int(),
                parent: z.string().nullable(),
              }),
            ),
          }),
        },
      },
      handler: (c) => {
        const q = c.get("query") as z.output<typeof CatalogQuerySchema>;
        const items = entriesFor(q.year, q.kind as CatalogKind).map((e) => ({
          code: e.code,
          name: e.name,
          level: e.level,
          parent: e.parent,
        }));
        return c.json({ items });
      },
    },
    {
      method: "get",
      path: "/api/template",
      tag: "编制",
      summary: "空白填报模板（Excel）",
      description: "与 gongkai template 相同。",
      query: TemplateQuerySchema,
      responses: { 200: { description: "模板", files: { [XLSX]: "xlsx" } } },
      handler: async (c) => {
        const q = c.get("query") as z.output<typeof TemplateQuerySchema>;
        const { writeTemplate, defaultYear } = await import("../../template/index.ts");
        const year = q.year ?? defaultYear(q.kind);
        const bytes = await writeTemplate({ kind: q.kind, year });
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          "content-type": XLSX,
          "content-disposition": attachment(`${year}年${KIND_WORD[q.kind]}填报模板.xlsx`),
        });
      },
    },
    {
      method: "get",
      path: "/api/drafts/start",
      tag: "编制",
      summary: "开始编制：空白、上年文档或本年预算",
      roles: SIGNED_IN,
      query: StartQuerySchema,
      responses: { 200: { description: "草稿与模板各表", json: StartResponseSchema } },
      handler: start,
    },
    {
      method: "post",
      path: "/api/drafts/read",
      tag: "编制",
      summary: "读入填好的 Excel 模板，继续在网页中编辑",
      roles: SIGNED_IN,
      multipart: {
        required: ["file"],
        fields: { file: { type: "string", format: "binary", description: "填报模板" } },
      },
      responses: { 200: { description: "草稿与模板各表", json: StartResponseSchema } },
      handler: readFilled,
    },
    {
      method: "post",
      path: "/api/drafts/check",
      tag: "编制",
      summary: "检查草稿的表格（边填边查）",
      description: "类、款、合计行按下级之和补齐后检查；只返回表格的问题（说明文字在生成时写出）。",
      roles: SIGNED_IN,
      json: DraftCheckBodySchema,
      responses: { 200: { description: "检查结果", json: DraftCheckResponseSchema } },
      handler: checkDraft,
    },
    {
      method: "post",
      path: "/api/drafts/render",
      tag: "编制",
      summary: "由草稿生成公开文档",
      description: "与 gongkai render 相同：官方表样、由数据写成的说明和图表。",
      roles: SIGNED_IN,
      query: RenderQuerySchema,
      json: DraftBodySchema,
      responses: {
        200: {
          description: "生成的文档",
          files: Object.fromEntries(Object.entries(RENDER_TYPES).map(([k, v]) => [v, k])),
        },
      },
      handler: renderDraft,
    },
    {
      method: "post",
      path: "/api/drafts/template",
      tag: "编制",
      summary: "草稿填入 Excel 模板",
      roles: SIGNED_IN,
      json: DraftBodySchema,
      responses: { 200: { description: "填好的模板", files: { [XLSX]: "xlsx" } } },
      handler: filledTemplate,
    },
  ];
}
