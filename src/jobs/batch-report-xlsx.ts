/**
 * The batch report as a workbook: 概况 (the counts), 文档 (every checked
 * document, worst first), 按规则, 按规则族, 按地区, 按主体, and 无法读取
 * (every file that could not be read, with its reason). Numbers are numbers,
 * headers frozen, each sheet filterable. exceljs is loaded only with this
 * module.
 */
import ExcelJS from "exceljs";
import { KIND_LABELS } from "../check/report/labels.ts";
import type { BatchSummary, Tally } from "./batch-summary.ts";

interface Col {
  header: string;
  width: number;
}

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  cols: Col[],
  rows: (string | number | null)[][],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  if (rows.length > 0)
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
}

const TALLY: Col[] = [
  { header: "错误", width: 8 },
  { header: "警告", width: 8 },
  { header: "提示", width: 8 },
  { header: "文档数", width: 8 },
];
const tally = (t: Tally) => [t.error, t.warning, t.info, t.documents];

export async function batchReportXlsx(s: BatchSummary): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai";
  sheet(
    wb,
    "概况",
    [
      { header: "项目", width: 22 },
      { header: "数值", width: 60 },
    ],
    [
      ["文件", s.files],
      ["已检查文档", s.checked],
      ["本次处理", s.processed],
      ["已处理过（跳过）", s.skipped],
      ["无法读取", s.failed],
      ["内容相同（只计一次）", s.duplicates.length],
      ["错误", s.findings.error],
      ["警告", s.findings.warning],
      ["提示", s.findings.info],
      ["规则预设", s.preset],
      ["规则集版本", s.ruleSetVersion],
      ["数据库", s.store],
      ["线程数", s.threads],
      ["用时（秒）", Math.round(s.elapsedMs / 100) / 10],
    ],
  );
  sheet(
    wb,
    "文档",
    [
      { header: "序号", width: 7 },
      { header: "主体", width: 30 },
      { header: "地区", width: 16 },
      { header: "年度", width: 7 },
      { header: "类型", width: 6 },
      { header: "文件", width: 40 },
      { header: "本次", width: 10 },
      { header: "错误", width: 8 },
      { header: "警告", width: 8 },
      { header: "提示", width: 8 },
      { header: "SHA-256", width: 20 },
    ],
    s.worst.map((i, n) => [
      n + 1,
      i.entity,
      i.region,
      i.year,
      i.kind ? KIND_LABELS[i.kind] : null,
      i.file,
      i.outcome === "processed" ? "处理" : "已处理过",
      i.counts.error,
      i.counts.warning,
      i.counts.info,
      i.sha256 ?? null,
    ]),
  );
  sheet(
    wb,
    "按规则",
    [
      { header: "规则", width: 34 },
      { header: "名称", width: 30 },
      { header: "规则族", width: 14 },
      ...TALLY,
    ],
    s.byRule.map((r) => [r.rule, r.title, r.family, ...tally(r)]),
  );
  sheet(
    wb,
    "按规则族",
    [{ header: "规则族", width: 16 }, ...TALLY],
    s.byFamily.map((f) => [f.title, ...tally(f)]),
  );
  sheet(
    wb,
    "按地区",
    [{ header: "地区", width: 24 }, ...TALLY],
    s.byRegion.map((r) => [r.region, ...tally(r)]),
  );
  sheet(
    wb,
    "按主体",
    [{ header: "主体", width: 34 }, { header: "地区", width: 18 }, ...TALLY],
    s.byEntity.map((e) => [e.entity, e.region, ...tally(e)]),
  );
  sheet(
    wb,
    "无法读取",
    [
      { header: "文件", width: 50 },
      { header: "原因", width: 70 },
      { header: "说明", width: 30 },
    ],
    s.errors.map((i) => [i.file, i.message ?? "", i.again ? "上次处理时的结果，未重新读取" : ""]),
  );
  sheet(
    wb,
    "内容相同",
    [
      { header: "文件", width: 50 },
      { header: "与之相同的文件", width: 50 },
    ],
    s.duplicates.map((d) => [d.file, d.sameAs]),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
