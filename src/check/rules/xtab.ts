/**
 * Rules of the `xtab` family: figures that two tables of one document both
 * print must agree (summary against details, function against economic
 * classification, 三公 against the economic lines that carry it).
 */

import type { Rule } from "../types.ts";
import { detailXtabRules } from "./xtab/details.ts";
import { govFundSubjects } from "./xtab/gov-fund.ts";
import { performanceFunds } from "./xtab/performance.ts";
import { summaryXtabRules } from "./xtab/summaries.ts";
import { unitLabel } from "./xtab/unit-label.ts";

export const xtabRules: Rule[] = [
  ...summaryXtabRules,
  ...detailXtabRules,
  performanceFunds,
  unitLabel,
  govFundSubjects,
];
