/**
 * The topics of the 情况说明, one function per section (see the modules).
 */
export { basicParagraphs } from "./basic.ts";
export {
  gpbDetailParagraphs,
  gpbOverallParagraphs,
  gpbStructureParagraphs,
} from "./gpb.ts";
export {
  assetsParagraphs,
  fundParagraphs,
  performanceParagraphs,
  procurementParagraphs,
  runningCostParagraphs,
} from "./other.ts";
export { threePublicParagraphs } from "./three-public.ts";
export {
  expenditureParagraphs,
  fiscalParagraphs,
  incomeParagraphs,
  totalsParagraphs,
} from "./totals.ts";
export { yearOf } from "./words.ts";
