/**
 * Column headers → canonical column ids.
 *
 * Headers come either as a grid (one label stack per column, from several
 * header rows) or as a run of text with the cell structure lost (PDF text),
 * where we can only find the labels in reading order. Both meet here.
 */
import type { ColumnId } from "../model/schema.ts";
import { compact } from "./normalize.ts";

interface Label {
  re: RegExp;
  id: ColumnId | "subtotal" | "skip";
  /** A label that stands over several sub-columns (merged header cell). */
  group?: ColumnId | "vehicle" | "skip";
}

/**
 * Labels in matching order (longer and more specific first). `skip` marks
 * columns that carry no amount (codes, names, 行次, 备注) or that we do not
 * model (年初结转 blocks of a 决算 table are matched as groups and skipped).
 */
const LABELS: Label[] = [
  {
    re: /^(?:支出功能分类|部门预算支出经济分类|政府预算支出经济分类|功能|部门经济|政府经济|经济)?(?:科目)?(?:编码|代码)/,
    id: "skip",
  },
  { re: /^(?:科目|项目|单位|预算单位|单位\(项目\))?名称/, id: "skip" },
  { re: /^(?:行次|栏次|备注|说明|项目简介|类|款|项)$/, id: "skip" },
  { re: /^年初结转和结余|^上年结转和结余/, id: "skip", group: "skip" },
  { re: /^年末结转和结余|^年终结转结余/, id: "skip", group: "skip" },
  { re: /^本年收入$/, id: "skip", group: "skip" },
  { re: /^本年支出$/, id: "total", group: "total" },
  { re: /^本年收入合计|^本年支出合计|^合计|^总计/, id: "total" },
  { re: /^小计/, id: "subtotal" },
  { re: /^基本支出(?:结转)?$/, id: "basic", group: "basic" },
  { re: /^项目支出(?:结转和结余)?$|^专项业务经费(?:支出)?$/, id: "project" },
  { re: /^人员经费(?:支出)?$|^工资福利支出$/, id: "personnel" },
  { re: /^公用经费(?:支出)?$/, id: "public" },
  { re: /^财政拨款(?:收入)?$/, id: "fiscal" },
  { re: /^本年拨款$/, id: "skip", group: "fiscal" },
  { re: /^财政拨款结转(?:结余)?/, id: "skip", group: "skip" },
  {
    re: /^(?:一般)?公共预算(?:财政)?拨款(?:收入)?$|^一般公共预算(?:财政拨款)?$/,
    id: "gpb",
    group: "gpb",
  },
  { re: /^政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入)?$/, id: "gov_fund" },
  { re: /^国有资本经营预算(?:财政)?(?:拨款)?(?:收入)?$/, id: "state_capital" },
  { re: /^财政专户管理资金(?:收入)?$/, id: "fiscal_special" },
  { re: /^事业(?:单位)?收入$/, id: "business", group: "business" },
  { re: /^(?:事业单位)?经营(?:收入|支出)$/, id: "operating" },
  { re: /^上级补助收入$/, id: "superior" },
  { re: /^上缴上级支出$/, id: "upper" },
  { re: /^(?:对)?附属单位上缴收入$/, id: "affiliated" },
  { re: /^对附属单位补助支出$/, id: "subsidiary" },
  { re: /^其他收入$/, id: "other" },
  { re: /^上年结转$|^用事业基金弥补收支差额$|^上年实户资金余额$/, id: "carryover" },
  { re: /^单位资金$/, id: "skip" },
  { re: /^(?:项目)?金额$|^预算数$|^决算数$|^决算统计数$|^预算金额$/, id: "amount" },
  { re: /^全年预算数$/, id: "skip" },
  { re: /^(?:单位)?预留机动经费$/, id: "reserve" },
  { re: /^结转下年(?:资金)?$/, id: "carryover_next" },
  { re: /^(?:其中[:：]?)?基本建设(?:资金)?(?:支出)?$/, id: "capital_construction" },
  { re: /^(?:其中[:：]?)?教育收费$/, id: "education_fees" },
  { re: /^机关运行经费支出$/, id: "amount" },
  { re: /^(?:\d{4}年)?机关运行经费(?:预算数|决算数)?$/, id: "running_cost" },
  { re: /^收入合计$|^支出合计$/, id: "total" },
  { re: /^使用非财政拨款结余/, id: "non_fiscal_balance" },
  { re: /^财政拨款支出$/, id: "total" },
  { re: /^其中[:：]/, id: "skip" },
];

function classify(text: string): Label | undefined {
  const c = compact(text).replace(/[“”‘’]/g, "");
  if (c === "") return undefined;
  for (const l of LABELS) if (l.re.test(c)) return l;
  return undefined;
}

