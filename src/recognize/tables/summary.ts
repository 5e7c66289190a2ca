/**
 * Two-sided summary tables: 收支总表 / 收入支出决算总表 and 财政拨款收支总表.
 * Each printed row carries an income line on the left and one or more
 * expenditure lines on the right (by function, and in some regions by
 * economic class too). A row is cut into segments — a label and the amounts
 * after it — and each label is named by its meaning, not its position.
 */
import { findByName } from "../../catalog/index.ts";
import type { GridRow, LayoutLine } from "../../ingest/layout.ts";
import { isBlankMark, parseAmount } from "../../model/money.ts";
import type { Cell, ColumnId, Row, Table, TableId } from "../../model/schema.ts";
import {
  CLASS_LINE_PREFIX,
  type ClassLineKey,
  type FixedSummaryLineKey,
  type FundLine,
} from "../../model/vocabulary.ts";
import { gridColumns } from "../columns.ts";
import { compact, hasOrdinal, stripOrdinal } from "../normalize.ts";
import type { Region } from "../segment.ts";
import { type Token, tokenizeLines } from "../stream.ts";
import {
  type BuildContext,
  columnsOf,
  finishTable,
  isGrid,
  isMoneyCell,
  makeCell,
  makeRow,
  newTable,
  provenance,
  regionGridRows,
} from "./common.ts";

interface Segment {
  label: string;
  /** Header text over the label's column, where the source keeps columns. */
  header?: string;
  values: {
    amount: number | null;
    text: string;
    column: ColumnId;
    line: number;
    endLine?: number;
    page?: number;
  }[];
  line: number;
  endLine: number;
  page?: number;
  /** Index of the segment within its printed row (0 = leftmost). */
  position: number;
}

type Side = "income" | "expenditure";

/**
 * What a label names: a line key, or what only its place tells: a bare 总计 /
 * 合计 (grand_total of either side), a fund or 财政拨款 (income, expenditure or
 * carry-over line by where it stands), a heading.
 */
type LabelKey = FixedSummaryLineKey | "grand_total" | FundLine | "heading";

interface LineLabel {
  re: RegExp;
  key: LabelKey;
  side?: Side;
}

/** Labels matched on the compact, ordinal-free text. */
const LINE_LABELS: LineLabel[] = [
  // Jiangsu budgets: 当年收入小计 + 上年结转资金 = 收入合计.
  { re: /^本年收入合计$|^本年收入$|^当年收入小计$/, key: "income.total", side: "income" },
  { re: /^本年支出合计$|^本年支出$|^当年支出小计$/, key: "expenditure.total", side: "expenditure" },
  { re: /^收入总计$|^收入合计$/, key: "income.grand_total", side: "income" },
  { re: /^支出总计$|^支出合计$/, key: "expenditure.grand_total", side: "expenditure" },
  // A bare 合计 closes a side after its carry-over lines (高等学校收支决算总表).
  { re: /^(?:总计|合计)$/, key: "grand_total" },
  {
    re: /^(?:上年结转(?:结余)?(?:资金)?|年初(?:财政拨款)?结转和结余|上年结转和结余)$/,
    key: "income.carryover",
    side: "income",
  },
  {
    re: /^(?:结转下年(?:资金)?|年终结转结余|年末(?:财政拨款)?结转和结余|年末结转结余)$/,
    key: "expenditure.carryover",
    side: "expenditure",
  },
  { re: /^结余分配$/, key: "expenditure.distribution", side: "expenditure" },
  {
    re: /^(?:使用专用结余|使用非财政拨款结余|用事业基金弥补收支差额)(?:\(.*\))?$/,
    key: "income.reserve",
    side: "income",
  },
  {
    re: /^(?:一般公共预算(?:财政)?拨款(?:收入)?|公共预算拨款|一般公共预算(?:资金)?)$/,
    key: "gpb",
  },
  { re: /^政府性基金(?:预算)?(?:(?:财政)?拨款(?:收入)?|资金)?$/, key: "gov_fund" },
  { re: /^国有资本经营预算(?:财政)?(?:拨款)?(?:收入|资金)?$/, key: "state_capital" },
  { re: /^财政专户管理资金(?:收入)?$/, key: "income.fiscal_special", side: "income" },
  { re: /^事业收入$/, key: "income.business", side: "income" },
  { re: /^(?:事业单位)?经营收入$/, key: "income.operating", side: "income" },
  { re: /^上级补助收入$/, key: "income.superior", side: "income" },
  { re: /^附属单位上缴收入$/, key: "income.affiliated", side: "income" },
  // Jiangsu budgets print every non-fiscal source on one line, 其他资金.
  { re: /^(?:其他收入|其他资金)$/, key: "income.other", side: "income" },
  { re: /^财政拨款(?:收入)?$/, key: "fiscal" },
  { re: /^部门预算$/, key: "heading" },
  // Jiangsu: the spending side by use (支出用途) beside the functional lines.
  { re: /^基本支出$/, key: "expenditure.basic", side: "expenditure" },
  { re: /^项目支出$/, key: "expenditure.project", side: "expenditure" },
  { re: /^(?:单位)?预留机动经费$/, key: "expenditure.reserve", side: "expenditure" },
];

