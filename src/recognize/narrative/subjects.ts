/**
 * What a sentence's amount is about: turn the words before an amount into a
 * ClaimSubject (a canonical line key, or a classification code resolved
 * through the catalog).
 */
import { codeKind } from "../../catalog/index.ts";
import { lastSubjectPath, resolveSubjectPath, type SubjectPath } from "../../catalog/path.ts";
import type { ClaimSubject } from "../../model/schema.ts";
import { type CatalogKind, lookupCode, resolveName } from "./catalog.ts";

export type Side = "income" | "expenditure";

export interface SubjectContext {
  year: number;
  /** The heading of the section the sentence is in. */
  section?: string;
  /** The side (收入 / 支出) the sentence spoke about so far. */
  side?: Side;
  /** The text said which classification its list follows. */
  hint?: "func" | "econ";
  /** The 类 a heading or an earlier sentence named, for a path printed from its 款. */
  lei?: string;
}

export interface SubjectResult {
  /** One subject, or two for "收、支总计" (income and expenditure). */
  subjects: ClaimSubject[];
  side?: Side;
}

type Kind = ClaimSubject["kind"];

/** A printed code right before the amount: "（2080505）", "(301)". */
const CODE_RE = /[（(]\s*(\d{3}(?:\d{2}){0,2})\s*[）)]\s*$/u;

/** Leading words that are not the subject. */
const LEAD_RE =
  /^(?:[\s\-*]+|其中[：:，,]?|包括[：:]?|主要包括[：:]?|主要用于[：:]?|\(\d{1,2}\)|（\d{1,2}）|\d{1,2}[.、．](?!\d)|本单位|本部门|本年度?|当年|[，,：:、])+/u;
/** Trailing words between the subject and its amount. */
const TRAIL_RE =
  /(?:\s|均为|各为|为|共计|共|合计为|达到|达|是|约|安排|年初预算安排|预算安排|预算数|决算数|年初预算|支出决算|决算)+$/u;

/** Clean the words before an amount into a label. */
export function cleanLabel(text: string): string {
  let t = text.trim();
  // Drop a leading time or entity phrase: "2024年，本单位当年…", "西宁市…局 2025年收入预算".
  const year = /^.*?[12]\d{3}\s*年(?:度|初|末)?[，,]?/u.exec(t);
  if (year && year[0].length < t.length) t = t.slice(year[0].length);
  t = t.replace(/(?:比|较|与)\s*(?:上年|去年|上一年|[12]\d{3}\s*年).*$/u, "");
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(LEAD_RE, "").replace(TRAIL_RE, "");
    if (t === before) break;
  }
  return t.trim();
}

interface Rule {
  re: RegExp;
  kind: Kind;
  key: string | ((side: Side | undefined) => string | undefined) | undefined;
  /** The rule needs the 三公 context (a heading or the label names 三公). */
  threePublic?: boolean;
}

const bySide =
  (income: string, expenditure: string | undefined) =>
  (side: Side | undefined): string | undefined =>
    side === "income" ? income : expenditure;

