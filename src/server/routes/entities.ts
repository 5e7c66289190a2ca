/** Entities (departments and units), matched across years and kinds. */
import { z } from "zod";
import type { RouteSpec } from "../route.ts";
import { EntityListSchema } from "../schemas.ts";

const EntityQuerySchema = z.object({
  region: z.string().min(1).optional().describe("地区（部分匹配）"),
  parentId: z.string().min(1).optional().describe("部门 id：其下属单位"),
  q: z.string().min(1).max(200).optional().describe("名称中的字词"),
});

export function entityRoutes(): RouteSpec[] {
  return [
    {
      method: "get",
      path: "/api/entities",
      tag: "主体",
      summary: "列出主体（部门和单位）",
      description: "同一主体的各年度、预算与决算按规范化名称归为一条。",
      query: EntityQuerySchema,
      responses: { 200: { description: "主体列表", json: EntityListSchema } },
      handler: async (c) => {
        const q = c.get("query") as z.output<typeof EntityQuerySchema>;
        const items = await c.get("deps").store.listEntities({
          ...(q.region !== undefined ? { region: q.region } : {}),
          ...(q.parentId !== undefined ? { parentId: q.parentId } : {}),
          ...(q.q !== undefined ? { text: q.q } : {}),
        });
        return c.json({ items });
      },
    },
  ];
}
