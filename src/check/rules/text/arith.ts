/**
 * The narrative's own arithmetic: the change is this year minus last year,
 * the growth rate is the change over last year, a share is the part over its
 * whole, the completion rate is 决算 over 预算, and the items listed under a
 * total add up to it. Every figure is rounded as printed, so each check
 * allows exactly what rounding can explain.
 */
import { convertAmount } from "../../../model/money.ts";
import type { Claim, ClaimSubject, Disclosure, MoneyUnit } from "../../../model/schema.ts";
import { resolveSubject } from "../../../recognize/narrative/subjects.ts";
import type { RawFinding, Rule } from "../../types.ts";
import {
  type CellRef,
  cellName,
  cellsForSubject,
  cellValue,
  locations,
  percentOf,
  rateDecimals,
  ratioVerdict,
  stated,
  statedDecimals,
  stepOf,
} from "./support.ts";

/** Half the last printed digit of a stated figure, in hundredths (at least half a hundredth). */
function halfStep(c: Claim, amount: number): number {
  return stepOf(statedDecimals(c.quote, amount)) / 2;
}

function isZeroRate(rate: string): boolean {
  return Number(rate) === 0;
}

/** Last year's figure: stated, or this year's minus the stated change. */
function priorOf(c: Claim): { value: number; err: number } | undefined {
  if (c.amount === undefined) return undefined;
  if (c.prior !== undefined) return { value: c.prior, err: halfStep(c, c.prior) };
  if (c.change !== undefined) {
    return {
      value: c.amount - c.change,
      err: halfStep(c, c.amount) + halfStep(c, Math.abs(c.change)),
    };
  }
  return undefined;
}

export const changeArithmetic: Rule = {
  id: "text/change-arithmetic",
  family: "text",
  severity: "error",
  title: "增减额等于本年数减上年数",
  description:
    "说明同时给出本年数、上年数和增减额时，增减额应等于本年数减上年数（“增加”为正、“减少”为负）。各数均按印刷精度四舍五入，差一位以内记为尾差提示。",
  basis: "恒等式：增减额 = 本年数 − 上年数（决算：决算数 − 年初预算数）。",
  confirmation: "identity",
  *check({ doc }) {
    for (const c of doc.claims) {
      if (c.amount === undefined || c.prior === undefined || c.change === undefined) continue;
      const unit = c.unit ?? doc.unit;
      const diff = c.amount - c.prior;
      if (diff === c.change) continue;
      const step = stepOf(
        Math.min(
          statedDecimals(c.quote, c.amount),
          statedDecimals(c.quote, c.prior),
          statedDecimals(c.quote, Math.abs(c.change)),
        ),
      );
      const gap = Math.abs(diff - c.change);
      yield {
        ...(gap <= step ? { severity: "info" as const } : {}),
        message: `说明称“${c.quote}”：本年 ${stated(c.amount, unit)} 减上年 ${stated(c.prior, unit)} 为 ${stated(diff, unit)}，与所写增减额 ${stated(c.change, unit)} 不符。`,
        locations: locations(c),
        expected: stated(diff, unit),
        actual: stated(c.change, unit),
      };
    }
  },
};

