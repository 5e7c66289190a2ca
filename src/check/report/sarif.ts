/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), the format code-scanning tools and
 * editors read. One run for all documents: every document is an artifact,
 * every registry rule a reporting descriptor, every finding a result pointing
 * at the document's lines; waived findings are results with an external
 * suppression carrying the reviewer's reason; rules that threw are tool
 * execution notifications, and make the invocation unsuccessful.
 */
import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { ALL_RULES } from "../registry.ts";
import {
  type CheckReport,
  FAMILY_TITLES,
  type Finding,
  type Location,
  type Severity,
  type WaivedFinding,
} from "../types.ts";
import { describeLocation, type RuleMeta, readingLines, ruleLookup } from "./labels.ts";

export const SARIF_SCHEMA =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

export type SarifLevel = "error" | "warning" | "note";
export const SARIF_LEVELS: Record<Severity, SarifLevel> = {
  error: "error",
  warning: "warning",
  info: "note",
};

export interface SarifOptions {
  /** Rule metadata for tool.driver.rules; defaults to the registry's. */
  rules?: readonly RuleMeta[];
  /** gongkai's version, when the caller knows it. */
  toolVersion?: string;
}

/** A document path as a SARIF URI: absolute paths as file: URLs, relative ones percent-encoded. */
export function artifactUri(file: string | undefined): string {
  if (file === undefined || file === "") return "stdin";
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

/** Page, table, row and column: what a region of lines cannot say. */
function locationProperties(loc: Location): Record<string, unknown> | undefined {
  const p: Record<string, unknown> = {};
  for (const k of ["page", "table", "tableTitle", "key", "name", "column", "section"] as const) {
    if (loc[k] !== undefined) p[k] = loc[k];
  }
  if (loc.box !== undefined) p.box = loc.box;
  return Object.keys(p).length > 0 ? p : undefined;
}

function sarifLocation(loc: Location, uri: string, index: number) {
  const region: Record<string, unknown> = {};
  if (loc.line !== undefined) {
    region.startLine = loc.line;
    region.endLine = Math.max(loc.endLine ?? loc.line, loc.line);
  }
  if (loc.quote !== undefined) region.snippet = { text: loc.quote };
  const properties = locationProperties(loc);
  return {
    physicalLocation: {
      artifactLocation: { uri, index },
      // A region needs a start: a quote alone (no line) stays in properties.
      ...(region.startLine !== undefined ? { region } : {}),
    },
    message: { text: describeLocation(loc) },
    ...(properties ? { properties } : {}),
  };
}

/**
 * A fingerprint that survives edits elsewhere in the document: the rule and
 * what the finding points at (table, row, column, quoted sentence), not line
 * numbers or the figures in the message, so a viewer can follow one finding
 * from one version of a document to the next.
 */
export function fingerprint(file: string | undefined, f: Finding): string {
  const where = f.locations.map((l) =>
    [l.table ?? "", l.key ?? "", l.column ?? "", l.section ?? "", l.quote ?? ""].join("\u0001"),
  );
  return createHash("sha256")
    .update([file ?? "", f.rule, ...where].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}

function descriptor(rule: RuleMeta): object {
  const name = rule.id.slice(rule.id.indexOf("/") + 1);
  return {
    id: rule.id,
    name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.basis },
    defaultConfiguration: {
      level: SARIF_LEVELS[rule.severity],
      // Off under `recommended`: SARIF says so with enabled: false.
      ...(rule.strictOnly ? { enabled: false } : {}),
    },
    properties: {
      family: rule.family,
      familyTitle: FAMILY_TITLES[rule.family],
      confirmation: rule.confirmation,
      kinds: rule.kinds ?? ["budget", "final"],
      strictOnly: rule.strictOnly === true,
      documentation: `docs/rules/${rule.family}/${name}.md`,
      ...(rule.defaults ? { defaults: rule.defaults } : {}),
    },
  };
}

export function formatSarif(reports: readonly CheckReport[], opts: SarifOptions = {}): string {
  const lookup = ruleLookup(opts.rules);
  const rules: RuleMeta[] = [...(opts.rules ?? ALL_RULES)];
  const descriptors: object[] = rules.map(descriptor);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  // A finding of a rule the list does not know (a plugin, an older report)
  // still gets a descriptor, so every ruleIndex is valid.
  const indexOf = (id: string): number => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      const meta = lookup(id);
      i = descriptors.length;
      descriptors.push(
        meta
          ? descriptor(meta)
          : {
              id,
              name: id.slice(id.indexOf("/") + 1),
              shortDescription: { text: id },
              fullDescription: { text: id },
              help: { text: "" },
              defaultConfiguration: { level: "warning" },
            },
      );
      ruleIndex.set(id, i);
    }
    return i;
  };

  // One artifact per file: a document checked from two files (narrative and
  // tables published apart) has both, and each place points at its own file.
  const artifacts: object[] = [];
  const fileIndexes = reports.map((r) => {
    const byFile = new Map<string, number>();
    const files = [r.document.file, ...(r.document.parts ?? []).map((p) => p.file)];
    for (const file of files) {
      if (byFile.has(file ?? "")) continue;
      byFile.set(file ?? "", artifacts.length);
      const holds = r.document.parts?.find((p) => p.file === file)?.holds;
      artifacts.push({
        location: { uri: artifactUri(file) },
        properties: {
          kind: r.document.kind,
          year: r.document.year,
          entity: r.document.entity,
          parent: r.document.parent,
          unit: r.document.unit,
          format: r.document.format,
          preset: r.preset,
          ...(holds ? { holds } : {}),
        },
      });
    }
    return byFile;
  });

  // Two findings of one rule at one place (two template words in one sentence)
  // are told apart by their order, as code-scanning viewers do.
  const seen = new Map<string, number>();
  const occurrence = (print: string): string => {
    const n = (seen.get(print) ?? 0) + 1;
    seen.set(print, n);
    return `${print}:${n}`;
  };
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  reports.forEach((report, r) => {
    const byFile = fileIndexes[r] as Map<string, number>;
    const uri = artifactUri(report.document.file);
    const artifactIndex = byFile.get(report.document.file ?? "") ?? 0;
    const at = (l: Location) =>
      l.file !== undefined && byFile.has(l.file)
        ? sarifLocation(l, artifactUri(l.file), byFile.get(l.file) as number)
        : sarifLocation(l, uri, artifactIndex);
    const result = (f: Finding | WaivedFinding) => {
      const properties: Record<string, unknown> = { severity: f.severity, basis: f.basis };
      if (f.expected !== undefined) properties.expected = f.expected;
      if (f.actual !== undefined) properties.actual = f.actual;
      const locations = f.locations.map(at);
      return {
        ruleId: f.rule,
        ruleIndex: indexOf(f.rule),
        level: SARIF_LEVELS[f.severity],
        message: { text: f.message },
        partialFingerprints: {
          "gongkaiFinding/v1": occurrence(fingerprint(report.document.file, f)),
        },
        // A finding about the whole document still points at the document.
        locations:
          locations.length > 0
            ? locations
            : [{ physicalLocation: { artifactLocation: { uri, index: artifactIndex } } }],
        ...("waiver" in f
          ? {
              suppressions: [
                { kind: "external", status: "accepted", justification: f.waiver.reason },
              ],
            }
          : {}),
        properties,
      };
    };
    for (const f of report.findings) results.push(result(f));
    for (const f of report.waived) results.push(result(f));
    for (const line of readingLines(report)) {
      notifications.push({
        level: report.recognition?.partial ? "warning" : "note",
        message: { text: `读取情况：${line}` },
        locations: [{ physicalLocation: { artifactLocation: { uri, index: artifactIndex } } }],
      });
    }
    for (const e of report.failures) {
      notifications.push({
        level: "error",
        message: { text: `规则 ${e.rule} 运行出错：${e.message}` },
        associatedRule: { id: e.rule, index: indexOf(e.rule) },
        locations: [{ physicalLocation: { artifactLocation: { uri, index: artifactIndex } } }],
      });
    }
  });

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "gongkai",
            ...(opts.toolVersion ? { version: opts.toolVersion } : {}),
            rules: descriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        artifacts,
        results,
        columnKind: "unicodeCodePoints",
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
