/**
 * The year a sentence gives its own figures must be the document's year: a
 * 2025 budget that says “2024 年预算安排 10 万元” restates last year's text.
 */
import type { Claim, Disclosure, Section } from "../../../model/schema.ts";
import type { Location, Rule } from "../../types.ts";
import { claimLocation, sectionLocation } from "../../view.ts";

/** A year followed by the document's own kind of figure. */
const BUDGET_YEAR_RE =
  /([12]\d{3})\s*年度?\s*(?:部门|单位)?\s*(?:年初)?(?:预算安排|安排预算|预算数?为|预算金额|预算收入|预算支出|收支预算|收支总预算|收入预算|支出预算|部门预算|单位预算)/gu;
const FINAL_YEAR_RE =
  /([12]\d{3})\s*年度?\s*(?:部门|单位)?\s*(?:决算数?为|收支决算|收入支出决算|收入支出总计|财政拨款收入支出总计|收入决算|支出决算|决算收入|决算支出|部门决算|单位决算)/gu;
/**
 * A year that directly dates an amount: "2024年收入总计 94.04 万元",
 * "2024年“三公”经费预算 0.14 万元". Comparisons are excluded by the same
 * context tests (比/较/与 … 相比, 上年).
 */
const YEAR_AMOUNT_RE =
  /([12]\d{3})\s*年度?(?![底末初\d月])[^，。；、（(比较与增减上同]{0,16}?[\d.,]+\s*万?元/gu;

/** Words just before the year that make it a comparison or a time span, not the figure's year. */
const CONTEXT_RE = /(?:比|较|与|同|对比|相比|上年|去年|前两年|以前|截至|截止|自|从|至|及)\s*$/u;
/** Words after the match that make it a comparison ("2024 年预算相比"). */
const AFTER_RE = /^[^，。；]{0,6}(?:相比|比较|对比)/u;
// Without the u flag (every sentence end is one UTF-16 unit, so the runs are
// the same): with it, V8 overflows its stack on a run of millions of characters.
const SENTENCE_RE = /[^。；;！？!?\n]+[。；;！？!?]?/g;

interface Hit {
  sentence: string;
  year: number;
  phrase: string;
}

function hits(text: string, re: RegExp, docYear: number): Hit[] {
  const out: Hit[] = [];
  SENTENCE_RE.lastIndex = 0;
  for (let s = SENTENCE_RE.exec(text); s; s = SENTENCE_RE.exec(text)) {
    const sentence = s[0].trim();
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const year = Number(m[1]);
      if (year === docYear) continue;
      const before = sentence.slice(Math.max(0, m.index - 8), m.index);
      if (CONTEXT_RE.test(before)) continue;
      if (AFTER_RE.test(sentence.slice(m.index + m[0].length))) continue;
      // "与 2016 年度相比（2016 年度部门支出预算安排为…）": the sentence compares with that year.
      if (new RegExp(`(?:与|比|较|同)\\s*${year}\\s*年`, "u").test(sentence)) continue;
      out.push({ sentence, year, phrase: m[0] });
    }
  }
  return out;
}

function claimFor(doc: Disclosure, section: Section, h: Hit): Claim | undefined {
  return doc.claims.find(
    (c) =>
      c.section === section.heading &&
      (c.quote.includes(h.phrase) || h.sentence.includes(c.quote.slice(0, 20))) &&
      c.quote.includes(String(h.year)),
  );
}