/** Keyword rules, most specific first. */
const RULES: Rule[] = [
  { re: /因公出国/u, kind: "three_public", key: "three_public.abroad" },
  { re: /公务用车购置(?:及|和)运行/u, kind: "three_public", key: "three_public.vehicle" },
  { re: /公务用车购置/u, kind: "three_public", key: "three_public.vehicle_purchase" },
  { re: /公务用车运行/u, kind: "three_public", key: "three_public.vehicle_operation" },
  // 外宾接待 is received at home: a part of 国内接待, no line of the table.
  { re: /外宾接待/u, kind: "three_public", key: undefined },
  { re: /国内(?:公务)?接待/u, kind: "three_public", key: "three_public.reception_domestic" },
  {
    re: /国(?:（境）|\(境\)|境)?外(?:公务)?接待/u,
    kind: "three_public",
    key: "three_public.reception_foreign",
  },
  { re: /公务接待/u, kind: "three_public", key: "three_public.reception", threePublic: true },
  { re: /三公/u, kind: "three_public", key: "three_public.total" },
  { re: /机关运行经费/u, kind: "running_cost", key: "running_cost" },
  { re: /授予小微企业/u, kind: "procurement", key: "procurement.micro" },
  { re: /授予中小企业/u, kind: "procurement", key: "procurement.sme" },
  // The share set aside for small firms ("面向中小企业预留…预算金额",
  // "预留给小型和微型企业的…") is a part of the procurement, never its total.
  {
    re: /(?:预留|面向).{0,10}(?:小型和微型|小微)企业|(?:小型和微型|小微)企业.{0,8}预留/u,
    kind: "procurement",
    key: "procurement.micro",
  },
  {
    re: /(?:预留|面向).{0,10}中小(?:微)?企业|中小(?:微)?企业.{0,8}预留/u,
    kind: "procurement",
    key: "procurement.sme",
  },
  { re: /政府采购.*货物|货物.*政府采购/u, kind: "procurement", key: "procurement.goods" },
  { re: /政府采购.*工程|工程.*政府采购/u, kind: "procurement", key: "procurement.works" },
  { re: /政府采购.*服务|服务.*政府采购/u, kind: "procurement", key: "procurement.services" },
  { re: /政府采购/u, kind: "procurement", key: "procurement.total" },
  { re: /资产总额/u, kind: "assets", key: "assets.total" },
  { re: /流动资产/u, kind: "assets", key: "assets.current" },
  { re: /固定资产原值/u, kind: "assets", key: "assets.fixed_original" },
  { re: /固定资产/u, kind: "assets", key: "assets.fixed_net" },
  { re: /国有资产/u, kind: "assets", key: undefined },
  // Jiangsu's 其他资金 (every non-fiscal source on one line): "其他资金收入预算总计 80 万元".
  { re: /^其他资金(?!.*支出)/u, kind: "income_line", key: "income.other" },
  { re: /收入总计|收入合计总计/u, kind: "grand_total", key: "income.grand_total" },
  { re: /支出总计/u, kind: "grand_total", key: "expenditure.grand_total" },
  { re: /基本支出/u, kind: "basic", key: "basic" },
  { re: /项目支出/u, kind: "project", key: "project" },
  { re: /人员经费/u, kind: "personnel", key: "personnel_total" },
  { re: /公用经费/u, kind: "public", key: "public_total" },
  { re: /财政专户/u, kind: "income_line", key: "income.fiscal_special" },
  // 使用非财政拨款结余 is a source of its own, never 财政拨款收入.
  { re: /(?:使用)?非财政拨款结余|使用专用结余/u, kind: "income_line", key: "income.reserve" },
  { re: /上年结转|年初结转/u, kind: "income_line", key: "income.carryover" },
  { re: /年末结转|年终结转|结转下年/u, kind: "expenditure_line", key: "expenditure.carryover" },
  { re: /上缴上级支出/u, kind: "expenditure_line", key: "expenditure.superior" },
  { re: /对附属单位补助/u, kind: "expenditure_line", key: "expenditure.affiliated" },
  { re: /经营支出/u, kind: "expenditure_line", key: "expenditure.operating" },
  { re: /经营收入/u, kind: "income_line", key: "income.operating" },
  { re: /事业收入/u, kind: "income_line", key: "income.business" },
  { re: /上级补助收入/u, kind: "income_line", key: "income.superior" },
  { re: /附属单位上缴收入/u, kind: "income_line", key: "income.affiliated" },
  { re: /其他收入/u, kind: "income_line", key: "income.other" },
  {
    re: /一般公共预算/u,
    kind: "gpb_total",
    key: bySide("income.gpb", "gpb.expenditure"),
  },
  {
    re: /政府性基金/u,
    kind: "expenditure_line",
    key: bySide("income.gov_fund", "gov_fund.expenditure"),
  },
  {
    re: /国有资本经营/u,
    kind: "expenditure_line",
    key: bySide("income.state_capital", "state_capital.expenditure"),
  },
  { re: /财政拨款收入/u, kind: "fiscal_total", key: "fiscal.income" },
  { re: /财政拨款支出/u, kind: "fiscal_total", key: "fiscal.expenditure" },
  { re: /财政拨款/u, kind: "fiscal_total", key: bySide("fiscal.income", "fiscal.expenditure") },
  {
    re: /收入合计|本年收入|预算收入|收入预算|收入决算|^收入$/u,
    kind: "income_total",
    key: "income.total",
  },
  {
    re: /支出合计|本年支出|预算支出|支出预算|支出决算|^支出$/u,
    kind: "expenditure_total",
    key: "expenditure.total",
  },
];

/** "收、支总计" and "收支总预算" speak about both sides at once. */
const BOTH_RE =
  /收\s*[、和及与]?\s*支(?:出)?(?:决算|预算)?总(?:计|预算|决算)|收支总(?:计|预算|决算)|收入支出(?:决算|预算)?总计/u;

