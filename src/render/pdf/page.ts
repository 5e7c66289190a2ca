/** Pages of the PDF: A4 portrait or landscape, margins, the frame text flows in. */
export type Doc = PDFKit.PDFDocument;

export const A4 = { w: 595.28, h: 841.89 };
export const MARGIN = { portrait: 56, landscape: 40 };
export const BODY_SIZE = 10.5;
export const CELL_PAD = 3;
export const MIN_ROW = 15;
export const LINE = 0.6;

export interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
}

export function frame(doc: Doc): Frame {
  const m = doc.page.margins;
  return {
    left: m.left,
    right: doc.page.width - m.right,
    top: m.top,
    bottom: doc.page.height - m.bottom,
    width: doc.page.width - m.left - m.right,
  };
}

export function addPage(doc: Doc, landscape: boolean): void {
  const m = landscape ? MARGIN.landscape : MARGIN.portrait;
  doc.addPage({
    size: "A4",
    layout: landscape ? "landscape" : "portrait",
    margins: { top: m, bottom: m, left: m, right: m },
  });
}
