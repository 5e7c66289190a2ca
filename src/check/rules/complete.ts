/** Rules of the `complete` family. */
import type { Rule } from "../types.ts";

export const completeRules: Rule[] = [];
