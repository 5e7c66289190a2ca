/**
 * One quantity, one value: the narrative states the same thing twice a few
 * lines apart (an item's amount, one increase) with two different figures.
 * At least one of them is wrong, whichever the tables say.
 *
 * Only subjects that name one thing unambiguously take part (a 科目 by its
 * code, a "三公" item, 机关运行经费, 基本/项目支出, 人员/公用经费), and only
 * when both sentences call it by the same words: totals such as "支出预算"
 * are printed for several scopes (本年 / with carry-over, one fund / all),
 * and those would be two quantities, not one.
 */
import { normalizeName } from "../../../catalog/index.ts";
import { convertAmount } from "../../../model/money.ts";
import type { Claim } from "../../../model/schema.ts";
import type { Rule } from "../../types.ts";
import { claimLocation } from "../../view.ts";
import { stated, statedDecimals, stepOf } from "./support.ts";

const SPECIFIC: ReadonlySet<Claim["subject"]["kind"]> = new Set([
  "classification",
  "three_public",
  "running_cost",
  "basic",
  "project",
  "personnel",
  "public",
]);

/** Lines apart within which two statements are "a few lines apart". */
const NEAR = 15;

function identity(c: Claim): string | undefined {
  if (!SPECIFIC.has(c.subject.kind)) return undefined;
  const id = c.subject.code ?? c.subject.key;
  // The same words, whatever the list numbering, width or quotes around them.
  const words = normalizeName(c.subject.label.replace(/[“”"]/gu, ""));
  return id ? `${c.section ?? ""}|${id}|${words}` : undefined;
}

/**
 * Whether two stated figures can be one value: compared in the coarser unit,
 * within the rounding of the less precise statement ("11 万元" is 11.25 万元
 * said roughly; "12,345 元" is 1.23 万元).
 */
function sameValue(x: Claim, a: number, y: Claim, b: number): boolean {
  if (!x.unit || !y.unit) return true;
  const unit = x.unit === "万元" || y.unit === "万元" ? "万元" : "元";
  const av = convertAmount(a, x.unit, unit).value;
  const bv = convertAmount(b, y.unit, unit).value;
  const step = Math.max(
    x.unit === unit ? stepOf(statedDecimals(x.quote, a)) : 1,
    y.unit === unit ? stepOf(statedDecimals(y.quote, b)) : 1,
  );
  return Math.abs(av - bv) * 2 <= step;
}

const FIELDS = [
  ["amount", "金额"],
  ["change", "增减额"],
] as const;

export const sameQuantityTwice: Rule = {
  id: "text/same-quantity-twice",
  family: "text",
  severity: "error",
  title: "同一数额前后表述一致",
  description:
    "说明在相邻段落中两次陈述同一事项（同一科目、同一项“三公”经费、机关运行经费、基本支出等，用词相同）的金额或增减额时，两处数字应相同。前后不一，至少有一处错误。",
  basis: "一致性：同一事项同一口径的数额在文中只有一个值。",
  confirmation: "practice",
  *check({ doc }) {
    const seen = new Map<string, Claim[]>();
    for (const c of doc.claims) {
      const id = identity(c);
      if (!id || !c.unit) continue;
      const earlier = seen.get(id) ?? [];
      for (const e of earlier) {
        if (e.quote === c.quote || !e.unit) continue;
        if (Math.abs((c.source.line ?? 0) - (e.source.line ?? 0)) > NEAR) continue;
        for (const [field, word] of FIELDS) {
          const a = e[field];
          const b = c[field];
          if (a === undefined || b === undefined) continue;
          if (sameValue(e, a, c, b)) continue;
          yield {
            message: `说明两次陈述“${c.subject.label}”的${word}而数字不同：“${e.quote}”为 ${stated(a, e.unit)}，“${c.quote}”为 ${stated(b, c.unit)}。`,
            locations: [claimLocation(e), claimLocation(c)],
            expected: stated(a, e.unit),
            actual: stated(b, c.unit),
          };
        }
      }
      earlier.push(c);
      seen.set(id, earlier);
    }
  },
};
