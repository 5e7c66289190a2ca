/**
 * Document generation speed: documents rendered per second, per format, for
 * the golden seeds' disclosures and consistent budgets; output size; and, for
 * each format, the time to read a generated document back (round trip).
 *
 * Run: node bench/render.bench.ts  (GONGKAI_BENCH_ROUNDS=n to change rounds)
 */
import { extractFile } from "../src/cli/extract.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import { recognize } from "../src/recognize/index.ts";
import { type RenderFormat, type RenderInput, renderDocument } from "../src/render/index.ts";
import { consistentBudget } from "../test/helpers/consistent.ts";
import { goldenSeeds } from "../test/helpers/make-documents.ts";
import { SHARED } from "../test/helpers/seeds.ts";

const ROUNDS = Number(process.env.GONGKAI_BENCH_ROUNDS ?? 3);
const FORMATS: RenderFormat[] = (process.env.GONGKAI_BENCH_FORMATS ?? "html,pdf,xlsx,docx")
  .split(",")
  .map((f) => f.trim() as RenderFormat);

const inputs: { name: string; input: RenderInput }[] = [];
for (const { prefix, golden } of goldenSeeds())
  inputs.push({
    name: `seed ${prefix}`,
    input: { disclosure: await extractFile(`${SHARED}/${golden.document}`) },
  });
for (const seed of [1, 2, 3])
  inputs.push({ name: `consistent ${seed}`, input: { disclosure: consistentBudget({ seed }) } });

console.log(`render: ${inputs.length} documents × ${ROUNDS} rounds`);
console.log("format | docs/s | ms/doc | avg size KB | read back ms/doc");
for (const format of FORMATS) {
  // Warm-up: fonts, echarts and the catalog load once per process.
  await renderDocument(inputs[0]?.input as RenderInput, format);
  let bytes = 0;
  const t0 = performance.now();
  let n = 0;
  let last: Uint8Array[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    last = [];
    for (const { input } of inputs) {
      const out = await renderDocument(input, format);
      bytes += out.byteLength;
      last.push(out);
      n++;
    }
  }
  const ms = performance.now() - t0;
  const t1 = performance.now();
  for (const out of last) recognize(await ingestBytes(out));
  const readMs = (performance.now() - t1) / last.length;
  console.log(
    `${format} | ${((n * 1000) / ms).toFixed(2)} | ${(ms / n).toFixed(1)} | ${(bytes / n / 1024).toFixed(0)} | ${readMs.toFixed(0)}`,
  );
}
