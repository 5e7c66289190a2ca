/**
 * A self-contained HTML document: inline CSS (screen and A4 print: table
 * headers repeat on every page through <thead>, wide tables on landscape
 * pages), headings and paragraphs of the narrative, every table drawn from
 * its grid, charts as inline SVG.
 */
import { chartSvg } from "../charts/svg.ts";
import type { RenderInput } from "../input.ts";
import { type Block, buildOutline } from "../outline.ts";
import { fitPage, PAGE_WIDTH } from "../spec/fit.ts";
import type { Grid, HeaderCell } from "../spec/index.ts";

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const CSS = `
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
@page wide { size: A4 landscape; margin: 14mm 14mm 14mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif;
  font-size: 11pt; line-height: 1.75; color: #111; margin: 0 auto; max-width: 190mm; padding: 12mm 0; }
h1 { font-size: 22pt; text-align: center; margin: 30mm 0 8mm; letter-spacing: 2px; }
h2 { font-size: 15pt; text-align: center; margin: 10mm 0 5mm; break-before: page; }
h3 { font-size: 12.5pt; margin: 5mm 0 2mm; }
h4 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
h5 { font-size: 11pt; margin: 3mm 0 1mm; }
p { text-indent: 2em; margin: 0 0 2mm; text-align: justify; }
.marker, p .marker { background: #fff3b0; color: #8a4b00; }
.doc-meta { text-align: center; color: #555; text-indent: 0; }
.table-block { margin: 6mm 0 8mm; break-inside: auto; }
.table-block.wide { page: wide; }
.table-block + .table-block { break-before: page; }
.table-number { text-indent: 0; font-size: 10pt; margin: 0; }
.table-title { text-align: center; font-size: 14pt; margin: 1mm 0 2mm; }
.table-meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin-bottom: 1mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.35; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: middle; }
th { background: #f1f1f1; font-weight: bold; text-align: center; }
td.r { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.c { text-align: center; }
td.b { font-weight: bold; }
td.i1 { padding-left: 5mm; } td.i2 { padding-left: 9mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.table-note, .empty-note { text-indent: 0; font-size: 9.5pt; margin-top: 1.5mm; }
.empty-note { font-weight: bold; }
figure.chart { margin: 4mm auto; text-align: center; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
@media print { body { max-width: none; padding: 0; } h1 { margin-top: 60mm; } }
`;

function paragraph(text: string): string {
  // Markers stand out so that a person finds what to write.
  const html = escapeHtml(text).replace(
    /【待填写[^】]*】/g,
    (m) => `<span class="marker">${m}</span>`,
  );
  return `<p>${html}</p>`;
}

function headerRows(g: Grid): HeaderCell[][] {
  const rows: HeaderCell[][] = Array.from({ length: g.headerRows }, () => []);
  for (const h of [...g.header].sort((a, b) => a.row - b.row || a.col - b.col))
    rows[h.row]?.push(h);
  return rows;
}

export function tableHtml(g: Grid): string {
  // Column widths from the cells' content, as the paged formats set them (spec/fit.ts).
  const widths = fitPage(g, g.landscape ? PAGE_WIDTH.landscape : PAGE_WIDTH.portrait, 12).widths;
  const total = widths.reduce((a, b) => a + b, 0);
  const out: string[] = [`<section class="table-block${g.landscape ? " wide" : ""}">`];
  out.push(`<p class="table-number">${escapeHtml(g.number)}</p>`);
  out.push(`<div class="table-title"><b>${escapeHtml(g.title)}</b></div>`);
  out.push(
    `<div class="table-meta"><span>${escapeHtml(g.entityLine)}</span><span>${escapeHtml(g.unitLine)}</span></div>`,
  );
  out.push("<table>");
  out.push(
    `<colgroup>${widths.map((w) => `<col style="width:${((100 * w) / total).toFixed(2)}%">`).join("")}</colgroup>`,
  );
  out.push("<thead>");
  for (const cells of headerRows(g)) {
    out.push(
      `<tr>${cells
        .map(
          (h) =>
            `<th${h.colSpan && h.colSpan > 1 ? ` colspan="${h.colSpan}"` : ""}${h.rowSpan && h.rowSpan > 1 ? ` rowspan="${h.rowSpan}"` : ""}>${escapeHtml(h.text)}</th>`,
        )
        .join("")}</tr>`,
    );
  }
  out.push("</thead><tbody>");
  for (const row of g.body) {
    out.push(
      `<tr>${row
        .map((c) => {
          const cls = [
            c.align === "right" ? "r" : c.align === "center" ? "c" : "",
            c.bold ? "b" : "",
            c.indent ? `i${Math.min(2, c.indent)}` : "",
          ].filter(Boolean);
          return `<td${cls.length ? ` class="${cls.join(" ")}"` : ""}>${escapeHtml(c.text)}</td>`;
        })
        .join("")}</tr>`,
    );
  }
  out.push("</tbody></table>");
  if (g.emptyNote) out.push(`<p class="empty-note">${escapeHtml(g.emptyNote)}</p>`);
  if (g.note) out.push(`<p class="table-note">${escapeHtml(g.note)}</p>`);
  out.push("</section>");
  return out.join("\n");
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case "heading": {
      const tag = `h${b.level + 1}`;
      return `<${tag}>${escapeHtml(b.text)}</${tag}>`;
    }
    case "paragraph":
      return paragraph(b.text);
    case "table":
      return tableHtml(b.grid);
    case "chart":
      return `<figure class="chart" aria-label="${escapeHtml(b.chart.title)}">${chartSvg(b.chart)}</figure>`;
  }
}

export function renderHtml(input: RenderInput): string {
  const o = buildOutline(input);
  const out = [
    "<!DOCTYPE html>",
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="generator" content="gongkai">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(o.title)}</title>`,
    `<style>${CSS}</style>`,
    "</head><body>",
    `<h1>${escapeHtml(o.title)}</h1>`,
  ];
  for (const b of o.blocks) out.push(blockHtml(b));
  out.push("</body></html>");
  return out.join("\n");
}
