/**
 * Reading one cell of a filled template: what the preparer typed (text, a
 * number, a formula's cached result) turned into text or exact money, with
 * a Chinese problem naming the cell when it is neither.
 */
import type ExcelJS from "exceljs";
import { isBlankMark, parseAmount } from "../model/money.ts";

/** One wrong cell: sheet!A1 and what is wrong, in Chinese. */
export interface TemplateProblem {
  sheet: string;
  /** A1 address; absent for a problem of the whole sheet. */
  cell?: string;
  message: string;
}

export function problemText(p: TemplateProblem): string {
  return `${p.sheet}${p.cell ? `!${p.cell}` : ""}：${p.message}`;
}

type Reading =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "no_result" }
  | { kind: "error"; text: string };

/** The value a cell holds, formulas by their cached result. */
export function readCell(cell: ExcelJS.Cell): Reading {
  let v = cell.value as unknown;
  if (v && typeof v === "object" && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) {
      const r = (cell.result as unknown) ?? o.result;
      if (r === undefined || r === null) return { kind: "no_result" };
      v = r;
    }
  }
  if (v === null || v === undefined) return { kind: "empty" };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "string") return v.trim() === "" ? { kind: "empty" } : { kind: "text", text: v };
  if (typeof v === "boolean") return { kind: "text", text: v ? "TRUE" : "FALSE" };
  if (v instanceof Date) return { kind: "text", text: v.toISOString().slice(0, 10) };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("error" in o) return { kind: "error", text: String(o.error) };
    if (Array.isArray(o.richText)) {
      const t = (o.richText as { text: string }[]).map((x) => x.text).join("");
      return t.trim() === "" ? { kind: "empty" } : { kind: "text", text: t };
    }
    if ("text" in o) return { kind: "text", text: String(o.text) };
  }
  return { kind: "text", text: String(v) };
}

/** Text of a cell (numbers as the shortest decimal), "" when empty. */
export function cellString(cell: ExcelJS.Cell): string {
  const r = readCell(cell);
  if (r.kind === "text") return r.text.trim();
  if (r.kind === "number") return String(r.value);
  return "";
}

/**
 * Exact hundredths of a money cell: null for blank (or a printed dash),
 * a problem message otherwise. A number typed or computed in Excel is a
 * binary float; it is accepted when it is within float noise of a value
 * with at most two decimals (a SUM of 0.1 + 0.2), never silently rounded.
 */
export function readMoney(cell: ExcelJS.Cell): { amount: number | null } | { problem: string } {
  const r = readCell(cell);
  switch (r.kind) {
    case "empty":
      return { amount: null };
    case "no_result":
      return { problem: "公式没有计算结果，请在 Excel 中重新计算并保存，或直接填写数字" };
    case "error":
      return { problem: `单元格是错误值 ${r.text}，请改为数字` };
    case "number": {
      if (!Number.isFinite(r.value)) return { problem: "金额不是有限的数字" };
      const scaled = r.value * 100;
      const rounded = Math.round(scaled);
      if (!Number.isSafeInteger(rounded))
        return { problem: `金额 ${r.value} 超出可精确表示的范围` };
      if (Math.abs(scaled - rounded) > 1e-6 * Math.max(1, Math.abs(scaled)))
        return { problem: `金额 ${r.value} 超过两位小数` };
      return { amount: rounded === 0 ? 0 : rounded };
    }
    case "text": {
      const t = r.text.trim();
      if (isBlankMark(t)) return { amount: null };
      const a = parseAmount(t.replace(/[ \u00a0\u3000]/g, ""));
      if (a === undefined) {
        if (/^[-−]?[\d,]*\.\d{3,}$/.test(t)) return { problem: `金额“${t}”超过两位小数` };
        return { problem: `金额“${t}”不是数字` };
      }
      return { amount: a };
    }
  }
}

/** A whole non-negative count (车辆, 人数). */
export function readCount(cell: ExcelJS.Cell): { count: number | null } | { problem: string } {
  const r = readCell(cell);
  if (r.kind === "empty") return { count: null };
  const n = r.kind === "number" ? r.value : r.kind === "text" ? Number(r.text.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) {
    const shown = r.kind === "text" ? r.text : r.kind === "number" ? String(r.value) : "";
    return { problem: `“${shown}”不是非负整数` };
  }
  return { count: n };
}
