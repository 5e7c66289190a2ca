/**
 * `/openapi.json`: an OpenAPI 3.1 document written from the route
 * declarations (route.ts) and the zod schemas (schemas.ts), never by hand,
 * so it lists every route with the shapes the server really checks.
 */
import { z } from "zod";
import type { RouteSpec } from "./route.ts";
import { API_SCHEMAS } from "./schemas.ts";

type Json = Record<string, unknown>;

const REF = (name: string) => `#/components/schemas/${name}`;

const ERROR_TEXT: Record<number, string> = {
  400: "请求参数或请求体有误",
  401: "未登录，或令牌无效、已过期",
  403: "没有权限",
  404: "没有这个文档或接口",
  409: "文档的状态不允许这样做",
  413: "上传的文件过大",
  415: "请求体的类型不对",
  500: "服务器内部错误",
};

/** The error responses a route can give, from what it declares. */
function errorStatuses(route: RouteSpec): number[] {
  const out = new Set<number>([500]);
  if (route.query || route.json || route.multipart) out.add(400);
  if (route.json || route.multipart) out.add(415);
  if (route.multipart) out.add(413);
  if (route.roles) out.add(401).add(403);
  if (route.params) out.add(404).add(401).add(403);
  return [...out].sort();
}

function operationId(route: RouteSpec): string {
  const words = route.path
    .replace(/^\/api\//, "")
    .split(/[/{}-]+/)
    .filter(Boolean);
  return [route.method, ...words.map((w) => w[0]?.toUpperCase() + w.slice(1))].join("");
}

/**
 * Every schema the routes use, converted in one pass so that the named ones
 * are referenced, never repeated. Schemas a route declares without a name
 * get one from the route (getDocumentsQuery …).
 */
function convertSchemas(routes: readonly RouteSpec[]) {
  const registry = z.registry<{ id?: string }>();
  const names = new Map<z.ZodType, string>();
  const name = (schema: z.ZodType, fallback: string): string => {
    const known = names.get(schema);
    if (known) return known;
    names.set(schema, fallback);
    registry.add(schema, { id: fallback });
    return fallback;
  };
  for (const [id, schema] of Object.entries(API_SCHEMAS)) name(schema, id);
  for (const route of routes) {
    const op = operationId(route);
    if (route.query) name(route.query, `${op}Query`);
    if (route.json) name(route.json, `${op}Body`);
    for (const [status, r] of Object.entries(route.responses)) {
      if (r.json) name(r.json, `${op}${status}`);
    }
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    uri: REF,
    unrepresentable: "any",
    io: "input",
  }) as { schemas: Record<string, Json> };
  for (const s of Object.values(schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return { schemas, names };
}

export function openApiDocument(routes: readonly RouteSpec[], version: string): Json {
  const { schemas, names } = convertSchemas(routes);
  const ref = (schema: z.ZodType) => ({ $ref: REF(names.get(schema) ?? "") });
  const queryNames = new Set<string>();

  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const parameters: Json[] = [];
    for (const [name, description] of Object.entries(route.params ?? {})) {
      parameters.push({
        name,
        in: "path",
        required: true,
        description,
        schema: { type: "string" },
      });
    }
    if (route.query) {
      const queryName = names.get(route.query) ?? "";
      queryNames.add(queryName);
      const q = schemas[queryName] as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        const { description, ...rest } = schema;
        parameters.push({
          name,
          in: "query",
          required: q.required?.includes(name) ?? false,
          ...(description ? { description } : {}),
          schema: rest,
        });
      }
    }
    const responses: Json = {};
    for (const [status, r] of Object.entries(route.responses)) {
      const content: Json = {};
      if (r.json) content["application/json"] = { schema: ref(r.json) };
      for (const [type, description] of Object.entries(r.files ?? {})) {
        content[type] = { schema: { type: "string", format: "binary", description } };
      }
      responses[status] = {
        description: r.description,
        ...(Object.keys(content).length ? { content } : {}),
      };
    }
    for (const status of errorStatuses(route)) {
      responses[status] ??= {
        description: ERROR_TEXT[status] ?? "错误",
        content: { "application/json": { schema: { $ref: REF("Error") } } },
      };
    }
    const access = route.roles
      ? `需要登录，角色：${route.roles.join("、")}。`
      : "任何人可调用；匿名读者只能看到已公开的文档。";
    const operation: Json = {
      operationId: operationId(route),
      tags: [route.tag],
      summary: route.summary,
      description: [route.description, access].filter(Boolean).join("\n\n"),
      ...(parameters.length ? { parameters } : {}),
      security: route.public ? [] : route.roles ? [{ bearer: [] }] : [{}, { bearer: [] }],
      responses,
    };
    if (route.json) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: ref(route.json) } },
      };
    } else if (route.multipart) {
      operation.requestBody = {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: route.multipart.required,
              properties: route.multipart.fields,
            },
          },
        },
      };
    }
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, Json>)[route.method] = operation;
  }
  // Query objects became parameters; they are no component of their own.
  for (const n of queryNames) delete schemas[n];

  return {
    openapi: "3.1.0",
    info: {
      title: "gongkai 公开 HTTP API",
      version,
      description:
        '部门预决算公开文档的上传、识别、检查、比较、导出与生成。错误一律为 {"error":{"code","message"}}，message 为中文。',
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "POST /api/login 得到的令牌" },
      },
    },
  };
}
