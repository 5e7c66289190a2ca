/**
 * A regional table (a profile's own workbook, e.g. 上海市区级) drawn from its
 * profile module: the official header cells, the amount columns in the
 * official order, classification codes split into 类 | 款 | 项 columns, the
 * 合计 line at the foot as the workbook has it. Lines and columns of the
 * data that the official table has no place for are printed after the
 * official ones (never dropped); `regionalLeftovers` names the columns a
 * regional table cannot print.
 */
import { lookup } from "../../catalog/index.ts";
import {
  atLevel,
  type Level,
  type ProfileId,
  profileById,
  type WorkbookTable,
} from "../../model/profiles.ts";
import type { Disclosure, MoneyUnit, Row, Table } from "../../model/schema.ts";
import {
  type BodyCell,
  blank,
  catalogYear,
  cellAmount,
  chineseNumber,
  type GridParts,
  money,
  text,
} from "./cells.ts";

const CLASS_KINDS = new Set(["func", "econ_dept", "econ_gov"]);

/** 2010601 → ["201", "06", "01"]; 30101 → ["301", "01"] (2 parts). */
export function codeParts(code: string, parts: 2 | 3): string[] {
  const out = [code.slice(0, 3), code.slice(3, 5)];
  if (parts === 3) out.push(code.slice(5, 7));
  return out;
}

function header(t: WorkbookTable, level: Level) {
  return atLevel(t.header, level).map((h) => ({ ...h }));
}

function headerRows(t: WorkbookTable, level: Level): number {
  return Math.max(...atLevel(t.header, level).map((h) => h.row + (h.rowSpan ?? 1)));
}

