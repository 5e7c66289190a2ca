/**
 * Classification codes as printed → the code they mean. Codes come whole
 * (2101550), in parts (210 15 01; a lone 01 under 301), or mistyped
 * (201 15 02 for 2101502). The catalog repairs what it can by name and
 * parent; what it cannot is reported, never silently guessed.
 */
import { codeKind, findByName, lookup, normalizeName } from "../../catalog/index.ts";
import type { RowKeyKind } from "../../model/schema.ts";

export interface ResolvedCode {
  key: string;
  keyKind: RowKeyKind;
  printed?: string;
  repair?: string;
  unknown?: boolean;
}

function similarity(a: string, b: string): number {
  if (a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same;
}

/** Resolve a whole code against the catalog for the year, using the printed name to repair. */
export function resolveCode(
  code: string,
  name: string,
  year: number,
  context: { lei?: string; kuan?: string } = {},
): ResolvedCode {
  const kind = codeKind(code);
  // Not a classification shape: a unit's or project's code (单位编码 231002).
  if (!kind) return { key: code, keyKind: "unit" };
  const entry = lookup(code, year, kind);
  if (entry) return { key: code, keyKind: kind };
  const level = code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
  const byName = name ? findByName(name, year, { kind, level: level as 1 | 2 | 3 }) : [];
  let close = byName.filter((e) => similarity(e.code, code) >= code.length - 2);
  // Several codes share the name (every 款 has its 一般行政管理事务): the
  // rows around it say which 款 it is under.
  if (close.length > 1) {
    const parent = level === 3 ? context.kuan : context.lei;
    close = close.filter((e) => parent !== undefined && e.parent === parent);
  }
  if (close.length === 1 && close[0]) {
    const fixed = close[0].code;
    return {
      key: fixed,
      keyKind: kind,
      printed: code,
      repair: `科目编码 ${code} 在 ${year} 年政府收支分类科目中不存在，按名称“${name}”更正为 ${fixed}`,
    };
  }
  return { key: code, keyKind: kind, unknown: true };
}

/** Whether a printed name fits the catalog entry of a code (after normalisation). */
export function nameMatches(code: string, name: string, year: number): boolean {
  const e = lookup(code, year);
  if (!e) return false;
  const a = normalizeName(name);
  const b = normalizeName(e.name);
  return a === b || a.includes(b) || b.includes(a);
}

/**
 * Assemble a code from printed parts: ["208", "05", "05"] → 2080505. A lone
 * 2-digit part continues the last code seen at the level above.
 */
export function joinCodeParts(
  parts: string[],
  context: { lei?: string; kuan?: string },
  econ: boolean,
): string | undefined {
  if (parts.length === 0) return undefined;
  const [first = "", ...rest] = parts;
  if (/^\d{3}$/.test(first) && rest.every((p) => /^\d{2}$/.test(p)) && rest.length <= 2) {
    return first + rest.join("");
  }
  if (/^\d{5}$/.test(first) && rest.length <= 1 && rest.every((p) => /^\d{2}$/.test(p)))
    return first + rest.join("");
  if (/^\d{7}$/.test(first) && rest.length === 0) return first;
  if (/^\d{2}$/.test(first) && rest.length === 0) {
    if (econ) return context.lei ? context.lei + first : undefined;
    if (context.kuan) return context.kuan + first;
    if (context.lei) return context.lei + first;
  }
  // A 类 misprinted ("7 | 11 | 02" under 210 / 21011): the 款 and 项 and the
  // rows above say which code it is; the printed form stays on the row.
  if (
    /^\d{1,2}$/.test(first) &&
    rest.length === 2 &&
    rest.every((p) => /^\d{2}$/.test(p)) &&
    !econ &&
    context.kuan?.endsWith(rest[0] ?? "")
  ) {
    return context.kuan + (rest[1] ?? "");
  }
  if (
    /^\d{2}$/.test(first) &&
    rest.length === 1 &&
    /^\d{2}$/.test(rest[0] ?? "") &&
    !econ &&
    context.lei
  ) {
    return context.lei + first + rest[0];
  }
  return undefined;
}