export const growthRate: Rule = {
  id: "text/growth-rate",
  family: "text",
  severity: "error",
  title: "增减率按说明自身数字复算",
  description:
    "说明写出的增长（下降）率应等于增减额除以上年数，按所印小数位四舍五入。上年数缺失时以本年数减增减额推出。复算时允许各金额按印刷精度舍入带来的误差，超出才报错；超出不到 0.1 个百分点的记为警告。上年为零的情况见“零基数增长率”规则。",
  basis: "恒等式：增减率 = 增减额 ÷ 基期数 × 100%，按文中保留的小数位四舍五入。",
  confirmation: "identity",
  *check({ doc }) {
    for (const c of doc.claims) {
      if (c.rate === undefined || c.amount === undefined) continue;
      const prior = priorOf(c);
      if (!prior || prior.value === 0) continue;
      const change = c.change ?? c.amount - prior.value;
      const changeErr =
        c.change !== undefined
          ? halfStep(c, Math.abs(c.change))
          : prior.err + halfStep(c, c.amount);
      const rate = Number(c.rate);
      // The sign must agree with the change (a stated 下降 on a rise is the direction rule's).
      if (rate !== 0 && change !== 0 && Math.sign(rate) !== Math.sign(change)) continue;
      const verdict = ratioVerdict(c.rate, change, changeErr, prior.value, prior.err);
      if (verdict === "fits") continue;
      const unit = c.unit ?? doc.unit;
      const d = rateDecimals(c.rate);
      // Off by less than 0.1 point beyond what rounding allows: misprinted
      // all the same (a growth rate, unlike a list of shares, is not adjusted
      // to add up), but a reviewer weighs it.
      yield {
        ...(verdict === "near" ? { severity: "warning" as const } : {}),
        message: `说明称“${c.quote}”：增减额 ${stated(change, unit)} 除以上年数 ${stated(prior.value, unit)} 为 ${percentOf(change, prior.value, d)}，与所写 ${c.rate}% 不符${verdict === "near" ? "（差距略超出四舍五入范围）" : ""}。`,
        locations: locations(c),
        expected: percentOf(change, prior.value, d),
        actual: `${c.rate}%`,
      };
    }
  },
};

export const zeroBaseGrowth: Rule = {
  id: "text/zero-base-growth",
  family: "text",
  severity: "error",
  title: "上年为零不写增长率",
  description:
    "上年数为零时增长率无法计算，说明不应写“增长 100%”之类的比率，应写“上年无该项支出，增长率无可比性”。上年数取说明所写，或由本年数减增减额推出。",
  basis: "恒等式：增减率 = 增减额 ÷ 基期数；基期数为 0 时增减率无定义，不能写作“增长 100%”。",
  confirmation: "practice",
  *check({ doc }) {
    for (const c of doc.claims) {
      if (c.rate === undefined || isZeroRate(c.rate)) continue;
      const prior = priorOf(c);
      if (prior?.value !== 0) continue;
      const unit = c.unit ?? doc.unit;
      yield {
        message: `说明称“${c.quote}”：上年数为 ${stated(0, unit)}，增长率无可比性，却写了 ${c.rate}%。`,
        locations: locations(c),
        expected: "上年为零，增长率无可比性",
        actual: `${c.rate}%`,
      };
    }
  },
};

/** The percentage a share was printed with and the words naming its whole. */
function shareBaseWords(c: Claim): string | undefined {
  if (c.share === undefined) return undefined;
  const num = c.share.replace(/\./u, "\\.");
  const m = new RegExp(`占([^，,；;。%％]*?)的?\\s*${num}\\s*[%％]`, "u").exec(c.quote);
  return m ? (m[1] ?? "").trim() : undefined;
}

const TOTAL_KINDS = new Set<ClaimSubject["kind"]>([
  "income_total",
  "expenditure_total",
  "grand_total",
  "fiscal_total",
  "gpb_total",
]);

/** For "占 7.34%" without a named whole: the total the list hangs from. */
function parentTotal(doc: Disclosure, c: Claim): Claim | undefined {
  const i = doc.claims.indexOf(c);
  for (let j = i - 1; j >= 0 && j >= i - 40; j--) {
    const p = doc.claims[j] as Claim;
    if (p.amount === undefined || p.amount === 0) continue;
    if (p.share !== undefined && Number(p.share) !== 100) continue;
    if (TOTAL_KINDS.has(p.subject.kind) && p.subject.kind !== c.subject.kind) return p;
    if (c.subject.kind === "procurement" && p.subject.key === "procurement.total") return p;
    if (c.subject.kind === "three_public" && p.subject.key === "three_public.total") return p;
  }
  return undefined;
}

