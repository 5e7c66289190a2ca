/**
 * Table titles: which lines are titles (by their shape), and which standard
 * table a title names (by its words).
 *
 * Regions word their titles in endless ways ("收支预算总表", "2025年部门财务收支
 * 预算总表", "预算单位收入预算总表", "西南大学收支预算总表", "表 1：高等学校收支
 * 决算总表", "公开表五 财政拨款支出预算表（功能科目）" …), so a title is not
 * looked up in a list of spellings. Its shape says it is a title (short, no
 * sentence punctuation, ends in 表), and the words it contains vote for an id:
 * 收/支, 总, 财政拨款, 一般公共预算, 基本, 项目, 功能/经济, 三公, 政府性基金,
 * 国有资本经营, 采购, 机关运行, 结转, 资产, 绩效. A title whose words name no
 * standard table is still a title: its table is kept as "other".
 */
import type { Kind, TableId } from "../model/schema.ts";
import { compact } from "./normalize.ts";

export interface TitleMatch {
  id: TableId;
  /** The title as printed, trimmed. */
  title: string;
  number?: string;
  kind?: Kind;
  /** The words that decided the id, in Chinese. */
  reasons: string[];
  /** How sure the title's words are, 0–1 (0.3 for "other"). */
  confidence: number;
}

const CN_DIGITS = "一二三四五六七八九十";

/** A table number as printed, anywhere in a title line. */
const NUMBER_RE = new RegExp(
  [
    "(?:部门)?公开\\s*\\d{1,2}\\s*表",
    `(?:部门)?公开表\\s*(?:\\d{1,2}|[${CN_DIGITS}]{1,3})`,
    "附表\\s*\\d+(?:[-－—]\\d+)?",
    "预算\\s*\\d{1,2}\\s*表",
    "^表\\s*\\d{1,2}(?:[-－]\\d+)?",
    // 表一 / 附表三 at the head of a line (not 表一般…, the start of a glued title).
    `^附?表\\s*[${CN_DIGITS}]{1,3}(?!般)`,
    "^\\d{1,2}(?:[-－]\\d{1,2})?(?=[.．、:：\\s]*\\D)",
  ].join("|"),
);

/** What a title is allowed to end with after 表: a unit, a continuation mark, a number. */
const TITLE_TAIL =
  /^(?:\((?:续|续表|续\d*|[^()]{0,16})\))?(?:(?:金额)?单位[:：]?(?:万元|元))?(?:\(续(?:表)?\))?$/;

/** Words that make a short line ending in 表 a table title (and not, say, "附表" alone). */
const TABLE_WORD = /收|支|经费|资产|采购|绩效|项目|科目|拨款|基金|资本/;

/** Endings that make a short line a table's title whatever it is about ("人员编制情况统计表"). */
const GENERIC_TABLE = /(?:统计|情况|明细|汇总|一览|信息)表(?:\([^()]{0,16}\))?$/;

export interface TitleShape {
  /** The line as printed, trimmed. */
  title: string;
  /** The title without its number, year, section mark and unit: the words that name the table. */
  body: string;
  number?: string;
}

/**
 * Whether a line has the shape of a table title. A table-of-contents line
 * (dotted leaders, a trailing page number) or a sentence is not.
 */
export function titleShape(line: string): TitleShape | undefined {
  const raw = line.trim();
  // Every title ends in 表 (or 表 and a unit): most lines are rejected here, cheaply.
  if (raw.length < 3 || raw.length > 90 || !raw.includes("表")) return undefined;
  if (/[.…·]{4,}|\.{2,}\s*\d+\s*$/.test(raw)) return undefined;
  if (/[。，；？！《》]|详见|见附表|如下表|下表|附后/.test(raw)) return undefined;
  let c = compact(raw);
  let number: string | undefined;
  const m = NUMBER_RE.exec(c);
  if (m) {
    number = m[0].replace(/[.．、:：\s]+$/, "");
    c = c.slice(0, m.index) + c.slice(m.index + m[0].length);
  }
  c = c
    .replace(/^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．])/, "")
    .replace(/^[:：.．、\-—\s]+/, "")
    .replace(/(?:金额)?单位[:：]?(?:万元|元)$/, "");
  // "…表 (续)", "…表（功能科目）", "…表 单位：万元": the title proper ends at 表.
  const end = c.lastIndexOf("表");
  if (end < 0) return undefined;
  const tail = c.slice(end + 1);
  if (tail && !TITLE_TAIL.test(tail)) return undefined;
  const body = c.slice(0, end + 1 + (tail.match(/^\([^()]{0,16}\)/)?.[0].length ?? 0));
  if (body.length < 4 || !(TABLE_WORD.test(body) || GENERIC_TABLE.test(body))) return undefined;
  const shape: TitleShape = { title: raw, body };
  if (number) shape.number = number;
  return shape;
}

