/**
 * The Store written once in SQL that both SQLite and PostgreSQL accept, over
 * a small connection interface (`Db`) that each dialect implements
 * (sqlite.ts, postgres.ts). Statements use `?` placeholders; the
 * PostgreSQL connection numbers them. What the dialects spell differently
 * (JSON, flags, the atomic claim) comes from `Dialect`.
 *
 * Content addressing, idempotence and "nothing half-written" rest on the
 * database, not on checks in code: the sha256 is a unique key and every
 * write of more than one row is one transaction.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { CheckReport } from "../check/types.ts";
import { GongkaiError } from "../model/errors.ts";
import type { Disclosure } from "../model/schema.ts";
import { entityKey, normaliseEntityName, normaliseWidth, regionOf } from "./entity-key.ts";
import { MIGRATIONS, SCHEMA_MIGRATIONS_TABLE } from "./migrations.ts";
import { hashPassword, verifyPasswordHash } from "./passwords.ts";
import type {
  ClaimedDocument,
  DocumentPage,
  DocumentQuery,
  DocumentSummary,
  Entity,
  EntityInput,
  EntityQuery,
  NewDocument,
  NewUser,
  ProcessedDocument,
  PutResult,
  Session,
  Store,
  StoredCheck,
  StoredDocument,
  User,
  Viewer,
} from "./types.ts";

export type Param = string | number | boolean | null | Uint8Array;
export type Row = Record<string, unknown>;

/** Statements on one connection (or inside one transaction). */
export interface Sql {
  all(sql: string, params?: readonly Param[]): Promise<Row[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
}

export interface Db extends Sql {
  /** Run fn in one transaction that takes the write lock at once; rolled back if fn throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Dialect {
  name: "sqlite" | "postgres";
  /** The placeholder for a JSON value passed as text. */
  jsonParam: string;
  /** A flag as the dialect stores it. */
  bool(b: boolean): Param;
  /**
   * One statement that moves the oldest queued document to processing and
   * returns it (id, sha256, file_name, attempts); parameters: now, now.
   */
  claimSql: string;
  /** A statement that makes concurrent migrators wait for each other, or null (SQLite's write lock does). */
  migrationLock: string | null;
}

const DEFAULT_SESSION_MS = 7 * 24 * 3600 * 1000;
const MAX_LIST = 1000;
/** Enough narrative to find a document by its words, bounded for huge files. */
const MAX_SEARCH_TEXT = 2_000_000;

const SUMMARY_COLUMNS = `d.id, d.sha256, d.size, d.file_name, d.format, d.uploader_id, d.published,
  d.status, d.progress, d.error, d.attempts, d.entity_id, e.name AS entity_name, e.region,
  d.year, d.kind, d.summary, d.created_at, d.updated_at`;
const FROM_DOCUMENTS = "FROM documents d LEFT JOIN entities e ON e.id = d.entity_id";

function now(): string {
  return new Date().toISOString();
}

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function json<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

/** JSON text without NUL characters (PostgreSQL's JSONB and TEXT refuse them). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "string" ? v.replaceAll("\0", "") : v));
}

/** A LIKE pattern that matches `s` anywhere, with its own % and _ taken literally. */
function contains(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The whole byte stream, or an error when it breaks or falls short of the announced size. */
async function collect(doc: NewDocument): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (doc.bytes instanceof Uint8Array) bytes = doc.bytes;
  else {
    const chunks: Uint8Array[] = [];
    for await (const chunk of doc.bytes) chunks.push(chunk);
    bytes = Buffer.concat(chunks);
  }
  if (doc.size !== undefined && bytes.length !== doc.size) {
    throw new GongkaiError(
      "unreadable",
      `文件不完整：应为 ${doc.size} 字节，只收到 ${bytes.length} 字节，未保存`,
    );
  }
  return bytes;
}

/** Words a reader may search for: names, table titles, the narrative. */
function searchText(d: Disclosure, fileName: string): string {
  const parts = [fileName, d.entity.name, d.entity.parent ?? ""];
  for (const t of d.tables) parts.push(t.title);
  for (const s of d.sections) parts.push(s.heading, s.text);
  return normaliseWidth(parts.join("\n")).slice(0, MAX_SEARCH_TEXT);
}

/** The entity's code where a table lists it by 单位编码 under its own name. */
function printedCode(d: Disclosure): string | null {
  const own = normaliseEntityName(d.entity.name);
  for (const t of d.tables) {
    for (const r of t.rows) {
      if (r.keyKind === "unit" && normaliseEntityName(r.name) === own) return r.key;
    }
  }
  return null;
}

function toSummary(r: Row, tags: string[]): DocumentSummary {
  return {
    id: String(r.id),
    sha256: String(r.sha256),
    size: Number(r.size),
    fileName: String(r.file_name),
    format: str(r.format),
    uploaderId: str(r.uploader_id),
    published: r.published === true || r.published === 1,
    status: r.status as DocumentSummary["status"],
    progress: Number(r.progress),
    error: str(r.error),
    attempts: Number(r.attempts),
    entityId: str(r.entity_id),
    entityName: str(r.entity_name),
    region: str(r.region),
    year: r.year === null || r.year === undefined ? null : Number(r.year),
    kind: (str(r.kind) as DocumentSummary["kind"]) ?? null,
    tags,
    summary: json<CheckReport["summary"]>(r.summary),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function toClaimed(r: Row | undefined): ClaimedDocument | undefined {
  if (!r) return undefined;
  return {
    id: String(r.id),
    sha256: String(r.sha256),
    fileName: String(r.file_name),
    attempts: Number(r.attempts),
  };
}

function toEntity(r: Row): Entity {
  return {
    id: String(r.id),
    key: String(r.key),
    name: String(r.name),
    code: str(r.code),
    parentId: str(r.parent_id),
    parentName: str(r.parent_name),
    region: str(r.region),
    level: (str(r.level) as Entity["level"]) ?? null,
    government: (str(r.government) as Entity["government"]) ?? null,
  };
}

function toUser(r: Row): User {
  return {
    id: String(r.id),
    username: String(r.username),
    role: r.role as User["role"],
    entityId: str(r.entity_id),
    region: str(r.region),
    createdAt: iso(r.created_at),
  };
}

/** Conditions and their parameters, joined with AND. */
class Where {
  readonly parts: string[] = [];
  readonly params: Param[] = [];
  add(sql: string, ...params: Param[]): void {
    this.parts.push(sql);
    this.params.push(...params);
  }
  toString(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.map((p) => `(${p})`).join(" AND ")}` : "";
  }
}

export class SqlStore implements Store {
  readonly dialect: "sqlite" | "postgres";
  readonly location: string;
  readonly #db: Db;
  readonly #d: Dialect;

  constructor(db: Db, dialect: Dialect, location: string) {
    this.#db = db;
    this.#d = dialect;
    this.dialect = dialect.name;
    this.location = location;
  }

  // ───────────── migrations ─────────────

  /** Apply every migration not yet recorded, each atomically. Safe to run from two processes at once. */
  async migrate(): Promise<void> {
    for (const m of MIGRATIONS) {
      await this.#db.transaction(async (tx) => {
        if (this.#d.migrationLock) await tx.run(this.#d.migrationLock);
        await tx.run(SCHEMA_MIGRATIONS_TABLE);
        const done = await tx.all("SELECT version FROM schema_migrations WHERE version = ?", [
          m.version,
        ]);
        if (done.length > 0) return;
        for (const statement of splitStatements(this.#d.name === "sqlite" ? m.sqlite : m.postgres))
          await tx.run(statement);
        await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
          m.version,
          m.name,
          now(),
        ]);
      });
    }
  }

  async schemaVersion(): Promise<number> {
    const rows = await this.#db.all(
      "SELECT CAST(COALESCE(MAX(version), 0) AS INTEGER) AS v FROM schema_migrations",
    );
    return Number(rows[0]?.v ?? 0);
  }

  // ───────────── documents ─────────────

  async putDocument(doc: NewDocument): Promise<PutResult> {
    const bytes = await collect(doc);
    const sha256 = sha256Hex(bytes);
    const existing = await this.getDocumentBySha256(sha256);
    if (existing) return { document: existing, created: false };
    const id = randomUUID();
    const at = now();
    const created = await this.#db.transaction(async (tx) => {
      await tx.run(
        "INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
        [sha256, bytes.length, bytes],
      );
      // The unique sha256 decides between two puts of the same bytes: the loser inserts nothing.
      const inserted = await tx.all(
        `INSERT INTO documents (id, sha256, size, file_name, format, uploader_id, published,
           status, progress, attempts, entity_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, 0, ?, ?, ?)
         ON CONFLICT (sha256) DO NOTHING RETURNING id`,
        [
          id,
          sha256,
          bytes.length,
          doc.fileName,
          doc.format ?? null,
          doc.uploaderId ?? null,
          this.#d.bool(doc.published ?? false),
          doc.entityId ?? null,
          at,
          at,
        ],
      );
      if (inserted.length === 0) return false;
      for (const tag of new Set(doc.tags ?? [])) {
        await tx.run("INSERT INTO document_tags (document_id, tag) VALUES (?, ?)", [id, tag]);
      }
      return true;
    });
    const document = await this.getDocumentBySha256(sha256);
    if (!document) throw new Error(`document ${sha256} vanished after put`);
    return { document, created };
  }

  async #summaries(where: Where, tail = "", extra: Param[] = []): Promise<DocumentSummary[]> {
    const rows = await this.#db.all(
      `SELECT ${SUMMARY_COLUMNS} ${FROM_DOCUMENTS} ${where} ${tail}`,
      [...where.params, ...extra],
    );
    const tags = await this.#tagsOf(rows.map((r) => String(r.id)));
    return rows.map((r) => toSummary(r, tags.get(String(r.id)) ?? []));
  }

  async #tagsOf(ids: string[]): Promise<Map<string, string[]>> {
    const byId = new Map<string, string[]>();
    if (ids.length === 0) return byId;
    const rows = await this.#db.all(
      `SELECT document_id, tag FROM document_tags WHERE document_id IN (${ids.map(() => "?").join(", ")}) ORDER BY tag`,
      ids,
    );
    for (const r of rows) {
      const id = String(r.document_id);
      byId.set(id, [...(byId.get(id) ?? []), String(r.tag)]);
    }
    return byId;
  }

  async getDocumentBySha256(sha256: string): Promise<DocumentSummary | undefined> {
    const w = new Where();
    w.add("d.sha256 = ?", sha256);
    return (await this.#summaries(w))[0];
  }

  async getSummary(id: string): Promise<DocumentSummary | undefined> {
    const w = new Where();
    w.add("d.id = ?", id);
    return (await this.#summaries(w))[0];
  }

  async getCheck(id: string, preset?: string): Promise<StoredCheck | undefined> {
    const [c] = await this.#db.all(
      `SELECT preset, rule_set_version, report, checked_at FROM document_checks
       WHERE document_id = ? ${preset ? "AND preset = ?" : ""} ORDER BY checked_at DESC LIMIT 1`,
      preset ? [id, preset] : [id],
    );
    if (!c) return undefined;
    return {
      report: json<CheckReport>(c.report) as CheckReport,
      preset: String(c.preset),
      ruleSetVersion: String(c.rule_set_version),
      checkedAt: iso(c.checked_at),
    };
  }

  async getDocument(
    id: string,
    opts: { preset?: string } = {},
  ): Promise<StoredDocument | undefined> {
    const summary = await this.getSummary(id);
    if (!summary) return undefined;
    const [row] = await this.#db.all("SELECT disclosure FROM documents WHERE id = ?", [id]);
    const check = (await this.getCheck(id, opts.preset)) ?? null;
    return {
      ...summary,
      disclosure: json<Disclosure>(row?.disclosure),
      check,
      findings: check?.report.findings ?? [],
    };
  }

  async getOriginal(id: string): Promise<Uint8Array | undefined> {
    const rows = await this.#db.all(
      "SELECT b.bytes FROM documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = ?",
      [id],
    );
    const b = rows[0]?.bytes;
    return b instanceof Uint8Array
      ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
      : undefined;
  }

  /** The viewer's access rule as one condition (see Viewer in types.ts). */
  #visibleTo(w: Where, viewer: Viewer): void {
    const published = `d.published = ${this.#d.name === "sqlite" ? "1" : "TRUE"}`;
    if (viewer.anonymous) {
      w.add(published);
      return;
    }
    const u = viewer.user;
    if (u.role === "admin") return;
    const [mine, params] = this.#scope(u);
    w.add([published, ...mine].join(" OR "), ...params);
  }

  /** The user's own scope (not admin) as alternative conditions and their parameters. */
  #scope(u: User): [string[], Param[]] {
    const mine = ["d.uploader_id = ?"];
    const params: Param[] = [u.id];
    if (u.entityId) {
      mine.push("d.entity_id = ?");
      params.push(u.entityId);
    }
    if (u.role === "reviewer") {
      if (u.entityId) {
        mine.push("e.parent_id = ?");
        params.push(u.entityId);
      }
      if (u.region) {
        mine.push("LOWER(e.region) LIKE ? ESCAPE '\\'");
        params.push(contains(u.region));
      }
    }
    return [mine, params];
  }

  #where(q: DocumentQuery): Where {
    const w = new Where();
    if (q.entityId) w.add("d.entity_id = ?", q.entityId);
    if (q.parentId) w.add("d.entity_id = ? OR e.parent_id = ?", q.parentId, q.parentId);
    if (q.region) w.add("LOWER(e.region) LIKE ? ESCAPE '\\'", contains(normaliseWidth(q.region)));
    if (q.year !== undefined) w.add("d.year = ?", q.year);
    if (q.kind) w.add("d.kind = ?", q.kind);
    if (q.status) w.add("d.status = ?", q.status);
    if (q.published !== undefined) w.add("d.published = ?", this.#d.bool(q.published));
    if (q.tag)
      w.add(
        "EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = ?)",
        q.tag,
      );
    if (q.text) {
      const pattern = contains(normaliseWidth(q.text));
      w.add(
        "LOWER(d.search_text) LIKE ? ESCAPE '\\' OR LOWER(d.file_name) LIKE ? ESCAPE '\\'",
        pattern,
        pattern,
      );
    }
    if (q.viewer) this.#visibleTo(w, q.viewer);
    return w;
  }

  async listDocuments(q: DocumentQuery = {}): Promise<DocumentPage> {
    const w = this.#where(q);
    const limit = Math.max(0, Math.min(q.limit ?? 100, MAX_LIST));
    const offset = Math.max(0, q.offset ?? 0);
    const items = await this.#summaries(
      w,
      "ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?",
      [limit, offset],
    );
    const counted = await this.#db.all(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n ${FROM_DOCUMENTS} ${w}`,
      w.params,
    );
    return { items, total: Number(counted[0]?.n ?? 0) };
  }

