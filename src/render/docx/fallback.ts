/**
 * The PNG a DOCX carries next to each SVG chart, for word processors that
 * cannot draw SVG (Word before 2016). Without a browser or a font rasteriser
 * we draw the chart's shapes only — bars or pie slices in the chart's
 * colours, no labels; the SVG that every current processor shows has the
 * labels, and the figures are in the tables and the text.
 *
 * PNG encoding: 8-bit RGB, zlib through fflate.
 */
import { zlibSync } from "fflate";
import type { ChartData } from "../charts/data.ts";

const PALETTE: [number, number, number][] = [
  [0xc2, 0x35, 0x31],
  [0x2f, 0x45, 0x54],
  [0x61, 0xa0, 0xa8],
  [0xd4, 0x82, 0x65],
  [0x91, 0xc7, 0xae],
  [0x74, 0x9f, 0x83],
  [0xca, 0x86, 0x22],
];

class Canvas {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.data = new Uint8Array(width * height * 3).fill(255);
  }
  set(x: number, y: number, c: [number, number, number]): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.data[i] = c[0];
    this.data[i + 1] = c[1];
    this.data[i + 2] = c[2];
  }
  rect(x0: number, y0: number, x1: number, y1: number, c: [number, number, number]): void {
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(this.height, Math.round(y1)); y++)
      for (let x = Math.max(0, Math.round(x0)); x < Math.min(this.width, Math.round(x1)); x++)
        this.set(x, y, c);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export function encodePng(c: Canvas): Uint8Array {
  const raw = new Uint8Array((c.width * 3 + 1) * c.height);
  for (let y = 0; y < c.height; y++) {
    raw[y * (c.width * 3 + 1)] = 0; // filter: none
    raw.set(c.data.subarray(y * c.width * 3, (y + 1) * c.width * 3), y * (c.width * 3 + 1) + 1);
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, c.width);
  v.setUint32(4, c.height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlibSync(raw)),
    chunk("IEND", new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function bars(cv: Canvas, chart: ChartData): void {
  const left = 60;
  const right = cv.width - 30;
  const top = 60;
  const bottom = cv.height - 50;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values.map((x) => Math.abs(x))));
  const n = Math.max(1, chart.categories.length);
  const slot = (right - left) / n;
  const k = Math.max(1, chart.series.length);
  const bar = Math.min(48, (slot * 0.7) / k);
  chart.series.forEach((s, si) => {
    const color = PALETTE[si % PALETTE.length] as [number, number, number];
    s.values.forEach((value, ci) => {
      const h = ((bottom - top) * Math.abs(value)) / max;
      const x = left + slot * ci + (slot - bar * k) / 2 + bar * si;
      cv.rect(x, bottom - h, x + bar - 2, bottom, color);
    });
  });
  cv.rect(left, bottom, right, bottom + 1, [0x66, 0x66, 0x66]);
}

function pie(cv: Canvas, chart: ChartData): void {
  const values = chart.series[0]?.values.map((x) => Math.max(0, x)) ?? [];
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return;
  const cx = cv.width / 2;
  const cy = cv.height / 2 + 10;
  const r = Math.min(cv.width, cv.height) * 0.33;
  // Slice boundaries as angles from 12 o'clock, clockwise (as echarts draws).
  const ends: number[] = [];
  let acc = 0;
  for (const v of values) {
    acc += v;
    ends.push((acc / total) * 2 * Math.PI);
  }
  for (let y = Math.floor(cy - r); y <= cy + r; y++)
    for (let x = Math.floor(cx - r); x <= cx + r; x++) {
      const dx = x - cx;
      const dy = y - cy;
      if (dx * dx + dy * dy > r * r) continue;
      let a = Math.atan2(dx, -dy);
      if (a < 0) a += 2 * Math.PI;
      const i = ends.findIndex((e) => a <= e);
      cv.set(x, y, PALETTE[Math.max(0, i) % PALETTE.length] as [number, number, number]);
    }
}

/** The fallback picture of a chart, as PNG bytes of the given size. */
export function chartFallbackPng(chart: ChartData, width: number, height: number): Uint8Array {
  const cv = new Canvas(width, height);
  if (chart.type === "pie") pie(cv, chart);
  else bars(cv, chart);
  return encodePng(cv);
}
