/**
 * Charts as pictures for DOCX. Word 2016+ draws the SVG; LibreOffice (7.x)
 * and older Word show the PNG fallback, so the fallback should be the same
 * picture: we rasterise the SVG with @napi-rs/canvas (Skia, with the Noto
 * Sans SC font the PDF renderer uses) when it is installed — it comes with
 * pdfjs-dist as an optional dependency — and otherwise draw the chart's
 * shapes without labels (fallback.ts).
 */
import type { ChartData } from "../charts/data.ts";
import { fontBytes } from "../pdf/fonts.ts";
import { chartFallbackPng } from "./fallback.ts";

/**
 * echarts writes `style="font-family:"Noto Sans SC", …"` — double quotes
 * inside a double-quoted attribute, which is not XML. Word and Skia reject
 * such an SVG; single quotes inside the attribute fix it. Label halos go too
 * (dropHalo).
 */
export function repairSvg(svg: string): string {
  return svg
    .replace(
      /font-family:([^;>]*);/g,
      (_m, family: string) => `font-family:${family.replace(/"/g, "'")};`,
    )
    .replace(/<text\b[^>]*\bpaint-order="stroke"[^>]*>/g, dropHalo);
}

/**
 * A label's white halo (`stroke` painted under the fill by `paint-order`):
 * renderers without paint-order (Skia's SVG, older Word) paint the stroke
 * over the text and the label turns white. The label reads as well without.
 */
function dropHalo(tag: string): string {
  return tag.replace(/\s(?:stroke|stroke-width|paint-order|stroke-miterlimit)="[^"]*"/g, "");
}

type CanvasModule = typeof import("@napi-rs/canvas");
let canvasModule: Promise<CanvasModule | undefined> | undefined;

function loadCanvas(): Promise<CanvasModule | undefined> {
  canvasModule ??= import("@napi-rs/canvas")
    .then((m) => {
      m.GlobalFonts.register(fontBytes("regular"), "Noto Sans SC");
      return m;
    })
    .catch(() => undefined);
  return canvasModule;
}

/** Whether charts are rasterised with their labels (false: shapes only). */
export async function canRasterise(): Promise<boolean> {
  return (await loadCanvas()) !== undefined;
}

/** PNG of the chart at `scale` × its size: the SVG rasterised, or its shapes. */
export async function chartPng(
  chart: ChartData,
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Uint8Array> {
  const m = await loadCanvas();
  if (m) {
    try {
      const image = await m.loadImage(Buffer.from(svg));
      const canvas = m.createCanvas(width * scale, height * scale);
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width * scale, height * scale);
      ctx.drawImage(image, 0, 0, width * scale, height * scale);
      return new Uint8Array(canvas.toBuffer("image/png"));
    } catch {
      // An SVG Skia cannot read: the shapes-only picture below.
    }
  }
  return chartFallbackPng(chart, width, height);
}
