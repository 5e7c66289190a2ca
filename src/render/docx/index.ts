/**
 * `renderDocx(input)`: the whole disclosure as a Word document (the `docx`
 * package). A4; the title, then the outline's headings and paragraphs; each
 * table on its own page with its number, title, 部门 and 单位 lines and the
 * grid: merged header cells (colspan / rowspan) repeated on every page
 * (`tableHeader`), right-aligned amounts, indented names. Tables wider than
 * a portrait page go in landscape sections. Charts are embedded as SVG with
 * the same picture as PNG for processors that cannot draw SVG (raster.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Table as DocxTable,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  SectionType,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { ChartData } from "../charts/data.ts";
import { chartSvg } from "../charts/svg.ts";
import type { RenderInput } from "../input.ts";
import { type Block, buildOutline } from "../outline.ts";
import { fitPage, INDENT_EM } from "../spec/fit.ts";
import type { BodyCell, Grid, HeaderCell } from "../spec/index.ts";
import { chartPng, repairSvg } from "./raster.ts";

/** A4 in twips (1/1440 inch). */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { portrait: 1300, landscape: 900 };
const FONT = { ascii: "SimSun", eastAsia: "SimSun", hAnsi: "SimSun" };
const HEAD_FONT = { ascii: "SimHei", eastAsia: "SimHei", hAnsi: "SimHei" };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
/** Left and right cell padding in twips. */
const CELL_MARGIN = 70;
const MARGINS = { left: CELL_MARGIN, right: CELL_MARGIN, top: 20, bottom: 20 };

type Child = Paragraph | DocxTable;

function headingLevel(level: number) {
  return level <= 1
    ? HeadingLevel.HEADING_1
    : level === 2
      ? HeadingLevel.HEADING_2
      : level === 3
        ? HeadingLevel.HEADING_3
        : HeadingLevel.HEADING_4;
}

function cellParagraph(
  text: string,
  opts: { align?: BodyCell["align"]; bold?: boolean; indent?: number; size?: number },
): Paragraph {
  const alignment =
    opts.align === "right"
      ? AlignmentType.RIGHT
      : opts.align === "center"
        ? AlignmentType.CENTER
        : AlignmentType.LEFT;
  return new Paragraph({
    alignment,
    spacing: { before: 0, after: 0, line: 260 },
    // An indent step is INDENT_EM of the cell's font (size in half-points, twips = pt × 20).
    ...(opts.indent
      ? { indent: { left: Math.round(opts.indent * INDENT_EM * (opts.size ?? 18) * 10) } }
      : {}),
    children: [new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? 18, font: FONT })],
  });
}

/** Header cells row by row, each row in column order (the cells a rowspan covers are left out). */
function headerRows(g: Grid): HeaderCell[][] {
  const rows: HeaderCell[][] = Array.from({ length: g.headerRows }, () => []);
  for (const h of [...g.header].sort((a, b) => a.row - b.row || a.col - b.col))
    rows[h.row]?.push(h);
  return rows;
}

function contentWidth(landscape: boolean): number {
  return landscape ? A4.height - 2 * MARGIN.landscape : A4.width - 2 * MARGIN.portrait;
}

/** Left + right padding of a cell in points, with room for the processor's own rounding. */
const CELL_PAD_PT = (2 * CELL_MARGIN) / 20 + 2;

/**
 * Column widths in twips and the font size of a table: widths from what the
 * cells hold (spec/fit.ts), at the largest size at which no amount or code
 * breaks and no name column is squeezed to a character a line.
 */
export function tableFit(g: Grid): { widths: number[]; size: number } {
  const total = contentWidth(g.landscape);
  const fit = fitPage(g, total / 20, CELL_PAD_PT);
  const widths = fit.widths.map((w) => Math.floor(w * 20));
  return { widths, size: fit.size };
}

