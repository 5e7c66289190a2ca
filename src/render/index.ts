/**
 * The document generator: a disclosure's figures (plus last year's figures
 * and the texts only a person can write) → a complete disclosure document in
 * HTML, PDF, XLSX or DOCX. Every format draws the same outline (outline.ts):
 * the standard tables in their official layouts (spec/), the narrative
 * written from the tables (narrative/), and the charts (charts/).
 *
 * The PDF, XLSX and DOCX writers (pdfkit, exceljs, docx and the canvas) are
 * loaded only when a document of their format is asked for.
 */
import { GongkaiError } from "../model/errors.ts";
import { renderHtml } from "./html/index.ts";
import { parseRenderInput, type RenderInput } from "./input.ts";
import { inputFromDisclosure } from "./source-figures.ts";
import { xmlSafe } from "./xml-safe.ts";

export { type ChartData, documentCharts } from "./charts/data.ts";
export { chartSvg } from "./charts/svg.ts";
export { renderHtml } from "./html/index.ts";
export {
  type Figures,
  type Prior,
  parseRenderInput,
  type RenderInput,
  type RenderInputJson,
  RenderInputSchema,
  type Texts,
} from "./input.ts";
export { writeNarrative } from "./narrative/index.ts";
export { type Block, buildOutline, type Outline } from "./outline.ts";
export {
  type CarriedFigure,
  carriedFigures,
  figuresFromClaims,
  inputFromDisclosure,
} from "./source-figures.ts";
export { documentGrids, type Grid } from "./spec/index.ts";

/** The PDF document (A4, Noto Sans SC); pdfkit is loaded on the first call. */
export async function renderPdf(input: RenderInput): Promise<Uint8Array> {
  return (await import("./pdf/index.ts")).renderPdf(input);
}

export const RENDER_FORMATS = ["html", "pdf", "xlsx", "docx"] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/**
 * Render one document; HTML as UTF-8 bytes. Whatever characters the input
 * holds, the output is well-formed: what XML cannot hold is taken out first.
 */
export async function renderDocument(
  given: RenderInput,
  format: RenderFormat,
): Promise<Uint8Array> {
  const input = xmlSafe(given);
  switch (format) {
    case "html":
      return new TextEncoder().encode(renderHtml(input));
    case "pdf":
      return renderPdf(input);
    case "xlsx":
      return (await import("./xlsx/index.ts")).renderXlsx(input);
    case "docx":
      return (await import("./docx/index.ts")).renderDocx(input);
    default:
      throw new GongkaiError("unsupported_format", `不支持的输出格式：${String(format)}`);
  }
}

/**
 * Validate JSON (a RenderInput, or a bare Disclosure) and render it. A bare
 * Disclosure is rendered with the figures its own claims state
 * (source-figures.ts).
 */
export async function renderJson(json: unknown, format: RenderFormat): Promise<Uint8Array> {
  if (json && typeof json === "object" && "disclosure" in json)
    return renderDocument(parseRenderInput(json), format);
  const { disclosure } = parseRenderInput({ disclosure: json });
  return renderDocument(inputFromDisclosure(disclosure), format);
}
