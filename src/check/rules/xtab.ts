/** Rules of the `xtab` family. */
import type { Rule } from "../types.ts";

export const xtabRules: Rule[] = [];
