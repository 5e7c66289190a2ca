/**
 * What a batch found, summed for its report: documents by outcome, findings
 * by rule, by rule family, by region and by entity, the documents worst
 * first (most errors, then warnings, then notes), and every file that could
 * not be read with its reason. Pure data, shared by the HTML and XLSX
 * reports.
 */
import { ruleById } from "../check/registry.ts";
import { FAMILY_TITLES, type RuleFamily, type Severity } from "../check/types.ts";
import type { BatchItem, BatchResult } from "./batch.ts";

export interface Tally {
  error: number;
  warning: number;
  info: number;
  /** Documents with at least one such finding (rules, families) or in the group (regions, entities). */
  documents: number;
}

export interface BatchSummary {
  files: number;
  processed: number;
  skipped: number;
  failed: number;
  /** Documents checked (processed now or before): what the finding counts cover. */
  checked: number;
  findings: Record<Severity, number>;
  elapsedMs: number;
  threads: number;
  preset: string;
  ruleSetVersion: string;
  store: string;
  byRule: ({ rule: string; title: string; family: string } & Tally)[];
  byFamily: ({ family: string; title: string } & Tally)[];
  byRegion: ({ region: string } & Tally)[];
  byEntity: ({ entity: string; region: string } & Tally)[];
  /** Checked documents, worst first. */
  worst: BatchItem[];
  /** Files that could not be read, in file order. */
  errors: BatchItem[];
  /** Files with the same bytes as an earlier file of the batch: one stored document, counted once. */
  duplicates: { file: string; sameAs: string }[];
}

const UNKNOWN_REGION = "（未识别地区）";
const UNKNOWN_ENTITY = "（未识别主体）";

function empty(): Tally {
  return { error: 0, warning: 0, info: 0, documents: 0 };
}

function add(t: Record<Severity, number>, c: Record<Severity, number>): void {
  t.error += c.error;
  t.warning += c.warning;
  t.info += c.info;
}

/** Most errors first, then warnings, then notes; ties by name, so the order is stable. */
function worstFirst<T extends Tally>(name: (t: T) => string) {
  return (a: T, b: T) =>
    b.error - a.error ||
    b.warning - a.warning ||
    b.info - a.info ||
    name(a).localeCompare(name(b), "zh");
}

export function summariseBatch(result: BatchResult): BatchSummary {
  // The same bytes under two names are one stored document: counted once, under the first name.
  const firstBySha = new Map<string, string>();
  const duplicates: BatchSummary["duplicates"] = [];
  const items = result.items.filter((i) => {
    if (!i.sha256) return true;
    const first = firstBySha.get(i.sha256);
    if (first === undefined) {
      firstBySha.set(i.sha256, i.file);
      return true;
    }
    duplicates.push({ file: i.file, sameAs: first });
    return false;
  });
  const checked = items.filter((i) => i.outcome !== "error");
  const findings = { error: 0, warning: 0, info: 0 };
  const rules = new Map<string, Tally>();
  const families = new Map<string, Tally>();
  const regions = new Map<string, Tally>();
  const entities = new Map<string, Tally & { region: string }>();
  for (const item of checked) {
    add(findings, item.counts);
    const seenFamilies = new Map<string, Record<Severity, number>>();
    for (const [rule, c] of Object.entries(item.byRule)) {
      const t = rules.get(rule) ?? empty();
      add(t, c);
      t.documents += 1;
      rules.set(rule, t);
      const family = rule.split("/")[0] ?? rule;
      const f = seenFamilies.get(family) ?? { error: 0, warning: 0, info: 0 };
      f.error += c.error;
      f.warning += c.warning;
      f.info += c.info;
      seenFamilies.set(family, f);
    }
    for (const [family, c] of seenFamilies) {
      const t = families.get(family) ?? empty();
      add(t, c);
      t.documents += 1;
      families.set(family, t);
    }
    const region = item.region ?? UNKNOWN_REGION;
    const r = regions.get(region) ?? empty();
    add(r, item.counts);
    r.documents += 1;
    regions.set(region, r);
    const entity = item.entity ?? UNKNOWN_ENTITY;
    const e = entities.get(entity) ?? { ...empty(), region };
    add(e, item.counts);
    e.documents += 1;
    entities.set(entity, e);
  }
  const familyTitle = (f: string) => FAMILY_TITLES[f as RuleFamily] ?? f;
  return {
    files: result.items.length,
    processed: items.filter((i) => i.outcome === "processed").length,
    skipped: items.filter((i) => i.outcome === "skipped").length,
    failed: items.length - checked.length,
    duplicates,
    checked: checked.length,
    findings,
    elapsedMs: result.elapsedMs,
    threads: result.threads,
    preset: result.preset,
    ruleSetVersion: result.ruleSetVersion,
    store: result.store,
    byRule: [...rules]
      .map(([rule, t]) => {
        const meta = ruleById(rule);
        const family = meta?.family ?? rule.split("/")[0] ?? rule;
        return { rule, title: meta?.title ?? rule, family: familyTitle(family), ...t };
      })
      .sort(worstFirst((t) => t.rule)),
    byFamily: [...families]
      .map(([family, t]) => ({ family, title: familyTitle(family), ...t }))
      .sort(worstFirst((t) => t.family)),
    byRegion: [...regions]
      .map(([region, t]) => ({ region, ...t }))
      .sort(worstFirst((t) => t.region)),
    byEntity: [...entities]
      .map(([entity, t]) => ({ entity, ...t }))
      .sort(worstFirst((t) => t.entity)),
    worst: [...checked].sort(
      (a, b) =>
        b.counts.error - a.counts.error ||
        b.counts.warning - a.counts.warning ||
        b.counts.info - a.counts.info ||
        a.file.localeCompare(b.file),
    ),
    errors: items.filter((i) => i.outcome === "error"),
  };
}
