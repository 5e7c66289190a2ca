/**
 * Extract claims from narrative paragraphs: every amount a sentence states,
 * with what it is about, the prior-year amount, the change, the direction
 * words, the growth rate and the share.
 *
 * A sentence is read as a sequence of tokens (amounts with a unit, and
 * percentages). Each token's role comes from the words just before it:
 * "比上年增加 0.62 万元" is a change, "（上年收入总计 93.42 万元" a prior
 * amount, "增长 61.07%" a rate, "占 7.34%" a share, "完成年初预算的 100 %"
 * a completion rate, anything else starts a new claim about the words
 * before it. Roles that follow attach to the claim the sentence is about.
 */
import { findSubjectPaths } from "../../catalog/path.ts";
import { parseAmount } from "../../model/money.ts";
import type { Claim, ClaimSubject, Issue, MoneyUnit } from "../../model/schema.ts";
import { catalogAvailable } from "./catalog.ts";
import { type Paragraph, provenanceOf } from "./paragraphs.ts";
import { cleanLabel, resolveSubject, type Side } from "./subjects.ts";

/**
 * A claim plus two fields the schema does not have yet (proposed):
 * in a final account, `budget` is the 年初预算 amount the sentence compares
 * the 决算 amount with (hundredths of `unit`), and `completion` the printed
 * completion rate ("完成年初预算的 100 %" → "100"). `prior` stays the
 * prior-year amount only.
 */
export interface NarrativeClaim extends Claim {
  budget?: number;
  completion?: string;
}

export interface ClaimContext {
  year: number;
  kind: "budget" | "final";
  unit: MoneyUnit;
  /** Heading of the section the paragraphs are under. */
  section?: string;
  /** Which classification bare names read as, when the text said so. */
  hint?: "func" | "econ";
}

const QUOTE_MAX = 200;

/** An amount with a unit, or a percentage. */
const TOKEN_RE =
  /(?<![\d.,，])([-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万元|元|万(?![人户亩辆台个次件吨余多])|%|％)/gu;
/** Sentence ends: claims never cross them. */
const SENTENCE_ENDS = new Set(["。", "；", ";", "！", "？", "!", "?"]);

/**
 * A text's sentences: each run of text without a sentence end, with the
 * ends that follow it (text before the first one too). Scanned by hand: a
 * regular expression for it overflows the stack on a paragraph of millions
 * of characters.
 */
function splitSentences(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && SENTENCE_ENDS.has(text.charAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !SENTENCE_ENDS.has(text.charAt(i))) i++;
    while (i < n && SENTENCE_ENDS.has(text.charAt(i))) i++;
    out.push({ start, text: text.slice(start, i) });
  }
  return out;
}
/** The verb right before a change amount, possibly with a template choice "（减）". */
const CHANGE_TAIL_RE =
  /(增加|减少|增长|下降|降低|上升|增|减)\s*了?\s*([（(][^）)\d]{0,6}[）)]?)?\s*$/u;
const COMPLETION_RE = /完成.{0,8}预算|预算完成|执行率/u;
const SHARE_RE = /占|比重/u;
const RATE_RE = /增|减|降|升|幅/u;
/** Words that say "compared with last year" before a prior-year amount. */
const PRIOR_RE = /(?<!结转)上年(?!度?结转|度?结余|末|底)|去年|上一年|(?:比|较)\s*[12]\d{3}\s*年/u;
/** A reason clause: its amounts are details, never the topic's prior or change. */
const REASON_RE = /原因|主要是|由于|因为/u;
const BUDGET_RE = /(?:年初预算|全年预算|调整预算|预算数|预算)\s*(?:数)?\s*(?:为|是|安排)?\s*$/u;
const ACTUAL_RE = /决算\s*(?:数)?\s*(?:为|是)?\s*$/u;
const FLAT_RE = /持平|无增减|没有增减|无变化|没有变化|与上年一致|保持不变|与上年相同|未发生变化/u;
/** A direction word offered with its alternative: "增（减）", "增长（下降）". */
const TEMPLATE_RE =
  /(?:增加|减少|增长|下降|上升|降低|增|减|大于|小于)\s*[（(]\s*(?:增加|减少|增长|下降|上升|降低|增|减|大于|小于)?\s*(?:[）)]|(?=\d))/u;
