/** Rules of the `template` family. */
import type { Rule } from "../types.ts";

export const templateRules: Rule[] = [];
