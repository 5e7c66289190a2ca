/**
 * The web app's built files (web/dist, made by `npm run build:web`) served
 * at `/`: a file when the path names one, else index.html, so the app's own
 * routes (/review/…, /library …) load the app. Paths under /api are never
 * answered here. Hashed assets are cached for good; index.html never.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, normalize, resolve, sep } from "node:path";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";

export const WEB_DIST = new URL("../../web/dist/", import.meta.url).pathname;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".map": "application/json",
  ".bcmap": "application/octet-stream",
  ".pfb": "application/octet-stream",
  ".ttf": "font/ttf",
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>gongkai</title>
<p style="font:16px sans-serif;margin:3em">网页前端尚未构建：请在源码目录运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建）。接口文档见 <a href="/openapi.json">/openapi.json</a>。</p>`;

async function fileIn(root: string, path: string): Promise<string | undefined> {
  const full = resolve(root, `.${normalize(decodeURIComponent(path))}`);
  if (full !== root.replace(/\/$/, "") && !full.startsWith(root.endsWith(sep) ? root : root + sep))
    return undefined;
  try {
    return (await stat(full)).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

/** GET handler for everything outside /api and /openapi.json. */
export function webApp(root: string = WEB_DIST): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/api/") || path === "/api" || path === "/openapi.json") return next();
    let file: string | undefined;
    try {
      file = await fileIn(root, path);
    } catch {
      file = undefined; // a malformed %-escape is simply no file
    }
    const asset = file !== undefined && path.startsWith("/assets/");
    file ??=
      extname(path) === "" || path.endsWith(".html")
        ? await fileIn(root, "/index.html")
        : undefined;
    if (!file) {
      if (extname(path) !== "") return next();
      return c.html(NOT_BUILT, 503);
    }
    const bytes = await readFile(file);
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": asset ? "public, max-age=31536000, immutable" : "no-cache",
    });
  };
}
