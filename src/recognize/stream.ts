/**
 * Tokens of a table whose cell structure was lost (text extracted from a
 * PDF): amounts, integers, codes and text, each with its line and the width
 * of the gap before it. Numbers that extraction broke over two lines
 * (`582.` / `36`, `0.0` / `0`, `587` / `.09`) are joined again, and numbers
 * glued to their neighbours (`94.04一、一般…`, `0.000.00`) are split.
 */
import type { LayoutLine } from "../ingest/layout.ts";
import { isBlankMark, parseAmount } from "../model/money.ts";

export type TokenKind = "amount" | "blank" | "int" | "code" | "text";

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  page?: number;
  /** Whitespace before the token on its line; -1 for the first token of a line. */
  gap: number;
  /** Hundredths, for amounts. */
  value?: number;
  /** Last line of a number that a line break split. */
  endLine?: number;
}

const AMOUNT_2 = /\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}/y;
// A figure glued to the words after it, but never a rate ("3.30%").
const GLUED_AMOUNT_FIRST = /^(-?\d{1,3}(?:,\d{3})+\.\d{2}|-?\d+\.\d{2})(?=[^\d,.%％])/;
const GLUED_AMOUNT_LAST =
  /^([^\d,.\s]*[\u3400-\u9fff）)])(-?\d{1,3}(?:,\d{3})+\.\d{2}|-?\d+\.\d{2})$/;
const AMOUNT_RE = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/;

function classify(text: string): TokenKind {
  if (AMOUNT_RE.test(text)) return "amount";
  if (isBlankMark(text)) return "blank";
  if (/^\d+$/.test(text)) return "int";
  if (/^(?=.*\d)(?=.*[A-Z])[0-9A-Z]{6,}$/.test(text)) return "code";
  return "text";
}

/** Split a whitespace-free piece into glued parts. */
function splitGlued(piece: string): string[] {
  const parts: string[] = [];
  let rest = piece;
  for (let guard = 0; rest.length > 0 && guard < 50; guard++) {
    // Several amounts glued together: 0.000.00
    AMOUNT_2.lastIndex = 0;
    const whole: string[] = [];
    let pos = 0;
    while (pos < rest.length) {
      AMOUNT_2.lastIndex = pos;
      const m = AMOUNT_2.exec(rest);
      if (!m) break;
      whole.push(m[0]);
      pos += m[0].length;
    }
    if (pos === rest.length && whole.length > 1) return [...parts, ...whole];
    const first = GLUED_AMOUNT_FIRST.exec(rest);
    if (first?.[1]) {
      parts.push(first[1]);
      rest = rest.slice(first[1].length);
      continue;
    }
    const last = GLUED_AMOUNT_LAST.exec(rest);
    if (last?.[1] && last[2]) {
      parts.push(last[1], last[2]);
      return parts;
    }
    parts.push(rest);
    break;
  }
  return parts;
}

export function tokenizeLines(lines: LayoutLine[]): Token[] {
  const tokens: Token[] = [];
  for (const l of lines) {
    const re = /(\s*)(\S+)/g;
    let m: RegExpExecArray | null;
    let first = true;
    m = re.exec(l.text);
    while (m) {
      const gap = first ? -1 : (m[1] ?? "").length;
      first = false;
      const pieces = splitGlued(m[2] ?? "");
      pieces.forEach((p, k) => {
        const t: Token = { kind: classify(p), text: p, line: l.line, gap: k === 0 ? gap : 0 };
        if (l.page !== undefined) t.page = l.page;
        tokens.push(t);
      });
      m = re.exec(l.text);
    }
  }
  return joinBrokenNumbers(tokens);
}

/** Join numbers that a line break split, where the table prints two decimals. */
function joinBrokenNumbers(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const next = tokens[i + 1];
    if (next && next.gap === -1 && next.line > t.line) {
      let joined: string | undefined;
      if (/^\d[\d,]*\.$/.test(t.text) && /^\d{1,2}$/.test(next.text)) joined = t.text + next.text;
      else if (/^\d[\d,]*\.\d$/.test(t.text) && /^\d$/.test(next.text)) joined = t.text + next.text;
      else if (/^\d[\d,]*$/.test(t.text) && /^\.\d{1,2}$/.test(next.text))
        joined = t.text + next.text;
      if (joined) {
        out.push({ ...t, text: joined, kind: "amount", endLine: next.line });
        i++;
        continue;
      }
    }
    out.push(t);
  }
  for (const t of out) {
    if (t.kind === "amount") {
      const v = parseAmount(t.text);
      if (v === undefined) t.kind = "text";
      else t.value = v;
    }
  }
  return out;
}
