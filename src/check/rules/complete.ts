/**
 * Rules of the `complete` family: what the official disclosure rules require
 * a document to contain, for its kind (部门预算 or 部门决算).
 */

import { inProfile, NATIONAL_PROFILE, profileTables } from "../../model/profiles.ts";
import type { Claim, Disclosure, Kind, Section, Table, TableId } from "../../model/schema.ts";
import { compact } from "../../recognize/normalize.ts";
import { saysEmpty } from "../../recognize/tables/common.ts";
import { applicability, becauseOf } from "../applicability.ts";
import type { Location, RawFinding, Rule } from "../types.ts";
import {
  claimLocation,
  money,
  rowLocation,
  sectionLocation,
  tableLocation,
  tableOf,
  tablesOf,
} from "../view.ts";
import { tableNumbers } from "./complete/table-numbers.ts";

/** Narrative topics a central ministry's university does not carry in its own disclosure. */
const UNIVERSITY_EXEMPT: ReadonlySet<string> = new Set([
  "three-public",
  "running-cost",
  "procurement",
]);

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

/**
 * The reader's word that it stopped before the end (a page bound, the time
 * limit): whatever is missing may be on the pages it did not read.
 */
export function pagesNotRead(doc: Disclosure): string | undefined {
  const stopped = (doc.report?.readerWarnings ?? []).filter((w) => /只读取|读取超时/.test(w));
  return stopped.length > 0 ? stopped.join("；") : undefined;
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
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：部门预决算公开收支总体情况表和财政拨款收支情况表；本地区的公开表样（如决算公开01–09表）。",
  confirmation: "official",
  *check({ doc }) {
    const applies = applicability(doc);
    const names = profileTables(applies.profile, doc.kind);
    const missing = Object.entries(names).filter(([id]) => !tableOf(doc, id as TableId));
    // A narrative file published apart from its tables has none of them (a
    // 目录 line it prints may still read as a title with nothing under it).
    if (missing.length === Object.keys(names).length || doc.report?.half === "narrative") {
      yield {
        message:
          doc.report?.half === "narrative"
            ? `本文件只有说明，像是分两个文件公开的一半，未找到任何${doc.kind === "budget" ? "部门预算" : "部门决算"}公开表格；表格另文公开的，请与表格文件合并检查（gongkai check 说明文件 表格文件 --as-one）`
            : `未找到任何${doc.kind === "budget" ? "部门预算" : "部门决算"}公开表格；如表格另文公开，请一并检查表格文件（gongkai check 说明文件 表格文件 --as-one）`,
        locations: [{ line: 1 }],
        expected: Object.values(names).join("、"),
        actual: "无",
        severity: "warning",
      };
      return;
    }
    // Beyond the set the profile requires, every table the document's own 目录
    // lists must be in the body (财政拨款支出表, 政府采购表, 机关运行经费表 …).
    if (missing.length < Object.keys(names).length && !readingGap(doc)) {
      const said = new Set<string>();
      for (const e of doc.report?.directory ?? []) {
        if (e.found || !e.id || e.id === "other" || e.id in names || said.has(e.id)) continue;
        if (tableOf(doc, e.id)) continue;
        said.add(e.id);
        yield {
          message: `目录列出“${e.title}”，正文中未见该表（没有数据的表格也应列出空表并说明）`,
          locations: [{ ...e.source, quote: e.title }],
          expected: e.title,
          actual: "未公开",
        };
      }
    }
    if (missing.length === 0) return;
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
          ? `目录列出“${listed.title}”，正文中未见该表${becauseOf(applies)}（没有数据的表格也应列出空表并说明）`
          : `未公开${name}${becauseOf(applies)}（没有数据的表格也应列出空表并说明）`,
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
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：没有数据的表格应当列出空表并说明。",
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
    // “本部门无政府性基金预算” (Jiangsu 2017): 无 with the table's own subject.
    if (new RegExp(`(?:无|没有)(?:${topic.source})`, "u").test(sentence)) return true;
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
      "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：“三公”经费按因公出国（境）费、公务用车购置及运行费、公务接待费公开，并说明增减变化情况",
  },
  {
    id: "running-cost",
    title: "机关运行经费说明",
    pattern: /机关运行经费|机构运行经费|公用经费情况/,
    severity: "error",
    basis:
      "《中华人民共和国预算法》第十四条：对部门预算、决算中机关运行经费的安排、使用情况等重要事项作出说明",
  },
  {
    id: "procurement",
    title: "政府采购情况说明",
    pattern: /政府采购/,
    severity: "error",
    basis:
      "《中华人民共和国预算法》第十四条：政府采购的情况及时向社会公开；财政部《地方预决算公开操作规程》（财预〔2016〕143号）：说明政府采购（货物、工程、服务）金额",
  },
  {
    id: "assets",
    title: "国有资产占用情况说明",
    pattern: /国有资产|资产占用|资产占有/,
    severity: "warning",
    basis: "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：逐步公开国有资产占用情况",
  },
  {
    id: "performance",
    title: "绩效目标（绩效评价）情况说明",
    pattern: /绩效/,
    severity: "warning",
    basis:
      "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：逐步公开重点项目预算的绩效目标（预算）、绩效评价结果（决算）",
  },
  {
    id: "glossary",
    title: "名词解释",
    pattern: /名词解释|专业名词|名词说明/,
    severity: "warning",
    basis: "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：对专业性较强的名词进行解释",
  },
  {
    id: "duties",
    title: "部门职责及机构设置",
    // A school or hospital describes itself under 概况 / 基本情况 / 单位构成.
    pattern:
      /职责|职能|机构设置|内设机构|(?:学校|单位|部门)(?:基本)?(?:概况|情况)|基本情况|预算单位构成/,
    severity: "warning",
    basis: "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：说明本部门职责、机构设置情况",
  },
];

