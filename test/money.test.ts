import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  convertAmount,
  formatAmount,
  formatAmountGrouped,
  parseAmount,
  sumAmounts,
} from "../src/model/money.ts";

describe("money", () => {
  it("parses printed amounts exactly into hundredths", () => {
    assert.equal(parseAmount("12,753,171.62"), 1275317162);
    assert.equal(parseAmount("94.04"), 9404);
    assert.equal(parseAmount("0"), 0);
    assert.equal(parseAmount("-3.5"), -350);
    assert.equal(parseAmount("10.000"), 1000);
    assert.equal(parseAmount("10.005"), undefined);
    assert.equal(parseAmount("一百"), undefined);
    assert.equal(parseAmount("1,2,3"), undefined);
  });
  it("adds without float drift", () => {
    const cells = ["0.10", "0.20", "0.30"].map((s) => parseAmount(s) ?? 0);
    assert.equal(sumAmounts(cells), parseAmount("0.60"));
    assert.notEqual(0.1 + 0.2 + 0.3, 0.6);
  });
  it("formats", () => {
    assert.equal(formatAmount(9404), "94.04");
    assert.equal(formatAmount(1000, { fixed: true }), "10.00");
    assert.equal(formatAmount(1000), "10");
    assert.equal(formatAmount(-50), "-0.5");
    assert.equal(formatAmountGrouped(1275317162), "12,753,171.62");
  });
  it("converts between 元 and 万元, saying when it rounds", () => {
    assert.deepEqual(convertAmount(14, "万元", "元"), { value: 140000, exact: true });
    assert.deepEqual(convertAmount(140000, "元", "万元"), { value: 14, exact: true });
    assert.deepEqual(convertAmount(140049, "元", "万元"), { value: 14, exact: false });
    assert.deepEqual(convertAmount(145000, "元", "万元"), { value: 15, exact: false });
    assert.deepEqual(convertAmount(-145000, "元", "万元"), { value: -15, exact: false });
  });
});
