/**
 * `--format pretty`: the report for a terminal, in Chinese. Per document a
 * header, findings grouped by narrative section or table, waived findings
 * apart with their reasons, rule failures, and a summary line. Colour only
 * when asked (the CLI asks when stdout is a TTY and NO_COLOR is unset).
 */

import type { CheckReport, Finding, Severity, WaivedFinding } from "../types.ts";
import {
  documentFiles,
  documentLabel,
  groupFindings,
  partsLabel,
  placesOf,
  quotesOf,
  type RuleMeta,
  readingLines,
  ruleLookup,
  SEVERITY_LABELS,
} from "./labels.ts";

export interface PrettyOptions {
  color?: boolean;
  /** Rule metadata to use for titles (defaults to the registry). */
  rules?: readonly RuleMeta[];
}

type Style = "bold" | "dim" | "red" | "yellow" | "cyan" | "green" | "magenta";
const ANSI: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
  magenta: [35, 39],
};
const SEVERITY_STYLE: Record<Severity, Style> = { error: "red", warning: "yellow", info: "cyan" };

function painter(color: boolean) {
  return (text: string, ...styles: Style[]): string => {
    if (!color || text === "") return text;
    return styles.reduce((s, st) => `\x1b[${ANSI[st][0]}m${s}\x1b[${ANSI[st][1]}m`, text);
  };
}

/** "错误 2 · 警告 1 · 提示 0 · 已豁免 1" */
export function summaryText(s: CheckReport["summary"], failures = 0): string {
  const parts = [`错误 ${s.error}`, `警告 ${s.warning}`, `提示 ${s.info}`, `已豁免 ${s.waived}`];
  if (failures > 0) parts.push(`规则运行出错 ${failures}`);
  return parts.join(" · ");
}

function indentLines(text: string, pad: string): string {
  return text
    .split("\n")
    .map((l) => pad + l)
    .join("\n");
}

export function formatPretty(reports: readonly CheckReport[], opts: PrettyOptions = {}): string {
  const paint = painter(opts.color === true);
  const lookup = ruleLookup(opts.rules);
  const out: string[] = [];

  const finding = (f: Finding | WaivedFinding, pad: string, within?: string): void => {
    const sev = paint(`${SEVERITY_LABELS[f.severity]}`, "bold", SEVERITY_STYLE[f.severity]);
    const title = lookup(f.rule)?.title;
    out.push(`${pad}${sev}  ${paint(f.rule, "dim")}${title ? paint(`（${title}）`, "dim") : ""}`);
    const body = `${pad}      `;
    out.push(indentLines(f.message, body));
    const places = placesOf(f, within);
    for (const p of places) out.push(`${body}${paint(`位置：${p}`, "dim")}`);
    for (const q of quotesOf(f)) out.push(indentLines(`原文：“${q}”`, body));
    if (f.expected !== undefined || f.actual !== undefined) {
      const parts: string[] = [];
      if (f.expected !== undefined) parts.push(`应为 ${paint(f.expected, "green")}`);
      if (f.actual !== undefined) parts.push(`实际 ${paint(f.actual, "magenta")}`);
      out.push(`${body}${parts.join("，")}`);
    }
    if ("waiver" in f) out.push(`${body}豁免理由：${f.waiver.reason}`);
  };

  reports.forEach((r, i) => {
    if (i > 0) out.push("");
    const d = r.document;
    const who = d.parent ? `${d.entity}（主管部门：${d.parent}）` : d.entity;
    out.push(paint(`━━ ${documentFiles(d) ?? "（未命名文档）"}`, "bold"));
    out.push(`   ${documentLabel(d)} · ${who} · 金额单位 ${d.unit} · 规则集 ${r.preset}`);
    const parts = partsLabel(d);
    if (parts) out.push(`   ${parts}`);
    const reading = readingLines(r);
    if (reading.length > 0) {
      out.push(
        "",
        `   ${r.recognition?.partial ? paint("【读取情况】", "bold", "yellow") : paint("【读取情况】", "bold")}`,
      );
      for (const l of reading) out.push(indentLines(l, "   "));
    }

    if (r.findings.length === 0) out.push("", `   ${paint("未发现问题。", "green")}`);
    for (const g of groupFindings(r.findings)) {
      out.push("", `   ${paint(`【${g.title}】`, "bold")}`);
      for (const f of g.findings) finding(f, "   ", g.title);
    }

    if (r.waived.length > 0) {
      out.push("", `   ${paint(`已豁免（${r.waived.length}）`, "bold")}`);
      for (const f of r.waived) finding(f, "   ");
    }

    if (r.failures.length > 0) {
      out.push("", `   ${paint(`规则运行出错（${r.failures.length}）`, "bold", "red")}`);
      for (const e of r.failures) out.push(`   ${e.rule}：${e.message}`);
    }

    out.push("", `   ${paint(summaryText(r.summary, r.failures.length), "bold")}`);
  });

  if (reports.length > 1) {
    const total = { error: 0, warning: 0, info: 0, waived: 0 };
    let failures = 0;
    for (const r of reports) {
      total.error += r.summary.error;
      total.warning += r.summary.warning;
      total.info += r.summary.info;
      total.waived += r.summary.waived;
      failures += r.failures.length;
    }
    out.push("", paint(`共 ${reports.length} 个文件：${summaryText(total, failures)}`, "bold"));
  }
  return `${out.join("\n")}\n`;
}
