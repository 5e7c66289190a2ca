/**
 * The standard tables, by their printed titles and regional variants.
 *
 * Titles are matched on the compact form (no spaces, ASCII brackets, one kind
 * of quote) after removing what regions put around them: a table number
 * (公开01表, 表1, 附表4-1, 部门公开表5, 预算13表), a year, and prefixes such as
 * 单位综合预算 / 部门 / 单位. The first pattern that matches the whole
 * remaining title wins, so more specific titles come first.
 */
import type { Kind, TableId } from "../model/schema.ts";
import { compact } from "./normalize.ts";

interface TitlePattern {
  id: TableId;
  re: RegExp;
  /** The kind of document this title belongs to, when only one does. */
  kind?: Kind;
}

const Q = "[“‘]?三公[”’“]?";

const PATTERNS: TitlePattern[] = [
  { id: "fiscal_summary", re: /^财政拨款收支(?:预算)?总(?:体情况)?表$/, kind: "budget" },
  { id: "fiscal_summary", re: /^财政拨款收支(?:总体)?情况表$/, kind: "budget" },
  { id: "fiscal_summary", re: /^财政拨款收入支出决算(?:总)?表$/, kind: "final" },
  { id: "summary", re: /^(?:部门)?收支(?:预算)?总(?:体情况)?表$/, kind: "budget" },
  { id: "summary", re: /^收入支出决算(?:总)?表$/, kind: "final" },
  { id: "income", re: /^收入(?:预算)?总(?:体情况)?表$/, kind: "budget" },
  { id: "income", re: /^收入决算表$/, kind: "final" },
  { id: "expenditure", re: /^支出(?:预算)?总(?:体情况)?表$/, kind: "budget" },
  { id: "expenditure", re: /^支出决算表$/, kind: "final" },
  {
    id: "gpb_basic_function",
    re: /^一般公共预算(?:财政拨款)?基本支出(?:明细|预算)?表\(按(?:支出)?功能分类(?:科目)?\)$/,
  },
  {
    id: "gpb_basic_economic",
    re: /^一般公共预算(?:财政拨款)?基本支出(?:明细|预算|情况)?表(?:\((?:按)?(?:支出|部门预算支出|政府预算支出)?经济(?:分类)?(?:科目)?\))?$/,
  },
  { id: "gpb_basic_economic", re: /^一般公共预算财政拨款基本支出决算(?:明细)?表$/, kind: "final" },
  {
    id: "gpb_project_economic",
    re: /^一般公共预算财政拨款项目支出决算(?:明细)?表$/,
    kind: "final",
  },
  {
    id: "gpb_economic",
    re: /^一般公共预算(?:财政拨款)?支出(?:明细|预算)?表\(按(?:支出|部门预算支出|政府预算支出)?经济分类(?:科目)?\)$/,
  },
  {
    id: "gpb_function",
    re: /^一般公共预算(?:财政拨款)?支出(?:明细|预算|情况)?表(?:\((?:按)?(?:支出)?功能(?:分类)?(?:科目)?\))?$/,
  },
  { id: "gpb_function", re: /^一般公共预算财政拨款(?:收入)?支出决算(?:明细)?表$/, kind: "final" },
  {
    id: "three_public",
    re: new RegExp(
      `^(?:一般公共预算)?(?:财政)?(?:拨款)?${Q}经费(?:支出)?(?:预算|决算)?(?:情况|明细)?表$`,
    ),
  },
  { id: "three_public", re: new RegExp(`^一般公共预算(?:财政)?拨款${Q}经费.*表$`) },
  { id: "three_public", re: new RegExp(`^财政拨款${Q}经费.*表$`) },
  // Jiangsu: “三公”经费、会议费、培训费支出预算表 (the 三公 columns carry their own 小计).
  {
    id: "three_public",
    re: new RegExp(
      `^(?:一般公共预算)?(?:财政拨款)?${Q}经费、?会议费、?培训费(?:支出)?(?:预算|决算)?表(?:\\(一般公共预算\\))?$`,
    ),
  },
  {
    id: "gov_fund",
    // Jiangsu: 财政拨款政府性基金支出预算表.
    re: /^(?:财政拨款)?政府性基金(?:预算)?(?:财政拨款)?(?:收入)?(?:收支|支出)(?:预算|决算)?(?:情况)?表$/,
  },
  {
    id: "state_capital",
    re: /^(?:财政拨款)?国有资本经营预算(?:财政拨款)?(?:收入)?(?:收支|支出)(?:预算|决算)?(?:情况)?表$/,
  },
  { id: "projects", re: /^(?:专项业务经费|项目)支出(?:预算)?(?:明细)?表$/, kind: "budget" },
  { id: "procurement", re: /^政府采购(?:\(资产配置、购买服务\))?(?:预算)?(?:支出)?(?:明细)?表$/ },
  { id: "carryover", re: /^财政拨款结转资金支出表$/ },
  { id: "assets", re: /^国有资产(?:占有)?使用情况表$/ },
  // Performance tables are not money tables, but they end the table before them.
  { id: "performance", re: /绩效(?:目标|自评|评价)(?:申报|公开|情况)?表(?:\(.*\))?$/ },
  { id: "performance", re: /^项目(?:申报|绩效)表$/ },
];

