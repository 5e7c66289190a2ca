/**
 * One disclosure from its two halves: the tables of the file that prints
 * them, the 说明 (sections and claims) of the file that writes it, the 目录 and
 * the recognition reports of both. Every line and page keeps counting within
 * its own file, and every provenance names that file, so a finding on the
 * merged disclosure still points at a page a reviewer can open.
 *
 * And, for a batch of files, which of them are such halves of one disclosure.
 */
import { GongkaiError } from "../model/errors.ts";
import type {
  Claim,
  DirectoryEntry,
  Disclosure,
  Half,
  Issue,
  Provenance,
  RecognitionReport,
  Section,
  SourcePart,
  Table,
} from "../model/schema.ts";
import { halfOf, moneyTables } from "./halves.ts";
import { compact } from "./normalize.ts";
import { listedFound } from "./report.ts";

/** The half a recognised file holds: its report says; a Disclosure without one is judged here. */
export function halfOfDisclosure(doc: Disclosure): Half | undefined {
  return doc.report ? doc.report.half : halfOf(doc);
}

const KIND_WORDS = { budget: "预算", final: "决算" } as const;

/** A file's name for a reader: the path as given, or a placeholder. */
function fileName(doc: Disclosure, fallback: string): string {
  return doc.source.file ?? fallback;
}

function at(source: Provenance, file: string): Provenance {
  return { ...source, file };
}

function stampTable(t: Table, file: string): Table {
  return {
    ...t,
    source: at(t.source, file),
    rows: t.rows.map((r) => ({
      ...r,
      source: at(r.source, file),
      cells: Object.fromEntries(
        Object.entries(r.cells).map(([k, c]) => [k, { ...c, source: at(c.source, file) }]),
      ),
    })),
  };
}

function stampSection(s: Section, file: string): Section {
  return { ...s, source: at(s.source, file) };
}

function stampClaim(c: Claim, file: string): Claim {
  return { ...c, source: at(c.source, file) };
}

function stampIssue(i: Issue, file: string): Issue {
  return i.source ? { ...i, source: at(i.source, file) } : i;
}

/** Which of two recognised files is the tables half: by what each was recognised to hold. */
function roles(a: Disclosure, b: Disclosure): { tables: Disclosure; narrative: Disclosure } {
  const ha = halfOfDisclosure(a);
  const hb = halfOfDisclosure(b);
  if (ha !== hb) {
    if (ha === "tables" || hb === "narrative") return { tables: a, narrative: b };
    return { tables: b, narrative: a };
  }
  // Neither says: the file with more standard tables holds the tables, the
  // one with more sentences the 说明.
  const score = (d: Disclosure) => moneyTables(d.tables).length * 100 - d.claims.length;
  return score(a) >= score(b) ? { tables: a, narrative: b } : { tables: b, narrative: a };
}

/** Entity names that can be one discloser's ("江苏省人大常委会" and "江苏省人大常委会办公厅"). */
export function sameEntity(a: string, b: string): boolean {
  const x = compact(a).replace(/^中共/u, "");
  const y = compact(b).replace(/^中共/u, "");
  if (!x || !y) return false;
  return x === y || x.startsWith(y) || y.startsWith(x);
}

function part(doc: Disclosure, file: string, holds: Half): SourcePart {
  return {
    file,
    holds,
    format: doc.source.format,
    lines: doc.source.lines,
    ...(doc.source.pages !== undefined ? { pages: doc.source.pages } : {}),
  };
}

/** Issues that described one half alone and are judged again on the whole. */
const REJUDGED = new Set(["tables.none", "table.not_read", "entity.unknown"]);

function mergeReports(
  narrative: { report: RecognitionReport | undefined; file: string },
  tables: { report: RecognitionReport | undefined; file: string },
  merged: readonly Table[],
): RecognitionReport {
  const empty: RecognitionReport = {
    directory: [],
    unclaimedPages: [],
    figuresClaimed: 1,
    otherTables: [],
    readerWarnings: [],
    partial: false,
  };
  const halves = [narrative, tables].map(({ report, file }) => ({ r: report ?? empty, file }));
  const directory: DirectoryEntry[] = halves.flatMap(({ r, file }) =>
    r.directory.map((e) => ({ ...e, source: at(e.source, file), found: listedFound(e, merged) })),
  );
  return {
    directory,
    unclaimedPages: halves.flatMap(({ r, file }) => r.unclaimedPages.map((p) => ({ ...p, file }))),
    // Only shares are kept, not counts: the lower one never overstates what was read
    // (a 说明 holds almost no table figures, so the tables file's share is the one that tells).
    figuresClaimed: Math.min(...halves.map(({ r }) => r.figuresClaimed)),
    otherTables: halves.flatMap(({ r }) => r.otherTables),
    readerWarnings: halves.flatMap(({ r, file }) => r.readerWarnings.map((w) => `${file}：${w}`)),
    partial: halves.some(({ r }) => r.partial),
    tableNumbers: halves.flatMap(({ r, file }) =>
      (r.tableNumbers ?? []).map((n) => ({ ...n, file })),
    ),
  };
}

