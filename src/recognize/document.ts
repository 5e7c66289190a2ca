/**
 * What the document is: 预算 or 决算, the fiscal year, the entity (and its
 * supervising department), read from titles, table headers ("部门：…",
 * "单位名称：…") and the narrative.
 */
import type { LayoutBlock } from "../ingest/layout.ts";
import type { Entity, Kind } from "../model/schema.ts";
import { compact } from "./normalize.ts";
import type { Region } from "./segment.ts";

/** The compact form of a whole document, computed once per document (NFKC over 40 KB is not free). */
const flatCache = new WeakMap<string[], string>();
function flat(lines: string[]): string {
  let f = flatCache.get(lines);
  if (f === undefined) {
    f = compact(lines.join(""));
    flatCache.set(lines, f);
  }
  return f;
}

function allText(blocks: LayoutBlock[], limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (out.length >= limit) break;
    if (b.kind === "line") out.push(b.text);
    else for (const r of b.rows) out.push(r.cells.map((c) => c.text).join(" "));
  }
  return out;
}

function countMax<T>(items: T[]): T | undefined {
  const m = new Map<T, number>();
  let best: T | undefined;
  let bestN = 0;
  for (const it of items) {
    const n = (m.get(it) ?? 0) + 1;
    m.set(it, n);
    if (n > bestN) {
      best = it;
      bestN = n;
    }
  }
  return best;
}

export function detectKind(lines: string[], regions: Region[]): Kind | undefined {
  const byTitle = regions.map((r) => r.match.kind).filter((k): k is Kind => !!k);
  const titleKind = countMax(byTitle);
  const head = compact(lines.slice(0, 60).join(""));
  const headFinal = (head.match(/决算/g) ?? []).length;
  const headBudget = (head.match(/预算(?:公开|情况|说明|收支|表)/g) ?? []).length;
  if (/\d{4}年度?(?:部门|单位)?决算/.test(head) && headFinal >= headBudget) return "final";
  if (/\d{4}年度?(?:部门|单位)?(?:综合)?预算/.test(head) && headBudget > headFinal) return "budget";
  if (titleKind) return titleKind;
  const all = flat(lines);
  const f = (all.match(/决算/g) ?? []).length;
  const b = (all.match(/预算/g) ?? []).length;
  if (f === 0 && b === 0) return undefined;
  return f * 2 >= b ? "final" : "budget";
}

export function detectYear(lines: string[], kind: Kind | undefined): number | undefined {
  const text = flat(lines);
  const word = kind === "final" ? "决算" : "预算";
  const titled = [
    ...text.matchAll(new RegExp(`(20\\d{2})年度?(?:部门|单位)?(?:综合)?${word}`, "g")),
  ].map((m) => Number(m[1]));
  const y = countMax(titled.slice(0, 20));
  if (y) return y;
  const any = [...text.matchAll(/(20\d{2})年/g)].map((m) => Number(m[1]));
  return countMax(any);
}

const ENTITY_LINE =
  /(?:^|\s)(?:部门(?:\/单位)?|单位名称|预算单位|部门名称|编制单位)\s*[:：]\s*([\u3400-\u9fff（）()]{3,40}?)(?=\s|单位[:：]|金额单位|$)/;
const ENTITY_NAME =
  /([\u3400-\u9fff]{2,30}?(?:局|中心|委员会|委|办公室|办公厅|院|所|站|馆|部|厅|处|会|队|学校|大学|医院|政府|公司|社|团|台))/;

