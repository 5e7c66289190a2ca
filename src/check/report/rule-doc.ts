/**
 * Rule documentation, generated from the rules' metadata: one Markdown page
 * per rule and an index by family. `scripts/rule-docs.ts` writes them under
 * docs/rules/, `gongkai rules --doc ID` prints one page, and a test keeps the
 * committed pages equal to what the metadata says now.
 */
import type { Kind } from "../../model/schema.ts";
import { FAMILY_TITLES, RULE_FAMILIES } from "../types.ts";
import { CONFIRMATION_LABELS, KIND_LABELS, type RuleMeta, SEVERITY_LABELS } from "./labels.ts";

const ALL_KINDS: readonly Kind[] = ["budget", "final"];

/** `arith/class-sum` → `arith/class-sum.md`, relative to docs/rules/. */
export function ruleDocPath(rule: Pick<RuleMeta, "id">): string {
  return `${rule.id}.md`;
}

function kindsText(rule: RuleMeta): string {
  const kinds = rule.kinds && rule.kinds.length > 0 ? rule.kinds : ALL_KINDS;
  return kinds.map((k) => `${KIND_LABELS[k]}`).join("、");
}

function presetsText(rule: RuleMeta): string {
  return rule.strictOnly ? "strict（recommended 中默认关闭）" : "recommended、strict";
}

/** A table cell's text: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function optionValue(v: unknown): string {
  return `\`${JSON.stringify(v)}\``;
}

/** The page for one rule, in Markdown. */
export function ruleDocMarkdown(rule: RuleMeta): string {
  const out: string[] = [
    `# ${rule.title}`,
    "",
    `\`${rule.id}\``,
    "",
    "| 项目 | 内容 |",
    "| --- | --- |",
    `| 规则 | \`${rule.id}\` |`,
    `| 类别 | ${FAMILY_TITLES[rule.family]}（\`${rule.family}\`） |`,
    `| 默认级别 | ${SEVERITY_LABELS[rule.severity]}（\`${rule.severity}\`） |`,
    `| 规则集 | ${presetsText(rule)} |`,
    `| 适用于 | ${kindsText(rule)} |`,
    `| 依据确认程度 | ${CONFIRMATION_LABELS[rule.confirmation]} |`,
    "",
    "## 说明",
    "",
    rule.description.trim(),
    "",
    "## 依据",
    "",
    rule.basis.trim(),
    "",
  ];
  const defaults = Object.entries(rule.defaults ?? {});
  out.push("## 选项", "");
  if (defaults.length === 0) {
    out.push("无。", "");
  } else {
    out.push("| 选项 | 默认值 |", "| --- | --- |");
    for (const [k, v] of defaults) out.push(`| \`${cell(k)}\` | ${cell(optionValue(v))} |`);
    out.push("");
  }
  out.push(
    "## 配置",
    "",
    "在 `gongkai.config.json` 中调整级别或关闭：",
    "",
    "```json",
    JSON.stringify(
      {
        rules: {
          [rule.id]:
            defaults.length > 0
              ? { level: rule.severity, options: Object.fromEntries(defaults) }
              : rule.severity,
        },
      },
      null,
      2,
    ),
    "```",
    "",
    `或在命令行：\`gongkai check 文件 --rule ${rule.id}=off\`。`,
    "",
  );
  return out.join("\n");
}

/** docs/rules/README.md: every rule by family. */
export function rulesIndexMarkdown(rules: readonly RuleMeta[]): string {
  const out: string[] = [
    "# 检查规则",
    "",
    "本目录由 `node_modules/.bin/node scripts/rule-docs.ts` 根据规则元数据生成，请勿手工编辑。",
    `共 ${rules.length} 条规则。级别：错误（error）、警告（warning）、提示（info）；`,
    "标注“仅 strict”的规则在 recommended 规则集中默认关闭。",
    "",
    "Generated from the rules' metadata by `scripts/rule-docs.ts`; do not edit by hand.",
    "",
  ];
  for (const family of RULE_FAMILIES) {
    const mine = rules.filter((r) => r.family === family);
    out.push(`## ${FAMILY_TITLES[family]}（\`${family}\`）`, "");
    if (mine.length === 0) {
      out.push("（暂无规则）", "");
      continue;
    }
    out.push("| 规则 | 级别 | 名称 | 适用于 |", "| --- | --- | --- | --- |");
    for (const r of mine) {
      const strict = r.strictOnly ? "（仅 strict）" : "";
      out.push(
        `| [\`${r.id}\`](${ruleDocPath(r)}) | ${SEVERITY_LABELS[r.severity]}${strict} | ${cell(r.title)} | ${kindsText(r)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** Every generated file, by path relative to docs/rules/. */
export function ruleDocFiles(rules: readonly RuleMeta[]): Map<string, string> {
  const files = new Map<string, string>([["README.md", rulesIndexMarkdown(rules)]]);
  for (const r of rules) files.set(ruleDocPath(r), ruleDocMarkdown(r));
  return files;
}
