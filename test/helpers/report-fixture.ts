/**
 * A check report for the report-format tests, made by hand on a real seed
 * (002, a 2022 部门决算 of 随州市曾都区医疗保障服务中心): every location comes
 * from the recognised Disclosure (real titles, lines, quotes), and every
 * finding is a defect a reviewer can see in that document (template residue
 * “增长（下降）”, a figure missing before “万元”, a rate against a zero budget,
 * 机关运行经费 answered with “无”, a 40 万元 project against a zero
 * 项目支出 column). Hand-made so the tests do not depend on which rules the
 * other families have today; the rules' metadata is declared here likewise.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { documentInfo } from "../../src/check/engine.ts";
import type { RuleMeta } from "../../src/check/report/labels.ts";
import type { CheckReport, Finding, WaivedFinding } from "../../src/check/types.ts";
import {
  cellLocation,
  claimLocation,
  rowOf,
  sectionLocation,
  tableLocation,
  tableOf,
} from "../../src/check/view.ts";
import { decodeText } from "../../src/ingest/text/decode.ts";
import { textLayout } from "../../src/ingest/text/layout.ts";
import type { Disclosure } from "../../src/model/schema.ts";
import { recognize } from "../../src/recognize/index.ts";
import { SHARED, seedPath } from "./seeds.ts";

/** A seed recognised through the text path only (what the seeds are). */
export function seedDisclosure(prefix: string): Disclosure {
  const path = seedPath(prefix);
  const decoded = decodeText(readFileSync(path));
  const doc = recognize(textLayout(decoded.text, decoded.encoding));
  return { ...doc, source: { ...doc.source, file: relative(SHARED, path) } };
}

const meta = (m: Omit<RuleMeta, "confirmation"> & Partial<RuleMeta>): RuleMeta => ({
  confirmation: "practice",
  ...m,
});

export const FIXTURE_RULES: RuleMeta[] = [
  meta({
    id: "text/project-total",
    family: "text",
    severity: "error",
    title: "绩效说明的项目资金与项目支出",
    description: "说明文字中的项目资金总额应等于支出表的项目支出合计。",
    basis: "支出决算表（公开03表）项目支出合计即一般公共预算项目支出总额。",
    confirmation: "identity",
  }),
  meta({
    id: "template/missing-figure",
    family: "template",
    severity: "error",
    title: "金额缺失",
    description: "“万元”“元”前没有数字，模板中的数字未填写。",
    basis: "《地方预决算公开操作规程》（财预〔2016〕143号）：公开内容准确。",
    kinds: ["budget", "final"],
  }),
  meta({
    id: "template/choice-residue",
    family: "template",
    severity: "warning",
    title: "模板选项残留",
    description: "“增加（减少）”“增长（下降）”等模板选项未按实际情况取舍。",
    basis: "各地决算公开模板填写说明：按实际增减选用其一。",
  }),
  meta({
    id: "text/rate-zero-base",
    family: "text",
    severity: "warning",
    title: "以零为基数的完成率",
    description: "预算数为 0 时不应写“完成预算的 X%”。",
    basis: "完成率 = 决算数 ÷ 预算数；预算数为 0 时无意义。",
    kinds: ["final"],
    defaults: { minBase: 0 },
  }),
  meta({
    id: "complete/operating-costs",
    family: "complete",
    severity: "warning",
    title: "机关运行经费说明",
    description: "部门决算应说明机关运行经费的使用情况；仅写“无”应说明理由。",
    basis: "《预算法》第十四条第二款：对机关运行经费的安排、使用情况等重要事项作出说明。",
    confirmation: "official",
  }),
  meta({
    id: "xtab/vehicles-vs-three-public",
    family: "xtab",
    severity: "info",
    title: "公务用车与运行费",
    description: "国有资产说明有公务用车，而“三公”经费表公务用车运行费为 0 或空表时提示核实。",
    basis: "公务用车运行费由财政拨款安排时列入“三公”经费。",
    strictOnly: true,
  }),
];

