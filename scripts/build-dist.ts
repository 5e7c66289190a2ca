/**
 * `npm run build` (and `npm pack`, before packing): dist/, the JavaScript
 * that an installed gongkai runs. Node strips the types of no file inside a
 * node_modules folder, so the package npm installs from a tarball carries
 * src/ compiled: the same modules with the types erased and `.ts` imports
 * renamed `.js` (tsconfig.build.json; no type check here, `npm test` does
 * that), and the catalog's CSV files beside them. A checkout runs src/.
 */
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (r.status !== 0) {
  process.stderr.write("构建 dist/ 失败\n");
  process.exit(r.status ?? 1);
}
cpSync(join(root, "src", "catalog", "data"), join(dist, "catalog", "data"), { recursive: true });
