/**
 * Tables whose rows are keyed by a classification code: 收入/支出总表 and
 * 决算表, 一般公共预算支出表 (functional), 基本支出表 (economic), 政府性基金 and
 * 国有资本经营 tables, and the block layout of 公开06/07 (several code /
 * name / amount triplets side by side).
 */

import { codeKind, findByName, lookup } from "../../catalog/index.ts";
import type { GridRow, LayoutLine } from "../../ingest/layout.ts";
import { isBlankMark, parseAmount } from "../../model/money.ts";
import type { Cell, ColumnId, Issue, Row, Table, TableId } from "../../model/schema.ts";
import { ECONOMIC_TABLES } from "../../model/vocabulary.ts";
import { gridColumns, modelColumns, streamColumns } from "../columns.ts";
import { compact } from "../normalize.ts";
import type { Region } from "../segment.ts";
import { type Token, tokenizeLines } from "../stream.ts";
import { joinCodeParts, nameMatches, resolveCode } from "./codes.ts";
import {
  AMOUNT_CELL,
  type BuildContext,
  columnsOf,
  finishTable,
  isGrid,
  makeCell,
  makeRow,
  newTable,
  provenance,
  regionGridRows,
} from "./common.ts";
import { inferCodesByName } from "./infer-codes.ts";
import { placeAmounts } from "./place.ts";

const CODE_CELL = /^\d{3}(?:\s*\d{2}){0,2}$|^\d{3,12}$/;

/** Labels of rows that have no code. */
function lineKeyOf(label: string): string | undefined {
  const c = compact(label).replace(/[“”]/g, "");
  if (/^(?:合计|总计)$/.test(c)) return "total";
  if (/^人员经费合计$/.test(c)) return "personnel_total";
  if (/^公用经费合计$/.test(c)) return "public_total";
  // Income tables printed as lines of sources (Jiangsu's 收入预算总表).
  if (/^收入总计$/.test(c)) return "income.grand_total";
  if (/^一般公共预算(?:资金|拨款收入)$/.test(c)) return "income.gpb";
  if (/^政府性基金(?:预算)?(?:资金|拨款收入)?$/.test(c)) return "income.gov_fund";
  if (/^国有资本经营(?:预算)?(?:资金|拨款收入)?$/.test(c)) return "income.state_capital";
  if (/^财政专户管理资金(?:收入)?$/.test(c)) return "income.fiscal_special";
  // Jiangsu prints every non-fiscal source on one line, 其他资金 (its 其他收入 below is a detail).
  if (/^其他资金$/.test(c)) return "income.other";
  if (/^上年结转(?:和结余)?资金$/.test(c)) return "income.carryover";
  return undefined;
}

function isAmountText(t: string): boolean {
  return AMOUNT_CELL.test(t.replace(/\s+/g, ""));
}

/** The functional or economic kind a table's codes should be. */
function expectsEconomic(id: TableId): boolean {
  return ECONOMIC_TABLES.has(id);
}

class RowSink {
  readonly rows: Row[] = [];
  readonly lei: { lei?: string; kuan?: string } = {};
  private readonly table: Table;
  private readonly ctx: BuildContext;
  private readonly seen = new Map<string, number>();
  /** Columns whose header names no canonical column, already reported. */
  private readonly dropped = new Set<number>();

  /**
   * Money printed under a header we cannot name (单位预留机动经费, 结转下年资金)
   * is left out of the model; say so, so that no sum over the table's columns
   * is trusted where a part of it is missing.
   */
  reportUnnamedColumn(index: number, label: string, line: number, page?: number): void {
    if (this.dropped.has(index)) return;
    this.dropped.add(index);
    this.ctx.issues.push({
      code: "table.column_unknown",
      message: `${this.table.title} 的“${label || `第 ${index + 1} 列`}”列不是标准列，其中的金额未纳入模型`,
      table: this.table.id,
      source: provenance(line, page),
    });
  }

