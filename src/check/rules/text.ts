/** Rules of the `text` family: the narrative against the tables and against itself. */
import type { Rule } from "../types.ts";
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
import { codeNameMatches } from "./text/names.ts";
import { directionMatchesNumbers, threePublicReason } from "./text/words.ts";
import { yearMatchesDocument } from "./text/year.ts";

export const textRules: Rule[] = [
  amountMatchesTable,
  moneyUnit,
  codeNameMatches,
  changeArithmetic,
  growthRate,
  zeroBaseGrowth,
  shareRatio,
  completionRate,
  breakdownSum,
  directionMatchesNumbers,
  threePublicReason,
  yearMatchesDocument,
  percentSign,
];
