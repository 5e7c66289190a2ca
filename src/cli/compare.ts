/**
 * `gongkai compare FILE…|DIR [--mode …] [--format text|json|csv] [-o 文件]`
 *
 * Reads the documents and compares them the way they call for (or as
 * --mode says); `--mode corpus` checks each one and prints distributions,
 * rankings, findings by rule and region, and outliers.
 */
import { writeFileAtomic } from "../fs/write-atomic.ts";
import { GongkaiError } from "../model/errors.ts";
import { readSelected, type StoreSelection } from "./inputs.ts";
import type { CompareCliMode, CompareFormat } from "./options.ts";

export interface CompareIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Returns the exit code: 0, or 2 when a file could not be read or nothing could be compared. */
export async function runCompare(
  files: string[],
  opts: { mode: CompareCliMode; format: CompareFormat; output?: string; store?: StoreSelection },
  io: CompareIo,
): Promise<number> {
  const { disclosures, failed } = await readSelected(files, opts.store, io.err);
  let rendered: string;
  if (opts.mode === "corpus") {
    const [{ analyseCorpus }, { formatCorpus }, { checkDisclosure }, { loadConfig }] =
      await Promise.all([
        import("../analyse/corpus.ts"),
        import("../analyse/text.ts"),
        import("../check/engine.ts"),
        import("../check/config.ts"),
      ]);
    const config = await loadConfig("gongkai.config.json", false);
    const summary = analyseCorpus(
      disclosures.map((d) => ({ disclosure: d, findings: checkDisclosure(d, config).findings })),
    );
    if (opts.format === "csv")
      throw new GongkaiError("unsupported_format", "--mode corpus 只支持 text 和 json 格式");
    rendered =
      opts.format === "json"
        ? `${JSON.stringify(summary, null, 2)}\n`
        : `${formatCorpus(summary)}\n`;
  } else {
    const { planComparisons } = await import("../analyse/plan.ts");
    const comparisons = planComparisons(disclosures, opts.mode);
    if (comparisons.length === 0) {
      io.err(
        disclosures.length < 2 && opts.mode !== "budget-final"
          ? "错误：比较至少需要两份文档（单独一份决算可用 --mode budget-final 对照其自身所列预算）\n"
          : "错误：这些文档之间没有可以比较的内容\n",
      );
      return 2;
    }
    if (opts.format === "json") rendered = `${JSON.stringify(comparisons, null, 2)}\n`;
    else if (opts.format === "csv")
      rendered = (await import("../analyse/compare-csv.ts")).comparisonsCsv(comparisons);
    else {
      const { formatComparison } = await import("../analyse/text.ts");
      rendered = `${comparisons.map(formatComparison).join("\n\n")}\n`;
    }
  }
  if (opts.output) await writeFileAtomic(opts.output, rendered);
  else io.out(rendered);
  return failed > 0 ? 2 : 0;
}
