/**
 * The shared store: PostgreSQL through the `postgres` client (porsager),
 * for several processes or machines on one database. The same SQL as the
 * SQLite store (sql-store.ts), its `?` placeholders numbered here; the
 * claim takes the oldest queued row with FOR UPDATE SKIP LOCKED, so
 * concurrent workers never wait for, nor take, each other's document.
 */
import postgres from "postgres";
import { type Db, type Dialect, type Param, type Row, type Sql, SqlStore } from "./sql-store.ts";

const POSTGRES: Dialect = {
  name: "postgres",
  // Passed as text and cast, so the client does not encode the JSON text a second time.
  jsonParam: "CAST(CAST(? AS TEXT) AS JSONB)",
  bool: (b) => b,
  claimSql: `UPDATE documents SET status = 'processing', attempts = attempts + 1, progress = 0,
      error = NULL, claimed_at = ?, updated_at = ?
    WHERE status = 'queued' AND id = (SELECT id FROM documents WHERE status = 'queued'
      ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, sha256, file_name, attempts`,
  // Any constant shared by every gongkai process: concurrent starts migrate one after the other.
  migrationLock: "SELECT pg_advisory_xact_lock(7246010412)",
};

/** `?` → `$1`, `$2` … outside string literals. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = "";
  for (const c of sql) {
    if (c === "'") quoted = !quoted;
    out += c === "?" && !quoted ? `$${++n}` : c;
  }
  return out;
}

type Client = postgres.Sql | postgres.TransactionSql;

function statements(client: Client): Sql {
  const query = (sql: string, params: readonly Param[]) =>
    client.unsafe(numberPlaceholders(sql), params as postgres.ParameterOrJSON<never>[]);
  return {
    all: async (sql, params = []) => [...(await query(sql, params))] as Row[],
    run: async (sql, params = []) => (await query(sql, params)).count,
  };
}

class PostgresDb implements Db {
  readonly #sql: postgres.Sql;
  readonly #direct: Sql;

  constructor(url: string) {
    this.#sql = postgres(url, {
      onnotice: () => {},
      // Keep bigint columns (none in the schema; COUNT is cast) from turning into strings silently.
      max: 10,
    });
    this.#direct = statements(this.#sql);
  }

  all(sql: string, params?: readonly Param[]): Promise<Row[]> {
    return this.#direct.all(sql, params);
  }

  run(sql: string, params?: readonly Param[]): Promise<number> {
    return this.#direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return (await this.#sql.begin((tx) => fn(statements(tx)))) as T;
  }

  close(): Promise<void> {
    return this.#sql.end({ timeout: 5 });
  }
}

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

/** Connect to and migrate the PostgreSQL store at `url`. */
export async function openPostgresStore(url: string): Promise<SqlStore> {
  const store = new SqlStore(new PostgresDb(url), POSTGRES, redactUrl(url));
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
