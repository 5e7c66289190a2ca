/**
 * `npm start`'s demo: on the first start of an empty store, an admin
 * account and the shared seeds and corpus imported as published documents,
 * which the background processing then reads one by one (unlike `gongkai
 * import`, which reads them before it returns: the server answers at once).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { sniffFormat } from "../ingest/index.ts";
import { importableFiles } from "../jobs/import.ts";
import type { Store } from "../store/types.ts";

/** The folder beside the checkout that holds seeds/ and corpus/. */
export const SHARED_DIR = new URL("../../../shared", import.meta.url).pathname;

export interface DemoResult {
  /** The admin's password when this start created the account and made one up; print it once. */
  generatedPassword?: string;
  adminCreated: boolean;
  imported: number;
}

/**
 * Set up the demo when the store has no user yet: the admin (`password`, or
 * a generated one) and every document under `sharedDir`/seeds and /corpus.
 * A store that already has users is left as it is.
 */
export async function setUpDemo(
  store: Store,
  opts: { password?: string; sharedDir?: string; username?: string } = {},
): Promise<DemoResult> {
  if ((await store.listUsers()).length > 0) return { adminCreated: false, imported: 0 };
  const generated = opts.password ? undefined : randomBytes(12).toString("base64url");
  await store.createUser({
    username: opts.username ?? "admin",
    password: opts.password ?? (generated as string),
    role: "admin",
  });
  const shared = opts.sharedDir ?? SHARED_DIR;
  const dirs = [join(shared, "seeds"), join(shared, "corpus")].filter((d) => existsSync(d));
  const files = await importableFiles(dirs);
  let imported = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    const { created } = await store.putDocument({
      bytes,
      fileName: basename(file),
      format: sniffFormat(bytes),
      published: true,
      tags: ["演示"],
    });
    if (created) imported++;
  }
  return {
    adminCreated: true,
    imported,
    ...(generated ? { generatedPassword: generated } : {}),
  };
}
