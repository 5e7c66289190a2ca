/**
 * Where each finding is drawn on the pages of its PDF: one mark per place,
 * a page and a box in the page's viewport (PDF points, top-left origin, as
 * a reader sees the page — the same frame pdf.js renders in).
 *
 * A table cell read from a ruled grid carries its own box. Sentences,
 * headings and cells of tables read as text carry only their line numbers,
 * so their boxes come from the document's Layout: the lines (or grid rows)
 * the location spans, joined. The web page and the annotated PDF both draw
 * these marks, so the two always agree.
 */
import type { Box, Layout } from "../../ingest/layout.ts";
import type { Finding, Location } from "../types.ts";

export interface FindingMark {
  /** Index of the finding in the list given. */
  finding: number;
  page: number;
  box: Box;
}

interface LinePlace {
  page: number;
  box: Box;
}

function union(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Each source line's page and box (grid rows: their cells joined). */
export function lineBoxes(layout: Layout): Map<number, LinePlace> {
  const out = new Map<number, LinePlace>();
  const add = (line: number, page: number | undefined, box: Box | undefined) => {
    if (page === undefined || !box) return;
    const prev = out.get(line);
    if (!prev) out.set(line, { page, box });
    else if (prev.page === page) out.set(line, { page, box: union(prev.box, box) });
  };
  for (const block of layout.blocks) {
    if (block.kind === "line") add(block.line, block.page, block.box);
    else
      for (const row of block.rows)
        for (const cell of row.cells) add(row.line, row.page ?? block.page, cell.box);
  }
  return out;
}

/** The boxes of one location: its own, or its lines' (one per page they are on). */
function locationBoxes(loc: Location, lines: Map<number, LinePlace>): LinePlace[] {
  if (loc.page !== undefined && loc.box) return [{ page: loc.page, box: loc.box }];
  if (loc.line === undefined) return [];
  const last = Math.max(loc.endLine ?? loc.line, loc.line);
  const byPage = new Map<number, Box>();
  // A location's line range is short (a sentence over a few lines); guard anyway.
  for (let n = loc.line; n <= Math.min(last, loc.line + 50); n++) {
    const place = lines.get(n);
    if (!place) continue;
    if (loc.page !== undefined && n === loc.line && place.page !== loc.page) return [];
    const prev = byPage.get(place.page);
    byPage.set(place.page, prev ? union(prev, place.box) : place.box);
  }
  return [...byPage].map(([page, box]) => ({ page, box }));
}

/**
 * The marks of these findings on this layout. Locations in another file (a
 * disclosure read from two files) are left out unless `file` names it.
 */
export function findingMarks(
  findings: readonly Finding[],
  layout: Layout,
  file?: string,
): FindingMark[] {
  const lines = lineBoxes(layout);
  const marks: FindingMark[] = [];
  findings.forEach((f, i) => {
    const seen = new Set<string>();
    for (const loc of f.locations) {
      if (loc.file !== undefined && loc.file !== file) continue;
      for (const place of locationBoxes(loc, lines)) {
        const id = `${place.page}:${place.box.map((v) => v.toFixed(1)).join(",")}`;
        if (seen.has(id)) continue;
        seen.add(id);
        marks.push({ finding: i, page: place.page, box: place.box });
      }
    }
  });
  return marks;
}
