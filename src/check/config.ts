/**
 * The checker's configuration: a preset, per-rule levels and options, and the
 * waivers a reviewer recorded for findings judged and explained.
 *
 * Read from `gongkai.config.json` (or `--config FILE`) and `--rule` flags.
 */
import { readFile } from "node:fs/promises";
import { GongkaiError } from "../model/errors.ts";
import type { CheckConfig } from "./config-schema.ts";
import { ALL_RULES, ruleById } from "./registry.ts";
import type { Rule, RuleLevel } from "./types.ts";

// The config's zod schema is loaded only when a config file is read, so a
// check without one starts without zod.
export type { CheckConfig, Waiver } from "./config-schema.ts";
export { PRESETS, type Preset } from "./presets.ts";

export interface ActiveRule {
  rule: Rule;
  level: Exclude<RuleLevel, "off">;
  options: Record<string, unknown>;
}

/** The rules that run, at which level and with which options. */
export function activeRules(config: CheckConfig = {}): ActiveRule[] {
  const preset = config.preset ?? "recommended";
  const out: ActiveRule[] = [];
  for (const rule of ALL_RULES) {
    const setting = config.rules?.[rule.id];
    const base: RuleLevel = preset === "recommended" && rule.strictOnly ? "off" : rule.severity;
    const level = typeof setting === "string" ? setting : (setting?.level ?? base);
    if (level === "off") continue;
    const options = {
      ...(rule.defaults ?? {}),
      ...(typeof setting === "object" ? (setting.options ?? {}) : {}),
    };
    out.push({ rule, level, options });
  }
  return out;
}

/** Problems in a config that a user should hear about (unknown rule ids). */
export function validateConfig(config: CheckConfig): void {
  for (const id of Object.keys(config.rules ?? {})) {
    if (!ruleById(id)) throw new GongkaiError("unsupported_format", `配置中的规则“${id}”不存在`);
  }
  for (const w of config.waivers ?? []) {
    if (!ruleById(w.rule)) {
      throw new GongkaiError("unsupported_format", `豁免项中的规则“${w.rule}”不存在`);
    }
  }
}

export async function parseConfig(json: unknown, where: string): Promise<CheckConfig> {
  const { CheckConfigSchema } = await import("./config-schema.ts");
  const parsed = CheckConfigSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first?.path.join(".") || "（根）";
    throw new GongkaiError(
      "unsupported_format",
      `配置文件 ${where} 有误：${path} ${first?.message ?? ""}`.trim(),
    );
  }
  const config = parsed.data as CheckConfig;
  validateConfig(config);
  return config;
}

/** Read a config file; a missing default file is an empty config. */
export async function loadConfig(path: string, required: boolean): Promise<CheckConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    if (!required) return {};
    throw new GongkaiError("not_found", `找不到配置文件：${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new GongkaiError(
      "unsupported_format",
      `配置文件 ${path} 不是有效的 JSON：${(e as Error).message}`,
    );
  }
  return parseConfig(json, path);
}

/** Apply `--rule id=level` flags over a config. */
export function withRuleFlags(config: CheckConfig, flags: readonly string[]): CheckConfig {
  const rules = { ...(config.rules ?? {}) };
  for (const flag of flags) {
    const m = /^([a-z]+\/[a-z0-9-]+)=(error|warning|info|off)$/.exec(flag.trim());
    if (!m?.[1] || !m[2]) {
      throw new GongkaiError(
        "unsupported_format",
        `--rule 的格式应为 规则=级别（如 arith/class-sum=warning），收到“${flag}”`,
      );
    }
    if (!ruleById(m[1])) throw new GongkaiError("unsupported_format", `规则“${m[1]}”不存在`);
    const prev = rules[m[1]];
    // The pattern above admits only the four levels.
    const level = m[2] as RuleLevel;
    rules[m[1]] = typeof prev === "object" ? { ...prev, level } : level;
  }
  return { ...config, rules };
}