/** Amounts that are thresholds, not figures: "单价 50万元以上". */
const THRESHOLD_AFTER_RE = /^\s*(?:以上|以下|以内|及以上)/u;
const INCREASE_RE = /增加|增长|上升|增幅|增/u;
const DECREASE_RE = /减少|下降|降低|降幅|减/u;

type Direction = NonNullable<Claim["direction"]>;

interface Token {
  start: number;
  end: number;
  number: string;
  unit: MoneyUnit | "%";
}

interface Group {
  claims: NarrativeClaim[];
  /** Paragraph offsets of the text the group's claims quote. */
  quoteStart: number;
  quoteEnd: number;
  /** Offset of the amount (or first token) the claims cite. */
  anchor: number;
}

function tokenize(sentence: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(sentence); m; m = TOKEN_RE.exec(sentence)) {
    const unitText = m[2] ?? "";
    if (unitText !== "%" && unitText !== "％") {
      if (THRESHOLD_AFTER_RE.test(sentence.slice(m.index + m[0].length))) continue;
    }
    const unit: Token["unit"] = unitText === "元" ? "元" : unitText.startsWith("万") ? "万元" : "%";
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      number: (m[1] ?? "").replace("−", "-"),
      unit,
    });
  }
  return out;
}

/** Index just after the last clause boundary in `text` (0 when none). */
function clauseStart(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === "，" || ch === "," || ch === "：" || ch === ":" || ch === "；" || ch === ";") {
      return i + 1;
    }
    // "收、支总计" is one subject; elsewhere "、" separates list items.
    if (ch === "、" && text[i - 1] !== "收") return i + 1;
  }
  return 0;
}

/** The clause before a token, cut after an unclosed opening bracket ("（上年…"). */
function clauseBefore(prefix: string): { text: string; offset: number } {
  let from = clauseStart(prefix);
  let depth = 0;
  for (let i = prefix.length - 1; i >= from; i--) {
    const ch = prefix[i];
    if (ch === "）" || ch === ")") depth++;
    else if (ch === "（" || ch === "(") {
      if (depth === 0) {
        from = i + 1;
        break;
      }
      depth--;
    }
  }
  return { text: prefix.slice(from), offset: from };
}

function directionOf(word: string): Direction | undefined {
  if (DECREASE_RE.test(word)) return "decrease";
  if (INCREASE_RE.test(word)) return "increase";
  return undefined;
}

/** The direction stated by the last direction word of a clause. */
function lastDirection(clause: string): Direction | undefined {
  const re = /增加|减少|增长|下降|降低|上升|增幅|降幅|增|减/gu;
  let last: string | undefined;
  for (let m = re.exec(clause); m; m = re.exec(clause)) last = m[0];
  return last ? directionOf(last) : undefined;
}

function signedRate(number: string, dir: Direction | undefined): string {
  const n = number.replace(/^-/u, "");
  if (dir === "decrease" && !/^0+(?:\.0+)?$/u.test(n)) return `-${n}`;
  return number;
}

function isZero(number: string): boolean {
  return /^-?0+(?:\.0+)?$/u.test(number);
}

function sameSubject(a: ClaimSubject, b: ClaimSubject): boolean {
  if (a.kind !== b.kind) return false;
  if (a.code || b.code) return a.code === b.code;
  if (a.key || b.key) return a.key === b.key;
  return a.label === b.label;
}

/** What the sentences read so far say about the 科目 path of the next ones. */
interface PathState {
  lei?: string;
}

/** The last 类 a text names in a 科目 path. */
function lastLei(text: string): string | undefined {
  return findSubjectPaths(text)
    .filter((p) => p.lei)
    .at(-1)?.lei;
}

/** Extract the claims of the paragraphs of one section. */
export function extractClaims(
  paragraphs: readonly Paragraph[],
  ctx: ClaimContext,
): { claims: NarrativeClaim[]; issues: Issue[] } {
  const claims: NarrativeClaim[] = [];
  const issues: Issue[] = [];
  let hint = ctx.hint;
  // The 类 a heading names ("（一）一般公共服务支出（类）") is the parent of
  // paths its sentences print from their 款.
  const state: PathState = {};
  const headingLei = lastLei(ctx.section ?? "");
  if (headingLei) state.lei = headingLei;
  for (const p of paragraphs) {
    // "按照支出经济分类科目，主要用于：" sets how the next list's names read.
    if (/经济分类/u.test(p.text)) hint = "econ";
    else if (/功能分类/u.test(p.text)) hint = "func";
    extractParagraph(p, hint === undefined ? ctx : { ...ctx, hint }, claims, issues, state);
  }
  return { claims, issues };
}

