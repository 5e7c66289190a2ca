/** `gongkai rules [--doc ID] [--json]`: the rule catalogue, from the rules' own metadata. */
import { ALL_RULES, ruleById } from "../check/registry.ts";
import { ruleDocMarkdown } from "../check/report/rule-doc.ts";
import { FAMILY_TITLES, RULE_FAMILIES } from "../check/types.ts";
import { GongkaiError } from "../model/errors.ts";

const SEVERITY_NAMES = { error: "错误", warning: "警告", info: "提示" } as const;

export function runRules(opts: { doc?: string; json?: boolean }): string {
  if (opts.doc) {
    const rule = ruleById(opts.doc);
    if (!rule)
      throw new GongkaiError("not_found", `规则“${opts.doc}”不存在；用 gongkai rules 查看全部规则`);
    return `${ruleDocMarkdown(rule)}\n`;
  }
  if (opts.json) {
    const meta = ALL_RULES.map(({ check: _check, ...rest }) => rest);
    return `${JSON.stringify(meta, null, 2)}\n`;
  }
  const lines: string[] = [];
  for (const family of RULE_FAMILIES) {
    const rules = ALL_RULES.filter((r) => r.family === family);
    if (rules.length === 0) continue;
    lines.push(`${family}  ${FAMILY_TITLES[family]}（${rules.length} 条）`);
    const width = Math.max(...rules.map((r) => r.id.length));
    for (const r of rules) {
      const preset = r.strictOnly ? "（仅 strict）" : "";
      lines.push(`  ${r.id.padEnd(width)}  ${SEVERITY_NAMES[r.severity]}  ${r.title}${preset}`);
    }
    lines.push("");
  }
  lines.push(`共 ${ALL_RULES.length} 条规则。gongkai rules --doc <规则> 查看规则的说明和依据。`);
  return `${lines.join("\n")}\n`;
}