export const shareRatio: Rule = {
  id: "text/share-ratio",
  family: "text",
  severity: "error",
  title: "占比按金额复算",
  description:
    "说明写出的占比应等于该项金额除以所说的总额（“占本年支出 7.34%”“占政府采购支出总额的 100%”；未写明总额时取其所属的合计，如“支出预算 679.04 万元，其中：基本支出 49.84 万元，占 7.34%”）。总额取表格数，表格没有时取说明中写出的合计；按所印小数位和金额舍入误差复算。",
  basis: "恒等式：占比 = 分项 ÷ 句中所说的整体 × 100%，按文中保留的小数位四舍五入。",
  confirmation: "identity",
  *check({ doc }) {
    for (const c of doc.claims) {
      if (c.share === undefined || c.amount === undefined) continue;
      const share = c.share;
      const amount = c.amount;
      const unit = c.unit ?? doc.unit;
      const words = shareBaseWords(c);
      const numErr = halfStep(c, c.amount);
      if (words) {
        const subject = resolveSubject(words, { year: doc.year }).subjects[0];
        if (!subject || subject.kind === "other") continue;
        // Only printed cells: a blank total is more often a gap of extraction than a zero.
        const refs = cellsForSubject(doc, subject, words).filter((r) => r.printed);
        if (refs.length === 0) continue;
        const verdicts = refs.map((r) => {
          const den = convertTo(r.amount, r.table.unit, unit);
          if (den === 0) return amount === 0 ? "fits" : "off";
          return ratioVerdict(share, amount, numErr, den, 0.5);
        });
        if (verdicts.includes("fits")) continue;
        const near = verdicts.includes("near");
        const ref = refs[verdicts.indexOf(near ? "near" : "off")] ?? (refs[0] as CellRef);
        const den = convertTo(ref.amount, ref.table.unit, unit);
        const computed =
          den === 0 ? "无法计算（总额为零）" : percentOf(c.amount, den, rateDecimals(c.share));
        const tail = den === 0 ? "。" : `，${stated(c.amount, unit)} 只占其 ${computed}。`;
        yield {
          ...(near ? { severity: "info" as const } : {}),
          message: `说明称“${c.quote}”，但${cellName(ref)}为 ${cellValue(ref)}${tail}`,
          locations: locations(c, ref),
          expected: computed,
          actual: `${c.share}%`,
        };
        continue;
      }
      if (words === undefined) continue;
      // "占 7.34%": the whole is the total the list hangs from.
      const parent = parentTotal(doc, c);
      if (!parent || parent.amount === undefined) continue;
      const den = parent.amount;
      const verdict = ratioVerdict(c.share, c.amount, numErr, den, halfStep(parent, den));
      if (verdict === "fits") continue;
      // The whole was inferred, not named: a sentence such as "支出预算 490,808.40
      // 万元（本年支出预算 415,808.40 万元）" offers two. A share that fits the
      // summary table's total or grand total of that side is not wrong.
      if (fitsSummaryTotal(doc, c, numErr, unit)) continue;
      const computed = percentOf(c.amount, den, rateDecimals(c.share));
      yield {
        ...(verdict === "near" ? { severity: "info" as const } : {}),
        message: `说明称“${c.quote}”：${stated(c.amount, unit)} 占${parent.subject.label} ${stated(den, parent.unit ?? unit)} 的 ${computed}，与所写 ${c.share}% 不符。`,
        locations: [...locations(c), ...locations(parent)],
        expected: computed,
        actual: `${c.share}%`,
      };
    }
  },
};

function fitsSummaryTotal(doc: Disclosure, c: Claim, numErr: number, unit: MoneyUnit): boolean {
  if (c.share === undefined || c.amount === undefined) return false;
  const summary = doc.tables.find((t) => t.id === "summary");
  if (!summary) return false;
  for (const key of [
    "income.total",
    "income.grand_total",
    "expenditure.total",
    "expenditure.grand_total",
  ]) {
    const row = summary.rows.find((r) => r.key === key);
    const cell = row?.cells.amount ?? row?.cells.total;
    if (!cell?.amount) continue;
    const den = convertTo(cell.amount, summary.unit, unit);
    if (den !== 0 && ratioVerdict(c.share, c.amount, numErr, den, 0.5) === "fits") return true;
  }
  return false;
}

