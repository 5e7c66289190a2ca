/**
 * Parts that read the same for budgets and final accounts: the 概况 (duties
 * and organisation, written by a person), and the 名词解释 fitted to the
 * entity's level of government (a county document never speaks of 省级财政).
 */
import type { Disclosure } from "../../model/schema.ts";
import type { RenderInput } from "../input.ts";
import { marker } from "./format.ts";
import type { NarrativePart } from "./types.ts";

/** How the document calls itself: 本部门 or 本单位 (template/department-unit-wording). */
export function selfWord(d: Disclosure): string {
  return d.entity.level === "unit" ? "本单位" : "本部门";
}

/** 本级财政 in the words of the entity's level. */
export function fiscalLevel(d: Disclosure): string {
  switch (d.entity.government) {
    case "central":
      return "中央财政";
    case "province":
      return "省级财政";
    case "city":
      return "市本级财政";
    case "county":
      return "本级财政";
    case "township":
      return "乡镇财政";
    default:
      return "本级财政";
  }
}

export function overviewPart(input: RenderInput): NarrativePart {
  const d = input.disclosure;
  const t = input.texts ?? {};
  const staff = input.figures?.staff;
  const org: string[] = [t.organisation ?? marker("机构设置及预算（决算）单位构成")];
  if (staff && (staff.authorised !== undefined || staff.actual !== undefined)) {
    const parts: string[] = [];
    if (staff.authorised !== undefined) parts.push(`编制${staff.authorised}人`);
    if (staff.actual !== undefined) parts.push(`实有人员${staff.actual}人`);
    if (staff.retired !== undefined) parts.push(`离退休人员${staff.retired}人`);
    org.push(`${d.entity.name}${parts.join("，")}。`);
  }
  return {
    sections: [
      { heading: `第一部分 ${d.entity.name}概况`, level: 1, paragraphs: [] },
      {
        heading: d.kind === "final" ? "一、主要职能" : "一、主要职责",
        level: 2,
        paragraphs: [t.duties ?? marker("主要职责（依据“三定”方案填写）")],
      },
      {
        heading: d.kind === "final" ? "二、部门决算单位构成" : "二、机构设置",
        level: 2,
        paragraphs: org,
      },
    ],
  };
}

export function glossaryPart(input: RenderInput, number: string): NarrativePart {
  const d = input.disclosure;
  const fiscal = fiscalLevel(d);
  const fin = d.kind === "final";
  const terms: [string, string][] = [
    [
      "财政拨款收入",
      `指单位本年度从${fiscal}取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。`,
    ],
    ["事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"],
    ["经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"],
    ["其他收入", "指单位取得的除上述收入以外的各项收入。"],
    fin
      ? ["年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"]
      : ["上年结转", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"],
    fin
      ? [
          "年末结转和结余",
          "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
        ]
      : ["年终结转结余", "指本年度预算安排、需结转到以后年度按有关规定继续使用的资金。"],
    [
      "基本支出",
      "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出，包括人员经费和公用经费。",
    ],
    ["项目支出", "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。"],
    [
      "“三公”经费",
      "指单位使用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中：因公出国（境）费反映单位工作人员公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行维护费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
    ],
    [
      "机关运行经费",
      "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
    ],
  ];
  return {
    sections: [
      {
        heading: `第${number}部分 名词解释`,
        level: 1,
        // Plain "term：text" paragraphs: numbered ones would read as headings.
        paragraphs: terms.map(([term, text]) => `${term}：${text}`),
      },
    ],
  };
}

const DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 11 → 十一, 20 → 二十. */
export function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${DIGITS[ones]}`;
}
