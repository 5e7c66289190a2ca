/**
 * A corpus at a glance: each entity's comparable figures, their
 * distributions and rankings, findings counted by rule and by region, and
 * the outliers among comparable entities. Pure: Disclosures (and, where the
 * caller has them, each one's findings) in, plain JSON out.
 */
import type { Disclosure } from "../model/schema.ts";
import { type DocumentRef, joinPartsOf } from "./documents.ts";
import type { RegionOf } from "./entity.ts";
import {
  type EntityMetrics,
  entityMetrics,
  formatMetric,
  METRICS,
  type MetricId,
} from "./metrics.ts";
import { findOutliers, type Outlier, type OutlierOptions } from "./outliers.ts";
import { type Summary, summarise } from "./stats.ts";

/** What the analyses need of a finding: its rule id (`family/name`). */
export interface FindingLike {
  rule: string;
  severity?: string;
}

export interface CorpusInput {
  disclosure: Disclosure;
  /** The document's findings, where it has been checked. */
  findings?: readonly FindingLike[];
}

export interface Distribution {
  metric: MetricId;
  name: string;
  scale: (typeof METRICS)[MetricId]["scale"];
  summary: Summary;
  /** The summary as a reader sees it. */
  display: Record<keyof Omit<Summary, "n">, string>;
}

export interface Ranking {
  metric: MetricId;
  name: string;
  /** Highest first. */
  entries: { document: DocumentRef; value: number; display: string }[];
}

export interface FindingCounts {
  byRule: { rule: string; findings: number; documents: number }[];
  byRegion: { region: string; findings: number; documents: number }[];
  byRuleAndRegion: { rule: string; region: string; findings: number }[];
}

export interface CorpusSummary {
  documents: number;
  entities: EntityMetrics[];
  distributions: Distribution[];
  rankings: Ranking[];
  findings?: FindingCounts;
  outliers: Outlier[];
}

/** The metrics shown as distributions and rankings, in this order. */
export const CORPUS_METRICS: readonly MetricId[] = [
  "expenditure",
  "basic",
  "threePublic",
  "threePublicPerHead",
  "threePublicShare",
  "personnelShare",
  "projectShare",
  "findings",
];

const NO_REGION = "（未识别地区）";

function countFindings(
  items: { metrics: EntityMetrics; findings?: readonly FindingLike[] }[],
): FindingCounts {
  const byRule = new Map<string, { findings: number; docs: Set<number> }>();
  const byRegion = new Map<string, { findings: number; documents: number }>();
  const cross = new Map<string, number>();
  items.forEach((item, i) => {
    if (!item.findings) return;
    const region = item.metrics.region ?? NO_REGION;
    const r = byRegion.get(region) ?? { findings: 0, documents: 0 };
    r.documents++;
    r.findings += item.findings.length;
    byRegion.set(region, r);
    for (const f of item.findings) {
      const e = byRule.get(f.rule) ?? { findings: 0, docs: new Set<number>() };
      e.findings++;
      e.docs.add(i);
      byRule.set(f.rule, e);
      const k = `${f.rule}\u0000${region}`;
      cross.set(k, (cross.get(k) ?? 0) + 1);
    }
  });
  const desc = <T extends { findings: number }>(a: T & { key: string }, b: T & { key: string }) =>
    b.findings - a.findings || (a.key < b.key ? -1 : 1);
  return {
    byRule: [...byRule]
      .map(([rule, e]) => ({ key: rule, rule, findings: e.findings, documents: e.docs.size }))
      .sort(desc)
      .map(({ key: _k, ...r }) => r),
    byRegion: [...byRegion]
      .map(([region, e]) => ({ key: region, region, ...e }))
      .sort(desc)
      .map(({ key: _k, ...r }) => r),
    byRuleAndRegion: [...cross]
      .map(([k, findings]) => {
        const [rule = "", region = ""] = k.split("\u0000");
        return { key: k, rule, region, findings };
      })
      .sort(desc)
      .map(({ key: _k, ...r }) => r),
  };
}

/**
 * Distributions, rankings, finding counts and outliers over a corpus. Parts
 * of one disclosure printed as two files are joined first (their findings
 * added up), so that staff numbers in the 说明 meet the 三公 table.
 */
export function analyseCorpus(
  input: readonly CorpusInput[],
  opts: { regionOf?: RegionOf; outliers?: OutlierOptions } = {},
): CorpusSummary {
  // Join parts, carrying findings along.
  const items = joinPartsOf(input, (i) => i.disclosure).map(({ disclosure, parts }) => {
    const checked = parts.some((p) => p.findings);
    const findings = checked ? parts.flatMap((p) => p.findings ?? []) : undefined;
    const metrics = entityMetrics(disclosure, {
      ...(findings ? { findings: findings.length } : {}),
      ...(opts.regionOf ? { regionOf: opts.regionOf } : {}),
    });
    return { metrics, ...(findings ? { findings } : {}) };
  });
  const entities = items.map((i) => i.metrics);
  const distributions: Distribution[] = [];
  const rankings: Ranking[] = [];
  for (const metric of CORPUS_METRICS) {
    const having = entities.filter((e) => e.values[metric] !== undefined);
    if (having.length === 0) continue;
    const values = having.map((e) => e.values[metric] as number);
    const summary = summarise(values);
    const show = (v: number) => formatMetric(metric, v);
    distributions.push({
      metric,
      name: METRICS[metric].name,
      scale: METRICS[metric].scale,
      summary,
      display: {
        min: show(summary.min),
        q1: show(summary.q1),
        median: show(summary.median),
        q3: show(summary.q3),
        max: show(summary.max),
      },
    });
    rankings.push({
      metric,
      name: METRICS[metric].name,
      entries: having
        .map((e) => ({ document: e.document, value: e.values[metric] as number }))
        .sort((a, b) => b.value - a.value)
        .map((e) => ({ ...e, display: show(e.value) })),
    });
  }
  const checked = items.some((i) => i.findings);
  return {
    documents: input.length,
    entities,
    distributions,
    rankings,
    ...(checked ? { findings: countFindings(items) } : {}),
    outliers: findOutliers(entities, opts.outliers),
  };
}
