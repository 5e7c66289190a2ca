/**
 * A route is declared once, as data: method, path, who may call it, its
 * query and body schemas and its responses. The app registers the handler
 * from it (validating the query and the JSON body first) and the OpenAPI
 * document is written from the same declarations (openapi.ts).
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { z } from "zod";
import type { Role } from "../store/types.ts";
import { authenticate, requireRole } from "./auth.ts";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";

export type Method = "get" | "post" | "put" | "delete";

export interface ResponseSpec {
  description: string;
  /** A JSON body of this shape. */
  json?: z.ZodType;
  /** Other media types (a rendered file, CSV …): media type → description. */
  files?: Record<string, string>;
}

export interface RouteSpec {
  method: Method;
  /** OpenAPI path, parameters in braces: /api/documents/{id}. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /**
   * Who may call it. Absent: anyone, including anonymous readers (what they
   * see is still filtered per document). Roles: signed-in users with one of
   * them; the handler may check more (a document's entity or region).
   */
  roles?: readonly Role[];
  /** Reads no token at all (health, login): answers the same whatever the header says. */
  public?: boolean;
  /** Path parameters: name → description. */
  params?: Record<string, string>;
  /** Query parameters; validated before the handler runs (`c.get("query")`). */
  query?: z.ZodObject;
  /** A JSON body, validated before the handler runs (`c.get("body")`). */
  json?: z.ZodType;
  /** A multipart/form-data body: field → JSON Schema (the handler reads it). */
  multipart?: { required: string[]; fields: Record<string, Record<string, unknown>> };
  /** Middleware that runs before the body is read (the upload's size limit). */
  before?: MiddlewareHandler<AppEnv>[];
  /** Success responses by status; the error responses are added from what the route does. */
  responses: Record<number, ResponseSpec>;
  handler: (c: Context<AppEnv>) => Response | Promise<Response>;
}

let zhCN: z.core.$ZodConfig["localeError"] | undefined;

/** zod's own Chinese messages, loaded once. */
function chinese() {
  zhCN ??= z.locales.zhCN().localeError;
  return zhCN;
}

/** The first problem zod found, as one Chinese sentence naming where. */
export function describeIssue(error: z.ZodError, where: string): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.join(".") : "";
  return `${where}${path ? ` ${path} ` : ""}有误：${issue?.message ?? "格式不对"}`;
}

export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(value, { error: chinese() });
  if (!result.success) throw new ApiError("bad_request", describeIssue(result.error, where));
  return result.data;
}

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(
      "unsupported_media_type",
      "请求体应为 JSON（Content-Type: application/json）",
    );
  }
  try {
    return await c.req.json();
  } catch {
    throw new ApiError("bad_request", "请求体不是有效的 JSON");
  }
}

/** Hono's path syntax for an OpenAPI path. */
export function honoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ":$1");
}

export function registerRoute(app: Hono<AppEnv>, route: RouteSpec): void {
  const validate: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (route.roles) requireRole(c, route.roles, `调用此接口（${route.summary}）`);
    c.set("query", route.query ? parseWith(route.query, c.req.query(), "查询参数") : {});
    if (route.json) c.set("body", parseWith(route.json, await readJson(c), "请求体"));
    await next();
  };
  const auth: MiddlewareHandler<AppEnv>[] = route.public ? [] : [authenticate];
  const before = every(...auth, validate, ...(route.before ?? []));
  app.on(route.method.toUpperCase(), honoPath(route.path), before, (c) => route.handler(c));
}
