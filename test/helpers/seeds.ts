/** Paths to the shared seeds and goldens, read in place (never copied into the repo). */
import { readdirSync } from "node:fs";
import { join } from "node:path";

export const SHARED = join(import.meta.dirname, "..", "..", "..", "shared");
export const SEEDS_DIR = join(SHARED, "seeds");
export const GOLDEN_DIR = join(SHARED, "golden");

export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort();
}

export function seedPath(prefix: string): string {
  const f = seedFiles().find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`no seed ${prefix}`);
  return join(SEEDS_DIR, f);
}

export function goldenFiles(): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
}
