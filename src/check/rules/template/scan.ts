/**
 * Where template rules look: every section's heading and text, every table's
 * title and empty-table note, with a location for what they find. A phrase
 * inside a sentence that carries an amount is located at that sentence's
 * line (through its claim); otherwise at its section.
 */
import type { Disclosure, Section, Table } from "../../../model/schema.ts";
import type { Location } from "../../types.ts";
import { claimLocation, sectionLocation, tableLocation } from "../../view.ts";

export interface Match {
  /** The matched text. */
  text: string;
  /** Capture groups of the match. */
  groups: (string | undefined)[];
  /** The sentence (or title) it is in, for quoting. */
  sentence: string;
  section?: Section;
  table?: Table;
  /** In a heading or a table title rather than body text. */
  inHeading: boolean;
  location: Location;
}

// Without the u flag (every sentence end is one UTF-16 unit, so the runs are
// the same): with it, V8 overflows its stack on a run of millions of characters.
const SENTENCE_RE = /[^。；;！？!?\n]+[。；;！？!?]?/g;

/** The sentences of a text with their offsets, to find the one around an offset. */
function sentencesOf(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  SENTENCE_RE.lastIndex = 0;
  for (let m = SENTENCE_RE.exec(text); m; m = SENTENCE_RE.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0].trim() });
  }
  return out;
}

/** The sentence around offset `at` (binary search over `sentencesOf`). */
function sentenceAt(
  sentences: { start: number; end: number; text: string }[],
  text: string,
  at: number,
): string {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid] as { start: number; end: number; text: string };
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s.text;
  }
  return text.slice(Math.max(0, at - 30), at + 30).trim();
}

/** How far after a claim's sentence a phrase may be and still be on that sentence's last line. */
const NEAR = 60;

function locate(doc: Disclosure, section: Section, sentence: string, at: number): Location {
  const key = sentence.slice(0, 24);
  const own = doc.claims.filter((c) => c.section === section.heading);
  const claim = own.find((c) => c.quote.includes(key) || sentence.includes(c.quote));
  if (claim) return { ...claimLocation(claim), quote: sentence };
  // A sentence without amounts right after one with: it starts on that sentence's last line.
  let best: { end: number; line: number; page?: number; file?: string } | undefined;
  for (const c of own) {
    const i = section.text.lastIndexOf(c.quote, at);
    if (i < 0) continue;
    const end = i + c.quote.length;
    if (end > at || (best && best.end >= end)) continue;
    best = { end, line: c.source.endLine ?? c.source.line };
    if (c.source.page !== undefined) best.page = c.source.page;
    if (c.source.file !== undefined) best.file = c.source.file;
  }
  if (best && at - best.end <= NEAR && !section.text.slice(best.end, at).includes("\n")) {
    return {
      section: section.heading,
      quote: sentence,
      line: best.line,
      ...(best.page !== undefined ? { page: best.page } : {}),
      ...(best.file !== undefined ? { file: best.file } : {}),
    };
  }
  return sectionLocation(section, sentence);
}

/** Every match of `re` (global) in the document's headings, texts and table titles. */
export function scan(
  doc: Disclosure,
  re: RegExp,
  opts: { headings?: boolean; tables?: boolean } = {},
): Match[] {
  const out: Match[] = [];
  const each = (text: string, f: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      f(m);
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  for (const section of doc.sections) {
    if (opts.headings !== false) {
      each(section.heading, (m) =>
        out.push({
          text: m[0],
          groups: m.slice(1),
          sentence: section.heading,
          section,
          inHeading: true,
          location: sectionLocation(section),
        }),
      );
    }
    let sentences: ReturnType<typeof sentencesOf> | undefined;
    each(section.text, (m) => {
      sentences ??= sentencesOf(section.text);
      const sentence = sentenceAt(sentences, section.text, m.index);
      out.push({
        text: m[0],
        groups: m.slice(1),
        sentence,
        section,
        inHeading: false,
        location: locate(doc, section, sentence, m.index),
      });
    });
  }
  if (opts.tables !== false) {
    for (const table of doc.tables) {
      for (const text of [table.title, table.emptyNote ?? ""]) {
        each(text, (m) =>
          out.push({
            text: m[0],
            groups: m.slice(1),
            sentence: text,
            table,
            inHeading: text === table.title,
            location: { ...tableLocation(table), quote: text },
          }),
        );
      }
    }
  }
  return out;
}

/** One finding per distinct sentence: a template phrase repeated in one sentence is one problem. */
export function distinct(matches: Match[]): Match[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    const k = `${m.location.line}\u0000${m.sentence}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
