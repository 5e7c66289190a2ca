/**
 * The store: one repository interface, two implementations (node:sqlite in
 * sqlite.ts, the default; PostgreSQL in postgres.ts). Everything the CLI,
 * the server, the job workers and the analyses keep goes through `Store`;
 * nothing above this layer writes SQL.
 *
 * What is kept, and the guarantees both implementations give:
 * - the original file, content-addressed by sha256 and never altered: the
 *   same bytes are the same document (a unique key decides, so two
 *   concurrent puts of one file give one record); a put that fails part-way
 *   (the byte stream breaks, fewer bytes than announced) leaves nothing;
 * - the recognised Disclosure (with its recognition report in
 *   `disclosure.report`), the check report with the version of the rule set
 *   that produced it, tags;
 * - the entity, matched across years and between a budget and its final
 *   accounts by a normalised key (see entity-key.ts);
 * - users with argon2 password hashes, and sessions stored as token hashes;
 * - a job queue: queued → processing (claimed atomically) → done | error;
 *   a crash while processing leaves the document to requeueStale(), run at
 *   start, so it is processed again after a restart.
 *
 * Ids are opaque strings. Times are ISO 8601 strings (UTC).
 */
import type { CheckReport, Finding } from "../check/types.ts";
import type { Disclosure, Kind } from "../model/schema.ts";

export type DocumentStatus = "queued" | "processing" | "done" | "error";

/** 管理 / 审核 / 填报. */
export type Role = "admin" | "reviewer" | "preparer";
export const ROLES: readonly Role[] = ["admin", "reviewer", "preparer"];
export const ROLE_NAMES: Record<Role, string> = {
  admin: "管理",
  reviewer: "审核",
  preparer: "填报",
};

/** Administrative level of government (as in the model's Entity.government). */
export type Government = NonNullable<Disclosure["entity"]["government"]>;

// ───────────────────────────── entities ─────────────────────────────

/**
 * A department or unit, one record across all its years and both kinds.
 * Two names are the same entity when their `key` is equal: region tail +
 * name without year, 部门/单位 suffix words, whitespace or width differences
 * (随州市曾都区医疗保障服务中心 and 曾都区医疗保障服务中心（单位） are one).
 */
export interface Entity {
  id: string;
  /** The matching key (entity-key.ts: `entityKey`). Unique. */
  key: string;
  /** The name as last printed, normalised (width, whitespace, year and suffix words removed). */
  name: string;
  /** The entity's code where a document prints one (单位代码 / 部门编码), else null. */
  code: string | null;
  /** The department this unit belongs to (an entity itself), or null for a department. */
  parentId: string | null;
  /** The printed name of that department, kept even before its record links. */
  parentName: string | null;
  /** The administrative region the name starts with, e.g. 随州市曾都区, or null when none is printed. */
  region: string | null;
  /** 部门 (with units) or 单位. */
  level: "department" | "unit" | null;
  government: Government | null;
}

export interface EntityInput {
  name: string;
  parentName?: string | null;
  code?: string | null;
  level?: "department" | "unit" | null;
  government?: Government | null;
  region?: string | null;
}

export interface EntityQuery {
  /** Region prefix or any part of it (曾都区 matches 随州市曾都区). */
  region?: string;
  parentId?: string;
  /** Substring of the name. */
  text?: string;
}

// ───────────────────────────── documents ─────────────────────────────

/** What a caller hands to put(). */
export interface NewDocument {
  /**
   * The original bytes. A stream is read to its end before anything is
   * written; if it throws, or `size` is given and differs, nothing is kept.
   */
  bytes: Uint8Array | AsyncIterable<Uint8Array>;
  /** The byte count the sender announced (Content-Length, multipart size), when known. */
  size?: number;
  fileName: string;
  /** Sniffed container format (pdf, zip, ole, html, text) until recognition names it. */
  format?: string | null;
  /** User id of the uploader, or null for the command line. */
  uploaderId?: string | null;
  /** The entity the uploader files for (a 填报 user's own), until recognition names it. */
  entityId?: string | null;
  /** Published documents are visible to anonymous readers; drafts are not. Default false. */
  published?: boolean;
  tags?: readonly string[];
}

