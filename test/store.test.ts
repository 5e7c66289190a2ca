/**
 * The store, one suite run against both implementations (SQLite and
 * PostgreSQL): migrations, content addressing and idempotence, concurrent
 * and interrupted uploads, the job claim and crash recovery, entity
 * matching across years and kinds on real documents, search, access, users
 * and tokens, and `gongkai import` / `gongkai user add` through the real CLI.
 */
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import postgres from "postgres";
import { checkDisclosure } from "../src/check/engine.ts";
import { ruleSetVersion } from "../src/check/version.ts";
import { processDocument } from "../src/jobs/process-document.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractBytes } from "../src/pipeline.ts";
import { MIGRATIONS } from "../src/store/migrations.ts";
import { isPostgresUrl, openStore } from "../src/store/open.ts";
import type { DocumentSummary, Store } from "../src/store/types.ts";
import { SEEDS_DIR, SHARED, seedPath } from "./helpers/seeds.ts";
import { STORE_BACKENDS } from "./helpers/stores.ts";

const BIN = join(import.meta.dirname, "..", "bin", "gongkai.mjs");
const STORE_MODULE = join(import.meta.dirname, "..", "src", "store", "open.ts");
const execFileP = promisify(execFile);

const CORPUS = join(SHARED, "corpus");
/** Real documents of one entity in two kinds, and of one entity in two years. */
const FINANCE_FINAL_2024 = join(CORPUS, "shanghai-putuo", "上海市普陀区财政局2024年度部门决算.pdf");
const FINANCE_BUDGET_2025 = join(
  CORPUS,
  "shanghai-putuo-budgets",
  "上海市普陀区财政局2025年部门预算.pdf",
);
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

/** A blank template: it names no entity. */
const BLANK_TEMPLATE = join(CORPUS, "shanghai-templates", "区级部门预算公开模板2026.xlsx");

/** Each file read and recognised once for both stores. */
const read = new Map<string, Promise<{ bytes: Uint8Array; disclosure: Disclosure }>>();
function document(path: string) {
  let r = read.get(path);
  if (!r) {
    const bytes = readFileSync(path);
    r = extractBytes(bytes, path).then((disclosure) => ({ bytes, disclosure }));
    read.set(path, r);
  }
  return r;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Put a file and store its recognised disclosure and check, as a worker would. */
async function stored(
  store: Store,
  path: string,
  extra: { published?: boolean; tags?: string[]; uploaderId?: string } = {},
): Promise<DocumentSummary> {
  const { bytes, disclosure } = await document(path);
  const { document: doc } = await store.putDocument({ bytes, fileName: path, ...extra });
  const job = await store.claim(doc.id);
  assert.ok(job, `${path} was queued`);
  await store.markDone(job.id, {
    disclosure,
    check: checkDisclosure(disclosure),
    ruleSetVersion: ruleSetVersion(),
  });
  const done = await store.getDocumentBySha256(doc.sha256);
  assert.ok(done);
  return done;
}

/** Rows straight from the database, behind the store's back. */
async function raw(spec: string, sql: string): Promise<Record<string, unknown>[]> {
  if (isPostgresUrl(spec)) {
    const client = postgres(spec, { max: 1, onnotice: () => {} });
    try {
      return [...(await client.unsafe(sql))];
    } finally {
      await client.end();
    }
  }
  const db = new DatabaseSync(spec, { readOnly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

function cli(args: string[], input?: string) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => resolve({ code, out, err }));
    child.stdin.end(input ?? "");
  });
}