type KindHint = "func" | "econ_dept" | "econ_gov" | undefined;

function kindHint(header: string): KindHint {
  const c = compact(header);
  if (/功能/.test(c)) return "func";
  if (/部门(?:预算)?(?:支出)?经济/.test(c)) return "econ_dept";
  if (/政府(?:预算)?(?:支出)?经济/.test(c)) return "econ_gov";
  return undefined;
}

function classifyLabel(
  label: string,
  year: number,
  hint?: KindHint,
): { key: LabelKey | ClassLineKey; side?: Side } | undefined {
  const c = compact(stripOrdinal(label))
    .replace(/[“”]/g, "")
    .replace(/^其中[:：]/, "");
  const plain = c.replace(/\((?:按[^)]*)\)$/, "");
  for (const l of LINE_LABELS) {
    if (l.re.test(plain)) {
      const r: { key: LabelKey | ClassLineKey; side?: Side } = { key: l.key };
      if (l.side) r.side = l.side;
      return r;
    }
  }
  const kinds = hint ? [hint] : (["func", "econ_dept", "econ_gov"] as const);
  for (const kind of kinds) {
    const found = findByName(plain, year, { kind, level: 1 });
    if (found[0]) return { key: `${CLASS_LINE_PREFIX[kind]}${found[0].code}`, side: "expenditure" };
  }
  // A 类 printed under the name of another year ("医疗卫生与计划生育支出" in a
  // 2024 table): still that 类's line; the checker judges the name.
  for (let y = year - 1; y >= year - 8; y--) {
    for (const kind of kinds) {
      const found = findByName(plain, y, { kind, level: 1 });
      if (found[0])
        return { key: `${CLASS_LINE_PREFIX[kind]}${found[0].code}`, side: "expenditure" };
    }
  }
  return undefined;
}

// ------------------------------------------------------------- segmenting

function gridSegments(rows: GridRow[]): { segments: Segment[]; columns: (ColumnId | null)[] } {
  const firstData = rows.findIndex((r) => r.cells.some((c) => isMoneyCell(c.text.trim())));
  const headerEnd = firstData < 0 ? Math.min(rows.length, 2) : firstData;
  // Header rows: those before the first row with amounts, up to the first
  // row that starts with a line label (an empty table has no amounts).
  let h = 0;
  while (h < headerEnd && !(firstData < 0 && rows[h]?.cells.some((c) => hasOrdinal(c.text)))) h++;
  const header = rows.slice(0, h).map((r) => r.cells.map((c) => c.text));
  const columns = gridColumns(header);
  const headerText = (i: number) => header.map((r) => r[i] ?? "").join(" ");
  const headerLabels = new Set(
    header
      .flat()
      .map((t) => compact(t))
      .filter((t) => t !== ""),
  );
  const segments: Segment[] = [];
  for (const row of rows.slice(h)) {
    // The header printed again over a continuation page ("合计 | 一般公共预算财政拨款 | …")
    // is not a row of lines.
    const texts = row.cells.map((c) => compact(c.text)).filter((t) => t !== "");
    if (texts.length > 0 && texts.every((t) => headerLabels.has(t))) continue;
    let cur: Segment | undefined;
    let position = 0;
    // Cells under a label merged across columns ("当年支出小计" over three) are not values.
    let coveredUntil = -1;
    row.cells.forEach((cell, i) => {
      const t = cell.text.trim();
      const col = columns[i];
      if (i <= coveredUntil && t === "") return;
      if (t !== "" && !isMoneyCell(t) && !/^\d+$/.test(t) && !isBlankMark(t)) {
        cur = {
          label: t,
          values: [],
          line: row.line,
          endLine: row.line,
          position: position++,
          header: headerText(i),
        };
        if (row.page !== undefined) cur.page = row.page;
        segments.push(cur);
        coveredUntil = i + (cell.colSpan ?? 1) - 1;
        return;
      }
      if (!cur) return;
      if (/^\d+$/.test(t) && col == null) return; // 行次
      if (col === null && t === "") return;
      const amount = parseAmount(t);
      if (amount === undefined && !isBlankMark(t)) return;
      const v: Segment["values"][number] = {
        amount: amount ?? null,
        text: t,
        column: col ?? "amount",
        line: row.line,
      };
      if (row.page !== undefined) v.page = row.page;
      cur.values.push(v);
    });
  }
  return { segments, columns };
}

