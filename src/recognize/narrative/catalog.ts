/**
 * Access to the classification catalog (src/catalog), resolved once at load.
 *
 * The catalog is built concurrently with this module, so it is loaded with a
 * dynamic import and every use tolerates its absence: without it a
 * classification is still recognised by a printed code, only names are not
 * resolved to codes.
 */

export type CatalogKind = "func" | "econ_dept" | "econ_gov";

export interface CatalogEntry {
  code: string;
  name: string;
  kind: CatalogKind;
  level: number;
  parent: string | null | undefined;
}

interface CatalogApi {
  lookup(code: string, year: number, kind?: CatalogKind): CatalogEntry | undefined;
  findByName(
    name: string,
    year: number,
    opts?: { kind?: CatalogKind; level?: 1 | 2 | 3; parent?: string },
  ): CatalogEntry[];
}

async function load(): Promise<CatalogApi | undefined> {
  // A specifier in a variable keeps the type checker from requiring the
  // module before it exists.
  const spec = "../../catalog/index.ts";
  try {
    const mod = (await import(spec)) as Partial<CatalogApi>;
    if (typeof mod.lookup === "function" && typeof mod.findByName === "function") {
      return mod as CatalogApi;
    }
  } catch {
    // No catalog yet: names stay unresolved.
  }
  return undefined;
}

const api = await load();

/** Whether the catalog is available (tests skip name resolution otherwise). */
export const catalogAvailable: boolean = api !== undefined;

export function lookupCode(
  code: string,
  year: number,
  kind?: CatalogKind,
): CatalogEntry | undefined {
  try {
    return api?.lookup(code, year, kind);
  } catch {
    return undefined;
  }
}

export function findName(
  name: string,
  year: number,
  opts: { kind?: CatalogKind; level?: 1 | 2 | 3; parent?: string },
): CatalogEntry[] {
  if (!api || name === "") return [];
  try {
    return api.findByName(name, year, opts);
  } catch {
    return [];
  }
}

/**
 * The one entry a name means, trying the name as written and without a
 * trailing "支出" / with one added (texts write "社会保障和就业（类）" for
 * 社会保障和就业支出, and "医疗保障管理事务支出" for 医疗保障管理事务).
 */
export function resolveName(
  name: string,
  year: number,
  opts: { kind?: CatalogKind; level?: 1 | 2 | 3; parent?: string },
): CatalogEntry | undefined {
  const variants = [name];
  if (name.endsWith("支出")) variants.push(name.slice(0, -2));
  else variants.push(`${name}支出`);
  for (const v of variants) {
    const found = findName(v, year, opts);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      // Several entries share a name (其他…支出 under many parents): only a
      // single exact-name entry is trusted.
      const exact = found.filter((e) => e.name === v);
      if (exact.length === 1) return exact[0];
      return undefined;
    }
  }
  return undefined;
}
