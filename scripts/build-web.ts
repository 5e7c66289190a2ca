/**
 * `npm run build:web`: build the web app (web/ → web/dist) with Vite and
 * copy pdf.js's character maps and standard fonts beside it (Chinese PDFs
 * with CID fonts need the maps to render in the browser).
 *
 * `--if-needed` (npm start) builds only when web/dist is missing or older
 * than a source file, so a second start is immediate.
 */
import { cpSync, existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const WEB = new URL("../web/", import.meta.url).pathname;
const DIST = join(WEB, "dist");
const STAMP = join(DIST, "index.html");

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === "dist" || name === "node_modules") continue;
    const path = join(dir, name);
    const s = statSync(path);
    newest = Math.max(newest, s.isDirectory() ? newestSource(path) : s.mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource(WEB);
}

if (process.argv.includes("--if-needed") && upToDate()) process.exit(0);

process.stderr.write("gongkai: 正在构建网页前端（web/ → web/dist）…\n");
const { build } = await import("vite");
await build({ configFile: join(WEB, "vite.config.mjs"), logLevel: "warn" });
const require = createRequire(import.meta.url);
const pdfjs = dirname(require.resolve("pdfjs-dist/package.json"));
for (const sub of ["cmaps", "standard_fonts", "wasm", "iccs"]) {
  const from = join(pdfjs, sub);
  if (existsSync(from)) cpSync(from, join(DIST, "pdfjs", sub), { recursive: true });
}
process.stderr.write("gongkai: 网页前端已构建\n");
