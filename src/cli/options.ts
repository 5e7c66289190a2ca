/**
 * The values the command's options take, kept apart from the commands
 * themselves so that `gongkai` can declare every option (and answer
 * `--version`, `--help` and usage errors) before loading any of them.
 */
import type { Preset } from "../check/config.ts";
import type { RenderFormat } from "../render/index.ts";

export const EXTRACT_FORMATS = ["text", "json", "facts"] as const;
export type ExtractFormat = (typeof EXTRACT_FORMATS)[number];

export const CHECK_FORMATS = ["pretty", "json", "sarif", "html", "xlsx", "pdf"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export const CHECK_PRESETS = ["recommended", "strict"] as const satisfies readonly Preset[];
export const RENDER_FORMATS = [
  "html",
  "pdf",
  "xlsx",
  "docx",
] as const satisfies readonly RenderFormat[];
export type { RenderFormat };

// Compile only while the lists offer every preset and every format there is.
type Offers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const _everyPreset: Offers<Preset, (typeof CHECK_PRESETS)[number]> = true;
const _everyRenderFormat: Offers<RenderFormat, (typeof RENDER_FORMATS)[number]> = true;

export const COMPARE_FORMATS = ["text", "json", "csv"] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
/** The comparison modes of src/analyse/plan.ts, and corpus (statistics over all the files). */
export const COMPARE_MODES = ["auto", "yoy", "budget-final", "units", "corpus"] as const;
export type CompareCliMode = (typeof COMPARE_MODES)[number];
export const EXPORT_FORMATS = ["csv", "datapackage"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
