/**
 * `--format html`: one self-contained page (inline CSS, no script, no
 * external asset) a reviewer can mail or print: the document table, counts,
 * findings grouped by section or table with severity badges, quotes,
 * locations, expected/actual and basis, waived findings apart with reasons.
 * Every piece of document or user text is escaped.
 */

import type { CheckReport, Finding, Severity, WaivedFinding } from "../types.ts";
import {
  documentFiles,
  familyTitle,
  groupFindings,
  KIND_LABELS,
  partsLabel,
  placesOf,
  quotesOf,
  type RuleMeta,
  readingLines,
  ruleLookup,
  SEVERITIES,
  SEVERITY_LABELS,
} from "./labels.ts";

export interface HtmlOptions {
  /** Page title; defaults to 部门预决算公开检查报告. */
  title?: string;
  /** When the report was made; printed only when given (the output stays reproducible). */
  generatedAt?: Date;
  rules?: readonly RuleMeta[];
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Tagged template: interpolated strings are escaped, `raw()` values are not. */
class Raw {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
}
type Part = string | number | Raw | undefined | null | false | readonly Part[];
function raw(html: string): Raw {
  return new Raw(html);
}
function part(p: Part): string {
  if (p === undefined || p === null || p === false) return "";
  if (p instanceof Raw) return p.html;
  if (Array.isArray(p)) return p.map(part).join("");
  return escapeHtml(String(p));
}
function h(strings: TemplateStringsArray, ...parts: Part[]): Raw {
  let out = strings[0] ?? "";
  parts.forEach((p, i) => {
    out += part(p) + (strings[i + 1] ?? "");
  });
  return raw(out);
}

const CSS = `
:root{--ink:#1d2433;--muted:#5b6475;--line:#c9ced8;--soft:#f4f5f8;--accent:#8c1d18;
--error:#b42318;--error-bg:#fdecea;--warning:#a15c07;--warning-bg:#fff4e0;--info:#1f5fa8;--info-bg:#e9f1fb;--ok:#2b7a3d}
*{box-sizing:border-box}
html{background:#e9ebef}
body{margin:0;color:var(--ink);font:14px/1.65 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
.sheet{max-width:1000px;margin:24px auto;background:#fff;padding:40px 48px 32px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.masthead{text-align:center;border-bottom:5px double var(--accent);padding-bottom:14px;margin-bottom:22px}
.masthead .kicker{color:var(--muted);letter-spacing:.2em;font-size:12px}
h1{font:700 26px/1.3 "Noto Serif CJK SC","Source Han Serif SC","Songti SC","SimSun",serif;margin:6px 0 4px;letter-spacing:.12em;color:var(--accent)}
.masthead .meta{color:var(--muted);font-size:12px;margin:0}
.doc+.doc{margin-top:36px;border-top:1px solid var(--line);padding-top:28px}
h2{font:700 19px/1.4 "Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;margin:0 0 12px}
h3{font-size:16px;margin:26px 0 10px;padding-left:10px;border-left:4px solid var(--accent)}
h4{font-size:14px;margin:18px 0 8px;padding:4px 10px;background:var(--soft);border:1px solid var(--line);display:flex;justify-content:space-between}
h4 .n{color:var(--muted);font-weight:400}
table.info{width:100%;border-collapse:collapse;font-size:13px}
table.info th,table.info td{border:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
table.info th{background:var(--soft);width:13%;white-space:nowrap;font-weight:600}
table.info td{width:37%;overflow-wrap:anywhere}
table.overview{width:100%;border-collapse:collapse;font-size:13px;margin:0 0 28px}
table.overview th,table.overview td{border:1px solid var(--line);padding:5px 8px;text-align:left;overflow-wrap:anywhere}
table.overview th{background:var(--soft);font-weight:600;white-space:nowrap}
table.overview td.n{text-align:right;font-variant-numeric:tabular-nums}
table.overview td.error{color:var(--error);font-weight:700}table.overview td.warning{color:var(--warning);font-weight:700}
.counts{display:flex;gap:10px;margin:16px 0 4px}
.count{flex:1;border:1px solid var(--line);padding:8px 12px;text-align:center}
.count b{display:block;font-size:24px;line-height:1.2}
.count span{font-size:12px;color:var(--muted)}
.count.error b{color:var(--error)}.count.warning b{color:var(--warning)}.count.info b{color:var(--info)}
.count.failures b{color:var(--error)}
.verdict{margin:8px 0 0;font-size:13px;color:var(--muted)}
.finding{border:1px solid var(--line);border-left:4px solid var(--line);margin:0 0 10px;padding:10px 14px;break-inside:avoid;page-break-inside:avoid}
.finding.error{border-left-color:var(--error)}.finding.warning{border-left-color:var(--warning)}.finding.info{border-left-color:var(--info)}
.finding.waived{border-left-color:var(--muted);background:#fafafa}
.head{display:flex;align-items:baseline;gap:8px;flex-wrap:wrap}
.no{font-weight:700;color:var(--muted);min-width:2em}
.badge{display:inline-block;font-size:12px;font-weight:700;padding:0 8px;border-radius:3px;border:1px solid}
.badge.error{color:var(--error);background:var(--error-bg);border-color:var(--error)}
.badge.warning{color:var(--warning);background:var(--warning-bg);border-color:var(--warning)}
.badge.info{color:var(--info);background:var(--info-bg);border-color:var(--info)}
.badge.waived{color:var(--muted);background:#eee;border-color:var(--muted)}
.rule{font-family:"Noto Sans Mono CJK SC","DejaVu Sans Mono",monospace;font-size:12px;color:var(--muted)}
.rtitle{font-weight:600}
.msg{margin:6px 0 6px;font-size:14.5px}
dl{display:grid;grid-template-columns:4.5em 1fr;gap:3px 10px;margin:0;font-size:13px}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
blockquote{margin:0;padding:4px 10px;background:var(--soft);border-left:3px solid var(--line);font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif}
.ea b{font-weight:600}.ea .exp{color:var(--ok)}.ea .act{color:var(--error)}
.basis{color:var(--muted)}
.reason{color:var(--ink)}
.none{padding:10px 14px;border:1px dashed var(--line);color:var(--ok)}
.failures li{color:var(--error)}
.reading.partial li{color:var(--warning)}
.signoff{display:flex;justify-content:space-between;margin-top:36px;padding-top:8px;font-size:14px}
.signoff span{flex:1}
footer{margin-top:18px;border-top:1px solid var(--line);padding-top:10px;font-size:12px;color:var(--muted)}
@page{size:A4;margin:14mm 12mm}
@media print{html{background:#fff}.sheet{box-shadow:none;margin:0;max-width:none;padding:0}
.doc+.doc{break-before:page;page-break-before:always;border-top:0;margin-top:0}
h3,h4{break-after:avoid;page-break-after:avoid}
.badge,.finding,.count,h4,table.info th,blockquote{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

function counts(r: CheckReport): Raw {
  const boxes = SEVERITIES.map(
    (s) =>
      h`<div class="count ${s}"><b>${r.summary[s]}</b><span>${SEVERITY_LABELS[s]}</span></div>`,
  );
  boxes.push(h`<div class="count"><b>${r.summary.waived}</b><span>已豁免</span></div>`);
  if (r.failures.length > 0) {
    boxes.push(
      h`<div class="count failures"><b>${r.failures.length}</b><span>规则运行出错</span></div>`,
    );
  }
  return h`<div class="counts">${boxes}</div>`;
}

/** What was read and what was not, above the findings. */
function reading(r: CheckReport): Raw | string {
  const lines = readingLines(r);
  if (lines.length === 0) return "";
  return h`<h3>读取情况</h3><ul class="reading${r.recognition?.partial ? " partial" : ""}">${lines.map((l) => h`<li>${l}</li>`)}</ul>`;
}

function verdict(r: CheckReport): string {
  if (r.summary.error > 0) return `发现 ${r.summary.error} 处错误，需要更正后重新公开。`;
  if (r.summary.warning > 0) return `未发现错误；有 ${r.summary.warning} 处警告，请逐条核实。`;
  if (r.summary.info > 0) return "未发现错误或警告；提示项供参考。";
  return "未发现问题。";
}

export function formatHtml(reports: readonly CheckReport[], opts: HtmlOptions = {}): string {
  const lookup = ruleLookup(opts.rules);
  const title = opts.title ?? "部门预决算公开检查报告";

  const finding = (f: Finding | WaivedFinding, no: number, within?: string): Raw => {
    const meta = lookup(f.rule);
    const waived = "waiver" in f;
    const sev: Severity = f.severity;
    const places = placesOf(f, within);
    const family = meta ? familyTitle(meta) : undefined;
    return h`<article class="finding ${sev}${waived ? " waived" : ""}">
<div class="head"><span class="no">${no}</span><span class="badge ${sev}">${SEVERITY_LABELS[sev]}</span>${waived ? h`<span class="badge waived">已豁免</span>` : ""}<span class="rtitle">${meta?.title ?? ""}</span><span class="rule">${f.rule}${family ? `　${family}` : ""}</span></div>
<p class="msg">${f.message}</p>
<dl>
${places.map((p) => h`<dt>位置</dt><dd>${p}</dd>`)}
${quotesOf(f).map((q) => h`<dt>原文</dt><dd><blockquote>${q}</blockquote></dd>`)}
${f.expected !== undefined || f.actual !== undefined ? h`<dt>核对</dt><dd class="ea">${f.expected !== undefined ? h`应为 <b class="exp">${f.expected}</b>` : ""}${f.expected !== undefined && f.actual !== undefined ? "；" : ""}${f.actual !== undefined ? h`实际 <b class="act">${f.actual}</b>` : ""}</dd>` : ""}
${f.basis ? h`<dt>依据</dt><dd class="basis">${f.basis}</dd>` : ""}
${waived ? h`<dt>豁免理由</dt><dd class="reason">${f.waiver.reason}</dd>` : ""}
</dl>
</article>`;
  };

  const docs = reports.map((r, i) => {
    const d = r.document;
    let no = 0;
    const groups = groupFindings(r.findings).map(
      (g) =>
        h`<h4><span>${g.title}</span><span class="n">${g.findings.length} 项</span></h4>${g.findings.map((f) => finding(f, ++no, g.title))}`,
    );
    const heading = reports.length > 1 ? `${i + 1}. ${d.entity}` : d.entity;
    return h`<section class="doc">
<h2>${heading}　${d.year}年度${KIND_LABELS[d.kind]}公开</h2>
<table class="info">
<tr><th>文件</th><td colspan="3">${documentFiles(d) ?? "（未命名文档）"}${partsLabel(d) ? h`<br>${partsLabel(d)}` : ""}</td></tr>
<tr><th>公开主体</th><td>${d.entity}</td><th>主管部门</th><td>${d.parent ?? "—（本身为部门）"}</td></tr>
<tr><th>类型</th><td>部门${KIND_LABELS[d.kind]}</td><th>年度</th><td>${d.year}</td></tr>
<tr><th>金额单位</th><td>${d.unit}</td><th>来源格式</th><td>${d.format}</td></tr>
<tr><th>规则集</th><td colspan="3">${r.preset}</td></tr>
</table>
${counts(r)}
<p class="verdict">${verdict(r)}</p>
${reading(r)}
<h3>问题清单</h3>
${r.findings.length > 0 ? groups : h`<p class="none">未发现问题。</p>`}
${r.waived.length > 0 ? h`<h3>已豁免（${r.waived.length}）</h3>${r.waived.map((f, k) => finding(f, k + 1))}` : ""}
${r.failures.length > 0 ? h`<h3>规则运行出错（${r.failures.length}）</h3><ul class="failures">${r.failures.map((e) => h`<li><span class="rule">${e.rule}</span>：${e.message}</li>`)}</ul>` : ""}
</section>`;
  });

  // Several documents: an overview first, one line per document.
  const overview =
    reports.length > 1
      ? h`<table class="overview"><thead><tr><th>序号</th><th>公开主体</th><th>年度</th><th>类型</th><th>文件</th><th>错误</th><th>警告</th><th>提示</th><th>已豁免</th></tr></thead><tbody>${reports.map(
          (r, i) =>
            h`<tr><td>${i + 1}</td><td>${r.document.entity}</td><td>${r.document.year}</td><td>${KIND_LABELS[r.document.kind]}</td><td>${documentFiles(r.document) ?? ""}</td><td class="n${r.summary.error > 0 ? " error" : ""}">${r.summary.error}</td><td class="n${r.summary.warning > 0 ? " warning" : ""}">${r.summary.warning}</td><td class="n">${r.summary.info}</td><td class="n">${r.summary.waived}</td></tr>`,
        )}</tbody></table>`
      : "";
  const preset = [...new Set(reports.map((r) => r.preset))].join("、");
  const meta = [
    `共 ${reports.length} 份文件`,
    preset ? `规则集 ${preset}` : "",
    opts.generatedAt ? `生成于 ${formatTime(opts.generatedAt)}` : "",
  ].filter(Boolean);
  const page = h`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${reports.length === 1 && reports[0] ? `${title} — ${reports[0].document.entity}` : title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<main class="sheet">
<header class="masthead"><div class="kicker">GONGKAI · 公开材料检查</div><h1>${title}</h1><p class="meta">${meta.join(" · ")}</p></header>
${overview}
${docs}
<div class="signoff"><span>审核人：</span><span>复核人：</span><span>日期：　　年　　月　　日</span></div>
<footer>本报告由 gongkai 按规则自动检查生成。“错误”指与表样、勾稽关系或法规要求不符之处，“警告”需人工核实，“提示”供参考；每条规则的说明与依据见 docs/rules/。已豁免的问题经审核人员判断并注明理由，不计入问题数。</footer>
</main>
</body>
</html>
`;
  return page.html;
}

/** "2026-11-22 14:05" in local time. */
function formatTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