  /** The header named fewer columns than a row prints figures: see buildFromStream. */
  reportUnreadHeader(what: string, line: number, page?: number): void {
    this.ctx.issues.push({
      code: "table.header_unread",
      message: `${this.table.title} 的${what}：表头没有读全，各数字所在的列不能确定`,
      table: this.table.id,
      source: provenance(line, page),
    });
  }

  /** The table lists units by 单位编码 (231, 231002), not classification codes. */
  unitCodes = false;
  constructor(table: Table, ctx: BuildContext) {
    this.table = table;
    this.ctx = ctx;
  }

  /**
   * A code that exists but names something else than the printed name: a
   * mistyped 类 (201 15 02 among 210 15 rows) or a code column shifted
   * against the names. The name decides when it names exactly one code that
   * no other row of the table has taken; the repair is reported.
   */
  private repairByName(row: Row, name: string, source: Row["source"]): void {
    if (row.keyKind !== "func" && row.keyKind !== "econ_dept" && row.keyKind !== "econ_gov") return;
    if (!name || nameMatches(row.key, name, this.ctx.year)) return;
    const found = findByName(name, this.ctx.year, { kind: row.keyKind });
    const target = found.length === 1 ? found[0] : undefined;
    if (!target || target.code === row.key || this.rows.some((r) => r.key === target.code)) return;
    const message = `第 ${source.line} 行科目编码 ${row.key} 的名称应为“${lookup(row.key, this.ctx.year)?.name ?? "?"}”，与所印名称“${name}”不符；按名称更正为 ${target.code}`;
    const issue = { code: "code.name_mismatch", message, table: this.table.id, source };
    this.nameRepairs.push({ row, key: row.key, level: row.level, issue });
    row.printedCode = row.printedCode ?? row.key;
    row.key = target.code;
    row.level = target.level;
    row.repairs = [...(row.repairs ?? []), message];
    this.ctx.issues.push(issue);
  }

  private readonly nameRepairs: {
    row: Row;
    key: string;
    level: number | undefined;
    issue: Issue;
  }[] = [];

