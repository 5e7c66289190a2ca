/**
 * `gongkai export FILE…|DIR --format csv|datapackage --out PATH`
 *
 * csv: one file (UTF-8 with BOM, opens in Excel). datapackage: a directory
 * with datapackage.json and its CSV resources (Fiscal Data Package).
 */

import { exportCsv, exportDataPackage } from "../analyse/export.ts";
import { writeFileAtomic, writeFilesAtomic } from "../fs/write-atomic.ts";
import { GongkaiError } from "../model/errors.ts";
import { readSelected, type StoreSelection } from "./inputs.ts";
import type { ExportFormat } from "./options.ts";

/** Returns the exit code: 0, or 2 when a file could not be read. */
export async function runExport(
  files: string[],
  opts: { format: ExportFormat; out: string; store?: StoreSelection },
  io: { err: (s: string) => void },
): Promise<number> {
  const { disclosures, failed } = await readSelected(files, opts.store, io.err);
  if (disclosures.length === 0) throw new GongkaiError("not_found", "没有可以导出的文档");
  if (opts.format === "csv") {
    await writeFileAtomic(opts.out, exportCsv(disclosures));
  } else {
    await writeFilesAtomic(opts.out, exportDataPackage(disclosures).files);
  }
  io.err(`已导出 ${disclosures.length} 份文档到 ${opts.out}\n`);
  return failed > 0 ? 2 : 0;
}
