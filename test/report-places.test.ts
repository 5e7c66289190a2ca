import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PLACES_SHOWN, placesOf } from "../src/check/report/labels.ts";
import type { Finding } from "../src/check/types.ts";

const finding = (n: number): Finding => ({
  rule: "arith/economic-subtotals",
  severity: "info",
  message: "302 不等于其下各款之和",
  basis: "会计恒等式",
  locations: Array.from({ length: n }, (_, i) => ({
    table: "gpb_basic_economic" as const,
    key: `302${String(i).padStart(2, "0")}`,
    column: "amount",
    line: 900 + i * 10,
  })),
});

describe("places a reader sees", () => {
  it("a short list is shown whole", () => {
    assert.equal(placesOf(finding(PLACES_SHOWN)).length, PLACES_SHOWN);
  });
  it("a long list keeps the first places and says how many more, and where", () => {
    const places = placesOf(finding(29));
    assert.equal(places.length, PLACES_SHOWN);
    assert.equal(
      places.at(-1),
      `另有 ${29 - PLACES_SHOWN + 1} 处（第${900 + (PLACES_SHOWN - 1) * 10}–1180行）`,
    );
  });
});