/**
 * The two halves of one disclosure as one Disclosure. Which file holds the
 * tables is decided from what was recognised in each, not from the order
 * given. Files of different years or kinds are not one disclosure.
 */
export function mergeHalves(a: Disclosure, b: Disclosure): Disclosure {
  const fa = fileName(a, "文件一");
  const fb = fileName(b, "文件二");
  if (a.year !== b.year || a.kind !== b.kind) {
    throw new GongkaiError(
      "not_one_disclosure",
      `不能作为同一份公开合并检查：${fa} 是 ${a.year} 年${KIND_WORDS[a.kind]}，${fb} 是 ${b.year} 年${KIND_WORDS[b.kind]}`,
    );
  }
  const { tables: t, narrative: n } = roles(a, b);
  const tf = t === a ? fa : fb;
  const nf = n === a ? fa : fb;

  const tablesOfT = t.tables.map((x) => stampTable(x, tf));
  const printed = new Set(moneyTables(t.tables).map((x) => x.id));
  // The 说明 file's own tables are kept where the tables file has none of their kind
  // (a 绩效目标表, a table kept as printed).
  const tablesOfN = n.tables
    .filter((x) => x.id === "other" || !printed.has(x.id))
    .map((x) => stampTable(x, nf));
  const tables = [...tablesOfT, ...tablesOfN];

  const entity = n.entity.name ? { ...t.entity, ...n.entity } : t.entity;
  const issues: Issue[] = [
    ...n.issues.filter((i) => !REJUDGED.has(i.code)).map((i) => stampIssue(i, nf)),
    ...t.issues.filter((i) => !REJUDGED.has(i.code)).map((i) => stampIssue(i, tf)),
  ];
  if (!entity.name)
    issues.push({ code: "entity.unknown", message: "未能识别公开主体（部门或单位名称）" });
  else if (n.entity.name && t.entity.name && compact(n.entity.name) !== compact(t.entity.name))
    issues.push({
      code: "merge.entity",
      message: `说明文件（${nf}）的公开主体为“${n.entity.name}”，表格文件（${tf}）为“${t.entity.name}”，按同一份公开合并检查`,
    });
  if (moneyTables(tables).length === 0)
    issues.push({ code: "tables.none", message: "两个文件中都没有识别到任何标准表格" });

  const report = mergeReports(
    { report: n.report, file: nf },
    { report: t.report, file: tf },
    tables,
  );
  for (const e of report.directory) {
    if (e.found) continue;
    issues.push({
      code: "table.not_read",
      message: report.partial
        ? `目录列出的“${e.title}”未能在两个文件中识别（有未读取的部分，可能在其中）`
        : `目录列出的“${e.title}”在两个文件中均未见`,
      source: e.source,
      ...(e.id ? { table: e.id } : {}),
    });
  }

  const parts = [a, b].map((d) => part(d, d === a ? fa : fb, d === t ? "tables" : "narrative"));
  return {
    schemaVersion: n.schemaVersion,
    kind: n.kind,
    year: n.year,
    entity,
    unit: moneyTables(t.tables).length > 0 ? t.unit : n.unit,
    tables,
    sections: [
      ...n.sections.map((s) => stampSection(s, nf)),
      ...t.sections.map((s) => stampSection(s, tf)),
    ],
    claims: [...n.claims.map((c) => stampClaim(c, nf)), ...t.claims.map((c) => stampClaim(c, tf))],
    issues,
    report,
    source: { ...n.source, file: nf, parts },
  };
}

/** A disclosure of a batch with its index, for pairing. */
export interface Candidate {
  index: number;
  doc: Disclosure;
}

/**
 * Pairs of a batch that are the two halves of one disclosure: a file that
 * holds only the tables and one that holds only the 说明, of the same year,
 * kind and discloser. A half with more than one possible partner stays
 * alone rather than be paired by guess. Pairs are [tables, narrative] indexes.
 */
export function pairHalves(candidates: readonly Candidate[]): [number, number][] {
  const halves = candidates.map((c) => ({ ...c, half: halfOfDisclosure(c.doc) }));
  const fits = (x: Candidate, y: Candidate) =>
    x.doc.year === y.doc.year &&
    x.doc.kind === y.doc.kind &&
    sameEntity(x.doc.entity.name, y.doc.entity.name);
  const tablesHalves = halves.filter((h) => h.half === "tables");
  const narrativeHalves = halves.filter((h) => h.half === "narrative");
  const pairs: [number, number][] = [];
  for (const t of tablesHalves) {
    const partners = narrativeHalves.filter((n) => fits(t, n));
    if (partners.length !== 1) continue;
    const n = partners[0] as Candidate;
    // And the narrative has no other tables half to choose from.
    if (tablesHalves.filter((x) => fits(x, n)).length !== 1) continue;
    pairs.push([t.index, n.index]);
  }
  return pairs;
}
