/**
 * Analyse: comparisons, corpus statistics, outliers and open-data export
 * over Disclosures — pure functions of plain data, for the CLI and the
 * server alike. Money stays exact (integer hundredths of a stated unit);
 * rates are decimal strings in percent.
 */
export {
  type BudgetVsFinal,
  type Comparison,
  compareBudgetFinal,
  compareUnits,
  compareYears,
  type UnitsSideBySide,
  type YearOverYear,
} from "./compare.ts";
export { comparisonsCsv } from "./compare-csv.ts";
export { analyseCorpus, type CorpusInput, type CorpusSummary, type FindingLike } from "./corpus.ts";
export { parseCsv } from "./csv.ts";
export { type DocumentRef, documentRef, joinParts } from "./documents.ts";
export {
  entityKey,
  normaliseEntityName,
  type RegionOf,
  regionOf,
  sameEntity,
} from "./entity.ts";
export {
  AMOUNT_FIELDS,
  amountRecords,
  type DataPackage,
  exportCsv,
  exportDataPackage,
} from "./export.ts";
export { type EntityMetrics, entityMetrics, METRICS, type MetricId } from "./metrics.ts";
export { findOutliers, type Outlier } from "./outliers.ts";
export { COMPARE_MODES, type CompareMode, planComparisons } from "./plan.ts";
export { staffOf } from "./staff.ts";
export { formatComparison, formatCorpus } from "./text.ts";
