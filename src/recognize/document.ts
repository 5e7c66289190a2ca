/**
 * What the document is: 预算 or 决算, the fiscal year, the entity (and its
 * supervising department), read from where a document prints them, in order
 * of trust:
 *
 * 1. the cover and the document title ("上海市普陀区财政局 / 2025年部门预算",
 *    "预算主管部门：…", "2018年度江苏省高级人民法院预算公开");
 * 2. labels on the tables ("部门：…", "编制单位：…", "单位名称：…") and the
 *    titles of parts and tables ("第二部分 2019年度部门预算表",
 *    "2017年政府采购预算表");
 * 3. only then the narrative, whose years and names are mostly about other
 *    things ("比2024年预算增加…", "…是区级预算主管部门及所属预算单位…").
 *
 * A name is accepted only when it looks like the name of a body: a run of CJK
 * characters ending in an institutional suffix, not starting with a function
 * word and not a sentence.
 */
import type { LayoutBlock } from "../ingest/layout.ts";
import type { Entity, Kind } from "../model/schema.ts";
import { compact, stripOrdinal } from "./normalize.ts";
import type { Region } from "./segment.ts";

type Level = NonNullable<Entity["level"]>;
type Government = NonNullable<Entity["government"]>;

/** Everything the detectors read, worked out once per document. */
interface DocumentView {
  /** The lines as printed. */
  original: string[];
  /** Compact lines (NFKC, no whitespace), same indexes as the lines. */
  compact: string[];
  /** Compact lines of the cover: before 目录 or the first part heading. */
  cover: string[];
  /** The cover as one string (titles are often broken over lines). */
  coverText: string;
  /** Short, title-like lines anywhere: part headings, table titles, contents. */
  titles: string[];
  /** Values printed after entity labels (部门：, 编制单位：…), label kind kept. */
  labels: LabelValue[];
  /** The whole document, compact. */
  flat: string;
}

interface LabelValue {
  /** "department" for 部门-style labels, "unit" for 单位-style ones. */
  side: Level;
  value: string;
  /** Printed on the cover. */
  cover: boolean;
}

const views = new WeakMap<string[], DocumentView>();

function view(lines: string[]): DocumentView {
  let v = views.get(lines);
  if (v === undefined) {
    v = buildView(lines);
    views.set(lines, v);
  }
  return v;
}

const CJK = "\\u3400-\\u9fff";
const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
const PAGE_NUMBER = /^[-—–]*\d{1,3}[-—–]*$/;
/** Dates on covers ("2021年4月", "2018年2月24日") are not the fiscal year. */
const DATE_LINE = /^20\d{2}年\d{1,2}月(?:\d{1,2}日)?$/;

function buildView(lines: string[]): DocumentView {
  const c = lines.map((l) => compact(l));
  const cover: string[] = [];
  let coverEnd = 0;
  for (let i = 0; i < c.length && i < 40 && cover.length < 8; i++) {
    const l = c[i] ?? "";
    coverEnd = i + 1;
    if (!l || PAGE_NUMBER.test(l) || DATE_LINE.test(l)) continue;
    if (l.startsWith("目录") || PART_HEADING.test(l) || /^[一二三四五六七八九十]+、/.test(l)) {
      coverEnd = i;
      break;
    }
    if (l.length > 60 || /[。；]/.test(l)) {
      coverEnd = i;
      break;
    }
    cover.push(l);
  }
  const titles: string[] = [];
  for (const l of c) {
    if (l.length < 4 || l.length > 48 || /[。；，]/.test(l)) continue;
    titles.push(stripOrdinal(l.replace(/[.…·]{3,}\d*$/, "")));
  }
  const labels: LabelValue[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (!LABEL_HINT.test(line)) continue;
    for (const m of line.matchAll(LABEL)) {
      const label = (m[1] ?? "").replace(/\s+/g, "");
      // Bare table-cell labels ("单位名称 X") only for 名称: "部门 X" is a column header.
      if (!m[2] && !label.endsWith("名称")) continue;
      const value = cleanName(m[3] ?? "");
      if (!value) continue;
      labels.push({
        side: /单位/.test(label) && !/部门/.test(label) ? "unit" : "department",
        value,
        cover: i < coverEnd,
      });
    }
  }
  return {
    original: lines,
    compact: c,
    cover,
    coverText: cover.join(""),
    titles,
    labels,
    flat: c.join(""),
  };
}

