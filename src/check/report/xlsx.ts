/**
 * `--format xlsx`: a workbook a finance bureau can file. Sheet 问题清单 has
 * one row per finding (frozen header, autofilter, wrapped text), 已豁免 the
 * waived findings with the reviewer's reason, 汇总 the counts per document,
 * and 规则运行出错 the rules that threw, when any did.
 */
import ExcelJS from "exceljs";
import type { CheckReport, Finding, WaivedFinding } from "../types.ts";
import {
  columnLabel,
  documentFiles,
  KIND_LABELS,
  partsLabel,
  quotesOf,
  type RuleMeta,
  readingLines,
  rowLabel,
  ruleLookup,
  SEVERITY_LABELS,
  tableLabel,
} from "./labels.ts";

export interface XlsxOptions {
  rules?: readonly RuleMeta[];
}

interface Col {
  header: string;
  width: number;
  wrap?: boolean;
}

/** The findings sheet's columns, in order (the 已豁免 sheet adds 豁免理由). */
export const FINDING_COLUMNS: readonly Col[] = [
  { header: "序号", width: 6 },
  { header: "文件", width: 24, wrap: true },
  { header: "单位", width: 22, wrap: true },
  { header: "年度", width: 7 },
  { header: "类型", width: 6 },
  { header: "级别", width: 6 },
  { header: "规则", width: 31 },
  { header: "规则名称", width: 18, wrap: true },
  { header: "说明", width: 48, wrap: true },
  { header: "表格", width: 24, wrap: true },
  { header: "科目/行", width: 24, wrap: true },
  { header: "列", width: 12, wrap: true },
  { header: "原文", width: 48, wrap: true },
  { header: "行号", width: 9 },
  { header: "页码", width: 7 },
  { header: "应为", width: 16, wrap: true },
  { header: "实际", width: 16, wrap: true },
  { header: "依据", width: 40, wrap: true },
];

const SEVERITY_COLOURS = { error: "FFB42318", warning: "FFA15C07", info: "FF1F5FA8" } as const;

/** Distinct non-empty values, one per line. */
function lines(values: (string | undefined)[]): string {
  return [...new Set(values.filter((v): v is string => !!v))].join("\n");
}

/** A number when there is one, else the distinct values joined (a finding may span places). */
function numberOrList(values: (number | undefined)[]): number | string | null {
  const distinct = [...new Set(values.filter((v): v is number => v !== undefined))];
  if (distinct.length === 0) return null;
  if (distinct.length === 1) return distinct[0] ?? null;
  return distinct.join("、");
}

function findingRow(
  no: number,
  r: CheckReport,
  f: Finding | WaivedFinding,
  title: string | undefined,
): (string | number | null)[] {
  const locs = f.locations;
  // A document checked from two files: the file each place is in.
  const inFiles = [...new Set(locs.map((l) => l.file).filter((x): x is string => !!x))];
  return [
    no,
    inFiles.length > 0 ? inFiles.join("\n") : (documentFiles(r.document) ?? ""),
    r.document.entity,
    r.document.year,
    KIND_LABELS[r.document.kind],
    SEVERITY_LABELS[f.severity],
    f.rule,
    title ?? "",
    f.message,
    // A sentence has no table: name its section, marked as narrative.
    lines(locs.map((l) => tableLabel(l) ?? (l.section ? `说明文字：${l.section}` : undefined))),
    lines(locs.map((l) => rowLabel(l)?.replace(/^(科目|行) /, ""))),
    lines(locs.map((l) => (l.column ? columnLabel(l.column) : undefined))),
    quotesOf(f).join("\n"),
    // A span of lines reads as its first line; spans stay visible in the other formats.
    numberOrList(locs.map((l) => l.line)),
    numberOrList(locs.map((l) => l.page)),
    f.expected ?? "",
    f.actual ?? "",
    f.basis,
  ];
}

/** Columns and header first: exceljs writes the header into row 1, so rows come after. */
function addSheet(wb: ExcelJS.Workbook, name: string, cols: readonly Col[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  ws.columns = cols.map((c) => ({
    header: c.header,
    width: c.width,
    style: { alignment: { vertical: "top", wrapText: c.wrap === true } },
  }));
  const header = ws.getRow(1);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EAEE" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF9AA1AE" } } };
  });
  return ws;
}

/** Width of text in Excel's column units: a CJK character takes about two. */
function textWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * The autofilter covers the header and every row written; row heights follow
 * the wrapped text (viewers do not all re-measure rows on opening), and a
 * printout is landscape, one page wide, with the header on every page.
 */