/** Which side (收入/支出) a label speaks about, if it says. */
export function sideOf(label: string): Side | undefined {
  if (/收入|收\s*、/u.test(label) && !/支出/u.test(label)) return "income";
  if (/支出/u.test(label) && !/收入/u.test(label)) return "expenditure";
  return undefined;
}

/** Classification kinds to try for a bare name, in order, given the context. */
function kindOrder(ctx: SubjectContext, label: string): CatalogKind[] {
  if (ctx.hint === "econ") return ["econ_dept", "econ_gov", "func"];
  if (ctx.hint === "func") return ["func", "econ_dept", "econ_gov"];
  const econ = /经济分类|基本支出|人员经费|公用经费|机关运行经费|商品和服务/u;
  if (econ.test(ctx.section ?? "") || econ.test(label)) return ["econ_dept", "econ_gov", "func"];
  return ["func", "econ_dept", "econ_gov"];
}

function classification(code: string, label: string): ClaimSubject {
  return { kind: "classification", code, label };
}

/** A path's code; a catalog that fails to load leaves it unresolved. */
function resolvePath(path: SubjectPath, year: number, lei: string | undefined) {
  try {
    return resolveSubjectPath(path, year, lei);
  } catch {
    return undefined;
  }
}

/**
 * The subject(s) of an amount, from the words before it (`raw`, already cut
 * at the previous clause boundary).
 */
export function resolveSubject(raw: string, ctx: SubjectContext): SubjectResult {
  const code = CODE_RE.exec(raw);
  const label = cleanLabel(code ? raw.slice(0, code.index) : raw) || raw.trim();
  const side = sideOf(label) ?? ctx.side;
  if (code?.[1]) {
    return { subjects: [classification(code[1], label)], side };
  }
  const path = lastSubjectPath(raw);
  if (path) {
    const full = path.text.replace(/\s+/gu, "");
    const resolved = resolvePath(path, ctx.year, ctx.lei);
    const s: ClaimSubject = resolved
      ? classification(resolved.code, full)
      : { kind: "classification", label: full };
    return { subjects: [s], side: "expenditure" };
  }
  if (BOTH_RE.test(label)) {
    const fiscal = /财政拨款/u.test(label);
    const kind: Kind = fiscal ? "fiscal_total" : "grand_total";
    const prefix = fiscal ? "fiscal." : "";
    return {
      subjects: [
        { kind, key: `${prefix}income.grand_total`, label },
        { kind, key: `${prefix}expenditure.grand_total`, label },
      ],
      side,
    };
  }
  const inThreePublic = /三公/u.test(ctx.section ?? "") || /三公/u.test(label);
  // 会议费 / 培训费 are economic lines even when the sentence names the fund.
  const econWord = /会议费|培训费/u.exec(label);
  if (econWord) {
    const e = resolveName(econWord[0], ctx.year, { kind: "econ_dept" });
    if (e) return { subjects: [classification(e.code, label)], side };
  }
  for (const rule of RULES) {
    if (!rule.re.test(label)) continue;
    if (rule.threePublic && !inThreePublic) {
      // 公务接待费 in a list of 商品和服务支出 is an economic line.
      const econ = resolveName(label, ctx.year, { kind: "econ_dept" });
      if (econ) return { subjects: [classification(econ.code, label)], side };
    }
    const key = typeof rule.key === "function" ? rule.key(side) : rule.key;
    let kind = rule.kind;
    if (kind === "gpb_total" && key === "income.gpb") kind = "income_line";
    if (kind === "expenditure_line" && key?.startsWith("income.")) kind = "income_line";
    if (kind === "fiscal_total" && /总计/u.test(label) && key) {
      return { subjects: [{ kind, key: `${key}.grand_total`, label }], side };
    }
    const s: ClaimSubject = { kind, label };
    if (key) s.key = key;
    return { subjects: [s], side };
  }
  for (const kind of kindOrder(ctx, label)) {
    const e = resolveName(label, ctx.year, { kind });
    if (e) return { subjects: [classification(e.code, label)], side };
  }
  return { subjects: [{ kind: "other", label }], side };
}

/** Check a printed code against the catalog (undefined when no catalog). */
export function knownCode(code: string, year: number): boolean | undefined {
  const kind = codeKind(code);
  if (!kind) return false;
  return lookupCode(code, year, kind) !== undefined;
}
