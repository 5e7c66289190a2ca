/**
 * What `gongkai template` does, ready for the CLI to call:
 *
 *   gongkai template --kind budget|final [--year Y] [--from FILE] [-o 模板.xlsx]
 *
 * Without --from: the blank template of the kind and year. With --from FILE
 * — a JSON RenderInput or Disclosure (as `gongkai extract -f json` prints),
 * or any disclosure document gongkai reads, extracted first — see fromFile.
 */
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../fs/write-atomic.ts";
import { ingestFile } from "../ingest/index.ts";
import { GongkaiError } from "../model/errors.ts";
import { type Level, PROFILES, profileByOption } from "../model/profiles.ts";
import type { Disclosure, Kind } from "../model/schema.ts";
import { recognize } from "../recognize/index.ts";
import { parseRenderInput, type RenderInput } from "../render/input.ts";
import { initialBudgetFrom, priorFrom } from "./carry.ts";
import { fillTemplate } from "./fill.ts";
import { writeRegionalWorkbook } from "./regional/write.ts";
import { defaultYear, writeTemplate } from "./write.ts";

export interface TemplateRunOptions {
  kind?: Kind;
  year?: number;
  /** Fill from this file (JSON input, or a disclosure document). */
  from?: string;
  /** Write here; otherwise only return the bytes. */
  out?: string;
  /**
   * The region's own workbook (`shanghai-district`): its official sheets and
   * layout instead of gongkai's entry form. Default: national.
   */
  profile?: string;
  /** 部门 or 单位 version of a regional workbook (default: the source's, else 部门). */
  level?: Level;
}

export interface TemplateRunResult {
  bytes: Uint8Array;
  /** What the template had no place for (Chinese), when filled from a file. */
  skipped: string[];
}

async function inputFrom(file: string): Promise<RenderInput> {
  if (!file.toLowerCase().endsWith(".json"))
    return { disclosure: recognize(await ingestFile(file), { file }) };
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new GongkaiError("not_found", `找不到文件：${file}`);
    throw new GongkaiError("unreadable", `${file} 不是有效的 JSON`);
  }
  const wrapped =
    json && typeof json === "object" && "disclosure" in json ? json : { disclosure: json };
  return parseRenderInput(wrapped);
}

const KIND_WORD: Record<Kind, string> = { budget: "预算", final: "决算" };

/**
 * From an earlier disclosure: the same kind and year → that disclosure
 * filled in, to edit; the same kind, the next year → a new template whose
 * 上年数 are its figures; a budget, --kind final of the same year → a final
 * template whose 年初预算 are the budget's.
 */
async function fromFile(file: string, opts: TemplateRunOptions): Promise<TemplateRunResult> {
  const input = await inputFrom(file);
  const d = input.disclosure;
  const kind = opts.kind ?? d.kind;
  const year = opts.year ?? d.year;
  if (kind === d.kind && year === d.year) return fillTemplate(input);
  const blank = (): Disclosure => ({
    ...d,
    kind,
    year,
    tables: [],
    sections: [],
    claims: [],
    issues: [],
  });
  if (kind === d.kind && year === d.year + 1)
    return fillTemplate({ disclosure: blank(), prior: priorFrom(d) });
  if (kind === "final" && d.kind === "budget" && year === d.year)
    return fillTemplate({
      disclosure: blank(),
      figures: { unit: d.unit, initialBudget: initialBudgetFrom(d) },
    });
  throw new GongkaiError(
    "unreadable",
    `${file} 是 ${d.year} 年${KIND_WORD[d.kind]}：可生成同年${KIND_WORD[d.kind]}模板、${d.year + 1} 年${KIND_WORD[d.kind]}模板（作为上年数）` +
      (d.kind === "budget" ? `或 ${d.year} 年决算模板（作为年初预算）` : "") +
      `，不能生成 ${year} 年${KIND_WORD[kind]}模板`,
  );
}

/** A region's official workbook, blank or filled from a file of the same kind and year. */
async function regionalTemplate(opts: TemplateRunOptions): Promise<TemplateRunResult | undefined> {
  if (!opts.profile) return undefined;
  const profile = profileByOption(opts.profile);
  if (!profile)
    throw new GongkaiError(
      "unreadable",
      `没有“${opts.profile}”表样，可用：${PROFILES.map((p) => `${p.option}（${p.name}）`).join("、")}`,
    );
  const input = opts.from ? await inputFrom(opts.from) : undefined;
  const d = input?.disclosure;
  const kind = opts.kind ?? d?.kind ?? "budget";
  const workbook = profile.workbook?.[kind];
  // A profile without a workbook of its own fills gongkai's entry form.
  if (!workbook) {
    if (profile.id === "national" || !profile.workbook) return undefined;
    throw new GongkaiError(
      "unreadable",
      `${profile.name}只有${Object.keys(profile.workbook)
        .map((k) => `${KIND_WORD[k as Kind]}`)
        .join("、")}模板，没有${KIND_WORD[kind]}模板`,
    );
  }
  const year = opts.year ?? d?.year ?? defaultYear(kind);
  if (d && (d.kind !== kind || d.year !== year))
    throw new GongkaiError(
      "unreadable",
      `${opts.from} 是 ${d.year} 年${KIND_WORD[d.kind]}：${profile.name}的模板只能按同年同类型填入，不能生成 ${year} 年${KIND_WORD[kind]}模板`,
    );
  const level = opts.level ?? d?.entity.level ?? "department";
  return writeRegionalWorkbook({
    shape: { profile, kind, workbook, level },
    year,
    ...(input ? { input } : {}),
  });
}

export async function runTemplate(opts: TemplateRunOptions): Promise<TemplateRunResult> {
  let result: TemplateRunResult;
  const regional = await regionalTemplate(opts);
  if (regional) result = regional;
  else if (opts.from) result = await fromFile(opts.from, opts);
  else {
    if (!opts.kind)
      throw new GongkaiError("unreadable", "请用 --kind budget 或 --kind final 指定模板类型");
    const t: { kind: Kind; year?: number } = { kind: opts.kind };
    if (opts.year !== undefined) t.year = opts.year;
    result = { bytes: await writeTemplate(t), skipped: [] };
  }
  if (opts.out) await writeFileAtomic(opts.out, result.bytes);
  return result;
}
