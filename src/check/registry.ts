/** Every rule gongkai knows, by family, in a stable order. */
import { arithRules } from "./rules/arith.ts";
import { codeRules } from "./rules/code.ts";
import { completeRules } from "./rules/complete.ts";
import { templateRules } from "./rules/template.ts";
import { textRules } from "./rules/text.ts";
import { xtabRules } from "./rules/xtab.ts";
import type { Rule } from "./types.ts";

export const ALL_RULES: readonly Rule[] = [
  ...arithRules,
  ...xtabRules,
  ...codeRules,
  ...textRules,
  ...completeRules,
  ...templateRules,
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
