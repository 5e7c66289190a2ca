/**
 * Charts in the PDF, drawn with vector primitives from the same data as the
 * HTML's echarts SVG: bars for comparisons, a pie for structures.
 */
import type { ChartData } from "../charts/data.ts";
import { addPage, type Doc, type Frame, frame } from "./page.ts";

const COLORS = ["#c23531", "#2f4554", "#61a0a8", "#d48265", "#91c7ae", "#749f83", "#ca8622"];

/** Printed value of a chart figure (display only). */
function label(v: number): string {
  return (v / 100).toFixed(2);
}

export function drawChart(doc: Doc, c: ChartData): void {
  const H = 230;
  if (doc.y + H + 20 > frame(doc).bottom) addPage(doc, false);
  const f = frame(doc);
  const top = doc.y + 6;
  // Titles without a unit figure (“单位：” lines belong to tables).
  doc
    .font("bold")
    .fontSize(11)
    .fillColor("#000")
    .text(`${c.title}（${c.unit}）`, f.left, top, { width: f.width, align: "center" });
  const areaTop = top + 22;
  const areaH = H - 60;
  if (c.type === "pie") drawPie(doc, c, f, areaTop, areaH);
  else drawBars(doc, c, f, areaTop, areaH);
  doc.fillColor("#000");
  doc.y = top + H;
}

function drawBars(doc: Doc, c: ChartData, f: Frame, top: number, h: number): void {
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const n = c.categories.length;
  const plotL = f.left + 30;
  const plotW = f.width - 60;
  const slot = plotW / n;
  const barW = Math.min(36, (slot * 0.7) / c.series.length);
  const base = top + h;
  c.categories.forEach((cat, i) => {
    c.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const bh = Math.max(0, (h - 16) * (v / max));
      const x = plotL + i * slot + (slot - barW * c.series.length) / 2 + k * barW;
      doc.rect(x + 1, base - bh, barW - 2, bh).fill(COLORS[k % COLORS.length] ?? "#333");
      doc
        .fillColor("#000")
        .font("regular")
        .fontSize(7.5)
        .text(label(v), x - 10, base - bh - 10, {
          width: barW + 20,
          align: "center",
          lineBreak: false,
        });
    });
    doc
      .fillColor("#000")
      .font("regular")
      .fontSize(8)
      .text(cat, plotL + i * slot, base + 4, { width: slot, align: "center" });
  });
  legend(
    doc,
    c.series.map((s) => s.name),
    f,
    base + 30,
  );
}

function drawPie(doc: Doc, c: ChartData, f: Frame, top: number, h: number): void {
  const values = c.series[0]?.values ?? [];
  const total = values.reduce((a, b) => a + Math.max(0, b), 0);
  if (total <= 0) return;
  const r = h / 2;
  const cx = f.left + f.width * 0.32;
  const cy = top + r;
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    const sweep = (2 * Math.PI * Math.max(0, v)) / total;
    const color = COLORS[i % COLORS.length] ?? "#333";
    if (sweep >= 2 * Math.PI - 1e-9) doc.circle(cx, cy, r).fill(color);
    else if (sweep > 0) {
      const x1 = cx + r * Math.cos(angle);
      const y1 = cy + r * Math.sin(angle);
      const x2 = cx + r * Math.cos(angle + sweep);
      const y2 = cy + r * Math.sin(angle + sweep);
      const large = sweep > Math.PI ? 1 : 0;
      doc.path(`M ${cx} ${cy} L ${x1} ${y1} A ${r} ${r} 0 ${large} 1 ${x2} ${y2} Z`).fill(color);
    }
    angle += sweep;
  });
  // Legend with the values beside the pie.
  let y = top + 10;
  const lx = f.left + f.width * 0.58;
  c.categories.forEach((cat, i) => {
    doc.rect(lx, y + 2, 9, 9).fill(COLORS[i % COLORS.length] ?? "#333");
    doc
      .fillColor("#000")
      .font("regular")
      .fontSize(9)
      .text(`${cat}  ${label(values[i] ?? 0)}`, lx + 14, y, { width: f.width * 0.4 });
    y += 16;
  });
}

function legend(doc: Doc, names: string[], f: Frame, y: number): void {
  let x = f.left + f.width / 2 - names.length * 40;
  names.forEach((n, i) => {
    doc.rect(x, y + 2, 9, 9).fill(COLORS[i % COLORS.length] ?? "#333");
    doc
      .fillColor("#000")
      .font("regular")
      .fontSize(8.5)
      .text(n, x + 12, y, { lineBreak: false });
    x += 80;
  });
}