export function summarize(findings: Finding[], waived: WaivedFinding[]): CheckReport["summary"] {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    error: count("error"),
    warning: count("warning"),
    info: count("info"),
    waived: waived.length,
  };
}

function must<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`seed 002 no longer has ${what}`);
  return x;
}

export function basisOf(id: string): string {
  return must(
    FIXTURE_RULES.find((r) => r.id === id),
    id,
  ).basis;
}

/** Findings on seed 002, at real locations. */
export function seedReport(doc = seedDisclosure("002")): CheckReport {
  const section = (heading: string) =>
    must(
      doc.sections.find((s) => s.heading === heading),
      heading,
    );
  const claimAt = (phrase: string) =>
    must(
      doc.claims.find((c) => c.quote.includes(phrase)),
      phrase,
    );
  const expenditure = must(tableOf(doc, "expenditure"), "支出决算表");
  const total = must(rowOf(expenditure, "total"), "支出决算表 合计");
  const threePublic = must(tableOf(doc, "three_public"), "三公表");

  const findings: Finding[] = [
    {
      rule: "text/project-total",
      severity: "error",
      message:
        "说明称“共涉及项目 1 个，资金 40 万元，占一般公共预算项目支出总额的 100％”，但支出决算表项目支出合计为 0.00 万元。",
      locations: [
        claimLocation(claimAt("共涉及项目 1 个")),
        cellLocation(expenditure, total, "project"),
      ],
      expected: "40.00 万元",
      actual: "0.00 万元",
      basis: basisOf("text/project-total"),
    },
    {
      rule: "template/missing-figure",
      severity: "error",
      message: "“支出决算为万元”：金额未填写。",
      locations: [claimLocation(claimAt("支出决算为万元"))],
      basis: basisOf("template/missing-figure"),
    },
    {
      rule: "template/missing-figure",
      severity: "error",
      message: "“年初结转和结余万元”：金额未填写。",
      locations: [
        sectionLocation(
          section("七、政府性基金预算财政拨款收入支出决算情况说明"),
          "2022 年度政府性基金预算财政拨款年初结转和结余万元",
        ),
      ],
      basis: basisOf("template/missing-figure"),
    },
    {
      rule: "template/choice-residue",
      severity: "warning",
      message: "“增长（下降）”是模板选项，应按实际写“增长”或“下降”。",
      locations: [claimLocation(claimAt("较上年增加（ 0万元"))],
      basis: basisOf("template/choice-residue"),
    },
    {
      rule: "text/rate-zero-base",
      severity: "warning",
      message: "“三公”经费预算为 0，却写“完成预算的 0 %”。",
      locations: [claimLocation(claimAt("“三公”经费财政拨款支出预算为 0 万元"))],
      expected: "不写完成率，或写“预算为 0”",
      actual: "完成预算的 0 %",
      basis: basisOf("text/rate-zero-base"),
    },
    {
      rule: "complete/operating-costs",
      severity: "warning",
      message: "机关运行经费支出说明只写了“无”，未说明原因（如本单位为事业单位，不适用）。",
      locations: [sectionLocation(section("十、机关运行经费支出说明"), "无")],
      basis: basisOf("complete/operating-costs"),
    },
  ];
  const waived: WaivedFinding[] = [
    {
      rule: "xtab/vehicles-vs-three-public",
      severity: "info",
      message: "国有资产说明有车辆 2 辆，“三公”经费支出决算表为空表。",
      locations: [
        sectionLocation(section("十二、国有资产占用情况说明"), "部门共有车辆 2 辆"),
        tableLocation(threePublic),
      ],
      basis: basisOf("xtab/vehicles-vs-three-public"),
      waiver: {
        reason: "车辆运行费由医保基金管理费列支，不属财政拨款“三公”经费（已向区财政局核实）。",
      },
    },
  ];
  return {
    reportVersion: "1.0",
    document: documentInfo(doc),
    preset: "recommended",
    findings,
    waived,
    summary: summarize(findings, waived),
    failures: [],
    unchecked: [],
  };
}
