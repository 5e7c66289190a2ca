/**
 * Words against numbers: a stated direction (增加 / 减少 / 持平) must agree
 * with the figures it describes, and a change in 三公 funds must come with
 * its reason.
 */
import type { Claim, Disclosure } from "../../../model/schema.ts";
import type { Location, Rule } from "../../types.ts";
import { cellLocation } from "../../view.ts";
import { locations, stated } from "./support.ts";

const WORD = { increase: "增加", decrease: "减少", flat: "持平（无增减）" } as const;

/** The signed change a claim's own numbers show, if they show one. */
function ownChange(c: Claim): number | undefined {
  if (c.amount !== undefined && c.prior !== undefined) return c.amount - c.prior;
  return undefined;
}

/** Last year's and this year's figures of a 三公 line from a budget table with both columns. */
function tableChange(
  doc: Disclosure,
  c: Claim,
): { change: number; where: Location[]; text: string } | undefined {
  if (c.subject.kind !== "three_public" || !c.subject.key || doc.kind !== "budget") return;
  const table = doc.tables.find((t) => t.id === "three_public");
  const row = table?.rows.find((r) => r.key === c.subject.key);
  if (!table || !row?.cells.prior || !row.cells.budget) return;
  const prior = row.cells.prior.amount ?? 0;
  const now = row.cells.budget.amount ?? 0;
  // Only a claim whose amount is this table's figure speaks about these two cells.
  if (c.amount !== undefined && c.unit === table.unit && c.amount !== now) return;
  return {
    change: now - prior,
    where: [cellLocation(table, row, "prior"), cellLocation(table, row, "budget")],
    text: `${table.title}上年预算数 ${stated(prior, table.unit)}、本年预算数 ${stated(now, table.unit)}`,
  };
}

const UP = /增加|增长|上升|提高|增多/u;
const MOVE = "(增加|增长|上升|提高|增多|减少|下降|降低|减)了?";
/** "增加1849.73万元，下降13.22%": a change's word and figure, then a rate's. */
const CHANGE_THEN_RATE = new RegExp(
  `${MOVE}\\s*(-?[\\d,]+(?:\\.\\d+)?)\\s*(?:万元|元|亿元)[，,、；;\\s]*(?:[^，,。；;%％]{0,8}?)${MOVE}\\s*(-?\\d+(?:\\.\\d+)?)\\s*[%％]`,
  "u",
);

/**
 * The change's word and the rate's word of one claim when they point
 * opposite ways, as printed side by side ("增加1849.73万元，下降13.22%"). Both
 * must follow one another in the sentence: a rate in the reasons ("压减10%")
 * is not the claim's.
 */
function oppositeWords(c: Claim): { change: string; rate: string } | undefined {
  if (c.change === undefined || c.change === 0 || c.rate === undefined) return undefined;
  const m = CHANGE_THEN_RATE.exec(c.quote.replace(/\s+/gu, ""));
  if (!m) return undefined;
  const [, cw = "", cv = "", rw = "", rv = ""] = m;
  if (Math.abs(Number(rv)) !== Math.abs(Number(c.rate))) return undefined;
  if (Number(rv) === 0 || Number(cv.replace(/,/gu, "")) === 0) return undefined;
  if (UP.test(cw) === UP.test(rw)) return undefined;
  return { change: `${cw}${cv}`, rate: `${rw}${rv}%` };
}

