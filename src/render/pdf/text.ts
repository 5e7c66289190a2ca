/** Narrative text in the PDF: headings and justified paragraphs (markers in colour). */
import { addPage, BODY_SIZE, type Doc, frame } from "./page.ts";

export function heading(doc: Doc, level: number, text: string): void {
  const f = frame(doc);
  const size = level === 1 ? 16 : level === 2 ? 13 : level === 3 ? 11.5 : 11;
  if (level === 1) {
    addPage(doc, false);
    doc.moveDown(1);
  } else if (doc.y + size * 2 + 60 > frame(doc).bottom) addPage(doc, false);
  else doc.moveDown(0.4);
  const g = frame(doc);
  doc
    .font("bold")
    .fontSize(size)
    .fillColor("#000")
    .text(text, g.left, doc.y, { width: f.width, align: level === 1 ? "center" : "left" });
  doc.moveDown(level === 1 ? 0.8 : 0.25);
}

export function paragraph(doc: Doc, text: string): void {
  const f = frame(doc);
  const opts = { width: f.width, indent: BODY_SIZE * 2, lineGap: 4 };
  doc.font("regular").fontSize(BODY_SIZE);
  // A paragraph that fits on a page is not split across two: a reader of the
  // PDF would get the page number in the middle of a sentence.
  const h = doc.heightOfString(text, opts);
  if (doc.y + h > f.bottom && h < (f.bottom - f.top) / 2) addPage(doc, false);
  // Markers in a colour of their own, so that a person finds what to write.
  const parts = text.split(/(【待填写[^】]*】)/).filter((p) => p !== "");
  doc.font("regular").fontSize(BODY_SIZE);
  parts.forEach((part, i) => {
    const color = part.startsWith("【待填写") ? "#b45309" : "#000";
    const more = i < parts.length - 1;
    if (i === 0)
      doc
        .fillColor(color)
        .text(part, f.left, doc.y, { ...opts, align: "justify", continued: more });
    else doc.fillColor(color).text(part, { continued: more });
  });
  doc.fillColor("#000");
  doc.moveDown(0.3);
}
