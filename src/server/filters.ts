/**
 * The document filters that listing, comparing, exporting and the corpus
 * analyses share: one query schema, one translation into the store's
 * DocumentQuery (with the caller as viewer, so only what it may see).
 */
import type { Context } from "hono";
import { z } from "zod";
import { KindSchema } from "../model/schema.ts";
import type { DocumentQuery } from "../store/types.ts";
import type { AppEnv } from "./env.ts";
import type { StatusSchema } from "./schemas.ts";

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

export const FILTERS = {
  entity: z
    .string()
    .min(1)
    .optional()
    .describe("主体名称：按规范化名称匹配同一主体的各年度、预算与决算"),
  entityId: z.string().min(1).optional().describe("主体 id"),
  parentId: z.string().min(1).optional().describe("部门 id：同时包括其下属单位"),
  region: z.string().min(1).optional().describe("地区（部分匹配：曾都区 匹配 随州市曾都区）"),
  year: z.coerce.number().int().min(1990).max(2100).optional().describe("年度"),
  kind: KindSchema.optional().describe("budget 预算 / final 决算"),
  published: flag.optional().describe("true 只要已公开的，false 只要草稿"),
  tag: z.string().min(1).optional().describe("标签"),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("全文：文件名、主体名称、表格标题或说明文字中的字词"),
};

export const FilterQuerySchema = z.object(FILTERS);
export type Filters = z.output<typeof FilterQuerySchema>;

/**
 * The store query for these filters as the caller sees them; undefined when
 * an entity is named that the store does not know (nothing can match).
 */
export async function documentQuery(
  c: Context<AppEnv>,
  f: Filters & { status?: z.output<typeof StatusSchema> },
): Promise<DocumentQuery | undefined> {
  const { store } = c.get("deps");
  let entityId = f.entityId;
  if (f.entity !== undefined) {
    const entity = await store.findEntity(f.entity);
    if (!entity || (entityId !== undefined && entity.id !== entityId)) return undefined;
    entityId = entity.id;
  }
  return {
    viewer: c.get("viewer"),
    ...(entityId !== undefined ? { entityId } : {}),
    ...(f.parentId !== undefined ? { parentId: f.parentId } : {}),
    ...(f.region !== undefined ? { region: f.region } : {}),
    ...(f.year !== undefined ? { year: f.year } : {}),
    ...(f.kind !== undefined ? { kind: f.kind } : {}),
    ...(f.status !== undefined ? { status: f.status } : {}),
    ...(f.published !== undefined ? { published: f.published } : {}),
    ...(f.tag !== undefined ? { tag: f.tag } : {}),
    ...(f.q !== undefined ? { text: f.q } : {}),
  };
}
