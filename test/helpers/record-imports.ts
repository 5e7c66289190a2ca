/**
 * Loaded with `node --import` into a child process: appends the URL of every
 * module the process imports (static or dynamic, ESM or require) to the file
 * named by GONGKAI_TEST_IMPORTS, one a line. Test-only; the product has no
 * such switch.
 */
import { appendFileSync } from "node:fs";
import { registerHooks } from "node:module";

const out = process.env.GONGKAI_TEST_IMPORTS;
if (out) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      appendFileSync(out, `${resolved.url}\n`);
      return resolved;
    },
  });
}
