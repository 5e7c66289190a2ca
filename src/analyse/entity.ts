/**
 * Who a disclosure is about, in a form that matches across documents. The
 * one normaliser of entity names is the store's (src/store/entity-key.ts:
 * no year or kind words, no 部门/单位 tags, width and spaces folded, and the
 * most specific region kept so 随州市曾都区… and 曾都区… are one entity): the
 * analyses match entities exactly as the store does, whether the documents
 * come from files or from the store.
 */

import type { Disclosure, Entity } from "../model/schema.ts";
import {
  entityKey as storeEntityKey,
  normaliseEntityName as storeNormalise,
  regionOf as storeRegionOf,
} from "../store/entity-key.ts";

/** A name without year, kind and 部门/单位 tag words, width-normalised. */
export function normaliseEntityName(name: string): string {
  return storeNormalise(name);
}

/** The matching key of an entity ("" when no entity was recognised). */
export function entityKey(entity: Pick<Entity, "name"> & { parent?: string | null }): string {
  return entity.name.trim() === "" ? "" : storeEntityKey(entity.name, entity.parent ?? null);
}

/** Two entities are one when their keys are equal (and not empty). */
export function sameEntity(a: Pick<Entity, "name">, b: Pick<Entity, "name">): boolean {
  const ka = entityKey(a);
  return ka !== "" && ka === entityKey(b);
}

/**
 * The administrative region a name starts with ("上海市普陀区财政局" →
 * "上海市普陀区"); undefined when it names none (西南大学). A store that
 * knows the region better passes it instead (see RegionOf).
 */
export function regionOf(name: string): string | undefined {
  return storeRegionOf(name) ?? undefined;
}

/** Where a caller knows regions better than the names do (the store's entity records). */
export type RegionOf = (d: Disclosure) => string | undefined;

/** The region of a disclosure: the caller's, else the one its entity's name starts with. */
export function disclosureRegion(d: Disclosure, given?: RegionOf): string | undefined {
  return given?.(d) ?? regionOf(d.entity.name);
}

/** A short Chinese label for a document: 上海市普陀区财政局 2024 年决算. */
export function documentLabel(d: Pick<Disclosure, "entity" | "year" | "kind">): string {
  const name = d.entity.name || "（未识别主体）";
  return `${name} ${d.year} 年${d.kind === "budget" ? "预算" : "决算"}`;
}