/**
 * Segments from text with the cells lost. A new label starts at an ordinal
 * (一、 （一） 1、), at a known line label, or after amounts; a piece of text
 * without one continues the label before it (a wrapped name).
 */
function streamSegments(lines: LayoutLine[], dropRowNumbers: boolean): Segment[] {
  const tokens = tokenizeLines(lines);
  const segments: Segment[] = [];
  let cur: Segment | undefined;
  let lastLine = -1;
  let position = 0;
  const start = (t: Token) => {
    if (t.line !== lastLine) position = 0;
    lastLine = t.line;
    cur = { label: t.text, values: [], line: t.line, endLine: t.line, position: position++ };
    if (t.page !== undefined) cur.page = t.page;
    segments.push(cur);
  };
  for (const t of tokens) {
    if (t.kind === "int") {
      if (dropRowNumbers || !cur) continue;
      continue;
    }
    if (t.kind === "amount" || t.kind === "blank") {
      if (!cur) continue;
      if (t.kind === "amount") {
        const v: Segment["values"][number] = {
          amount: t.value ?? null,
          text: t.text,
          column: "amount",
          line: t.line,
        };
        if (t.page !== undefined) v.page = t.page;
        if (t.endLine !== undefined) v.endLine = t.endLine;
        cur.values.push(v);
      }
      cur.endLine = t.line;
      continue;
    }
    if (t.kind === "code") continue;
    const text = t.text;
    if (/^(?:注|备注|说明)[:：]/.test(text)) break;
    const startsNew =
      !cur ||
      cur.values.length > 0 ||
      hasOrdinal(text) ||
      (t.gap >= 2 && t.line === cur.endLine) ||
      /^(?:本年|收入|支出|收|支|上年|年初|年末|年终|结转|结余|总计|使用|用事业)/.test(
        compact(text),
      );
    if (startsNew) {
      // A wrapped label's tail ("出", "支出", "等支出") never starts a new segment.
      if (
        cur &&
        cur.values.length === 0 &&
        /^(?:出|支出|等支出|收入|拨款|款|的支出)$/.test(compact(text))
      ) {
        cur.label += text;
        cur.endLine = t.line;
        continue;
      }
      start(t);
    } else if (cur) {
      cur.label += text;
      cur.endLine = t.line;
    }
  }
  // "收 入 总 计" is printed spaced out: glue single characters back together.
  const merged: Segment[] = [];
  for (const s of segments) {
    const prev = merged[merged.length - 1];
    if (
      prev &&
      prev.values.length === 0 &&
      prev.line === s.line &&
      compact(prev.label).length <= 3 &&
      !hasOrdinal(prev.label) &&
      !classifyKnown(prev.label)
    ) {
      prev.label += s.label;
      prev.values = s.values;
      prev.endLine = s.endLine;
      continue;
    }
    merged.push(s);
  }
  return merged;
}

function classifyKnown(label: string): boolean {
  return LINE_LABELS.some((l) => l.re.test(compact(stripOrdinal(label))));
}

/**
 * A label broken over a page ("八、社会保障和就" / "业支出" on the next page):
 * a fragment with no figures and no ordinal joins the last label of its
 * column when that label alone names nothing.
 */
function joinBrokenLabels(segments: Segment[], year: number): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const known = (label: string) => classifyLabel(label, year, kindHint(seg.header ?? ""));
    if (seg.values.every((v) => v.amount === null) && !hasOrdinal(seg.label) && !known(seg.label)) {
      const prev = [...out].reverse().find((p) => p.position === seg.position);
      if (prev && !known(prev.label) && known(prev.label + seg.label)) {
        prev.label += seg.label;
        prev.endLine = seg.endLine;
        continue;
      }
    }
    // A label wrapped over two lines with its figures beside the second
    // ("年初财政拨款结转和" / "结余 28 4.73"): the first part has no figure.
    if (!hasOrdinal(seg.label) && !known(seg.label)) {
      const prev = out[out.length - 1];
      if (
        prev &&
        prev.position === seg.position &&
        prev.values.every((v) => v.amount === null) &&
        !known(prev.label) &&
        known(prev.label + seg.label)
      ) {
        prev.label += seg.label;
        prev.values = seg.values;
        prev.endLine = seg.endLine;
        continue;
      }
    }
    out.push(seg);
  }
  return out;
}

// ---------------------------------------------------------------- keying

/** What a "其中：" sub-line itemises, as a key suffix. */
const SUB_ITEMS: { re: RegExp; slug: string }[] = [
  { re: /政府性基金/, slug: "gov_fund" },
  { re: /国有资本经营/, slug: "state_capital" },
  { re: /一般公共预算/, slug: "gpb" },
  { re: /捐赠/, slug: "donation" },
  { re: /教育收费/, slug: "education_fees" },
  { re: /专用结余/, slug: "special_balance" },
];

