/**
 * Outliers among comparable entities: the same kind (预算/决算), year, level
 * of government and 部门/单位 level. Each is ranked by how far it lies from
 * its peers and explained in one Chinese sentence.
 *
 * Why median and MAD, not mean and standard deviation: a peer group here is
 * small (a handful of departments of one province and year), and one extreme
 * value pulls the mean towards itself and inflates the standard deviation so
 * much that it hides itself (masking) — with n = 5 no point can ever lie more
 * than 1.8 σ from the mean. The median and the median absolute deviation
 * ignore up to half the group being extreme. The score is Iglewicz and
 * Hoaglin's modified z = 0.6745 (x − median) / MAD, flagged above 3.5; where
 * more than half the group share one value (MAD = 0) the mean absolute
 * deviation × 1.2533 takes MAD's place, as the same authors (and the
 * standard practice after them) do.
 */
import type { DocumentRef } from "./documents.ts";
import { type EntityMetrics, formatMetric, METRICS, type MetricId } from "./metrics.ts";
import { mad, meanAbsoluteDeviation, median } from "./stats.ts";

export interface PeerGroup {
  kind: DocumentRef["kind"];
  year: number;
  government?: string;
  level?: string;
  /** 2017 年省级部门预算 */
  label: string;
}

export interface Outlier {
  metric: MetricId;
  metricName: string;
  document: DocumentRef;
  /** On the metric's integer scale (hundredths of 元 or of a percent). */
  value: number;
  median: number;
  /** value − median. */
  deviation: number;
  /** The modified z score, one decimal ("4.2", "-3.9"). */
  score: string;
  direction: "high" | "low";
  group: PeerGroup;
  /** The peers it was measured against (the whole group, itself included). */
  peers: DocumentRef[];
  /** One Chinese sentence: what stands out, against which peers, by how much. */
  explanation: string;
}

export interface OutlierOptions {
  /** |modified z| above which a value stands out (default 3.5). */
  threshold?: number;
  /** The fewest entities a group needs to have peers to speak of (default 4). */
  minGroup?: number;
  metrics?: readonly MetricId[];
}

/** Metrics that are comparable across entities of different size (totals are not). */
export const OUTLIER_METRICS: readonly MetricId[] = [
  "threePublicPerHead",
  "personnelShare",
  "threePublicShare",
  "projectShare",
  "findings",
];

const GOVERNMENT_NAMES: Record<string, string> = {
  central: "中央",
  province: "省级",
  city: "市级",
  county: "区县级",
  township: "乡镇级",
};

function groupOf(m: EntityMetrics): PeerGroup {
  const level = m.document.level;
  const gov = m.government ? (GOVERNMENT_NAMES[m.government] ?? "") : "";
  const who = level === "unit" ? "单位" : "部门";
  return {
    kind: m.document.kind,
    year: m.document.year,
    ...(m.government ? { government: m.government } : {}),
    ...(level ? { level } : {}),
    label: `${m.document.year} 年${gov}${who}${m.document.kind === "budget" ? "预算" : "决算"}`,
  };
}

function groupKey(g: PeerGroup): string {
  return [g.kind, g.year, g.government ?? "", g.level ?? ""].join("|");
}

/** How far apart two values are, said the way the metric is read. */
function gap(metric: MetricId, deviation: number): string {
  const abs = Math.abs(deviation);
  if (METRICS[metric].scale === "percent")
    return `${formatMetric(metric, abs).replace("%", "")} 个百分点`;
  return formatMetric(metric, abs);
}

function explain(o: Omit<Outlier, "explanation">): string {
  const { metric } = o;
  const higher = o.direction === "high" ? "高于" : "低于";
  const times =
    o.median !== 0 && METRICS[metric].scale !== "percent"
      ? `，约为中位数的 ${(o.value / o.median).toFixed(1)} 倍`
      : "";
  return `${o.document.entity || o.document.label}的${o.metricName}为 ${formatMetric(metric, o.value)}，明显${higher}同组 ${o.peers.length} 个 ${o.group.label}的中位数 ${formatMetric(metric, o.median)}（${o.direction === "high" ? "高出" : "低了"} ${gap(metric, o.deviation)}${times}，稳健 z 值 ${o.score}）。`;
}

/** The outliers of each metric in each peer group, the most extreme first. */
export function findOutliers(all: readonly EntityMetrics[], opts: OutlierOptions = {}): Outlier[] {
  const threshold = opts.threshold ?? 3.5;
  const minGroup = opts.minGroup ?? 4;
  const groups = new Map<string, EntityMetrics[]>();
  for (const m of all) {
    if (!m.document.entity) continue;
    const k = groupKey(groupOf(m));
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  }
  const out: (Outlier & { z: number })[] = [];
  for (const members of groups.values()) {
    for (const metric of opts.metrics ?? OUTLIER_METRICS) {
      const having = members.filter((m) => m.values[metric] !== undefined);
      if (having.length < minGroup) continue;
      const values = having.map((m) => m.values[metric] as number);
      const centre = median(values);
      const spread = mad(values, centre);
      const scale = spread > 0 ? spread / 0.6745 : 1.253314 * meanAbsoluteDeviation(values, centre);
      if (scale === 0) continue;
      for (const m of having) {
        const value = m.values[metric] as number;
        const z = (value - centre) / scale;
        if (Math.abs(z) <= threshold) continue;
        const base = {
          metric,
          metricName: METRICS[metric].name,
          document: m.document,
          value,
          median: centre,
          deviation: value - centre,
          score: z.toFixed(1),
          direction: z > 0 ? ("high" as const) : ("low" as const),
          group: groupOf(m),
          peers: having.map((p) => p.document),
        };
        out.push({ ...base, explanation: explain(base), z });
      }
    }
  }
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).map(({ z: _z, ...o }) => o);
}
