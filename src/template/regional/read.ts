/**
 * A filled regional workbook (the official 上海市区级 form, made by gongkai or
 * by hand) back to a RenderInput: the entity from the 编制部门 line (or the
 * cover), the year from the titles, each table's unit from its “单位：元”
 * cell, codes from their 类 | 款 | 项 cells, fixed lines by their label.
 * Every wrong cell is a problem naming sheet and cell; the caller throws
 * them as one TemplateError.
 */
import type ExcelJS from "exceljs";
import { entriesFor, history, lookup } from "../../catalog/index.ts";
import { formatAmountGrouped } from "../../model/money.ts";
import { atLevel, type WorkbookTable } from "../../model/profiles.ts";
import {
  type Cell,
  DISCLOSURE_SCHEMA_VERSION,
  type Disclosure,
  type MoneyUnit,
  type Row,
  type Table,
} from "../../model/schema.ts";
import { parseRenderInput, type RenderInput, type Texts } from "../../render/input.ts";
import { cellString, readMoney, type TemplateProblem } from "../cells.ts";
import { columnLetter } from "../write.ts";
import {
  entityWord,
  firstDataRow,
  leadColumns,
  type RegionalShape,
  sameSheet,
  sheetWidth,
} from "./sheets.ts";
import { EXTRA_SUMMARY_LINES } from "./write.ts";

const ORDINAL = /^\s*(?:[（(]?[一二三四五六七八九十]+[）)、.．]|\d+\s*[、.．])\s*/u;

function norm(s: string): string {
  return s.replace(/[\s\u3000]/g, "").replace(/[()]/g, (c) => (c === "(" ? "（" : "）"));
}

function stripOrdinal(s: string): string {
  return s.replace(ORDINAL, "");
}

class Reader {
  readonly problems: TemplateProblem[] = [];
  problem(sheet: string, row: number | undefined, col: number | undefined, message: string): void {
    const p: TemplateProblem = { sheet: sheet.trim(), message };
    if (row !== undefined && col !== undefined) p.cell = `${columnLetter(col)}${row}`;
    this.problems.push(p);
  }
  money(ws: ExcelJS.Worksheet, row: number, col: number): number | null {
    const m = readMoney(ws.getCell(row, col));
    if ("problem" in m) {
      this.problem(ws.name, row, col, m.problem);
      return null;
    }
    return m.amount;
  }
}

function cellOf(amount: number | null, line: number, page: number): Cell {
  return {
    amount,
    text: amount === null ? "" : formatAmountGrouped(amount),
    source: { line, page },
  };
}

/** “单位：元” / “单位:万元” anywhere on a row. */
function unitOnRow(ws: ExcelJS.Worksheet, row: number, width: number): MoneyUnit | undefined {
  for (let c = 1; c <= Math.max(width, ws.columnCount); c++) {
    const m = /单位[：:]\s*(万元|元)/u.exec(cellString(ws.getCell(row, c)));
    if (m) return m[1] as MoneyUnit;
  }
  return undefined;
}

interface TableContext {
  rd: Reader;
  ws: ExcelJS.Worksheet;
  t: WorkbookTable;
  shape: RegionalShape;
  year: number;
  page: number;
}

