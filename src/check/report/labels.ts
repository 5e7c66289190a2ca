/**
 * Chinese words every report format shares: severities, document kinds,
 * table and column names, how a location reads, and how findings are grouped
 * for a reader (by narrative section or by table).
 * Table and column names come from the model's labels, so that a report
 * reads the same whatever printed the table title.
 */
import { COLUMN_LABELS, TABLE_NAMES } from "../../model/labels.ts";
import { recognitionLines } from "../../model/recognition-text.ts";
import type { Kind } from "../../model/schema.ts";
import { ruleById } from "../registry.ts";
import {
  type CheckReport,
  type Confirmation,
  FAMILY_TITLES,
  type Finding,
  type Location,
  type Rule,
  type Severity,
} from "../types.ts";

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: "错误",
  warning: "警告",
  info: "提示",
};

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export const KIND_LABELS: Record<Kind, string> = { budget: "预算", final: "决算" };

export const CONFIRMATION_LABELS: Record<Confirmation, string> = {
  official: "官方规定（已核对原文）",
  identity: "会计恒等式（由表样推导）",
  practice: "通行做法（各地模板普遍要求）",
  unconfirmed: "未经核实（依据尚待对照原文）",
};

/** What a report reads of a rule: its metadata, never its function. */
export type RuleMeta = Omit<Rule, "check">;

/** Rule metadata by id; callers may pass their own list (over the registry). */
export type RuleLookup = (id: string) => RuleMeta | undefined;

export function ruleLookup(rules?: readonly RuleMeta[]): RuleLookup {
  if (!rules) return ruleById;
  const byId = new Map(rules.map((r) => [r.id, r]));
  return (id) => byId.get(id) ?? ruleById(id);
}

export function columnLabel(column: string): string {
  return (COLUMN_LABELS as Record<string, string>)[column] ?? column;
}

/** The table as a reader knows it: its printed title, else its standard name. */
export function tableLabel(loc: Location): string | undefined {
  if (loc.tableTitle?.trim()) return loc.tableTitle.trim();
  if (loc.table) return TABLE_NAMES[loc.table] ?? loc.table;
  return undefined;
}

/** A file as a reader names it: its name without the folders ("《部门预算公开表.pdf》"). */
export function fileLabel(file: string): string {
  return `《${file.split(/[\\/]/u).pop() || file}》`;
}

const HOLDS_LABELS = { tables: "表格", narrative: "说明" } as const;

/**
 * "说明与表格分两个文件公开，合并为一份检查：说明 a.pdf；表格 b.pdf" for a
 * document checked from two files; undefined for one file.
 */
export function partsLabel(d: {
  parts?: { file: string; holds: "tables" | "narrative" }[];
}): string | undefined {
  if (!d.parts || d.parts.length === 0) return undefined;
  return `说明与表格分两个文件公开，合并为一份检查：${d.parts.map((p) => `${HOLDS_LABELS[p.holds]} ${p.file}`).join("；")}`;
}

/** The document's file(s) for a header: both halves of a document checked from two files. */
export function documentFiles(d: {
  file?: string;
  parts?: { file: string }[];
}): string | undefined {
  if (d.parts && d.parts.length > 0) return d.parts.map((p) => p.file).join(" + ");
  return d.file;
}

/** "第12行" or "第12–14行". */
export function lineLabel(loc: Location): string | undefined {
  if (loc.line === undefined) return undefined;
  if (loc.endLine !== undefined && loc.endLine !== loc.line) {
    return `第${loc.line}–${loc.endLine}行`;
  }
  return `第${loc.line}行`;
}

/** "科目 2010101 行政运行" for a code row; "行 收入合计" for a line (its key is internal). */
export function rowLabel(loc: Location): string | undefined {
  const name = loc.name?.trim();
  if (loc.key !== undefined && /^\d+$/.test(loc.key)) {
    return name ? `科目 ${loc.key} ${name}` : `科目 ${loc.key}`;
  }
  if (name) return `行 ${name}`;
  return loc.key !== undefined ? `行 ${loc.key}` : undefined;
}

/**
 * Where a location points, in one line: 表/行/列 for a cell, the section for
 * a sentence, then 第N行 第P页 in the source. `within` is the heading the
 * finding is listed under.
 */
