/**
 * The HTTP API end to end, on a real server over loopback, once over SQLite
 * and once over PostgreSQL: sign in, upload real disclosures, poll until
 * they are read, read findings (the same as `gongkai check --format json`),
 * search, re-check, render, compare, and nothing lost (an interrupted
 * upload, concurrent uploads of one file, a crash while processing).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { strFromU8, unzipSync } from "fflate";
import { parseCsv } from "../src/analyse/csv.ts";
import { AMOUNT_FIELDS } from "../src/analyse/export.ts";
import { CompareResponseSchema, CorpusResponseSchema } from "../src/server/routes/analyse.ts";
import {
  AcceptedSchema,
  CheckResponseSchema,
  DocumentDetailSchema,
  DocumentPageSchema,
  HealthSchema,
  LoginResponseSchema,
} from "../src/server/schemas.ts";
import { openStore } from "../src/store/open.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";
import {
  type Client,
  isChineseError,
  STORE_KINDS,
  type StoreMaker,
  startTestServer,
  storeMaker,
  type TestServer,
} from "./helpers/server.ts";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");
const CORPUS = join(SHARED, "corpus");
const WANLI_2023 = join(
  CORPUS,
  "shanghai-putuo-budgets",
  "上海市普陀区人民政府万里街道办事处2023年部门预算.pdf",
);
const WANLI_2024 = join(
  CORPUS,
  "shanghai-putuo-budgets",
  "上海市普陀区人民政府万里街道办事处2024年部门预算.pdf",
);
const SWU_BUDGET = join(CORPUS, "southwest-university", "西南大学2023年度部门预算.pdf");
const SWU_FINAL = join(CORPUS, "southwest-university", "西南大学2023年度部门决算.pdf");

const ADMIN = { username: "admin", password: "管理员的密码-2026" };

/** What `gongkai check --format json` prints for a file (run as a user would). */
async function cliReport(file: string): Promise<{ findings: unknown[] }> {
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, "bin", "gongkai.mjs"), "check", file, "--format", "json", "--fail-on", "none"],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

/**
 * A multipart upload whose body stops part-way: the connection closes after
 * half of the file. `chunked`: sent without a Content-Length, as a stream.
 * Resolves once the socket is closed.
 */
function interruptedUpload(
  url: string,
  token: string,
  file: string,
  chunked: boolean,
): Promise<void> {
  const { hostname, port } = new URL(url);
  const bytes = readFileSync(file);
  const boundary = "gongkai-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.txt"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + bytes.length + tail.length;
  const sent = Buffer.concat([head, bytes.subarray(0, Math.floor(bytes.length / 2))]);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST /api/documents HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n${chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${length}`}\r\n\r\n`,
      );
      if (chunked) socket.write(`${sent.length.toString(16)}\r\n`);
      socket.write(chunked ? Buffer.concat([sent, Buffer.from("\r\n")]) : sent, () =>
        socket.destroy(),
      );
    });
    socket.on("close", () => resolve());
    socket.on("error", reject);
  });
}