export const directionMatchesNumbers: Rule = {
  id: "text/direction-matches-numbers",
  family: "text",
  severity: "error",
  title: "增减用语与数字一致",
  description:
    "说明中的“增加”“减少”“持平（无增减）”应与它所说的数字一致：写“增加”而本年数小于上年数、写“持平”却给出非零的增减额或增减率、写“无增减”而表格的上年数与本年数不同，都是自相矛盾。",
  basis: "一致性：“增加/减少/持平”“大于/小于/等于”须与句中两数的大小关系相符。",
  confirmation: "practice",
  *check({ doc }) {
    for (const c of doc.claims) {
      if (!c.direction) continue;
      const unit = c.unit ?? doc.unit;
      // "增加 1849.73 万元，下降 13.22%": the change's word and the rate's word
      // point opposite ways within one sentence.
      const opposite = oppositeWords(c);
      if (opposite) {
        yield {
          message: `说明称“${c.quote}”，增减额写作“${opposite.change}”，增减率却写作“${opposite.rate}”，方向自相矛盾。`,
          locations: locations(c),
          expected: "增减额与增减率方向一致",
          actual: `${opposite.change}；${opposite.rate}`,
        };
        continue;
      }
      const own = ownChange(c);
      if (c.direction === "flat") {
        const moved =
          (c.change !== undefined && c.change !== 0) ||
          (c.rate !== undefined && Number(c.rate) !== 0) ||
          (own !== undefined && own !== 0);
        if (moved) {
          const what =
            c.change !== undefined && c.change !== 0
              ? `增减额 ${stated(c.change, unit)}`
              : c.rate !== undefined && Number(c.rate) !== 0
                ? `增减率 ${c.rate}%`
                : `本年 ${stated(c.amount ?? 0, unit)}、上年 ${stated(c.prior ?? 0, unit)}`;
          yield {
            message: `说明称“${c.quote}”，既写持平（无增减），又写${what}。`,
            locations: locations(c),
            expected: "用语与数字一致",
            actual: `持平；${what}`,
          };
          continue;
        }
      } else if (c.amount === 0 && c.direction === "increase" && (c.change ?? 0) > 0) {
        // Nothing this year cannot have grown from last year.
        yield {
          message: `说明称“${c.quote}”，本年为 ${stated(0, unit)}，却写比上年增加 ${stated(c.change ?? 0, unit)}。`,
          locations: locations(c),
          expected: WORD.decrease,
          actual: WORD.increase,
        };
        continue;
      } else if (own !== undefined && own !== 0) {
        const real = own > 0 ? "increase" : "decrease";
        if (real !== c.direction) {
          yield {
            message: `说明称“${c.quote}”，写“${WORD[c.direction]}”，但本年 ${stated(c.amount ?? 0, unit)}、上年 ${stated(c.prior ?? 0, unit)}，实为${WORD[real]}。`,
            locations: locations(c),
            expected: WORD[real],
            actual: WORD[c.direction],
          };
          continue;
        }
      }
      const t = tableChange(doc, c);
      if (!t) continue;
      const real = t.change > 0 ? "increase" : t.change < 0 ? "decrease" : "flat";
      const changeStated = c.change ?? 0;
      // "比上年增加 0 万元" says no change in numbers; read it as flat.
      const says =
        c.direction !== "flat" && changeStated === 0 && c.change !== undefined
          ? "flat"
          : c.direction;
      if (says === real) continue;
      yield {
        message: `说明称“${c.quote}”，写“${WORD[says]}”，但${t.text}，实为${WORD[real]}。`,
        locations: [...locations(c), ...t.where],
        expected: WORD[real],
        actual: WORD[says],
      };
    }
  },
};

const REASON_RE = /原因|主要是|主要用于|由于|因为|系|为了|用于|因/u;

/** The text after a claim's sentence, to the end of the next sentence. */
function followingText(doc: Disclosure, c: Claim): string {
  const section = doc.sections.find((s) => s.heading === c.section && s.text.includes(c.quote));
  if (!section) return c.quote;
  const at = section.text.indexOf(c.quote);
  const rest = section.text.slice(at + c.quote.length);
  const next = /^[^。；;]*[。；;]?/u.exec(rest.replace(/^[。；;\s]+/u, ""))?.[0] ?? "";
  return `${c.quote}${next}`;
}

export const threePublicReason: Rule = {
  id: "text/three-public-reason",
  family: "text",
  severity: "error",
  title: "“三公”经费增减须说明原因",
  description:
    "“三公”经费（合计及因公出国（境）费、公务用车购置及运行费、公务接待费）与上年（或预算）相比有增减时，说明必须写出增减原因。只在说明写出了非零的增减额或增减率、却在该句及下一句都没有原因表述时报告。",
  basis:
    "财政部《关于深入推进地方预决算公开工作的通知》（财预〔2014〕36号）：公开“三公”经费预决算时应说明增减变化原因。",
  confirmation: "official",
  *check({ doc }) {
    for (const c of doc.claims) {
      if (c.subject.kind !== "three_public") continue;
      const moved =
        (c.change !== undefined && c.change !== 0) ||
        (c.rate !== undefined && Number(c.rate) !== 0);
      if (!moved) continue;
      const text = followingText(doc, c);
      if (REASON_RE.test(text)) continue;
      const unit = c.unit ?? doc.unit;
      const what =
        c.change !== undefined && c.change !== 0
          ? `增减 ${stated(c.change, unit)}`
          : `增减 ${c.rate}%`;
      yield {
        message: `说明称“${c.quote}”，${c.subject.label}${what}，但没有说明增减原因。`,
        locations: locations(c),
        expected: "写明增减原因",
        actual: "未说明原因",
      };
    }
  },
};
