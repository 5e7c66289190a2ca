/**
 * Extraction throughput on the seeds, on one core: documents per second, MB
 * per second, and peak memory. Prints figures; asserts nothing.
 *
 *   npm run bench
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ingestText } from "../src/ingest/index.ts";
import { recognize } from "../src/recognize/index.ts";

const SEEDS = join(import.meta.dirname, "..", "..", "shared", "seeds");
const files = readdirSync(SEEDS)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const docs = files.map((f) => ({ name: f, bytes: readFileSync(join(SEEDS, f)) }));
const totalBytes = docs.reduce((a, d) => a + d.bytes.length, 0);

function extract(bytes: Uint8Array) {
  return recognize(ingestText(bytes));
}

// Cold start: the first document pays for loading the catalog.
const t0 = performance.now();
extract(docs[0]?.bytes ?? new Uint8Array());
const cold = performance.now() - t0;

// Warm-up, then timed rounds over all seeds for at least three seconds.
for (let i = 0; i < 20; i++) for (const d of docs) extract(d.bytes);
let rounds = 0;
const perDoc = new Map<string, number[]>();
const start = performance.now();
while (performance.now() - start < 3000) {
  for (const d of docs) {
    const s = performance.now();
    extract(d.bytes);
    const list = perDoc.get(d.name) ?? [];
    list.push(performance.now() - s);
    perDoc.set(d.name, list);
  }
  rounds++;
}
const elapsed = (performance.now() - start) / 1000;
const n = rounds * docs.length;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

console.log("gongkai extract benchmark (text input, one core)");
console.log(
  `  seeds:               ${docs.length} documents, ${(totalBytes / 1024).toFixed(0)} KB`,
);
console.log(`  cold first document: ${cold.toFixed(1)} ms (includes loading the catalog)`);
console.log(
  `  throughput:          ${(n / elapsed).toFixed(0)} documents/s, ${((rounds * totalBytes) / 1048576 / elapsed).toFixed(2)} MB/s`,
);
for (const d of docs) {
  const t = perDoc.get(d.name) ?? [];
  const result = extract(d.bytes);
  console.log(
    `  ${d.name}: median ${median(t).toFixed(2)} ms, ${result.tables.length} tables, ${result.tables.reduce((a, x) => a + x.rows.length, 0)} rows, ${result.claims.length} claims`,
  );
}
console.log(`  peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