/** An amount in another unit, converted exactly (rounded half away from zero to 0.01). */
function convertTo(amount: number, from: MoneyUnit, to: MoneyUnit): number {
  return convertAmount(amount, from, to).value;
}

export const completionRate: Rule = {
  id: "text/completion-rate",
  family: "text",
  severity: "error",
  title: "预算完成率与预算数一致",
  description:
    "决算说明写“完成年初预算的 X%”时，应等于决算数除以年初预算数；年初预算为零时不能写完成率（应写明无年初预算、改用全年预算或说明原因），为零又写 0% 的提示改写。说明同时写“决算数大于（小于、等于）预算数”的，应与两数相符。",
  basis:
    "恒等式：完成率（执行率）= 决算数 ÷ 年初预算数 × 100%；“决算数大于（小于、等于）预算数”须与两数一致。",
  confirmation: "practice",
  kinds: ["final"],
  *check({ doc }) {
    for (const c of doc.claims) {
      if (c.budget === undefined) continue;
      const unit = c.unit ?? doc.unit;
      const amount = c.amount;
      if (c.completion !== undefined) {
        const zeroRate = Number(c.completion) === 0;
        if (c.budget === 0) {
          const nothingSpent = amount === undefined || amount === 0;
          yield {
            severity: zeroRate && nothingSpent ? "warning" : "error",
            message:
              zeroRate && nothingSpent
                ? `说明称“${c.quote}”：年初预算为零，完成率无从计算，不宜写“完成预算的 ${c.completion}%”，应写明当年无此项预算和支出。`
                : `说明称“${c.quote}”：年初预算为零，却写完成预算的 ${c.completion}%。`,
            locations: locations(c),
            expected: "年初预算为零，不写完成率",
            actual: `${c.completion}%`,
          };
        } else if (amount !== undefined) {
          const verdict = ratioVerdict(
            c.completion,
            amount,
            halfStep(c, amount),
            c.budget,
            halfStep(c, c.budget),
          );
          if (verdict !== "fits") {
            const computed = percentOf(amount, c.budget, rateDecimals(c.completion));
            yield {
              ...(verdict === "near" ? { severity: "info" as const } : {}),
              message: `说明称“${c.quote}”：决算 ${stated(amount, unit)} 除以预算 ${stated(c.budget, unit)} 为 ${computed}，与所写完成 ${c.completion}% 不符。`,
              locations: locations(c),
              expected: computed,
              actual: `${c.completion}%`,
            };
          }
        }
      }
      if (amount === undefined) continue;
      // The verdict often opens the next sentence: "年初预算为 X，支出决算为 Y。决算数大于预算数的主要原因：…"
      const words =
        /决算数?\s*(大于|高于|多于|超过|小于|低于|少于|等于|与[^，。；]{0,8}?(?:一致|持平|相等|相同))(?![（(])\s*(?:年初)?预算/u.exec(
          `${c.quote}${nextSentence(doc, c)}`,
        );
      if (!words?.[1]) continue;
      const w = words[1];
      const says = /大于|高于|多于|超过/u.test(w) ? 1 : /小于|低于|少于/u.test(w) ? -1 : 0;
      const real = Math.sign(amount - c.budget);
      if (says === real) continue;
      yield {
        message: `说明称“${c.quote}”${c.quote.includes(words[0]) ? "" : `，又称“${words[0]}”`}，但决算 ${stated(amount, unit)}${real > 0 ? "大于" : real < 0 ? "小于" : "等于"}预算 ${stated(c.budget, unit)}。`,
        locations: locations(c),
        expected:
          real > 0 ? "决算数大于预算数" : real < 0 ? "决算数小于预算数" : "决算数等于预算数",
        actual: words[0],
      };
    }
  },
};

interface Identity {
  parent: (s: ClaimSubject) => boolean;
  /** Other lines may make up the rest (上缴上级、经营支出…): only a sum above the parent is wrong. */
  partial?: boolean;
  /** Groups of children; the parent equals the sum of one full group. */
  groups: string[][];
  name: string;
}

const IDENTITIES: Identity[] = [
  {
    parent: (s) => s.kind === "basic",
    groups: [["personnel_total", "public_total"]],
    name: "人员经费与公用经费之和",
  },
  {
    parent: (s) => s.kind === "expenditure_total" || s.kind === "gpb_total",
    groups: [["basic", "project"]],
    partial: true,
    name: "基本支出与项目支出之和",
  },
  {
    parent: (s) => s.key === "procurement.total",
    groups: [["procurement.goods", "procurement.works", "procurement.services"]],
    name: "货物、工程、服务采购之和",
  },
  {
    parent: (s) => s.key === "three_public.total",
    groups: [
      ["three_public.abroad", "three_public.vehicle", "three_public.reception"],
      [
        "three_public.abroad",
        "three_public.vehicle_purchase",
        "three_public.vehicle_operation",
        "three_public.reception",
      ],
    ],
    name: "“三公”经费各项之和",
  },
  {
    // 其中：国内公务接待 … (含外宾接待): a part may be listed alone.
    parent: (s) => s.key === "three_public.reception",
    groups: [
      ["three_public.reception_domestic", "three_public.reception_foreign"],
      ["three_public.reception_domestic"],
      ["three_public.reception_foreign"],
    ],
    partial: true,
    name: "国内与国（境）外公务接待费之和",
  },
];

/** The children stated right after a parent, in the same section, before the next parent. */
function childrenOf(doc: Disclosure, i: number, id: Identity): Map<string, Claim> {
  const parent = doc.claims[i] as Claim;
  const out = new Map<string, Claim>();
  for (let j = i + 1; j < doc.claims.length && j <= i + 20; j++) {
    const c = doc.claims[j] as Claim;
    if (c.section !== parent.section) break;
    if (id.parent(c.subject)) break;
    if (c.amount === undefined || c.quote.length === 0) continue;
    if (/原因|主要是/u.test(c.quote.slice(0, c.quote.indexOf(c.subject.label) + 1))) continue;
    const key = c.subject.key ?? c.subject.kind;
    if (!out.has(key)) out.set(key, c);
  }
  return out;
}

/** Totals whose 其中 list names parts of the total (not 原值 beside 净值, say). */
const LIST_PARENTS = new Set<ClaimSubject["kind"]>([
  "income_total",
  "expenditure_total",
  "grand_total",
  "fiscal_total",
  "gpb_total",
  "basic",
  "project",
  "personnel",
  "public",
  "running_cost",
]);

/** The claims a sentence lists after “其中” following the parent's figure. */
function listedParts(doc: Disclosure, i: number): Claim[] {
  const parent = doc.claims[i] as Claim;
  const at = parent.quote.indexOf(parent.subject.label);
  const qz = at < 0 ? -1 : parent.quote.indexOf("其中", at);
  if (qz < 0) return [];
  const out: Claim[] = [];
  for (let j = i + 1; j < doc.claims.length && j <= i + 30; j++) {
    const c = doc.claims[j] as Claim;
    if (c.quote !== parent.quote) break;
    if (c.amount === undefined || c.unit !== parent.unit) continue;
    if (c.subject.kind === parent.subject.kind && c.subject.key === parent.subject.key) break;
    const pos = parent.quote.indexOf(c.subject.label, qz);
    if (pos < 0 || /原因|主要是/u.test(parent.quote.slice(qz, pos))) continue;
    out.push(c);
  }
  return out;
}

export const breakdownSum: Rule = {
  id: "text/breakdown-sum",
  family: "text",
  severity: "error",
  title: "分项之和等于所述合计",
  description:
    "说明在一个合计之后逐项列出其构成时（“基本支出 X 万元，其中：人员经费 a 万元、公用经费 b 万元”；“支出 X 万元，其中基本支出、项目支出”；政府采购总额与货物、工程、服务；“三公”经费合计与各项），列出的各项之和应等于合计。只在构成完整列出时检查，允许各数舍入的误差。",
  basis:
    "恒等式：基本支出 = 人员经费 + 公用经费；支出合计 = 基本支出 + 项目支出；政府采购总额 = 货物 + 工程 + 服务；“三公”经费合计 = 各项之和。",
  confirmation: "identity",
  *check({ doc }) {
    for (let i = 0; i < doc.claims.length; i++) {
      const parent = doc.claims[i] as Claim;
      if (parent.amount === undefined) continue;
      let reported = false;
      for (const id of IDENTITIES) {
        if (!id.parent(parent.subject)) continue;
        const children = childrenOf(doc, i, id);
        const group = id.groups.find((g) => g.every((k) => children.has(k)));
        if (!group) continue;
        const items = group.map((k) => children.get(k) as Claim);
        const unit = parent.unit ?? doc.unit;
        if (items.some((c) => (c.unit ?? unit) !== unit)) continue;
        const sum = items.reduce((s, c) => s + (c.amount ?? 0), 0);
        const tol =
          halfStep(parent, parent.amount) +
          items.reduce((s, c) => s + halfStep(c, c.amount ?? 0), 0);
        const gap = Math.abs(sum - parent.amount);
        if (gap === 0 || (id.partial && sum - parent.amount <= tol)) continue;
        const list = items.map((c) => `${c.subject.label} ${stated(c.amount ?? 0, unit)}`);
        const f: RawFinding = {
          message: `说明称“${parent.quote}”：${list.join("、")}，${id.name}为 ${stated(sum, unit)}，与所述 ${parent.subject.label} ${stated(parent.amount, unit)} 不符。`,
          locations: [...locations(parent), ...items.flatMap((c) => locations(c))],
          expected: stated(sum, unit),
          actual: stated(parent.amount, unit),
        };
        if (gap <= tol) f.severity = "info";
        reported = true;
        yield f;
      }
      if (reported) continue;
      // Any 其中 list: its parts cannot add up to more than the whole.
      if (!LIST_PARENTS.has(parent.subject.kind)) continue;
      const parts = listedParts(doc, i);
      if (parts.length < 2) continue;
      const unit = parent.unit ?? doc.unit;
      const sum = parts.reduce((s, c) => s + (c.amount ?? 0), 0);
      const tol =
        halfStep(parent, parent.amount) + parts.reduce((s, c) => s + halfStep(c, c.amount ?? 0), 0);
      if (sum - parent.amount <= tol) continue;
      const list = parts.map((c) => `${c.subject.label} ${stated(c.amount ?? 0, unit)}`);
      yield {
        message: `说明称“${parent.quote}”：其中所列${list.join("、")}合计 ${stated(sum, unit)}，超过了${parent.subject.label} ${stated(parent.amount, unit)}。`,
        locations: [...locations(parent), ...parts.flatMap((c) => locations(c))],
        expected: `不超过 ${stated(parent.amount, unit)}`,
        actual: stated(sum, unit),
      };
    }
  },
};

/** The sentence after a claim's own, within its section ("" when there is none). */
function nextSentence(doc: Disclosure, c: Claim): string {
  const section = doc.sections.find((x) => x.heading === c.section && x.text.includes(c.quote));
  if (!section) return "";
  const rest = section.text.slice(section.text.indexOf(c.quote) + c.quote.length).trimStart();
  const end = rest.search(/[。；]/);
  return end >= 0 ? rest.slice(0, end + 1) : rest.slice(0, 120);
}
