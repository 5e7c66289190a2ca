/** Rules of the `text` family. */
import type { Rule } from "../types.ts";

export const textRules: Rule[] = [];