/**
 * Resolve one grid column from its stack of header labels, outermost first.
 * `小计` takes its group's meaning; a sub-column under a group that is
 * skipped (年初结转和结余, 本年收入) is skipped; the innermost meaningful label
 * otherwise wins.
 */
export function resolveColumnStack(stack: string[]): ColumnId | null {
  let group: Label | undefined;
  let result: ColumnId | null = null;
  let any = false;
  let skipped = false;
  /** Whether the result came from a label that is not a group header. */
  let ownResult = false;
  for (const text of stack) {
    const l = classify(text);
    if (!l) continue;
    any = true;
    if (l.group === "skip") return null;
    if (l.id === "subtotal") {
      // 小计 under a label of its own (项目支出 / 小计 / 其中：基本建设) is that label's amount.
      if (result !== null && ownResult) continue;
      result = group?.group && group.group !== "vehicle" ? (group.group as ColumnId) : "total";
      continue;
    }
    if (l.id === "skip") {
      if (l.group) {
        group = l;
        continue;
      }
      // 编码 / 名称 / 栏次 carried over from a neighbouring merged cell do not
      // undo a meaning found above; on their own they mark a non-amount column.
      if (result !== null) continue;
      skipped = true;
      continue;
    }
    // 事业收入 over 金额 / 其中：教育收费: the 金额 is the group's own amount.
    if (
      l.id === "amount" &&
      group?.group &&
      group.group !== "skip" &&
      group.group !== "vehicle" &&
      group.group !== "total"
    ) {
      result = group.group as ColumnId;
      continue;
    }
    if (group?.id === "total" && l.id === "total") {
      // 本年支出 / 预算数 / 合计: the 合计 under a group of amounts is its total.
      if (result === "amount" || result === null) result = "total";
      continue;
    }
    result = l.id;
    ownResult = !l.group;
    if (l.group) group = l;
  }
  return any && !(skipped && result === null) ? result : null;
}

/** Sub-columns of a merged header, in printed order, where the format fixes them. */
const GROUP_CHILDREN: Partial<Record<string, ColumnId[]>> = {
  basic: ["basic", "personnel", "public"],
  total: ["total", "basic", "project"],
};

/**
 * Column ids for a grid: carry labels right across cells that a merged
 * header leaves empty (markdown and tab text lose spans), then resolve each
 * column's stack. Several columns under one group header with no sub-labels
 * of their own take the group's known children in order.
 */
export function gridColumns(rawHeaderRows: string[][]): (ColumnId | null)[] {
  const headerRows = realignUpperLabels(rawHeaderRows);
  const width = Math.max(0, ...headerRows.map((r) => r.length));
  const stacks: string[][] = Array.from({ length: width }, () => []);
  // Columns where some header row starts a label: a label below never
  // spans across such a boundary (headers are trees), so a carry stops there.
  const starts = new Set<number>();
  for (let r = 0; r < headerRows.length; r++) {
    const row = headerRows[r] ?? [];
    let carry = "";
    for (let c = 0; c < width; c++) {
      const text = (row[c] ?? "").trim();
      const isLast = r === headerRows.length - 1;
      if (text === "" && starts.has(c)) carry = "";
      if (text !== "") carry = text;
      // Only upper rows span right; the last header row's blanks are blanks.
      const label = text !== "" ? text : isLast ? "" : carry;
      // Column numbers (栏次 1 2 3 …) label nothing.
      if (label !== "" && !/^\d+$/.test(label)) stacks[c]?.push(label);
    }
    row.forEach((t, c) => {
      if ((t ?? "").trim() !== "") starts.add(c);
    });
  }
  const ids = stacks.map((s) => resolveColumnStack(s));
  // A group spanning columns with no sub-labels: assign its children in order.
  let c = 0;
  while (c < ids.length) {
    const id = ids[c];
    let end = c + 1;
    while (end < ids.length && ids[end] === id && sameStack(stacks[end], stacks[c])) end++;
    const children = id ? GROUP_CHILDREN[id] : undefined;
    if (id && end - c > 1 && children && end - c <= children.length) {
      for (let k = c; k < end; k++) ids[k] = children[k - c] ?? null;
    }
    c = end;
  }
  return ids;
}

const GROUP_START = /^(?:合计|小计)$/;

/** Indexes of the cells numbered 1, 2, 3 … in a 栏次 row, if the row is one. */
function numberedColumns(row: string[]): number[] | undefined {
  const idx: number[] = [];
  let expect = 1;
  row.forEach((t, i) => {
    if (t.trim() === String(expect)) {
      idx.push(i);
      expect++;
    }
  });
  return idx.length >= 3 ? idx : undefined;
}