/** Labels that name the body the document is about ("预算主管部门" is the entity itself on a cover). */
const LABEL_HINT = /部\s*门|单\s*位/;
const LABEL =
  /(?:^|[\s|｜])(预算主管部门|编制部门|编制单位|预算单位|部\s*门\s*名\s*称|单\s*位\s*名\s*称|部门\s*[/／]\s*单位|部门\s*[(（]\s*单位\s*[)）]|部\s*门)\s*([:：])?[\s|｜]*([^\s|｜:：]*)/g;

// ---------------------------------------------------------------------------
// Names

/** Endings of the names of bodies. */
const SUFFIX =
  /(?:局|委员会|委|办事处|办公厅|办公室|院|大学|学院|学校|中心|部|厅|处|所|站|馆|会|队|社|台|署|政府|公司|集团|园|室)$/;
/**
 * Words a name never starts with: function words and table vocabulary (the
 * look-aheads keep the places that start with the same character: 本溪市,
 * 和田地区, 于都县, 从化区, 全椒县…).
 */
const FUNCTION_START =
  /^(?:是|为|年|的|主要|反映|其他|其中|其(?!他)|本(?!溪)|该|各|及|和(?![田平龙林顺政静县])|与|对|由|在|从(?![化江])|将(?!乐)|按|我|全(?![国椒州南])|以|于(?![都洪田])|属|所|上年|下属|下设|包括|用于|负责|根据|按照|关于|有关|通过|加强|做好|完成|实施|组织|开展|承担|合计|总计|项目|单位|部门|预算|决算|收入|支出|级|省级|市级|区级|县级|直属|内设|当年|今年|去年|同比|比(?!如)|较)/;
/** Words inside a sentence or a table label, never inside a name. */
const NOT_IN_NAME =
  /部门|单位|预算|决算|支出|收入|经费|合计|年度|本年|上年|情况|说明|科目|分类|以及|包括|反映|用于|是|的/;

/** The name without a trailing "（本级）" and in NFKC form; "" if it is not CJK. */
function cleanName(raw: string): string {
  return compact(raw)
    .replace(/\((?:本级|机关|本部)\)$/, "")
    .replace(/本级$/, "");
}

/** A run of CJK characters that reads as the name of a body, not a fragment of a sentence. */
export function isEntityName(name: string): boolean {
  if (name.length < 3 || name.length > 30) return false;
  if (!new RegExp(`^[${CJK}]+$`).test(name)) return false;
  if (!SUFFIX.test(name) || FUNCTION_START.test(name) || NOT_IN_NAME.test(name)) return false;
  // At least two characters before the suffix: "财政局", not "局" or "分局" alone.
  return name.replace(SUFFIX, "").length >= 2;
}

/** The same party body has a long and a short name: one form for both ("中共江苏省委办公厅"). */
export function canonicalName(name: string): string {
  const long = /^中国共产党(.+?)委员会(.*)$/.exec(name);
  if (long?.[1] && placeChain(long[1]).length === long[1].length)
    return `中共${long[1]}委${long[2] ?? ""}`;
  if (!name.startsWith("中共")) {
    const short = /^(.+?)委(?!员)(.+)$/.exec(name);
    if (short?.[1] && placeChain(short[1]).length === short[1].length) return `中共${name}`;
  }
  return name;
}