function extractParagraph(
  p: Paragraph,
  ctx: ClaimContext,
  claims: NarrativeClaim[],
  issues: Issue[],
  state: PathState,
): void {
  const groups: Group[] = [];
  let prevTopic: Group | undefined;
  let side: Side | undefined;
  /** A short sentence without amounts that names the next sentence's subject. */
  let pendingLabel: string | undefined;
  const sentences = splitSentences(p.text);

  for (const s of sentences) {
    const lei = lastLei(s.text);
    if (lei) state.lei = lei;
    const tokens = tokenize(s.text);
    if (tokens.length === 0) {
      const t = s.text.trim();
      pendingLabel =
        t.length <= 60 && /[（(]项[）)]|[（(]款[）)]|[（(]类[）)]/u.test(t) ? t : undefined;
      continue;
    }
    const template = TEMPLATE_RE.test(s.text);
    if (template) {
      issues.push({
        code: "narrative.template_choice",
        message: `说明中保留了模板的增减选项（如“增（减）”），增减方向无法确定：${s.text.trim().slice(0, 60)}`,
        source: provenanceOf(p, s.start, s.start + s.text.length),
      });
    }
    const sentenceEnd = s.start + s.text.length;
    let current: Group | undefined;
    let firstOfSentence: Group | undefined;
    let prevEnd = 0;

    const newGroup = (raw: string, anchor: number, labelStart: number): Group => {
      let rawLabel = raw;
      if (cleanLabel(raw) === "" && pendingLabel) rawLabel = pendingLabel;
      const resolved = resolveSubject(rawLabel, {
        year: ctx.year,
        ...(ctx.section !== undefined ? { section: ctx.section } : {}),
        ...(side !== undefined ? { side } : {}),
        ...(ctx.hint !== undefined ? { hint: ctx.hint } : {}),
        ...(state.lei !== undefined ? { lei: state.lei } : {}),
      });
      side = resolved.side ?? side;
      if (
        catalogAvailable &&
        resolved.subjects.some((x) => x.kind === "classification" && !x.code)
      ) {
        issues.push({
          code: "narrative.classification_unresolved",
          message: `说明中的科目名称在 ${ctx.year} 年科目表中找不到：${resolved.subjects[0]?.label ?? ""}`,
          source: provenanceOf(p, anchor, anchor + 1),
        });
      }
      const g: Group = {
        claims: resolved.subjects.map((subject) => {
          const c: NarrativeClaim = { subject, quote: "", source: { line: 1 } };
          if (ctx.section !== undefined) c.section = ctx.section;
          return c;
        }),
        quoteStart: s.start + Math.max(0, labelStart),
        quoteEnd: sentenceEnd,
        anchor: s.start + anchor,
      };
      groups.push(g);
      for (const c of g.claims) claims.push(c);
      if (!firstOfSentence) firstOfSentence = g;
      return g;
    };

    /**
     * The group a change / prior amount belongs to: the current one, unless
     * the clause names another subject; a sentence without its own subject
     * continues the previous sentence's topic.
     */
    const groupFor = (label: string, anchor: number, labelStart: number): Group => {
      const named = cleanLabel(label);
      if (named !== "") {
        const probe = resolveSubject(label, { year: ctx.year });
        const subject = probe.subjects[0];
        if (subject && subject.kind !== "other") {
          if (current?.claims.some((c) => sameSubject(c.subject, subject))) {
            return current;
          }
          for (let i = groups.length - 1; i >= 0; i--) {
            const g = groups[i] as Group;
            if (g.claims.some((c) => sameSubject(c.subject, subject))) return extend(g);
          }
          return newGroup(label, anchor, labelStart);
        }
      }
      if (current) return current;
      if (prevTopic) return extend(prevTopic);
      return newGroup(label, anchor, labelStart);
    };

    /** A group from an earlier sentence now also quotes this one. */
    const extend = (g: Group): Group => {
      g.quoteEnd = Math.max(g.quoteEnd, sentenceEnd);
      return g;
    };

    for (const t of tokens) {
      const prefix = s.text.slice(prevEnd, t.start);
      const clause = clauseBefore(prefix);
      const clauseText = clause.text;
      const labelStart = prevEnd + clause.offset;
      prevEnd = t.end;

      if (t.unit === "%") {
        const target = current ?? (prevTopic ? extend(prevTopic) : undefined);
        if (COMPLETION_RE.test(clauseText)) {
          if (target) for (const c of target.claims) c.completion = t.number;
        } else if (SHARE_RE.test(clauseText)) {
          // "货物采购授予中小企业合同金额占…的 0%" names its own subject.
          const own = clauseText.replace(/占.*$/u, "");
          const g = cleanLabel(own) === "" && target ? target : newGroup(own, t.start, labelStart);
          for (const c of g.claims) c.share = t.number;
          current = g;
        } else if (RATE_RE.test(clauseText) && target) {
          // "增长1.98%。主要原因是…经费统一压减10%", "减少23.25万元，主要原因
          // …统一压减10%": a rate in a reason is a detail of the reason, not
          // the rate of a subject named before it.
          const reasonAt = s.text.search(REASON_RE);
          if (reasonAt >= 0 && reasonAt < t.start && target.anchor < s.start + reasonAt) continue;
          const dir = lastDirection(clauseText);
          const tmpl = TEMPLATE_RE.test(clauseText) || /[（(]\s*$/u.test(clauseText);
          for (const c of target.claims) {
            if (tmpl) {
              if (isZero(t.number)) c.rate = "0";
            } else {
              c.rate = signedRate(t.number, dir);
              if (c.direction === undefined && dir) c.direction = dir;
            }
          }
        }
        continue;
      }

      const amount = parseAmount(t.number);
      if (REASON_RE.test(s.text.slice(0, t.start))) {
        // "原因：预算支出比上年增加 0.62 万元，其中基本支出增加 0.62 万元":
        // an amount after a change verb is a change, even in a reason clause.
        // "…原因，增加基本支出 844.15 万元": the verb may also lead its subject.
        // "主要是基本支出增加人员经费 8.00 万元": the verb may sit inside, and
        // the amount is the change of what follows it, not a level of what precedes.
        const tail = CHANGE_TAIL_RE.exec(clauseText);
        const lead = tail ? null : /(增加|减少|增长|下降|降低)了?(?=[^增减降]*$)/u.exec(clauseText);
        const verbWord = tail?.[1] ?? lead?.[1];
        const choice = tail?.[2];
        const label = tail
          ? clauseText.slice(0, tail.index)
          : lead
            ? clauseText.slice(lead.index + lead[0].length)
            : clauseText;
        const g = newGroup(label, t.start, labelStart);
        const dir = verbWord && choice === undefined ? directionOf(verbWord) : undefined;
        for (const c of g.claims) {
          c.unit = t.unit;
          if (amount === undefined) continue;
          if (!verbWord) c.amount = amount;
          else if (dir) {
            c.change = dir === "decrease" ? -amount : amount;
            c.direction = dir;
          } else if (amount === 0) c.change = 0;
        }
        current = g;
        continue;
      }
      // The verb may sit before a template bracket ("增加（ 0 万元"), which
      // the subject clause cuts off: look at the whole clause.
      const wide = prefix.slice(clauseStart(prefix));
      const changeIn = CHANGE_TAIL_RE.test(clauseText) ? clauseText : wide;
      const change = CHANGE_TAIL_RE.exec(changeIn);
      if (change) {
        const verb = change[1] ?? "";
        const choice = change[2];
        const tmpl =
          choice !== undefined &&
          (/增|减|大于|小于|上升|下降/u.test(choice) || !/[）)]/u.test(choice));
        const label = changeIn.slice(0, change.index);
        const g = groupFor(label, t.start, labelStart);
        const dir = tmpl ? undefined : directionOf(verb);
        for (const c of g.claims) {
          const v = convert(amount, t.unit, c.unit);
          if (v !== undefined) {
            if (tmpl) {
              if (v === 0) c.change = 0;
            } else c.change = dir === "decrease" ? -v : v;
          }
          if (dir && c.direction === undefined) c.direction = dir;
          c.unit ??= t.unit;
        }
        current = g;
        continue;
      }
      // "（2016 年度部门支出预算安排为 8,648.07 万元）" in a 2017 budget: last year's figure.
      const priorYear = priorYearRe(ctx.year).test(clauseText);
      if (PRIOR_RE.test(clauseText) || (priorYear && !clauseText.includes(String(ctx.year)))) {
        // "比上年预算 83.42 万元": the prior year's budget is still the prior amount.
        const g = groupFor(clauseText, t.start, labelStart);
        for (const c of g.claims) {
          const v = convert(amount, t.unit, c.unit);
          if (v !== undefined) c.prior = v;
          c.unit ??= t.unit;
        }
        current = g;
        continue;
      }
      if (ctx.kind === "final" && BUDGET_RE.test(clauseText) && !/决算/u.test(clauseText)) {
        // 年初预算 in a final account: the comparison basis, not the claim's amount.
        const g = current?.claims.every((c) => c.budget === undefined && c.amount === undefined)
          ? current
          : newGroup(clauseText, t.start, labelStart);
        for (const c of g.claims) {
          if (amount !== undefined) c.budget = amount;
          c.unit = t.unit;
        }
        current = g;
        continue;
      }
      if (
        ctx.kind === "final" &&
        current &&
        ACTUAL_RE.test(clauseText) &&
        current.claims.every((c) => c.amount === undefined)
      ) {
        for (const c of current.claims) {
          if (amount !== undefined) c.amount = convert(amount, t.unit, c.unit) ?? amount;
          c.unit ??= t.unit;
        }
        current.anchor = s.start + t.start;
        continue;
      }
      const g = newGroup(prefix.slice(clause.offset), t.start, labelStart);
      for (const c of g.claims) {
        if (amount !== undefined) c.amount = amount;
        c.unit = t.unit;
      }
      current = g;
    }

    // Flat words ("与上年预算无变化") apply to the claims of this sentence without a direction.
    for (const g of groups) {
      if (g.quoteEnd !== sentenceEnd) continue;
      // Only the statement counts, not its reason ("主要原因是：上下年无变化").
      const span = p.text.slice(g.anchor, g.quoteEnd).replace(/原因.*$/u, "");
      if (!FLAT_RE.test(span)) continue;
      for (const c of g.claims) c.direction ??= "flat";
    }
    if (firstOfSentence) prevTopic = firstOfSentence;
    else if (current) prevTopic = current;
    pendingLabel = undefined;
  }

  for (const g of groups) {
    const quote = quoteOf(p.text, g);
    const source = provenanceOf(p, g.anchor, g.quoteEnd);
    for (const c of g.claims) {
      c.quote = quote;
      c.source = { ...source };
    }
  }
}

