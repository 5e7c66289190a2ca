/**
 * The corpus in ../shared/corpus, listed once for every test and bench that
 * walks it, and the documents in it that hold no table of figures.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { SHARED } from "./seeds.ts";

export const CORPUS = join(SHARED, "corpus");

/** Every file under `dir` (default: the corpus), absolute paths, in sorted order. */
export function corpusFiles(dir = CORPUS): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(dir).sort();
}

/** The corpus documents gongkai reads: PDFs and workbooks. */
export function corpusDocuments(): string[] {
  return corpusFiles().filter((f) => /\.(?:pdf|xlsx|xls)$/i.test(f));
}

const NARRATIVE_ONLY =
  "只有情况说明：这一年的公开表格另成一个文件发布（同目录下的…公开表.pdf），本文件没有表格数据";
const BLANK = "空白模板：没有任何数字";

/** Corpus documents with no table of figures (by path under the corpus), and why. */
export const NO_FIGURES: Readonly<Record<string, string>> = {
  "jiangsu/江苏省人大办公厅/江苏省人大常委会2019年度部门预算公开.pdf": NARRATIVE_ONLY,
  "jiangsu/江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf": NARRATIVE_ONLY,
  "jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开文件.pdf": NARRATIVE_ONLY,
  "jiangsu/江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf": NARRATIVE_ONLY,
  "jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年度部门预算.pdf": NARRATIVE_ONLY,
  "shanghai-putuo/附件2：部门决算模板.pdf": BLANK,
  "shanghai-templates/区级单位预算公开模板2026.xls": BLANK,
  "shanghai-templates/区级单位预算公开模板2026.xlsx": BLANK,
  "shanghai-templates/区级部门预算公开模板2026.xlsx": BLANK,
};
