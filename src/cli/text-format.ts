/**
 * A Disclosure printed for a person: what the document is, each table with
 * its rows aligned, the narrative's sections and claims, and what
 * recognition could not do.
 */
import { TABLE_NAMES } from "../model/labels.ts";
import { formatAmountGrouped } from "../model/money.ts";
import { recognitionLines } from "../model/recognition-text.ts";
import type { Disclosure, Table } from "../model/schema.ts";

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

function pad(s: string, w: number, right = false): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

function formatTable(t: Table): string {
  const sure = t.recognition
    ? `  把握 ${Math.round(t.recognition.confidence * 100)}%（${t.recognition.reasons.join("；")}）${t.recognition.totalsClose === false ? `  自身合计不闭合：${t.recognition.totalsNote ?? ""}` : ""}`
    : "";
  const head = `【${TABLE_NAMES[t.id]}】${t.title}${t.number ? `（${t.number}）` : ""}  单位：${t.unit}${t.unitStated ? "" : "（未标明，按全文推定）"}  第 ${t.source.line} 行${t.source.page ? `（第 ${t.source.page} 页）` : ""}${sure}`;
  if (t.printed && t.printed.length > 0) {
    // A table the model has no place for: shown as printed.
    return [head, ...t.printed.map((r) => `  | ${r.join(" | ")}`)].join("\n");
  }
  if (t.rows.length === 0)
    return `${head}\n  （无数据行${t.emptyNote ? `；说明：${t.emptyNote}` : ""}）`;
  const cols = t.columns.map((c) => c.id);
  const header = ["编码/行", "名称", ...t.columns.map((c) => c.label)];
  const body = t.rows.map((r) => [
    r.key,
    r.name.length > 18 ? `${r.name.slice(0, 17)}…` : r.name,
    ...cols.map((c) => {
      const cell = r.cells[c];
      return cell ? (cell.amount === null ? "" : formatAmountGrouped(cell.amount)) : "";
    }),
  ]);
  const widths = header.map((h, i) =>
    Math.max(width(h), ...body.map((row) => width(row[i] ?? ""))),
  );
  const fmt = (row: string[]) =>
    `  ${row.map((v, i) => pad(v, widths[i] ?? 0, i >= 2)).join("  ")}`;
  const lines = [head, fmt(header), ...body.map(fmt)];
  if (t.empty && t.emptyNote) lines.push(`  说明：${t.emptyNote}`);
  return lines.join("\n");
}

export function formatDisclosureText(d: Disclosure): string {
  const who = d.entity.level === "unit" ? "单位" : "部门";
  const kind = `${who}${d.kind === "budget" ? "预算" : "决算"}`;
  const out: string[] = [];
  out.push(`${d.entity.name || "（未识别主体）"} ${d.year} 年度${kind}公开`);
  if (d.entity.parent) out.push(`主管部门：${d.entity.parent}`);
  out.push(
    `金额单位：${d.unit}；识别表格 ${d.tables.length} 张；说明章节 ${d.sections.length} 节；文字中的数字陈述 ${d.claims.length} 条`,
  );
  out.push("");
  if (d.report) {
    out.push("【读取情况】");
    const found = d.tables.filter((t) => t.id !== "other").length;
    out.push(
      `  标准表格 ${found} 张，其他表格 ${d.tables.length - found} 张；表格数字归入标准表格 ${(d.report.figuresClaimed * 100).toFixed(1)}%${d.report.partial ? "；读取不完整" : ""}`,
    );
    for (const e of d.report.directory)
      out.push(`  目录 ${e.found ? "✓" : "✗"} ${e.title}${e.found ? "" : "（正文中未识别）"}`);
    for (const l of recognitionLines(d.report).filter((l) => !l.startsWith("目录列出")))
      out.push(`  ${l}`);
    out.push("");
  }
  for (const t of d.tables) {
    out.push(formatTable(t));
    out.push("");
  }
  if (d.sections.length > 0) {
    out.push("【说明章节】");
    for (const s of d.sections)
      out.push(
        `${"  ".repeat(s.level)}${s.heading}（第 ${s.source.line} 行）${s.text ? "" : " —— 无内容"}`,
      );
    out.push("");
  }
  if (d.issues.length > 0) {
    out.push("【识别提示】");
    for (const i of d.issues) out.push(`  - ${i.message}`);
  }
  return out.join("\n");
}
