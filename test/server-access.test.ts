/**
 * Who may do what, on a real server over SQLite and over PostgreSQL: each
 * role (anonymous, 填报 of two entities, 审核 in and out of the region and
 * by department, 管理) against each endpoint, with the status it must get.
 * The table must name every route the server has, so a new route cannot
 * go unchecked.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { apiRoutes } from "../src/server/app.ts";
import { DocumentPageSchema } from "../src/server/schemas.ts";
import { seedPath } from "./helpers/seeds.ts";
import {
  type Client,
  isChineseError,
  STORE_KINDS,
  type StoreMaker,
  startTestServer,
  storeMaker,
  type TestServer,
} from "./helpers/server.ts";

const ROLES = [
  "anonymous",
  "preparerA",
  "preparerB",
  "reviewerIn",
  "reviewerDept",
  "reviewerOut",
  "admin",
] as const;
type RoleName = (typeof ROLES)[number];

const PASSWORD = "测试用的密码-123";

/** Accounts made through the API by the admin: [role, entity, region]. */
const ACCOUNTS: Record<Exclude<RoleName, "anonymous" | "admin">, [string, string?, string?]> = {
  // The entities of seeds 002 and 000, two units of 曾都区医疗保障局.
  preparerA: ["preparer", "随州市曾都区医疗保障服务中心"],
  preparerB: ["preparer", "曾都区医疗保障信息中心"],
  reviewerIn: ["reviewer", undefined, "曾都区"],
  reviewerDept: ["reviewer", "曾都区医疗保障局"],
  reviewerOut: ["reviewer", undefined, "碑林区"],
};

