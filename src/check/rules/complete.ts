/**
 * Rules of the `complete` family: what the official disclosure rules require
 * a document to contain, for its kind (部门预算 or 部门决算).
 */
import {
  CENTRAL_UNIVERSITY_PROFILE,
  inProfile,
  NATIONAL_PROFILE,
  profileTables,
} from "../../model/profiles.ts";
import type { Disclosure, Kind, Section, TableId } from "../../model/schema.ts";
import { compact } from "../../recognize/normalize.ts";
import type { Location, RawFinding, Rule } from "../types.ts";
import { sectionLocation, tableLocation, tableOf } from "../view.ts";

/** A university under a central ministry (西南大学, 教育部直属). */
function isCentralUniversity(doc: Disclosure): boolean {
  return doc.entity.government === "central" && /大学|学院|学校/.test(doc.entity.name);
}

/** Narrative topics a central ministry's university does not carry in its own disclosure. */
const UNIVERSITY_EXEMPT: ReadonlySet<string> = new Set([
  "three-public",
  "running-cost",
  "procurement",
]);

/** The tables this discloser must publish, by its level and kind of body. */
export function requiredTableNames(doc: Disclosure): Partial<Record<TableId, string>> {
  return profileTables(
    isCentralUniversity(doc) ? CENTRAL_UNIVERSITY_PROFILE : NATIONAL_PROFILE,
    doc.kind,
  );
}

/** The whole narrative, compacted, for presence tests. */
function narrative(doc: Disclosure): string {
  return compact(doc.sections.map((s) => `${s.heading}\n${s.text}`).join("\n"));
}

/** A heading that names a table (a table-of-contents entry such as “十、政府采购支出预算表”). */
function namesTable(s: Section): boolean {
  return /表$/.test(compact(s.heading));
}

/** A document with tables but no narrative at all was probably published as two files. */
function tablesOnly(doc: Disclosure): boolean {
  return doc.sections.every((s) => namesTable(s) || s.text.trim().length === 0);
}

/** Why the reading of a document is partial, or undefined when it was read in full. */
export function readingGap(doc: Disclosure): string | undefined {
  const r = doc.report;
  if (!r?.partial) return undefined;
  const parts: string[] = [];
  if (r.unclaimedPages.length > 0)
    parts.push(`第 ${r.unclaimedPages.map((p) => p.page).join("、")} 页的表格未能识别`);
  const skipped = r.readerWarnings.filter((w) =>
    /跳过|只读取|没有文字层|无法读取|隐藏|乱码/.test(w),
  );
  parts.push(...skipped);
  return parts.join("；") || "文档有部分内容未能读取";
}

const requiredTables: Rule = {
  id: "complete/required-tables",
  family: "complete",
  severity: "error",
  title: "缺少必须公开的表格",
  description:
    "部门预算应公开收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、一般公共预算“三公”经费支出表、政府性基金预算支出表 8 张表；部门决算应公开公开01–09表 9 张表。没有数据的表也应列出空表。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：部门预决算公开收支总体情况表 3 张、财政拨款收支情况表 5 张；各地决算公开表样为公开01–09表",
  confirmation: "official",
  *check({ doc }) {
    const names = requiredTableNames(doc);
    const missing = Object.entries(names).filter(([id]) => !tableOf(doc, id as TableId));
    if (missing.length === 0) return;
    // A narrative file published apart from its tables has none of them.
    if (missing.length === Object.keys(names).length) {
      yield {
        message: `未找到任何${doc.kind === "budget" ? "部门预算" : "部门决算"}公开表格；如表格另文公开，请一并检查表格文件`,
        locations: [{ line: 1 }],
        expected: Object.values(names).join("、"),
        actual: "无",
        severity: "warning",
      };
      return;
    }
    const gap = readingGap(doc);
    for (const [id, name] of missing) {
      if (gap) {
        // The reader did not get through the document: a table it did not see
        // may be on the pages it could not read. Say so; blame nobody.
        yield {
          message: `未能确认是否公开${name}：${gap}（读取缺口，不是文档的错误）`,
          locations: [{ line: 1 }],
          expected: name,
          actual: "未识别",
          severity: "info",
        };
        continue;
      }
      const listed = doc.report?.directory.find((e) => e.id === id);
      const finding: RawFinding = {
        message: listed
          ? `目录列出“${listed.title}”，正文中未见该表（没有数据的表格也应列出空表并说明）`
          : `未公开${name}（没有数据的表格也应列出空表并说明）`,
        locations: [listed ? { ...listed.source, quote: listed.title } : { line: 1 }],
        expected: name,
        actual: "未公开",
      };
      // 143号文 names five 财政拨款 tables; 国有资本经营 joined them in the
      // later 9-table templates, which not every region follows.
      if (id === "state_capital") {
        finding.severity = "warning";
        finding.message += "；财预〔2016〕143号未列此表，多数地区表样（公开01–09表）要求公开";
      }
      yield finding;
    }
  },
};