/**
 * The 栏次 row numbers the amount columns exactly. When an upper row's
 * amount labels start left of column 1 (a cell lost in export), shift that
 * row right so its first amount label sits over column 1.
 */
function alignToColumnNumbers(rows: string[][]): string[][] {
  const numbered = rows.map(numberedColumns).find((x) => x !== undefined);
  const first = numbered?.[0];
  if (first === undefined) return rows;
  return rows.map((row) => {
    const firstLabel = row.findIndex((t) => {
      const l = classify(t);
      return !!l && l.id !== "skip" && l.id !== "subtotal";
    });
    if (firstLabel < 0 || firstLabel >= first) return row;
    const shift = first - firstLabel;
    const shifted = [...row];
    // Move only the amount labels; code and name labels stay where they are.
    for (let i = row.length - 1; i >= firstLabel; i--) {
      shifted[i + shift] = row[i] ?? "";
      if (i < firstLabel + shift) shifted[i] = "";
    }
    return shifted;
  });
}

/**
 * Exports lose a cell now and then, shifting an upper header label one
 * column left of the group it heads. A group's sub-columns start with 合计 or
 * 小计: when an upper label sits over an ordinary sub-label and the next
 * column below starts a group, move the upper label there.
 */
function realignUpperLabels(rows: string[][]): string[][] {
  const out = alignToColumnNumbers(rows.map((r) => [...r]));
  for (let r = 0; r + 1 < out.length; r++) {
    const upper = out[r] ?? [];
    const lower = (out[r + 1] ?? []).map((t) => compact(t));
    for (let c = upper.length - 1; c >= 0; c--) {
      const text = (upper[c] ?? "").trim();
      if (text === "" || (upper[c + 1] ?? "").trim() !== "") continue;
      const below = lower[c] ?? "";
      if (below !== "" && !GROUP_START.test(below) && GROUP_START.test(lower[c + 1] ?? "")) {
        upper[c + 1] = upper[c] ?? "";
        upper[c] = "";
      }
    }
  }
  return out;
}