const PRIOR_YEAR_RES = new Map<number, RegExp>();

/** "2016 年度部门支出预算安排为" in a 2017 document: the words before last year's figure. */
function priorYearRe(year: number): RegExp {
  let re = PRIOR_YEAR_RES.get(year);
  if (!re) {
    re = new RegExp(`${year - 1}\\s*年度?[^，,。；;]{0,20}?(?:为|是|数)\\s*$`, "u");
    PRIOR_YEAR_RES.set(year, re);
  }
  return re;
}

/** Hundredths of `to` for hundredths of `from`, when exact. */
function convert(
  amount: number | undefined,
  from: MoneyUnit | "%",
  to: MoneyUnit | undefined,
): number | undefined {
  if (amount === undefined || from === "%") return undefined;
  if (to === undefined || to === from) return amount;
  if (from === "万元" && to === "元") return amount * 10_000;
  return amount % 10_000 === 0 ? amount / 10_000 : undefined;
}

/** The sentence(s) a group speaks in, cut to the clause when too long. */
function quoteOf(text: string, g: Group): string {
  let from = g.quoteStart;
  // Quote the whole sentence when it fits; otherwise start at the subject.
  const sentenceStart = Math.max(
    text.lastIndexOf("。", from - 1),
    text.lastIndexOf("；", from - 1),
    text.lastIndexOf(";", from - 1),
  );
  if (g.quoteEnd - (sentenceStart + 1) <= QUOTE_MAX) from = sentenceStart + 1;
  let q = text.slice(from, g.quoteEnd).trim();
  if (q.length > QUOTE_MAX) q = q.slice(0, QUOTE_MAX);
  return q;
}
