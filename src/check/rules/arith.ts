/**
 * Rules of the `arith` family: sums inside one table (类 = Σ款, 合计 = Σ类,
 * 合计 = 基本 + 项目, summary totals, 三公 lines, 人员/公用经费 blocks).
 */
import type { Rule } from "../types.ts";
import { blockRules } from "./arith/blocks.ts";
import { classificationRules } from "./arith/classification.ts";
import { partWithinWhole } from "./arith/parts.ts";
import { rowPrintedTwice, totalPrintedTwice } from "./arith/repeated.ts";
import { summaryRules } from "./arith/summary.ts";

export const arithRules: Rule[] = [
  ...classificationRules,
  rowPrintedTwice,
  totalPrintedTwice,
  ...summaryRules,
  ...blockRules,
  partWithinWhole,
];
