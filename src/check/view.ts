/**
 * Read-only helpers every rule uses to look into a Disclosure: tables by id,
 * rows by key, cells as amounts, locations for findings, and the rounding
 * tolerance a comparison may allow.
 */
import { convertAmount, formatAmount } from "../model/money.ts";
import type {
  Cell,
  Claim,
  Disclosure,
  MoneyUnit,
  Row,
  Section,
  Table,
  TableId,
} from "../model/schema.ts";
import { isCodeKind } from "../model/vocabulary.ts";
import type { Location } from "./types.ts";

/** The first table of an id (the standard one; a second copy is a variant). */
export function tableOf(doc: Disclosure, id: TableId): Table | undefined {
  return doc.tables.find((t) => t.id === id);
}

/** Every table of an id, in document order. */
export function tablesOf(doc: Disclosure, id: TableId): Table[] {
  return doc.tables.filter((t) => t.id === id);
}

export function rowOf(table: Table | undefined, key: string): Row | undefined {
  return table?.rows.find((r) => r.key === key);
}

/** A cell's amount; a printed blank or dash is zero; undefined when the cell is absent. */
export function amountOf(row: Row | undefined, column: string): number | undefined {
  const cell = row?.cells[column];
  if (!cell) return undefined;
  return cell.amount ?? 0;
}

/** Whether a table has a column. */
export function hasColumn(table: Table | undefined, column: string): boolean {
  return !!table?.columns.some((c) => c.id === column);
}

/** Classification rows (code-keyed) of a table, optionally of one level. */
export function codeRows(table: Table, level?: 1 | 2 | 3): Row[] {
  return table.rows.filter(
    (r) => isCodeKind(r.keyKind) && (level === undefined || r.level === level),
  );
}

/** Direct children of a code-keyed row within the same table. */
export function childRows(table: Table, parent: Row): Row[] {
  const level = parent.level;
  if (level === undefined) return [];
  return table.rows.filter(
    (r) =>
      r.keyKind === parent.keyKind &&
      r.level === level + 1 &&
      r.key.startsWith(parent.key) &&
      r.key !== parent.key,
  );
}

// Rules ask these for every sum they compare: work each out once per table and document
// (checking never changes a Disclosure, so the answer cannot go stale).
const decimalsCache = new WeakMap<Table, number>();
const roundsCache = new WeakMap<Disclosure, boolean>();

/**
 * Decimal places a table prints (the largest seen in its cells). A table that
 * prints whole numbers rounds to the unit; one that prints two decimals to 0.01.
 */
export function printedDecimals(table: Table): number {
  const cached = decimalsCache.get(table);
  if (cached !== undefined) return cached;
  let max = 0;
  for (const row of table.rows) {
    for (const cell of Object.values(row.cells)) {
      const m = /\.(\d+)\s*$/.exec(cell.text.replace(/,/g, ""));
      if (m?.[1] && m[1].length > max) max = m[1].length;
    }
  }
  const decimals = Math.min(max, 2);
  decimalsCache.set(table, decimals);
  return decimals;
}

/** Whether the document itself says its figures are rounded (尾数误差 / 四舍五入). */
export function documentRounds(doc: Disclosure): boolean {
  let rounds = roundsCache.get(doc);
  if (rounds === undefined) {
    rounds = doc.sections.some(
      (s) => /尾数|尾差|四舍五入/.test(s.text) || /尾数|尾差/.test(s.heading),
    );
    roundsCache.set(doc, rounds);
  }
  return rounds;
}

/**
 * The largest gap, in hundredths of the table unit, that rounding can explain
 * when `terms` printed figures are added up and compared with a printed total.
 * Each printed figure is off by at most half its last digit, so n terms plus
 * the total give (n + 1) × half a unit of the last digit. A 元 table printed to
 * 分 is exact (nothing was rounded) unless the document says otherwise.
 */
