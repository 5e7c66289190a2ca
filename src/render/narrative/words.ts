/** Shared wording: the year as the kind says it, 预算/决算, the comparison with last year. */
import type { Disclosure } from "../../model/schema.ts";
import type { RenderInput } from "../input.ts";
import { type Figure, priorOf } from "./figures.ts";
import { changeClause } from "./format.ts";
export function reason(input: RenderInput, key: string): string | undefined {
  return input.texts?.reasons?.[key];
}

/** "比上年…" for a figure, with the reason sentence when it moved. */
export function compare(input: RenderInput, f: Figure, key: string, topic: string): string {
  return changeClause(f.value, priorOf(input, key, f.unit), f.unit, {
    base: "上年",
    wantReason: true,
    reasonTopic: `${topic}增减原因`,
    ...(reason(input, key) ? { reason: reason(input, key) as string } : {}),
  });
}

/** "2025年" in a budget, "2023年度" in a final account (the templates' words). */
export function yearOf(d: Disclosure): string {
  return `${d.year}年${d.kind === "final" ? "度" : ""}`;
}

export function word(d: Disclosure): "预算" | "决算" {
  return d.kind === "final" ? "决算" : "预算";
}