/**
 * A "其中：…" line under an income or expenditure line is a part of that line,
 * not a line of its own: "其中：政府性基金预算财政拨款" under 财政拨款收入 is
 * income.fiscal.of_gov_fund, never income.gov_fund.
 */
function subLine(
  seg: Segment,
  lastKey: Partial<Record<Side, string>>,
): { key: string; side: Side } | undefined {
  const c = compact(seg.label);
  if (!/^其中[:：]/.test(c)) return undefined;
  const side: Side = seg.position === 0 ? "income" : "expenditure";
  const parent = lastKey[side];
  if (!parent) return undefined;
  const item = SUB_ITEMS.find((i) => i.re.test(c));
  const slug = item?.slug ?? c.replace(/^其中[:：]/, "");
  return { key: `${parent}.of_${slug}`, side };
}

function expenditureColumns(headerText: string): ColumnId[] {
  const c = compact(headerText);
  if (/合计/.test(c) && /一般公共预算/.test(c))
    return ["total", "gpb", "gov_fund", "state_capital"];
  return ["amount"];
}

export function buildSummaryTable(region: Region, id: TableId, ctx: BuildContext): Table {
  const table = newTable(region, id, ctx);
  const grids = region.blocks.filter(isGrid);
  let segments: Segment[];
  let streamExpenditureCols: ColumnId[] = ["amount"];
  if (grids.length > 0 && (grids[0]?.rows.length ?? 0) >= 2) {
    const rows = regionGridRows(region, (cells) =>
      cells.length >= 2 && cells.some((c) => isMoneyCell(c)) ? cells : undefined,
    );
    const r = gridSegments(rows);
    segments = r.segments;
  } else {
    const lines = region.blocks.filter((b): b is LayoutLine => b.kind === "line");
    const firstAmountLine = lines.findIndex(
      (l) => /\d+\.\d{2}/.test(l.text) || hasOrdinal(l.text.trim()),
    );
    const header = lines
      .slice(0, Math.max(0, firstAmountLine))
      .map((l) => l.text)
      .join(" ");
    streamExpenditureCols = expenditureColumns(header);
    segments = streamSegments(
      lines.slice(Math.max(0, firstAmountLine)),
      /行次/.test(compact(header)),
    );
  }

  segments = joinBrokenLabels(segments, ctx.year);
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const carry: Record<Side, boolean> = { income: false, expenditure: false };
  const columnIds = new Set<ColumnId>();
  const lastKey: Partial<Record<Side, string>> = {};
  for (const seg of segments) {
    const sub = subLine(seg, lastKey);
    const cls = sub ?? classifyLabel(seg.label, ctx.year, kindHint(seg.header ?? ""));
    if (!cls || cls.key === "heading") continue;
    let side: Side = cls.side ?? (seg.position === 0 ? "income" : "expenditure");
    let key = cls.key;
    if (key === "grand_total") {
      // 总计 printed on both sides: the first is income's, unless income's is already seen.
      if (side === "income" && seen.has("income.grand_total")) side = "expenditure";
      key = `${side}.grand_total`;
    } else if (key === "gpb" || key === "gov_fund" || key === "state_capital" || key === "fiscal") {
      if (!cls.side && seg.position > 0) side = "expenditure";
      // Fund lines after a carry-over line itemise the carry-over.
      key = carry[side] ? `${side}.carryover.${key}` : `${side}.${key}`;
      if (side === "expenditure" && !carry.expenditure) key = `expenditure.fund.${cls.key}`;
    }
    if (key.endsWith(".carryover")) carry[side] = true;
    if (key.endsWith(".total") || key.endsWith("grand_total"))
      carry[side] = key.endsWith(".total") ? carry[side] : false;
    const cells: Record<string, Cell> = {};
    const streamCols = side === "expenditure" ? streamExpenditureCols : (["amount"] as ColumnId[]);
    seg.values.forEach((v, k) => {
      const col =
        v.column === "amount" && grids.length === 0 ? (streamCols[k] ?? "amount") : v.column;
      if (cells[col]) return;
      cells[col] = makeCell(v.amount, v.text, provenance(v.line, v.page, v.endLine));
      columnIds.add(col);
    });
    if (seg.values.length === 0) {
      cells[streamCols[0] ?? "amount"] = makeCell(null, "", provenance(seg.line, seg.page));
    }
    if (!sub) lastKey[side] = key;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const row = makeRow(
      n > 0 ? `${key}#${n + 1}` : key,
      "line",
      seg.label.trim(),
      cells,
      provenance(seg.line, seg.page, seg.endLine),
    );
    rows.push(row);
  }
  table.rows = rows;
  table.columns = columnsOf(columnIds);
  return finishTable(table, region);
}
