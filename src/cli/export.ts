/**
 * `gongkai export FILE…|DIR --format csv|datapackage --out PATH`
 *
 * csv: one file (UTF-8 with BOM, opens in Excel). datapackage: a directory
 * with datapackage.json and its CSV resources (Fiscal Data Package).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { exportCsv, exportDataPackage } from "../analyse/export.ts";
import { GongkaiError } from "../model/errors.ts";
import { readDisclosures } from "./inputs.ts";
import type { ExportFormat } from "./options.ts";

/** Returns the exit code: 0, or 2 when a file could not be read. */
export async function runExport(
  files: string[],
  opts: { format: ExportFormat; out: string },
  io: { err: (s: string) => void },
): Promise<number> {
  const { disclosures, failed } = await readDisclosures(files, io.err);
  if (disclosures.length === 0) throw new GongkaiError("not_found", "没有可以导出的文档");
  if (opts.format === "csv") {
    await writeFile(opts.out, exportCsv(disclosures));
  } else {
    const pkg = exportDataPackage(disclosures);
    for (const [path, content] of Object.entries(pkg.files)) {
      const target = join(opts.out, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
  io.err(`已导出 ${disclosures.length} 份文档到 ${opts.out}\n`);
  return failed > 0 ? 2 : 0;
}