function codeGridOf(t: WorkbookTable, level: Level, table: Table | undefined): GridParts {
  const parts = t.codeParts ?? 3;
  const cols = [...atLevel(t.columns, level)];
  const rows = table?.empty ? [] : (table?.rows ?? []);
  const totals = rows.filter((r) => r.keyKind === "line");
  const coded = rows
    .filter((r) => r.keyKind !== "line")
    .map((r, i) => ({ r, i }))
    .sort((a, b) =>
      CLASS_KINDS.has(a.r.keyKind) && CLASS_KINDS.has(b.r.keyKind)
        ? a.r.key < b.r.key
          ? -1
          : a.r.key > b.r.key
            ? 1
            : a.i - b.i
        : a.i - b.i,
    )
    .map((x) => x.r);
  const lead = parts + 1;
  const line = (r: Row): BodyCell[] => {
    const isClass = CLASS_KINDS.has(r.keyKind);
    const code = r.key.replace(/#\d+$/, "");
    const pieces = isClass ? codeParts(code, parts) : [r.keyKind === "line" ? "" : code];
    while (pieces.length < parts) pieces.push("");
    const level1 = (r.level ?? 1) === 1;
    return [
      ...pieces.map((p) => text(p)),
      text(r.name, { indent: r.level ? r.level - 1 : 0, bold: isClass && level1 }),
      ...cols.map((c) => money(cellAmount(r, c))),
    ];
  };
  const body = coded.map(line);
  const total = totals.find((r) => r.key === "total");
  const empty = !table || table.empty || coded.length === 0;
  // The 合计 line closes the table, as in the official workbook.
  body.push([
    text("合计", { bold: true, align: "center" }),
    ...Array.from({ length: lead - 1 }, blank),
    ...cols.map((c) => money(empty && !total ? null : (cellAmount(total, c) ?? null))),
  ]);
  for (const r of totals) if (r !== total) body.push(line(r));
  const widths = [...atLevel(t.widths, level)];
  return {
    width: lead + cols.length,
    headerRows: headerRows(t, level),
    header: header(t, level),
    body,
    widths,
    empty,
  };
}

function summaryGridOf(
  t: WorkbookTable,
  level: Level,
  table: Table | undefined,
  d: Disclosure,
): GridParts {
  const cols = [...atLevel(t.columns, level)];
  const rows = table?.rows ?? [];
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const fixed = t.incomeLines ?? [];
  const footer = t.footer;
  const fixedKeys = new Set<string>([
    ...fixed.map((l) => l.key),
    ...(footer ? [footer[0].key, footer[1].key] : []),
  ]);
  const income: { label: string; row: Row | undefined }[] = fixed.map((l) => ({
    label: l.label,
    row: byKey.get(l.key),
  }));
  // The data's other income lines (本年收入合计, 上年结转 …) after the official ones.
  for (const r of rows)
    if (r.key.startsWith("income.") && !r.key.includes("#") && !fixedKeys.has(r.key))
      income.push({ label: r.name || r.key, row: r });
  const year = catalogYear(d.year);
  const spend: { label: string; row: Row | undefined }[] = [];
  const functions = rows
    .filter((r) => /^expenditure\.function\.\d{3}$/.test(r.key))
    .filter((r) => Object.values(r.cells).some((c) => c.amount !== null))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  functions.forEach((r, i) => {
    const code = r.key.slice(-3);
    const name =
      lookup(code, year, "func")?.name ?? r.name.replace(/^[一二三四五六七八九十]+、/, "");
    spend.push({ label: `${chineseNumber(i + 1)}、${name}`, row: r });
  });
  for (const r of rows)
    if (
      r.key.startsWith("expenditure.") &&
      !r.key.includes("#") &&
      !/^expenditure\.function\.\d{3}$/.test(r.key) &&
      !fixedKeys.has(r.key) &&
      Object.values(r.cells).some((c) => c.amount !== null)
    )
      spend.push({ label: r.name || r.key, row: r });
  const spendCells = (row: Row | undefined): BodyCell[] =>
    cols.map((c) =>
      money(
        c === "amount"
          ? cellAmount(row, "amount", "total")
          : c === "total"
            ? cellAmount(row, "total", "amount")
            : cellAmount(row, c),
      ),
    );
  const body: BodyCell[][] = [];
  for (let i = 0; i < Math.max(income.length, spend.length); i++) {
    const inc = income[i];
    const sp = spend[i];
    body.push([
      inc ? text(inc.label) : blank(),
      inc ? money(cellAmount(inc.row, "amount", "total")) : text(""),
      sp ? text(sp.label) : blank(),
      ...(sp ? spendCells(sp.row) : cols.map(() => text(""))),
    ]);
  }
  if (footer) {
    const [fi, fe] = footer;
    body.push([
      text(fi.label, { bold: true, align: "center" }),
      money(cellAmount(byKey.get(fi.key), "amount", "total")),
      text(fe.label, { bold: true, align: "center" }),
      ...spendCells(byKey.get(fe.key)),
    ]);
  }
  return {
    width: 3 + cols.length,
    headerRows: headerRows(t, level),
    header: header(t, level),
    body,
    widths: [...atLevel(t.widths, level)],
    empty: !table || table.empty || rows.length === 0,
  };
}

function threePublicGridOf(t: WorkbookTable, level: Level, table: Table | undefined): GridParts {
  const byKey = new Map((table?.rows ?? []).map((r) => [r.key, r]));
  const keys = t.lineColumns ?? [];
  return {
    width: keys.length,
    headerRows: headerRows(t, level),
    header: header(t, level),
    body: [keys.map((k) => money(cellAmount(byKey.get(k), "budget", "amount") ?? 0))],
    widths: [...atLevel(t.widths, level)],
    empty: !table || table.empty,
  };
}

/** The grid body of a regional table. */
export function regionalGrid(
  t: WorkbookTable,
  level: Level,
  table: Table | undefined,
  d: Disclosure,
): GridParts {
  if (t.shape === "summary") return summaryGridOf(t, level, table, d);
  if (t.shape === "three_public") return threePublicGridOf(t, level, table);
  return codeGridOf(t, level, table);
}

/** Title, 编制部门 line and unit of a regional table, as its workbook prints them. */
export function regionalLines(
  t: WorkbookTable,
  level: Level,
  title: string,
  table: Table | undefined,
  d: Disclosure,
): { title: string; entityLine: string; unitLine: string; unit: MoneyUnit } {
  const unit = table?.unit ?? t.unit;
  return {
    title: `${d.year}年${title}`,
    entityLine: `${level === "unit" ? "编制单位" : "编制部门"}：${d.entity.name}`,
    unitLine: `单位：${unit}`,
    unit,
  };
}

/**
 * What a profile's tables cannot print of a disclosure: its tables the
 * profile has none of, and columns of a table the official one has no place
 * for (in Chinese, one entry each). Empty for the national profile.
 */
export function regionalLeftovers(d: Disclosure, profile: ProfileId): string[] {
  const workbook = profileById(profile).workbook?.[d.kind];
  if (!workbook) return [];
  const level: Level = d.entity.level ?? "department";
  const tables = new Map(
    workbook.sheets.flatMap((s) => (s.type === "table" ? [[s.table.id, s.table] as const] : [])),
  );
  const out: string[] = [];
  const seen = new Set<string>();
  for (const table of d.tables) {
    if (seen.has(table.id)) continue;
    seen.add(table.id);
    const has = table.rows.some((r) => Object.values(r.cells).some((c) => c.amount));
    if (!has) continue;
    const t = tables.get(table.id);
    if (!t) {
      out.push(`表格“${table.title}”（${profileById(profile).name}没有此表）`);
      continue;
    }
    if (t.shape === "three_public") continue;
    const cols = new Set<string>(atLevel(t.columns, level));
    if (t.shape === "summary") cols.add("amount").add("total");
    for (const c of table.columns) {
      if (cols.has(c.id)) continue;
      if (table.rows.some((r) => r.cells[c.id]?.amount))
        out.push(`${atLevel(t.title, level)}：“${c.label}”栏`);
    }
  }
  return out;
}
