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
    unit: d.unit,
    ...(d.source.file ? { file: d.source.file } : {}),
  };
}

/** Documents of one entity, year, kind and level are parts of one disclosure. */
function partKey(d: Disclosure): string {
  return [entityKey(d.entity), d.year, d.kind, d.entity.level ?? ""].join("|");
}

/**
 * One disclosure per entity, year, kind and level: parts printed as separate
 * files (说明 in one, 公开表 in the other) are joined — tables, sections
 * and claims in file order, the first part's entity and unit kept. Documents
 * with no recognised entity are kept as they are (nothing to join them by).
 */
export function joinParts(docs: readonly Disclosure[]): Disclosure[] {
  const out: Disclosure[] = [];
  const at = new Map<string, number>();
  for (const d of docs) {
    const key = partKey(d);
    const i = entityKey(d.entity) === "" ? undefined : at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(d);
      continue;
    }
    const first = out[i] as Disclosure;
    // The part with tables gives the unit the tables print.
    const withTables = first.tables.length > 0 ? first : d;
    out[i] = {
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
  return out;
}
