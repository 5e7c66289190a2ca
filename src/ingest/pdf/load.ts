/**
 * Open a PDF with PDFium and turn every way that can fail into a clear
 * Chinese GongkaiError: encrypted with a password, not a PDF, damaged.
 */
import { GongkaiError } from "../../model/errors.ts";
import { FPDF_ERR_FORMAT, FPDF_ERR_PASSWORD, type Pdfium, pdfium } from "./pdfium.ts";

export interface PdfDocument {
  engine: Pdfium;
  /** PDFium's document handle. */
  handle: number;
  numPages: number;
}

export interface OpenPdf {
  doc: PdfDocument;
  /** Release the document and the copy of its bytes in the wasm heap. */
  close: () => void;
}

export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  const engine = await pdfium();
  const { api } = engine;
  // PDFium reads the bytes in place for as long as the document is open.
  const data = api.malloc(Math.max(1, bytes.length));
  if (!data) throw new GongkaiError("unreadable", "PDF 文件过大，无法读取");
  engine.heap().u8.set(bytes, data);
  const handle = api.FPDF_LoadMemDocument(data, bytes.length, 0);
  if (!handle) {
    const error = api.FPDF_GetLastError();
    api.free(data);
    if (error === FPDF_ERR_PASSWORD) {
      throw new GongkaiError(
        "unreadable",
        "这份 PDF 设有打开密码（已加密），无法读取；请先用密码打开并另存为不加密的 PDF",
      );
    }
    if (error === FPDF_ERR_FORMAT) {
      throw new GongkaiError("unreadable", "文件不是有效的 PDF，或已损坏，无法读取");
    }
    throw new GongkaiError("unreadable", "PDF 文件已损坏或不完整，无法读取");
  }
  let closed = false;
  return {
    doc: { engine, handle, numPages: Math.max(0, api.FPDF_GetPageCount(handle)) },
    close: () => {
      if (closed) return;
      closed = true;
      api.FPDF_CloseDocument(handle);
      api.free(data);
    },
  };
}