export function roundingTolerance(doc: Disclosure, table: Table, terms: number): number {
  const lastDigit = roundingStep(table); // in hundredths
  const rounds = lastDigit > 1 || table.unit === "万元" || documentRounds(doc);
  if (!rounds) return 0;
  return Math.floor(((terms + 1) * lastDigit) / 2);
}

const stepCache = new WeakMap<Table, number>();

/**
 * The step a table's figures were rounded to, in hundredths of its unit: its
 * last printed digit, or 100 元 where a 元 table prints every figure as a
 * whole hundred (“940,400.00”, “6,200.00”) — a 万元 table converted to 元,
 * whose 0.01 万元 rounding becomes 100 元. Six figures at least, so that a
 * table of a few round sums is not taken for one.
 */
export function roundingStep(table: Table): number {
  const cached = stepCache.get(table);
  if (cached !== undefined) return cached;
  let step = 10 ** (2 - printedDecimals(table));
  if (table.unit === "元" && step === 1) {
    let figures = 0;
    let hundreds = true;
    for (const row of table.rows)
      for (const cell of Object.values(row.cells)) {
        if (!cell.amount) continue;
        figures++;
        if (cell.amount % 10_000 !== 0) hundreds = false;
      }
    if (hundreds && figures >= 6) step = 10_000;
  }
  stepCache.set(table, step);
  return step;
}

/** Amount in another unit, rounded exactly (see convertAmount). */
export function inUnit(amount: number, from: MoneyUnit, to: MoneyUnit): number {
  return convertAmount(amount, from, to).value;
}

/** "94.04 万元" */
export function money(amount: number, unit: MoneyUnit): string {
  return `${formatAmount(amount, { fixed: true })} ${unit}`;
}

/** Where a cell is, for a finding. */
export function cellLocation(table: Table, row: Row, column: string): Location {
  const cell: Cell | undefined = row.cells[column];
  const src = cell?.source ?? row.source;
  return {
    table: table.id,
    tableTitle: table.title,
    key: row.key,
    name: row.name,
    column,
    line: src.line,
    ...(src.endLine !== undefined ? { endLine: src.endLine } : {}),
    ...(src.page !== undefined ? { page: src.page } : {}),
    ...(src.box !== undefined ? { box: src.box } : {}),
    ...(src.file !== undefined ? { file: src.file } : {}),
  };
}

/** Where a row is. */
export function rowLocation(table: Table, row: Row): Location {
  return {
    table: table.id,
    tableTitle: table.title,
    key: row.key,
    name: row.name,
    line: row.source.line,
    ...(row.source.page !== undefined ? { page: row.source.page } : {}),
    ...(row.source.box !== undefined ? { box: row.source.box } : {}),
    ...(row.source.file !== undefined ? { file: row.source.file } : {}),
  };
}

/** Where a table is (its title). */
export function tableLocation(table: Table): Location {
  return {
    table: table.id,
    tableTitle: table.title,
    line: table.source.line,
    ...(table.source.page !== undefined ? { page: table.source.page } : {}),
    ...(table.source.file !== undefined ? { file: table.source.file } : {}),
  };
}

/** Where a claim's sentence is. */
export function claimLocation(claim: Claim): Location {
  return {
    quote: claim.quote,
    ...(claim.section !== undefined ? { section: claim.section } : {}),
    line: claim.source.line,
    ...(claim.source.endLine !== undefined ? { endLine: claim.source.endLine } : {}),
    ...(claim.source.page !== undefined ? { page: claim.source.page } : {}),
    ...(claim.source.file !== undefined ? { file: claim.source.file } : {}),
  };
}

/** Where a section (heading) is, optionally quoting a phrase of its text. */
export function sectionLocation(section: Section, quote?: string): Location {
  return {
    section: section.heading,
    quote: quote ?? section.heading,
    line: section.source.line,
    ...(section.source.endLine !== undefined ? { endLine: section.source.endLine } : {}),
    ...(section.source.page !== undefined ? { page: section.source.page } : {}),
    ...(section.source.file !== undefined ? { file: section.source.file } : {}),
  };
}
