/**
 * Which files `gongkai import DIR` takes from a folder: the formats gongkai
 * reads, in subfolders too, but not the folder's own notes or other data.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { importableFiles } from "../src/jobs/import.ts";
import { seedPath } from "./helpers/seeds.ts";

describe("importableFiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-import-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("walks folders for documents, skipping notes, data extracts and hidden files", async () => {
    mkdirSync(join(dir, "2022", "决算"), { recursive: true });
    symlinkSync(seedPath("002"), join(dir, "2022", "决算", "服务中心.txt"));
    symlinkSync(seedPath("000"), join(dir, "信息中心.TXT"));
    writeFileSync(join(dir, "README.md"), "# 这个目录收集的公开文档\n");
    writeFileSync(join(dir, "收支预算总表.csv"), "科目,金额\n");
    writeFileSync(join(dir, "manifest.yaml"), "files: []\n");
    writeFileSync(join(dir, ".DS_Store"), "");
    symlinkSync(dir, join(dir, "2022", "回到上层"));
    const named = join(dir, "README.md");
    assert.deepEqual(await importableFiles([dir]), [
      join(dir, "2022", "决算", "服务中心.txt"),
      join(dir, "信息中心.TXT"),
    ]);
    // A file named on the command line is taken as given, whatever its name.
    assert.deepEqual(await importableFiles([named]), [named]);
  });
});
