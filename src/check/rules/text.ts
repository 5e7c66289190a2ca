/** Rules of the `text` family: the narrative against the tables and against itself. */
import type { RawFinding, Rule, RuleContext } from "../types.ts";
import { amountMatchesTable, moneyUnit } from "./text/amounts.ts";
import {
  breakdownSum,
  changeArithmetic,
  completionRate,
  growthRate,
  shareRatio,
  zeroBaseGrowth,
} from "./text/arith.ts";
import { percentSign } from "./text/format.ts";
import { codeNameMatches, subjectPathNames } from "./text/names.ts";
import { runningCostWithinPublic } from "./text/running.ts";
import { sameQuantityTwice } from "./text/twice.ts";
import { directionMatchesNumbers, threePublicReason } from "./text/words.ts";
import { reportingDate, yearMatchesDocument } from "./text/year.ts";

/**
 * One finding per message: a sentence about both sides at once (“收入支出
 * 总计”) yields a claim per side, and both would repeat the same finding.
 */
function once(rule: Rule): Rule {
  return {
    ...rule,
    *check(ctx: RuleContext): Iterable<RawFinding> {
      const seen = new Set<string>();
      for (const f of rule.check(ctx)) {
        if (seen.has(f.message)) continue;
        seen.add(f.message);
        yield f;
      }
    },
  };
}

export const textRules: Rule[] = [
  amountMatchesTable,
  moneyUnit,
  codeNameMatches,
  subjectPathNames,
  changeArithmetic,
  growthRate,
  zeroBaseGrowth,
  shareRatio,
  completionRate,
  breakdownSum,
  sameQuantityTwice,
  runningCostWithinPublic,
  directionMatchesNumbers,
  threePublicReason,
  yearMatchesDocument,
  reportingDate,
  percentSign,
].map(once);
