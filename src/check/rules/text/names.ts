/**
 * A classification code the narrative prints must carry its own name:
 * “住房公积金（2210201）”, not “医疗保险（2210201）”.
 */

import { codeKind, history, lookup } from "../../../catalog/index.ts";
import { codeAtLevel, lastSubjectPath } from "../../../catalog/path.ts";
import type { Claim, Disclosure, Row, Table } from "../../../model/schema.ts";
import type { Rule } from "../../types.ts";
import { claimLocation, rowLocation } from "../../view.ts";

/** A name reduced to what must agree: no numbering, brackets, spaces or trailing 支出. */
function core(name: string): string {
  return name
    .replace(/^\s*(?:[（(]\s*\d{1,2}\s*[）)]|\d{1,2}\s*[、.．])/u, "")
    .replace(/[（(][类款项][）)]/gu, "")
    .replace(/[\s（）()“”"、]/gu, "")
    .replace(/支出$/u, "");
}

function sameName(a: string, b: string): boolean {
  const x = core(a);
  const y = core(b);
  if (x === "" || y === "") return true;
  return x === y || x.endsWith(y) || y.endsWith(x);
}

/** The code printed in brackets right after the claim's label, if any. */
function printedCode(c: Claim): string | undefined {
  const code = c.subject.code;
  if (!code) return undefined;
  const at = c.quote.indexOf(`${c.subject.label}（${code}）`);
  const at2 = c.quote.indexOf(`${c.subject.label}(${code})`);
  return at >= 0 || at2 >= 0 ? code : undefined;
}

function tableRow(doc: Disclosure, code: string): { table: Table; row: Row } | undefined {
  for (const table of doc.tables) {
    const row = table.rows.find((r) => r.key === code);
    if (row) return { table, row };
  }
  return undefined;
}

export const codeNameMatches: Rule = {
  id: "text/code-name-matches",
  family: "text",
  severity: "warning",
  title: "说明中的科目编码与名称相符",
  description:
    "说明以“名称（编码）”列示功能分类或经济分类科目时，名称应是该编码在当年政府收支分类科目中的名称（或表格同一编码行的名称）。编码与名称错配，读者无法判断金额说的是哪一个科目。",
  basis: "财政部《政府收支分类科目》（当年版）：编码与名称一一对应。",
  confirmation: "practice",
  *check({ doc }) {
    for (const c of doc.claims) {
      const code = printedCode(c);
      if (!code) continue;
      const kind = codeKind(code);
      const entry = kind ? lookup(code, doc.year, kind) : undefined;
      const inTable = tableRow(doc, code);
      const names = [entry?.name, inTable?.row.name].filter((n): n is string => !!n);
      if (names.length === 0 || names.some((n) => sameName(c.subject.label, n))) continue;
      const official = entry?.name ?? inTable?.row.name ?? "";
      yield {
        message: `说明称“${c.quote}”，科目 ${code} 写作“${core(c.subject.label)}”，但${entry ? ` ${doc.year} 年政府收支分类科目中` : `${inTable?.table.title}中`} ${code} 为“${official}”。`,
        locations: [
          claimLocation(c),
          ...(inTable ? [rowLocation(inTable.table, inTable.row)] : []),
        ],
        expected: official,
        actual: core(c.subject.label),
      };
    }
  },
};

const LEVEL_WORD = { 1: "类", 2: "款", 3: "项" } as const;

/** The names a level's code goes by: the catalog's for the year, and the tables' rows. */
function namesOf(doc: Disclosure, code: string): { official?: string; printed: string[] } {
  const kind = codeKind(code);
  const entry = kind ? lookup(code, doc.year, kind) : undefined;
  const printed = doc.tables.flatMap((t) =>
    t.rows.filter((r) => r.key === code && r.name.trim() !== "").map((r) => r.name),
  );
  return { ...(entry ? { official: entry.name } : {}), printed };
}

/** "（“行政事业单位离退休”是 20805 款级科目的名称）" when the name is another level's of the same code. */
function otherLevel(code: string, name: string, year: number): string {
  const kind = codeKind(code);
  for (const level of [1, 2, 3] as const) {
    if (code.length < 1 + 2 * level) break;
    const c = codeAtLevel(code, level);
    const e = kind ? lookup(c, year, kind) : undefined;
    if (e && c.length !== code.length && sameName(name, e.name)) {
      return `（“${e.name}”是 ${c} ${LEVEL_WORD[level]}级科目的名称）`;
    }
  }
  return "";
}

/** "（2019 年及以前的名称）" when a name was the code's official name in other years. */
function otherYears(code: string, name: string, year: number): string {
  const kind = codeKind(code);
  const past = kind ? history(code, kind).filter((e) => sameName(name, e.name)) : [];
  const e = past.find((x) => x.from > year || (x.to !== null && x.to < year));
  if (!e) return "";
  return e.to !== null && e.to < year
    ? `（“${e.name}”是 ${e.to} 年及以前的名称）`
    : `（“${e.name}”是 ${e.from} 年起的名称）`;
}

export const subjectPathNames: Rule = {
  id: "text/subject-path-names",
  family: "text",
  severity: "error",
  title: "说明中的“类、款、项”科目名称与科目表一致",
  description:
    "说明以“××（类）××（款）××（项）”列示支出时，每一级名称应是该科目在当年政府收支分类科目中的名称（或表格中同一科目行的名称）。名称错了一级（写成别的款、沿用旧年度名称），读者会把金额对到别的科目上。",
  basis:
    "财政部《政府收支分类科目》（当年版）：说明按“类、款、项”列示科目时，每一级名称为该级科目的名称，并与公开表格一致。",
  confirmation: "practice",
  *check({ doc }) {
    for (const c of doc.claims) {
      const code = c.subject.code;
      if (c.subject.kind !== "classification" || !code) continue;
      const path = lastSubjectPath(c.subject.label);
      if (!path) continue;
      const printed: [string | undefined, 1 | 2 | 3][] = [
        [path.lei, 1],
        [path.kuan, 2],
        [path.xiang, 3],
      ];
      for (const [name, level] of printed) {
        if (!name || code.length < 1 + 2 * level) continue;
        const levelCode = codeAtLevel(code, level);
        const { official, printed: rows } = namesOf(doc, levelCode);
        const known = [official, ...rows].filter((n): n is string => !!n);
        if (known.length === 0 || known.some((n) => sameName(name, n))) continue;
        const expected = official ?? rows[0] ?? "";
        yield {
          message: `说明称“${c.quote}”，其中${LEVEL_WORD[level]}级科目写作“${name}”，但 ${levelCode} 在 ${doc.year} 年政府收支分类科目中为“${expected}”${rows.length > 0 && official && !rows.some((r) => sameName(r, official)) ? `，表格中为“${rows[0]}”` : ""}${otherYears(levelCode, name, doc.year) || otherLevel(code, name, doc.year)}。`,
          locations: [claimLocation(c)],
          expected,
          actual: name,
        };
      }
    }
  },
};