export function describeLocation(loc: Location, within?: string): string {
  const parts: string[] = [];
  const table = tableLabel(loc);
  // Under a group heading, the section or table it names need not be repeated.
  const place = table ?? loc.section?.trim();
  if (place && place !== within) parts.push(place);
  const row = rowLabel(loc);
  if (row) parts.push(row);
  if (loc.column) parts.push(`${columnLabel(loc.column)}列`);
  const where = [
    loc.file !== undefined ? fileLabel(loc.file) : undefined,
    lineLabel(loc),
    loc.page !== undefined ? `第${loc.page}页` : undefined,
  ]
    .filter((s) => s !== undefined)
    .join(" ");
  if (where) parts.push(where);
  return parts.length > 0 ? parts.join(" · ") : "全文";
}

/** How many places a reader's report lists before it summarises the rest. */
export const PLACES_SHOWN = 6;

/**
 * A finding's places for a reader (terminal, HTML): each once; a long list
 * (a 类 over thirty 款) keeps its first few and says how many more, and
 * where they lie. JSON, SARIF and XLSX keep every location.
 */
export function placesOf(f: Finding, within?: string): string[] {
  const all = [...new Set(f.locations.map((l) => describeLocation(l, within)))];
  if (all.length <= PLACES_SHOWN) return all;
  const rest = f.locations.slice(PLACES_SHOWN - 1);
  const lines = rest.map((l) => l.line).filter((n): n is number => n !== undefined);
  const span = lines.length > 0 ? `（第${Math.min(...lines)}–${Math.max(...lines)}行）` : "";
  return [...all.slice(0, PLACES_SHOWN - 1), `另有 ${all.length - PLACES_SHOWN + 1} 处${span}`];
}

/** The group a finding is listed under: its first location's section or table. */
export function groupTitle(f: Finding): string {
  for (const loc of f.locations) {
    if (loc.section?.trim()) return loc.section.trim();
    const table = tableLabel(loc);
    if (table) return table;
  }
  return f.locations.some((l) => l.quote) ? "说明文字" : "全文";
}

export interface FindingGroup<F extends Finding> {
  title: string;
  findings: F[];
}

function firstLine(f: Finding): number {
  return f.locations.find((l) => l.line !== undefined)?.line ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Findings grouped for reading, groups in document order (by their first
 * line), findings within a group in the order given (the engine sorts them by
 * severity, then line).
 */
export function groupFindings<F extends Finding>(findings: readonly F[]): FindingGroup<F>[] {
  const groups = new Map<string, { findings: F[]; line: number; order: number }>();
  for (const f of findings) {
    const title = groupTitle(f);
    let g = groups.get(title);
    if (!g) {
      g = { findings: [], line: Number.MAX_SAFE_INTEGER, order: groups.size };
      groups.set(title, g);
    }
    g.findings.push(f);
    g.line = Math.min(g.line, firstLine(f));
  }
  return [...groups.entries()]
    .sort(([, a], [, b]) => a.line - b.line || a.order - b.order)
    .map(([title, g]) => ({ title, findings: g.findings }));
}

/** The quoted source sentences of a finding (deduplicated). */
export function quotesOf(f: Finding): string[] {
  return [...new Set(f.locations.map((l) => l.quote?.trim()).filter((q): q is string => !!q))];
}

/** "2024年 决算" */
export function documentLabel(d: { kind: Kind; year: number }): string {
  return `${d.year}年${KIND_LABELS[d.kind]}`;
}

/** "表内运算" — the family's Chinese name. */
export function familyTitle(rule: Pick<RuleMeta, "family">): string {
  return FAMILY_TITLES[rule.family];
}

/**
 * The 读取情况 lines of a report: what recognition read and did not, then
 * every table the sums did not check, with why.
 */
export function readingLines(r: CheckReport): string[] {
  return [
    ...recognitionLines(r.recognition),
    ...(r.unchecked ?? []).map(
      (u) => `未核对“${u.title}”${u.page !== undefined ? `（第 ${u.page} 页）` : ""}：${u.reason}`,
    ),
  ];
}
