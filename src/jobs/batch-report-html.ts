/**
 * The batch report as one self-contained HTML page (inline CSS, no script):
 * the counts, findings by rule, family, region and entity, the documents
 * worst first, and every file that could not be read with its reason. Long
 * lists are cut at a stated length (the XLSX report has every row); the
 * files that could not be read are never cut. All document text is escaped.
 */
import { escapeHtml } from "../check/report/html.ts";
import { KIND_LABELS } from "../check/report/labels.ts";
import type { BatchItem } from "./batch.ts";
import type { BatchSummary, Tally } from "./batch-summary.ts";

/** Rows per table before the page says where the rest is. */
export const HTML_ROWS = 300;

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#e9ebef;color:#1d2433;font:14px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
.sheet{max-width:1100px;margin:24px auto;background:#fff;padding:36px 44px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font:700 24px/1.3 "Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;color:#8c1d18;text-align:center;letter-spacing:.1em;margin:0 0 6px}
.meta{color:#5b6475;font-size:12px;text-align:center;margin:0 0 20px}
h2{font-size:16px;margin:28px 0 10px;padding-left:10px;border-left:4px solid #8c1d18}
.counts{display:flex;gap:10px;flex-wrap:wrap}
.count{flex:1;min-width:110px;border:1px solid #c9ced8;padding:8px 12px;text-align:center}
.count b{display:block;font-size:22px}.count span{font-size:12px;color:#5b6475}
.count.error b{color:#b42318}.count.warning b{color:#a15c07}.count.info b{color:#1f5fa8}
table{width:100%;border-collapse:collapse;font-size:13px}
th,td{border:1px solid #c9ced8;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f4f5f8;font-weight:600;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.error{color:#b42318;font-weight:700}td.warning{color:#a15c07}
.more{color:#5b6475;font-size:12px;margin:6px 0 0}
code{font:12px "Noto Sans Mono CJK SC","DejaVu Sans Mono",monospace;color:#5b6475}
`;

const esc = (s: string | number | null | undefined) => escapeHtml(String(s ?? ""));

function num(n: number, cls = ""): string {
  return `<td class="n${cls ? ` ${cls}` : ""}">${n}</td>`;
}

function tallyCells(t: Tally): string {
  return `${num(t.error, t.error > 0 ? "error" : "")}${num(t.warning, t.warning > 0 ? "warning" : "")}${num(t.info)}${num(t.documents)}`;
}

function table(head: string[], rows: string[], total: number, what: string): string {
  const more =
    total > rows.length
      ? `<p class="more">共 ${total} ${what}，此处列出前 ${rows.length} ${what}；全部见 XLSX 报告。</p>`
      : "";
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>${more}`;
}

function docLabel(i: BatchItem): string {
  const what = [i.year ? `${i.year} 年` : "", i.kind ? KIND_LABELS[i.kind] : ""].join("");
  return what ? `${i.entity ?? "（未识别主体）"} ${what}` : (i.entity ?? "（未识别主体）");
}

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} 秒` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
}

export function batchReportHtml(s: BatchSummary, opts: { generatedAt?: Date } = {}): string {
  const limit = <T>(xs: T[]) => xs.slice(0, HTML_ROWS);
  const tallyHead = ["错误", "警告", "提示"];
  const parts: string[] = [];
  parts.push(`<h1>部门预决算公开批量检查报告</h1>`);
  parts.push(
    `<p class="meta">文件 ${s.files} 个 · 规则预设 ${esc(s.preset)} · 规则集版本 <code>${esc(s.ruleSetVersion)}</code> · 数据库 ${esc(s.store)} · ${s.threads} 个线程，用时 ${minutes(s.elapsedMs)}${opts.generatedAt ? ` · 生成于 ${esc(opts.generatedAt.toISOString())}` : ""}</p>`,
  );
  const count = (n: number, label: string, cls = "") =>
    `<div class="count${cls ? ` ${cls}` : ""}"><b>${n}</b><span>${esc(label)}</span></div>`;
  parts.push(
    `<h2>概况</h2><div class="counts">${[
      count(s.checked, "已检查文档"),
      count(s.processed, "本次处理"),
      count(s.skipped, "已处理过（跳过）"),
      count(s.failed, "无法读取", s.failed > 0 ? "error" : ""),
      ...(s.duplicates.length > 0 ? [count(s.duplicates.length, "内容相同（只计一次）")] : []),
      count(s.findings.error, "错误", "error"),
      count(s.findings.warning, "警告", "warning"),
      count(s.findings.info, "提示", "info"),
    ].join("")}</div>`,
  );
  if (s.errors.length > 0) {
    parts.push(
      `<h2>无法读取的文件（${s.errors.length}）</h2>${table(
        ["文件", "原因"],
        s.errors.map(
          (i) =>
            `<tr><td>${esc(i.file)}</td><td>${esc(i.message)}${i.again ? "（上次处理时的结果，未重新读取）" : ""}</td></tr>`,
        ),
        s.errors.length,
        "个文件",
      )}`,
    );
  }
  if (s.duplicates.length > 0) {
    parts.push(
      `<h2>内容相同的文件（${s.duplicates.length}，只计一次）</h2>${table(
        ["文件", "与之相同的文件"],
        limit(s.duplicates).map((d) => `<tr><td>${esc(d.file)}</td><td>${esc(d.sameAs)}</td></tr>`),
        s.duplicates.length,
        "个文件",
      )}`,
    );
  }
  parts.push(
    `<h2>问题最多的文档</h2>${table(
      ["序号", "文档", "文件", ...tallyHead],
      limit(s.worst).map(
        (i, n) =>
          `<tr>${num(n + 1)}<td>${esc(docLabel(i))}</td><td>${esc(i.file)}</td>${num(i.counts.error, i.counts.error > 0 ? "error" : "")}${num(i.counts.warning, i.counts.warning > 0 ? "warning" : "")}${num(i.counts.info)}</tr>`,
      ),
      s.worst.length,
      "份文档",
    )}`,
  );
  parts.push(
    `<h2>按规则</h2>${table(
      ["规则", "名称", "规则族", ...tallyHead, "文档数"],
      limit(s.byRule).map(
        (r) =>
          `<tr><td><code>${esc(r.rule)}</code></td><td>${esc(r.title)}</td><td>${esc(r.family)}</td>${tallyCells(r)}</tr>`,
      ),
      s.byRule.length,
      "条规则",
    )}`,
  );
  parts.push(
    `<h2>按规则族</h2>${table(
      ["规则族", ...tallyHead, "文档数"],
      s.byFamily.map((f) => `<tr><td>${esc(f.title)}</td>${tallyCells(f)}</tr>`),
      s.byFamily.length,
      "个规则族",
    )}`,
  );
  parts.push(
    `<h2>按地区</h2>${table(
      ["地区", ...tallyHead, "文档数"],
      limit(s.byRegion).map((r) => `<tr><td>${esc(r.region)}</td>${tallyCells(r)}</tr>`),
      s.byRegion.length,
      "个地区",
    )}`,
  );
  parts.push(
    `<h2>按主体</h2>${table(
      ["主体", "地区", ...tallyHead, "文档数"],
      limit(s.byEntity).map(
        (e) => `<tr><td>${esc(e.entity)}</td><td>${esc(e.region)}</td>${tallyCells(e)}</tr>`,
      ),
      s.byEntity.length,
      "个主体",
    )}`,
  );
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>部门预决算公开批量检查报告</title><style>${CSS}</style></head><body><div class="sheet">${parts.join("\n")}</div></body></html>\n`;
}
