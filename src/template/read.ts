/**
 * `readTemplate(bytes)`: a filled template (write.ts) back to a RenderInput.
 *
 * Every problem found is collected with its cell address and a Chinese
 * message; if there is any, one TemplateError lists them all (so a preparer
 * fixes the whole sheet in one go, not one cell per run). What is checked
 * here is what only the template can know: numbers that are not numbers,
 * codes that do not exist in the year's catalog or are repeated, required
 * fields, cells that do not apply. Whether totals add up is the checker's job
 * (`gongkai check`), not this reader's.
 */
import ExcelJS from "exceljs";
import { type CatalogKind, history, lookup } from "../catalog/index.ts";
import { scanZip } from "../ingest/office/zip.ts";
import { GongkaiError } from "../model/errors.ts";
import { COLUMN_LABELS } from "../model/labels.ts";
import { formatAmountGrouped } from "../model/money.ts";
import {
  type Cell,
  type Column,
  type ColumnId,
  DISCLOSURE_SCHEMA_VERSION,
  type Disclosure,
  type Entity,
  type Kind,
  type MoneyUnit,
  type Row,
  type Table,
} from "../model/schema.ts";
import {
  type Figures,
  type Prior,
  parseRenderInput,
  type RenderInput,
  type Texts,
} from "../render/input.ts";
import { cellString, problemText, readCount, readMoney, type TemplateProblem } from "./cells.ts";
import { extraTableOf } from "./extra.ts";
import {
  BUDGET_LABELS,
  CODES_HEADER,
  ENTITY_FIELDS,
  type EntityField,
  FIELD_FIRST_ROW,
  FIGURE_FIELDS,
  FIRST_DATA_ROW,
  GOVERNMENT_CHOICES,
  HEADER_ROW,
  KIND_CHOICES,
  LABEL_MARK,
  LEVEL_CHOICES,
  NOTE_ROW,
  PRIOR_LABELS,
  REASON_CODES_HEADER,
  SHEET,
  TITLE_ROW,
  textFields,
  UNIT_MARK,
} from "./fields.ts";
import { LINE_NOTE, sheetUnitOf } from "./fill.ts";
import { readRegionalWorkbook } from "./regional/read.ts";
import { regionalShapeOf } from "./regional/sheets.ts";
import {
  type TemplateColumn,
  type TemplateLine,
  type TemplateTable,
  templateTables,
} from "./tables.ts";
import { columnLetter } from "./write.ts";

export type { TemplateProblem };

/** The filled template has wrong cells: `problems` lists every one. */
export class TemplateError extends GongkaiError {
  readonly problems: TemplateProblem[];
  constructor(problems: TemplateProblem[]) {
    const shown = problems.slice(0, 50).map(problemText);
    const more = problems.length > 50 ? `\n……另有 ${problems.length - 50} 处` : "";
    super("unreadable", `模板有 ${problems.length} 处错误：\n${shown.join("\n")}${more}`);
    this.name = "TemplateError";
    this.problems = problems;
  }
}

const CATALOG_WORD: Record<CatalogKind, string> = {
  func: "支出功能分类科目",
  econ_dept: "部门预算支出经济分类科目",
  econ_gov: "政府预算支出经济分类科目",
};