const EMPTY_NOTE =
  /空表|无(?:此项|相关|该项)?(?:收入|支出|收支|数据|安排|经费|预算|决算)|没有(?:使用|安排)?.{0,16}(?:收入|支出|收支|拨款|资金)|未(?:安排|发生|使用)|不涉及/;

const emptyTableNote: Rule = {
  id: "complete/empty-table-note",
  family: "complete",
  severity: "warning",
  title: "空表未作说明",
  description:
    "没有数据的表格应当列出空表并说明原因（如“本单位无政府性基金预算收入，也没有使用政府性基金预算拨款安排的支出，故本表无数据”）。表下或说明中找不到这样的说明时提示。",
  basis: "财预〔2016〕143号：没有数据的表格应当列出空表并说明",
  confirmation: "official",
  *check({ doc }) {
    const text = narrative(doc);
    for (const table of doc.tables) {
      if (!table.empty || table.emptyNote) continue;
      // Only the standard tables: 政府采购, 结转 and similar tables are kept generic by
      // recognition, so "no amounts found" there does not yet mean an empty table.
      if (!inProfile(NATIONAL_PROFILE, table.id)) continue;
      // The narrative may explain it instead ("没有使用政府性基金预算拨款安排的支出").
      const topic = TOPICS[table.id];
      if (topic && explainsNothing(text, topic)) continue;
      yield {
        message: `${table.title} 为空表，但表下和说明中均未说明原因`,
        locations: [tableLocation(table)],
        expected: "空表说明",
        actual: "无说明",
      };
    }
  },
};

/** How the narrative names each table's subject, to find an explanation of an empty table. */
const TOPICS: Partial<Record<TableId, RegExp>> = {
  gov_fund: /政府性基金/,
  state_capital: /国有资本经营/,
  three_public: /三公/,
  procurement: /政府采购/,
  projects: /项目支出/,
  carryover: /结转/,
  income: /收入/,
  expenditure: /支出/,
  assets: /资产/,
};

function explainsNothing(text: string, topic: RegExp): boolean {
  for (const sentence of text.split(/[。；;\n]/)) {
    if (topic.test(sentence) && EMPTY_NOTE.test(sentence)) return true;
    if (topic.test(sentence) && /(?:为|均为)0(?:\.0+)?(?:万?元)?/.test(sentence)) return true;
  }
  return false;
}

interface Topic {
  id: string;
  title: string;
  /** A heading or sentence that shows the topic is covered. */
  pattern: RegExp;
  kinds?: Kind[];
  severity: "error" | "warning";
  basis: string;
}

const REQUIRED_SECTIONS: Topic[] = [
  {
    id: "three-public",
    title: "“三公”经费说明",
    pattern: /三公/,
    severity: "error",
    basis:
      "财预〔2016〕143号：三公经费按因公出国（境）费、公务用车购置及运行费、公务接待费公开，并说明增减变化情况",
  },
  {
    id: "running-cost",
    title: "机关运行经费说明",
    pattern: /机关运行经费|机构运行经费|公用经费情况/,
    severity: "error",
    basis: "《预算法》第十四条：对部门预算、决算中机关运行经费的安排、使用情况等重要事项作出说明",
  },
  {
    id: "procurement",
    title: "政府采购情况说明",
    pattern: /政府采购/,
    severity: "error",
    basis: "《预算法》第十四条第三款；财预〔2016〕143号：说明政府采购（货物、工程、服务）金额",
  },
  {
    id: "assets",
    title: "国有资产占用情况说明",
    pattern: /国有资产|资产占用|资产占有/,
    severity: "warning",
    basis:
      "财预〔2016〕143号：逐步公开国有资产占用等情况；财政部检查通报（2018：20647 家未公开国有资产占用情况说明）",
  },
  {
    id: "performance",
    title: "绩效目标（绩效评价）情况说明",
    pattern: /绩效/,
    severity: "warning",
    basis: "财预〔2016〕143号：逐步公开重点项目预算的绩效目标（预算）、绩效评价结果（决算）",
  },
  {
    id: "glossary",
    title: "名词解释",
    pattern: /名词解释|专业名词|名词说明/,
    severity: "warning",
    basis: "财预〔2016〕143号：对专业性较强的名词进行解释",
  },
  {
    id: "duties",
    title: "部门职责及机构设置",
    // A school or hospital describes itself under 概况 / 基本情况 / 单位构成.
    pattern: /职责|职能|机构设置|内设机构|(?:学校|单位|部门)(?:基本)?(?:概况|情况)|基本情况|预算单位构成/,
    severity: "warning",
    basis: "财预〔2016〕143号：说明本部门职责、机构设置情况",
  },
];

