/**
 * PDFium (Chrome's PDF engine, BSD/Apache) compiled to WebAssembly, as the
 * @embedpdf/pdfium package ships it: the wasm file is part of the npm
 * package, read from disk; nothing is downloaded at install or run time.
 *
 * One engine per process, started on first use (about 0.1 s). Calls go
 * straight to the wasm exports: they take and return numbers (handles,
 * pointers into the wasm heap, values).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { init } from "@embedpdf/pdfium";

/** The PDFium C functions this reader calls, by their C names. */
export interface PdfiumApi {
  FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  FPDF_CloseDocument(doc: number): void;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_GetPageBoundingBox(page: number, rect: number): number;
  FPDFPage_GetRotation(page: number): number;
  FPDFPage_CountObjects(page: number): number;
  FPDFPage_GetObject(page: number, index: number): number;
  FPDFPageObj_GetType(obj: number): number;
  FPDFPageObj_GetMatrix(obj: number, matrix: number): number;
  FPDFPageObj_CountMarks(obj: number): number;
  FPDFPageObj_GetMark(obj: number, index: number): number;
  FPDFPageObj_GetBounds(
    obj: number,
    left: number,
    bottom: number,
    right: number,
    top: number,
  ): number;
  FPDFPageObj_GetClipPath(obj: number): number;
  FPDFClipPath_CountPaths(clip: number): number;
  FPDFClipPath_CountPathSegments(clip: number, path: number): number;
  FPDFClipPath_GetPathSegment(clip: number, path: number, index: number): number;
  FPDFFormObj_CountObjects(obj: number): number;
  FPDFFormObj_GetObject(obj: number, index: number): number;
  FPDFPath_CountSegments(obj: number): number;
  FPDFPath_GetPathSegment(obj: number, index: number): number;
  FPDFPath_GetDrawMode(obj: number, fillMode: number, stroke: number): number;
  FPDFPathSegment_GetPoint(seg: number, x: number, y: number): number;
  FPDFPathSegment_GetType(seg: number): number;
  FPDFPathSegment_GetClose(seg: number): number;
  FPDFTextObj_GetFont(obj: number): number;
  FPDFTextObj_GetTextRenderMode(obj: number): number;
  FPDFFont_GetBaseFontName(font: number, buffer: number, length: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_IsGenerated(textPage: number, index: number): number;
  FPDFText_HasUnicodeMapError(textPage: number, index: number): number;
  FPDFText_GetTextObject(textPage: number, index: number): number;
  FPDFText_GetFontSize(textPage: number, index: number): number;
  FPDFText_GetCharOrigin(textPage: number, index: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
  FPDFText_GetMatrix(textPage: number, index: number, matrix: number): number;
  malloc(size: number): number;
  free(ptr: number): void;
}

export interface Pdfium {
  api: PdfiumApi;
  /** The wasm heap (re-read after every allocation: it may grow and move). */
  heap(): { u8: Uint8Array; f32: Float32Array; f64: Float64Array };
}

/** FPDF_GetLastError codes. */
export const FPDF_ERR_FORMAT = 3;
export const FPDF_ERR_PASSWORD = 4;

/** FPDFPageObj_GetType codes. */
export const OBJ_TEXT = 1;
export const OBJ_PATH = 2;
export const OBJ_IMAGE = 3;
export const OBJ_FORM = 5;

/** FPDFPathSegment_GetType codes. */
export const SEG_LINETO = 0;
export const SEG_BEZIERTO = 1;
export const SEG_MOVETO = 2;

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * PDFium keeps coordinates as 32-bit floats: 595.3 in the file comes back
 * as 595.29998779… The shortest decimal that is the same 32-bit float is
 * the number the file wrote (as pdf.js, which parses in 64 bits, has it),
 * so boxes rounded to 0.1 pt come out the same.
 */
export function fromF32(v: number): number {
  for (const p of POW10) {
    const r = Math.round(v * p) / p;
    if (Math.fround(r) === v) return r;
  }
  return v;
}

let engine: Promise<Pdfium> | undefined;

async function start(): Promise<Pdfium> {
  const wasmBinary = readFileSync(
    createRequire(import.meta.url).resolve("@embedpdf/pdfium/pdfium.wasm"),
  );
  // A file this large is read into an ArrayBuffer of its own: handed over as
  // it is, without a copy of its 4.6 MB (the copy took longer than the read).
  const whole =
    wasmBinary.byteOffset === 0 && wasmBinary.byteLength === wasmBinary.buffer.byteLength;
  const wrapped = await init({
    wasmBinary: (whole
      ? wasmBinary.buffer
      : wasmBinary.buffer.slice(
          wasmBinary.byteOffset,
          wasmBinary.byteOffset + wasmBinary.byteLength,
        )) as ArrayBuffer,
  });
  wrapped.PDFiumExt_Init();
  const module = wrapped.pdfium as unknown as {
    wasmExports: PdfiumApi;
    HEAPU8: Uint8Array;
    HEAPF32: Float32Array;
    HEAPF64: Float64Array;
  };
  return {
    api: module.wasmExports,
    heap: () => ({ u8: module.HEAPU8, f32: module.HEAPF32, f64: module.HEAPF64 }),
  };
}

/** The process's PDFium, started on first call. */
export function pdfium(): Promise<Pdfium> {
  engine ??= start().catch((e: unknown) => {
    engine = undefined;
    throw e;
  });
  return engine;
}