function sameStack(a: string[] | undefined, b: string[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Label lexicon for text headers, longest first, as (regex without anchors, meaning). */
const STREAM_LABELS: {
  re: RegExp;
  id:
    | ColumnId
    | "subtotal"
    | "group-basic"
    | "group-vehicle"
    | "group-fiscal"
    | "group-carry"
    | "group-total"
    | "skip";
}[] = [
  { re: /本年收入合计|本年支出合计/y, id: "total" },
  { re: /本年支出/y, id: "group-total" },
  { re: /(?:“?三公”?经费)?合计|总计/y, id: "total" },
  { re: /小计/y, id: "subtotal" },
  { re: /基本支出/y, id: "group-basic" },
  { re: /项目支出|专项业务经费(?:支出)?/y, id: "project" },
  { re: /人员经费(?:支出)?/y, id: "personnel" },
  { re: /公用经费(?:支出)?/y, id: "public" },
  { re: /事业单位经营支出|经营支出/y, id: "operating" },
  { re: /上缴上级支出/y, id: "upper" },
  { re: /对附属单位补助支出/y, id: "subsidiary" },
  { re: /本年拨款/y, id: "group-fiscal" },
  { re: /财政拨款结转结余|财政拨款结转/y, id: "group-carry" },
  { re: /上年结转/y, id: "carryover" },
  { re: /一般公共预算(?:财政)?(?:拨款)?(?:收入)?/y, id: "gpb" },
  { re: /政府性基金预算(?:财政)?(?:拨款)?(?:收入)?/y, id: "gov_fund" },
  { re: /国有资本经营预算(?:财政)?(?:拨款)?(?:收入)?/y, id: "state_capital" },
  { re: /财政拨款(?:收入)?/y, id: "fiscal" },
  { re: /财政专户管理资金(?:收入)?/y, id: "fiscal_special" },
  { re: /事业收入/y, id: "business" },
  { re: /(?:事业单位)?经营收入/y, id: "operating" },
  { re: /上级补助收入/y, id: "superior" },
  { re: /附属单位上缴收入/y, id: "affiliated" },
  { re: /其他收入/y, id: "other" },
  { re: /单位资金/y, id: "skip" },
  { re: /因公出国\(境\)费(?:用)?/y, id: "skip" },
  { re: /公务用车购置及运行(?:维护)?费/y, id: "group-vehicle" },
  { re: /公务用车购置费/y, id: "skip" },
  { re: /公务用车运行(?:维护)?费/y, id: "skip" },
  { re: /公务接待费/y, id: "skip" },
  { re: /预算数|决算数|金额/y, id: "amount" },
];

export type StreamColumn =
  | ColumnId
  | "abroad"
  | "vehicle"
  | "vehicle_purchase"
  | "vehicle_operation"
  | "reception"
  | null;

const THREE_PUBLIC_ITEMS: ReadonlySet<string> = new Set([
  "abroad",
  "vehicle",
  "vehicle_purchase",
  "vehicle_operation",
  "reception",
]);

/** The canonical column ids among stream columns (三公 items are rows, not columns, of the model). */
export function modelColumns(columns: StreamColumn[]): ColumnId[] {
  return columns.filter((c): c is ColumnId => !!c && !THREE_PUBLIC_ITEMS.has(c));
}

/**
 * Amount columns of a header whose cells were flattened into text, in
 * printed order. A merged header (基本支出 over 小计 / 人员经费 / 公用经费)
 * is printed before its sub-labels: the sub-labels take the group's place.
 */
export function streamColumns(headerText: string): StreamColumn[] {
  const c = compact(headerText)
    .replace(/[“”‘’]/g, "")
    .replace(/\((?=境)/g, "(")
    // The unit stated above the header (“金额单位：万元”) names no column: its 金额 is not one.
    .replace(/(?:金额)?单位[:：](?:万元|元)/g, "");
  type Tok = { id: string };
  const toks: Tok[] = [];
  let i = 0;
  outer: while (i < c.length) {
    for (const l of STREAM_LABELS) {
      l.re.lastIndex = i;
      const m = l.re.exec(c);
      if (m && m[0].length > 0) {
        let id: string = l.id;
        if (id === "skip") {
          const s = m[0];
          if (s.startsWith("因公出国")) id = "abroad";
          else if (s.startsWith("公务用车购置费")) id = "vehicle_purchase";
          else if (s.startsWith("公务用车运行")) id = "vehicle_operation";
          else if (s.startsWith("公务接待费")) id = "reception";
        }
        toks.push({ id });
        i += m[0].length;
        continue outer;
      }
    }
    i++;
  }
  // Expand groups: each group takes the sub-labels that follow all top-level labels.
  const out: StreamColumn[] = [];
  const groupChildren: Record<string, string[]> = {
    "group-basic": ["subtotal", "personnel", "public"],
    "group-vehicle": ["subtotal", "vehicle_purchase", "vehicle_operation"],
    "group-fiscal": ["gpb", "gov_fund", "state_capital"],
    "group-carry": ["gpb", "gov_fund", "state_capital"],
    "group-total": ["subtotal", "group-basic", "basic", "project"],
  };
  const groupMeaning: Record<string, StreamColumn> = {
    "group-basic": "basic",
    "group-vehicle": "vehicle",
    "group-fiscal": null,
    "group-carry": null,
    "group-total": "total",
  };
  // Labels before the first 合计 are titles over the whole table
  // ("本年一般公共预算基本支出"), not columns.
  const firstTotal = toks.findIndex((t) => t.id === "total");
  if (firstTotal > 0)
    toks.splice(
      0,
      firstTotal,
      ...toks.slice(0, firstTotal).filter((t) => t.id.startsWith("group-total")),
    );
  const consumed = new Set<number>();
  for (let k = 0; k < toks.length; k++) {
    if (consumed.has(k)) continue;
    const t = toks[k];
    if (!t) continue;
    const children = groupChildren[t.id];
    if (!children) {
      out.push(t.id === "subtotal" ? "total" : t.id === "skip" ? null : (t.id as StreamColumn));
      continue;
    }
    // Find this group's sub-labels later in the header.
    const subs: number[] = [];
    for (let j = k + 1; j < toks.length && subs.length < 3; j++) {
      if (consumed.has(j)) continue;
      const u = toks[j];
      if (
        u &&
        children.includes(u.id) &&
        (subs.length > 0 || u.id === children[0] || t.id !== "group-basic")
      ) {
        if (u.id === "subtotal" && subs.length > 0) break;
        subs.push(j);
      } else if (subs.length > 0) break;
    }
    if (subs.length === 0) {
      out.push(groupMeaning[t.id] ?? null);
      continue;
    }
    for (const j of subs) {
      consumed.add(j);
      const u = toks[j];
      if (!u) continue;
      if (u.id === "subtotal") out.push(groupMeaning[t.id] ?? null);
      else if (t.id === "group-carry") out.push(null);
      else if (u.id === "group-basic") out.push("basic");
      else out.push(u.id as StreamColumn);
    }
  }
  return out;
}
