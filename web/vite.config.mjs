// Vite build of the web app: web/ → web/dist (served by `gongkai serve` at /).
// `npm run build:web` runs scripts/build-web.ts, which also copies pdf.js's
// character maps and standard fonts beside the bundle.
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    target: "es2022",
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/openapi.json": "http://127.0.0.1:8080" } },
});
