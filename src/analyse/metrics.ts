/**
 * The figures that make disclosures of different entities comparable:
 * “三公” spending, per head where staff numbers are printed, the 人员经费
 * share of 基本支出, the 项目支出 share of spending. Each is an integer on a
 * fixed scale — money in hundredths of 元 (万元 converts exactly), shares in
 * hundredths of a percent — so that statistics over them stay exact.
 */
import { formatAmount, formatAmountGrouped } from "../model/money.ts";
import type { Disclosure, MoneyUnit } from "../model/schema.ts";
import { type DocumentRef, documentRef } from "./documents.ts";
import { disclosureRegion, type RegionOf } from "./entity.ts";
import { tableLines } from "./lines.ts";
import { inUnit, percent, perHead } from "./ratio.ts";
import { headCount, type Staff, staffOf } from "./staff.ts";

/** What each metric measures, how it is scaled and named. */
export const METRICS = {
  threePublic: { name: "“三公”经费", scale: "yuan" },
  threePublicPerHead: { name: "人均“三公”经费", scale: "yuan" },
  personnelShare: { name: "人员经费占基本支出比重", scale: "percent" },
  projectShare: { name: "项目支出占支出合计比重", scale: "percent" },
  threePublicShare: { name: "“三公”经费占基本支出比重", scale: "percent" },
  basic: { name: "基本支出", scale: "yuan" },
  expenditure: { name: "支出合计", scale: "yuan" },
  findings: { name: "检查问题数", scale: "count" },
} as const;
export type MetricId = keyof typeof METRICS;
export type MetricScale = (typeof METRICS)[MetricId]["scale"];

export interface EntityMetrics {
  document: DocumentRef;
  region?: string;
  /** Level of government, as recognised (central, province, city, county, township). */
  government?: string;
  staff?: Staff;
  /** Metric values on their scale: hundredths of 元, hundredths of a percent, or a count. */
  values: Partial<Record<MetricId, number>>;
}

/** Hundredths of 元 from hundredths of a unit. */
function yuan(amount: number, unit: MoneyUnit): number {
  return inUnit(amount, unit, "元");
}

/** A percent string ("98.20") as hundredths of a percent (9820). */
function basisPoints(rate: string | null): number | undefined {
  if (rate === null) return undefined;
  const neg = rate.startsWith("-");
  const [w = "0", f = ""] = rate.replace("-", "").split(".");
  const v = Number(w) * 100 + Number(f.padEnd(2, "0").slice(0, 2));
  return neg ? -v : v;
}

/** “三公” total in 元 hundredths: the table's 合计 line, else its three items, else the narrative. */
export function threePublicTotal(d: Disclosure): number | undefined {
  const t = tableLines(d, "three_public");
  if (t) {
    const get = (k: string) => t.lines.find((l) => l.key === `three_public.${k}`);
    const total = get("total");
    if (total) return yuan(total.amount ?? 0, t.unit);
    const parts = ["abroad", "vehicle", "reception"].map(get);
    if (parts.some(Boolean)) {
      let s = 0;
      for (const p of parts) s += p?.amount ?? 0;
      return yuan(s, t.unit);
    }
  }
  const said = d.claims.find(
    (c) => c.subject.key === "three_public.total" && c.amount !== undefined && c.unit,
  );
  return said?.amount !== undefined && said.unit ? yuan(said.amount, said.unit) : undefined;
}

/**
 * 基本支出 and its 人员经费 in 元 hundredths, from the 基本支出 table by
 * economic class: its 人员经费 column where it prints one, else the classes
 * that make up 人员经费 (301 工资福利支出, 303 对个人和家庭的补助).
 */
export function basicSplit(d: Disclosure): { basic: number; personnel: number } | undefined {
  for (const id of ["gpb_basic_economic", "fiscal_basic_economic"] as const) {
    const total = tableLines(d, id);
    if (!total) continue;
    const personnelCol = tableLines(d, id, "personnel");
    const classes = total.lines.filter((l) => l.keyKind === "econ_dept" && l.level === 1);
    const totalLine = total.lines.find((l) => l.key === "total");
    let basic = totalLine?.amount ?? null;
    if (basic === null) {
      basic = 0;
      for (const c of classes) basic += c.amount ?? 0;
    }
    let personnel: number;
    const personnelTotal = personnelCol?.lines.find((l) => l.key === "total")?.amount;
    if (personnelCol && personnelTotal !== undefined && personnelTotal !== null)
      personnel = personnelTotal;
    else {
      personnel = 0;
      for (const c of classes) if (c.key === "301" || c.key === "303") personnel += c.amount ?? 0;
    }
    if (basic === 0) continue;
    return { basic: yuan(basic, total.unit), personnel: yuan(personnel, total.unit) };
  }
  return undefined;
}

/** 支出合计 and its 项目支出 in 元 hundredths, from the 支出总表's 合计 line. */
function spending(d: Disclosure): { total: number; project?: number } | undefined {
  const total = tableLines(d, "expenditure", "total")?.lines.find((l) => l.key === "total");
  const t = tableLines(d, "expenditure", "total");
  if (!t || !total || total.amount === null) return undefined;
  const project = tableLines(d, "expenditure", "project")?.lines.find((l) => l.key === "total");
  return {
    total: yuan(total.amount, t.unit),
    ...(project?.amount != null ? { project: yuan(project.amount, t.unit) } : {}),
  };
}

/** The comparable figures of one disclosure (with its number of findings, when given). */
export function entityMetrics(
  d: Disclosure,
  opts: { findings?: number; regionOf?: RegionOf } = {},
): EntityMetrics {
  const values: EntityMetrics["values"] = {};
  const staff = staffOf(d);
  const threePublic = threePublicTotal(d);
  if (threePublic !== undefined) {
    values.threePublic = threePublic;
    const heads = headCount(staff);
    if (heads) values.threePublicPerHead = perHead(threePublic, heads.n);
  }
  const split = basicSplit(d);
  if (split) {
    values.basic = split.basic;
    const share = basisPoints(percent(split.personnel, split.basic));
    if (share !== undefined) values.personnelShare = share;
    if (threePublic !== undefined) {
      const tp = basisPoints(percent(threePublic, split.basic));
      if (tp !== undefined) values.threePublicShare = tp;
    }
  }
  const spent = spending(d);
  if (spent) {
    values.expenditure = spent.total;
    if (spent.project !== undefined) {
      const share = basisPoints(percent(spent.project, spent.total));
      if (share !== undefined) values.projectShare = share;
    }
  }
  if (opts.findings !== undefined) values.findings = opts.findings;
  const region = disclosureRegion(d, opts.regionOf);
  return {
    document: documentRef(d),
    ...(region ? { region } : {}),
    ...(d.entity.government ? { government: d.entity.government } : {}),
    ...(staff ? { staff } : {}),
    values,
  };
}

/** A metric value as a reader sees it: 1,234.56 元, 98.20%, 12 条. */
export function formatMetric(id: MetricId, v: number): string {
  const scale = METRICS[id].scale;
  if (scale === "count") return `${v} 条`;
  if (scale === "percent") return `${formatAmount(v, { fixed: true })}%`;
  return `${formatAmountGrouped(v)} 元${id === "threePublicPerHead" ? "/人" : ""}`;
}