for (const kind of STORE_KINDS) {
  describe(`HTTP API over ${kind}`, () => {
    let maker: StoreMaker;
    let server: TestServer;
    let admin: Client;
    /** What the server logs: only its own failures go there. */
    const logged: string[] = [];

    before(async () => {
      maker = await storeMaker(kind);
      server = await startTestServer(await maker.newSpec(), { log: (m) => logged.push(m) });
      await server.store.createUser({ ...ADMIN, role: "admin" });
    });
    after(async () => {
      await server?.close();
      await maker?.stop();
    });

    test("health answers 200 and names the store", async () => {
      const r = await server.anonymous.get("/api/health");
      assert.equal(r.status, 200);
      assert.equal(HealthSchema.parse(r.body).store, kind);
    });

    test("sign in: a wrong password is refused in Chinese, the right one gives a token", async () => {
      const wrong = await server.anonymous.post("/api/login", {
        json: { username: ADMIN.username, password: "不是这个" },
      });
      assert.equal(wrong.status, 401);
      assert.ok(isChineseError(wrong.body), wrong.text);
      const ok = await server.anonymous.post("/api/login", { json: ADMIN });
      assert.equal(ok.status, 200);
      const login = LoginResponseSchema.parse(ok.body);
      assert.equal(login.user.role, "admin");
      admin = await server.login(ADMIN.username, ADMIN.password);
      const me = await admin.get<{ username: string }>("/api/me");
      assert.equal(me.body.username, "admin");
    });

    let seedId = "";
    test("upload a seed, poll until done, read the findings gongkai check gives", async () => {
      const seed = seedPath("002");
      const up = await admin.upload(seed);
      assert.equal(up.status, 202, up.text);
      const accepted = AcceptedSchema.parse(up.body);
      assert.equal(accepted.created, true);
      assert.equal(up.headers.get("location"), `/api/documents/${accepted.id}`);
      seedId = accepted.id;

      const done = await admin.waitProcessed(seedId);
      const doc = DocumentDetailSchema.parse(done.body);
      assert.equal(doc.status, "done", doc.error ?? "");
      assert.equal(doc.progress, 1);
      assert.equal(doc.year, 2022);
      assert.equal(doc.kind, "final");
      assert.match(doc.entityName ?? "", /曾都区医疗保障服务中心/);
      assert.ok(doc.disclosure && doc.disclosure.tables.length >= 8, "the tables come with it");
      assert.deepEqual(doc.recognition, doc.disclosure?.report ?? null);

      const cli = await cliReport(seed);
      assert.ok(cli.findings.length > 0, "this seed has findings");
      assert.deepEqual(doc.findings, cli.findings);
      assert.equal(doc.check?.preset, "recommended");
      assert.ok(doc.check?.ruleSetVersion);
    });

    test("the original comes back byte for byte", async () => {
      const r = await admin.get(`/api/documents/${seedId}/original`);
      assert.equal(r.status, 200);
      assert.deepEqual(Buffer.from(r.bytes), readFileSync(seedPath("002")));
    });

    test("list and search by entity, region, year, kind and text", async () => {
      await admin.waitProcessed((await admin.upload(seedPath("001"))).body.id);
      const ids = async (query: string) => {
        const r = await admin.get(`/api/documents${query}`);
        assert.equal(r.status, 200, r.text);
        return DocumentPageSchema.parse(r.body).items.map((d) => d.id);
      };
      assert.equal((await ids("")).length, 2);
      assert.deepEqual(await ids("?year=2022"), [seedId]);
      assert.deepEqual(await ids("?kind=final"), [seedId]);
      assert.ok(!(await ids("?kind=budget")).includes(seedId));
      assert.deepEqual(await ids(`?region=${encodeURIComponent("曾都区")}`), [seedId]);
      assert.deepEqual(await ids(`?entity=${encodeURIComponent("曾都区医疗保障服务中心")}`), [
        seedId,
      ]);
      assert.deepEqual(await ids(`?q=${encodeURIComponent("碑林")}`).then((x) => x.length), 1);
      assert.ok(!(await ids(`?q=${encodeURIComponent("碑林")}`)).includes(seedId));
      const page = await admin.get(`/api/documents?limit=1&offset=1`);
      const parsed = DocumentPageSchema.parse(page.body);
      assert.equal(parsed.items.length, 1);
      assert.equal(parsed.total, 2);
    });

    test("re-check with the strict preset; the stored check is read back by preset", async () => {
      const r = await admin.post(`/api/documents/${seedId}/check`, { json: { preset: "strict" } });
      assert.equal(r.status, 200, r.text);
      const strict = CheckResponseSchema.parse(r.body);
      assert.equal(strict.preset, "strict");
      const recommended = DocumentDetailSchema.parse(
        (await admin.get(`/api/documents/${seedId}`)).body,
      );
      assert.ok(strict.report.findings.length >= recommended.findings.length);
      const back = DocumentDetailSchema.parse(
        (await admin.get(`/api/documents/${seedId}?preset=strict`)).body,
      );
      assert.equal(back.check?.preset, "strict");
      assert.deepEqual(back.findings, strict.report.findings);
    });

    test("render the document as HTML from its figures", async () => {
      const r = await admin.get(`/api/documents/${seedId}/render?format=html`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(r.text, /曾都区医疗保障服务中心/);
      assert.match(r.text, /收入支出决算表/);
    });

    test("compare two years of one entity, and a budget with its final accounts", async () => {
      const ids: Record<string, string> = {};
      for (const [name, file] of Object.entries({
        WANLI_2023,
        WANLI_2024,
        SWU_BUDGET,
        SWU_FINAL,
      })) {
        ids[name] = (await admin.upload(file, { published: "true" })).body.id;
      }
      for (const id of Object.values(ids)) {
        const d = await admin.waitProcessed(id);
        assert.equal(d.body.status, "done", String(d.body.error));
      }
      const wanli = DocumentDetailSchema.parse(
        (await admin.get(`/api/documents/${ids.WANLI_2024}`)).body,
      );
      assert.ok(wanli.entityId);

      // Year over year, by the entity: the store matched both years to one entity.
      const yoy = await server.anonymous.get(`/api/compare?entityId=${wanli.entityId}`);
      assert.equal(yoy.status, 200, yoy.text);
      const years = CompareResponseSchema.parse(yoy.body);
      assert.equal(years.documents.length, 2);
      const c = years.comparisons.find((x) => x.mode === "yoy") as unknown as {
        prior: { year: number; file: string };
        current: { year: number; file: string };
        tables: {
          lines: { prior: number | null; current: number | null; change: number | null }[];
        }[];
      };
      assert.ok(c, "a year-over-year comparison");
      assert.deepEqual([c.prior.year, c.current.year], [2023, 2024]);
      assert.deepEqual([c.prior.file, c.current.file], [ids.WANLI_2023, ids.WANLI_2024]);
      const lines = c.tables.flatMap((t) => t.lines);
      assert.ok(lines.length > 10);
      for (const l of lines) {
        if (l.prior !== null && l.current !== null) assert.equal(l.change, l.current - l.prior);
      }

      // A budget against its final accounts: 执行率 by line.
      const bf = await admin.get(
        `/api/compare?ids=${ids.SWU_BUDGET},${ids.SWU_FINAL}&mode=budget-final`,
      );
      assert.equal(bf.status, 200, bf.text);
      const exec = CompareResponseSchema.parse(bf.body).comparisons[0] as unknown as {
        mode: string;
        year: number;
        budget?: { kind: string };
        final: { kind: string };
        tables: {
          lines: { budget: number | null; final: number | null; difference: number | null }[];
        }[];
      };
      assert.equal(exec.mode, "budget-final");
      assert.equal(exec.year, 2023);
      assert.equal(exec.budget?.kind, "budget");
      assert.equal(exec.final.kind, "final");
      const execLines = exec.tables.flatMap((t) => t.lines);
      assert.ok(execLines.some((l) => l.budget !== null && l.final !== null));
      for (const l of execLines) {
        if (l.budget !== null && l.final !== null) assert.equal(l.difference, l.final - l.budget);
      }
    });

    test("export the documents as CSV and as a Fiscal Data Package; corpus statistics", async () => {
      const all = DocumentPageSchema.parse(
        (await admin.get("/api/documents?status=done")).body,
      ).items;
      assert.ok(all.length >= 6);

      const csv = await admin.get("/api/export?format=csv");
      assert.equal(csv.status, 200, csv.text);
      assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
      const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, ""));
      assert.deepEqual(
        header,
        AMOUNT_FIELDS.map((f) => f.name),
      );
      const col = (name: string) => (header as string[]).indexOf(name);
      const documents = new Set(rows.map((r) => r[col("document")]));
      assert.equal(documents.size, all.length, "every processed document has rows");
      // The region column is the region the store matched for the entity.
      const served = rows.find((r) => r[col("entity")]?.includes("曾都区医疗保障服务中心"));
      assert.equal(served?.[col("region")], "随州市曾都区");

      // Filters select what is exported; an anonymous reader gets published documents only.
      const year = parseCsv((await admin.get("/api/export?year=2022")).text.replace(/^\uFEFF/, ""));
      assert.ok(year.length > 1);
      assert.ok(year.slice(1).every((r) => r[col("year")] === "2022"));
      const open = await server.anonymous.get("/api/export");
      const openRows = parseCsv(open.text.replace(/^\uFEFF/, "")).slice(1);
      const published = all.filter((d) => d.published).length;
      assert.equal(new Set(openRows.map((r) => r[col("document")])).size, published);
      assert.ok(!openRows.some((r) => r[col("entity")]?.includes("曾都区医疗保障服务中心")));

      const pkg = await admin.get("/api/export?format=datapackage");
      assert.equal(pkg.status, 200, pkg.text);
      assert.equal(pkg.headers.get("content-type"), "application/zip");
      const files = unzipSync(pkg.bytes);
      const descriptor = JSON.parse(strFromU8(files["datapackage.json"] as Uint8Array)) as {
        resources: { name: string; path: string }[];
      };
      for (const r of descriptor.resources) assert.ok(files[r.path], `${r.path} is in the package`);
      const amounts = parseCsv(strFromU8(files["data/amounts.csv"] as Uint8Array));
      assert.equal(amounts.length - 1, rows.length);

      const stats = await admin.get<{
        documents: number;
        findings: { byRule: { findings: number }[] };
      }>("/api/corpus");
      assert.equal(stats.status, 200, stats.text);
      CorpusResponseSchema.parse(stats.body);
      assert.equal(stats.body.documents, all.length);
      let findings = 0;
      for (const d of all) {
        findings += DocumentDetailSchema.parse((await admin.get(`/api/documents/${d.id}`)).body)
          .findings.length;
      }
      const counted = stats.body.findings.byRule.reduce((n, r) => n + r.findings, 0);
      assert.equal(counted, findings);
    });

    test("two concurrent uploads of one file give one document", async () => {
      const seed = seedPath("003");
      const answers = await Promise.all([1, 2, 3, 4].map(() => admin.upload(seed)));
      for (const a of answers) assert.equal(a.status, 202, a.text);
      const ids = new Set(answers.map((a) => a.body.id));
      assert.equal(ids.size, 1);
      assert.equal(answers.filter((a) => a.body.created).length, 1);
      const [id] = [...ids];
      const found = DocumentPageSchema.parse(
        (await admin.get(`/api/documents?q=${encodeURIComponent("003_")}`)).body,
      );
      assert.deepEqual(
        found.items.map((d) => d.id),
        [id],
      );
      await admin.waitProcessed(id as string);
    });

    test("an upload cut off mid-way leaves no record", async () => {
      const before = DocumentPageSchema.parse((await admin.get("/api/documents")).body).total;
      await interruptedUpload(server.url, admin.token as string, seedPath("004"), false);
      await interruptedUpload(server.url, admin.token as string, seedPath("004"), true);
      // The next complete request is answered after the cut one was dropped.
      const up = await admin.upload(seedPath("000"));
      assert.equal(up.status, 202);
      const afterCut = DocumentPageSchema.parse(
        (await admin.get("/api/documents?limit=1000")).body,
      );
      assert.equal(afterCut.total, before + 1);
      assert.ok(!afterCut.items.some((d) => d.fileName === "cut.txt"));
      const sha = await import("node:crypto").then((c) =>
        c
          .createHash("sha256")
          .update(readFileSync(seedPath("004")))
          .digest("hex"),
      );
      assert.equal(await server.store.getDocumentBySha256(sha), undefined);
      await admin.waitProcessed(up.body.id);
    });

    test("a document left processing by a crash is processed after a restart", async () => {
      const spec = await maker.newSpec();
      // The crashed run: the document was claimed, then the process died.
      const store = await openStore(spec);
      const { document } = await store.putDocument({
        bytes: readFileSync(seedPath("004")),
        fileName: "crash.txt",
      });
      const claimed = await store.claimNext();
      assert.equal(claimed?.id, document.id);
      assert.equal((await store.getDocument(document.id))?.status, "processing");
      await store.close();

      const restarted = await startTestServer(spec);
      try {
        assert.equal(restarted.requeued, 1);
        await restarted.store.createUser({ ...ADMIN, role: "admin" });
        const client = await restarted.login(ADMIN.username, ADMIN.password);
        const done = DocumentDetailSchema.parse((await client.waitProcessed(document.id)).body);
        assert.equal(done.status, "done");
        assert.equal(done.attempts, 2);
        assert.match(done.entityName ?? "", /城东区医疗保障局/);
        assert.equal(done.check?.preset, "recommended");
      } finally {
        await restarted.close();
      }
    });

    test("the server logged no failure of its own through all of this", () => {
      assert.deepEqual(logged, []);
    });
  });
}