export function gridTable(g: Grid): DocxTable {
  const total = contentWidth(g.landscape);
  const { widths, size } = tableFit(g);
  // Font sizes in half-points.
  const half = Math.round(size * 2);
  const spanWidth = (col: number, span: number) =>
    widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  const rows: TableRow[] = headerRows(g).map(
    (cells) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cells.map(
          (h) =>
            new TableCell({
              children: [cellParagraph(h.text, { align: "center", bold: true, size: half })],
              columnSpan: h.colSpan ?? 1,
              rowSpan: h.rowSpan ?? 1,
              verticalAlign: VerticalAlign.CENTER,
              shading: { fill: "F2F2F2" },
              borders: BORDERS,
              margins: MARGINS,
              width: { size: spanWidth(h.col, h.colSpan ?? 1), type: WidthType.DXA },
            }),
        ),
      }),
  );
  for (const body of g.body)
    rows.push(
      new TableRow({
        cantSplit: true,
        children: body.map((c, k) => {
          const o: { align: BodyCell["align"]; bold: boolean; indent?: number; size: number } = {
            align: c.align,
            bold: c.bold ?? false,
            size: half,
          };
          if (c.indent) o.indent = c.indent;
          return new TableCell({
            children: [cellParagraph(c.text, o)],
            verticalAlign: VerticalAlign.CENTER,
            borders: BORDERS,
            margins: MARGINS,
            width: { size: widths[k] ?? 0, type: WidthType.DXA },
          });
        }),
      }),
    );
  return new DocxTable({
    rows,
    columnWidths: widths,
    width: { size: total, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

function tableBlock(g: Grid, first: boolean): Child[] {
  const out: Child[] = [
    new Paragraph({
      pageBreakBefore: !first,
      children: [new TextRun({ text: g.number, font: FONT, size: 21 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 60, after: 120 },
      children: [new TextRun({ text: g.title, bold: true, size: 32, font: HEAD_FONT })],
    }),
    // 部门 on the left, 单位 on the right: one line, a right tab stop at the edge.
    new Paragraph({
      tabStops: [{ type: "right", position: contentWidth(g.landscape) }],
      spacing: { after: 60 },
      children: [
        new TextRun({ text: g.entityLine, font: FONT, size: 20 }),
        new TextRun({ text: `\t${g.unitLine}`, font: FONT, size: 20 }),
      ],
    }),
    gridTable(g),
  ];
  for (const note of [g.emptyNote, g.note])
    if (note)
      out.push(
        new Paragraph({
          spacing: { before: 80 },
          children: [new TextRun({ text: note, font: FONT, size: 19 })],
        }),
      );
  return out;
}

const CHART = { width: 600, height: 340 };

interface ChartImage {
  svg: Uint8Array;
  png: Uint8Array;
}

/** A chart: the echarts SVG, with a PNG of the same picture for processors that cannot draw SVG. */
async function chartImage(c: ChartData): Promise<ChartImage> {
  const svg = repairSvg(chartSvg(c, CHART.width, CHART.height));
  return {
    svg: new TextEncoder().encode(svg),
    png: await chartPng(c, svg, CHART.width, CHART.height),
  };
}

function chartBlock(c: ChartData, image: ChartImage): Child[] {
  const run = new ImageRun({
    type: "svg",
    data: image.svg,
    transformation: CHART,
    fallback: { type: "png", data: image.png },
    altText: { name: c.title, description: c.title, title: c.title },
  });
  return [new Paragraph({ alignment: AlignmentType.CENTER, children: [run as ParagraphChild] })];
}

/** A paragraph's runs: 【待填写：…】 markers highlighted, so a person finds what to write. */
export function markedRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const m of text.matchAll(/【待填写[^】]*】/g)) {
    const i = m.index ?? 0;
    if (i > at) runs.push(new TextRun({ text: text.slice(at, i), font: FONT, size: 24 }));
    runs.push(new TextRun({ text: m[0], font: FONT, size: 24, highlight: "yellow" }));
    at = i + m[0].length;
  }
  if (at < text.length) runs.push(new TextRun({ text: text.slice(at), font: FONT, size: 24 }));
  return runs;
}

function narrativeBlock(b: Block): Child[] {
  if (b.kind === "heading")
    return [
      new Paragraph({
        heading: headingLevel(b.level),
        alignment: b.level === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
        pageBreakBefore: b.level === 1,
        children: [new TextRun({ text: b.text, font: HEAD_FONT })],
      }),
    ];
  if (b.kind === "paragraph")
    return [
      new Paragraph({
        indent: { firstLine: 480 },
        spacing: { line: 400, after: 80 },
        alignment: AlignmentType.JUSTIFIED,
        children: markedRuns(b.text),
      }),
    ];
  return [];
}

interface Run {
  landscape: boolean;
  children: Child[];
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: ["第 ", PageNumber.CURRENT, " 页"], font: FONT, size: 18 }),
        ],
      }),
    ],
  });
}

