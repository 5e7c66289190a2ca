/**
 * Build small Disclosures by hand for rule tests: each test states exactly the
 * tables and sentences it needs, and gets a valid model back.
 */
import { parseAmount } from "../../src/model/money.ts";
import {
  type Claim,
  type Disclosure,
  DisclosureSchema,
  type MoneyUnit,
  type Row,
  type RowKeyKind,
  type Section,
  type Table,
  type TableId,
} from "../../src/model/schema.ts";

let nextLine = 1;

/** Key kind and level from the key's shape (2xx functional, 3xx/5xx economic, a.b line key). */
export function keyShape(key: string): { keyKind: RowKeyKind; level?: number } {
  if (/^2\d{2}(\d{2}){0,2}$/.test(key)) return { keyKind: "func", level: (key.length - 1) / 2 };
  if (/^3\d{2}(\d{2})?$/.test(key))
    return { keyKind: "econ_dept", level: key.length === 3 ? 1 : 2 };
  if (/^5\d{2}(\d{2})?$/.test(key)) return { keyKind: "econ_gov", level: key.length === 3 ? 1 : 2 };
  if (/^[a-z_]+(\.[a-z_0-9]+)*$/.test(key)) return { keyKind: "line" };
  return { keyKind: "label" };
}

/** A row: key, name, and printed cell texts by column id ("" or "-" for blank). */
export type RowSpec = [key: string, name: string, cells: Record<string, string>];

export function row([key, name, cells]: RowSpec): Row {
  const line = nextLine++;
  const shape = keyShape(key);
  return {
    key,
    keyKind: shape.keyKind,
    ...(shape.level !== undefined ? { level: shape.level } : {}),
    name,
    cells: Object.fromEntries(
      Object.entries(cells).map(([col, text]) => [
        col,
        {
          amount: text.trim() === "" || text === "-" ? null : (parseAmount(text) ?? null),
          text,
          source: { line },
        },
      ]),
    ),
    source: { line },
  };
}

export function table(
  id: TableId,
  columns: string[],
  rows: RowSpec[],
  opts: { unit?: MoneyUnit; title?: string; emptyNote?: string } = {},
): Table {
  const line = nextLine++;
  const built = rows.map(row);
  return {
    id,
    title: opts.title ?? id,
    unit: opts.unit ?? "万元",
    unitStated: true,
    columns: columns.map((c) => ({ id: c as Table["columns"][number]["id"], label: c })),
    rows: built,
    empty: built.length === 0,
    ...(opts.emptyNote !== undefined ? { emptyNote: opts.emptyNote } : {}),
    source: { line },
  };
}

export function section(heading: string, text: string, level: 1 | 2 | 3 | 4 = 2): Section {
  return { heading, level, text, source: { line: nextLine++ } };
}

export function claim(c: Omit<Claim, "source">): Claim {
  return { ...c, source: { line: nextLine++ } };
}

export function disclosure(parts: Partial<Disclosure> = {}): Disclosure {
  const d: Disclosure = {
    schemaVersion: "1.0",
    kind: "budget",
    year: 2025,
    entity: { name: "测试区医疗保障局", parent: null, level: "department", government: "county" },
    unit: "万元",
    tables: [],
    sections: [],
    claims: [],
    issues: [],
    source: { format: "text", lines: nextLine },
    ...parts,
  };
  return DisclosureSchema.parse(d);
}
