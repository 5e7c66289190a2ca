/**
 * Write docs/rules/ from the rules' metadata: README.md (index by family)
 * and one page per rule. Pages of rules that no longer exist are removed.
 *
 *   node_modules/.bin/node scripts/rule-docs.ts          write
 *   node_modules/.bin/node scripts/rule-docs.ts --check  exit 1 when stale
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { ALL_RULES } from "../src/check/registry.ts";
import { ruleDocFiles } from "../src/check/report/rule-doc.ts";

export const RULE_DOCS_DIR = join(import.meta.dirname, "..", "docs", "rules");

/** Markdown files under a folder, as paths relative to it (with `/`). */
export function existingDocs(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return entries
    .filter((p) => p.endsWith(".md"))
    .map((p) => relative(dir, join(dir, p)).split("\\").join("/"))
    .sort();
}

/** What differs between the docs on disk and the docs the metadata gives now. */
export function staleDocs(dir: string): string[] {
  const wanted = ruleDocFiles(ALL_RULES);
  const stale: string[] = [];
  for (const [path, text] of wanted) {
    let current: string | undefined;
    try {
      current = readFileSync(join(dir, path), "utf8");
    } catch {
      current = undefined;
    }
    if (current !== text) stale.push(path);
  }
  for (const path of existingDocs(dir)) if (!wanted.has(path)) stale.push(path);
  return stale.sort();
}

function write(dir: string): number {
  const wanted = ruleDocFiles(ALL_RULES);
  for (const path of existingDocs(dir)) if (!wanted.has(path)) rmSync(join(dir, path));
  for (const [path, text] of wanted) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return wanted.size;
}

if (import.meta.main) {
  if (process.argv.includes("--check")) {
    const stale = staleDocs(RULE_DOCS_DIR);
    if (stale.length > 0) {
      process.stderr.write(`规则文档已过期，请运行 scripts/rule-docs.ts：\n${stale.join("\n")}\n`);
      process.exitCode = 1;
    }
  } else {
    const n = write(RULE_DOCS_DIR);
    process.stdout.write(`已写入 docs/rules/：${n} 个文件（${ALL_RULES.length} 条规则）\n`);
  }
}
