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
import type { Disclosure, Kind } from "../model/schema.ts";
import { recognize } from "../recognize/index.ts";
import { parseRenderInput, type RenderInput } from "../render/input.ts";
import { initialBudgetFrom, priorFrom } from "./carry.ts";
import { fillTemplate } from "./fill.ts";
import { writeTemplate } from "./write.ts";

export interface TemplateRunOptions {
  kind?: Kind;
  year?: number;
  /** Fill from this file (JSON input, or a disclosure document). */
  from?: string;
  /** Write here; otherwise only return the bytes. */
  out?: string;
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

export async function runTemplate(opts: TemplateRunOptions): Promise<TemplateRunResult> {
  let result: TemplateRunResult;
  if (opts.from) result = await fromFile(opts.from, opts);
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
