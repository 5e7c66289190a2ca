/**
 * Documents as the analyses see them: a short reference to each, and the
 * parts of one disclosure put back together where a publisher printed its
 * narrative and its tables as two files (Jiangsu 2018–2019).
 */
import type { Disclosure, Kind, MoneyUnit } from "../model/schema.ts";
import { documentLabel, entityKey } from "./entity.ts";

/** Which document a figure comes from: enough for a reader and for a link back. */
export interface DocumentRef {
  /** 上海市普陀区财政局 2024 年决算 */
  label: string;
  entity: string;
  parent: string | null;
  year: number;
  kind: Kind;
  /** 部门 (with its units) or 单位, where recognised. */
  level?: "department" | "unit";
  unit: MoneyUnit;
  /** Where it was read from (a file path, or the store's id as the caller sets it). */
  file?: string;
}

export function documentRef(d: Disclosure): DocumentRef {
  return {
    label: documentLabel(d),
    entity: d.entity.name,
    parent: d.entity.parent,
    year: d.year,
    kind: d.kind,
    ...(d.entity.level ? { level: d.entity.level } : {}),
    unit: d.unit,
    ...(d.source.file ? { file: d.source.file } : {}),
  };
}

/** Documents of one entity, year, kind and level are parts of one disclosure. */
export function partKey(d: Disclosure): string {
  return [entityKey(d.entity), d.year, d.kind, d.entity.level ?? ""].join("|");
}

/**
 * Whether two documents of one entity and year are two parts of a
 * disclosure (the 说明 without tables, the 公开表 without the tables the
 * other has) rather than two versions of the same one (a corrected
 * re-publication, a copy with errors injected for testing): versions
 * print the same tables and are kept apart.
 */
function complementary(a: Disclosure, b: Disclosure): boolean {
  const ids = new Set(a.tables.filter((t) => t.id !== "other").map((t) => t.id));
  return !b.tables.some((t) => t.id !== "other" && ids.has(t.id));
}

/** Two parts as one disclosure: tables, sections and claims in file order. */
function join(first: Disclosure, d: Disclosure): Disclosure {
  // The part with tables gives the unit the tables print.
  const withTables = first.tables.length > 0 ? first : d;
  return {
    ...first,
    unit: withTables.unit,
    entity: { ...d.entity, ...first.entity, parent: first.entity.parent ?? d.entity.parent },
    tables: [...first.tables, ...d.tables],
    sections: [...first.sections, ...d.sections],
    claims: [...first.claims, ...d.claims],
    issues: [...first.issues, ...d.issues],
    source: {
      ...first.source,
      file: [first.source.file, d.source.file].filter(Boolean).join(" + ") || undefined,
    },
  };
}

/**
 * One disclosure per entity, year, kind and level: parts printed as separate
 * files (说明 in one, 公开表 in the other) are joined — tables, sections
 * and claims in file order, the first part's entity kept. Versions of one
 * disclosure, and documents with no recognised entity, stay apart. Each
 * result carries the items it was made of (a caller's findings ride along).
 */
export function joinPartsOf<T>(
  items: readonly T[],
  get: (t: T) => Disclosure,
): { disclosure: Disclosure; parts: T[] }[] {
  const out: { disclosure: Disclosure; parts: T[] }[] = [];
  const at = new Map<string, number>();
  for (const item of items) {
    const d = get(item);
    const key = partKey(d);
    const i = entityKey(d.entity) === "" ? undefined : at.get(key);
    const joined = i === undefined ? undefined : out[i];
    if (!joined || !complementary(joined.disclosure, d)) {
      at.set(key, out.length);
      out.push({ disclosure: d, parts: [item] });
      continue;
    }
    joined.disclosure = join(joined.disclosure, d);
    joined.parts.push(item);
  }
  return out;
}

/** Disclosures with their parts joined (see joinPartsOf). */
export function joinParts(docs: readonly Disclosure[]): Disclosure[] {
  return joinPartsOf(docs, (d) => d).map((j) => j.disclosure);
}