const requiredSections: Rule = {
  id: "complete/required-sections",
  family: "complete",
  severity: "error",
  title: "缺少必须说明的事项",
  description:
    "部门预决算说明应包括部门职责及机构设置、收支增减变化、机关运行经费、“三公”经费、政府采购、国有资产占用、绩效目标或绩效评价结果和名词解释。说明中找不到某一事项时报告。",
  basis: "《预算法》第十四条；《预算法实施条例》第六条；财预〔2016〕143号",
  confirmation: "official",
  *check({ doc }) {
    if (tablesOnly(doc)) {
      yield {
        message:
          "文件中只有表格，没有情况说明；如说明另文公开，请一并检查说明文件（职责、机关运行经费、三公、政府采购、国有资产、绩效、名词解释）",
        locations: [{ line: 1 }],
        expected: "情况说明",
        actual: "无",
        severity: "warning",
      };
      return;
    }
    const text = narrative(doc);
    const university = isCentralUniversity(doc);
    for (const topic of REQUIRED_SECTIONS) {
      if (topic.kinds && !topic.kinds.includes(doc.kind)) continue;
      // A ministry's university reports in the ministry's format: 机关运行经费 is
      // an administrative body's matter, and 三公/政府采购 are disclosed by the ministry.
      if (university && UNIVERSITY_EXEMPT.has(topic.id)) continue;
      if (topic.pattern.test(text)) continue;
      yield {
        message: `说明中没有${topic.title}`,
        locations: [{ line: 1 }],
        expected: topic.title,
        actual: "未说明",
        severity: topic.severity,
      };
    }
  },
};

/** A heading whose text is empty, or says only 无, where the topic must be explained. */
const emptySection: Rule = {
  id: "complete/empty-section",
  family: "complete",
  severity: "warning",
  title: "说明标题下没有内容",
  description:
    "说明的某个标题下没有任何内容（且没有下级标题），或只写了“无”。机关运行经费、三公经费、政府采购等必须说明的事项如此处理视为未说明（错误）；其他标题提示补充。",
  basis: "《预算法》第十四条；财预〔2016〕143号（必须说明的事项）",
  confirmation: "official",
  *check({ doc }) {
    const sections = doc.sections;
    let inAnnex = false;
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i] as Section;
      // Appended reports (附件: 绩效评价报告 …) have headings of their own style.
      if (s.level === 1) inAnnex = /附件|附表/.test(s.heading);
      if (inAnnex || namesTable(s)) continue;
      const next = sections[i + 1];
      const hasChildren = next !== undefined && next.level > s.level;
      const body = compact(s.text);
      const empty = body === "" || /^(?:无|暂无|没有)[。.]?$/.test(body);
      if (!empty || (body === "" && hasChildren)) continue;
      // Headings of appendices and part titles carry no text of their own.
      if (s.level === 1 && body === "") continue;
      const required = REQUIRED_SECTIONS.find(
        (t) => t.severity === "error" && t.pattern.test(compact(s.heading)),
      );
      // "无" under a required topic says nothing: which expenses, why none?
      const finding: RawFinding = {
        message: required
          ? `“${s.heading.trim()}”下${body === "" ? "没有内容" : `只写了“${s.text.trim()}”`}，${required.title}属于必须说明的事项，应说明金额及增减变化（确无此项支出也应写明原因）`
          : `“${s.heading.trim()}”下没有内容`,
        locations: [sectionLocation(s) as Location],
        expected: required ? required.title : "说明内容",
        actual: body === "" ? "空" : s.text.trim(),
      };
      if (required) finding.severity = "error";
      // A bare "无", or a run of short numbered lines under a report, is not worth a note.
      // A list item that reads as a sentence ("（十五）决定授予地方的荣誉称号。") is no heading.
      else if (body !== "" || s.level === 4 || /[。；;]$/.test(s.heading.trim())) continue;
      yield finding;
    }
  },
};

export const completeRules: Rule[] = [
  requiredTables,
  emptyTableNote,
  requiredSections,
  emptySection,
];