export interface PutResult {
  document: DocumentSummary;
  /** False when these bytes were already stored (the existing record is returned unchanged). */
  created: boolean;
}

/** A document without its bytes, disclosure or findings: what lists return. */
export interface DocumentSummary {
  id: string;
  sha256: string;
  size: number;
  fileName: string;
  /** Container format at upload, then the recognised source format (text, markdown, pdf, xlsx, docx, html). */
  format: string | null;
  uploaderId: string | null;
  published: boolean;
  status: DocumentStatus;
  /** 0–1 while processing; 1 when done. */
  progress: number;
  /** Chinese message when status is error, else null. */
  error: string | null;
  /** How many times a worker claimed it (a document that keeps crashing its worker stops after a few). */
  attempts: number;
  entityId: string | null;
  /** Denormalised for lists: the entity's name and region, when known. */
  entityName: string | null;
  region: string | null;
  year: number | null;
  kind: Kind | null;
  tags: string[];
  /** Summary of the latest check: counts by severity, or null before one. */
  summary: CheckReport["summary"] | null;
  createdAt: string;
  updatedAt: string;
}

/** One check of a stored disclosure. */
export interface StoredCheck {
  /** The report as `gongkai check --format json` gives it for one document. */
  report: CheckReport;
  preset: string;
  /** `ruleSetVersion()` from src/check/version.ts at the time of the check. */
  ruleSetVersion: string;
  checkedAt: string;
}

export interface StoredDocument extends DocumentSummary {
  /** The recognised disclosure (with `report`, the recognition report); null until done. */
  disclosure: Disclosure | null;
  /** The latest check (or the asked preset's); null until done. */
  check: StoredCheck | null;
  /** Shorthand for check.report.findings ([] before a check). */
  findings: Finding[];
}

/**
 * Who asks: the store filters lists (and the server single reads) by it.
 * Anonymous: published only. 管理: everything. 审核: published, and every
 * document whose entity is in its region (prefix) or is, or belongs to, its
 * entity. 填报: published, and its own entity's documents and its own uploads.
 */
export type Viewer = { anonymous: true } | { anonymous?: false; user: User };

export interface DocumentQuery {
  entityId?: string;
  /** Also the units of this department. */
  parentId?: string;
  /** Region substring (曾都区 matches 随州市曾都区). */
  region?: string;
  year?: number;
  kind?: Kind;
  status?: DocumentStatus;
  published?: boolean;
  tag?: string;
  /** Substring of the file name, entity name, table titles or narrative text. */
  text?: string;
  /** Apply access rules for this viewer; no viewer: no filter (library and CLI use). */
  viewer?: Viewer;
  /** Newest first. Default limit 100, at most 1000. */
  limit?: number;
  offset?: number;
}

export interface DocumentPage {
  items: DocumentSummary[];
  /** Matches before limit/offset. */
  total: number;
}

/** What a worker got from claimNext(). */
export interface ClaimedDocument {
  id: string;
  sha256: string;
  fileName: string;
  attempts: number;
}

/** What processing produced, handed to markDone(). */
export interface ProcessedDocument {
  disclosure: Disclosure;
  /** The check report (`gongkai check --format json` shape for one document). */
  check: CheckReport;
  ruleSetVersion: string;
}

// ───────────────────────────── users ─────────────────────────────

export interface User {
  id: string;
  username: string;
  role: Role;
  entityId: string | null;
  region: string | null;
  createdAt: string;
}

export interface NewUser {
  username: string;
  /** Plain password: hashed with argon2id before it is stored, never kept. */
  password: string;
  role: Role;
  entityId?: string | null;
  region?: string | null;
}

export interface Session {
  /** The bearer token: returned once, only its sha256 is stored. */
  token: string;
  userId: string;
  expiresAt: string;
}

// ───────────────────────────── the store ─────────────────────────────

export interface Store {
  /** "sqlite" or "postgres". */
  readonly dialect: "sqlite" | "postgres";
  /** Where it is: a file path, or the URL without its password. */
  readonly location: string;

