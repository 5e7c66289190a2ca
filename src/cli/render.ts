/**
 * `gongkai render INPUT --format html|pdf|xlsx|docx -o OUT`: INPUT is a JSON
 * RenderInput (or a bare Disclosure, as `gongkai extract -f json` prints), or
 * any disclosure document gongkai can read, which is extracted first and
 * written anew from its figures.
 */
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../fs/write-atomic.ts";
import { GongkaiError } from "../model/errors.ts";
import { PROFILES, profileByOption } from "../model/profiles.ts";
import type { Disclosure } from "../model/schema.ts";
import type { RenderFormat } from "../render/index.ts";
import type { RenderInput } from "../render/input.ts";
import { inputFromDisclosure } from "../render/source-figures.ts";
import { regionalLeftovers } from "../render/spec/regional.ts";
import { extractFile, readIfTemplate } from "./extract.ts";

export type { RenderFormat } from "../render/index.ts";
export { RENDER_FORMATS } from "./options.ts";

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new GongkaiError("not_found", `找不到文件：${file}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new GongkaiError("unreadable", `${file} 不是有效的 JSON`);
  }
}

/**
 * A filled 填报模板 is read as a template (every wrong cell named); any other
 * document is extracted and written anew from its figures.
 */
async function documentInput(file: string, warn: (s: string) => void): Promise<RenderInput> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw new GongkaiError("not_found", `找不到文件：${file}`);
  }
  const template = await readIfTemplate(bytes);
  if (template) return template;
  const disclosure = await extractFile(file);
  const gaps = readingGaps(disclosure);
  if (gaps.length > 0) {
    warn(
      `提示：${file} 有未能读取的内容（${gaps.join("；")}）；生成的文档中缺少数据的表格标为【待填写】，不会写成“没有……”。\n`,
    );
  }
  // The figures its 说明 states (政府采购, 机关运行经费 …) are written again, not asked for.
  return inputFromDisclosure(disclosure);
}

/** What recognition did not read, in a preparer's words (empty when it read everything). */
function readingGaps(d: Disclosure): string[] {
  const r = d.report;
  if (!r) return [];
  const out: string[] = [];
  const unread = r.directory.filter((e) => !e.found).map((e) => `“${e.title}”`);
  if (unread.length > 0) out.push(`目录所列 ${unread.join("、")} 未识别`);
  if (r.unclaimedPages.length > 0)
    out.push(`第 ${r.unclaimedPages.map((p) => p.page).join("、")} 页的表格未识别`);
  if (r.partial && out.length === 0) out.push("部分内容未能读取");
  return out;
}

/**
 * The input with the tables of a profile (`--profile shanghai-district`): the
 * region's own titles and columns. What its tables cannot print is said on
 * stderr, never dropped silently.
 */
function withProfile(
  input: RenderInput,
  name: string | undefined,
  warn: (s: string) => void,
): RenderInput {
  if (!name) return input;
  const profile = profileByOption(name);
  if (!profile)
    throw new GongkaiError(
      "unreadable",
      `没有“${name}”表样，可用：${PROFILES.map((p) => `${p.option}（${p.name}）`).join("、")}`,
    );
  for (const s of regionalLeftovers(input.disclosure, profile.id))
    warn(`提示：按${profile.name}生成，未能列出：${s}\n`);
  return { ...input, options: { ...input.options, profile: profile.id } };
}

/** Render INPUT to OUT (or return the bytes when no OUT is given). */
export async function runRender(
  input: string,
  format: RenderFormat,
  out?: string,
  warn: (s: string) => void = () => {},
  profile?: string,
): Promise<Uint8Array> {
  // The renderer (echarts, and the writer of the format) loads only now.
  const { renderDocument, parseRenderInput } = await import("../render/index.ts");
  let given: RenderInput;
  if (input.toLowerCase().endsWith(".json")) {
    const json = await readJson(input);
    if (json && typeof json === "object" && "disclosure" in json) given = parseRenderInput(json);
    else {
      // A bare Disclosure (`gongkai extract -f json`): with the figures its claims state.
      const { disclosure } = parseRenderInput({ disclosure: json });
      given = inputFromDisclosure(disclosure);
    }
  } else given = await documentInput(input, warn);
  const bytes = await renderDocument(withProfile(given, profile, warn), format);
  if (out) await writeFileAtomic(out, bytes);
  return bytes;
}
