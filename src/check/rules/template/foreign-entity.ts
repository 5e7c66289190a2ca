/**
 * Another body's full name in the text that describes this one (职责,
 * 机构设置, 概况): the mark of a 职责 paragraph copied from another unit's
 * disclosure. A full name carries its region ("江苏省…", "上海市普陀区…"):
 *
 * - a body of another region has no place in this one's duties (error);
 * - a body of the same region written as the doer of a duty ("X负责…",
 *   "X主要职责是…") and named nowhere else in the document is most likely
 *   pasted (warning: a 部门 may describe a unit of its own so).
 */
import type { Disclosure } from "../../../model/schema.ts";
import type { Rule } from "../../types.ts";
import { sectionLocation } from "../../view.ts";

const ORG =
  "局|委员会|办公厅|办公室|中心|法院|检察院|大学|学院|医院|福利院|研究所|处|站|馆|厅|部|院|署";
/** The provinces (a closed list): a region must start with one, or with a city that names its district. */
const PROVINCE =
  "北京市|天津市|上海市|重庆市|河北省|山西省|内蒙古自治区|辽宁省|吉林省|黑龙江省|江苏省|浙江省|安徽省|福建省|江西省|山东省|河南省|湖北省|湖南省|广东省|广西壮族自治区|海南省|四川省|贵州省|云南省|西藏自治区|陕西省|甘肃省|青海省|宁夏回族自治区|新疆维吾尔自治区";
const CITY = "[\\u4e00-\\u9fa5]{2,4}?(?:市|州|盟)";
const DISTRICT = "[\\u4e00-\\u9fa5]{2,4}?(?:区|县|旗)";
/**
 * A full name: optional 中共, a region (a province with an optional city and
 * district, or a city with its district), optional 委, then the body.
 */
const FULL_NAME_RE = new RegExp(
  `(?:中共)?((${PROVINCE})(${CITY})?(${DISTRICT})?|(${CITY})(${DISTRICT}))(?:委)?([\\u4e00-\\u9fa5]{2,14}?(?:${ORG}))`,
  "gu",
);
const REGION_OF_RE = new RegExp(`^(?:中共)?(?:(${PROVINCE}))?(${CITY})?(${DISTRICT})?`, "u");
/** Sections that describe the discloser itself. */
const SELF_SECTION_RE = /职责|职能|机构设置|内设机构|概况|基本情况|单位构成/u;
/** The name is the doer of a duty. */
const DOER_AFTER_RE =
  /^(?:负责|承担|主要职责|的主要职责|主要职能|是[^，。]{0,12}(?:部门|机构|单位))/u;

interface Region {
  province?: string;
  city?: string;
  district?: string;
}

function regionOf(name: string): Region {
  const m = REGION_OF_RE.exec(name);
  const r: Region = {};
  if (m?.[1]) r.province = m[1];
  if (m?.[2]) r.city = m[2];
  if (m?.[3]) r.district = m[3];
  return r;
}

/** Two regions that cannot be one: different provinces, cities, or districts of one city. */
function differ(a: Region, b: Region): boolean {
  if (a.province && b.province) {
    if (a.province !== b.province) return true;
  } else if (a.province || b.province) {
    return false;
  }
  if (a.city && b.city && a.city !== b.city) return true;
  if (a.city !== undefined && a.city === b.city && a.district && b.district)
    return a.district !== b.district;
  return false;
}

/**
 * A body named without its province or city but with a place of its own (a
 * district or county, "曾都区医疗保障信息中心"), or a university, as the doer
 * of a clause: "…；X负责…". Words that end in 区 without being a district
 * (社区, 园区, 辖区 …) are not places.
 */
const BARE_DOER_RE = new RegExp(
  `(?:^|[，。；;：:、]\\s*)((?:[\\u4e00-\\u9fa5]{2,4}?(?:区|县|旗)[\\u4e00-\\u9fa5]{2,14}?(?:${ORG}))|(?:[\\u4e00-\\u9fa5]{2,8}?(?:大学|学院)))(?=负责|承担|的主要职责|主要职责)`,
  "gu",
);
/**
 * The same inside a sentence ("…人员中曾都区医疗保障信息中心负责…"): where the
 * place name starts is unknown, so the body is taken from the 区/县/旗 on and
 * the two characters before it must not make a word that is no place.
 */
const MID_DOER_RE = new RegExp(
  `([\\u4e00-\\u9fa5]{2})(区|县|旗)([\\u4e00-\\u9fa5]{2,14}?(?:${ORG}))(?=负责|承担|的主要职责|主要职责)`,
  "gu",
);
/** A 区/县/旗 after these is a word of its own (全区, 本县, 红旗), not a named place. */
const NOT_A_PLACE_BEFORE =
  /(?:全|本|该|各|每|市|郊|灾|老|边|特|库|藏|湾|省|地|县|两|三|多|一|内|外|全旗|红|国|党|彩|锦|军|战|分|新|城|社|园|辖|片|景|校|小|街|林|矿|山|牧|营|管|考|务|发|税|范|能|验|聚|郡)$/u;

const NOT_A_PLACE =
  /(?:社|园|辖|城|片|景|开发|新|自贸|保税|示范|功能|校|小|街|林|矿|山|牧|试验|集聚|管|营|考|服务|区)区/u;

