/** Rules of the `code` family. */
import type { Rule } from "../types.ts";

export const codeRules: Rule[] = [];