  /**
   * A table that numbers its items in a scheme of its own (302 01 咨询费,
   * 302 02 水费 … in order) is not a set of typos: a code the names point to
   * is printed on another row. Then no row is re-keyed by name; each
   * mismatch stays reported, under the code as printed.
   */
  settle(): void {
    // A shifted code column moves every code one row: each code a name points
    // to is itself re-keyed away. A scheme of its own leaves some row holding
    // the code a name points to.
    const repaired = new Set(this.nameRepairs.map((n) => n.row));
    const kept = new Set(
      this.rows.filter((r) => !repaired.has(r)).map((r) => r.key.replace(/#\d+$/, "")),
    );
    const collides = this.nameRepairs.some((n) => kept.has(n.row.key));
    if (!collides) return;
    for (const n of this.nameRepairs) {
      n.row.key = n.key;
      if (n.level === undefined) delete n.row.level;
      else n.row.level = n.level;
      if (n.row.printedCode === n.key) delete n.row.printedCode;
      n.issue.message = n.issue.message.replace(
        /；按名称更正为 \d+$/,
        "；本表编码自成体系，未按名称更正",
      );
      if (n.row.repairs) n.row.repairs = n.row.repairs.map(() => n.issue.message);
    }
    // Keys taken twice were numbered while the repairs stood: number them again.
    const seen = new Map<string, number>();
    for (const r of this.rows) {
      const base = r.key.replace(/#\d+$/, "");
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      r.key = k > 1 ? `${base}#${k}` : base;
    }
  }

  /**
   * A code printed in the name's own cell ("2080505机关事业单位基本养老保险缴费支出",
   * "[201]一般公共服务支出", as some budget software exports it): split off
   * when it is a code of the kind this table lists in the year's catalog.
   */
  private codeInName(name: string): { code: string; name: string } | undefined {
    const m = /^\s*[[【(（]?(\d{3}(?:\d{2}){0,2})[\]】)）]?\s*([\u4e00-\u9fa5].*)$/su.exec(name);
    if (!m?.[1] || !m[2]) return undefined;
    const kind = codeKind(m[1]);
    if (!kind || (kind === "func") === expectsEconomic(this.table.id)) return undefined;
    if (!lookup(m[1], this.ctx.year, kind)) return undefined;
    return { code: m[1], name: m[2].trim() };
  }

  /** Add a row keyed by a printed code (or code parts), or by a line label. */
  add(
    printedCode: string | undefined,
    name: string,
    cells: Record<string, Cell>,
    line: number,
    endLine: number,
    page?: number,
  ): Row | undefined {
    const joined = printedCode || this.unitCodes ? undefined : this.codeInName(name);
    if (joined) return this.add(joined.code, joined.name, cells, line, endLine, page);
    const source = provenance(line, page, endLine);
    let row: Row;
    if (printedCode && this.unitCodes) {
      row = makeRow(printedCode.replace(/\s+/g, ""), "unit", name, cells, source);
    } else if (printedCode) {
      const parts = printedCode.trim().split(/\s+/);
      const joined =
        joinCodeParts(parts, this.lei, expectsEconomic(this.table.id)) ?? parts.join("");
      const resolved = resolveCode(joined, name, this.ctx.year, this.lei);
      row = makeRow(resolved.key, resolved.keyKind, name, cells, source);
      if (joined !== printedCode.replace(/\s+/g, "")) row.printedCode = printedCode.trim();
      if (parts.length === 3 && /^\d{1,2}$/.test(parts[0] ?? "") && joined.length === 7) {
        const message = `第 ${line} 行科目编码印为“${parts.join(" ")}”，按所在的款更正为 ${joined}`;
        row.repairs = [message];
        this.ctx.issues.push({ code: "code.repaired", message, table: this.table.id, source });
      }
      if (resolved.repair) {
        row.printedCode = printedCode.trim();
        row.repairs = [resolved.repair];
        this.ctx.issues.push({
          code: "code.repaired",
          message: resolved.repair,
          table: this.table.id,
          source,
        });
      } else if (resolved.unknown && resolved.keyKind !== "label") {
        this.ctx.issues.push({
          code: "code.unknown",
          message: `第 ${line} 行科目编码 ${joined}（${name}）不在 ${this.ctx.year} 年政府收支分类科目中，未能按名称更正`,
          table: this.table.id,
          source,
        });
      }
      this.repairByName(row, name, source);
      if (row.key.length === 3) {
        this.lei.lei = row.key;
        delete this.lei.kuan;
      } else if (row.key.length === 5) {
        this.lei.kuan = row.key;
        this.lei.lei = row.key.slice(0, 3);
      }
    } else {
      const key = lineKeyOf(name) ?? compact(name);
      row = makeRow(key, lineKeyOf(name) ? "line" : "label", name, cells, source);
    }
    const n = this.seen.get(row.key) ?? 0;
    this.seen.set(row.key, n + 1);
    if (n > 0) row.key = `${row.key}#${n + 1}`;
    this.rows.push(row);
    return row;
  }
}

// ---------------------------------------------------------------- grid path

function isDataRow(row: GridRow): boolean {
  if (row.cells.some((c) => isAmountText(c.text))) return true;
  const texts = row.cells.map((c) => compact(c.text));
  if (texts.slice(0, 4).some((t) => /^\d{3}(?:\d{2}){0,2}$/.test(t))) return true;
  const nonEmpty = texts.filter((t) => t !== "");
  return nonEmpty.length === 1 && lineKeyOf(nonEmpty[0] ?? "") === "total";
}

/** Code/name/amount triplets side by side (公开06/07 style): header repeats 科目编码. */
function isTripletHeader(header: string[][]): boolean {
  return header.some(
    (r) => r.filter((t) => /^(?:经济分类)?科目(?:编码|代码)$/.test(compact(t))).length >= 2,
  );
}

function buildFromGrid(rows: GridRow[], table: Table, sink: RowSink): void {
  const firstData = rows.findIndex(isDataRow);
  if (firstData < 0) {
    table.columns = columnsOf(
      gridColumns(rows.map((r) => r.cells.map((c) => c.text))).filter((c): c is ColumnId => !!c),
    );
    return;
  }
  const header = rows.slice(0, firstData).map((r) => r.cells.map((c) => c.text));
  if (isTripletHeader(header)) {
    buildTriplets(rows.slice(firstData), table, sink);
    return;
  }
  const colIds = gridColumns(header);
  table.columns = columnsOf(colIds.filter((c): c is ColumnId => !!c));
  sink.unitCodes = listsUnits(header.flat().join(" "));
  let last: Row | undefined;
  const headerWidth = Math.max(0, ...rows.slice(0, firstData).map((r) => r.cells.length));
  const headerPage = rows[0]?.page;
  for (const printedRow of rows.slice(firstData)) {
    // A page that continues the table with fewer columns (类/款/项 printed
    // as one code column there): amounts keep to the right, so align right.
    const missing = headerWidth - printedRow.cells.length;
    const continued = printedRow.page !== undefined && printedRow.page !== headerPage;
    const row: GridRow =
      missing > 0 && continued && printedRow.cells.some((c) => isAmountText(c.text))
        ? {
            ...printedRow,
            cells: [...Array.from({ length: missing }, () => ({ text: "" })), ...printedRow.cells],
          }
        : printedRow;
    // 类 / 款 / 项 labels of the code columns share a ruled row with the 合计
    // line in some 决算 tables (PDF lattice grids): they are header, not name.
    const texts = row.cells.map((c) => c.text.trim()).map((t) => (/^[类款项]$/.test(t) ? "" : t));
    // The code: the first cell of the first four that looks like one, with
    // parts in the following 款/项 cells.
    let codeIdx = -1;
    for (let i = 0; i < Math.min(4, texts.length); i++) {
      // A 类 cell misprinted short ("7" for 210) still starts a code when 款 and 项 follow.
      const misprintedLei =
        /^\d{1,2}$/.test(texts[i] ?? "") &&
        /^\d{2}$/.test(texts[i + 1] ?? "") &&
        /^\d{2}$/.test(texts[i + 2] ?? "") &&
        colIds[i + 1] == null &&
        colIds[i + 2] == null;
      if ((CODE_CELL.test(texts[i] ?? "") || misprintedLei) && colIds[i] == null) {
        codeIdx = i;
        break;
      }
    }
    let code: string | undefined;
    let nameIdx = -1;
    if (codeIdx >= 0) {
      const parts = [texts[codeIdx] ?? ""];
      let k = codeIdx + 1;
      while (k < texts.length && /^\d{2}$/.test(texts[k] ?? "") && colIds[k] == null)
        parts.push(texts[k++] ?? "");
      code = parts.join(" ");
      for (; k < texts.length; k++) {
        const t = texts[k] ?? "";
        if (t !== "" && !isAmountText(t) && colIds[k] == null && !/^\d+$/.test(t)) {
          nameIdx = k;
          break;
        }
      }
    } else {
      nameIdx = texts.findIndex(
        (t, i) => t !== "" && colIds[i] == null && !isAmountText(t) && !/^\d+$/.test(t),
      );
    }
    const name = nameIdx >= 0 ? (texts[nameIdx] ?? "") : "";
    const cells: Record<string, Cell> = {};
    let hasAmount = false;
    colIds.forEach((id, i) => {
      const t = texts[i] ?? "";
      if (!id && i > Math.max(codeIdx, nameIdx)) {
        const amount = parseAmount(t);
        if (amount !== undefined && amount !== 0 && !/^\d+$/.test(t)) {
          const label = header
            .map((r) => r[i] ?? "")
            .join("")
            .replace(/\s+/g, "");
          sink.reportUnnamedColumn(i, label, row.line, row.page);
        }
      }
      if (!id || cells[id]) return;
      const amount = parseAmount(t);
      if (amount !== undefined) hasAmount = true;
      if (amount !== undefined || isBlankMark(t)) {
        const source = provenance(row.line, row.page);
        // Sources that know where a cell is printed (PDF) let a reader be pointed at it.
        const box = row.cells[i]?.box;
        if (box) source.box = box;
        cells[id] = makeCell(amount ?? null, t, source);
      }
    });
    if (!code && !hasAmount && lineKeyOf(name) !== "total") {
      // A name printed on its own row under its code's row (决算 tab exports).
      if (last && name && last.name === "" && !lineKeyOf(name)) {
        last.name = name;
        last.source.endLine = row.line;
      }
      continue;
    }
    if (!code && !name) {
      // A total row printed without its label.
      last = sink.add(undefined, "合计", cells, row.line, row.line, row.page);
      continue;
    }
    last = sink.add(code, name, cells, row.line, row.line, row.page);
  }
}

/** A cell that reads as a row name: text that is neither an amount nor a code. */
function isNameText(t: string): boolean {
  return t !== "" && !CODE_CELL.test(t) && parseAmount(t) === undefined && !lineKeyOf(t);
}

function buildTriplets(rows: GridRow[], table: Table, sink: RowSink): void {
  table.columns = columnsOf(["amount"]);
  for (const row of rows) {
    const texts = row.cells.map((c) => c.text.trim());
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i] ?? "";
      const key = lineKeyOf(t);
      const isCode = CODE_CELL.test(t);
      if (!isCode && !key) continue;
      // A code printed in 类 / 款 cells (PDF grids of 公开06) continues in
      // the next cell; an empty 款 cell of a 类 row is skipped to its name.
      let code = t;
      let n = i + 1;
      if (isCode && t.length === 3) {
        if (/^\d{2}$/.test(texts[n] ?? "")) code = `${t} ${texts[n++]}`;
        else if (texts[n] === "" && isNameText(texts[n + 1] ?? "")) n++;
      }
      // A code is followed by its name and amount; a block total
      // (人员经费合计) by its amount in the next non-empty cell.
      let j = isCode ? n + 1 : i + 1;
      if (!isCode) while (j < texts.length && texts[j] === "") j++;
      const at = texts[j] ?? "";
      if (at !== "" && parseAmount(at) === undefined) {
        // The next cell already starts another triplet: this one is blank.
        j = isCode ? n : i;
      }
      const amount = parseAmount(at);
      const cells: Record<string, Cell> = {
        amount: makeCell(
          amount ?? null,
          amount === undefined ? "" : at,
          provenance(row.line, row.page),
        ),
      };
      sink.add(
        isCode ? code : undefined,
        isCode ? (texts[n] ?? "") : t,
        cells,
        row.line,
        row.line,
        row.page,
      );
      i = Math.max(i, j);
    }
  }
}

// -------------------------------------------------------------- stream path

interface PendingRow {
  code?: string;
  codeParts: string[];
  name: string[];
  amounts: Token[];
  line: number;
  endLine: number;
  page?: number;
}

/** A header that keys rows by 单位编码 rather than 科目编码. */
function listsUnits(headerText: string): boolean {
  const h = compact(headerText);
  return /单位编码|单位代码/.test(h) && !/科目编码|科目代码|功能分类|经济分类/.test(h);
}

function hasRowNumbers(headerText: string): boolean {
  return /行次/.test(compact(headerText));
}

function firstDataIndex(tokens: Token[]): number {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.kind === "amount") return i;
    if (
      t.kind === "int" &&
      t.gap === -1 &&
      /^\d{3}(\d{2}){0,2}$/.test(t.text) &&
      tokens[i + 1]?.kind !== "int"
    ) {
      const c = t.text;
      if (c.startsWith("2") || c.startsWith("3") || c.startsWith("5")) return i;
    }
    if (t.kind === "text" && lineKeyOf(t.text) && tokens[i + 1]?.kind === "amount") return i;
  }
  return -1;
}

