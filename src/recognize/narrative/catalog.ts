/**
 * Look-ups in the classification catalog (src/catalog) for the narrative:
 * a failure to load the catalog leaves names unresolved, never stops the
 * reading (a classification is still recognised by a printed code).
 */
import {
  CATALOG_YEARS,
  type CatalogEntry,
  type CatalogKind,
  findByName,
  lookup,
} from "../../catalog/index.ts";

export type { CatalogEntry, CatalogKind };

/** Whether the catalog's data loads (tests skip name resolution otherwise). */
export const catalogAvailable: boolean = (() => {
  try {
    lookup("201", CATALOG_YEARS.to);
    return true;
  } catch {
    return false;
  }
})();

export function lookupCode(
  code: string,
  year: number,
  kind?: CatalogKind,
): CatalogEntry | undefined {
  try {
    return lookup(code, year, kind);
  } catch {
    return undefined;
  }
}

export function findName(
  name: string,
  year: number,
  opts: { kind?: CatalogKind; level?: 1 | 2 | 3; parent?: string },
): CatalogEntry[] {
  if (name === "") return [];
  try {
    return findByName(name, year, opts);
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