export const yearMatchesDocument: Rule = {
  id: "text/year-matches-document",
  family: "text",
  severity: "error",
  title: "说明所写年度与文档年度一致",
  description:
    "说明以某一年度陈述本文档的预算（决算）数时，年度应是文档的年度：2025 年部门预算中写“2024 年预算安排 10 万元”，是沿用了上年的文字。比较上年（“比 2024 年预算增加”）、时间段（“截至 2024 年底”）和标题中的年度不在此列（标题见模板规则）。",
  basis:
    "一致性：正文中的年度应为本文档的预算（决算）年度；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容准确。",
  confirmation: "practice",
  *check({ doc }) {
    const re = doc.kind === "budget" ? BUDGET_YEAR_RE : FINAL_YEAR_RE;
    const seen = new Set<string>();
    for (const section of doc.sections) {
      for (const h of [
        ...hits(section.text, re, doc.year),
        // A dated amount in a sentence that also names this year, or after 前两年 /
        // 以前年度, compares years rather than misdating this one.
        ...hits(section.text, YEAR_AMOUNT_RE, doc.year).filter(
          (h) =>
            !h.sentence.includes(`${doc.year}`) &&
            !/前两年|前三年|以前年度|历年|往年|上年|去年/u.test(
              h.sentence.slice(0, Math.max(0, h.sentence.indexOf(h.phrase))),
            ),
        ),
      ]) {
        if (seen.has(h.sentence)) continue;
        seen.add(h.sentence);
        const claim = claimFor(doc, section, h);
        const where: Location = claim ? claimLocation(claim) : sectionLocation(section, h.sentence);
        const kindWord = doc.kind === "budget" ? "预算" : "决算";
        yield {
          message: `说明称“${claim?.quote ?? h.sentence}”，以 ${h.year} 年陈述${kindWord}数，但本文档是 ${doc.year} 年${kindWord}。`,
          locations: [where],
          expected: `${doc.year} 年`,
          actual: `${h.year} 年`,
        };
      }
    }
  },
};

/** "截至 2023 年 12 月 31 日", "截至2024年底", "截止上年末" is not a year: only printed years count. */
const REPORTING_DATE_RE = /截[至止]\s*([12]\d{3})\s*年\s*(?:12\s*月\s*31\s*日|底|末)/gu;

export const reportingDate: Rule = {
  id: "text/reporting-date",
  family: "text",
  severity: "error",
  title: "资产等时点数据的截止日期与文档年度相符",
  description:
    "说明中“截至某年12月31日（年底）”的时点数据（车辆、资产、人员）应是文档所说的那个年末：决算是本年度末（2024 年决算写“截至 2024 年 12 月 31 日”），预算是编制时最近的上年末（2025 年预算写“截至 2024 年 12 月 31 日”）。写成更早或更晚的年末，是沿用了往年文字或笔误。",
  basis:
    "一致性：决算的国有资产情况截至本年度 12 月 31 日，预算截至上年度 12 月 31 日；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容准确。",
  confirmation: "practice",
  *check({ doc }) {
    const expected = doc.kind === "final" ? doc.year : doc.year - 1;
    for (const section of doc.sections) {
      REPORTING_DATE_RE.lastIndex = 0;
      for (
        let m = REPORTING_DATE_RE.exec(section.text);
        m;
        m = REPORTING_DATE_RE.exec(section.text)
      ) {
        const year = Number(m[1]);
        if (year === expected) continue;
        const start = Math.max(
          section.text.lastIndexOf("。", m.index) + 1,
          section.text.lastIndexOf("\n", m.index) + 1,
        );
        const stop = section.text.slice(m.index).search(/[。\n]/);
        const sentence = section.text
          .slice(start, stop < 0 ? undefined : m.index + stop + 1)
          .trim();
        yield {
          // A budget prepared early in the year may cite a later date; say so gently.
          ...(doc.kind === "budget" && year === doc.year ? { severity: "warning" as const } : {}),
          message: `说明称“${sentence}”，时点是 ${year} 年末，但本文档是 ${doc.year} 年${doc.kind === "final" ? "决算，应为本年度末" : "预算，应为上年末"}（${expected} 年 12 月 31 日）。`,
          locations: [sectionLocation(section, sentence)],
          expected: `${expected}年12月31日`,
          actual: m[0].replace(/\s+/g, ""),
        };
      }
    }
  },
};