for (const kind of STORE_KINDS) {
  describe(`access over ${kind}`, () => {
    let maker: StoreMaker;
    let server: TestServer;
    const as = {} as Record<RoleName, Client>;
    /** A's draft (seed 002), B's draft (seed 000), a published document (seed 001). */
    const doc = { a: "", b: "", published: "" };

    before(async () => {
      maker = await storeMaker(kind);
      server = await startTestServer(await maker.newSpec());
      await server.store.createUser({ username: "admin", password: PASSWORD, role: "admin" });
      as.admin = await server.login("admin", PASSWORD);
      as.anonymous = server.anonymous;
      for (const [name, [role, entity, region]] of Object.entries(ACCOUNTS)) {
        const r = await as.admin.post("/api/users", {
          json: {
            username: name,
            password: PASSWORD,
            role,
            ...(entity ? { entity } : {}),
            ...(region ? { region } : {}),
          },
        });
        assert.equal(r.status, 201, r.text);
        as[name as RoleName] = await server.login(name, PASSWORD);
      }
      doc.a = (await as.preparerA.upload(seedPath("002"))).body.id;
      doc.b = (await as.preparerB.upload(seedPath("000"))).body.id;
      doc.published = (await as.admin.upload(seedPath("001"), { published: "true" })).body.id;
      for (const id of Object.values(doc)) {
        assert.equal((await as.admin.waitProcessed(id)).body.status, "done");
      }
    });
    after(async () => {
      await server?.close();
      await maker?.stop();
    });

    test("each role lists exactly the documents it may see", async () => {
      const expected: Record<RoleName, string[]> = {
        anonymous: [doc.published],
        preparerA: [doc.published, doc.a],
        preparerB: [doc.published, doc.b],
        reviewerIn: [doc.published, doc.a, doc.b],
        reviewerDept: [doc.published, doc.a, doc.b],
        reviewerOut: [doc.published],
        admin: [doc.published, doc.a, doc.b],
      };
      for (const role of ROLES) {
        const r = await as[role].get("/api/documents");
        const ids = DocumentPageSchema.parse(r.body).items.map((d) => d.id);
        assert.deepEqual(ids.sort(), [...expected[role]].sort(), role);
      }
    });

    test("each role against each endpoint", async () => {
      type Call = (c: Client, role: RoleName) => Promise<{ status: number; body: unknown }>;
      // Statuses in the order of ROLES:
      // anonymous, preparerA, preparerB, reviewerIn, reviewerDept, reviewerOut, admin.
      const own = [401, 200, 403, 200, 200, 403, 200];
      /** The first finding of a document as the admin sees it: what a waiver names. */
      const firstFinding = async (id: string) => {
        const r = await as.admin.get<{ findings: { rule: string; message: string }[] }>(
          `/api/documents/${id}`,
        );
        const f = r.body.findings[0];
        assert.ok(f, "the document has a finding to waive");
        return { rule: f.rule, message: f.message };
      };
      const unwaivePath = (id: string, f: { rule: string; message: string }) =>
        `/api/documents/${id}/waivers?rule=${encodeURIComponent(f.rule)}&message=${encodeURIComponent(f.message)}`;
      /** A draft for the 编制 routes: a stored document's disclosure, as the browser sends it. */
      const draftOf = async (id: string) => ({
        disclosure: (await as.admin.get<{ disclosure: unknown }>(`/api/documents/${id}`)).body
          .disclosure,
      });
      let n = 0;
      const table: [string, string, Call, number[]][] = [
        ["get", "/api/health", (c) => c.get("/api/health"), [200, 200, 200, 200, 200, 200, 200]],
        [
          "post",
          "/api/login",
          (c, role) =>
            c.post("/api/login", {
              json: { username: role === "anonymous" ? "nobody" : role, password: PASSWORD },
            }),
          [401, 200, 200, 200, 200, 200, 200],
        ],
        [
          "post",
          "/api/logout",
          async (c, role) => {
            // A session of its own, so the table's clients stay signed in.
            const other = role === "anonymous" ? c : await server.login(role, PASSWORD);
            return other.post("/api/logout");
          },
          [401, 204, 204, 204, 204, 204, 204],
        ],
        ["get", "/api/me", (c) => c.get("/api/me"), [401, 200, 200, 200, 200, 200, 200]],
        ["get", "/api/users", (c) => c.get("/api/users"), [401, 403, 403, 403, 403, 403, 200]],
        [
          "post",
          "/api/users",
          (c) =>
            c.post("/api/users", {
              json: {
                username: `new${++n}`,
                password: PASSWORD,
                role: "reviewer",
                region: "曾都区",
              },
            }),
          [401, 403, 403, 403, 403, 403, 201],
        ],
        [
          "post",
          "/api/documents",
          (c) => c.upload(seedPath("003")),
          [401, 202, 202, 202, 202, 202, 202],
        ],
        [
          "get",
          "/api/documents",
          (c) => c.get("/api/documents"),
          [200, 200, 200, 200, 200, 200, 200],
        ],
        ["get", "/api/documents/{id}", (c) => c.get(`/api/documents/${doc.a}`), own],
        [
          "get",
          "/api/documents/{id} (published)",
          (c) => c.get(`/api/documents/${doc.published}`),
          [200, 200, 200, 200, 200, 200, 200],
        ],
        [
          "post",
          "/api/documents/{id}/check",
          (c) => c.post(`/api/documents/${doc.a}/check`, { json: { preset: "strict" } }),
          own,
        ],
        [
          "post",
          "/api/documents/{id}/publish",
          (c) => c.post(`/api/documents/${doc.a}/publish`, { json: { published: false } }),
          [401, 403, 403, 200, 200, 403, 200],
        ],
        [
          "get",
          "/api/documents/{id}/render",
          (c) => c.get(`/api/documents/${doc.a}/render?format=html`),
          own,
        ],
        [
          "get",
          "/api/documents/{id}/original",
          (c) => c.get(`/api/documents/${doc.a}/original`),
          own,
        ],
        [
          "get",
          "/api/entities",
          (c) => c.get("/api/entities"),
          [200, 200, 200, 200, 200, 200, 200],
        ],
        ["get", "/api/compare", (c) => c.get(`/api/compare?ids=${doc.a}`), own],
        ["get", "/api/export", (c) => c.get("/api/export"), [200, 200, 200, 200, 200, 200, 200]],
        ["get", "/api/corpus", (c) => c.get("/api/corpus"), [200, 200, 200, 200, 200, 200, 200]],
        ["get", "/api/documents/{id}/marks", (c) => c.get(`/api/documents/${doc.a}/marks`), own],
        [
          "get",
          "/api/documents/{id}/report",
          (c) => c.get(`/api/documents/${doc.a}/report?format=html`),
          own,
        ],
        [
          "post",
          "/api/documents/{id}/waivers",
          async (c) => {
            const finding = await firstFinding(doc.a);
            const r = await c.post(`/api/documents/${doc.a}/waivers`, {
              json: { ...finding, reason: "测试：豁免后撤销" },
            });
            // Undo it, so the next role finds the finding again.
            if (r.status === 200) await as.admin.request("DELETE", unwaivePath(doc.a, finding));
            return r;
          },
          [401, 403, 403, 200, 200, 403, 200],
        ],
        [
          "delete",
          "/api/documents/{id}/waivers",
          async (c) => {
            const finding = await firstFinding(doc.a);
            await as.admin.post(`/api/documents/${doc.a}/waivers`, {
              json: { ...finding, reason: "测试：由各角色撤销" },
            });
            const r = await c.request("DELETE", unwaivePath(doc.a, finding));
            if (r.status !== 200) await as.admin.request("DELETE", unwaivePath(doc.a, finding));
            return r;
          },
          [401, 403, 403, 200, 200, 403, 200],
        ],
        ["get", "/api/rules", (c) => c.get("/api/rules"), [200, 200, 200, 200, 200, 200, 200]],
        [
          "get",
          "/api/catalog",
          (c) => c.get("/api/catalog?year=2024&kind=func"),
          [200, 200, 200, 200, 200, 200, 200],
        ],
        [
          "get",
          "/api/template",
          (c) => c.get("/api/template?kind=budget&year=2025"),
          [200, 200, 200, 200, 200, 200, 200],
        ],
        [
          "get",
          "/api/drafts/start",
          (c) => c.get(`/api/drafts/start?kind=budget&year=2025`),
          [401, 200, 200, 200, 200, 200, 200],
        ],
        [
          "post",
          "/api/drafts/read",
          async (c) => {
            const t = await as.admin.post("/api/drafts/template", {
              json: { input: await draftOf(doc.published) },
            });
            const form = new FormData();
            form.append("file", new Blob([t.bytes as Uint8Array<ArrayBuffer>]), "模板.xlsx");
            return c.post("/api/drafts/read", { form });
          },
          [401, 200, 200, 200, 200, 200, 200],
        ],
        [
          "post",
          "/api/drafts/check",
          async (c) =>
            c.post("/api/drafts/check", { json: { input: await draftOf(doc.published) } }),
          [401, 200, 200, 200, 200, 200, 200],
        ],
        [
          "post",
          "/api/drafts/render",
          async (c) =>
            c.post("/api/drafts/render?format=html", {
              json: { input: await draftOf(doc.published) },
            }),
          [401, 200, 200, 200, 200, 200, 200],
        ],
        [
          "post",
          "/api/drafts/template",
          async (c) =>
            c.post("/api/drafts/template", { json: { input: await draftOf(doc.published) } }),
          [401, 200, 200, 200, 200, 200, 200],
        ],
        [
          "get",
          "/openapi.json",
          (c) => c.get("/openapi.json"),
          [200, 200, 200, 200, 200, 200, 200],
        ],
      ];

      const routes = apiRoutes(
        { store: server.store, notifyQueue: () => {}, maxUploadBytes: 1 },
        "test",
      ).map((r) => `${r.method} ${r.path}`);
      const covered = new Set(table.map(([m, p]) => `${m} ${p}`));
      for (const r of routes) assert.ok(covered.has(r), `the table covers ${r}`);

      const failures: string[] = [];
      for (const [method, path, call, statuses] of table) {
        for (const [i, role] of ROLES.entries()) {
          const r = await call(as[role], role);
          if (r.status !== statuses[i]) {
            failures.push(`${role} ${method} ${path}: ${r.status}, expected ${statuses[i]}`);
          }
          if (r.status >= 400 && !isChineseError(r.body)) {
            failures.push(`${role} ${method} ${path}: ${r.status} without the error shape`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });

    test("the draft is still a draft, and a preparer's export leaves out the other entity's", async () => {
      const page = DocumentPageSchema.parse(
        (await as.admin.get("/api/documents?published=true")).body,
      );
      assert.deepEqual(
        page.items.map((d) => d.id),
        [doc.published],
      );
      const csv = (await as.preparerB.get("/api/export")).text;
      assert.ok(!csv.includes("曾都区医疗保障服务中心"), "B's export has none of A's draft");
      assert.ok(csv.includes("曾都区医疗保障信息中心"));
    });
  });
}