function readCodeTable(x: TableContext): Row[] {
  const { rd, ws, t, shape, year, page } = x;
  const parts = t.codeParts ?? 3;
  const lead = leadColumns(t);
  const cols = atLevel(t.columns, shape.level);
  const catalog = t.catalog ?? "func";
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (let r = firstDataRow(t, shape.level); r <= ws.rowCount; r++) {
    const pieces = Array.from({ length: parts }, (_, k) => cellString(ws.getCell(r, k + 1)));
    const name = cellString(ws.getCell(r, parts + 1));
    const amounts = cols.map((_, k) => cellString(ws.getCell(r, lead + 1 + k)));
    if (!pieces.some(Boolean) && !name && !amounts.some(Boolean)) continue;
    // The official blank's placeholder rows (…).
    if ([...pieces, name].every((p) => p === "" || /^[…．.]+$/u.test(p))) {
      if (!amounts.some(Boolean)) continue;
    }
    const cells = (): Record<string, Cell> =>
      Object.fromEntries(cols.map((c, k) => [c, cellOf(rd.money(ws, r, lead + 1 + k), r, page)]));
    if (/合\s*计/u.test(pieces[0] ?? "") || (!pieces.some(Boolean) && /^合\s*计$/u.test(name))) {
      rows.push({
        key: "total",
        keyKind: "line",
        name: "合计",
        cells: cells(),
        source: { line: r, page },
      });
      continue;
    }
    // 类 | 款 | 项 as typed (款 and 项 of two digits; 6 typed as a number is 06), or a whole code in 类.
    const digits = pieces.map((p, k) => (k === 0 ? p : p && /^\d$/.test(p) ? `0${p}` : p));
    const code = digits.join("").replace(/\s+/g, "");
    if (!/^\d{3}(?:\d{2}){0,2}$/.test(code)) {
      rd.problem(
        ws.name,
        r,
        1,
        code ? `科目编码“${pieces.join(" ").trim()}”不是编码` : "科目编码为必填项",
      );
      continue;
    }
    if (seen.has(code)) {
      rd.problem(ws.name, r, 1, `科目编码 ${code} 重复（已在第 ${seen.get(code)} 行）`);
      continue;
    }
    seen.set(code, r);
    const entry = lookup(code, Math.min(2025, Math.max(2017, year)), catalog);
    if (!entry && !name) {
      rd.problem(ws.name, r, parts + 1, `科目编码 ${code} 在 ${year} 年不存在，请填写科目名称`);
      continue;
    }
    rows.push({
      key: code,
      keyKind: catalog,
      level: code.length === 3 ? 1 : code.length === 5 ? 2 : 3,
      name: name || entry?.name || "",
      cells: cells(),
      source: { line: r, page },
    });
  }
  return rows;
}

/** 类 names of the functional classification (any year near), for the summary's 支出 lines. */
function classByName(year: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entriesFor(year, "func", 1)) {
    out.set(norm(e.name), e.code);
    for (const h of history(e.code, "func"))
      if (!out.has(norm(h.name))) out.set(norm(h.name), e.code);
  }
  return out;
}

