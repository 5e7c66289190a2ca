/** Aligned text tables for a terminal: CJK characters are two columns wide. */

import { isWide } from "../model/display-width.ts";

/** Curly quotes are set full width in Chinese text. */
const QUOTES = new Set([0x201c, 0x201d]);

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += isWide(c) || QUOTES.has(c) ? 2 : 1;
  }
  return w;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, w - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/**
 * Rows under a header, columns aligned; the columns from `firstNumeric` on
 * are right-aligned (figures line up on their last digit).
 */
export function grid(
  header: string[],
  rows: string[][],
  firstNumeric: number,
  indent = "  ",
): string[] {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))),
  );
  const fmt = (r: string[]) =>
    `${indent}${r.map((v, i) => pad(v, widths[i] ?? 0, i >= firstNumeric)).join("  ")}`.trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

/** A name shortened to fit a column. */
export function clip(s: string, max = 20): string {
  return [...s].length > max ? `${[...s].slice(0, max - 1).join("")}…` : s;
}