/** A table number as printed, anywhere in a title line. */
const NUMBER_RE =
  /(?:部门)?公开\s*\d{1,2}\s*表|附表\s*\d+(?:[-－—]\d+)?|预算\s*\d{1,2}\s*表|部门公开表\s*\d{1,2}|^表\s*\d{1,2}(?:[-－]\d+)?/;

const PREFIX_RE =
  /^(?:\d{4}年度?)?(?:单位综合预算|部门综合预算|部门|单位|本部门|本单位)?(?:\d{4}年度?)?/;

export interface TitleMatch {
  id: TableId;
  /** The title as printed, trimmed. */
  title: string;
  number?: string;
  kind?: Kind;
}

/**
 * If `line` is the title of a standard table, say which. A table-of-contents
 * line (dotted leaders, a trailing page number) or a sentence is not a title.
 */
export function matchTitle(line: string): TitleMatch | undefined {
  const raw = line.trim();
  // Every title ends in 表 (or 表 and a unit): most lines are rejected here, cheaply.
  if (raw.length === 0 || raw.length > 80 || !raw.includes("表")) return undefined;
  if (/[.…·]{4,}|\.{2,}\s*\d+\s*$/.test(raw)) return undefined;
  if (/[。，；]/.test(raw)) return undefined;
  let c = compact(raw);
  const numberMatch = NUMBER_RE.exec(c);
  let number: string | undefined;
  if (numberMatch) {
    number = numberMatch[0];
    c = (c.slice(0, numberMatch.index) + c.slice(numberMatch.index + numberMatch[0].length)).trim();
  }
  // Section headings in front of a title ("一、收入支出决算总表") and units or
  // table numbers printed on the same line behind it.
  c = c.replace(/^[一二三四五六七八九十]+、/, "");
  c = c.replace(/(?:金额)?单位[:：]?(?:万元|元)$/, "");
  c = c.replace(PREFIX_RE, "");
  if (c.length < 4) return undefined;
  const found = matchPattern(c) ?? (/\d{4}年/.test(compact(raw)) ? matchAfterEntity(c) : undefined);
  if (!found) return undefined;
  const m: TitleMatch = { id: found.id, title: raw };
  if (number) m.number = number;
  if (found.kind) m.kind = found.kind;
  return m;
}

function matchPattern(c: string): TitlePattern | undefined {
  for (const p of PATTERNS) if (p.re.test(c)) return p;
  return undefined;
}

/** The end of an entity's name: 法院, 办公厅, 财政局, 委员会, 中心 … */
const ENTITY_END = /(?:院|厅|局|委|会|部|室|办|中心|所|站|处|队|馆|校|社)$/;

/**
 * Titles that name the year and the entity before the table's name
 * ("2018年度江苏省高级人民法院收支预算总表", Jiangsu): the title is what follows
 * the entity's name.
 */
function matchAfterEntity(c: string): TitlePattern | undefined {
  const rest = c.replace(/^.{0,4}?\d{4}年度?/, "");
  for (let k = 2; k <= Math.min(30, rest.length - 4); k++) {
    if (!ENTITY_END.test(rest.slice(0, k))) continue;
    const p = matchPattern(rest.slice(k).replace(PREFIX_RE, ""));
    if (p) return p;
  }
  return undefined;
}

/** A line that carries only a table number ("公开01表", "表1", "附表 4-1"). */
export function matchTableNumber(line: string): string | undefined {
  const c = compact(line);
  const m = NUMBER_RE.exec(c);
  if (m && m[0].length >= c.length - 1) return m[0];
  return undefined;
}