/** A valid name at the end of a run of CJK text ("关于西宁市城东区医疗保障局" → "西宁市城东区医疗保障局"). */
function nameAtEnd(run: string): string | undefined {
  for (let i = 0; i + 3 <= run.length; i++) {
    const s = run.slice(i);
    if (!isEntityName(s)) continue;
    // A name cut out of a longer run must at least start with a place or the party.
    if (i > 0 && !placeChain(s) && !s.startsWith("中共")) continue;
    return s;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Places

/** Administrative units a name may start with, and the level of government each is. */
const PLACE_MARKS: [string, Government][] = [
  ["特别行政区", "province"],
  ["自治区", "province"],
  ["自治州", "city"],
  ["自治县", "county"],
  ["自治旗", "county"],
  ["省", "province"],
  ["市", "city"],
  ["地区", "city"],
  ["州", "city"],
  ["盟", "city"],
  ["新区", "county"],
  ["区", "county"],
  ["县", "county"],
  ["旗", "county"],
  ["街道", "township"],
  ["乡", "township"],
  ["镇", "township"],
  ["苏木", "township"],
];
const PLACE_SEGMENT = new RegExp(
  `^(?:人民政府)?([${CJK}]{2,7}?)(${PLACE_MARKS.map(([m]) => m).join("|")})`,
);
/** Words of institutions and sentences, never inside a place name ("住房和城乡" is not a 乡). */
const NOT_PLACE = /人民|政府|中心|[委局厅办院部与及的]|.和/;

interface Place {
  /** The place prefix of a name ("上海市普陀区"). */
  text: string;
  /** The level of government of its last unit. */
  government?: Government;
}

function placeOf(name: string): Place {
  let rest = name.replace(/^(?:中共|中国共产党)/, "");
  let text = "";
  let government: Government | undefined;
  for (let k = 0; k < 5; k++) {
    const m = PLACE_SEGMENT.exec(rest);
    if (!m?.[1] || !m[2] || NOT_PLACE.test(m[1])) break;
    government = PLACE_MARKS.find(([mark]) => mark === m[2])?.[1];
    text += m[0];
    rest = rest.slice(m[0].length);
  }
  return { text, government };
}

/** The place prefix of a name ("" when it names none). */
function placeChain(name: string): string {
  return placeOf(name).text;
}

// ---------------------------------------------------------------------------
// Kind

const TITLE_YEAR = /(20\d{2})年度?(?!\d{1,2}月)/g;
const WORD = /预算|决算/;

/** The year and the kind the cover's title states ("上海市普陀区2025年区级部门预算"). */
function coverTitle(v: DocumentView): { year?: number; kind?: Kind; at?: number } {
  for (const m of v.coverText.matchAll(TITLE_YEAR)) {
    const after = v.coverText.slice(m.index + m[0].length, m.index + m[0].length + 24);
    const w = WORD.exec(after.split(/20\d{2}年/)[0] ?? "");
    if (w) return { year: Number(m[1]), kind: w[0] === "决算" ? "final" : "budget", at: m.index };
  }
  const plain = /(?:部门|单位)(?:综合)?(预算|决算)/.exec(v.coverText);
  if (plain) return { kind: plain[1] === "决算" ? "final" : "budget" };
  return {};
}

function countMax<T>(items: Iterable<T>): T | undefined {
  const m = new Map<T, number>();
  let best: T | undefined;
  let bestN = 0;
  for (const it of items) {
    const n = (m.get(it) ?? 0) + 1;
    m.set(it, n);
    if (n > bestN) {
      best = it;
      bestN = n;
    }
  }
  return best;
}

const TABLE_TITLE_KIND = /(预算|决算)(?:总|明细)?表(?:\(.*\))?$/;

export function detectKind(lines: string[], regions: Region[]): Kind | undefined {
  const v = view(lines);
  const fromCover = coverTitle(v).kind;
  if (fromCover) return fromCover;
  const byRegion = countMax(regions.map((r) => r.match.kind).filter((k): k is Kind => !!k));
  if (byRegion) return byRegion;
  const byTitle = countMax(
    v.titles.flatMap((t) => {
      const m = TABLE_TITLE_KIND.exec(t);
      return m ? [m[1] === "决算" ? ("final" as const) : ("budget" as const)] : [];
    }),
  );
  if (byTitle) return byTitle;
  const f = (v.flat.match(/决算/g) ?? []).length;
  const b = (v.flat.match(/预算/g) ?? []).length;
  if (f === 0 && b === 0) return undefined;
  return f * 2 >= b ? "final" : "budget";
}

// ---------------------------------------------------------------------------
// Year

/** A year the text compares with ("比2024年预算", "较上年") is not the document's. */
const COMPARED = /[比较于与同上]$/;

export function detectYear(lines: string[], kind: Kind | undefined): number | undefined {
  const v = view(lines);
  const fromCover = coverTitle(v).year;
  if (fromCover) return fromCover;
  // Titles of parts and tables: "第二部分 2019年度部门预算表", "2017年政府采购预算表".
  const titled: number[] = [];
  for (const t of v.titles) {
    if (!t.includes("年")) continue;
    for (const m of t.matchAll(TITLE_YEAR)) {
      if (COMPARED.test(t.slice(0, m.index))) continue;
      const after = t.slice(m.index + m[0].length);
      if (WORD.test(after) || after.endsWith("表")) titled.push(Number(m[1]));
    }
  }
  const byTitle = countMax(titled);
  if (byTitle) return byTitle;
  const word = kind === "final" ? "决算" : kind === "budget" ? "预算" : "(?:预算|决算)";
  const stated = [
    ...v.flat.matchAll(
      new RegExp(`(?<![比较于与同上])(20\\d{2})年度?(?:部门|单位)?(?:综合)?${word}`, "g"),
    ),
  ].map((m) => Number(m[1]));
  return (
    countMax(stated) ?? countMax([...v.flat.matchAll(/(20\d{2})年/g)].map((m) => Number(m[1])))
  );
}

// ---------------------------------------------------------------------------
// Entity

/** The entity's name as the cover prints it: before the title's year, inside the title, or labelled. */
function coverName(v: DocumentView): string | undefined {
  const { at } = coverTitle(v);
  if (at !== undefined) {
    const before = new RegExp(`[${CJK}]*$`).exec(v.coverText.slice(0, at))?.[0] ?? "";
    const name = cleanName(before);
    if (isEntityName(name)) return name;
    // "2018年度江苏省高级人民法院预算公开": the name between the year and the word.
    const inside = new RegExp(
      `^20\\d{2}年度?([${CJK}]+?)(?:区级|省级|市级|县级)?(?:部门|单位)?(?:综合)?(?:预算|决算)`,
    ).exec(v.coverText.slice(at));
    const named = cleanName(inside?.[1] ?? "");
    if (isEntityName(named)) return named;
  }
  const labelled = v.labels.find((l) => l.cover && isEntityName(l.value));
  if (labelled) return labelled.value;
  return v.cover.map(cleanName).find(isEntityName);
}

/** Names stated next to the document's year in headings and text ("第二部分 X 2025年部门预算情况说明"). */
function textNames(v: DocumentView, kind: Kind | undefined, year: number | undefined): string[] {
  const found: string[] = [];
  for (const t of v.titles) {
    if (!PART_HEADING.test(t)) continue;
    const m = new RegExp(`^第[一二三四五六七八九十]+部分([${CJK}]+?)(?:概况|20\\d{2}年)`).exec(t);
    const name = m?.[1] ? nameAtEnd(m[1]) : undefined;
    if (name) found.push(name);
  }
  const word = kind === "final" ? "决算" : "预算";
  const y = String(year ?? "20");
  const re = new RegExp(`([${CJK}]{3,40})${year ?? "20\\d{2}"}年度?[^。]{0,12}?${word}`, "g");
  for (const l of v.compact) {
    if (!l.includes(y) || !l.includes(word)) continue;
    for (const m of l.matchAll(re)) {
      const name = m[1] ? nameAtEnd(m[1]) : undefined;
      if (name) found.push(name);
    }
  }
  return found;
}

export function detectEntity(
  lines: string[],
  kind: Kind | undefined,
  year: number | undefined,
): Entity | undefined {
  const v = view(lines);
  const labelled = v.labels.map((l) => l.value).filter(isEntityName);
  let name = coverName(v) ?? countMax(labelled) ?? countMax(textNames(v, kind, year));
  if (!name) return undefined;
  // A label may print the full name of what the title shortens ("随州市曾都区…" for "曾都区…").
  for (const l of labelled) if (l.length > name.length && l.endsWith(name)) name = l;
  name = canonicalName(name);
  const parent = detectParent(v, name);
  const entity: Entity = { name, parent };
  const level = entityLevel(v);
  if (level) entity.level = level;
  const government = entityGovernment(v, name, parent);
  if (government) entity.government = government;
  return entity;
}

/** 单位 for a 单位预算/单位决算 (cover, contents, tables titled "预算单位…"), 部门 for a 部门 one. */
function entityLevel(v: DocumentView): Level | undefined {
  const UNIT = /单位(?:综合|收支)?(?:预算|决算)/;
  const DEPARTMENT = /部门(?:综合|收支)?(?:预算|决算)/;
  const cover = v.coverText;
  if (UNIT.test(cover)) return "unit";
  if (DEPARTMENT.test(cover)) return "department";
  const coverLabel = v.labels.find((l) => l.cover);
  if (coverLabel) return coverLabel.side;
  const head = v.compact.slice(0, 60).join("");
  if (UNIT.test(head) && !DEPARTMENT.test(head)) return "unit";
  if (DEPARTMENT.test(head) && !UNIT.test(head)) return "department";
  let unit = 0;
  let department = 0;
  for (const t of v.titles) {
    if (/^(?:20\d{2}年度?)?预算单位/.test(t)) unit++;
    else if (/^(?:20\d{2}年度?)?部门/.test(t) && /表$/.test(t)) department++;
  }
  for (const l of v.labels) {
    if (l.side === "unit") unit++;
    else department++;
  }
  if (unit > department) return "unit";
  if (department > unit) return "department";
  if (DEPARTMENT.test(head)) return "department";
  return undefined;
}

/** Central bodies: ministries and what the text says is directly under one or under 中央. */
const CENTRAL_NAME = /^(?:中共中央|中央|国务院|全国|中华人民共和国|国家)/;
const CENTRAL_BODY = new RegExp(`^(?:国家)?[${CJK}]{1,10}(?:部|总局|署|委员会)$`);
/** "是教育部直属…", "系国务院直属…", "中央高校": said of a body whose name has no place. */
const CENTRAL_STATED = new RegExp(
  `(?:是|为|系)(?:[${CJK}]{1,8}部|国务院)直属|中央(?:部门|国家机关|高校|级预算单位)`,
);

function entityGovernment(
  v: DocumentView,
  name: string,
  parent: string | null,
): Government | undefined {
  const place = placeOf(name);
  if (place.government) return place.government;
  if (CENTRAL_NAME.test(name)) return "central";
  if (parent && !placeChain(parent) && CENTRAL_BODY.test(parent)) return "central";
  if (/^[^省市区县]{1,10}部$/.test(name)) return "central";
  if (CENTRAL_STATED.test(v.flat)) return "central";
  return undefined;
}

// ---------------------------------------------------------------------------
// Parent

const NAME_RE = `[${CJK}]{2,30}?(?:局|委员会|委|办公室|办公厅|厅|部|政府|院|中心|办事处)`;
/** Statements that a body belongs to another: "属X二级单位", "为X所属", "隶属于X", "是X直属". */
const PARENT_STATEMENTS = [
  new RegExp(`属(${NAME_RE})(?:的)?(?:二级|下属|所属)`, "g"),
  new RegExp(`隶属于?(${NAME_RE})(?![${CJK}])`, "g"),
  new RegExp(`隶属于?(${NAME_RE})(?:的|管理|领导)`, "g"),
  new RegExp(`为(${NAME_RE})(?:的)?(?:所属|下属|直属|二级)`, "g"),
  new RegExp(`(?:是|系)(${NAME_RE})(?:的)?(?:直属|所属|下属|二级)`, "g"),
];
/** "主管部门 X", "项目主管部门：X", "主管部门及代码 X 105" in tables; not "预算主管部门" (the entity). */
const PARENT_LABEL =
  /(?:^|[\s|｜])(?:项目)?主管部门(?:及代码|名称)?\s*[:：]?[\s|｜]*([^\s|｜:：]+)/g;

function detectParent(v: DocumentView, entity: string): string | null {
  const same = (p: string) =>
    p === entity || canonicalName(p) === entity || entity.endsWith(p) || entity.startsWith(`${p}(`);
  const labelled: string[] = [];
  v.compact.forEach((l, i) => {
    if (!l.includes("主管部门")) return;
    // The compact line lost its spaces: read the original line's cells.
    const line = v.original[i] ?? "";
    for (const m of line.matchAll(PARENT_LABEL)) {
      const p = cleanName(m[1] ?? "");
      if (isEntityName(p) && !same(p)) labelled.push(canonicalName(p));
    }
  });
  const byLabel = countMax(labelled);
  if (byLabel) return byLabel;
  const byCode = parentByUnitCode(v, entity);
  if (byCode && !same(byCode)) return byCode;
  for (const re of PARENT_STATEMENTS) {
    for (const m of v.flat.matchAll(re)) {
      const p = m[1] ?? "";
      const name = isEntityName(p) ? p : nameAtEnd(p);
      if (name && !same(name)) return canonicalName(expandName(name, v.flat));
    }
  }
  return null;
}

/** A table row that starts with a three-digit unit code and a name. */
const UNIT_CODE_ROW = new RegExp(`^\\s*(\\d{3})[\\s|｜]+([${CJK}（）()]{3,30})(?=[\\s|｜]|$)`);

/**
 * Budget unit codes print the hierarchy: "231 西安市碑林区医疗保障局" directly
 * above "231002 西安市碑林区医疗保险经办中心" makes the first the entity's parent.
 */
function parentByUnitCode(v: DocumentView, entity: string): string | undefined {
  const tail = entity.slice(-6);
  for (let i = 0; i < v.compact.length; i++) {
    const c = v.compact[i] ?? "";
    const first = c.charCodeAt(0);
    if (first < 48 || first > 57) continue; // rows that start with a code
    const m = UNIT_CODE_ROW.exec(v.original[i] ?? "");
    const p = m?.[2] ? cleanName(m[2]) : "";
    if (!m?.[1] || !isEntityName(p)) continue;
    const next = v.compact.slice(i + 1, i + 4).join("");
    if (new RegExp(`(?:^|[^\\d])${m[1]}\\d{3}[^\\d]`).test(next) && next.includes(tail))
      return canonicalName(p);
  }
  return undefined;
}

/** A short name ("区医疗保障局") stands for the longest name in the text that ends with it. */
function expandName(short: string, text: string): string {
  if (placeChain(short)) return short;
  let best = short;
  for (const m of text.matchAll(new RegExp(`[${CJK}]{1,10}${short}`, "g"))) {
    const full = nameAtEnd(m[0]);
    if (full && full.length > best.length && full.endsWith(short) && placeChain(full)) best = full;
  }
  return best;
}

// ---------------------------------------------------------------------------

export function documentText(blocks: LayoutBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === "line") out.push(b.text);
    else for (const r of b.rows) out.push(r.cells.map((c) => c.text).join(" "));
  }
  return out;
}
