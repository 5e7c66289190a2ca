/** Health, signing in and out, and who am I. */
import { bearerToken, requireUser } from "../auth.ts";
import { ApiError } from "../errors.ts";
import type { RouteSpec } from "../route.ts";
import { HealthSchema, LoginRequestSchema, LoginResponseSchema, UserSchema } from "../schemas.ts";

export function sessionRoutes(version: string): RouteSpec[] {
  return [
    {
      method: "get",
      path: "/api/health",
      tag: "服务",
      summary: "服务状态",
      description: "服务在运行时返回 200（不读取令牌）。",
      public: true,
      responses: { 200: { description: "服务正常", json: HealthSchema } },
      handler: (c) => c.json({ status: "ok", version, store: c.get("deps").store.dialect }),
    },
    {
      method: "post",
      path: "/api/login",
      tag: "账户",
      summary: "登录",
      description: "用户名和密码正确时返回令牌；之后的请求带 Authorization: Bearer 令牌。",
      public: true,
      json: LoginRequestSchema,
      responses: { 200: { description: "登录成功", json: LoginResponseSchema } },
      handler: async (c) => {
        const { username, password } = c.get("body") as { username: string; password: string };
        const store = c.get("deps").store;
        const user = await store.verifyPassword(username, password);
        if (!user) throw new ApiError("unauthorized", "用户名或密码不正确");
        const session = await store.createSession(user.id);
        return c.json({ token: session.token, expiresAt: session.expiresAt, user });
      },
    },
    {
      method: "post",
      path: "/api/logout",
      tag: "账户",
      summary: "退出登录",
      description: "令牌作废。",
      roles: ["admin", "reviewer", "preparer"],
      responses: { 204: { description: "已退出" } },
      handler: async (c) => {
        const token = bearerToken(c);
        if (token) await c.get("deps").store.deleteSession(token);
        return c.body(null, 204);
      },
    },
    {
      method: "get",
      path: "/api/me",
      tag: "账户",
      summary: "当前用户",
      roles: ["admin", "reviewer", "preparer"],
      responses: { 200: { description: "当前登录的用户", json: UserSchema } },
      handler: (c) => c.json(requireUser(c)),
    },
  ];
}
