/** The narrative as sections of paragraphs, in the document's order. */
export interface NarrativeSection {
  heading: string;
  /** 1 = 第一部分, 2 = 一、, 3 = （一）, 4 = 1. */
  level: 1 | 2 | 3 | 4;
  paragraphs: string[];
  /** Ids of charts (charts/data.ts) shown after the paragraphs. */
  charts?: string[];
}

export interface NarrativePart {
  sections: NarrativeSection[];
}

export interface Narrative {
  /** 第一部分 概况 */
  overview: NarrativePart;
  /** 预算情况说明 / 决算情况说明 */
  explanation: NarrativePart;
  /** 预算绩效情况 (budget; the final's is inside the explanation) */
  performance: NarrativePart;
  /** 名词解释 */
  glossary: NarrativePart;
}
