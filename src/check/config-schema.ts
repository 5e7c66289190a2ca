/**
 * The shape of gongkai.config.json, as zod schemas: parsed only when a config
 * file is read (src/check/config.ts loads this module on demand).
 */
import { z } from "zod";
import { PRESETS } from "./presets.ts";

export const LevelSchema = z.enum(["error", "warning", "info", "off"]);

const RuleSettingSchema = z.union([
  LevelSchema,
  z.object({
    level: LevelSchema.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
]);

export const WaiverSchema = z.object({
  /** Rule id the waiver applies to. */
  rule: z.string(),
  /** Optional narrowing: only findings with a location matching all of these. */
  table: z.string().optional(),
  key: z.string().optional(),
  column: z.string().optional(),
  line: z.number().int().optional(),
  /** A phrase the finding's quote or message contains. */
  contains: z.string().optional(),
  /** Why the finding is accepted. Required: a waiver without a reason is no judgement. */
  reason: z.string().min(1),
});

export const CheckConfigSchema = z.object({
  preset: z.enum(PRESETS).optional(),
  rules: z.record(z.string(), RuleSettingSchema).optional(),
  waivers: z.array(WaiverSchema).optional(),
});

export type Waiver = z.infer<typeof WaiverSchema>;
export type CheckConfig = z.infer<typeof CheckConfigSchema>;