function compact(s: string): string {
  return s.replace(/[\s（）()]/gu, "");
}

export const foreignEntity: Rule = {
  id: "template/foreign-entity",
  family: "template",
  severity: "error",
  title: "职责说明中出现其他单位",
  description:
    "介绍本单位职责、机构设置或概况的文字中，出现其他地区单位的全称（如江苏省的单位出现在湖北某区的职责里），几乎总是套用了其他单位的文本；同一地区的其他单位以“X负责…”的口吻出现且全文只出现这一次的，记为警告；只写区县名（不带省、市）或高校名的其他单位作为“负责”的主语、全文只出现一次的，也记为警告。",
  basis:
    "一致性：公开文本说明的是本单位的职责与机构；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求内容准确。",
  confirmation: "practice",
  *check({ doc }) {
    const own = compact(doc.entity.name);
    if (own.length < 4) return;
    const known = [own, compact(doc.entity.parent ?? "")].filter((n) => n.length >= 4);
    const ownRegion = regionOf(own);
    const whole = compactAll(doc);
    const reported = new Set<string>();
    for (const section of doc.sections) {
      if (!SELF_SECTION_RE.test(section.heading)) continue;
      const text = section.text;
      FULL_NAME_RE.lastIndex = 0;
      for (let m = FULL_NAME_RE.exec(text); m; m = FULL_NAME_RE.exec(text)) {
        const name = compact(m[0]);
        if (reported.has(name)) continue;
        if (known.some((k) => k === name || k.endsWith(name) || name.endsWith(k))) continue;
        const foreign = differ(regionOf(name), ownRegion);
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
        const doer = DOER_AFTER_RE.test(after) && occurrences(whole, name) === 1;
        if (!foreign && !doer) continue;
        reported.add(name);
        yield {
          ...(foreign ? {} : { severity: "warning" as const }),
          message: foreign
            ? `“${section.heading.trim()}”中出现“${name}”，与本单位“${doc.entity.name}”不在同一地区，可能套用了其他单位的文本。`
            : `“${section.heading.trim()}”写“${name}${after.slice(0, 4)}…”，而“${name}”在全文只出现这一次、不是本单位，可能套用了其他单位的职责文本。`,
          locations: [sectionLocation(section, m[0])],
          expected: doc.entity.name,
          actual: name,
        };
      }
    }
    // Bodies named only by a district or county (or universities) as the doer
    // of a duty, once in the whole text: another body's duties pasted in.
    const ownDistrict = /[\u4e00-\u9fa5]{2,4}?(?:区|县|旗)/u.exec(
      own.replace(/^.*?(?:省|市)/u, ""),
    )?.[0];
    for (const section of doc.sections) {
      if (!SELF_SECTION_RE.test(section.heading)) continue;
      const text = section.text;
      BARE_DOER_RE.lastIndex = 0;
      for (let m = BARE_DOER_RE.exec(text); m; m = BARE_DOER_RE.exec(text)) {
        const name = compact(m[1] ?? "");
        if (!name || reported.has(name)) continue;
        if (known.some((k) => k.includes(name) || name.includes(k))) continue;
        const place = /^[\u4e00-\u9fa5]{2,4}?(?:区|县|旗)/u.exec(name)?.[0];
        if (place && (NOT_A_PLACE.test(place) || place === ownDistrict)) continue;
        if (occurrences(whole, name) !== 1) continue;
        reported.add(name);
        yield {
          severity: "warning" as const,
          message: `“${section.heading.trim()}”写“${name}负责…”，而“${name}”在全文只出现这一次、不是本单位，可能套用了其他单位的职责文本。`,
          locations: [sectionLocation(section, m[1] ?? name)],
          expected: doc.entity.name,
          actual: name,
        };
      }
      const flat = compact(text);
      MID_DOER_RE.lastIndex = 0;
      for (let m = MID_DOER_RE.exec(flat); m; m = MID_DOER_RE.exec(flat)) {
        const [, before = "", place = "", body = ""] = m;
        const named = `${place}${body}`;
        if (NOT_A_PLACE_BEFORE.test(before) || NOT_A_PLACE.test(`${before}${place}`)) continue;
        if ([...reported].some((r) => r.endsWith(named))) continue;
        if (known.some((k) => k.includes(named) || k.includes(`${before}${named}`))) continue;
        if (ownDistrict && `${before}${place}`.endsWith(ownDistrict)) continue;
        if (occurrences(whole, named) !== 1) continue;
        reported.add(named);
        const quoted = flat.slice(Math.max(0, m.index - 4), m.index + m[0].length + 2);
        yield {
          severity: "warning" as const,
          message: `“${section.heading.trim()}”写“…${quoted}…”，把“…${named}”作为职责的承担者，而它在全文只出现这一次、不是本单位，可能套用了其他单位的职责文本。`,
          locations: [sectionLocation(section, body)],
          expected: doc.entity.name,
          actual: `…${named}`,
        };
      }
    }
  },
};

function compactAll(doc: Disclosure): string {
  return compact(
    [
      ...doc.sections.map((s) => `${s.heading}${s.text}`),
      ...doc.tables.map((t) => `${t.title}${t.rows.map((r) => r.name).join("")}`),
    ].join(""),
  );
}

function occurrences(text: string, name: string): number {
  let n = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) n++;
  return n;
}