function finish(ws: ExcelJS.Worksheet, cols: readonly Col[]): void {
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(ws.rowCount, 2), column: cols.length },
  };
  ws.eachRow((row, n) => {
    if (n === 1) return;
    let lines = 1;
    cols.forEach((c, i) => {
      const value = row.getCell(i + 1).value;
      if (!c.wrap || typeof value !== "string") return;
      const inner = Math.max(c.width - 1, 1);
      const count = value
        .split("\n")
        .reduce((sum, l) => sum + Math.max(1, Math.ceil(textWidth(l) / inner)), 0);
      lines = Math.max(lines, count);
    });
    row.height = Math.min(15 * lines + 3, 409);
  });
  ws.pageSetup = {
    orientation: "landscape",
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "1:1",
  };
}

function colourSeverity(ws: ExcelJS.Worksheet, rowNo: number, f: Finding): void {
  const cell = ws.getRow(rowNo).getCell(6);
  cell.font = { bold: true, color: { argb: SEVERITY_COLOURS[f.severity] } };
}

export async function formatXlsx(
  reports: readonly CheckReport[],
  opts: XlsxOptions = {},
): Promise<Uint8Array> {
  const lookup = ruleLookup(opts.rules);
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai";

  const findings = addSheet(wb, "问题清单", FINDING_COLUMNS);
  let no = 0;
  for (const r of reports) {
    for (const f of r.findings) {
      findings.addRow(findingRow(++no, r, f, lookup(f.rule)?.title));
      colourSeverity(findings, no + 1, f);
    }
  }
  finish(findings, FINDING_COLUMNS);

  const waivedCols = [...FINDING_COLUMNS, { header: "豁免理由", width: 40, wrap: true }];
  const waived = addSheet(wb, "已豁免", waivedCols);
  let wno = 0;
  for (const r of reports) {
    for (const f of r.waived) {
      waived.addRow([...findingRow(++wno, r, f, lookup(f.rule)?.title), f.waiver.reason]);
      colourSeverity(waived, wno + 1, f);
    }
  }
  finish(waived, waivedCols);

  const summaryCols: Col[] = [
    { header: "文件", width: 30, wrap: true },
    { header: "单位", width: 26, wrap: true },
    { header: "主管部门", width: 22, wrap: true },
    { header: "年度", width: 7 },
    { header: "类型", width: 6 },
    { header: "金额单位", width: 9 },
    { header: "规则集", width: 13 },
    { header: "错误", width: 7 },
    { header: "警告", width: 7 },
    { header: "提示", width: 7 },
    { header: "已豁免", width: 8 },
    { header: "规则运行出错", width: 12 },
  ];
  const summary = addSheet(wb, "汇总", summaryCols);
  for (const r of reports) {
    const d = r.document;
    summary.addRow([
      documentFiles(d) ?? "",
      d.entity,
      d.parent ?? "",
      d.year,
      KIND_LABELS[d.kind],
      d.unit,
      r.preset,
      r.summary.error,
      r.summary.warning,
      r.summary.info,
      r.summary.waived,
      r.failures.length,
    ]);
  }
  if (reports.length > 1) {
    const sum = (k: "error" | "warning" | "info" | "waived") =>
      reports.reduce((n, r) => n + r.summary[k], 0);
    const total = summary.addRow([
      `合计（${reports.length} 个文件）`,
      "",
      "",
      null,
      "",
      "",
      "",
      sum("error"),
      sum("warning"),
      sum("info"),
      sum("waived"),
      reports.reduce((n, r) => n + r.failures.length, 0),
    ]);
    total.font = { bold: true };
  }
  finish(summary, summaryCols);

  const reading = reports.flatMap((r) => {
    const parts = partsLabel(r.document);
    return [...(parts ? [parts] : []), ...readingLines(r)].map((line) => ({
      r,
      line,
    }));
  });
  if (reading.length > 0) {
    const readingCols: Col[] = [
      { header: "文件", width: 30, wrap: true },
      { header: "读取情况", width: 90, wrap: true },
    ];
    const ws = addSheet(wb, "读取情况", readingCols);
    for (const { r, line } of reading) ws.addRow([documentFiles(r.document) ?? "", line]);
    finish(ws, readingCols);
  }

  const failures = reports.flatMap((r) => r.failures.map((e) => ({ r, e })));
  if (failures.length > 0) {
    const failureCols: Col[] = [
      { header: "文件", width: 30, wrap: true },
      { header: "规则", width: 31 },
      { header: "错误信息", width: 60, wrap: true },
    ];
    const ws = addSheet(wb, "规则运行出错", failureCols);
    for (const { r, e } of failures)
      ws.addRow([documentFiles(r.document) ?? "", e.rule, e.message]);
    finish(ws, failureCols);
  }

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