interface Vote {
  id: TableId;
  kind?: Kind;
  reasons: string[];
  confidence: number;
}

const Q = /三公/;

/**
 * The standard table a title's words name. Words are tested from the most
 * specific (三公, 政府性基金 …) to the most general (收, 支), so "一般公共预算
 * “三公”经费支出表" is the 三公 table and "政府性基金预算财政拨款收入支出决算表" the
 * 政府性基金 one, not a summary.
 */
export function classifyTitle(body: string): Vote | undefined {
  // A year, an entity's name or "部门/单位/预算单位" in front of the table's name
  // carries no evidence, and an entity's name could carry misleading words.
  const b = stripPrefix(body);
  const kind: Kind | undefined = /决算/.test(b) ? "final" : /预算/.test(b) ? "budget" : undefined;
  const withKind = (v: Omit<Vote, "kind">): Vote => (kind ? { ...v, kind } : v);
  const has = (re: RegExp) => re.test(b);
  const word = (w: string) => `标题含“${w}”`;

  if (has(Q)) {
    const reasons = [word("三公")];
    if (has(/机关运行/)) reasons.push(word("机关运行经费"));
    return withKind({ id: "three_public", reasons, confidence: 0.95 });
  }
  if (has(/政府性基金/))
    return withKind({ id: "gov_fund", reasons: [word("政府性基金")], confidence: 0.95 });
  if (has(/国有资本经营/))
    return withKind({ id: "state_capital", reasons: [word("国有资本经营")], confidence: 0.95 });
  if (has(/绩效/)) return withKind({ id: "performance", reasons: [word("绩效")], confidence: 0.9 });
  if (has(/采购/)) return withKind({ id: "procurement", reasons: [word("采购")], confidence: 0.9 });
  if (has(/国有资产|资产(?:占有|使用)/))
    return withKind({ id: "assets", reasons: [word("资产")], confidence: 0.9 });
  if (has(/机关运行经费/))
    return withKind({ id: "running_cost", reasons: [word("机关运行经费")], confidence: 0.9 });
  if (has(/结转/) && has(/支出|资金/))
    return withKind({ id: "carryover", reasons: [word("结转")], confidence: 0.8 });

  const economic = has(/经济/);
  const functional = has(/功能/);
  const basic = has(/基本支出/);
  const project = has(/项目(?:支出)?|专项业务经费/);
  const income = has(/收入|收支|收\S{0,2}支/);
  const spending = has(/支出|收支/);
  const total = has(/总(?:体情况)?表|总计/);

  if (has(/一般公共预算/)) {
    const reasons = [word("一般公共预算")];
    if (basic) {
      reasons.push(word("基本支出"));
      if (functional) reasons.push(word("功能"));
      else if (economic) reasons.push(word("经济"));
      return withKind({
        id: functional ? "gpb_basic_function" : "gpb_basic_economic",
        reasons,
        confidence: functional || economic ? 0.95 : 0.85,
      });
    }
    if (project && has(/项目支出/)) {
      reasons.push(word("项目支出"));
      return withKind({ id: "gpb_project_economic", reasons, confidence: 0.85 });
    }
    if (spending) {
      reasons.push(word("支出"));
      if (economic) {
        reasons.push(word("经济"));
        return withKind({ id: "gpb_economic", reasons, confidence: 0.9 });
      }
      if (functional) reasons.push(word("功能"));
      return withKind({ id: "gpb_function", reasons, confidence: functional ? 0.95 : 0.85 });
    }
    return undefined;
  }
  if (project && !has(/收入/)) {
    const reasons = [word(has(/专项业务经费/) ? "专项业务经费" : "项目")];
    return withKind({ id: "projects", reasons, confidence: 0.8 });
  }
  if (has(/财政拨款/)) {
    const reasons = [word("财政拨款")];
    if (income && spending) {
      reasons.push(word("收支"));
      return withKind({ id: "fiscal_summary", reasons, confidence: total ? 0.95 : 0.85 });
    }
    if (basic) {
      reasons.push(word("基本支出"));
      return withKind({ id: "fiscal_basic_economic", reasons, confidence: 0.85 });
    }
    if (spending) {
      reasons.push(word("支出"));
      return withKind({ id: "fiscal_function", reasons, confidence: 0.85 });
    }
    return undefined;
  }
  if (basic) {
    // "基本支出预算表" without 一般公共预算: the basic-spending table by economic class.
    return withKind({
      id: functional ? "gpb_basic_function" : "gpb_basic_economic",
      reasons: [word("基本支出")],
      confidence: 0.6,
    });
  }
  if (income && spending && (has(/收支|收入支出/) || total)) {
    const reasons = [word("收支")];
    if (total) reasons.push(word("总表"));
    return withKind({ id: "summary", reasons, confidence: total ? 0.95 : 0.8 });
  }
  if (has(/收入/) && !has(/支出/)) {
    return withKind({ id: "income", reasons: [word("收入")], confidence: 0.9 });
  }
  if (has(/支出/)) {
    const reasons = [word("支出")];
    if (total) reasons.push(word("总表"));
    return withKind({ id: "expenditure", reasons, confidence: total ? 0.9 : 0.7 });
  }
  return undefined;
}

