/**
 * Who is asking: `Authorization: Bearer TOKEN` names a session in the store.
 * No header is an anonymous reader (published documents only); a header
 * with a token the store does not know, or that expired, is refused (401)
 * rather than silently read as anonymous, so a script learns its token died.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Role, User } from "../store/types.ts";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization");
  if (header === undefined || header.trim() === "") {
    c.set("user", null);
    c.set("viewer", { anonymous: true });
    return next();
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) {
    throw new ApiError("unauthorized", "Authorization 请求头应为“Bearer 令牌”");
  }
  const user = await c.get("deps").store.verifySession(m[1]);
  if (!user) throw new ApiError("unauthorized", "令牌无效或已过期，请重新登录");
  c.set("user", user);
  c.set("viewer", { user });
  return next();
};

/** The signed-in user; an anonymous request is refused (401). */
export function requireUser(c: Context<AppEnv>): User {
  const user = c.get("user");
  if (!user) throw new ApiError("unauthorized", "请先登录");
  return user;
}

/** The signed-in user when it has one of these roles; else 401 or 403. */
export function requireRole(c: Context<AppEnv>, roles: readonly Role[], what: string): User {
  const user = requireUser(c);
  if (!roles.includes(user.role)) throw new ApiError("forbidden", `没有权限${what}`);
  return user;
}

/** The token of this request, when it carries one. */
export function bearerToken(c: Context<AppEnv>): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
}
