/** Rules of the `arith` family. */
import type { Rule } from "../types.ts";

export const arithRules: Rule[] = [];
