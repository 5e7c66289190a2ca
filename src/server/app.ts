/**
 * The HTTP API as a Hono app over a store: the routes (routes/), who is
 * asking (auth.ts), one JSON error shape for everything that goes wrong
 * (errors.ts) and the OpenAPI document written from the same routes.
 * Starting a server around it is serve.ts's job.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { GongkaiError } from "../model/errors.ts";
import type { AppEnv, ServerDeps } from "./env.ts";
import { ApiError, type ApiErrorCode, errorBody } from "./errors.ts";
import { openApiDocument } from "./openapi.ts";
import { type RouteSpec, registerRoute } from "./route.ts";
import { analyseRoutes } from "./routes/analyse.ts";
import { documentRoutes } from "./routes/documents.ts";
import { draftRoutes } from "./routes/drafts.ts";
import { entityRoutes } from "./routes/entities.ts";
import { reviewRoutes } from "./routes/review.ts";
import { sessionRoutes } from "./routes/session.ts";
import { userRoutes } from "./routes/users.ts";
import { webApp } from "./web.ts";

export interface AppOptions {
  version: string;
  /** Where unexpected errors are told (their stacks never reach a client). */
  log: (message: string) => void;
}

export function apiRoutes(deps: ServerDeps, version: string): RouteSpec[] {
  return [
    ...sessionRoutes(version),
    ...userRoutes(),
    ...documentRoutes(deps.maxUploadBytes),
    ...entityRoutes(),
    ...analyseRoutes(),
    ...reviewRoutes(),
    ...draftRoutes(),
  ];
}

/** A library error's code as the API's. */
function apiCodeOf(e: GongkaiError): ApiErrorCode {
  if (e.code === "too_large") return "too_large";
  if (e.code === "not_found") return "not_found";
  return "unprocessable";
}

const HTTP_MESSAGES: Record<number, [ApiErrorCode, string]> = {
  400: ["bad_request", "请求有误"],
  401: ["unauthorized", "请先登录"],
  403: ["forbidden", "没有权限"],
  404: ["not_found", "没有这个接口"],
  413: ["too_large", "请求体过大"],
  415: ["unsupported_media_type", "请求体的类型不对"],
};

export function createApp(deps: ServerDeps, opts: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const routes = apiRoutes(deps, opts.version);
  let openapi: unknown;

  app.use("*", async (c, next) => {
    c.set("deps", deps);
    c.set("user", null);
    c.set("viewer", { anonymous: true });
    await next();
  });
  for (const route of routes) registerRoute(app, route);
  app.get("/openapi.json", (c) => {
    openapi ??= openApiDocument(routes, opts.version);
    return c.json(openapi);
  });
  // The web app (web/dist) at / for every other GET: files, else index.html.
  app.get("*", webApp());

  app.notFound((c) =>
    c.json(errorBody("not_found", `没有这个接口：${c.req.method} ${c.req.path}`), 404),
  );
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
    if (err instanceof GongkaiError) {
      const code = apiCodeOf(err);
      return c.json(
        errorBody(code, err.message),
        code === "unprocessable" ? 422 : code === "too_large" ? 413 : 404,
      );
    }
    if (err instanceof HTTPException && HTTP_MESSAGES[err.status]) {
      const [code, message] = HTTP_MESSAGES[err.status] as [ApiErrorCode, string];
      return c.json(errorBody(code, message), err.status);
    }
    opts.log(
      `内部错误：${c.req.method} ${c.req.path}：${err instanceof Error ? err.stack : String(err)}`,
    );
    return c.json(errorBody("internal", "服务器内部错误，请稍后再试"), 500);
  });
  return app;
}
