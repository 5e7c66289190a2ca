/**
 * Severity measured, not assumed: for every rule, how many of its error
 * findings on ../shared/corpus are real defects — those confirmed by reading
 * the documents (test/helpers/corpus-confirmed.ts). A rule whose errors are
 * not all confirmed cannot tell reliably and should report a warning: the
 * bench fails its own check then, naming the rule and the findings.
 *
 * Documents that nobody has reviewed yet (neither confirmed nor listed as
 * error-free) are counted apart: their errors are unknown, not false.
 *
 *   node bench/precision.bench.ts
 */
import { extname, join, relative } from "node:path";
import { checkDisclosure } from "../src/check/engine.ts";
import { ALL_RULES } from "../src/check/registry.ts";
import { extractFile } from "../src/pipeline.ts";
import { CORPUS, corpusFiles } from "../test/helpers/corpus.ts";
import { CONFIRMED, NO_ERRORS, TEMPLATE } from "../test/helpers/corpus-confirmed.ts";

const DOCUMENT = new Set([".pdf", ".xls", ".xlsx", ".doc", ".docx", ".htm", ".html"]);

interface Tally {
  errors: number;
  confirmed: number;
  unreviewed: number;
  misses: string[];
}

const tally = new Map<string, Tally>();
const of = (rule: string): Tally => {
  let t = tally.get(rule);
  if (!t) {
    t = { errors: 0, confirmed: 0, unreviewed: 0, misses: [] };
    tally.set(rule, t);
  }
  return t;
};

const documents = corpusFiles()
  .map((f) => relative(CORPUS, f))
  .filter((f) => DOCUMENT.has(extname(f).toLowerCase()) && f !== TEMPLATE);
let read = 0;
for (const name of documents) {
  let report: ReturnType<typeof checkDisclosure>;
  try {
    report = checkDisclosure(await extractFile(join(CORPUS, name)));
  } catch (e) {
    console.log(`无法读取 ${name}：${e instanceof Error ? e.message : String(e)}`);
    continue;
  }
  read++;
  const confirmed = CONFIRMED[name] ?? {};
  const reviewed = name in CONFIRMED || NO_ERRORS.includes(name);
  const seen = new Set<string>();
  for (const f of report.findings) {
    if (f.severity !== "error") continue;
    const key = `${f.rule}@${f.locations[0]?.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = of(f.rule);
    t.errors++;
    if (!reviewed) t.unreviewed++;
    else if (key in confirmed) t.confirmed++;
    else t.misses.push(`${name} 第 ${f.locations[0]?.line} 行：${f.message.slice(0, 100)}`);
  }
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);
console.log(`\n各规则错误级问题的查准率（../shared/corpus，${read} 份文档，按人工核实清单）`);
console.log("规则                                   错误数  核实为真  未审文档  查准率");
let failed = false;
let errors = 0;
let confirmedAll = 0;
for (const rule of ALL_RULES.filter((r) => r.severity === "error" || tally.has(r.id))) {
  const t = tally.get(rule.id) ?? { errors: 0, confirmed: 0, unreviewed: 0, misses: [] };
  errors += t.errors - t.unreviewed;
  confirmedAll += t.confirmed;
  const reviewedErrors = t.errors - t.unreviewed;
  const flag = t.misses.length > 0 ? "  ← 有未核实的错误，应降为警告或修正" : "";
  console.log(
    `${rule.id.padEnd(38)} ${String(t.errors).padStart(6)} ${String(t.confirmed).padStart(9)} ${String(t.unreviewed).padStart(9)}  ${pct(t.confirmed, reviewedErrors).padStart(6)}${flag}`,
  );
  if (t.misses.length > 0) failed = true;
}
console.log(
  `合计：${errors} 个已审文档中的错误，${confirmedAll} 个核实为真（${pct(confirmedAll, errors)}）`,
);
for (const [rule, t] of tally) {
  for (const m of t.misses) console.log(`  未核实 ${rule}：${m}`);
}
if (failed) {
  console.error("查准率检查未通过：上面的规则报出了未经核实的错误。");
  process.exitCode = 1;
}
