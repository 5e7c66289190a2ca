/**
 * How the store recognises one entity under the names its documents print.
 * A budget and the final accounts of the same unit, or two years of it,
 * print the name differently: with or without the city in front
 * (随州市曾都区… / 曾都区…), with the year and the document's kind stuck on
 * (…2024年部门决算), with a （部门）/（单位） tag, in full-width letters or
 * with stray spaces. The key keeps what identifies the entity: the most
 * specific region it names (曾都区) and the rest of its name.
 */

/** Administrative suffixes of a region segment: 省, 自治区, 市, 州, 盟, 区, 县, 旗. */
const REGION_SEGMENT =
  /^([\u4e00-\u9fff]{1,8}?(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|区|县|旗))/u;

/** Names that are whole entities although they end in a region suffix word (西南大学 does not, but 新区 might). */
const NOT_A_REGION_PREFIX =
  /^(?:社区|小区|园区|校区|开发区|新区|城区|景区|矿区|林区|牧区|山区|市场|市政|市级|区级|县级|省级|区委|市委|县委|省委)/u;

/** Words a document adds to its entity's name that are not part of it. */
const TRAILING_WORDS =
  /(?:[（(](?:部门|单位|本级|汇总|部门汇总|单位汇总|含下属单位|机关本级)[）)]|(?:20\d{2}|19\d{2})\s*年度?.*$|(?:部门|单位)(?:预算|决算)(?:公开)?$|(?:预算|决算)(?:公开)?$)/gu;

/** Full-width to half-width, no whitespace, Chinese brackets unified. */
export function normaliseWidth(s: string): string {
  return s.normalize("NFKC").replace(/\s+/gu, "").replace(/\(/gu, "（").replace(/\)/gu, "）");
}

/** The entity's name without year, kind and 部门/单位 tag words, width-normalised. */
export function normaliseEntityName(name: string): string {
  let s = normaliseWidth(name);
  // Repeated because a name can carry several (…2024年部门决算（单位）).
  for (let i = 0; i < 3; i++) {
    const next = s
      .replace(/[（(][^（）()]*?(?:部门|单位|本级|汇总)[^（）()]*?[）)]$/u, "")
      .replace(TRAILING_WORDS, "");
    if (next === s) break;
    s = next;
  }
  return s;
}

/** The region segments a name starts with, and the rest. */
export function splitRegion(name: string): { region: string[]; rest: string } {
  let rest = normaliseEntityName(name);
  // 中共上海市普陀区委… : the party prefix belongs to the name, the region follows it.
  const party = rest.startsWith("中共") ? "中共" : "";
  rest = rest.slice(party.length);
  const region: string[] = [];
  while (region.length < 4) {
    if (NOT_A_REGION_PREFIX.test(rest)) break;
    const m = REGION_SEGMENT.exec(rest);
    // A segment must leave a name behind it (曾都区 alone is a region, not an entity name).
    let segment = m?.[1];
    if (!segment) break;
    // The shortest match stops at 州 in 随州市 or 广州市: the suffix that follows belongs to it.
    while (
      /^[省市县区旗盟]/u.test(rest.slice(segment.length)) &&
      !NOT_A_REGION_PREFIX.test(rest.slice(segment.length))
    )
      segment = rest.slice(0, segment.length + 1);
    if (segment.length >= rest.length) break;
    region.push(segment);
    rest = rest.slice(segment.length);
  }
  return { region, rest: party + rest };
}

/** The printed region prefix (随州市曾都区), or null when the name starts with none. */
export function regionOf(name: string): string | null {
  const { region } = splitRegion(name);
  return region.length > 0 ? region.join("") : null;
}

/**
 * The matching key: the most specific region segment and the rest of the
 * name, so 随州市曾都区医疗保障服务中心 and 曾都区医疗保障服务中心 are one
 * entity. A name printed without any region borrows its department's (a unit
 * of 曾都区医疗保障局 printed as 医疗保障服务中心 is still in 曾都区).
 */
export function entityKey(name: string, parentName?: string | null): string {
  const { region, rest } = splitRegion(name);
  let tail = region.at(-1);
  if (tail === undefined && parentName) tail = splitRegion(parentName).region.at(-1);
  return `${tail ?? ""}|${rest}`;
}
