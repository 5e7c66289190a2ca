/**
 * `gongkai check` over many files, as a library: every file read and checked
 * (on every core when there are several), and the two halves of a
 * disclosure published as two files (the 说明 in one, the 公开表 in the
 * other) found among them and checked as one disclosure. Which files are
 * halves, and of which disclosure, is decided from what was recognised in
 * them (tables or narrative, entity, year, kind), never from their names.
 */
import { availableParallelism } from "node:os";
import type { CheckConfig } from "../check/config.ts";
import { checkDisclosure } from "../check/engine.ts";
import type { CheckReport } from "../check/types.ts";
import { GongkaiError } from "../model/errors.ts";
import type { Disclosure } from "../model/schema.ts";
import { extractFile } from "../pipeline.ts";
import { type Candidate, halfOfDisclosure, mergeHalves, pairHalves } from "../recognize/merge.ts";
import type { CheckOutcome } from "./check-pool.ts";

/** One checked disclosure (from one file, or two paired halves), or a file that could not be read. */
export type FileCheck =
  | { files: string[]; report: CheckReport }
  | { files: string[]; error: Error };

export interface CheckFilesOptions {
  /** Check the halves of a split disclosure as one (default true). */
  pair?: boolean;
  /** Worker threads; 1 reads the files one after the other in this thread. */
  threads?: number;
}

/** Each file read and checked alone, in order; halves' Disclosures kept when asked. */
async function checkEach(
  files: readonly string[],
  config: CheckConfig,
  threads: number,
  keepHalves: boolean,
): Promise<CheckOutcome[]> {
  if (files.length > 1 && threads > 1) {
    const { checkFilesInPool } = await import("./check-pool.ts");
    return checkFilesInPool(files, config, threads, { keepHalves });
  }
  const outcomes: CheckOutcome[] = [];
  for (const file of files) {
    try {
      const doc = await extractFile(file);
      const report = checkDisclosure(doc, config);
      outcomes.push(keepHalves && halfOfDisclosure(doc) ? { report, half: doc } : { report });
    } catch (e) {
      if (!(e instanceof GongkaiError)) throw e;
      outcomes.push({ error: e });
    }
  }
  return outcomes;
}

/**
 * Reports in the order of the files; a paired disclosure's report takes the
 * place of its first file, and names both files (report.document.parts).
 */
export async function checkFiles(
  files: readonly string[],
  config: CheckConfig,
  opts: CheckFilesOptions = {},
): Promise<FileCheck[]> {
  const pair = opts.pair !== false && files.length > 1;
  const threads = opts.threads ?? Math.min(files.length, availableParallelism());
  const outcomes = await checkEach(files, config, threads, pair);
  const results: (FileCheck | undefined)[] = outcomes.map((o, i) => {
    const file = files[i] as string;
    return "report" in o ? { files: [file], report: o.report } : { files: [file], error: o.error };
  });
  if (pair) {
    const candidates: Candidate[] = [];
    outcomes.forEach((o, index) => {
      if ("half" in o && o.half) candidates.push({ index, doc: o.half });
    });
    for (const [t, n] of pairHalves(candidates)) {
      const [first, second] = t < n ? [t, n] : [n, t];
      const doc = (i: number) => (outcomes[i] as { half: Disclosure }).half;
      results[first] = {
        files: [files[first] as string, files[second] as string],
        report: checkDisclosure(mergeHalves(doc(first), doc(second)), config),
      };
      results[second] = undefined;
    }
  }
  return results.filter((r): r is FileCheck => r !== undefined);
}
