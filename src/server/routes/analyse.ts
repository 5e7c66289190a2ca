/**
 * The analyses over stored documents (src/analyse): comparisons (one entity
 * year over year, a budget against its final accounts, units of one
 * department side by side), corpus statistics and outliers, and open data
 * (CSV, Fiscal Data Package). Only documents the caller may see take part;
 * a document named by id that it may not see is refused, never silently
 * left out.
 */

import { strToU8, zipSync } from "fflate";
import type { Context } from "hono";
import { z } from "zod";
import { comparisonsCsv } from "../../analyse/compare-csv.ts";
import { analyseCorpus } from "../../analyse/corpus.ts";
import { exportCsv, exportDataPackage } from "../../analyse/export.ts";
import { COMPARE_MODES, planComparisons } from "../../analyse/plan.ts";
import type { Disclosure } from "../../model/schema.ts";
import type { DocumentSummary, StoredDocument } from "../../store/types.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { documentQuery, FilterQuerySchema } from "../filters.ts";
import type { RouteSpec } from "../route.ts";
import { DocumentSummarySchema } from "../schemas.ts";

/** At most this many documents in one comparison (a department's units, an entity's years). */
const MAX_COMPARED = 200;
/** At most this many documents in one export or corpus analysis (the store's largest page). */
const MAX_CORPUS = 1000;

const CompareQuerySchema = z.object({
  ids: z
    .string()
    .min(1)
    .optional()
    .describe("文档 id，用逗号分隔（与 entity、entityId、parentId 任选其一）"),
  entity: z.string().min(1).optional().describe("主体名称：该主体全部已处理的文档"),
  entityId: z.string().min(1).optional().describe("主体 id"),
  parentId: z.string().min(1).optional().describe("部门 id：部门及其下属单位"),
  year: z.coerce.number().int().min(1990).max(2100).optional().describe("只取该年度"),
  mode: z
    .enum(COMPARE_MODES)
    .default("auto")
    .describe("auto 自动；yoy 逐年；budget-final 预算与决算（执行率）；units 单位并列与合计"),
  format: z.enum(["json", "csv"]).default("json").describe("json，或 csv（每个金额一行）"),
});

const ExportQuerySchema = FilterQuerySchema.extend({
  format: z
    .enum(["csv", "datapackage"])
    .default("csv")
    .describe(
      "csv：一个 CSV（UTF-8 带 BOM）；datapackage：Fiscal Data Package（zip，内含 datapackage.json 与 data/*.csv，科目编码为维度）",
    ),
});

export const CorpusResponseSchema = z
  .looseObject({
    documents: z.number().int(),
    entities: z.array(z.looseObject({})),
    distributions: z.array(z.looseObject({ metric: z.string(), name: z.string() })),
    rankings: z.array(z.looseObject({ metric: z.string(), name: z.string() })),
    findings: z
      .looseObject({
        byRule: z.array(z.looseObject({ rule: z.string(), findings: z.number().int() })),
        byRegion: z.array(z.looseObject({ region: z.string(), findings: z.number().int() })),
      })
      .optional(),
    outliers: z.array(z.looseObject({ explanation: z.string().optional() })),
  })
  .describe("分布、排名、按规则和地区的问题数、异常值（src/analyse/corpus.ts）");

export const ComparisonSchema = z
  .looseObject({
    mode: z.enum(["yoy", "budget-final", "units"]),
    tables: z.array(z.looseObject({ table: z.string(), name: z.string(), unit: z.string() })),
    notes: z.array(z.string()),
  })
  .describe(
    "一项比较（src/analyse/compare.ts）：金额为所注单位的整数分（精确，不用浮点），比率为百分数字符串；文档的 file 为文档 id",
  );

export const CompareResponseSchema = z.object({
  comparisons: z.array(ComparisonSchema),
  documents: z.array(DocumentSummarySchema).describe("参与比较的文档"),
});

/** A done document's disclosure, its source named by the document's id so results link back. */
function withId(doc: DocumentSummary, d: Disclosure): Disclosure {
  return { ...d, source: { ...d.source, file: doc.id } };
}

