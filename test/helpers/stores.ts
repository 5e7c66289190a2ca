/**
 * The two stores for parameterised suites: every suite that takes a store
 * runs once on SQLite (a new file in a temp folder) and once on PostgreSQL
 * (a new database, see postgres.ts). `spec()` gives a fresh, never-opened
 * store spec for openStore() or `--db`.
 *
 *   for (const backend of STORE_BACKENDS) describe(backend.name, () => {
 *     before(() => backend.start());
 *     after(() => backend.stop());
 *     it("…", async () => { const store = await openStore(await backend.spec()); … });
 *   });
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestPostgres, type TestPostgres } from "./postgres.ts";

export interface StoreBackend {
  name: "sqlite" | "postgres";
  /** Get ready (PostgreSQL: connect or start a cluster); throws when the backend cannot run. */
  start(): Promise<void>;
  /** A spec for a store that does not exist yet. */
  spec(): Promise<string>;
  stop(): Promise<void>;
}

function sqliteBackend(): StoreBackend {
  let dir: string | undefined;
  let n = 0;
  return {
    name: "sqlite",
    async start() {
      dir = mkdtempSync(join(tmpdir(), "gongkai-store-"));
    },
    async spec() {
      if (!dir) throw new Error("sqlite backend not started");
      n += 1;
      return join(dir, `store-${n}`, "gongkai.db");
    },
    async stop() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(): StoreBackend {
  let pg: TestPostgres | undefined;
  return {
    name: "postgres",
    async start() {
      pg = await startTestPostgres();
    },
    async spec() {
      if (!pg) throw new Error("postgres backend not started");
      return pg.newDatabase();
    },
    async stop() {
      await pg?.stop();
    },
  };
}

export const STORE_BACKENDS: readonly StoreBackend[] = [sqliteBackend(), postgresBackend()];
