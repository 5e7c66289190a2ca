/**
 * The store's schema as numbered migrations, the same numbers for both
 * dialects (SQL per dialect where the types differ). Applied in order on
 * open, each in its own transaction with its row in schema_migrations, so a
 * store opened by a newer gongkai catches up and one opened twice does
 * nothing. Never destructive: a later migration adds tables, columns and
 * indexes; it does not drop or rewrite what a user stored.
 *
 * Types: SQLite keeps JSON as TEXT, times as ISO 8601 TEXT, flags as 0/1;
 * PostgreSQL keeps JSON as JSONB, times as timestamptz, flags as boolean.
 */

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** One schema written once, with the dialect's words for JSON, time, flag and bytes. */
function v1(t: { json: string; time: string; bool: string; bytes: string; falsy: string }): string {
  return `
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  bytes ${t.bytes} NOT NULL
);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  code TEXT,
  parent_id TEXT REFERENCES entities(id),
  parent_name TEXT,
  region TEXT,
  level TEXT CHECK (level IN ('department', 'unit')),
  government TEXT,
  created_at ${t.time} NOT NULL,
  updated_at ${t.time} NOT NULL
);
CREATE INDEX entities_region ON entities (region);
CREATE INDEX entities_parent ON entities (parent_id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'preparer')),
  entity_id TEXT REFERENCES entities(id),
  region TEXT,
  created_at ${t.time} NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at ${t.time} NOT NULL,
  created_at ${t.time} NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE REFERENCES blobs(sha256),
  size INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  format TEXT,
  uploader_id TEXT REFERENCES users(id),
  published ${t.bool} NOT NULL DEFAULT ${t.falsy},
  status TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'error')),
  progress REAL NOT NULL DEFAULT 0,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  entity_id TEXT REFERENCES entities(id),
  year INTEGER,
  kind TEXT CHECK (kind IN ('budget', 'final')),
  disclosure ${t.json},
  summary ${t.json},
  search_text TEXT NOT NULL DEFAULT '',
  created_at ${t.time} NOT NULL,
  updated_at ${t.time} NOT NULL,
  claimed_at ${t.time}
);
CREATE INDEX documents_queue ON documents (status, created_at);
CREATE INDEX documents_entity ON documents (entity_id);
CREATE INDEX documents_year_kind ON documents (year, kind);

CREATE TABLE document_checks (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  preset TEXT NOT NULL,
  rule_set_version TEXT NOT NULL,
  report ${t.json} NOT NULL,
  checked_at ${t.time} NOT NULL,
  PRIMARY KEY (document_id, preset)
);

CREATE TABLE document_tags (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (document_id, tag)
);
CREATE INDEX document_tags_tag ON document_tags (tag);
`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "documents, entities, users, sessions, checks, tags",
    sqlite: v1({ json: "TEXT", time: "TEXT", bool: "INTEGER", bytes: "BLOB", falsy: "0" }),
    postgres: v1({
      json: "JSONB",
      time: "TIMESTAMPTZ",
      bool: "BOOLEAN",
      bytes: "BYTEA",
      falsy: "FALSE",
    }),
  },
];

export const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;