function buildFromStream(printed: LayoutLine[], table: Table, sink: RowSink): void {
  // A sentence ends the table: prose after it ("…相比增加2,898.54 万元。")
  // is the 说明's, not a row.
  const prose = printed.findIndex((l) => l.text.includes("。") && l.text.trim().length > 8);
  const lines = prose < 0 ? printed : printed.slice(0, prose);
  const tokens = tokenizeLines(lines);
  const start = firstDataIndex(tokens);
  const headerTokens = start < 0 ? tokens : tokens.slice(0, start);
  const headerText = headerTokens.map((t) => t.text).join(" ");
  sink.unitCodes = listsUnits(headerText);
  let columns = streamColumns(headerText);
  // 决算数 printed once per block of code / name / amount: one amount column.
  if (
    columns.length === 0 ||
    columns.filter((c) => c === "amount").length >= 2 ||
    columns.every((c) => c === "amount")
  ) {
    columns = ["amount"];
  }
  const colIds = modelColumns(columns);
  table.columns = columnsOf(colIds);
  if (start < 0) return;
  const dropInts = hasRowNumbers(headerText);
  // A single amount column with codes printed side by side: triplet blocks.
  const triplets = columns.length === 1;

  let cur: PendingRow | undefined;
  // More figures on a row than the header has columns: the header was not
  // read whole (wrapped words, columns pressed together), so where each
  // figure belongs is a guess. The table is kept and said to be unchecked.
  let overflow: { line: number; figures: number } | undefined;
  let lastFlushedLine = -1;
  const flush = () => {
    if (!cur) return;
    const values = cur.amounts;
    if (!triplets && values.length > columns.length)
      overflow ??= { line: cur.line, figures: values.length };
    if (values.length > 0) lastFlushedLine = values.at(-1)?.line ?? cur.line;
    const cells: Record<string, Cell> = {};
    const place = placeAmounts(
      values.map((t) => t.value ?? 0),
      values.map((t) => t.gap),
      columns,
    );
    values.forEach((t, k) => {
      const col = columns[place.indexes[k] ?? k];
      if (col && !cells[col])
        cells[col] = makeCell(t.value ?? null, t.text, provenance(t.line, t.page, t.endLine));
    });
    // Columns with no printed value are blanks.
    for (const col of colIds)
      if (!cells[col] && values.length > 0)
        cells[col] = makeCell(null, "", provenance(cur.line, cur.page));
    const name = cur.name.join("");
    const code = cur.code ?? (cur.codeParts.length ? cur.codeParts.join(" ") : undefined);
    if (code || name || values.length) {
      const row = sink.add(
        code,
        code ? name : name || "合计",
        cells,
        cur.line,
        cur.endLine,
        cur.page,
      );
      if (row && place.ambiguous)
        row.repairs = [...(row.repairs ?? []), "数值列位置不确定（文本中空白单元格缺失）"];
    }
    cur = undefined;
  };
  const open = (t: Token) => {
    flush();
    cur = { codeParts: [], name: [], amounts: [], line: t.line, endLine: t.line };
    if (t.page !== undefined) cur.page = t.page;
    return cur;
  };

  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const lineStart = t.gap === -1;
    if (t.kind === "int") {
      const isCodeShape = /^\d{3}(\d{2}){0,2}$/.test(t.text);
      const isPart = /^\d{2}$/.test(t.text);
      if (
        cur &&
        cur.amounts.length === 0 &&
        cur.name.length === 0 &&
        cur.codeParts.length > 0 &&
        isPart
      ) {
        cur.codeParts.push(t.text);
        continue;
      }
      if (isCodeShape && (lineStart || (cur && cur.amounts.length > 0) || triplets)) {
        const r = open(t);
        r.codeParts.push(t.text);
        continue;
      }
      if (isPart && lineStart && !dropInts) {
        const r = open(t);
        r.codeParts.push(t.text);
        continue;
      }
      // Row numbers (行次) and stray integers carry no amount.
      continue;
    }
    if (t.kind === "amount" || t.kind === "blank") {
      if (t.kind === "blank" && !cur) continue;
      // One amount column, and a second figure on the line with no code of
      // its own: not code / name / amount blocks, but columns the header lost.
      if (triplets && t.kind === "amount" && !cur && t.line === lastFlushedLine)
        overflow ??= { line: t.line, figures: 2 };
      const r = cur ?? open(t);
      if (t.kind === "amount") r.amounts.push(t);
      r.endLine = t.line;
      if (triplets && r.amounts.length >= 1) flush();
      continue;
    }
    if (t.kind === "text") {
      if (/^(?:注|说明|备注)[:：]/.test(t.text) || /^注[:：]?$/.test(t.text)) break;
      const key = lineKeyOf(t.text);
      if (key) {
        const r = open(t);
        r.name.push(t.text);
        continue;
      }
      if (!cur) continue;
      // A line starting with words after an uncoded row's figures names the
      // next row (the units of a 按单位 table: the 部门, then its 本级), not
      // the rest of this one's name.
      if (cur.amounts.length > 0 && lineStart && !cur.code && cur.codeParts.length === 0) {
        open(t).name.push(t.text);
        continue;
      }
      if (cur.amounts.length > 0) {
        if (cur.name.length === 0) cur.name.push(t.text);
        continue;
      }
      cur.name.push(t.text);
      cur.endLine = t.line;
    }
  }
  // Words after the last row with neither a code nor a figure are the next
  // table's header (单位：万元, 上年预算数 …), not a row of this one.
  if (cur && !cur.code && cur.codeParts.length === 0 && cur.amounts.length === 0) cur = undefined;
  flush();
  if (overflow) {
    sink.reportUnreadHeader(
      `表头只认出 ${columns.length} 列，而第 ${overflow.line} 行印了 ${overflow.figures} 个以上的数字`,
      overflow.line,
      lines[0]?.page,
    );
  } else if (!triplets && new Set(columns).size < columns.length && start >= 0) {
    // Two header words taken for one column (小计 under 基本支出 read as 合计):
    // the header's levels were read out of order.
    const twice = columns.filter((c, i) => columns.indexOf(c) !== i);
    const line = lines[0]?.line ?? table.source.line;
    sink.reportUnreadHeader(
      `表头认出的列有重复（${[...new Set(twice)].map((c) => table.columns.find((x) => x.id === c)?.label ?? c).join("、")}）`,
      line,
      lines[0]?.page,
    );
  }
}

export function buildClassificationTable(region: Region, id: TableId, ctx: BuildContext): Table {
  const table = newTable(region, id, ctx);
  const sink = new RowSink(table, ctx);
  const grid = region.blocks.find(isGrid);
  if (grid && grid.rows.length >= 2) {
    const width = grid.rows.at(-1)?.cells.length ?? 0;
    const allRows = regionGridRows(region, (cells) => {
      if (cells.length < 2 || !CODE_CELL.test(cells[0] ?? "") || !isAmountText(cells.at(-1) ?? ""))
        return undefined;
      // Amounts keep to the right, as in the grid above.
      const gap = Array.from({ length: Math.max(0, width - cells.length) }, () => "");
      return [...cells.slice(0, -1), ...gap, cells.at(-1) ?? ""];
    });
    buildFromGrid(allRows, table, sink);
  } else {
    const lines = region.blocks.filter((b): b is LayoutLine => b.kind === "line");
    buildFromStream(lines, table, sink);
  }
  sink.settle();
  inferCodesByName(sink.rows, table, ctx);
  table.rows = sink.rows;
  return finishTable(table, region);
}