const requiredSections: Rule = {
  id: "complete/required-sections",
  family: "complete",
  severity: "error",
  title: "缺少必须说明的事项",
  description:
    "部门预决算说明应包括部门职责及机构设置、收支增减变化、机关运行经费、“三公”经费、政府采购、国有资产占用、绩效目标或绩效评价结果和名词解释。说明中找不到某一事项时报告。",
  basis:
    "《中华人民共和国预算法》第十四条；《中华人民共和国预算法实施条例》（国务院令第729号）第六条；财政部《地方预决算公开操作规程》（财预〔2016〕143号）：部门预决算应当说明的事项。",
  confirmation: "official",
  *check({ doc }) {
    const notRead = pagesNotRead(doc);
    if (tablesOnly(doc) && notRead) {
      yield {
        message: `未能确认是否有情况说明：${notRead}（读取缺口，不是文档的错误）`,
        locations: [{ line: 1 }],
        expected: "情况说明",
        actual: "未读取",
        severity: "info",
      };
      return;
    }
    if (tablesOnly(doc)) {
      yield {
        message:
          "文件中只有表格，没有情况说明；如说明另文公开，请与说明文件合并检查（gongkai check 说明文件 表格文件 --as-one；说明应包括职责、机关运行经费、三公、政府采购、国有资产、绩效、名词解释）",
        locations: [{ line: 1 }],
        expected: "情况说明",
        actual: "无",
        severity: "warning",
      };
      return;
    }
    const text = narrative(doc);
    const applies = applicability(doc);
    const university = applies.profile.id === "central_university";
    for (const topic of REQUIRED_SECTIONS) {
      if (topic.kinds && !topic.kinds.includes(doc.kind)) continue;
      // A ministry's university reports in the ministry's format: 机关运行经费 is
      // an administrative body's matter, and 三公/政府采购 are disclosed by the ministry.
      if (university && UNIVERSITY_EXEMPT.has(topic.id)) continue;
      if (topic.pattern.test(text)) continue;
      if (notRead) {
        yield {
          message: `未能确认说明中是否有${topic.title}：${notRead}（读取缺口，不是文档的错误）`,
          locations: [{ line: 1 }],
          expected: topic.title,
          actual: "未读取",
          severity: "info",
        };
        continue;
      }
      // 机关运行经费 is the 公用经费 of administrative bodies (and 参公 units):
      // a public institution may say it has none, but need not.
      const institution = topic.id === "running-cost" && applies.body === "institution";
      yield {
        message: institution
          ? `说明中没有${topic.title}（${doc.entity.name}像是事业单位：参照公务员法管理的事业单位也应说明，否则可说明“无机关运行经费”）`
          : `说明中没有${topic.title}（${topic.basis}）`,
        locations: [{ line: 1 }],
        expected: topic.title,
        actual: "未说明",
        severity: institution ? "warning" : topic.severity,
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
  basis:
    "《中华人民共和国预算法》第十四条；财政部《地方预决算公开操作规程》（财预〔2016〕143号）：应当说明的事项须有内容。",
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

/**
 * Tables that hold one subject the narrative also states an amount for, the
 * claims (by line key) that speak about it, and the words naming it.
 */
const SUBJECT_TABLES: {
  id: TableId;
  name: string;
  claims: (key: string) => boolean;
  words: RegExp;
}[] = [
  {
    id: "gov_fund",
    name: "政府性基金",
    claims: (k) => k === "gov_fund.expenditure" || k === "income.gov_fund",
    words: /政府性基金|政府基金/u,
  },
  {
    id: "state_capital",
    name: "国有资本经营",
    claims: (k) => k === "state_capital.expenditure" || k === "income.state_capital",
    words: /国有资本经营/u,
  },
  {
    id: "three_public",
    name: "“三公”经费",
    claims: (k) => k.startsWith("three_public."),
    words: /三公|因公出国|公务用车|公务接待/u,
  },
];

/** A money figure as sentences print it, to find where a claim's amount is in its quote. */
const MONEY_RE = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(?:万元|元|万)/gu;

/** The words of a claim's quote before its amount (the whole quote when it cannot be found). */
function beforeAmount(c: Claim): string {
  const amount = Math.abs(c.amount ?? 0);
  MONEY_RE.lastIndex = 0;
  for (let m = MONEY_RE.exec(c.quote); m; m = MONEY_RE.exec(c.quote)) {
    const whole = Number((m[1] ?? "0").replace(/,/gu, ""));
    const frac = Number((m[2] ?? "").slice(0, 2).padEnd(2, "0"));
    if (whole * 100 + frac === amount) return c.quote.slice(0, m.index);
  }
  return c.quote;
}

/** The amount is last year's (“上年…支出 5 万元”), not this document's year. */
function priorYears(c: Claim, year: number): boolean {
  return new RegExp(`上年|去年|上一年|${year - 1}\\s*年`, "u").test(beforeAmount(c));
}

const emptyTableAmount: Rule = {
  id: "complete/empty-table-amount",
  family: "complete",
  severity: "error",
  title: "空表与说明中的金额矛盾",
  description:
    "文档注明某张表为空表（如“本部门无政府性基金预算财政拨款安排的预算，故本表为空表”），说明中却写了该表事项不为零的金额（如“政府性基金预算支出 120.00 万元”）：两处至少有一处是错的——要么表格漏填，要么说明套用了别的文本。检查政府性基金、国有资本经营和“三公”经费三类表；表格没有空表说明的（可能是表格未能识别）不报告，说的是上年数的句子不比较。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：没有数据的表格应当列出空表并说明；一致性：说明给出金额的表不能是空表，空表的说明不能给出金额。",
  confirmation: "official",
  *check({ doc }) {
    for (const subject of SUBJECT_TABLES) {
      const tables = tablesOf(doc, subject.id);
      const noted = tables.find((t) => t.empty && t.emptyNote);
      if (!noted?.emptyNote || tables.some((t) => !t.empty)) continue;
      for (const c of doc.claims) {
        const key = c.subject.key;
        if (!key || !subject.claims(key) || !c.amount || !c.unit) continue;
        if (priorYears(c, doc.year)) continue;
        yield {
          message: `${noted.title}注明为空表（“${noted.emptyNote.trim()}”），说明却称${c.subject.label}为 ${money(c.amount, c.unit)}（“${c.quote}”），两者矛盾。`,
          locations: [claimLocation(c), { ...tableLocation(noted), quote: noted.emptyNote.trim() }],
          expected: `${subject.name}金额为 0，或表格填列该金额`,
          actual: money(c.amount, c.unit),
        };
      }
    }
  },
};

/** The first cell of a table that prints a figure other than zero. */
function firstFigure(table: Table): { location: Location; text: string } | undefined {
  for (const row of table.rows) {
    for (const [column, cell] of Object.entries(row.cells)) {
      if (cell.amount === null || cell.amount === 0) continue;
      const label = table.columns.find((c) => c.id === column)?.label ?? column;
      return {
        location: { ...rowLocation(table, row), column },
        text: `“${row.name.trim() || row.key}”行“${label.replace(/\s+/gu, "")}”${cell.text.trim()}`,
      };
    }
  }
  return undefined;
}

/** A sentence of the narrative that says a table is empty (“…表为空表”, “并已公开空表”). */
const SAYS_TABLE_EMPTY_RE = /空表|表(?:为空|无数据)/u;

const emptyNoteFigures: Rule = {
  id: "complete/empty-note-figures",
  family: "complete",
  severity: "error",
  title: "有数据的表注明为空表",
  description:
    "表格下方注明“本表为空表”“本表无数据”“本单位无此项支出”，表中却印有不为零的金额：说明与表格矛盾，多是上年的空表说明没有随数据更新。说明中称政府性基金、国有资本经营或“三公”经费表为空表，而该表印有金额的，记为警告（说明中的表名可能指的是另一张表）。只描述表格内容的附注（“注：本表反映…”）不算空表说明。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：没有数据的表格应当列出空表并说明——空表说明只用于没有数据的表。",
  confirmation: "official",
  *check({ doc }) {
    for (const table of doc.tables) {
      const note = table.emptyNote?.trim();
      if (table.empty || !note || !saysEmpty(note)) continue;
      const figure = firstFigure(table);
      if (!figure) continue;
      yield {
        message: `${table.title}下注明“${note}”，但表中印有金额（${figure.text}），空表说明与表格矛盾。`,
        locations: [{ ...tableLocation(table), quote: note }, figure.location],
        expected: "删除空表说明，或核实表中金额",
        actual: note,
      };
    }
    for (const section of doc.sections) {
      for (const sentence of section.text.split(/[。；;\n]/u)) {
        if (!SAYS_TABLE_EMPTY_RE.test(sentence)) continue;
        const named = SUBJECT_TABLES.filter((s) => s.words.test(sentence));
        if (named.length !== 1) continue;
        const subject = named[0] as (typeof SUBJECT_TABLES)[number];
        const table = tablesOf(doc, subject.id).find((t) => !t.empty);
        const figure = table && firstFigure(table);
        if (!table || !figure) continue;
        yield {
          severity: "warning",
          message: `说明称“${sentence.trim()}”，但${table.title}印有金额（${figure.text}）。`,
          locations: [sectionLocation(section, sentence.trim()), figure.location],
          expected: `${subject.name}表为空表，或删除该说明`,
          actual: figure.text,
        };
      }
    }
  },
};

const emptyNoteSubject: Rule = {
  id: "complete/empty-note-subject",
  family: "complete",
  severity: "warning",
  title: "空表说明写的是另一张表的事项",
  description:
    "空表说明应说明本表为什么没有数据。国有资本经营预算支出表下写“本部门无政府性基金预算财政拨款安排的预算，故本表为空表”，是照搬了相邻政府性基金表的说明，没有改成本表的事项。检查政府性基金、国有资本经营和“三公”经费三张表：说明指明“本表”、却只提到另一张表的事项而没有提到本表事项的，报告。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：没有数据的表格应当列出空表并说明；说明所称的表应是其所在的表。",
  confirmation: "practice",
  *check({ doc }) {
    for (const table of doc.tables) {
      const note = table.emptyNote?.trim();
      const own = SUBJECT_TABLES.find((s) => s.id === table.id);
      // Only a note about this table (“故本表为空表”): a line of the next table may end up here.
      if (!note || !own || own.words.test(note) || !/(?:本|此|该)表/u.test(note)) continue;
      const other = SUBJECT_TABLES.find((s) => s !== own && s.words.test(note));
      if (!other) continue;
      yield {
        message: `${table.title}的空表说明“${note}”写的是${other.name}，不是本表的${own.name}，像是照搬了${other.name}表的说明。`,
        locations: [{ ...tableLocation(table), quote: note }],
        expected: `说明本单位无${own.name}收支`,
        actual: note,
      };
    }
  },
};

/**
 * The 目录 against the body the other way round: a standard table printed in
 * the body that the document's own 目录 does not list. (Listed but absent is
 * complete/required-tables.) Only a 目录 that lists tables one by one is
 * compared — one that says "部门预算公开表" for all of them lists none.
 */
const directoryListsTables: Rule = {
  id: "complete/directory-lists-tables",
  family: "complete",
  severity: "warning",
  title: "目录列出正文中的每张表",
  description:
    "文档有逐表列示的目录时，正文中公开的每张标准表格都应在目录中列出。正文有表而目录未列，读者按目录查找不到，也可能是目录沿用了旧模板。",
  basis:
    "一致性：目录与正文一致；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开形式规范、便于查阅。",
  confirmation: "practice",
  *check({ doc }) {
    const directory = doc.report?.directory ?? [];
    const listed = new Set(directory.map((e) => e.id).filter((id) => id !== undefined));
    if (listed.size < 3) return;
    const said = new Set<string>();
    for (const table of doc.tables) {
      // A 绩效 form is never a 目录 entry here (readDirectory leaves them out: they
      // sit under an attachment's heading), so its absence from the list says nothing.
      if (table.id === "other" || table.id === "performance") continue;
      if (listed.has(table.id) || said.has(table.id)) continue;
      said.add(table.id);
      yield {
        message: `正文中有“${table.title}”，目录未列出（目录共列 ${directory.length} 项）。`,
        locations: [tableLocation(table), ...(directory[0] ? [{ ...directory[0].source }] : [])],
        expected: "目录列出该表",
        actual: "目录未列",
      };
    }
  },
};

export const completeRules: Rule[] = [
  requiredTables,
  directoryListsTables,
  tableNumbers,
  emptyTableNote,
  requiredSections,
  emptySection,
  emptyTableAmount,
  emptyNoteFigures,
  emptyNoteSubject,
];