/** Labels compared without spaces, the （必填） mark, or full/half-width brackets. */
function norm(label: string): string {
  return label
    .replace(/（必填）$/, "")
    .replace(/[\s\u3000]/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}

function addr(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

class Reader {
  readonly problems: TemplateProblem[] = [];
  readonly wb: ExcelJS.Workbook;
  constructor(wb: ExcelJS.Workbook) {
    this.wb = wb;
  }

  problem(sheet: string, cell: string | undefined, message: string): void {
    const p: TemplateProblem = { sheet, message };
    if (cell) p.cell = cell;
    this.problems.push(p);
  }

  sheet(name: string): ExcelJS.Worksheet | undefined {
    return this.wb.getWorksheet(name);
  }

  /** Column-B values of a label/value sheet, by normalised column-A label. */
  fields(ws: ExcelJS.Worksheet): Map<string, { row: number; cell: ExcelJS.Cell }> {
    const out = new Map<string, { row: number; cell: ExcelJS.Cell }>();
    for (let r = FIELD_FIRST_ROW; r <= ws.rowCount; r++) {
      const label = norm(cellString(ws.getCell(r, 1)));
      if (label && !out.has(label)) out.set(label, { row: r, cell: ws.getCell(r, 2) });
    }
    return out;
  }

  money(sheet: string, cell: ExcelJS.Cell, row: number, col: number): number | null {
    const m = readMoney(cell);
    if ("problem" in m) {
      this.problem(sheet, addr(row, col), m.problem);
      return null;
    }
    return m.amount;
  }
}

interface EntityRead {
  entity: Entity;
  kind: Kind | undefined;
  year: number | undefined;
  unit: MoneyUnit | undefined;
  title?: string;
}

function readEntity(rd: Reader): EntityRead {
  const ws = rd.sheet(SHEET.entity);
  const out: EntityRead = {
    entity: { name: "", parent: null },
    kind: undefined,
    year: undefined,
    unit: undefined,
  };
  if (!ws) {
    rd.problem(SHEET.entity, undefined, "缺少工作表“单位信息”，这不是 gongkai 生成的模板");
    return out;
  }
  const fields = rd.fields(ws);
  const value = (key: EntityField): { text: string; where: string } | undefined => {
    const f = ENTITY_FIELDS.find((x) => x.key === key);
    if (!f) return undefined;
    const hit = fields.get(norm(f.label));
    if (!hit) {
      rd.problem(SHEET.entity, undefined, `缺少“${f.label}”一行`);
      return undefined;
    }
    const text = cellString(hit.cell);
    const where = addr(hit.row, 2);
    if (!text && f.required) rd.problem(SHEET.entity, where, `“${f.label}”为必填项`);
    return { text, where };
  };
  const name = value("name");
  out.entity.name = name?.text ?? "";
  const parent = value("parent");
  out.entity.parent = parent?.text ? parent.text : null;
  const choice = <T extends string>(
    key: EntityField,
    choices: Record<string, T>,
    label: string,
  ): T | undefined => {
    const v = value(key);
    if (!v?.text) return undefined;
    const hit = choices[v.text];
    if (!hit)
      rd.problem(
        SHEET.entity,
        v.where,
        `${label}“${v.text}”无效，应为：${Object.keys(choices).join("、")}`,
      );
    return hit;
  };
  const level = choice("level", LEVEL_CHOICES, "公开主体");
  if (level) out.entity.level = level;
  const gov = choice("government", GOVERNMENT_CHOICES, "政府级次");
  if (gov) out.entity.government = gov;
  out.kind = choice("kind", KIND_CHOICES, "公开类型");
  out.unit = choice("unit", { 元: "元", 万元: "万元" } as const, "金额单位");
  const year = value("year");
  if (year?.text) {
    const y = Number(year.text.replace(/年$/, ""));
    if (Number.isInteger(y) && y >= 2000 && y <= 2100) out.year = y;
    else rd.problem(SHEET.entity, year.where, `年度“${year.text}”无效，应为四位年份，如 2025`);
  }
  const title = value("title");
  if (title?.text) out.title = title.text;
  return out;
}

/** The code typed or chosen: "2101550 事业运行", "2101550", 2101550, "210 15 50". */
function codeOf(text: string): string | undefined {
  const m = /^\s*(\d[\d\s]*)/.exec(text);
  if (!m?.[1]) return undefined;
  const code = m[1].replace(/\s+/g, "");
  const rest = text.slice(m[0].length).trim();
  // "2101550abc" is not a code followed by its name.
  if (rest && /^[0-9A-Za-z]/.test(rest)) return undefined;
  return code;
}

function cellOf(amount: number | null, row: number, page: number): Cell {
  return {
    amount,
    text: amount === null ? "" : formatAmountGrouped(amount),
    source: { line: row, page },
  };
}

function columnsOf(t: TemplateTable): Column[] {
  return t.columns.map((c) => ({
    id: c.id,
    label: c.group && c.label === "小计" ? c.group : c.label,
  }));
}

/** The line key in an extra line's note (fill.ts LINE_NOTE), if any. */
function lineKeyOf(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as unknown;
  const text =
    typeof note === "string"
      ? note
      : note && typeof note === "object" && Array.isArray((note as { texts?: unknown }).texts)
        ? (note as { texts: { text: string }[] }).texts.map((x) => x.text).join("")
        : "";
  const m = new RegExp(`${LINE_NOTE}([\\w.\\u4e00-\\u9fff]+)`).exec(text);
  return m?.[1];
}

const COLUMN_BY_LABEL = new Map(
  Object.entries(COLUMN_LABELS).map(([id, label]) => [norm(label), id as ColumnId]),
);

/** Columns after the template's own: headed by a column's name (fill.ts extraColumnLabel). */
function extraColumns(
  rd: Reader,
  ws: ExcelJS.Worksheet,
  t: TemplateTable,
  lead: number,
): TemplateColumn[] {
  const out: TemplateColumn[] = [];
  for (let c = lead + t.columns.length + 1; c <= ws.columnCount; c++) {
    const head = cellString(ws.getCell(HEADER_ROW, c));
    if (!head) break;
    const id = COLUMN_BY_LABEL.get(norm(head));
    if (!id || t.columns.some((x) => x.id === id) || out.some((x) => x.id === id)) {
      rd.problem(t.sheet, addr(HEADER_ROW, c), `“${head}”不是可识别的栏目`);
      break;
    }
    out.push({ id, label: head });
  }
  return out;
}

interface TableRead {
  table: Table | undefined;
  /** Any amount was entered. */
  filled: boolean;
}

function readTable(
  rd: Reader,
  t: TemplateTable,
  year: number,
  docUnit: MoneyUnit,
  page: number,
): TableRead {
  const ws = rd.sheet(t.sheet);
  if (!ws) {
    if (!t.optional) rd.problem(t.sheet, undefined, `缺少工作表“${t.sheet}”`);
    return { table: undefined, filled: false };
  }
  // A sheet in another unit than the document's says so after its title (fill.ts sheetUnitMark).
  const unit = sheetUnitOf(cellString(ws.getCell(TITLE_ROW, 1))) ?? docUnit;
  const lead = t.rows.kind === "lines" ? 1 : 2;
  const rows: Row[] = [];
  let filled = false;
  // Columns after the template's own, added by fill.ts for data it has no column for.
  const extras = extraColumns(rd, ws, t, lead);
  const columns: TemplateColumn[] = [...t.columns, ...extras];
  const official = new Set<string>(t.columns.map((c) => c.id));
  const amounts = (r: number, line?: TemplateLine): Record<string, Cell> => {
    const cells: Record<string, Cell> = {};
    columns.forEach((col, k) => {
      const c = lead + 1 + k;
      const cell = ws.getCell(r, c);
      const applies = !line?.columns || line.columns.includes(col.id) || !official.has(col.id);
      if (!applies) {
        if (cellString(cell) !== "")
          rd.problem(t.sheet, addr(r, c), `本行没有“${col.label}”栏，此格应留空`);
        return;
      }
      const a = rd.money(t.sheet, cell, r, c);
      if (a !== null) filled = true;
      cells[col.id] = cellOf(a, r, page);
    });
    return cells;
  };
  const fixed = t.rows.kind === "lines" ? t.rows.lines : t.rows.fixed;
  const byLabel = new Map(fixed.map((l) => [norm(l.label), l]));
  // A 类 line under the name of another year (the template made for 2024, the
  // year then changed to 2025 after a rename) is still that 类.
  for (const l of fixed) {
    const m = /^expenditure\.function\.(\d{3})$/.exec(l.key);
    if (!m?.[1]) continue;
    for (const e of history(m[1], "func"))
      if (!byLabel.has(norm(e.name))) byLabel.set(norm(e.name), l);
  }
  const sections = new Set(fixed.flatMap((l) => (l.section ? [norm(l.section)] : [])));
  const seen = new Map<string, number>();
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
    const first = cellString(ws.getCell(r, 1));
    const second = lead === 2 ? cellString(ws.getCell(r, 2)) : "";
    const anyAmount = columns.some((_, k) => cellString(ws.getCell(r, lead + 1 + k)) !== "");
    if (!first && !second && !anyAmount) continue;
    if (sections.has(norm(first)) && !second && !anyAmount) continue;
    const line = byLabel.get(norm(first));
    if (line) {
      if (seen.has(line.key)) {
        rd.problem(t.sheet, addr(r, 1), `“${line.label}”重复（已在第 ${seen.get(line.key)} 行）`);
        continue;
      }
      seen.set(line.key, r);
      rows.push({
        key: line.key,
        keyKind: "line",
        name: line.label,
        cells: amounts(r, line),
        source: { line: r, page },
      });
      continue;
    }
    if (t.rows.kind === "lines") {
      // A line of the source's own, entered by fill.ts with its key in the label's note.
      const key = lineKeyOf(ws.getCell(r, 1));
      if (!key) {
        rd.problem(t.sheet, addr(r, 1), `“${first}”不是本表的项目，请使用模板给出的行`);
        continue;
      }
      if (seen.has(key)) {
        rd.problem(t.sheet, addr(r, 1), `“${first}”重复（已在第 ${seen.get(key)} 行）`);
        continue;
      }
      seen.set(key, r);
      rows.push({
        key,
        keyKind: "line",
        name: first,
        cells: amounts(r),
        source: { line: r, page },
      });
      continue;
    }
    // A line the template does not list, entered by fill.ts with its key in the note.
    const lineKey = lineKeyOf(ws.getCell(r, 1));
    if (lineKey) {
      if (seen.has(lineKey)) {
        rd.problem(t.sheet, addr(r, 1), `“${first}”重复（已在第 ${seen.get(lineKey)} 行）`);
        continue;
      }
      seen.set(lineKey, r);
      rows.push({
        key: lineKey,
        keyKind: "line",
        name: second || first,
        cells: amounts(r),
        source: { line: r, page },
      });
      continue;
    }
    const unit = new RegExp(`^(${UNIT_MARK}|${LABEL_MARK})(?:\\s+(\\S+))?$`).exec(first);
    if (t.rows.kind === "code" && unit) {
      // A row by 单位 (a 收入总表 by 单位编码): its code after “单位”, else its name.
      const key = unit[2] ?? second;
      const keyKind = unit[1] === UNIT_MARK ? "unit" : "label";
      if (!second) {
        rd.problem(t.sheet, addr(r, 2), "单位名称为必填项");
        continue;
      }
      if (seen.has(`unit:${key}`)) {
        rd.problem(t.sheet, addr(r, 1), `单位“${key}”重复（已在第 ${seen.get(`unit:${key}`)} 行）`);
        continue;
      }
      seen.set(`unit:${key}`, r);
      rows.push({ key, keyKind, name: second, cells: amounts(r), source: { line: r, page } });
      continue;
    }
    if (t.rows.kind === "free") {
      const code = first.replace(/\s+/g, "");
      // The name is what the table prints; a code alone says nothing to a reader.
      if (!second) {
        rd.problem(t.sheet, addr(r, 2), `${t.rows.nameHead}为必填项`);
        continue;
      }
      // “其他” in the code column: a named row (政府采购 by item), keyed by its name.
      const named = code === LABEL_MARK;
      const key = named ? second : code || second;
      if (seen.has(key)) {
        rd.problem(
          t.sheet,
          addr(r, code ? 1 : 2),
          `项目“${key}”重复（已在第 ${seen.get(key)} 行）`,
        );
        continue;
      }
      seen.set(key, r);
      rows.push({
        key,
        keyKind: named ? "label" : t.rows.keyKind,
        name: second,
        cells: amounts(r, undefined),
        source: { line: r, page },
      });
      continue;
    }
    const kind = t.rows.catalog;
    if (!first) {
      rd.problem(t.sheet, addr(r, 1), "科目编码为必填项");
      continue;
    }
    const code = codeOf(first);
    if (!code) {
      rd.problem(t.sheet, addr(r, 1), `科目编码“${first}”不是编码`);
      continue;
    }
    const entry = lookup(code, year, kind);
    if (!entry) {
      const other = (["func", "econ_dept", "econ_gov"] as const).find(
        (k) => k !== kind && lookup(code, year, k),
      );
      const hint = other ? `（这是${CATALOG_WORD[other]}，本表应填${CATALOG_WORD[kind]}）` : "";
      rd.problem(t.sheet, addr(r, 1), `科目编码 ${code} 在 ${year} 年不存在${hint}`);
      continue;
    }
    if (seen.has(code)) {
      rd.problem(t.sheet, addr(r, 1), `科目编码 ${code} 重复（已在第 ${seen.get(code)} 行）`);
      continue;
    }
    seen.set(code, r);
    const row: Row = {
      key: code,
      keyKind: kind,
      level: entry.level,
      name: entry.name,
      cells: amounts(r, undefined),
      source: { line: r, page },
    };
    if (first.replace(/\s+/g, "") !== code && /^\d[\d\s]*$/.test(first)) row.printedCode = first;
    rows.push(row);
  }
  const hasData = filled || rows.some((r) => r.keyKind !== "line");
  if (!hasData && t.optional) return { table: undefined, filled };
  const note = cellString(ws.getCell(NOTE_ROW, 2));
  let tableColumns = [...columnsOf(t), ...extras.map((c) => ({ id: c.id, label: c.label }))];
  // A line table whose figures are all in some columns (公开04 entered as one 决算数
  // column, seed 002) is the table of those columns: the blank ones are not printed.
  if (t.rows.kind === "lines" && filled) {
    const used = new Set(
      rows.flatMap((r) =>
        Object.entries(r.cells).flatMap(([id, c]) => (c.amount !== null ? [id] : [])),
      ),
    );
    tableColumns = tableColumns.filter((c) => used.has(c.id));
    for (const r of rows)
      for (const id of Object.keys(r.cells)) if (!used.has(id)) delete r.cells[id];
  }
  const table: Table = {
    id: t.id,
    title: t.title,
    number: t.number,
    unit,
    unitStated: true,
    columns: tableColumns,
    // An empty table keeps its (blank) 合计 lines, as a printed empty table does.
    rows: hasData ? rows : rows.filter((r) => r.keyKind === "line"),
    empty: !hasData,
    source: { line: 1, page },
  };
  if (note) table.emptyNote = note;
  return { table, filled };
}

interface LinesAndCodes {
  lines: Record<string, number>;
  codes: Record<string, number>;
}

/** Amounts by line label, then by 功能分类 code (valid in one of `years`). */
function readLinesAndCodes(
  rd: Reader,
  name: string,
  labels: Record<string, string>,
  what: string,
  years: number[],
): LinesAndCodes | undefined {
  const ws = rd.sheet(name);
  if (!ws) return undefined;
  const out: LinesAndCodes = { lines: {}, codes: {} };
  const byLabel = new Map(Object.entries(labels).map(([k, l]) => [norm(l), k]));
  let inCodes = false;
  for (let r = FIELD_FIRST_ROW; r <= ws.rowCount; r++) {
    const label = cellString(ws.getCell(r, 1));
    if (norm(label) === norm(CODES_HEADER)) {
      inCodes = true;
      continue;
    }
    const value = ws.getCell(r, 2);
    if (!label && cellString(value) === "") continue;
    if (!inCodes) {
      const key = byLabel.get(norm(label));
      if (!key) {
        rd.problem(name, addr(r, 1), `“${label}”不是${what}的项目`);
        continue;
      }
      const a = rd.money(name, value, r, 2);
      if (a !== null) out.lines[key] = a;
      continue;
    }
    const code = codeOf(label);
    if (!code) {
      rd.problem(name, addr(r, 1), label ? `科目编码“${label}”不是编码` : "科目编码为必填项");
      continue;
    }
    if (!years.some((y) => lookup(code, y, "func"))) {
      rd.problem(name, addr(r, 1), `科目编码 ${code} 在 ${years[0]} 年不存在`);
      continue;
    }
    const a = rd.money(name, value, r, 2);
    if (a !== null) out.codes[code] = a;
  }
  return out;
}

function readPrior(rd: Reader, year: number, unit: MoneyUnit): Prior | undefined {
  const got = readLinesAndCodes(rd, SHEET.prior, PRIOR_LABELS, "上年数", [year - 1, year]);
  if (!got) return undefined;
  const prior: Prior = { year: year - 1, unit, lines: got.lines };
  if (Object.keys(got.codes).length) prior.codes = got.codes;
  return Object.keys(got.lines).length || prior.codes ? prior : undefined;
}

/** 决算: the year's 年初预算 (figures.initialBudget). */
function readInitialBudget(rd: Reader, year: number): Figures["initialBudget"] | undefined {
  const got = readLinesAndCodes(rd, SHEET.initialBudget, BUDGET_LABELS, "年初预算", [year]);
  if (!got || (!Object.keys(got.lines).length && !Object.keys(got.codes).length)) return undefined;
  const out: NonNullable<Figures["initialBudget"]> = { lines: got.lines };
  if (Object.keys(got.codes).length) out.codes = got.codes;
  return out;
}

function readFigures(rd: Reader, unit: MoneyUnit, kind: Kind, year: number): Figures | undefined {
  const initialBudget = kind === "final" ? readInitialBudget(rd, year) : undefined;
  const ws = rd.sheet(SHEET.figures);
  if (!ws) return initialBudget ? { unit, initialBudget } : undefined;
  const fields = rd.fields(ws);
  const got = new Map<string, number>();
  for (const f of FIGURE_FIELDS) {
    const hit = fields.get(norm(f.label));
    if (!hit) continue;
    if (f.count) {
      const c = readCount(hit.cell);
      if ("problem" in c) rd.problem(SHEET.figures, addr(hit.row, 2), c.problem);
      else if (c.count !== null) got.set(f.key, c.count);
    } else {
      const a = rd.money(SHEET.figures, hit.cell, hit.row, 2);
      if (a !== null) got.set(f.key, a);
    }
  }
  if (!got.size && !initialBudget) return undefined;
  const figures: Figures = { unit };
  if (initialBudget) figures.initialBudget = initialBudget;
  const g = (k: string) => got.get(k);
  const runningCost = g("runningCost");
  if (runningCost !== undefined) figures.runningCost = runningCost;
  const pTotal = g("procurement.total");
  if (pTotal !== undefined) {
    const p: NonNullable<Figures["procurement"]> = { total: pTotal };
    for (const k of ["goods", "works", "services", "sme"] as const) {
      const v = g(`procurement.${k}`);
      if (v !== undefined) p[k] = v;
    }
    figures.procurement = p;
  } else if (["goods", "works", "services", "sme"].some((k) => got.has(`procurement.${k}`))) {
    const hit = fields.get(norm("政府采购总额"));
    rd.problem(
      SHEET.figures,
      hit ? addr(hit.row, 2) : undefined,
      "填写了政府采购分项，请同时填写政府采购总额",
    );
  }
  const assets: NonNullable<Figures["assets"]> = {};
  for (const k of ["total", "current", "fixed", "vehicles", "bigEquipment"] as const) {
    const v = g(`assets.${k}`);
    if (v !== undefined) assets[k] = v;
  }
  if (Object.keys(assets).length) figures.assets = assets;
  const staff: NonNullable<Figures["staff"]> = {};
  for (const k of ["authorised", "actual", "retired"] as const) {
    const v = g(`staff.${k}`);
    if (v !== undefined) staff[k] = v;
  }
  if (Object.keys(staff).length) figures.staff = staff;
  return figures;
}

function readTexts(rd: Reader, kind: Kind, year: number): Texts | undefined {
  const ws = rd.sheet(SHEET.texts);
  if (!ws) return undefined;
  const byLabel = new Map(textFields(kind).map((f) => [norm(f.label), f]));
  const texts: Texts = {};
  const reasons: Record<string, string> = {};
  let inCodes = false;
  for (let r = FIELD_FIRST_ROW; r <= ws.rowCount; r++) {
    const label = cellString(ws.getCell(r, 1));
    if (norm(label) === norm(REASON_CODES_HEADER)) {
      inCodes = true;
      continue;
    }
    const text = cellString(ws.getCell(r, 2));
    if (!label && !text) continue;
    if (!inCodes) {
      const f = byLabel.get(norm(label));
      if (!f) {
        if (text) rd.problem(SHEET.texts, addr(r, 1), `“${label}”不是文字说明的项目`);
        continue;
      }
      if (!text) continue;
      if (f.key.startsWith("reason:")) reasons[f.key.slice("reason:".length)] = text;
      else texts[f.key as Exclude<keyof Texts, "reasons">] = text;
      continue;
    }
    const code = codeOf(label);
    if (!code || !lookup(code, year, "func")) {
      rd.problem(
        SHEET.texts,
        addr(r, 1),
        code ? `科目编码 ${code} 在 ${year} 年不存在` : `科目编码“${label}”不是编码`,
      );
      continue;
    }
    if (!text) rd.problem(SHEET.texts, addr(r, 2), `科目 ${code} 的增减原因未填写`);
    else reasons[code] = text;
  }
  if (Object.keys(reasons).length) texts.reasons = reasons;
  return Object.keys(texts).length ? texts : undefined;
}

/** Kind from the sheets present, when 公开类型 is blank or wrong. */
function kindFromSheets(wb: ExcelJS.Workbook): Kind | undefined {
  for (const kind of ["budget", "final"] as const)
    if (wb.getWorksheet(templateTables(kind, 2025)[0]?.sheet ?? "")) return kind;
  return undefined;
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
    throw new GongkaiError("unsupported_format", "模板应为 .xlsx 文件（Excel 2007 及以后的格式）");
  // Bounded first (zip bombs, absurd sheets): the ingester's checks, with their Chinese errors.
  try {
    scanZip(bytes);
  } catch (e) {
    if (e instanceof GongkaiError) throw new GongkaiError(e.code, `无法读取模板：${e.message}`);
    throw e;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new GongkaiError("unreadable", "无法读取模板：文件已损坏或不是有效的 .xlsx 文件");
  }
  return wb;
}

/**
 * Read a filled template into a RenderInput. Throws one TemplateError
 * (a GongkaiError) listing every wrong cell when there is any.
 */
export async function readTemplate(bytes: Uint8Array): Promise<RenderInput> {
  const input = await readFilledTemplate(bytes);
  if (!input) throw new TemplateError(BLANK_REGIONAL);
  return input;
}

const BLANK_REGIONAL: TemplateProblem[] = [
  { sheet: "", message: "这是地区的空白公开模板，尚未填写单位名称和任何数字" },
];

/**
 * A filled template as a RenderInput; undefined for a region's official
 * workbook exactly as published (no name, no figure) — a blank form is read
 * as the document it is, its blanks placeholders, not as a filled template
 * full of errors.
 */
export async function readFilledTemplate(bytes: Uint8Array): Promise<RenderInput | undefined> {
  const wb = await loadWorkbook(bytes);
  const regional = regionalShapeOf(wb.worksheets.map((w) => w.name));
  if (regional && !wb.getWorksheet(SHEET.entity)) {
    const { input, problems, blank } = readRegionalWorkbook(wb, regional);
    if (blank) return undefined;
    if (problems.length || !input) throw new TemplateError(problems);
    return input;
  }
  const rd = new Reader(wb);
  const head = readEntity(rd);
  const kind = head.kind ?? kindFromSheets(wb);
  if (head.kind && kindFromSheets(wb) && head.kind !== kindFromSheets(wb))
    rd.problem(SHEET.entity, undefined, "“公开类型”与模板的表格不符，请勿修改公开类型");
  if (!kind || head.year === undefined || !head.unit) {
    if (!rd.problems.length) rd.problem(SHEET.entity, undefined, "单位信息不完整");
    throw new TemplateError(rd.problems);
  }
  const year = head.year;
  const unit = head.unit;
  const tables: Table[] = [];
  const sheetNames = wb.worksheets.map((w) => w.name);
  for (const t of templateTables(kind, year)) {
    const page = sheetNames.indexOf(t.sheet) + 1;
    const { table } = readTable(rd, t, year, unit, page > 0 ? page : 1);
    if (table) tables.push(table);
  }
  // Sheets fill.ts added for tables the template lacks (extra.ts), known by their title's note.
  for (const ws of wb.worksheets) {
    const t = extraTableOf(ws.name, ws.getCell(TITLE_ROW, 1).note);
    if (!t || tables.some((x) => x.id === t.id)) continue;
    const { table } = readTable(rd, t, year, unit, sheetNames.indexOf(ws.name) + 1);
    if (table) tables.push(table);
  }
  const summary = tables.find((t) => t.id === "summary");
  if (summary?.empty) {
    const t = templateTables(kind, year)[0];
    rd.problem(t?.sheet ?? "", undefined, "收支总表没有填写任何数字");
  }
  const prior = readPrior(rd, year, unit);
  const figures = readFigures(rd, unit, kind, year);
  const texts = readTexts(rd, kind, year);
  if (rd.problems.length) throw new TemplateError(rd.problems);
  const disclosure: Disclosure = {
    schemaVersion: DISCLOSURE_SCHEMA_VERSION,
    kind,
    year,
    entity: head.entity,
    unit,
    tables,
    sections: [],
    claims: [],
    issues: [],
    source: { format: "xlsx", lines: 0, pages: wb.worksheets.length },
  };
  const input: Record<string, unknown> = { disclosure };
  if (prior) input.prior = prior;
  if (figures) input.figures = figures;
  if (texts) input.texts = texts;
  if (head.title) input.options = { title: head.title };
  return parseRenderInput(input);
}
