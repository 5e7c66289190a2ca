/**
 * Who a disclosure is about, in a form that matches across documents: the
 * same 部门 prints its name with or without the year, with full-width
 * letters, with stray spaces from a PDF, with or without a 本级/部门 suffix.
 * This is the one normaliser of entity names: the store keys entities with
 * it too, so a name matched here is the name matched there.
 */
import type { Disclosure, Entity } from "../model/schema.ts";

/** Words a title adds to an entity's name that are not part of it. */
const TRAILING_WORDS =
  /(?:(?:\d{4}\s*年(?:度)?)?(?:部门|单位)?(?:预算|决算)(?:公开)?(?:说明|文件|表格?)?|本级)$/u;

/**
 * The comparison key of an entity's name: NFKC (full-width → half-width),
 * no whitespace, no year ("2024年", "2024年度"), no trailing 部门预算 /
 * 单位决算 / 本级, no quotes or brackets left empty. Two printings of one
 * name give one key; different entities keep different keys.
 */
export function normaliseEntityName(name: string): string {
  let s = name.normalize("NFKC").replace(/\s+/gu, "");
  s = s.replace(/(?:19|20)\d{2}年(?:度)?/gu, "");
  let prev: string;
  do {
    prev = s;
    s = s.replace(TRAILING_WORDS, "");
  } while (s !== prev && s.length > 0);
  return s.replace(/[“”"'‘’]/gu, "");
}

/** The normalised key of a disclosure's entity ("" when no entity was recognised). */
export function entityKey(entity: Pick<Entity, "name">): string {
  return normaliseEntityName(entity.name);
}

/** Two entities are one when their normalised names are equal (and not empty). */
export function sameEntity(a: Pick<Entity, "name">, b: Pick<Entity, "name">): boolean {
  const ka = entityKey(a);
  return ka !== "" && ka === entityKey(b);
}

/**
 * The administrative region a name starts with: "上海市普陀区财政局" →
 * "上海市普陀区", "曾都区医疗保障局" → "曾都区", "江苏省人民检察院" → "江苏省",
 * "中共江苏省委办公厅" → "江苏省". Undefined when the name names none (西南大学).
 * A store that knows the region better passes it instead (see RegionOf).
 */
export function regionOf(name: string): string | undefined {
  const s = normaliseEntityName(name).replace(/^中(?:国)?共(?:产党)?/u, "");
  // Province / autonomous region, then city / prefecture, then district / county.
  const m =
    /^((?:[\u4e00-\u9fa5]{2,3}(?:省|自治区))?(?:[\u4e00-\u9fa5]{2,4}?(?:市|自治州|州|盟|地区))?(?:[\u4e00-\u9fa5]{1,3}?(?:区|县|旗|自治县))?)/u.exec(
      s,
    );
  const region = m?.[1] ?? "";
  if (region === "") {
    // "江苏省委办公厅": the province is printed without a separate level word after it.
    const p = /^([\u4e00-\u9fa5]{2,3}省)/u.exec(s);
    return p?.[1];
  }
  // A bare 区/县 word that is really part of an institution's name ("社区…") is not a region.
  if (/^(?:社区|小区|园区|校区|景区)$/u.test(region)) return undefined;
  return region;
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
