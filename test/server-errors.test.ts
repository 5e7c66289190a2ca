/**
 * Everything that goes wrong answers in one JSON shape with a Chinese
 * message — a bad token, an oversized upload (announced or streamed), a
 * body of the wrong type, bad input, an unknown route or document, and our
 * own failure (500, without a stack) — and /openapi.json describes every
 * route the server has.
 */
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { apiRoutes } from "../src/server/app.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";
import {
  type ApiResponse,
  type Client,
  isChineseError,
  type StoreMaker,
  startTestServer,
  storeMaker,
  type TestServer,
} from "./helpers/server.ts";

const PASSWORD = "错误测试的密码-1";
/** A real PDF larger than the limit the server below is given. */
const BIG_PDF = join(SHARED, "corpus", "southwest-university", "西南大学2023年度部门决算.pdf");
const LIMIT = 256 * 1024;

function expectError(r: ApiResponse, status: number, code: string): void {
  assert.equal(r.status, status, r.text);
  assert.ok(isChineseError(r.body), `the error shape with a Chinese message: ${r.text}`);
  assert.equal((r.body as { error: { code: string } }).error.code, code);
  assert.doesNotMatch(r.text, /\bat .*\.ts:\d+/, "no stack trace");
}

describe("errors and the OpenAPI document", () => {
  let maker: StoreMaker;
  let server: TestServer;
  let admin: Client;

  before(async () => {
    maker = await storeMaker("sqlite");
    server = await startTestServer(await maker.newSpec(), {
      maxUploadBytes: LIMIT,
      closeStore: false,
    });
    await server.store.createUser({ username: "admin", password: PASSWORD, role: "admin" });
    admin = await server.login("admin", PASSWORD);
    assert.ok(statSync(BIG_PDF).size > LIMIT);
  });
  after(async () => {
    await server?.close();
    await server?.store.close().catch(() => {});
    await maker?.stop();
  });

  test("a bad or malformed token is refused (401)", async () => {
    for (const authorization of ["Bearer not-a-token", "Basic YWRtaW46eA==", "Bearer"]) {
      const r = await server.anonymous.get("/api/documents", { headers: { authorization } });
      expectError(r, 401, "unauthorized");
    }
    const out = await server.login("admin", PASSWORD);
    assert.equal((await out.post("/api/logout")).status, 204);
    expectError(await out.get("/api/me"), 401, "unauthorized");
  });

  test("an anonymous upload is refused (401)", async () => {
    expectError(await server.anonymous.upload(seedPath("001")), 401, "unauthorized");
  });

  test("an oversized upload is refused (413), announced or streamed", async () => {
    expectError(await admin.upload(BIG_PDF), 413, "too_large");
    // No Content-Length: the body is counted as it arrives.
    const form = new FormData();
    form.append(
      "file",
      new Blob([await import("node:fs").then((f) => f.readFileSync(BIG_PDF))]),
      "big.pdf",
    );
    const encoded = new Response(form);
    const r = await fetch(`${server.url}/api/documents`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${admin.token}`,
        "content-type": encoded.headers.get("content-type") ?? "",
      },
      body: encoded.body,
      duplex: "half",
    } as RequestInit);
    const body = await r.json();
    assert.equal(r.status, 413);
    assert.ok(isChineseError(body));
    const list = await admin.get<{ total: number }>("/api/documents");
    assert.equal(list.body.total, 0, "nothing was kept");
  });

  test("a body that is not multipart, or a form without the file, is refused", async () => {
    expectError(
      await admin.post("/api/documents", { json: { file: "x" } }),
      415,
      "unsupported_media_type",
    );
    expectError(
      await admin.post("/api/documents", {
        body: "plain",
        headers: { "content-type": "text/plain" },
      }),
      415,
      "unsupported_media_type",
    );
    const noFile = new FormData();
    noFile.append("note", "没有文件");
    expectError(await admin.post("/api/documents", { form: noFile }), 400, "bad_request");
    const empty = new FormData();
    empty.append("file", new Blob([]), "empty.txt");
    expectError(await admin.post("/api/documents", { form: empty }), 400, "bad_request");
  });

  test("bad JSON and bad parameters are refused (400, 415)", async () => {
    expectError(
      await server.anonymous.post("/api/login", {
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
      400,
      "bad_request",
    );
    expectError(
      await server.anonymous.post("/api/login", { json: { username: "admin" } }),
      400,
      "bad_request",
    );
    expectError(
      await server.anonymous.post("/api/login", { body: "username=admin" }),
      415,
      "unsupported_media_type",
    );
    expectError(await admin.get("/api/documents?year=明年"), 400, "bad_request");
    expectError(await admin.get("/api/documents?kind=other"), 400, "bad_request");
    expectError(await admin.get("/api/documents?limit=0"), 400, "bad_request");
    expectError(
      await admin.post("/api/users", {
        json: { username: "p", password: PASSWORD, role: "preparer" },
      }),
      400,
      "bad_request",
    );
    expectError(
      await admin.post("/api/users", {
        json: { username: "admin", password: PASSWORD, role: "admin" },
      }),
      409,
      "conflict",
    );
    expectError(await admin.get("/api/compare"), 400, "bad_request");
  });

  test("an unknown route or document is 404", async () => {
    expectError(await server.anonymous.get("/api/nothing-here"), 404, "not_found");
    expectError(await admin.get("/api/documents/no-such-id"), 404, "not_found");
    expectError(await admin.get("/api/documents/no-such-id/render"), 404, "not_found");
    expectError(
      await admin.post("/api/documents/no-such-id/check", { json: { preset: "strict" } }),
      404,
      "not_found",
    );
  });

  test("the OpenAPI document lists every route with its parameters and error shape", async () => {
    const r = await server.anonymous.get<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; parameters?: { name: string }[] }>
      >;
      components: { schemas: Record<string, unknown> };
    }>("/openapi.json");
    assert.equal(r.status, 200);
    assert.equal(r.body.openapi, "3.1.0");
    const routes = apiRoutes(
      { store: server.store, notifyQueue: () => {}, maxUploadBytes: LIMIT },
      "t",
    );
    for (const route of routes) {
      const op = r.body.paths[route.path]?.[route.method];
      assert.ok(op, `${route.method} ${route.path} is documented`);
      assert.ok(op.responses["500"], `${route.path} documents its errors`);
      for (const name of Object.keys(route.query?.shape ?? {})) {
        assert.ok(
          op.parameters?.some((p) => p.name === name),
          `${route.path} documents ?${name}`,
        );
      }
    }
    const documented = Object.entries(r.body.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    assert.equal(documented.length, routes.length);
    // Every reference points at a schema the document has.
    const refs = [...r.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    assert.ok(refs.length > 10);
    for (const ref of refs) assert.ok(r.body.components.schemas[ref as string], `schema ${ref}`);
  });

  test("our own failure is a 500 in the same shape, without a stack", async () => {
    // The store goes away under the running server.
    await server.store.close();
    expectError(await admin.get("/api/documents"), 500, "internal");
  });
});
