/**
 * Rule documentation: the committed docs/rules/ equal what the metadata
 * generates now (regenerate with `node_modules/.bin/node scripts/rule-docs.ts`),
 * and every page says what a reviewer needs from the rule's metadata.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RULE_DOCS_DIR, staleDocs } from "../scripts/rule-docs.ts";
import { ALL_RULES } from "../src/check/registry.ts";
import { ruleDocFiles, ruleDocMarkdown, rulesIndexMarkdown } from "../src/check/report/rule-doc.ts";
import { FAMILY_TITLES } from "../src/check/types.ts";
import { FIXTURE_RULES } from "./helpers/report-fixture.ts";

const ROOT = join(import.meta.dirname, "..");

describe("rule docs", () => {
  it("docs/rules/ is what the rules' metadata generates now", () => {
    assert.deepEqual(
      staleDocs(RULE_DOCS_DIR),
      [],
      "run node_modules/.bin/node scripts/rule-docs.ts",
    );
  });

  it("the script's --check agrees", () => {
    const run = spawnSync(process.execPath, ["scripts/rule-docs.ts", "--check"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
  });

  it("every rule has a page in its family's folder, linked from the index", () => {
    const index = rulesIndexMarkdown(ALL_RULES);
    for (const r of ALL_RULES) {
      assert.ok(existsSync(join(RULE_DOCS_DIR, r.family, `${r.id.split("/")[1]}.md`)), r.id);
      assert.ok(index.includes(`[\`${r.id}\`](${r.id}.md)`), r.id);
    }
    for (const title of Object.values(FAMILY_TITLES)) assert.ok(index.includes(`## ${title}`));
    assert.equal(ruleDocFiles(ALL_RULES).size, ALL_RULES.length + 1);
  });

  it("a page states title, id, family, severity, presets, kinds, description, basis, options", () => {
    for (const r of [...ALL_RULES, ...FIXTURE_RULES]) {
      const page = ruleDocMarkdown(r);
      assert.ok(page.startsWith(`# ${r.title}\n`), r.id);
      assert.ok(page.includes(`| 规则 | \`${r.id}\` |`));
      assert.ok(page.includes(`| 类别 | ${FAMILY_TITLES[r.family]}（\`${r.family}\`） |`));
      assert.ok(page.includes(`（\`${r.severity}\`）`));
      assert.ok(page.includes(r.description.trim()));
      assert.ok(page.includes(r.basis.trim()));
      assert.ok(
        page.includes(r.strictOnly ? "| 规则集 | strict（" : "| 规则集 | recommended、strict |"),
      );
      for (const [k, v] of Object.entries(r.defaults ?? {})) {
        assert.ok(page.includes(`| \`${k}\` | \`${JSON.stringify(v)}\` |`), `${r.id} ${k}`);
      }
    }
    const finalOnly = FIXTURE_RULES.find((r) => r.id === "text/rate-zero-base");
    assert.ok(finalOnly && ruleDocMarkdown(finalOnly).includes("| 适用于 | 决算 |"));
    const official = FIXTURE_RULES.find((r) => r.confirmation === "official");
    assert.ok(official && ruleDocMarkdown(official).includes("官方规定"));
  });
});