/** The whole disclosure as DOCX bytes. */
export async function renderDocx(input: RenderInput): Promise<Uint8Array> {
  const o = buildOutline(input);
  const withCharts = input.options?.charts !== false;
  const images = new Map<ChartData, ChartImage>();
  if (withCharts)
    for (const b of o.blocks)
      if (b.kind === "chart") images.set(b.chart, await chartImage(b.chart));
  // Consecutive blocks of the same orientation share a section; a table
  // wider than a portrait page opens a landscape one.
  const runs: Run[] = [{ landscape: false, children: [] }];
  const current = (landscape: boolean): Run => {
    const last = runs[runs.length - 1] as Run;
    if (last.landscape === landscape) return last;
    const run: Run = { landscape, children: [] };
    runs.push(run);
    return run;
  };
  (runs[0] as Run).children.push(
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { before: 2400, after: 600 },
      children: [new TextRun({ text: o.title, font: HEAD_FONT, size: 44, bold: true })],
    }),
  );
  let previousTable = false;
  for (const b of o.blocks) {
    if (b.kind === "table") {
      const run = current(b.grid.landscape);
      // A new section already starts a page.
      run.children.push(...tableBlock(b.grid, !previousTable || run.children.length === 0));
      previousTable = true;
      continue;
    }
    if (b.kind === "chart") {
      const image = images.get(b.chart);
      if (image) current(false).children.push(...chartBlock(b.chart, image));
      continue;
    }
    const run = current(false);
    const blocks = narrativeBlock(b);
    // After a table, narrative starts on a new page (unless a new section did that).
    if (previousTable && run.children.length > 0 && b.kind === "paragraph")
      run.children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
    run.children.push(...blocks);
    previousTable = false;
  }
  const doc = new Document({
    creator: "gongkai",
    title: o.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: 24 } },
        heading1: { run: { font: HEAD_FONT, size: 32, bold: true, color: "000000" } },
        heading2: { run: { font: HEAD_FONT, size: 28, bold: true, color: "000000" } },
        heading3: { run: { font: HEAD_FONT, size: 26, bold: true, color: "000000" } },
        heading4: { run: { font: HEAD_FONT, size: 24, bold: true, color: "000000" } },
        title: { run: { font: HEAD_FONT, size: 44, bold: true, color: "000000" } },
      },
    },
    sections: runs
      .filter((r) => r.children.length)
      .map((r, i) => ({
        properties: {
          ...(i > 0 ? { type: SectionType.NEXT_PAGE } : {}),
          page: {
            size: {
              width: A4.width,
              height: A4.height,
              orientation: r.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: r.landscape
              ? {
                  top: MARGIN.landscape,
                  bottom: MARGIN.landscape,
                  left: MARGIN.landscape,
                  right: MARGIN.landscape,
                }
              : {
                  top: MARGIN.portrait,
                  bottom: MARGIN.portrait,
                  left: MARGIN.portrait,
                  right: MARGIN.portrait,
                },
          },
        },
        footers: { default: footer() },
        children: r.children,
      })),
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
