/** Every rule, whatever its family, carries what its page and every report need. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_RULES } from "../src/check/registry.ts";
import { RULE_FAMILIES } from "../src/check/types.ts";

describe("rule metadata", () => {
  it("ids are family/kebab-name, unique, in their family", () => {
    const ids = new Set<string>();
    for (const r of ALL_RULES) {
      assert.match(r.id, /^[a-z]+\/[a-z]+(-[a-z]+)*$/, r.id);
      assert.ok(RULE_FAMILIES.includes(r.family), r.id);
      assert.ok(r.id.startsWith(`${r.family}/`), r.id);
      assert.ok(!ids.has(r.id), `${r.id} twice`);
      ids.add(r.id);
    }
  });

  it("a Chinese title, description and basis; an unconfirmed rule is never an error", () => {
    for (const r of ALL_RULES) {
      assert.match(r.title, /[\u4e00-\u9fff]/, r.id);
      assert.ok(r.description.length > 30, r.id);
      assert.match(r.basis, /[\u4e00-\u9fff]/, r.id);
      if (r.confirmation === "unconfirmed") assert.notEqual(r.severity, "error", r.id);
    }
  });

  it("a basis a reviewer can look up: a named document with its 文号 or standard number, or the identity it enforces — never internal notes or another tool's rule ids", () => {
    const cited =
      /《[^》]+》（[^）]*(?:〔\d{4}〕\d+号|令第\d+号|GB\/T [\d.—-]+)[^）]*）|《中华人民共和国预算法(?:实施条例)?》第[一二三四五六七八九十]+条|财政部《政府收支分类科目》|表样/u;
    const identity = /^(?:表间)?(?:恒等式|不等式|一致性|对应)|^说明与表格一致/u;
    for (const r of ALL_RULES) {
      assert.ok(cited.test(r.basis) || identity.test(r.basis), `${r.id}: ${r.basis}`);
      assert.doesNotMatch(
        r.basis,
        /GovBudgetChecker|tianbaoxitong|disclosure-rules|§|\b[A-Z]{1,3}-[A-Z]?\d{1,3}\b|CMM-|OBL-|V33-/u,
        r.id,
      );
    }
  });
});
