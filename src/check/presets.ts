/** The rule sets a config or --preset can name. */
export const PRESETS = ["recommended", "strict"] as const;
export type Preset = (typeof PRESETS)[number];
