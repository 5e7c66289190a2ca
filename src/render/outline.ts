/**
 * The whole document as an ordered list of blocks — headings, paragraphs,
 * tables (as grids) and charts — in the official order of its parts. Every
 * renderer walks the same outline, so HTML, PDF, XLSX and DOCX say the same.
 *
 * Budget: 第一部分 概况, 第二部分 预算情况说明, 第三部分 预算表, 第四部分
 * 绩效目标, 第五部分 名词解释. Final: 第一部分 概况, 第二部分 决算表,
 * 第三部分 决算情况说明, 第四部分 名词解释 (the 部门决算 template).
 */
import type { Disclosure } from "../model/schema.ts";
import { type ChartData, documentCharts } from "./charts/data.ts";
import { completeDisclosure } from "./complete.ts";
import type { RenderInput } from "./input.ts";
import { type NarrativePart, writeNarrative } from "./narrative/index.ts";
import { documentGrids, type Grid } from "./spec/index.ts";

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; grid: Grid }
  | { kind: "chart"; chart: ChartData };

export interface Outline {
  /** 曾都区医疗保障信息中心2025年部门预算 */
  title: string;
  entity: string;
  year: number;
  kind: Disclosure["kind"];
  blocks: Block[];
}

/** 部门预算 / 单位预算 / 部门决算 as the document calls itself. */
export function documentWord(d: Disclosure): string {
  if (d.kind === "final") return d.entity.level === "unit" ? "单位决算" : "部门决算";
  return d.entity.level === "unit" ? "单位预算" : "部门预算";
}

export function documentTitle(input: RenderInput): string {
  const d = input.disclosure;
  if (input.options?.title) return input.options.title;
  return `${d.entity.name}${d.year}年${d.kind === "final" ? "度" : ""}${documentWord(d)}`;
}

function pushPart(blocks: Block[], part: NarrativePart, charts: Map<string, ChartData>): void {
  for (const s of part.sections) {
    blocks.push({ kind: "heading", level: s.level, text: s.heading });
    for (const p of s.paragraphs) blocks.push({ kind: "paragraph", text: p });
    for (const id of s.charts ?? []) {
      const chart = charts.get(id);
      if (chart) blocks.push({ kind: "chart", chart });
    }
  }
}

export function buildOutline(raw: RenderInput): Outline {
  const input: RenderInput = { ...raw, disclosure: completeDisclosure(raw.disclosure) };
  const d = input.disclosure;
  const grids = documentGrids(d, input.options?.profile);
  const withCharts = input.options?.charts !== false;
  const charts = new Map(withCharts ? documentCharts(input).map((c) => [c.id, c]) : []);
  const narrative = writeNarrative(input);
  const blocks: Block[] = [];
  const word = documentWord(d);
  const tablesPart = (n: string) => {
    blocks.push({
      kind: "heading",
      level: 1,
      text: `第${n}部分 ${d.entity.name}${d.year}年${d.kind === "final" ? "度" : ""}${word}表`,
    });
    for (const grid of grids) blocks.push({ kind: "table", grid });
  };
  pushPart(blocks, narrative.overview, charts);
  if (d.kind === "final") {
    tablesPart("二");
    pushPart(blocks, narrative.explanation, charts);
    pushPart(blocks, narrative.glossary, charts);
  } else {
    pushPart(blocks, narrative.explanation, charts);
    tablesPart("三");
    pushPart(blocks, narrative.performance, charts);
    pushPart(blocks, narrative.glossary, charts);
  }
  return { title: documentTitle(input), entity: d.entity.name, year: d.year, kind: d.kind, blocks };
}