async function compare(c: Context<AppEnv>): Promise<Response> {
  const q = c.get("query") as z.output<typeof CompareQuerySchema>;
  const { store } = c.get("deps");
  const viewer = c.get("viewer");
  const chosen = [q.ids, q.entity, q.entityId, q.parentId].filter((x) => x !== undefined);
  if (chosen.length !== 1) {
    throw new ApiError("bad_request", "请指定 ids、entity、entityId 或 parentId 中的一项");
  }
  let ids: string[];
  if (q.ids !== undefined) {
    ids = [
      ...new Set(
        q.ids
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
  } else {
    let entityId = q.entityId;
    if (q.entity !== undefined) {
      const entity = await store.findEntity(q.entity);
      if (!entity) throw new ApiError("not_found", `没有这个主体：${q.entity}`);
      entityId = entity.id;
    }
    const page = await store.listDocuments({
      viewer,
      status: "done",
      ...(entityId !== undefined ? { entityId } : {}),
      ...(q.parentId !== undefined ? { parentId: q.parentId } : {}),
      ...(q.year !== undefined ? { year: q.year } : {}),
      limit: MAX_COMPARED,
    });
    ids = page.items.map((d) => d.id);
  }
  if (ids.length > MAX_COMPARED) {
    throw new ApiError("bad_request", `一次最多比较 ${MAX_COMPARED} 份文档`);
  }
  const docs: Disclosure[] = [];
  const summaries: DocumentSummary[] = [];
  for (const id of ids) {
    const doc = await store.getDocument(id);
    if (!doc) throw new ApiError("not_found", `没有这份文档：${id}`);
    if (!(await store.canView(viewer, doc))) {
      if (!c.get("user")) throw new ApiError("unauthorized", `文档 ${id} 尚未公开，请先登录`);
      throw new ApiError("forbidden", `没有权限查看文档 ${id}`);
    }
    if (q.ids !== undefined && q.year !== undefined && doc.year !== q.year) continue;
    if (doc.status !== "done" || !doc.disclosure) {
      throw new ApiError("conflict", `文档 ${id} 还没有处理完成，不能比较`);
    }
    const { disclosure: d, check: _c, findings: _f, ...summary } = doc;
    docs.push(withId(doc, d));
    summaries.push(summary);
  }
  if (docs.length === 0) throw new ApiError("not_found", "没有可比较的文档");
  const comparisons = planComparisons(docs, q.mode);
  if (q.format === "csv") {
    return c.body(comparisonsCsv(comparisons), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="compare.csv"',
    });
  }
  return c.json({ comparisons, documents: summaries });
}

/** The processed documents the filters select, as the caller may see them. */
async function selected(
  c: Context<AppEnv>,
): Promise<{ doc: StoredDocument; disclosure: Disclosure }[]> {
  const filters = c.get("query") as z.output<typeof FilterQuerySchema>;
  const query = await documentQuery(c, { ...filters, status: "done" });
  if (!query) return [];
  const { store } = c.get("deps");
  const page = await store.listDocuments({ ...query, limit: MAX_CORPUS });
  if (page.total > MAX_CORPUS) {
    throw new ApiError(
      "bad_request",
      `符合条件的文档有 ${page.total} 份，一次最多 ${MAX_CORPUS} 份，请缩小范围`,
    );
  }
  const out: { doc: StoredDocument; disclosure: Disclosure }[] = [];
  for (const item of page.items) {
    const doc = await store.getDocument(item.id);
    if (doc?.disclosure) out.push({ doc, disclosure: doc.disclosure });
  }
  return out;
}

/** The region the store matched for each document's entity, for the analyses' region columns. */
function regionsOf(items: { doc: StoredDocument; disclosure: Disclosure }[]) {
  const regions = new Map(items.map((i) => [i.disclosure, i.doc.region ?? undefined]));
  return (d: Disclosure) => regions.get(d);
}

async function exportDocuments(c: Context<AppEnv>): Promise<Response> {
  const { format } = c.get("query") as z.output<typeof ExportQuerySchema>;
  const items = await selected(c);
  if (items.length === 0) throw new ApiError("not_found", "没有可以导出的文档");
  // documents.csv names each document by its file name as uploaded.
  const docs = items.map((i) => ({
    ...i.disclosure,
    source: { ...i.disclosure.source, file: i.doc.fileName },
  }));
  const regionOf = regionsOf(items.map((i, n) => ({ ...i, disclosure: docs[n] as Disclosure })));
  if (format === "csv") {
    return c.body(exportCsv(docs, regionOf), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="gongkai.csv"',
    });
  }
  const pkg = exportDataPackage(docs, { regionOf });
  const zip = zipSync(
    Object.fromEntries(Object.entries(pkg.files).map(([path, text]) => [path, strToU8(text)])),
  );
  return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
    "content-type": "application/zip",
    "content-disposition": 'attachment; filename="gongkai-datapackage.zip"',
  });
}

async function corpus(c: Context<AppEnv>): Promise<Response> {
  const items = await selected(c);
  const summary = analyseCorpus(
    items.map((i) => ({ disclosure: i.disclosure, findings: i.doc.findings })),
    { regionOf: regionsOf(items) },
  );
  return c.json(summary);
}

export function analyseRoutes(): RouteSpec[] {
  return [
    {
      method: "get",
      path: "/api/compare",
      tag: "分析",
      summary: "比较：逐年、预算与决算（执行率）、部门下属单位并列",
      description:
        "与 gongkai compare 相同。按 ids 指定文档，或按主体（entity / entityId）、部门（parentId）取其全部已处理的文档；mode=auto 时按文档自动决定：同一主体同年的预算与决算比较执行率，同一主体的多个年度逐年比较，同一部门的多个单位并列。",
      query: CompareQuerySchema,
      responses: {
        200: {
          description: "比较结果",
          json: CompareResponseSchema,
          files: { "text/csv": "format=csv 时" },
        },
      },
      handler: compare,
    },
    {
      method: "get",
      path: "/api/export",
      tag: "分析",
      summary: "导出开放数据：CSV 或 Fiscal Data Package",
      description:
        "与 gongkai export 相同：筛选出的已处理文档，每个金额一行（主体、年度、类型、表格、科目编码及名称、列、如文档所印的金额及折合元）；datapackage 为 zip，含 datapackage.json、data/amounts.csv、data/documents.csv 和功能、经济分类代码表。",
      query: ExportQuerySchema,
      responses: {
        200: {
          description: "导出的文件",
          files: { "text/csv": "format=csv", "application/zip": "format=datapackage" },
        },
      },
      handler: exportDocuments,
    },
    {
      method: "get",
      path: "/api/corpus",
      tag: "分析",
      summary: "语料统计：分布、排名、问题数、异常值",
      description:
        "筛选出的已处理文档：“三公”人均、人员经费占比等指标的分布和排名，按规则和地区的问题数，同类主体中的异常值（每条一句说明）。",
      query: FilterQuerySchema,
      responses: { 200: { description: "统计结果", json: CorpusResponseSchema } },
      handler: corpus,
    },
  ];
}
