/**
 * The narrative writer: every section of the 情况说明 in the official order
 * and wording, every figure from the tables (exact money), changes and rates
 * computed, and a 【待填写：…】 marker wherever only a person can write.
 */
import { completeDisclosure } from "../complete.ts";
import type { RenderInput } from "../input.ts";
import { glossaryPart, overviewPart } from "./common.ts";
import {
  assetsParagraphs,
  basicParagraphs,
  expenditureParagraphs,
  fiscalParagraphs,
  fundParagraphs,
  gpbDetailParagraphs,
  gpbOverallParagraphs,
  gpbStructureParagraphs,
  incomeParagraphs,
  performanceParagraphs,
  procurementParagraphs,
  runningCostParagraphs,
  threePublicParagraphs,
  totalsParagraphs,
} from "./topics.ts";
import type { Narrative, NarrativePart, NarrativeSection } from "./types.ts";

export type { Narrative, NarrativePart, NarrativeSection } from "./types.ts";

function sec(
  heading: string,
  level: NarrativeSection["level"],
  paragraphs: string[],
  charts?: string[],
): NarrativeSection {
  const s: NarrativeSection = { heading, level, paragraphs };
  if (charts?.length) s.charts = charts;
  return s;
}

function budgetExplanation(input: RenderInput): NarrativePart {
  const d = input.disclosure;
  const y = d.year;
  const word = d.entity.level === "unit" ? "单位预算" : "部门预算";
  return {
    sections: [
      sec(`第二部分 ${d.entity.name}${y}年${word}情况说明`, 1, []),
      sec("一、收支预算总体情况", 2, totalsParagraphs(input), ["totals"]),
      sec("二、收入预算情况", 2, incomeParagraphs(input), ["income"]),
      sec("三、支出预算情况", 2, expenditureParagraphs(input), ["expenditure"]),
      sec("四、财政拨款收支预算总体情况", 2, fiscalParagraphs(input)),
      sec("五、一般公共预算支出预算情况", 2, []),
      sec("（一）一般公共预算支出总体情况", 3, gpbOverallParagraphs(input)),
      sec("（二）一般公共预算支出结构情况", 3, gpbStructureParagraphs(input), ["function"]),
      sec("（三）一般公共预算支出具体情况", 3, gpbDetailParagraphs(input)),
      sec("六、一般公共预算基本支出预算情况", 2, basicParagraphs(input)),
      sec("七、一般公共预算“三公”经费预算情况", 2, threePublicParagraphs(input), ["three_public"]),
      sec("八、政府性基金预算支出情况", 2, fundParagraphs(input, "gov_fund")),
      sec("九、国有资本经营预算支出情况", 2, fundParagraphs(input, "state_capital")),
      sec("十、其他重要事项的情况说明", 2, []),
      sec("（一）机关运行经费", 3, runningCostParagraphs(input)),
      sec("（二）政府采购情况", 3, procurementParagraphs(input)),
      sec("（三）国有资产占有使用情况", 3, assetsParagraphs(input)),
    ],
  };
}

function finalExplanation(input: RenderInput): NarrativePart {
  const d = input.disclosure;
  const y = d.year;
  return {
    sections: [
      sec(
        `第三部分 ${d.entity.name}${y}年度${d.entity.level === "unit" ? "单位" : "部门"}决算情况说明`,
        1,
        [],
      ),
      sec("一、收入支出决算总体情况说明", 2, totalsParagraphs(input), ["totals"]),
      sec("二、收入决算情况说明", 2, incomeParagraphs(input), ["income"]),
      sec("三、支出决算情况说明", 2, expenditureParagraphs(input), ["expenditure"]),
      sec("四、财政拨款收入支出决算总体情况说明", 2, fiscalParagraphs(input)),
      sec("五、一般公共预算财政拨款支出决算情况说明", 2, []),
      sec("（一）一般公共预算财政拨款支出决算总体情况", 3, gpbOverallParagraphs(input)),
      sec("（二）一般公共预算财政拨款支出决算结构情况", 3, gpbStructureParagraphs(input), [
        "function",
      ]),
      sec("（三）一般公共预算财政拨款支出决算具体情况", 3, gpbDetailParagraphs(input)),
      sec("六、一般公共预算财政拨款基本支出决算情况说明", 2, basicParagraphs(input)),
      sec("七、财政拨款“三公”经费支出决算情况说明", 2, threePublicParagraphs(input), [
        "three_public",
      ]),
      sec("八、政府性基金预算财政拨款收入支出决算情况说明", 2, fundParagraphs(input, "gov_fund")),
      sec(
        "九、国有资本经营预算财政拨款收入支出决算情况说明",
        2,
        fundParagraphs(input, "state_capital"),
      ),
      sec("十、预算绩效管理情况", 2, performanceParagraphs(input)),
      sec("十一、其他重要事项的情况说明", 2, []),
      sec("（一）机关运行经费支出情况", 3, runningCostParagraphs(input)),
      sec("（二）政府采购支出情况", 3, procurementParagraphs(input)),
      sec("（三）国有资产占有使用情况", 3, assetsParagraphs(input)),
    ],
  };
}

export function writeNarrative(raw: RenderInput): Narrative {
  // What the figures determine is filled in first (idempotent; see complete.ts).
  const input: RenderInput = { ...raw, disclosure: completeDisclosure(raw.disclosure) };
  const d = input.disclosure;
  const fin = d.kind === "final";
  return {
    overview: overviewPart(input),
    explanation: fin ? finalExplanation(input) : budgetExplanation(input),
    performance: fin
      ? { sections: [] }
      : {
          sections: [
            sec("第四部分 预算绩效情况", 1, []),
            sec("一、绩效目标编制情况", 2, performanceParagraphs(input)),
          ],
        },
    glossary: glossaryPart(input, fin ? "四" : "五"),
  };
}
