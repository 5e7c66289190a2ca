/**
 * The checker's vocabulary: rules, findings and where a finding points.
 *
 * A rule is plain data plus one function from a Disclosure to findings, so the
 * registry, the documentation pages and every report read the same metadata.
 */

import type { Disclosure, Kind, RecognitionReport, TableId } from "../model/schema.ts";
import type { UncheckedTable } from "./trust.ts";

export type Severity = "error" | "warning" | "info";
/** What a config may set a rule to. */
export type RuleLevel = Severity | "off";

export const RULE_FAMILIES = ["arith", "xtab", "code", "text", "complete", "template"] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/** Chinese names of the families, for reports and documentation. */
export const FAMILY_TITLES: Record<RuleFamily, string> = {
  arith: "表内运算",
  xtab: "表间一致",
  code: "科目编码",
  text: "说明与表格",
  complete: "公开完整性",
  template: "模板残留与称谓",
};

/**
 * One place a finding points at: a cell or row of a table (in the golden-facts
 * ids), or a quoted sentence of the narrative. Line and page come from the
 * source so a reviewer (or the web page) can find it.
 */
export interface Location {
  table?: TableId;
  /** The table's title as printed, for a reader. */
  tableTitle?: string;
  /** Row key: a classification code or a line key (income.total, three_public.abroad …). */
  key?: string;
  /** The row's printed name, for a reader. */
  name?: string;
  /** Canonical column id. */
  column?: string;
  /** A sentence of the narrative, or a phrase of it. */
  quote?: string;
  /** The section heading it is under. */
  section?: string;
  line?: number;
  endLine?: number;
  page?: number;
  box?: [number, number, number, number];
  /**
   * The file the line and page are in, when the document was read from two
   * files (a narrative and its tables published apart); absent otherwise.
   */
  file?: string;
}

/** What a rule's function yields; the engine adds rule id, basis and severity. */
export interface RawFinding {
  message: string;
  locations: Location[];
  expected?: string;
  actual?: string;
  /** Overrides the rule's severity for this finding (e.g. a gap within rounding is info). */
  severity?: Severity;
}

export interface Finding {
  /** `family/name` */
  rule: string;
  severity: Severity;
  message: string;
  locations: Location[];
  expected?: string;
  actual?: string;
  /** The regulation, audit formula or identity the rule enforces. */
  basis: string;
}

/** A finding a reviewer judged and waived in the config, with the reason. */
export interface WaivedFinding extends Finding {
  waiver: { reason: string };
}

/** How far the rule's basis is confirmed (shared/reference/disclosure-rules.md). */
export type Confirmation = "official" | "identity" | "practice" | "unconfirmed";

export interface RuleContext {
  doc: Disclosure;
  /** The rule's options from the config, merged over its defaults. */
  options: Readonly<Record<string, unknown>>;
}

export interface Rule {
  /** `family/name`, kebab-case name. */
  id: string;
  family: RuleFamily;
  /** Default severity under the `recommended` preset. */
  severity: Severity;
  /** Short Chinese title. */
  title: string;
  /** What the rule checks and why, in Chinese (a paragraph). */
  description: string;
  /** The basis: regulation, official formula or accounting identity (Chinese). */
  basis: string;
  confirmation: Confirmation;
  /** Which documents it applies to; both when absent. */
  kinds?: readonly Kind[];
  /** Off under `recommended`, on under `strict` (rules too noisy for every document). */
  strictOnly?: boolean;
  /** Default options, documented on the rule's page. */
  defaults?: Readonly<Record<string, unknown>>;
  check(ctx: RuleContext): Iterable<RawFinding>;
}

export interface DocumentInfo {
  file?: string;
  /** The files of a disclosure published in two halves and checked as one, with what each held. */
  parts?: { file: string; holds: "tables" | "narrative" }[];
  kind: Kind;
  year: number;
  entity: string;
  parent: string | null;
  unit: Disclosure["unit"];
  format: Disclosure["source"]["format"];
}

/** The result of checking one document. */
export interface CheckReport {
  /** Version of this report's JSON shape. */
  reportVersion: "1.0";
  document: DocumentInfo;
  preset: string;
  findings: Finding[];
  waived: WaivedFinding[];
  summary: { error: number; warning: number; info: number; waived: number };
  /** Rules that threw: reported, never silently skipped. */
  failures: { rule: string; message: string }[];
  /** What was read and what was not, so no reading gap is taken for the document's fault. */
  recognition?: RecognitionReport;
  /** Tables with figures that the sum rules did not check, each with why. */
  unchecked: UncheckedTable[];
}
