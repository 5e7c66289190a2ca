/**
 * The fill-in spreadsheet template (issue 5): `writeTemplate` makes it,
 * `readTemplate` reads a filled one back into a RenderInput (or throws one
 * TemplateError naming every wrong cell), `fillTemplate` pre-fills it from
 * an existing disclosure (last year's, or an extracted one), `isTemplate`
 * tells a template from a published workbook.
 */

export { initialBudgetFrom, priorFrom } from "./carry.ts";
export { problemText, type TemplateProblem } from "./cells.ts";
export { isTemplate } from "./detect.ts";
export { type FilledTemplate, fillTemplate } from "./fill.ts";
export { readTemplate, TemplateError } from "./read.ts";
export { runTemplate, type TemplateRunOptions, type TemplateRunResult } from "./run.ts";
export { type TemplateTable, templateTables } from "./tables.ts";
export { defaultYear, type TemplateOptions, writeTemplate } from "./write.ts";
