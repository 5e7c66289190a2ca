/**
 * Comparisons over stored documents (src/analyse): one entity year over
 * year, a budget against its final accounts, units of one department side by
 * side. Only documents the caller may see take part; a document named by id
 * that it may not see is refused, never silently left out.
 */
import type { Context } from "hono";
import { z } from "zod";
import { COMPARE_MODES, planComparisons } from "../../analyse/plan.ts";
import type { Disclosure } from "../../model/schema.ts";
import type { DocumentSummary } from "../../store/types.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import type { RouteSpec } from "../route.ts";
import { DocumentSummarySchema } from "../schemas.ts";

/** At most this many documents in one comparison (a department's units, an entity's years). */
const MAX_COMPARED = 200;

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
});

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
  return c.json({ comparisons: planComparisons(docs, q.mode), documents: summaries });
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
      responses: { 200: { description: "比较结果", json: CompareResponseSchema } },
      handler: compare,
    },
  ];
}
