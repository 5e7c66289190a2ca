/**
 * Staff numbers as the narrative prints them (部门概况 / 机构设置): the
 * authorised establishment (人员编制 21 名, 编制 339 名) and the actual
 * head-count (实有在编人员 5 人, 实际在编在职人员 274 名). Recognition keeps
 * the narrative's text in its sections; the numbers are read here, from
 * that text, so they work on a stored Disclosure as on a file.
 */
import type { Disclosure } from "../model/schema.ts";

export interface Staff {
  /** 编制数: the establishment the entity is allowed. */
  authorised?: number;
  /** 实有人数: the people in post. */
  actual?: number;
  /** The sentence (or phrase) the numbers were read from. */
  quote: string;
  line: number;
}

// 人员编制 5 名 / 编制 339名 / 行政政法人员编制 496 人 / 核定编制数为 30 人 / 编制人数15人.
const AUTHORISED =
  /(?:人员|核定|机构)?编制(?:人数|数|总数)?(?:为|共|共计|合计)?\s*(\d{1,6})\s*[人名]/gu;
// The sub-counts that follow a total (其中行政编制 199 名、事业编制 36 名) are not the total.
const SUB_COUNT = /(?:行政|事业|附属|工勤|其中)$/u;
// 实有在编人员 5 人 / 实有人员11人 / 实际在编在职人员 274 名 / 在职在编人员 30 人 / 实有人数 12 人.
const ACTUAL =
  /(?:实有|实际在编在职|实际在职|实际在编|在职在编|在编在职)(?:在编|在职)?(?:人员|人数|职工)?(?:为|共|共计|合计)?\s*(\d{1,6})\s*[人名]/gu;

/** The first total a pattern finds in a text, skipping sub-counts. */
function firstCount(re: RegExp, text: string): { n: number; at: number } | undefined {
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (re === AUTHORISED && SUB_COUNT.test(before) && !m[0].startsWith("人员")) continue;
    return { n: Number(m[1]), at: m.index };
  }
  return undefined;
}

/** The sentence around a position. */
function sentenceAt(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf("。", at) + 1, 0);
  const end = text.indexOf("。", at);
  return text.slice(start, end < 0 ? undefined : end + 1).trim();
}

/**
 * The staff numbers the narrative prints, from the first section that
 * prints any (the 概况 comes first; later mentions are often other people,
 * like 参保人数 or 退休人员). Undefined when no section prints one.
 */
export function staffOf(d: Disclosure): Staff | undefined {
  for (const s of d.sections) {
    const text = s.text.replace(/\s+(?=\d)|(?<=\d)\s+/gu, " ");
    const authorised = firstCount(AUTHORISED, text);
    const actual = firstCount(ACTUAL, text);
    if (!authorised && !actual) continue;
    const at = Math.min(authorised?.at ?? Infinity, actual?.at ?? Infinity);
    return {
      ...(authorised && authorised.n > 0 ? { authorised: authorised.n } : {}),
      ...(actual && actual.n > 0 ? { actual: actual.n } : {}),
      quote: sentenceAt(text, at),
      line: s.source.line,
    };
  }
  return undefined;
}

/** The head-count a per-head figure divides by: people in post, else the establishment. */
export function headCount(
  staff: Staff | undefined,
): { n: number; basis: "actual" | "authorised" } | undefined {
  if (staff?.actual) return { n: staff.actual, basis: "actual" };
  if (staff?.authorised) return { n: staff.authorised, basis: "authorised" };
  return undefined;
}
