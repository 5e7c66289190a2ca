/**
 * The embedded store: one SQLite file through node:sqlite (no native addon,
 * no server). WAL, so readers never wait for the writer; created on first
 * use with its folder; migrated on open.
 *
 * node:sqlite is synchronous and one connection runs one transaction at a
 * time, while the store's methods are async: every statement and
 * transaction on the connection goes through one queue, so an awaiting
 * transaction never has another call's statements slip into it. Other
 * processes on the same file wait for the write lock (busy timeout), and
 * every write transaction takes that lock at its start (BEGIN IMMEDIATE),
 * so two of them never deadlock upgrading a read lock. Within one process
 * every store on a file shares one connection (see `shared`).
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { type Db, type Dialect, type Param, type Row, type Sql, SqlStore } from "./sql-store.ts";

/** How long a writer waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 30_000;
const STATEMENT_CACHE = 200;

const SQLITE: Dialect = {
  name: "sqlite",
  jsonParam: "?",
  bool: (b) => (b ? 1 : 0),
  claimSql: `UPDATE documents SET status = 'processing', attempts = attempts + 1, progress = 0,
      error = NULL, claimed_at = ?, updated_at = ?
    WHERE id = (SELECT id FROM documents WHERE status = 'queued' ORDER BY created_at, id LIMIT 1)
    RETURNING id, sha256, file_name, attempts`,
  migrationLock: null,
};

/** SQLite has no boolean type: flags are 0/1. */
function input(p: Param): SQLInputValue {
  return typeof p === "boolean" ? (p ? 1 : 0) : p;
}

class SqliteDb implements Db {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #queue: Promise<unknown> = Promise.resolve();
  readonly #direct: Sql;

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
    this.#db.exec("PRAGMA journal_mode = WAL");
    this.#db.exec("PRAGMA synchronous = NORMAL");
    this.#db.exec("PRAGMA foreign_keys = ON");
    this.#direct = {
      all: async (sql, params = []) => this.#statement(sql).all(...params.map(input)) as Row[],
      run: async (sql, params = []) =>
        Number(this.#statement(sql).run(...params.map(input)).changes),
    };
  }

  #statement(sql: string): StatementSync {
    let s = this.#statements.get(sql);
    if (!s) {
      if (this.#statements.size >= STATEMENT_CACHE) this.#statements.clear();
      s = this.#db.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  /** Run fn when every earlier call on this connection has finished. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(fn);
    this.#queue = result.catch(() => {});
    return result;
  }

  all(sql: string, params: readonly Param[] = []): Promise<Row[]> {
    return this.#exclusive(() => this.#direct.all(sql, params));
  }

  run(sql: string, params: readonly Param[] = []): Promise<number> {
    return this.#exclusive(() => this.#direct.run(sql, params));
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      this.#db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(this.#direct);
        this.#db.exec("COMMIT");
        return result;
      } catch (e) {
        if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
        throw e;
      }
    });
  }

  close(): Promise<void> {
    return this.#exclusive(async () => {
      if (this.#db.isOpen) this.#db.close();
    });
  }
}

/**
 * One connection per file in a process, shared by every store opened on it.
 * Two connections in one thread would deadlock: the second's busy wait is
 * synchronous and blocks the very event loop the first needs to commit.
 */
const open = new Map<string, { db: SqliteDb; users: number }>();

function shared(location: string): Db {
  if (location === ":memory:") return new SqliteDb(location);
  let entry = open.get(location);
  if (!entry) {
    entry = { db: new SqliteDb(location), users: 0 };
    open.set(location, entry);
  }
  entry.users += 1;
  const { db } = entry;
  let closed = false;
  return {
    all: (sql, params) => db.all(sql, params),
    run: (sql, params) => db.run(sql, params),
    transaction: (fn) => db.transaction(fn),
    close: async () => {
      if (closed) return;
      closed = true;
      const e = open.get(location);
      if (!e || e.db !== db) return;
      e.users -= 1;
      if (e.users > 0) return;
      open.delete(location);
      await db.close();
    },
  };
}

/** Open (creating on first use) and migrate the SQLite store at `path`. */
export async function openSqliteStore(path: string): Promise<SqlStore> {
  const location = path === ":memory:" ? path : resolve(path);
  const store = new SqlStore(shared(location), SQLITE, location);
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
