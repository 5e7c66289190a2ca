/**
 * A classification code the narrative prints must carry its own name:
 * “住房公积金（2210201）”, not “医疗保险（2210201）”.
 */

import { codeKind, lookup } from "../../../catalog/index.ts";
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
  basis:
    "《政府收支分类科目》；科目编码与名称匹配（disclosure-rules §2.5 D-N15，GovBudgetChecker R002 / R005 / CMM-004；§5.5 code_subject_mismatch）。",
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