  // documents
  /** Keep the original bytes; idempotent by sha256 (see NewDocument.bytes). New documents are queued. */
  putDocument(doc: NewDocument): Promise<PutResult>;
  getDocument(id: string, opts?: { preset?: string }): Promise<StoredDocument | undefined>;
  getDocumentBySha256(sha256: string): Promise<DocumentSummary | undefined>;
  /** The document without its disclosure and findings (what a list gives), by id. */
  getSummary(id: string): Promise<DocumentSummary | undefined>;
  /**
   * The latest check of a document (of this preset, when given) without the
   * disclosure: what a batch needs to know whether a document is already
   * checked by this rule set, and to count its findings.
   */
  getCheck(id: string, preset?: string): Promise<StoredCheck | undefined>;
  /** The original bytes, exactly as put. */
  getOriginal(id: string): Promise<Uint8Array | undefined>;
  listDocuments(query?: DocumentQuery): Promise<DocumentPage>;
  /** Whether this viewer may see this document (the same rules as DocumentQuery.viewer). */
  canView(viewer: Viewer, doc: DocumentSummary): Promise<boolean>;
  /**
   * Whether this document is within the user's own scope, published or not:
   * 管理 everything; 审核 its region or department; 填报 its own entity and
   * uploads. What the user may change (publish, withdraw), not only see.
   */
  inScope(user: User, doc: DocumentSummary): Promise<boolean>;
  setPublished(id: string, published: boolean): Promise<void>;
  setTags(id: string, tags: readonly string[]): Promise<void>;
  /** Add a check (another preset, or a newer rule set) of a processed document. */
  saveCheck(id: string, check: CheckReport, ruleSetVersion: string): Promise<void>;

  // background processing
  /** Atomically move the oldest queued document to processing; undefined when none is queued. */
  claimNext(): Promise<ClaimedDocument | undefined>;
  /** Atomically move this document to processing if it is queued (an importer working on its own files). */
  claim(id: string): Promise<ClaimedDocument | undefined>;
  /**
   * Move this document to processing whatever its state, for a job queue
   * that holds its own lease (pg-boss): when it hands the document's job to a
   * worker again, the worker that had it is gone, so the new one takes the
   * document over. Undefined when there is no such document.
   */
  reclaim(id: string): Promise<ClaimedDocument | undefined>;
  /** Progress 0–1 of a processing document (also tells requeueStale it is alive). */
  markProgress(id: string, progress: number): Promise<void>;
  /** Store the disclosure and its check, match its entity, and set status done. */
  markDone(id: string, result: ProcessedDocument): Promise<void>;
  /** Status error with a Chinese message. */
  markError(id: string, message: string): Promise<void>;
  /** Move the document back to the queue (e.g. re-process after a reader fix). */
  requeue(id: string): Promise<void>;
  /**
   * Run at start: documents left processing by a crash go back to the queue
   * (or to error after `maxAttempts` claims). With one process per store
   * (the SQLite default) every processing document is stale; processes
   * sharing a PostgreSQL store pass `olderThanMs` so live workers' documents
   * (their markProgress is recent) stay theirs. Returns how many were requeued.
   */
  requeueStale(opts?: { olderThanMs?: number; maxAttempts?: number }): Promise<number>;

  // entities
  /** The entity with this name's key, created (or its missing fields filled) as needed. */
  ensureEntity(input: EntityInput): Promise<Entity>;
  /** The entity whose key matches this name, if stored. */
  findEntity(name: string): Promise<Entity | undefined>;
  getEntity(id: string): Promise<Entity | undefined>;
  listEntities(query?: EntityQuery): Promise<Entity[]>;

  // users and sessions
  /** Fails (GongkaiError) when the username is taken. */
  createUser(user: NewUser): Promise<User>;
  getUser(id: string): Promise<User | undefined>;
  getUserByName(username: string): Promise<User | undefined>;
  listUsers(): Promise<User[]>;
  /** The user when the password matches, else undefined (also for an unknown user). */
  verifyPassword(username: string, password: string): Promise<User | undefined>;
  setPassword(userId: string, password: string): Promise<void>;
  /** A new bearer token for the user, valid for ttlMs (default 7 days). */
  createSession(userId: string, ttlMs?: number): Promise<Session>;
  /** The token's user while it is valid, else undefined. */
  verifySession(token: string): Promise<User | undefined>;
  deleteSession(token: string): Promise<void>;

  /** Current schema version (the highest applied migration). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