/** Institutional endings that close an entity's name at the head of a title. */
const ENTITY_END =
  /^.{2,30}?(?:大学|学院|学校|医院|局|委员会|办公厅|办公室|办事处|人民政府|政府|法院|检察院|中心|福利院|院|厅|所|站|馆|社|队|部)/;

function stripPrefix(body: string): string {
  let b = body.replace(/^.{0,30}?\d{4}年度?/, "");
  // "西南大学收支预算总表": a name before the first word that names a table.
  const first = b.search(
    /一般公共|财政拨款|部门|单位|预算单位|收|支|三公|“|政府性|国有资本|项目|基本|机关运行/,
  );
  if (first > 1) {
    const m = ENTITY_END.exec(b);
    if (m && m[0].length <= first + 1) b = b.slice(m[0].length);
  }
  return b.replace(
    /^(?:\d{4}年度?)?(?:预算单位|部门(?:\(单位\))?|单位|本部门|本单位|部门综合预算|单位综合预算|高等学校)?/,
    "",
  );
}

/**
 * If `line` is a table title, say which table it names ("other" when its
 * words name none of the standard ones).
 */
export function matchTitle(line: string): TitleMatch | undefined {
  const shape = titleShape(line);
  if (!shape) return undefined;
  return titleMatchOf(shape);
}

export function titleMatchOf(shape: TitleShape): TitleMatch {
  const vote = classifyTitle(shape.body);
  const m: TitleMatch = vote
    ? { id: vote.id, title: shape.title, reasons: vote.reasons, confidence: vote.confidence }
    : {
        id: "other",
        title: shape.title,
        reasons: ["标题未指明标准表格"],
        confidence: 0.3,
      };
  if (shape.number) m.number = shape.number;
  if (vote?.kind) m.kind = vote.kind;
  return m;
}

/** A line that carries only a table number ("公开01表", "表1", "附表 4-1", "公开表五"). */
export function matchTableNumber(line: string): string | undefined {
  const c = compact(line);
  if (/^\d{1,2}$/.test(c)) return undefined;
  const m = NUMBER_RE.exec(c);
  if (m && m[0].length >= c.length - 1) return m[0].replace(/[.．、:：\s]+$/, "");
  return undefined;
}
