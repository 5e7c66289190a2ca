/**
 * Before rendering, fill in what the figures already determine, so that the
 * document is complete and every table agrees with every other:
 *
 * - 基本支出 = 人员经费 + 公用经费 where a table has the parts but not the
 *   subtotal (the official layout prints 基本支出 over its parts);
 * - the 支出总表 and the 收入总表 from the 一般公共预算支出表 when all of the
 *   year's money is 一般公共预算 (收入合计 = 一般公共预算拨款收入, nothing
 *   carried over): then the tables hold the same figures by definition;
 * - the 财政拨款收支总表's carry-over by fund where it was read as second
 *   fund lines;
 * - the 类 and 款 lines of a classification table given only its 项 (or
 *   款) lines, and its 合计 line: each the sum of its children, named from
 *   the catalog — an input made by hand needs only the detailed lines.
 *
 * Nothing is guessed: a figure is only derived where an identity fixes it.
 * The input is not changed; a copy is returned.
 */
import { type CatalogKind, lookup } from "../catalog/index.ts";
import type { Cell, Disclosure, Row, Table } from "../model/schema.ts";

function derivedCell(amount: number, like: Cell | undefined): Cell {
  return {
    amount,
    text: String(amount),
    source: like?.source ?? { line: 1 },
  };
}

function withBasic(t: Table): Table {
  const cols = new Set(t.columns.map((c) => c.id));
  if (cols.has("basic") || !cols.has("personnel") || !cols.has("public")) return t;
  // Only where 基本支出 sits among the columns (not the 基本支出 table itself).
  if (t.id === "gpb_basic_economic" || t.id === "gpb_basic_function") return t;
  if (!cols.has("project")) return t;
  const rows = t.rows.map((r): Row => {
    const p = r.cells.personnel;
    const u = r.cells.public;
    if (!p && !u) return r;
    const cells = { ...r.cells, basic: derivedCell((p?.amount ?? 0) + (u?.amount ?? 0), p ?? u) };
    return { ...r, cells };
  });
  const at = t.columns.findIndex((c) => c.id === "personnel");
  const columns = [...t.columns];
  columns.splice(at, 0, { id: "basic", label: "基本支出" });
  return { ...t, rows, columns };
}

function amountOf(t: Table | undefined, key: string): number | undefined {
  const cell = t?.rows.find((r) => r.key === key)?.cells;
  if (!cell) return undefined;
  return (cell.amount ?? cell.total)?.amount ?? 0;
}

/** The 支出总表 of a budget whose money is all 一般公共预算, from the 一般公共预算支出表. */
function expenditureFromGpb(d: Disclosure, gpb: Table): Table | undefined {
  if (!allGpb(d)) return undefined;
  const keep = ["total", "basic", "project"];
  if (!gpb.columns.some((c) => c.id === "basic")) return undefined;
  return {
    ...gpb,
    id: "expenditure",
    title: "支出总表",
    columns: gpb.columns.filter((c) => keep.includes(c.id)),
    rows: gpb.rows.map((r) => ({
      ...r,
      cells: Object.fromEntries(Object.entries(r.cells).filter(([k]) => keep.includes(k))),
    })),
  };
}

/**
 * The 收入总表 (by function) of a budget whose money is all 一般公共预算:
 * every line's income is its 一般公共预算 appropriation, which is what the
 * 一般公共预算支出表 spends on it.
 */
function incomeFromGpb(d: Disclosure, gpb: Table): Table | undefined {
  if (!allGpb(d)) return undefined;
  return {
    ...gpb,
    id: "income",
    title: "收入总表",
    columns: [
      { id: "total", label: "合计" },
      { id: "gpb", label: "一般公共预算拨款收入" },
    ],
    rows: gpb.rows
      .filter((r) => r.cells.total)
      .map((r) => ({
        ...r,
        cells: { total: r.cells.total as Cell, gpb: r.cells.total as Cell },
      })),
  };
}

/** The year's money is all 一般公共预算 (收入合计 = 一般公共预算拨款收入, nothing carried over). */
function allGpb(d: Disclosure): boolean {
  const s = d.tables.find((t) => t.id === "summary");
  const total = amountOf(s, "income.total");
  const fromGpb = amountOf(s, "income.gpb");
  const carry = amountOf(s, "income.carryover") ?? 0;
  return total !== undefined && total === fromGpb && carry === 0;
}

/**
 * A 财政拨款收支总表 read from a layout where the carry-over lines repeat the
 * fund names (一般公共预算财政拨款 under 年初结转和结余) has them as second
 * lines of the funds (income.gpb#2): name them as the carry-over by fund, and
 * give the carry-over line its sum when the table printed none.
 */
