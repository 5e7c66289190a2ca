/**
 * Run the active rules over one Disclosure and assemble the report. A rule
 * that throws is reported as a failure, never silently skipped, and the
 * other rules still run.
 */

import type { Disclosure } from "../model/schema.ts";
import { activeRules, type CheckConfig, type Waiver } from "./config.ts";
import { distrust, uncheckedTables } from "./trust.ts";
import type {
  CheckReport,
  DocumentInfo,
  Finding,
  Location,
  Severity,
  WaivedFinding,
} from "./types.ts";

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function documentInfo(doc: Disclosure): DocumentInfo {
  return {
    ...(doc.source.file !== undefined ? { file: doc.source.file } : {}),
    ...(doc.source.parts
      ? { parts: doc.source.parts.map((p) => ({ file: p.file, holds: p.holds })) }
      : {}),
    kind: doc.kind,
    year: doc.year,
    entity: doc.entity.name,
    parent: doc.entity.parent,
    unit: doc.unit,
    format: doc.source.format,
  };
}

function locationMatches(w: Waiver, loc: Location): boolean {
  if (w.table !== undefined && loc.table !== w.table) return false;
  if (w.key !== undefined && loc.key !== w.key) return false;
  if (w.column !== undefined && loc.column !== w.column) return false;
  if (w.line !== undefined && loc.line !== w.line) return false;
  return true;
}

function waiverFor(finding: Finding, waivers: readonly Waiver[]): Waiver | undefined {
  return waivers.find((w) => {
    if (w.rule !== finding.rule) return false;
    if (w.contains !== undefined) {
      const hay = [finding.message, ...finding.locations.map((l) => l.quote ?? "")].join("\n");
      if (!hay.includes(w.contains)) return false;
    }
    const narrows =
      w.table !== undefined ||
      w.key !== undefined ||
      w.column !== undefined ||
      w.line !== undefined;
    return !narrows || finding.locations.some((l) => locationMatches(w, l));
  });
}

/**
 * A rule may set one finding's severity (尾差 → info; a code that is another
 * code's name → error). A level the config sets for the rule overrides that.
 */
function effectiveSeverity(configured: Severity, own: Severity | undefined, ruleDefault: Severity) {
  if (configured !== ruleDefault || own === undefined) return configured;
  return own;
}

function firstLine(f: Finding): number {
  return f.locations.find((l) => l.line !== undefined)?.line ?? 0;
}

/**
 * The document without the tables whose rows recognition may have misread
 * (trust.ts), for the code rules: a table listed as unchecked is not held
 * against the catalog either (a code merged with its neighbour's, a 项 lost).
 * The arith and xtab rules decide per table themselves, the text rules per
 * cell (support.ts), and the complete rules still see every table.
 */
function readableTables(doc: Disclosure): Disclosure {
  const tables = doc.tables.filter((t) => t.empty || !distrust(doc, t, "columns"));
  return tables.length === doc.tables.length ? doc : { ...doc, tables };
}

export function checkDisclosure(doc: Disclosure, config: CheckConfig = {}): CheckReport {
  const findings: Finding[] = [];
  const waived: WaivedFinding[] = [];
  const failures: CheckReport["failures"] = [];
  const waivers = config.waivers ?? [];
  const readable = readableTables(doc);
  for (const { rule, level, options } of activeRules(config)) {
    if (rule.kinds && !rule.kinds.includes(doc.kind)) continue;
    try {
      const view = rule.family === "code" ? readable : doc;
      for (const raw of rule.check({ doc: view, options })) {
        const finding: Finding = {
          rule: rule.id,
          severity: effectiveSeverity(level, raw.severity, rule.severity),
          message: raw.message,
          locations: raw.locations,
          ...(raw.expected !== undefined ? { expected: raw.expected } : {}),
          ...(raw.actual !== undefined ? { actual: raw.actual } : {}),
          basis: rule.basis,
        };
        const waiver = waiverFor(finding, waivers);
        if (waiver) waived.push({ ...finding, waiver: { reason: waiver.reason } });
        else findings.push(finding);
      }
    } catch (e) {
      failures.push({ rule: rule.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      firstLine(a) - firstLine(b) ||
      a.rule.localeCompare(b.rule),
  );
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    reportVersion: "1.0",
    document: documentInfo(doc),
    preset: config.preset ?? "recommended",
    findings,
    waived,
    summary: {
      error: count("error"),
      warning: count("warning"),
      info: count("info"),
      waived: waived.length,
    },
    failures,
    ...(doc.report ? { recognition: doc.report } : {}),
    unchecked: uncheckedTables(doc),
  };
}

/** Whether any finding reaches the threshold (for the exit code). */
export function reaches(report: CheckReport, failOn: Severity): boolean {
  return report.findings.some((f) => SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[failOn]);
}
