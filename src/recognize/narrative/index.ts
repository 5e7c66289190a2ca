/**
 * Narrative recognition: the sections and the claims of a disclosure's text.
 *
 * Input is the document's lines that are not part of a recognised table, in
 * order. Pipeline: clean lines (paragraphs.ts) → split by headings, dropping
 * tables of contents (sections.ts) → rebuild paragraphs per section
 * (paragraphs.ts) → extract claims per paragraph (claims.ts, subjects.ts).
 */
import type { LayoutLine } from "../../ingest/layout.ts";
import type { Claim, Issue, MoneyUnit, Section } from "../../model/schema.ts";
import { type ClaimContext, extractClaims, type NarrativeClaim } from "./claims.ts";
import { buildParagraphs, cleanLines } from "./paragraphs.ts";
import { sectionOf, splitBlocks, typicalWidth } from "./sections.ts";

export type { NarrativeClaim } from "./claims.ts";

export interface NarrativeInput {
  lines: LayoutLine[];
  year: number;
  unit: MoneyUnit;
  kind: "budget" | "final";
}

export interface NarrativeResult {
  sections: Section[];
  /** Claims; each may carry the proposed optional fields of NarrativeClaim. */
  claims: Claim[];
  issues: Issue[];
}

export function recognizeNarrative(input: NarrativeInput): NarrativeResult {
  const lines = cleanLines(input.lines);
  const width = typicalWidth(lines);
  const blocks = splitBlocks(lines, width);
  const sections: Section[] = [];
  const claims: NarrativeClaim[] = [];
  const issues: Issue[] = [];
  for (const b of blocks) {
    const paragraphs = buildParagraphs(b.body, width);
    const section = sectionOf(b, paragraphs.map((p) => p.text).join("\n"));
    if (section) sections.push(section);
    const ctx: ClaimContext = { year: input.year, kind: input.kind, unit: input.unit };
    if (section) ctx.section = section.heading;
    const r = extractClaims(paragraphs, ctx);
    for (const c of r.claims) claims.push(c);
    for (const i of r.issues) issues.push(i);
  }
  return { sections, claims, issues };
}
