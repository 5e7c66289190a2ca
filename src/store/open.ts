/**
 * Which store a command uses: `--db` (a file path → SQLite; a
 * `postgres://` or `postgresql://` URL → PostgreSQL), else the
 * DATABASE_URL environment variable, else the file `gongkai.db` in the
 * current folder (created on first use). Each implementation is loaded only
 * when chosen, so a SQLite user never loads the PostgreSQL client.
 */
import { GongkaiError } from "../model/errors.ts";
import type { Store } from "./types.ts";

export const DEFAULT_DB_FILE = "gongkai.db";

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(spec);
}

/** The spec a command uses: the given one, else DATABASE_URL, else the default file. */
export function storeSpec(spec?: string): string {
  const chosen = spec?.trim() || process.env.DATABASE_URL?.trim();
  return chosen || DEFAULT_DB_FILE;
}

export async function openStore(spec?: string): Promise<Store> {
  const chosen = storeSpec(spec);
  if (isPostgresUrl(chosen)) {
    const { openPostgresStore, redactUrl } = await import("./postgres.ts");
    try {
      return await openPostgresStore(chosen);
    } catch (e) {
      throw new GongkaiError(
        "unreadable",
        `无法连接数据库 ${redactUrl(chosen)}：${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(chosen)) {
    throw new GongkaiError(
      "unsupported_format",
      `不支持的数据库地址：${chosen.split("://")[0]}://…（请用文件路径或 postgres:// 地址）`,
    );
  }
  const { openSqliteStore } = await import("./sqlite.ts");
  try {
    return await openSqliteStore(chosen);
  } catch (e) {
    throw new GongkaiError(
      "unreadable",
      `无法打开数据库文件 ${chosen}：${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
