/**
 * Runs the gongkai command (src/cli/main.ts) with this process's arguments
 * and, at exit, writes the process's peak resident memory (KB, all threads)
 * to the file named by GONGKAI_TEST_RSS. Test-only: hostile-input tests
 * assert a memory bound on the real command with it.
 */
import { writeFileSync } from "node:fs";

const out = process.env.GONGKAI_TEST_RSS;
if (out) process.on("exit", () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
await import("../../src/cli/main.ts");
