/**
 * The version of the rule set, stored beside every check so that findings
 * kept in a store say which rules produced them (and stale ones can be
 * re-checked). Two parts: RULES_REVISION, bumped by hand when any rule's
 * behaviour changes, and a fingerprint of the registry (ids, default
 * severities, strict-only flags, default options), which changes by itself
 * when a rule is added, removed or re-levelled.
 */
import { createHash } from "node:crypto";
import { ALL_RULES } from "./registry.ts";

/** Bump when a rule finds something different on the same document. */
export const RULES_REVISION = "2026.12.1";

let cached: string | undefined;

/** e.g. `2026.12.1+3f9a0c12`. */
export function ruleSetVersion(): string {
  if (cached) return cached;
  const meta = ALL_RULES.map((r) => [
    r.id,
    r.severity,
    r.strictOnly === true,
    r.kinds ?? null,
    r.defaults ?? null,
  ]);
  const digest = createHash("sha256").update(JSON.stringify(meta)).digest("hex").slice(0, 8);
  cached = `${RULES_REVISION}+${digest}`;
  return cached;
}
