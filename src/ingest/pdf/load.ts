/**
 * Open a PDF with pdf.js and turn every way that can fail into a clear
 * Chinese GongkaiError: encrypted with a password, not a PDF, damaged.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { GongkaiError } from "../../model/errors.ts";

/**
 * The package's own CMaps and standard fonts. Without them pdf.js cannot map
 * the predefined CJK encodings (UniGB-UCS2-H …) to Unicode and Chinese text
 * silently disappears.
 */
function packageFolder(sub: string): string {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return `${pathToFileURL(join(root, sub)).href}/`;
}

const CMAP_URL = packageFolder("cmaps");
const STANDARD_FONT_URL = packageFolder("standard_fonts");

/** How long opening a document may take before we give up. */
const OPEN_TIMEOUT_MS = 30_000;

function errorName(e: unknown): string {
  return e && typeof e === "object" && "name" in e ? String((e as { name: unknown }).name) : "";
}

export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GongkaiError("unreadable", message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface OpenPdf {
  doc: PDFDocumentProxy;
  /** Release the document and its (in-process) worker. */
  close: () => Promise<void>;
}

export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
  // (pdf.js 6 no longer evaluates font programs as code, so the former
  // `isEvalSupported: false` option no longer exists.)
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_URL,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    stopAtErrors: false,
  });
  try {
    const doc = await withTimeout(
      task.promise,
      OPEN_TIMEOUT_MS,
      "PDF 文件打开超时，文件可能已损坏",
    );
    return { doc, close: () => task.destroy() };
  } catch (e) {
    void task.destroy();
    if (e instanceof GongkaiError) throw e;
    const name = errorName(e);
    if (name === "PasswordException") {
      throw new GongkaiError(
        "unreadable",
        "这份 PDF 设有打开密码（已加密），无法读取；请先用密码打开并另存为不加密的 PDF",
      );
    }
    if (name === "InvalidPDFException") {
      throw new GongkaiError("unreadable", "文件不是有效的 PDF，或已损坏，无法读取");
    }
    throw new GongkaiError("unreadable", "PDF 文件已损坏或不完整，无法读取");
  }
}
