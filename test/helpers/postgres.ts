/**
 * PostgreSQL for tests. With TEST_DATABASE_URL set, that server is used;
 * otherwise a throwaway cluster is started from Debian's binaries
 * (/usr/lib/postgresql/N/bin: initdb, pg_ctl) in a temporary folder, on a
 * free loopback port, and removed by stop(). As root the binaries run as the
 * `postgres` user (initdb refuses root), who is given the folder.
 *
 * No PostgreSQL installed is an error, not a reason to skip: the PostgreSQL
 * half of the store's suite must fail on a machine that lacks it
 * (scripts/system-deps.sh installs the `postgresql` package before the tests).
 *
 * Each newDatabase() is a fresh, empty database on that server, dropped by
 * stop(), so every test starts from a store that has never been migrated.
 *
 *   const pg = await startTestPostgres();
 *   const url = await pg.newDatabase();   // postgres://…/gk_test_…
 *   …
 *   await pg.stop();
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";

const run = promisify(execFile);

export interface TestPostgres {
  /** The server's maintenance database URL. */
  url: string;
  /** A new empty database; returns its URL. */
  newDatabase(): Promise<string>;
  /** Drop the databases made here; stop and remove a cluster started here. */
  stop(): Promise<void>;
}

/** The bin folder of the newest PostgreSQL installed from Debian's packages. */
export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** uid and gid of a user, from the passwd database. */
async function ids(user: string): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run("id", ["-u", user]);
  const { stdout: gid } = await run("id", ["-g", user]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

async function startCluster(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install the Debian package `postgresql` (scripts/system-deps.sh does) or set TEST_DATABASE_URL",
    );
  }
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), "gongkai-pg-"));
  const data = join(dir, "data");
  // As root: hand the folder to `postgres` and run every binary as that user.
  const as = async (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    return root
      ? run("runuser", ["-u", "postgres", "--", full, ...args], { cwd: dir })
      : run(full, args, { cwd: dir });
  };
  if (root) {
    const { uid, gid } = await ids("postgres");
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  await as("initdb", [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
  ].join(" ");
  await as("pg_ctl", [
    "-D",
    data,
    "-o",
    options,
    "-l",
    join(dir, "log"),
    "-w",
    "-t",
    "60",
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  const cluster = given ? undefined : await startCluster();
  const url = given ?? cluster?.url ?? "";
  const admin = postgres(url, { onnotice: () => {}, max: 1 });
  const made: string[] = [];
  return {
    url,
    async newDatabase() {
      const name = `gk_test_${randomBytes(6).toString("hex")}`;
      await admin.unsafe(`CREATE DATABASE ${name}`);
      made.push(name);
      return withDatabase(url, name);
    },
    async stop() {
      try {
        for (const name of made) {
          await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        }
      } finally {
        await admin.end({ timeout: 5 });
        await cluster?.stop();
      }
    },
  };
}
