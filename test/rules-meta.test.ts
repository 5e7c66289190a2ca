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
});