  async inScope(user: User, doc: DocumentSummary): Promise<boolean> {
    if (user.role === "admin") return true;
    const w = new Where();
    w.add("d.id = ?", doc.id);
    const [mine, params] = this.#scope(user);
    w.add(mine.join(" OR "), ...params);
    const rows = await this.#db.all(`SELECT d.id ${FROM_DOCUMENTS} ${w}`, w.params);
    return rows.length > 0;
  }

  async canView(viewer: Viewer, doc: DocumentSummary): Promise<boolean> {
    const w = new Where();
    w.add("d.id = ?", doc.id);
    this.#visibleTo(w, viewer);
    const rows = await this.#db.all(`SELECT d.id ${FROM_DOCUMENTS} ${w}`, w.params);
    return rows.length > 0;
  }

  async setPublished(id: string, published: boolean): Promise<void> {
    await this.#db.run("UPDATE documents SET published = ?, updated_at = ? WHERE id = ?", [
      this.#d.bool(published),
      now(),
      id,
    ]);
  }

  async setTags(id: string, tags: readonly string[]): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.run("DELETE FROM document_tags WHERE document_id = ?", [id]);
      for (const tag of new Set(tags))
        await tx.run("INSERT INTO document_tags (document_id, tag) VALUES (?, ?)", [id, tag]);
    });
  }

  async #saveCheckIn(tx: Sql, id: string, check: CheckReport, version: string, at: string) {
    await tx.run(
      `INSERT INTO document_checks (document_id, preset, rule_set_version, report, checked_at)
       VALUES (?, ?, ?, ${this.#d.jsonParam}, ?)
       ON CONFLICT (document_id, preset) DO UPDATE SET rule_set_version = excluded.rule_set_version,
         report = excluded.report, checked_at = excluded.checked_at`,
      [id, check.preset, version, toJson(check), at],
    );
    await tx.run(
      `UPDATE documents SET summary = ${this.#d.jsonParam}, updated_at = ? WHERE id = ?`,
      [toJson(check.summary), at, id],
    );
  }

  async saveCheck(id: string, check: CheckReport, ruleSetVersion: string): Promise<void> {
    await this.#db.transaction((tx) => this.#saveCheckIn(tx, id, check, ruleSetVersion, now()));
  }

  // ───────────── background processing ─────────────

  async claimNext(): Promise<ClaimedDocument | undefined> {
    const at = now();
    const rows = await this.#db.transaction((tx) => tx.all(this.#d.claimSql, [at, at]));
    return toClaimed(rows[0]);
  }

  async claim(id: string): Promise<ClaimedDocument | undefined> {
    const at = now();
    // The status condition is the lock: of two claimers, only one changes the row.
    const rows = await this.#db.transaction((tx) =>
      tx.all(
        `UPDATE documents SET status = 'processing', attempts = attempts + 1, progress = 0,
           error = NULL, claimed_at = ?, updated_at = ?
         WHERE id = ? AND status = 'queued' RETURNING id, sha256, file_name, attempts`,
        [at, at, id],
      ),
    );
    return toClaimed(rows[0]);
  }

  async reclaim(id: string): Promise<ClaimedDocument | undefined> {
    const at = now();
    const rows = await this.#db.transaction((tx) =>
      tx.all(
        `UPDATE documents SET status = 'processing', attempts = attempts + 1, progress = 0,
           error = NULL, claimed_at = ?, updated_at = ?
         WHERE id = ? RETURNING id, sha256, file_name, attempts`,
        [at, at, id],
      ),
    );
    return toClaimed(rows[0]);
  }

  async markProgress(id: string, progress: number): Promise<void> {
    const p = Math.max(0, Math.min(1, progress));
    await this.#db.run(
      "UPDATE documents SET progress = ?, updated_at = ? WHERE id = ? AND status = 'processing'",
      [p, now(), id],
    );
  }

  async markDone(id: string, result: ProcessedDocument): Promise<void> {
    const d = result.disclosure;
    const at = now();
    await this.#db.transaction(async (tx) => {
      const [doc] = await tx.all("SELECT file_name FROM documents WHERE id = ?", [id]);
      if (!doc) throw new Error(`no document ${id}`);
      // A blank template names no entity: the document stays without one.
      const entity =
        normaliseEntityName(d.entity.name) === ""
          ? null
          : await this.#ensureEntityIn(tx, {
              name: d.entity.name,
              parentName: d.entity.parent,
              code: printedCode(d),
              level: d.entity.level ?? null,
              government: d.entity.government ?? null,
            });
      await tx.run(
        `UPDATE documents SET status = 'done', progress = 1, error = NULL,
           disclosure = ${this.#d.jsonParam}, search_text = ?, entity_id = ?, year = ?, kind = ?,
           format = ?, updated_at = ?
         WHERE id = ?`,
        [
          toJson(d),
          searchText(d, String(doc.file_name)),
          entity?.id ?? null,
          d.year,
          d.kind,
          d.source.format,
          at,
          id,
        ],
      );
      await this.#saveCheckIn(tx, id, result.check, result.ruleSetVersion, at);
    });
  }

  async markError(id: string, message: string): Promise<void> {
    await this.#db.run(
      "UPDATE documents SET status = 'error', error = ?, updated_at = ? WHERE id = ?",
      [message, now(), id],
    );
  }

  async requeue(id: string): Promise<void> {
    await this.#db.run(
      `UPDATE documents SET status = 'queued', progress = 0, error = NULL, attempts = 0,
         claimed_at = NULL, updated_at = ? WHERE id = ?`,
      [now(), id],
    );
  }

  async requeueStale(opts: { olderThanMs?: number; maxAttempts?: number } = {}): Promise<number> {
    const maxAttempts = opts.maxAttempts ?? 3;
    const at = now();
    const cutoff =
      opts.olderThanMs === undefined ? null : new Date(Date.now() - opts.olderThanMs).toISOString();
    const stale = cutoff === null ? "" : "AND updated_at < ?";
    return this.#db.transaction(async (tx) => {
      // A document that took its worker down this many times would take the next one down too.
      await tx.run(
        `UPDATE documents SET status = 'error', error = ?, updated_at = ?
         WHERE status = 'processing' AND attempts >= ? ${stale}`,
        [
          `处理中断已达 ${maxAttempts} 次，不再自动重试`,
          at,
          maxAttempts,
          ...(cutoff ? [cutoff] : []),
        ],
      );
      return tx.run(
        `UPDATE documents SET status = 'queued', progress = 0, claimed_at = NULL, updated_at = ?
         WHERE status = 'processing' ${stale}`,
        [at, ...(cutoff ? [cutoff] : [])],
      );
    });
  }

  // ───────────── entities ─────────────

  async #ensureEntityIn(tx: Sql, input: EntityInput): Promise<Entity> {
    const name = normaliseEntityName(input.name);
    const parentName = input.parentName ? normaliseEntityName(input.parentName) : null;
    const key = entityKey(name, parentName);
    const own = regionOf(name) ?? (parentName ? regionOf(parentName) : null);
    // A hint that spells the same region more fully (随州市曾都区 for 曾都区) is kept.
    const hint = input.region ? normaliseWidth(input.region) : null;
    let region =
      own && hint && hint.length > own.length && hint.endsWith(own) ? hint : (own ?? hint);
    let parentId: string | null = null;
    if (parentName && entityKey(parentName) !== key) {
      const parent = await this.#ensureEntityIn(tx, {
        name: parentName,
        level: "department",
        government: input.government ?? null,
        region,
      });
      parentId = parent.id;
      // The department may already know the region more fully than this name prints it.
      if (
        parent.region &&
        (region === null ||
          (parent.region.length > region.length && parent.region.endsWith(region)))
      )
        region = parent.region;
    }
    const at = now();
    await tx.run(
      `INSERT INTO entities (id, key, name, code, parent_id, parent_name, region, level, government,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
      [
        randomUUID(),
        key,
        name,
        input.code ?? null,
        parentId,
        parentName,
        region,
        input.level ?? null,
        input.government ?? null,
        at,
        at,
      ],
    );
    const [row] = await tx.all("SELECT * FROM entities WHERE key = ?", [key]);
    if (!row) throw new Error(`entity ${key} vanished`);
    const e = toEntity(row);
    // Fill what earlier documents did not print; prefer the fuller region (随州市曾都区 over 曾都区).
    const fuller = region !== null && (e.region === null || region.length > e.region.length);
    const fills =
      (e.code === null && input.code) ||
      (e.parentId === null && parentId) ||
      (e.level === null && input.level) ||
      (e.government === null && input.government) ||
      fuller;
    if (!fills) return e;
    await tx.run(
      `UPDATE entities SET code = COALESCE(code, ?), parent_id = COALESCE(parent_id, ?),
         parent_name = COALESCE(parent_name, ?), level = COALESCE(level, ?),
         government = COALESCE(government, ?), region = ?, name = ?, updated_at = ?
       WHERE id = ?`,
      [
        input.code ?? null,
        parentId,
        parentName,
        input.level ?? null,
        input.government ?? null,
        fuller ? region : e.region,
        fuller ? name : e.name,
        at,
        e.id,
      ],
    );
    if (fuller && region) await this.#spreadRegion(tx, e.id, region);
    const [updated] = await tx.all("SELECT * FROM entities WHERE id = ?", [e.id]);
    return toEntity(updated ?? row);
  }

  /** A department's fuller region is its units' too (曾都区 → 随州市曾都区), where they print less. */
  async #spreadRegion(tx: Sql, parentId: string, region: string): Promise<void> {
    const units = await tx.all("SELECT id, region FROM entities WHERE parent_id = ?", [parentId]);
    for (const u of units) {
      const own = str(u.region);
      if (own !== null && own.length >= region.length) continue;
      if (own !== null && !region.endsWith(own)) continue;
      await tx.run("UPDATE entities SET region = ?, updated_at = ? WHERE id = ?", [
        region,
        now(),
        String(u.id),
      ]);
    }
  }

  ensureEntity(input: EntityInput): Promise<Entity> {
    return this.#db.transaction((tx) => this.#ensureEntityIn(tx, input));
  }

  async findEntity(name: string): Promise<Entity | undefined> {
    const [row] = await this.#db.all("SELECT * FROM entities WHERE key = ?", [entityKey(name)]);
    if (row) return toEntity(row);
    // A name printed without its region: the one entity of that name in any region.
    const bare = entityKey(name).split("|")[1] ?? "";
    const rows = await this.#db.all("SELECT * FROM entities WHERE key LIKE ? ESCAPE '\\'", [
      `%|${bare.replace(/[\\%_]/g, (c) => `\\${c}`)}`,
    ]);
    return rows.length === 1 && rows[0] ? toEntity(rows[0]) : undefined;
  }

  async getEntity(id: string): Promise<Entity | undefined> {
    const [row] = await this.#db.all("SELECT * FROM entities WHERE id = ?", [id]);
    return row ? toEntity(row) : undefined;
  }

  async listEntities(q: EntityQuery = {}): Promise<Entity[]> {
    const w = new Where();
    if (q.region) w.add("LOWER(region) LIKE ? ESCAPE '\\'", contains(normaliseWidth(q.region)));
    if (q.parentId) w.add("parent_id = ?", q.parentId);
    if (q.text) w.add("LOWER(name) LIKE ? ESCAPE '\\'", contains(normaliseWidth(q.text)));
    const rows = await this.#db.all(`SELECT * FROM entities ${w} ORDER BY name, id`, w.params);
    return rows.map(toEntity);
  }

  // ───────────── users and sessions ─────────────

  async createUser(user: NewUser): Promise<User> {
    const name = user.username.trim();
    if (!name) throw new GongkaiError("invalid", "用户名不能为空");
    if (user.password.length < 8) throw new GongkaiError("invalid", "密码至少 8 个字符");
    const hash = await hashPassword(user.password);
    const id = randomUUID();
    const rows = await this.#db.all(
      `INSERT INTO users (id, username, password_hash, role, entity_id, region, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [id, name, hash, user.role, user.entityId ?? null, user.region ?? null, now()],
    );
    if (rows.length === 0) throw new GongkaiError("conflict", `用户“${name}”已存在`);
    const created = await this.getUser(id);
    if (!created) throw new Error(`user ${id} vanished`);
    return created;
  }

  async getUser(id: string): Promise<User | undefined> {
    const [row] = await this.#db.all("SELECT * FROM users WHERE id = ?", [id]);
    return row ? toUser(row) : undefined;
  }

  async getUserByName(username: string): Promise<User | undefined> {
    const [row] = await this.#db.all("SELECT * FROM users WHERE username = ?", [username.trim()]);
    return row ? toUser(row) : undefined;
  }

  async listUsers(): Promise<User[]> {
    return (await this.#db.all("SELECT * FROM users ORDER BY username")).map(toUser);
  }

  async verifyPassword(username: string, password: string): Promise<User | undefined> {
    const [row] = await this.#db.all("SELECT * FROM users WHERE username = ?", [username.trim()]);
    // An unknown name costs a hash too, so timing does not tell which names exist.
    const ok = await verifyPasswordHash(row ? String(row.password_hash) : undefined, password);
    return row && ok ? toUser(row) : undefined;
  }

  async setPassword(userId: string, password: string): Promise<void> {
    if (password.length < 8) throw new GongkaiError("invalid", "密码至少 8 个字符");
    const hash = await hashPassword(password);
    await this.#db.transaction(async (tx) => {
      await tx.run("UPDATE users SET password_hash = ? WHERE id = ?", [hash, userId]);
      // A new password ends every session signed in with the old one.
      await tx.run("DELETE FROM sessions WHERE user_id = ?", [userId]);
    });
  }

  async createSession(userId: string, ttlMs = DEFAULT_SESSION_MS): Promise<Session> {
    const token = randomBytes(32).toString("base64url");
    const at = now();
    const expiresAt = new Date(Date.now() + ttlMs).toISOString();
    await this.#db.transaction(async (tx) => {
      await tx.run("DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?", [userId, at]);
      await tx.run(
        "INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)",
        [sha256Hex(token), userId, expiresAt, at],
      );
    });
    return { token, userId, expiresAt };
  }

  async verifySession(token: string): Promise<User | undefined> {
    if (!token) return undefined;
    const [row] = await this.#db.all(
      `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
      [sha256Hex(token), now()],
    );
    return row ? toUser(row) : undefined;
  }

  async deleteSession(token: string): Promise<void> {
    await this.#db.run("DELETE FROM sessions WHERE token_hash = ?", [sha256Hex(token)]);
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}

/** A migration's statements, one by one (the SQL holds no semicolons inside strings). */
function splitStatements(sql: string): string[] {
  return sql
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
