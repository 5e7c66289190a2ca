/**
 * `--format pdf`: the ORIGINAL PDF with every finding boxed and numbered on
 * its page, then pages listing the findings by number (severity, rule,
 * message, places, expected/actual, basis) and the waived ones with reasons.
 *
 * The original pages are kept as they are (pdf-lib loads and appends to the
 * document); boxes and numbers are drawn over them in the severity colours
 * of the web page, and each box also carries a Square annotation whose text
 * is the finding, so a PDF viewer shows it on hover and a program can read
 * the marks back. The list pages are set with pdfkit in Noto Sans SC (the
 * font the generated documents use) and copied in.
 */
import {
  type Color,
  degrees,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  type PDFPage,
  PDFString,
  rgb,
  StandardFonts,
} from "pdf-lib";
import PDFKit from "pdfkit";
import type { Layout } from "../../ingest/layout.ts";
import { GongkaiError } from "../../model/errors.ts";
// The generated documents' CJK font; a leaf module that only reads the package's TTF files.
import { fontBytes } from "../../render/pdf/fonts.ts";
import type { CheckReport, Finding, Severity } from "../types.ts";
import {
  describeLocation,
  documentFiles,
  KIND_LABELS,
  ruleLookup,
  SEVERITY_LABELS,
} from "./labels.ts";
import { type FindingMark, findingMarks } from "./marks.ts";

/** Severity colours, as the web page shows them. */
export const SEVERITY_RGB: Record<Severity, [number, number, number]> = {
  error: [0.8, 0.12, 0.12],
  warning: [0.85, 0.47, 0.02],
  info: [0.11, 0.4, 0.75],
};

function colour(s: Severity): Color {
  const [r, g, b] = SEVERITY_RGB[s];
  return rgb(r, g, b);
}

type Box = [number, number, number, number];

/**
 * A viewport box (top-left origin, turned by /Rotate) as a rectangle in the
 * page's user space: pdf.js's viewport transform at scale 1, inverted.
 */
export function userRect(page: PDFPage, box: Box): { x: number; y: number; w: number; h: number } {
  const crop = page.getCropBox();
  const view: Box = [crop.x, crop.y, crop.x + crop.width, crop.y + crop.height];
  const rotate = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const toUser = (vx: number, vy: number): [number, number] => {
    switch (rotate) {
      case 90:
        return [view[0] + vy, view[1] + vx];
      case 180:
        return [view[2] - vx, view[1] + vy];
      case 270:
        return [view[2] - vy, view[3] - vx];
      default:
        return [view[0] + vx, view[3] - vy];
    }
  };
  const [ax, ay] = toUser(box[0], box[1]);
  const [bx, by] = toUser(box[2], box[3]);
  const x = Math.min(ax, bx);
  const y = Math.min(ay, by);
  return { x, y, w: Math.abs(bx - ax), h: Math.abs(by - ay) };
}

/** Draw one numbered box on its page, and attach its annotation. */
function drawMark(
  doc: PDFDocument,
  page: PDFPage,
  mark: FindingMark,
  finding: Finding,
  number: number,
  label: boolean,
  font: PDFFont,
  /** How many numbers already sit at this spot: this one goes beside them. */
  shift = 0,
): void {
  const c = colour(finding.severity);
  const pad = 1.5;
  const r = userRect(page, mark.box);
  const rect = { x: r.x - pad, y: r.y - pad, w: r.w + 2 * pad, h: r.h + 2 * pad };
  page.drawRectangle({
    x: rect.x,
    y: rect.y,
    width: rect.w,
    height: rect.h,
    borderColor: c,
    borderWidth: 1.2,
    color: c,
    opacity: 0.08,
    borderOpacity: 0.95,
  });
  if (label) {
    const text = String(number);
    const size = 7;
    const tw = font.widthOfTextAtSize(text, size) + 4;
    const th = size + 3;
    const rotate = page.getRotation().angle % 360;
    // The tag sits above the box's top-left corner as the reader sees the page.
    const [ax, ay] =
      rotate === 90
        ? [rect.x + rect.w, rect.y]
        : rotate === 180
          ? [rect.x + rect.w, rect.y]
          : rotate === 270
            ? [rect.x, rect.y + rect.h]
            : [rect.x, rect.y + rect.h];
    const turn = (rotate * Math.PI) / 180;
    const tx = ax + shift * 18 * Math.cos(turn);
    const ty = ay + shift * 18 * Math.sin(turn);
    page.drawRectangle({
      x: tx,
      y: ty,
      width: tw,
      height: th,
      color: c,
      rotate: degrees(rotate),
    });
    const inset = (dx: number, dy: number): [number, number] => {
      const a = (rotate * Math.PI) / 180;
      return [tx + dx * Math.cos(a) - dy * Math.sin(a), ty + dx * Math.sin(a) + dy * Math.cos(a)];
    };
    const [lx, ly] = inset(2, 2.6);
    page.drawText(text, {
      x: lx,
      y: ly,
      size,
      font,
      color: rgb(1, 1, 1),
      rotate: degrees(rotate),
    });
  }
  const annot = doc.context.obj({
    Type: "Annot",
    Subtype: "Square",
    Rect: [rect.x, rect.y, rect.x + rect.w, rect.y + rect.h],
    // Drawn above already: the annotation itself has no border, only its text.
    Border: [0, 0, 0],
    F: 4,
    T: PDFString.of(`gongkai ${number}`),
    Contents: PDFHexString.fromText(
      `${number}. [${SEVERITY_LABELS[finding.severity]}] ${finding.rule} ${finding.message}`,
    ),
    NM: PDFString.of(`gongkai-${number}-${mark.page}`),
  });
  page.node.addAnnot(doc.context.register(annot));
}

