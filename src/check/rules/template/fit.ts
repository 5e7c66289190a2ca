/**
 * Text that does not fit the document it is in: boilerplate written for
 * another level of government, another entity's name, 部门 wording in a
 * 单位 document, paragraphs pasted twice, headings of another year.
 */
import type { Disclosure, Section } from "../../../model/schema.ts";
import type { Rule } from "../../types.ts";
import { sectionLocation } from "../../view.ts";
import { distinct, scan } from "./scan.ts";

/** Phrases that only a provincial (省级) document can say of itself. */
const PROVINCIAL_RE =
  /省级财政|省本级财政|省直部门|省直单位|省级部门(?:预算|决算)|纳入省级财政|省级预决算/gu;

export const foreignLevel: Rule = {
  id: "template/foreign-level",
  family: "template",
  severity: "warning",
  title: "套用了其他层级政府的说明文字",
  description:
    "市、县（区）、乡镇部门的公开文本中出现“省级财政”“省直部门”等省级表述，多见于直接照搬省级模板的名词解释（如“一般公共预算财政拨款收入：指省级财政当年拨付的资金”），与本单位的资金来源不符。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求内容准确：说明应写本级（本部门）的情况，不应沿用其他层级的表述。",
  confirmation: "practice",
  *check({ doc }) {
    const g = doc.entity.government;
    if (g !== "county" && g !== "city" && g !== "township") return;
    const level = { county: "县（区）级", city: "市级", township: "乡镇级" }[g];
    for (const m of distinct(scan(doc, PROVINCIAL_RE, { tables: false }))) {
      yield {
        message: `“${m.sentence}”写的是“${m.text}”，但${doc.entity.name}是${level}单位，这是照搬省级模板的表述。`,
        locations: [m.location],
        expected: `${level}表述（如“本级财政”）`,
        actual: m.text,
      };
    }
  },
};

const ORG_END = "局|中心|委员会|委|办公室|办|院|所|站|队|馆|处|会|厅|社|校|园|部";
/** An entity named where a document names itself: a heading's “X概况” or “关于X 2025 年”, a sentence opening “X 2025 年…”. */
const SELF_NAME_RE = new RegExp(
  // One bounded lazy run (no nested repetition): linear on any input.
  `(?:^|第[一二三四五六七八九十]+部分\\s*|关于\\s*|[。；\\n]\\s*)([\\u4e00-\\u9fa5（）()]{2,30}?(?:${ORG_END}))\\s*(?:概况|[12]\\d{3}\\s*年)`,
  "gu",
);

function normalizeName(s: string): string {
  return s.replace(/[（）()\s]/gu, "");
}

/** Whether the characters of `short` appear in `long` in order (省检察院 in 江苏省人民检察院). */
function subsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** The same entity written with or without its region prefix, or abbreviated. */
function sameEntity(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === y || x.endsWith(y) || y.endsWith(x)) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 4 && short.slice(-1) === long.slice(-1) && subsequence(short, long);
}

export const entityName: Rule = {
  id: "template/entity-name",
  family: "template",
  severity: "warning",
  title: "单位名称前后一致",
  description:
    "标题与正文在介绍本单位时（“第一部分 X概况”“关于X 2025 年部门收支预算情况的总体说明”“X 2025 年收入预算…”）应使用同一个全称。出现另一个单位的名称，多半是套用了别的单位的文本；只差行政区划前缀或为简称的（“曾都区…”与“随州市曾都区…”，“省检察院”与“江苏省人民检察院”）记为提示。",
  basis:
    "一致性：单位全称在封面、表头和正文中相同；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求内容准确。",
  confirmation: "practice",
  *check({ doc }) {
    const own = doc.entity.name;
    if (!own) return;
    const known = [own, doc.entity.parent ?? ""].filter((n) => n !== "");
    const reported = new Set<string>();
    for (const m of scan(doc, SELF_NAME_RE, { tables: false })) {
      const name = (m.groups[0] ?? "").trim();
      if (name.length < 4 || /[XxＸ×某]/u.test(name) || reported.has(name)) continue;
      if (/^(?:本|该|各|全|我)/u.test(name)) continue;
      const exact = known.some((k) => normalizeName(k) === normalizeName(name));
      if (exact) continue;
      const variant = known.some((k) => sameEntity(k, name));
      // A name that neither is nor contains a known one may be a subordinate unit the text lists.
      const related = known.some((k) => name.includes(normalizeName(k).slice(-4)));
      if (!variant && related) continue;
      reported.add(name);
      yield {
        ...(variant ? { severity: "info" as const } : {}),
        message: variant
          ? `“${m.sentence}”称本单位为“${name}”，与文档其他处的“${own}”写法不同（简称或行政区划前缀不一致）。`
          : `“${m.sentence}”中的单位名称“${name}”与本文档的单位“${own}”不符，可能套用了其他单位的文本。`,
        locations: [m.location],
        expected: own,
        actual: name,
      };
    }
  },
};