function readSummaryTable(x: TableContext): Row[] {
  const { rd, ws, t, shape, year, page } = x;
  const cols = atLevel(t.columns, shape.level);
  const fixed = [...(t.incomeLines ?? [])];
  const footer = t.footer;
  const incomeByLabel = new Map(fixed.map((l) => [norm(stripOrdinal(l.label)), l.key]));
  for (const [key, label] of Object.entries(EXTRA_SUMMARY_LINES))
    (key.startsWith("income.") ? incomeByLabel : undefined)?.set(norm(label), key);
  const spendExtra = new Map(
    Object.entries(EXTRA_SUMMARY_LINES)
      .filter(([k]) => k.startsWith("expenditure."))
      .map(([k, l]) => [norm(l), k]),
  );
  const classes = classByName(Math.min(2025, Math.max(2017, year)));
  const rows: Row[] = [];
  const seen = new Set<string>();
  const push = (key: string, name: string, cells: Record<string, Cell>, r: number, c: number) => {
    if (seen.has(key)) {
      rd.problem(ws.name, r, c, `“${name}”重复`);
      return;
    }
    seen.add(key);
    rows.push({ key, keyKind: "line", name, cells, source: { line: r, page } });
  };
  const incomeSeen = new Set<string>();
  for (let r = firstDataRow(t, shape.level); r <= ws.rowCount; r++) {
    const left = cellString(ws.getCell(r, 1));
    const right = cellString(ws.getCell(r, 3));
    const isFooter = footer && norm(left) === norm(footer[0].label);
    if (left) {
      const key = isFooter ? footer[0].key : incomeByLabel.get(norm(stripOrdinal(left)));
      if (!key) rd.problem(ws.name, r, 1, `“${left}”不是本表的收入项目`);
      else {
        incomeSeen.add(key);
        push(key, left, { amount: cellOf(rd.money(ws, r, 2), r, page) }, r, 1);
      }
    } else if (cellString(ws.getCell(r, 2))) rd.problem(ws.name, r, 1, "有金额但没有项目名称");
    const amounts = cols.map((_, k) => cellString(ws.getCell(r, 4 + k)));
    if (right) {
      const n = norm(stripOrdinal(right));
      const key =
        footer && n === norm(footer[1].label)
          ? footer[1].key
          : (spendExtra.get(n) ??
            (classes.get(n) ? `expenditure.function.${classes.get(n)}` : undefined));
      if (!key) {
        rd.problem(ws.name, r, 3, `“${right}”不是支出功能分类的类级科目`);
        continue;
      }
      // A 类 listed without figures (the blank form lists every 类) is not a figure.
      if (key.startsWith("expenditure.function.") && !amounts.some(Boolean)) continue;
      const cells = Object.fromEntries(
        cols.map((c, k) => [c, cellOf(rd.money(ws, r, 4 + k), r, page)]),
      );
      push(key, right, cells, r, 3);
    } else if (amounts.some(Boolean)) rd.problem(ws.name, r, 3, "有金额但没有项目名称");
  }
  // The official income lines are printed whether or not they have figures.
  for (const l of fixed)
    if (!incomeSeen.has(l.key)) rd.problem(ws.name, undefined, undefined, `缺少“${l.label}”一行`);
  return rows;
}

function readThreePublic(x: TableContext): Row[] {
  const { rd, ws, t, shape, page } = x;
  const r = firstDataRow(t, shape.level);
  return (t.lineColumns ?? []).map((key, k) => ({
    key,
    keyKind: "line" as const,
    name: key,
    cells: { budget: cellOf(rd.money(ws, r, k + 1), r, page) },
    source: { line: r, page },
  }));
}

/** The entity's name: the 编制部门 line of a table, else the cover's 预算主管部门/预算单位. */
function entityName(wb: ExcelJS.Workbook, shape: RegionalShape, tables: WorkbookTable[]): string {
  for (const t of tables) {
    const ws = wb.worksheets.find((w) => sameSheet(w.name, atLevel(t.sheet, shape.level)));
    const text = ws ? cellString(ws.getCell(t.entityRow, 1)) : "";
    const name = text.replace(/^编制(?:部门|单位)[：:]\s*/u, "").trim();
    if (name && name !== text) return name;
  }
  const cover = wb.getWorksheet("封面");
  const line = cover ? cellString(cover.getCell("A9")) : "";
  const m = /[：:]\s*(.+)$/u.exec(line);
  return m?.[1] && !/XX/u.test(m[1]) ? m[1].trim() : "";
}