/** The pages listing the findings, set with pdfkit. */
async function listPages(report: CheckReport, marks: FindingMark[]): Promise<Uint8Array> {
  const pdf = new PDFKit({ size: "A4", margin: 50, bufferPages: false });
  pdf.registerFont("regular", fontBytes("regular"));
  pdf.registerFont("bold", fontBytes("bold"));
  const chunks: Buffer[] = [];
  pdf.on("data", (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve) => pdf.on("end", () => resolve()));
  const rules = ruleLookup();
  const d = report.document;
  const width = pdf.page.width - 100;
  pdf.font("bold").fontSize(16).text("检查问题清单", { align: "left" });
  pdf.moveDown(0.4);
  pdf
    .font("regular")
    .fontSize(9.5)
    .fillColor("#333333")
    .text(
      `${d.entity} ${d.year} 年${KIND_LABELS[d.kind]}${documentFiles(d) ? `（${documentFiles(d)}）` : ""}`,
    )
    .text(
      `错误 ${report.summary.error} 条，警告 ${report.summary.warning} 条，提示 ${report.summary.info} 条，已豁免 ${report.summary.waived} 条。框号与原文各页的标注一致。`,
    );
  pdf.moveDown(0.8);
  const pagesOf = (i: number) => [
    ...new Set(marks.filter((m) => m.finding === i).map((m) => m.page)),
  ];
  report.findings.forEach((f, i) => {
    const [r, g, b] = SEVERITY_RGB[f.severity];
    const hex = `#${[r, g, b]
      .map((v) =>
        Math.round(v * 255)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")}`;
    const title = rules(f.rule)?.title;
    if (pdf.y > pdf.page.height - 140) pdf.addPage();
    const pages = pagesOf(i);
    pdf
      .font("bold")
      .fontSize(10.5)
      .fillColor(hex)
      .text(`${i + 1}. ${SEVERITY_LABELS[f.severity]}`, { continued: true })
      .fillColor("#222222")
      .text(
        `  ${f.rule}${title ? ` ${title}` : ""}${pages.length ? `（标注在第 ${pages.join("、")} 页）` : "（无页面位置）"}`,
      );
    pdf.font("regular").fontSize(9.5).fillColor("#222222").text(f.message, { width });
    const places = [...new Set(f.locations.map((l) => describeLocation(l)))];
    if (places.length) {
      pdf
        .fillColor("#555555")
        .fontSize(8.5)
        .text(
          `位置：${places.slice(0, 8).join("；")}${places.length > 8 ? ` 等 ${places.length} 处` : ""}`,
          {
            width,
          },
        );
    }
    if (f.expected !== undefined || f.actual !== undefined) {
      pdf.text(`应为：${f.expected ?? "—"}    实际：${f.actual ?? "—"}`, { width });
    }
    pdf.fillColor("#777777").fontSize(8).text(`依据：${f.basis}`, { width });
    pdf.moveDown(0.6);
  });
  if (report.findings.length === 0) pdf.fontSize(10).fillColor("#222222").text("没有发现问题。");
  if (report.waived.length > 0) {
    pdf.moveDown(0.6).font("bold").fontSize(12).fillColor("#222222").text("已豁免的问题");
    pdf.moveDown(0.3);
    for (const w of report.waived) {
      if (pdf.y > pdf.page.height - 100) pdf.addPage();
      pdf
        .font("regular")
        .fontSize(9)
        .fillColor("#444444")
        .text(`${w.rule}：${w.message}`, { width });
      pdf.fillColor("#777777").text(`豁免理由：${w.waiver.reason}`, { width });
      pdf.moveDown(0.4);
    }
  }
  pdf.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

export interface AnnotateOptions {
  /** The original's Layout (from ingestBytes), when the caller has it; read otherwise. */
  layout?: Layout;
  /** The marks, when the caller computed them already (findingMarks over `report.findings`). */
  marks?: FindingMark[];
}

/** The annotated PDF: the original with its findings boxed and numbered, and the list of findings. */
export async function annotatePdf(
  original: Uint8Array,
  report: CheckReport,
  opts: AnnotateOptions = {},
): Promise<Uint8Array> {
  let marks = opts.marks;
  if (!marks) {
    const layout =
      opts.layout ?? (await (await import("../../ingest/index.ts")).ingestBytes(original));
    marks = findingMarks(report.findings, layout, report.document.file);
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { updateMetadata: false });
  } catch {
    throw new GongkaiError("unreadable", "批注 PDF 需要可以打开的 PDF 原件（文件已加密或已损坏）");
  }
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  const pages = doc.getPages();
  const labelled = new Set<string>();
  const spots = new Map<string, number>();
  for (const m of marks) {
    const page = pages[m.page - 1];
    const finding = report.findings[m.finding];
    if (!page || !finding) continue;
    // Number each finding once per page: on the first of its boxes there.
    const key = `${m.finding}:${m.page}`;
    const label = !labelled.has(key);
    // Numbers of findings on the same spot go side by side, not on top of each other.
    const spot = `${m.page}:${Math.round(m.box[0] / 4)}:${Math.round(m.box[1] / 4)}`;
    const shift = label ? (spots.get(spot) ?? 0) : 0;
    if (label) spots.set(spot, shift + 1);
    drawMark(doc, page, m, finding, m.finding + 1, label, font, shift);
    labelled.add(key);
  }
  const list = await PDFDocument.load(await listPages(report, marks));
  const copied = await doc.copyPages(list, list.getPageIndices());
  for (const p of copied) doc.addPage(p);
  return doc.save();
}