for (const backend of STORE_BACKENDS) {
  describe(`store on ${backend.name}`, () => {
    before(() => backend.start());
    after(() => backend.stop());

    it("migrates a fresh store once; re-opening (also two at once) keeps data and version", async () => {
      const spec = await backend.spec();
      const latest = MIGRATIONS.at(-1)?.version ?? 0;
      const [a, b] = await Promise.all([openStore(spec), openStore(spec)]);
      assert.equal(a.dialect, backend.name);
      assert.equal(await a.schemaVersion(), latest);
      assert.equal(await b.schemaVersion(), latest);
      const bytes = readFileSync(seedPath("001"));
      await a.putDocument({ bytes, fileName: "001.txt" });
      await Promise.all([a.close(), b.close()]);

      const again = await openStore(spec);
      assert.equal(await again.schemaVersion(), latest);
      assert.equal((await again.listDocuments()).total, 1);
      await again.close();
      const applied = await raw(spec, "SELECT version FROM schema_migrations ORDER BY version");
      assert.deepEqual(
        applied.map((r) => Number(r.version)),
        MIGRATIONS.map((m) => m.version),
      );
    });

    it("the same bytes are one document, under any name and however often they are put", async () => {
      const store = await openStore(await backend.spec());
      try {
        const bytes = readFileSync(seedPath("001"));
        const first = await store.putDocument({ bytes, fileName: "碑林.txt" });
        const second = await store.putDocument({ bytes, fileName: "另一个名字.txt" });
        assert.equal(first.created, true);
        assert.equal(second.created, false);
        assert.equal(second.document.id, first.document.id);
        assert.equal(second.document.fileName, "碑林.txt");
        assert.equal(first.document.sha256, sha256(bytes));
        assert.equal(first.document.status, "queued");
        assert.equal((await store.listDocuments()).total, 1);
        const original = await store.getOriginal(first.document.id);
        assert.ok(original);
        assert.equal(Buffer.compare(Buffer.from(original), bytes), 0);
      } finally {
        await store.close();
      }
    });

    it("concurrent puts of the same file through several store handles give one record", async () => {
      const spec = await backend.spec();
      const stores = await Promise.all([openStore(spec), openStore(spec), openStore(spec)]);
      try {
        const bytes = readFileSync(seedPath("002"));
        const results = await Promise.all(
          [0, 1, 2, 3, 4, 5].map((i) =>
            stores[i % stores.length]?.putDocument({ bytes, fileName: `上传${i}.txt` }),
          ),
        );
        assert.equal(results.filter((r) => r?.created).length, 1);
        assert.equal(new Set(results.map((r) => r?.document.id)).size, 1);
        assert.equal((await stores[0]?.listDocuments())?.total, 1);
        const blobs = await raw(spec, "SELECT CAST(COUNT(*) AS INTEGER) AS n FROM blobs");
        assert.equal(Number(blobs[0]?.n), 1);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it("an upload interrupted mid-way, or shorter than announced, leaves nothing", async () => {
      const spec = await backend.spec();
      const store = await openStore(spec);
      try {
        const bytes = readFileSync(seedPath("003"));
        async function* broken() {
          yield bytes.subarray(0, 4096);
          yield bytes.subarray(4096, 8192);
          throw new Error("连接中断");
        }
        await assert.rejects(
          store.putDocument({ bytes: broken(), fileName: "断.txt" }),
          /连接中断/,
        );
        await assert.rejects(
          store.putDocument({
            bytes: bytes.subarray(0, 8192),
            size: bytes.length,
            fileName: "短.txt",
          }),
          /文件不完整/,
        );
        assert.equal((await store.listDocuments()).total, 0);
        assert.equal(await store.getDocumentBySha256(sha256(bytes.subarray(0, 8192))), undefined);
        for (const table of ["blobs", "documents", "document_tags"]) {
          const n = await raw(spec, `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table}`);
          assert.equal(Number(n[0]?.n), 0, table);
        }
        // The whole file afterwards is a new document: nothing half-kept stands in its way.
        async function* whole() {
          yield bytes.subarray(0, 4096);
          yield bytes.subarray(4096);
        }
        const put = await store.putDocument({
          bytes: whole(),
          size: bytes.length,
          fileName: "整.txt",
        });
        assert.equal(put.created, true);
        assert.equal(put.document.sha256, sha256(bytes));
      } finally {
        await store.close();
      }
    });

    it("claim → process → done keeps the disclosure, its recognition report and the findings with the rule-set version", async () => {
      const store = await openStore(await backend.spec());
      try {
        const bytes = readFileSync(seedPath("002"));
        const { document: put } = await store.putDocument({ bytes, fileName: "002.txt" });
        const job = await store.claimNext();
        assert.equal(job?.id, put.id);
        assert.equal(job?.attempts, 1);
        assert.equal((await store.getDocument(put.id))?.status, "processing");
        assert.equal(
          await store.claimNext(),
          undefined,
          "a processing document is not claimed twice",
        );
        assert.equal(await store.claim(put.id), undefined);
        if (!job) return;

        const outcome = await processDocument(store, job);
        assert.equal(outcome.status, "done");
        const got = await store.getDocument(put.id);
        assert.ok(got?.disclosure && got.check);
        // The same reading and check done independently of the store.
        const expected = await extractBytes(bytes, "002.txt");
        const report = checkDisclosure(expected);
        assert.equal(got.status, "done");
        assert.equal(got.progress, 1);
        assert.equal(got.year, expected.year);
        assert.equal(got.kind, expected.kind);
        assert.equal(got.format, expected.source.format);
        assert.deepEqual(got.disclosure.report, expected.report);
        assert.equal(got.disclosure.tables.length, expected.tables.length);
        assert.ok(report.findings.length > 0);
        assert.deepEqual(got.findings, report.findings);
        assert.deepEqual(got.summary, report.summary);
        assert.equal(got.check.ruleSetVersion, ruleSetVersion());
        assert.equal(got.check.preset, report.preset);

        const strict = checkDisclosure(got.disclosure, { preset: "strict" });
        await store.saveCheck(put.id, strict, ruleSetVersion());
        const again = await store.getDocument(put.id, { preset: "strict" });
        assert.equal(again?.check?.preset, "strict");
        assert.deepEqual(again?.findings, strict.findings);
        const recommended = await store.getDocument(put.id, { preset: report.preset });
        assert.deepEqual(recommended?.findings, report.findings);
      } finally {
        await store.close();
      }
    });

    it("a crash while processing leaves the document queued, and it is processed after a restart", async () => {
      const spec = await backend.spec();
      const bytes = readFileSync(seedPath("004"));
      const first = await openStore(spec);
      const { document: put } = await first.putDocument({ bytes, fileName: "004.txt" });
      await first.close();

      // Another process claims the document and dies (SIGKILL) in the middle of processing it.
      const script = `
        const { openStore } = await import(${JSON.stringify(STORE_MODULE)});
        const store = await openStore(${JSON.stringify(spec)});
        const job = await store.claimNext();
        await store.markProgress(job.id, 0.3);
        process.stdout.write(job.id);
        process.kill(process.pid, "SIGKILL");`;
      const child = await execFileP(process.execPath, ["--input-type=module", "-e", script]).then(
        () => assert.fail("the worker was to be killed"),
        (e: { signal?: string; stdout?: string }) => e,
      );
      assert.equal(child.signal, "SIGKILL");
      assert.equal(child.stdout, put.id);

      const restarted = await openStore(spec);
      try {
        assert.equal((await restarted.getDocument(put.id))?.status, "processing");
        assert.equal(await restarted.requeueStale(), 1);
        assert.equal((await restarted.getDocument(put.id))?.status, "queued");
        const job = await restarted.claimNext();
        assert.equal(job?.id, put.id);
        assert.equal(job?.attempts, 2);
        if (!job) return;
        const outcome = await processDocument(restarted, job);
        assert.equal(outcome.status, "done");
        const done = await restarted.getDocument(put.id);
        assert.equal(done?.status, "done");
        assert.equal(done?.year, (await extractBytes(bytes)).year);
      } finally {
        await restarted.close();
      }
    });

    it("requeueStale spares live workers' documents and gives up on one that keeps crashing", async () => {
      const store = await openStore(await backend.spec());
      try {
        const { document: put } = await store.putDocument({
          bytes: readFileSync(seedPath("003")),
          fileName: "003.txt",
        });
        await store.claimNext();
        // Just claimed: not stale for processes sharing the store.
        assert.equal(await store.requeueStale({ olderThanMs: 60_000 }), 0);
        assert.equal((await store.getDocument(put.id))?.status, "processing");
        // Each restart finds it processing again (its worker died each time).
        assert.equal(await store.requeueStale({ maxAttempts: 3 }), 1);
        await store.claimNext();
        assert.equal(await store.requeueStale({ maxAttempts: 3 }), 1);
        await store.claimNext();
        assert.equal(await store.requeueStale({ maxAttempts: 3 }), 0);
        const given = await store.getDocument(put.id);
        assert.equal(given?.status, "error");
        assert.match(given?.error ?? "", /中断.*3 次/);
        assert.equal(await store.claimNext(), undefined);
      } finally {
        await store.close();
      }
    });

    it("a document that cannot be read ends as an error with a Chinese message", async () => {
      const store = await openStore(await backend.spec());
      try {
        const bytes = new TextEncoder().encode("会议纪要\n今天讨论了食堂的菜单，没有任何表格。\n");
        await store.putDocument({ bytes, fileName: "纪要.txt" });
        const job = await store.claimNext();
        assert.ok(job);
        const outcome = await processDocument(store, job);
        assert.equal(outcome.status, "error");
        const got = await store.getDocument(job.id);
        assert.equal(got?.status, "error");
        assert.match(got?.error ?? "", /[\u4e00-\u9fff]/);
        assert.doesNotMatch(got?.error ?? "", /内部错误/);
        assert.equal(got?.disclosure, null);
      } finally {
        await store.close();
      }
    });

    describe("a store of the seeds and four real PDFs", () => {
      let spec: string;
      let store: Store;
      const docs = new Map<string, DocumentSummary>();

      before(async () => {
        spec = await backend.spec();
        store = await openStore(spec);
        for (const p of ["000", "001", "002", "003", "004"]) {
          docs.set(p, await stored(store, seedPath(p), { published: p !== "000" }));
        }
        await store.setTags(docs.get("003")?.id ?? "", ["沾益", "抽查"]);
        for (const path of [FINANCE_FINAL_2024, FINANCE_BUDGET_2025, WANLI_2023, WANLI_2024]) {
          docs.set(path, await stored(store, path, { published: true, tags: ["上海"] }));
        }
      });
      after(() => store.close());

      it("one entity across a budget and its final accounts, and across years", async () => {
        const final = docs.get(FINANCE_FINAL_2024);
        const budget = docs.get(FINANCE_BUDGET_2025);
        assert.equal(final?.kind, "final");
        assert.equal(budget?.kind, "budget");
        assert.ok(final?.entityId);
        assert.equal(budget?.entityId, final.entityId);
        const both = await store.listDocuments({ entityId: final.entityId });
        assert.deepEqual(both.items.map((d) => d.kind).sort(), ["budget", "final"]);

        const w23 = docs.get(WANLI_2023);
        const w24 = docs.get(WANLI_2024);
        assert.deepEqual([w23?.year, w24?.year], [2023, 2024]);
        assert.ok(w23?.entityId);
        assert.equal(w24?.entityId, w23.entityId);
        assert.notEqual(w23.entityId, final.entityId);
        const entity = await store.getEntity(w23.entityId);
        assert.equal(entity?.region, "上海市普陀区");
        assert.equal(entity?.government, (await document(WANLI_2023)).disclosure.entity.government);
      });

      it("the two units of 曾都区医疗保障局 belong to one department, however the region is printed", async () => {
        const info = docs.get("000");
        const service = docs.get("002");
        assert.ok(info?.entityId && service?.entityId);
        assert.notEqual(info.entityId, service.entityId);
        const [a, b] = await Promise.all([
          store.getEntity(info.entityId),
          store.getEntity(service.entityId),
        ]);
        // One printed 随州市曾都区…, the other 曾都区…: the same department.
        const printed = [
          (await document(seedPath("000"))).disclosure.entity,
          (await document(seedPath("002"))).disclosure.entity,
        ];
        assert.equal(printed[0]?.parent, printed[1]?.parent);
        assert.ok(a?.parentId);
        assert.equal(b?.parentId, a.parentId);
        const department = await store.getEntity(a.parentId);
        assert.equal(department?.name, printed[0]?.parent);
        assert.equal(department?.level, "department");
        // The fuller region one unit prints is the department's too.
        assert.equal(b?.region, "随州市曾都区");
        assert.equal(department?.region, "随州市曾都区");

        const units = await store.listEntities({ parentId: a.parentId });
        assert.deepEqual(units.map((u) => u.id).sort(), [a.id, b?.id].sort());
        const underDepartment = await store.listDocuments({ parentId: a.parentId });
        assert.deepEqual(
          underDepartment.items.map((d) => d.id).sort(),
          [info.id, service.id].sort(),
        );
        // The same names in other dress find the same records.
        assert.equal((await store.findEntity("曾都区 医疗保障服务中心（单位）"))?.id, b?.id);
        assert.equal((await store.findEntity("湖北省随州市曾都区医疗保障局"))?.id, a.parentId);
        assert.equal((await store.findEntity("医疗保障服务中心"))?.id, b?.id);
      });

      it("searches by entity, region, year, kind, text, tag and published", async () => {
        const all = await store.listDocuments();
        assert.equal(all.total, 9);
        const ids = async (q: Parameters<Store["listDocuments"]>[0]) =>
          (await store.listDocuments(q)).items.map((d) => d.id).sort();
        const id = (k: string) => docs.get(k)?.id ?? "";

        assert.deepEqual(await ids({ region: "曾都区" }), [id("000"), id("002")].sort());
        assert.deepEqual(await ids({ region: "随州市" }), [id("000"), id("002")].sort());
        assert.deepEqual(
          await ids({ region: "普陀区", kind: "budget" }),
          [id(FINANCE_BUDGET_2025), id(WANLI_2023), id(WANLI_2024)].sort(),
        );
        assert.deepEqual(await ids({ year: 2022 }), [id("002")]);
        assert.deepEqual(await ids({ kind: "final", year: 2023 }), [id("003")]);
        assert.deepEqual(await ids({ tag: "抽查" }), [id("003")]);
        assert.equal((await store.listDocuments({ tag: "上海" })).total, 4);
        assert.deepEqual(await ids({ published: false }), [id("000")]);
        // Text: a phrase of the narrative, in full-width letters or not.
        assert.deepEqual(await ids({ text: "医疗保险经办" }), [id("001")]);
        assert.deepEqual(await ids({ text: "万里街道" }), [id(WANLI_2023), id(WANLI_2024)].sort());
        // The reader's % and _ are letters, not wildcards.
        assert.equal((await store.listDocuments({ text: "医疗%中心" })).total, 0);
        assert.equal((await store.listDocuments({ text: "医疗_障" })).total, 0);
        assert.equal((await store.listDocuments({ text: "没有这样的文字一二三" })).total, 0);
        // Pages: total counts every match, items only the page.
        const page = await store.listDocuments({ limit: 4, offset: 4 });
        assert.equal(page.total, 9);
        assert.equal(page.items.length, 4);
        const rest = await store.listDocuments({ limit: 4, offset: 8 });
        assert.equal(rest.items.length, 1);
        const seen = new Set([
          ...(await store.listDocuments({ limit: 4 })).items.map((d) => d.id),
          ...page.items.map((d) => d.id),
          ...rest.items.map((d) => d.id),
        ]);
        assert.equal(seen.size, 9);
        assert.deepEqual(docs.get("003") && (await store.getDocument(id("003")))?.tags, [
          "抽查",
          "沾益",
        ]);
      });

      it("access: anonymous readers see published only, preparers their own drafts, reviewers their region", async () => {
        const unit = docs.get("000");
        assert.ok(unit?.entityId);
        const draft = (await store.getDocument(unit.id)) as DocumentSummary;
        const own = await store.createUser({
          username: `preparer-${backend.name}`,
          password: "填报口令12345",
          role: "preparer",
          entityId: unit.entityId,
        });
        const other = await store.createUser({
          username: `preparer-other-${backend.name}`,
          password: "填报口令12345",
          role: "preparer",
          entityId: docs.get("003")?.entityId ?? null,
        });
        const reviewer = await store.createUser({
          username: `reviewer-${backend.name}`,
          password: "审核口令12345",
          role: "reviewer",
          region: "曾都区",
        });
        const farReviewer = await store.createUser({
          username: `reviewer-far-${backend.name}`,
          password: "审核口令12345",
          role: "reviewer",
          region: "普陀区",
        });
        const admin = await store.createUser({
          username: `admin-${backend.name}`,
          password: "管理口令12345",
          role: "admin",
        });
        const sees = (user: typeof own | undefined) =>
          store.canView(user ? { user } : { anonymous: true }, draft);
        assert.equal(await sees(undefined), false);
        assert.equal(await sees(own), true);
        assert.equal(await sees(other), false);
        assert.equal(await sees(reviewer), true);
        assert.equal(await sees(farReviewer), false);
        assert.equal(await sees(admin), true);

        const anonymous = await store.listDocuments({ viewer: { anonymous: true } });
        assert.equal(anonymous.total, 8);
        assert.ok(anonymous.items.every((d) => d.published));
        assert.equal((await store.listDocuments({ viewer: { user: own } })).total, 9);
        assert.equal((await store.listDocuments({ viewer: { user: other } })).total, 8);
        assert.equal((await store.listDocuments({ viewer: { user: admin } })).total, 9);
        // An upload is its uploader's even before recognition names its entity.
        const { document: upload } = await store.putDocument({
          bytes: new TextEncoder().encode("尚未处理的上传"),
          fileName: "上传.txt",
          uploaderId: other.id,
        });
        assert.equal(await store.canView({ user: other }, upload), true);
        assert.equal(await store.canView({ user: own }, upload), false);
        await store.setPublished(unit.id, true);
        assert.equal(await sees(undefined), true);
        await store.setPublished(unit.id, false);
      });
    });

    it("a document that names no entity (a blank template) is stored without one", async () => {
      const store = await openStore(await backend.spec());
      try {
        const { disclosure } = await document(BLANK_TEMPLATE);
        assert.equal(disclosure.entity.name.trim(), "");
        const doc = await stored(store, BLANK_TEMPLATE);
        assert.equal(doc.status, "done");
        assert.equal(doc.entityId, null);
        assert.equal(doc.entityName, null);
        assert.equal(doc.year, disclosure.year);
        assert.deepEqual(await store.listEntities(), []);
      } finally {
        await store.close();
      }
    });

    it("users: argon2 hashes, wrong passwords refused, tokens stored hashed and expiring", async () => {
      const spec = await backend.spec();
      const store = await openStore(spec);
      try {
        const entity = await store.ensureEntity({ name: "西宁市城东区医疗保障局" });
        const user = await store.createUser({
          username: "审核员甲",
          password: "正确的口令-2026",
          role: "reviewer",
          entityId: entity.id,
          region: "西宁市城东区",
        });
        assert.equal(user.role, "reviewer");
        assert.equal(user.entityId, entity.id);
        await assert.rejects(
          store.createUser({ username: "审核员甲", password: "另一个口令-2026", role: "admin" }),
          /已存在/,
        );
        await assert.rejects(
          store.createUser({ username: "短", password: "1234", role: "admin" }),
          /至少 8/,
        );
        assert.equal((await store.verifyPassword("审核员甲", "正确的口令-2026"))?.id, user.id);
        assert.equal(await store.verifyPassword("审核员甲", "错误的口令-2026"), undefined);
        assert.equal(await store.verifyPassword("没有这个人", "正确的口令-2026"), undefined);

        const stored = await raw(spec, "SELECT password_hash FROM users");
        assert.match(String(stored[0]?.password_hash), /^\$argon2id\$/);

        const session = await store.createSession(user.id);
        assert.equal((await store.verifySession(session.token))?.id, user.id);
        assert.equal(await store.verifySession(`${session.token}x`), undefined);
        const tokens = await raw(spec, "SELECT token_hash FROM sessions");
        assert.equal(tokens.length, 1);
        assert.notEqual(tokens[0]?.token_hash, session.token);
        assert.equal(tokens[0]?.token_hash, sha256(Buffer.from(session.token)));

        const expired = await store.createSession(user.id, -1000);
        assert.equal(await store.verifySession(expired.token), undefined);
        await store.deleteSession(session.token);
        assert.equal(await store.verifySession(session.token), undefined);

        const kept = await store.createSession(user.id);
        await store.setPassword(user.id, "新的口令-2027");
        assert.equal(
          await store.verifySession(kept.token),
          undefined,
          "a new password ends sessions",
        );
        assert.equal(await store.verifyPassword("审核员甲", "正确的口令-2026"), undefined);
        assert.equal((await store.verifyPassword("审核员甲", "新的口令-2027"))?.id, user.id);
      } finally {
        await store.close();
      }
    });

    it("gongkai import and gongkai user add through the real CLI", async () => {
      const spec = await backend.spec();
      const first = await cli(["import", SEEDS_DIR, "--db", spec, "--published", "--tag", "示例"]);
      assert.equal(first.code, 0, first.err);
      const lines = first.out.trim().split("\n");
      assert.equal(lines.filter((l) => l.startsWith("新增")).length, 5, first.out);
      assert.match(lines.at(-1) ?? "", /共 5 个文件：新增 5，已有 0，出错 0/);
      assert.match(first.out, /随州市曾都区医疗保障服务中心 2022 年决算：错误 \d+/);

      const second = await cli(["import", SEEDS_DIR, seedPath("001"), "--db", spec]);
      assert.equal(second.code, 0, second.err);
      assert.match(second.out, /共 6 个文件：新增 0，已有 6，出错 0/);

      const bad = await cli(["import", join(SEEDS_DIR, "没有这个文件.pdf"), "--db", spec]);
      assert.equal(bad.code, 2);
      assert.match(bad.out, /出错.*找不到文件/);

      const added = await cli(
        [
          "user",
          "add",
          "zengdu",
          "--role",
          "preparer",
          "--entity",
          "曾都区医疗保障服务中心",
          "--password-stdin",
          "--db",
          spec,
        ],
        "曾都填报口令-2026\n",
      );
      assert.equal(added.code, 0, added.err);
      assert.match(added.out, /已创建用户 zengdu（填报，单位：随州市曾都区医疗保障服务中心）/);
      const noPassword = await cli(["user", "add", "x", "--role", "admin", "--db", spec]);
      assert.equal(noPassword.code, 2);
      assert.match(noPassword.err, /--password-stdin/);

      const store = await openStore(spec);
      try {
        const docs = await store.listDocuments();
        assert.equal(docs.total, 5);
        assert.ok(docs.items.every((d) => d.status === "done" && d.published));
        assert.ok(docs.items.every((d) => d.tags.includes("示例")));
        const user = await store.verifyPassword("zengdu", "曾都填报口令-2026");
        assert.equal(user?.role, "preparer");
        const mine = await store.listDocuments({ entityId: user?.entityId ?? "" });
        assert.equal(mine.total, 1);
        assert.equal(mine.items[0]?.year, 2022);
      } finally {
        await store.close();
      }
    });

    it("two gongkai import processes of the same file at once give one record", async () => {
      const spec = await backend.spec();
      const file = seedPath("003");
      const runs = await Promise.all([
        cli(["import", file, "--db", spec]),
        cli(["import", file, "--db", spec]),
      ]);
      for (const r of runs) assert.equal(r.code, 0, r.err);
      const added = runs.filter((r) => /^新增/m.test(r.out));
      assert.equal(added.length, 1, runs.map((r) => r.out).join("\n"));
      const store = await openStore(spec);
      try {
        const docs = await store.listDocuments();
        assert.equal(docs.total, 1);
        assert.equal(docs.items[0]?.status, "done");
      } finally {
        await store.close();
      }
    });
  });
}