export function detectEntity(
  lines: string[],
  kind: Kind | undefined,
  year: number | undefined,
): Entity | undefined {
  const stated: string[] = [];
  for (const l of lines) {
    if (!l.includes("：") && !l.includes(":")) continue;
    const m = ENTITY_LINE.exec(l);
    if (m?.[1]) stated.push(m[1].replace(/[（(]本级[)）]$/, ""));
  }
  let name = countMax(stated);
  if (!name) {
    // Names written before the year: "西宁市城东区医疗保障局 2025年收支总预算".
    const word = kind === "final" ? "决算" : "预算";
    const found: string[] = [];
    const re = new RegExp(
      `${ENTITY_NAME.source}\\s*(?:${year ?? "20\\d{2}"})\\s*年度?[^。]{0,12}${word}`,
      "g",
    );
    for (const l of lines) {
      if (!l.includes(word)) continue;
      for (const m of l.matchAll(re)) if (m[1]) found.push(m[1]);
    }
    name = countMax(found);
  }
  if (!name) {
    const first = lines
      .slice(0, 10)
      .map((l) => l.trim())
      .find((l) => ENTITY_NAME.test(l));
    const m = first ? ENTITY_NAME.exec(first) : null;
    if (m?.[1]) name = m[1];
  }
  if (!name) return undefined;
  return { name, parent: detectParent(lines, name), ...entityLevel(name, lines) };
}

function entityLevel(name: string, lines: string[]): Pick<Entity, "level" | "government"> {
  const out: Pick<Entity, "level" | "government"> = {};
  const head = compact(lines.slice(0, 40).join(""));
  if (/单位(?:综合)?预算|单位决算/.test(head)) out.level = "unit";
  else if (/部门(?:综合)?预算|部门决算/.test(head)) out.level = "department";
  if (/^(?:中共中央|国务院|全国|中华人民共和国)/.test(name)) out.government = "central";
  else if (/[区县旗]/.test(name)) out.government = "county";
  else if (/市/.test(name)) out.government = "city";
  else if (/省|自治区/.test(name)) out.government = "province";
  return out;
}

/** A short name ("区医疗保障局") stands for the longest name in the text that ends with it. */
function expandName(short: string, text: string): string {
  let best = short;
  for (const m of text.matchAll(new RegExp(`[\u3400-\u9fff]{1,10}${short}`, "g"))) {
    const full = m[0];
    if (
      /^(?:省|市|区|县|自治|[\u3400-\u9fff]{1,4}(?:省|市|区|县))/.test(full) &&
      full.length > best.length &&
      /(?:省|市|区|县)/.test(full.slice(0, full.length - short.length + 1))
    )
      best = full;
  }
  return best;
}

function detectParent(lines: string[], entity: string): string | null {
  const text = lines.join("\n");
  const byCode = parentByUnitCode(lines, entity);
  if (byCode) return byCode;
  const patterns = [
    /属\s*([\u3400-\u9fff]{3,30}?(?:局|委员会|委|办公室|厅|部|政府))\s*(?:二级|下属|所属)/,
    /隶属于\s*([\u3400-\u9fff]{3,30}?(?:局|委员会|委|办公室|厅|部|政府))/,
    /为\s*([\u3400-\u9fff]{3,30}?(?:局|委员会|委|办公室|厅|部|政府))\s*所属/,
    /(?:项目)?主管部门\s*[|｜]?\s*[|｜\s]*([\u3400-\u9fff]{3,30}?(?:局|委员会|委|办公室|厅|部|政府))/,
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    const p = m?.[1]?.replace(/\s+/g, "");
    if (p && p !== entity && !entity.startsWith(`${p}（`)) return expandName(p, text);
  }
  return null;
}

function parentByUnitCode(lines: string[], entity: string): string | null {
  // A unit code of three digits whose child (six digits) is the entity: "231 X局" then "231002 entity".
  const codeName = /(?:^|[|\s])(\d{3})\s*[|\s]\s*([\u3400-\u9fff]{3,30})\s*[|\s]/;
  for (let i = 0; i < lines.length; i++) {
    const m = codeName.exec(lines[i] ?? "");
    if (!m?.[1] || !m[2] || m[2] === entity) continue;
    const next = `${lines[i + 1] ?? ""} ${lines[i + 2] ?? ""} ${lines[i + 3] ?? ""}`;
    if (new RegExp(`${m[1]}\\d{3}`).test(next) && next.includes(entity.slice(-6))) return m[2];
  }
  return null;
}

export function documentText(blocks: LayoutBlock[]): string[] {
  return allText(blocks);
}