function fiscalCarryover(t: Table): Table {
  if (t.id !== "fiscal_summary") return t;
  const funds = ["gpb", "gov_fund", "state_capital"];
  const second = t.rows.filter((r) => funds.some((f) => r.key === `income.${f}#2`));
  if (!second.length || t.rows.some((r) => r.key.startsWith("income.carryover."))) return t;
  const rows = t.rows.map((r) => {
    const m = /^income\.(gpb|gov_fund|state_capital)#2$/.exec(r.key);
    return m ? { ...r, key: `income.carryover.${m[1]}` } : r;
  });
  if (!rows.some((r) => r.key === "income.carryover")) {
    let sum = 0;
    for (const r of second) sum += r.cells.amount?.amount ?? 0;
    const like = second[0]?.cells.amount;
    rows.push({
      key: "income.carryover",
      keyKind: "line",
      name: "年初财政拨款结转和结余",
      cells: { amount: derivedCell(sum, like) },
      source: second[0]?.source ?? { line: 1 },
    });
  }
  return { ...t, rows };
}

/** Parent code of a classification code: 2101550 → 21015 → 210; 30101 → 301. */
function parentCode(code: string): string | undefined {
  if (code.length === 7 || code.length === 5) return code.slice(0, code.length - 2);
  return undefined;
}

function sumRows(rows: Row[], like: Row): Record<string, Cell> {
  const cols = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  const cells: Record<string, Cell> = {};
  for (const c of cols) {
    let sum = 0;
    for (const r of rows) sum += r.cells[c]?.amount ?? 0;
    cells[c] = derivedCell(sum, like.cells[c]);
  }
  return cells;
}

const CLASSIFIED = new Set(["func", "econ_dept", "econ_gov"]);

/** Missing 类/款 lines and the 合计 line of a classification table, as sums of their children. */
function withParents(t: Table, year: number): Table {
  if (t.empty) return t;
  const rows = t.rows.filter((r) => CLASSIFIED.has(r.keyKind));
  // Only tables made of classification lines (not units, projects or summary lines).
  if (!rows.length || t.rows.some((r) => !CLASSIFIED.has(r.keyKind) && r.keyKind !== "line"))
    return t;
  // The table's own classification: a stray line of another (a misprinted code) gets no parents.
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.keyKind, (counts.get(r.keyKind) ?? 0) + 1);
  const kind = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const byKey = new Map(t.rows.map((r) => [r.key, r]));
  const added: Row[] = [];
  // Deepest first, so that a 款 made here counts toward its 类.
  for (const len of [7, 5]) {
    const level = [...byKey.values()].filter((r) => r.keyKind === kind && r.key.length === len);
    const groups = new Map<string, Row[]>();
    for (const r of level) {
      const p = parentCode(r.key);
      if (p && !byKey.has(p)) groups.set(p, [...(groups.get(p) ?? []), r]);
    }
    for (const [code, children] of groups) {
      const like = children[0] as Row;
      // The parent in the children's own classification (a stray code never gets one).
      const entry = lookup(code, year, like.keyKind as CatalogKind);
      if (!entry) continue;
      const row: Row = {
        key: code,
        keyKind: like.keyKind,
        level: code.length === 3 ? 1 : 2,
        name: entry.name,
        cells: sumRows(children, like),
        source: like.source,
      };
      byKey.set(code, row);
      added.push(row);
    }
  }
  let out = added.length ? [...t.rows, ...added] : [...t.rows];
  if (!byKey.has("total")) {
    const top = out.filter((r) => r.keyKind === kind && r.key.length === 3);
    if (top.length && top[0])
      out = [
        {
          key: "total",
          keyKind: "line",
          name: "合计",
          cells: sumRows(top, top[0]),
          source: top[0].source,
        },
        ...out,
      ];
  }
  if (out.length === t.rows.length) return t;
  return { ...t, rows: out };
}

export function completeDisclosure(d: Disclosure): Disclosure {
  let tables = d.tables
    .map(withBasic)
    .map(fiscalCarryover)
    .map((t) => withParents(t, d.year));
  const has = (id: string) => tables.some((t) => t.id === id && !t.empty);
  const gpb = tables.find((t) => t.id === "gpb_function" && !t.empty);
  if (d.kind === "budget" && !has("expenditure") && gpb) {
    const e = expenditureFromGpb({ ...d, tables }, gpb);
    if (e) tables = [...tables.filter((t) => t.id !== "expenditure"), e];
  }
  if (d.kind === "budget" && !has("income") && gpb) {
    const i = incomeFromGpb({ ...d, tables }, gpb);
    if (i) tables = [...tables.filter((t) => t.id !== "income"), i];
  }
  return { ...d, tables };
}