function countOf(doc: Disclosure, re: RegExp): { n: number; first?: Section } {
  let n = 0;
  let first: Section | undefined;
  for (const s of doc.sections) {
    const k = (s.text.match(re) ?? []).length + (s.heading.match(re) ?? []).length;
    if (k > 0 && !first) first = s;
    n += k;
  }
  return first ? { n, first } : { n };
}

export const departmentUnitWording: Rule = {
  id: "template/department-unit-wording",
  family: "template",
  severity: "warning",
  title: "部门与单位称谓一致",
  description:
    "单位预算（决算）公开文本应自称“本单位”；称“本部门”多是套用了部门模板。部门文本中“本部门”与“本单位”混用的，记为提示：部门汇总了所属单位时两种说法可能都对，需要人工判断。",
  basis: "一致性：部门预决算与单位预决算的称谓须与公开主体一致（部门公开的表头为“编制部门”）。",
  confirmation: "practice",
  *check({ doc }) {
    const dept = countOf(doc, /本部门/gu);
    const unit = countOf(doc, /本单位/gu);
    if (doc.entity.level === "unit" && dept.first) {
      yield {
        message: `本文档是单位公开文本（${doc.entity.name}），但“${dept.first.heading}”等处 ${dept.n} 次自称“本部门”，应为“本单位”。`,
        locations: [sectionLocation(dept.first, "本部门")],
        expected: "本单位",
        actual: "本部门",
      };
    } else if (doc.entity.level === "department" && dept.first && unit.first) {
      yield {
        severity: "info",
        message: `本文档自称“本部门” ${dept.n} 次、“本单位” ${unit.n} 次（首见于“${dept.first.heading}”与“${unit.first.heading}”），称谓不统一，请确认是否指同一主体。`,
        locations: [sectionLocation(dept.first, "本部门"), sectionLocation(unit.first, "本单位")],
        expected: "统一称谓",
        actual: "本部门 / 本单位混用",
      };
    }
  },
};

/** Paragraphs long enough that a repeat is not a coincidence. */
const MIN_DUPLICATE = 40;

export const duplicateParagraph: Rule = {
  id: "template/duplicate-paragraph",
  family: "template",
  severity: "warning",
  title: "段落重复",
  description:
    "同一段文字（40 字以上）在说明中出现两次，多为复制粘贴时重复。同一节内重复的记为警告；在不同章节（如正文与附件）重复的记为提示。",
  basis: "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求形式规范：同一段落不重复出现。",
  confirmation: "practice",
  *check({ doc }) {
    const seen = new Map<string, Section>();
    for (const s of doc.sections) {
      for (const raw of s.text.split("\n")) {
        const p = raw.replace(/\s+/gu, "");
        if (p.length < MIN_DUPLICATE || !/[\u4e00-\u9fa5]{10}/u.test(p)) continue;
        const before = seen.get(p);
        if (!before) {
          seen.set(p, s);
          continue;
        }
        const same = before === s;
        yield {
          ...(same ? {} : { severity: "info" as const }),
          message: same
            ? `“${s.heading}”中同一段文字出现两次：“${raw.trim().slice(0, 80)}”。`
            : `“${raw.trim().slice(0, 80)}”在“${before.heading}”与“${s.heading}”中重复出现。`,
          locations: [sectionLocation(before, raw.trim()), sectionLocation(s, raw.trim())],
          actual: "段落重复",
        };
      }
    }
  },
};

const HEADING_YEAR_RE = /([12]\d{3})\s*年度?[^，。]{0,30}?(?:预算|决算)/gu;

export const headingYear: Rule = {
  id: "template/heading-year",
  family: "template",
  severity: "error",
  title: "标题年度与文档年度一致",
  description:
    "章节标题和表格标题中写的预算（决算）年度应是文档的年度：2025 年部门预算的标题写“2024 年部门预算情况说明”，是沿用上年模板未改。决算文本的标题写当年决算；年初预算等对比年度不在标题中出现。",
  basis: "一致性：标题中的年度应为本文档的预算（决算）年度。",
  confirmation: "practice",
  *check({ doc }) {
    const found = scan(doc, HEADING_YEAR_RE).filter((m) => m.inHeading);
    for (const m of distinct(found)) {
      const year = Number(m.groups[0]);
      if (year === doc.year) continue;
      yield {
        message: `${m.table ? "表格" : "章节"}标题“${m.sentence}”写的是 ${year} 年，本文档是 ${doc.year} 年${doc.kind === "budget" ? "预算" : "决算"}。`,
        locations: [m.location],
        expected: `${doc.year} 年`,
        actual: `${year} 年`,
      };
    }
  },
};