export function readRegionalWorkbook(
  wb: ExcelJS.Workbook,
  shape: RegionalShape,
): { input?: RenderInput; problems: TemplateProblem[]; blank?: boolean } {
  const rd = new Reader();
  const tables = shape.workbook.sheets.flatMap((s) => (s.type === "table" ? [s.table] : []));
  const sheetOf = (name: string) => wb.worksheets.find((w) => sameSheet(w.name, name));
  // The year from the first table title that has one (“2026年部门财务收支预算总表”).
  let year: number | undefined;
  for (const t of tables) {
    const ws = sheetOf(atLevel(t.sheet, shape.level));
    const m = ws ? /^\s*(\d{4})\s*年/u.exec(cellString(ws.getCell(t.titleRow, 1))) : null;
    if (m?.[1]) {
      year = Number(m[1]);
      break;
    }
  }
  const first = tables[0];
  if (year === undefined) {
    rd.problem(
      atLevel(first?.sheet ?? { department: "" }, shape.level),
      first?.titleRow,
      1,
      "标题中没有年度（应如“2026年部门财务收支预算总表”）",
    );
    return { problems: rd.problems };
  }
  const name = entityName(wb, shape, tables);
  if (!name && first)
    rd.problem(
      atLevel(first.sheet, shape.level),
      first.entityRow,
      1,
      `请在“${entityWord(shape.level)}”后填写${shape.level === "unit" ? "单位" : "部门"}名称`,
    );
  const out: Table[] = [];
  const names = wb.worksheets.map((w) => w.name);
  for (const t of tables) {
    const sheet = atLevel(t.sheet, shape.level);
    const ws = sheetOf(sheet);
    if (!ws) continue;
    const page = names.indexOf(ws.name) + 1;
    const unit = unitOnRow(ws, t.entityRow, sheetWidth(t, shape.level)) ?? t.unit;
    const x: TableContext = { rd, ws, t, shape, year, page };
    const rows =
      t.shape === "code"
        ? readCodeTable(x)
        : t.shape === "summary"
          ? readSummaryTable(x)
          : readThreePublic(x);
    const filled = rows.some((r) => Object.values(r.cells).some((c) => c.amount !== null));
    const columns =
      t.shape === "three_public"
        ? [{ id: "budget" as const, label: "预算数" }]
        : t.shape === "summary"
          ? [
              { id: "amount" as const, label: "预算数" },
              ...atLevel(t.columns, shape.level)
                .filter((c) => c !== "amount")
                .map((id) => ({ id, label: id })),
            ]
          : atLevel(t.columns, shape.level).map((id) => ({ id, label: id }));
    out.push({
      id: t.id,
      title: `${year}年${atLevel(t.title, shape.level)}`,
      unit,
      unitStated: true,
      columns,
      rows,
      empty: !filled,
      source: { line: t.titleRow, page },
    });
  }
  // The official workbook as published, nothing filled in: a blank form, not a filled one.
  const blank = !name && out.every((t) => t.empty);
  if (out.find((t) => t.id === "summary")?.empty && first)
    rd.problem(atLevel(first.sheet, shape.level), undefined, undefined, "收支总表没有填写任何数字");
  // Texts: 职能, 机构设置, 其他相关情况说明; other text sheets a preparer wrote in are kept under their title.
  const texts: Texts = {};
  const extra: string[] = [];
  for (const s of shape.workbook.sheets) {
    if (s.type !== "text") continue;
    const sheet = s.text.sheet[shape.level];
    const ws = sheet ? sheetOf(sheet) : undefined;
    const body = ws ? cellString(ws.getCell("A3")) : "";
    if (!body) continue;
    const key = s.text.text;
    if (key === "duties" || key === "organisation") texts[key] = body;
    else if (key === "other") extra.unshift(body);
    else extra.push(`${cellString(ws?.getCell("A1") as ExcelJS.Cell)}\n${body}`);
  }
  if (extra.length) texts.other = extra.join("\n\n");
  if (rd.problems.length) return { problems: rd.problems, blank };
  const summaryUnit = out.find((t) => t.id === "summary")?.unit ?? "元";
  const disclosure: Disclosure = {
    schemaVersion: DISCLOSURE_SCHEMA_VERSION,
    kind: shape.kind,
    year,
    entity: { name, parent: null, level: shape.level, government: "county" },
    unit: summaryUnit,
    tables: out,
    sections: [],
    claims: [],
    issues: [],
    source: { format: "xlsx", lines: 0, pages: wb.worksheets.length },
  };
  const input: Record<string, unknown> = {
    disclosure,
    options: { profile: shape.profile.id },
  };
  if (Object.keys(texts).length) input.texts = texts;
  return { input: parseRenderInput(input), problems: [] };
}
