/**
 * Which requirements apply to a discloser, and why: the table set depends
 * on the region's template and on the kind of body (a central ministry's
 * university publishes the ministry's four tables), the narrative topics on
 * whether it is an administrative body (机关运行经费 is an administrative
 * body's matter) — and each finding that enforces one names the requirement
 * and the reason it applies, so a reviewer can disagree with the premise.
 */
import {
  CENTRAL_UNIVERSITY_PROFILE,
  type DisclosureProfile,
  NATIONAL_PROFILE,
  SHANGHAI_DISTRICT_PROFILE,
} from "../model/profiles.ts";
import type { Disclosure } from "../model/schema.ts";

export interface Applicability {
  profile: DisclosureProfile;
  /** Why this profile: "上海市普陀区财政局是上海市的区级部门". */
  why: string;
  /** An administrative body (机关, 参公), a public institution (事业单位), or unknown. */
  body: "administrative" | "institution" | "unknown";
}

/** Names of public institutions: schools, hospitals, centres, homes, stations. */
const INSTITUTION =
  /大学|学院|学校|中学|小学|幼儿园|医院|卫生院|中心$|服务中心|福利院|敬老院|研究院|研究所|馆$|站$|队$|台$|院$/u;
/** Names of administrative bodies: bureaus, commissions, offices, courts, governments. */
const ADMINISTRATIVE =
  /局$|委员会|委$|办公厅|办公室|厅$|政府|街道办事处|人民法院|人民检察院|人大|政协|部$|署$/u;

function bodyOf(name: string): Applicability["body"] {
  const n = name.replace(/[（(][^）)]*[）)]$/u, "").trim();
  // The last words name the body: "…医疗保障服务中心" is an institution even under a 局.
  if (INSTITUTION.test(n) && !/(?:局|委员会|办公厅|办公室)$/u.test(n)) return "institution";
  if (ADMINISTRATIVE.test(n)) return "administrative";
  return "unknown";
}

function centralUniversity(doc: Disclosure): boolean {
  return doc.entity.government === "central" && /大学|学院|学校/u.test(doc.entity.name);
}

/** A Shanghai district's body: "上海市普陀区…" (a district, not the municipality). */
function shanghaiDistrict(doc: Disclosure): boolean {
  const text = `${doc.entity.name} ${doc.entity.parent ?? ""}`;
  return /上海市?[^市，。\s]{1,6}区/u.test(text);
}

/**
 * How many of the document's tables carry a title of the Shanghai district
 * set that the national set does not use ("部门财务收支预算总表" …): a body
 * that fills in that template follows it, whatever its name says or lacks.
 */
function shanghaiTitles(doc: Disclosure): number {
  const bare = (t: string) =>
    t
      .replace(/\s+/gu, "")
      .replace(/^(?:[一二三四五六七八九十]+、|\d+[.、])?(?:\d{4}年(?:度)?)?/u, "")
      .replace(/[（(]续[）)]$/u, "");
  const national = new Set(NATIONAL_PROFILE.tables[doc.kind].map((t) => t.title));
  const own = new Set(
    SHANGHAI_DISTRICT_PROFILE.tables[doc.kind]
      .flatMap((t) => [t.title, ...(t.unitTitle ? [t.unitTitle] : [])])
      .filter((t) => !national.has(t)),
  );
  return new Set(doc.tables.map((t) => bare(t.title)).filter((t) => own.has(t))).size;
}

/** At least this many of its distinctive titles: a document made from the Shanghai template. */
const SHANGHAI_TITLES = 5;

export function applicability(doc: Disclosure): Applicability {
  const body = bodyOf(doc.entity.name);
  const name = doc.entity.name || "本单位";
  if (centralUniversity(doc)) {
    return {
      profile: CENTRAL_UNIVERSITY_PROFILE,
      why: `${name}是中央部门所属高校`,
      body: "institution",
    };
  }
  if (shanghaiDistrict(doc)) {
    return { profile: SHANGHAI_DISTRICT_PROFILE, why: `${name}是上海市的区级预算单位`, body };
  }
  // Unnamed, or named without a region of its own: the template it was made from decides.
  const titles = shanghaiTitles(doc);
  if (titles >= SHANGHAI_TITLES && !/省|自治区|市/u.test(doc.entity.name)) {
    return {
      profile: SHANGHAI_DISTRICT_PROFILE,
      why: `文档的 ${titles} 张表使用上海市区级表样的标题`,
      body,
    };
  }
  return {
    profile: NATIONAL_PROFILE,
    why: "未识别为有本地表样的地区，按全国通用表样",
    body,
  };
}

/** "（按上海市区级表样：上海市普陀区财政局是上海市的区级预算单位）" */
export function becauseOf(a: Applicability): string {
  return `（按${a.profile.name}：${a.why}）`;
}
