/** Accounts, kept by 管理 (admin) users. */
import type { NewUser } from "../../store/types.ts";
import { ApiError } from "../errors.ts";
import type { RouteSpec } from "../route.ts";
import { NewUserRequestSchema, UserListSchema, UserSchema } from "../schemas.ts";

export function userRoutes(): RouteSpec[] {
  return [
    {
      method: "get",
      path: "/api/users",
      tag: "账户",
      summary: "全部用户",
      roles: ["admin"],
      responses: { 200: { description: "用户列表", json: UserListSchema } },
      handler: async (c) => c.json({ items: await c.get("deps").store.listUsers() }),
    },
    {
      method: "post",
      path: "/api/users",
      tag: "账户",
      summary: "新建用户",
      description:
        "填报（preparer）须指定本单位 entity；审核（reviewer）须指定地区 region 或所管部门 entity。主体按规范化名称匹配，没有时新建。",
      roles: ["admin"],
      json: NewUserRequestSchema,
      responses: { 201: { description: "已新建", json: UserSchema } },
      handler: async (c) => {
        const body = c.get("body") as {
          username: string;
          password: string;
          role: NewUser["role"];
          entity?: string;
          region?: string;
        };
        const store = c.get("deps").store;
        if (body.role === "preparer" && !body.entity) {
          throw new ApiError("bad_request", "填报用户须指定本单位（entity）");
        }
        if (body.role === "reviewer" && !body.entity && !body.region) {
          throw new ApiError("bad_request", "审核用户须指定地区（region）或所管部门（entity）");
        }
        if (await store.getUserByName(body.username)) {
          throw new ApiError("conflict", `用户名“${body.username}”已存在`);
        }
        const entity = body.entity ? await store.ensureEntity({ name: body.entity }) : undefined;
        const user = await store.createUser({
          username: body.username,
          password: body.password,
          role: body.role,
          entityId: entity?.id ?? null,
          region: body.region ?? null,
        });
        return c.json(user, 201);
      },
    },
  ];
}
