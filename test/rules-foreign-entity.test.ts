/**
 * Another body's name in the text that describes this one: a 职责 paragraph
 * copied from another unit. Real seeds, one line changed.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkDisclosure } from "../src/check/engine.ts";
import { ingestText } from "../src/ingest/index.ts";
import { recognize } from "../src/recognize/index.ts";
import { seedPath } from "./helpers/seeds.ts";

function findings(seed: string, edit?: (lines: string[]) => void) {
  const file = seedPath(seed);
  const lines = readFileSync(file, "utf8").split("\n");
  edit?.(lines);
  const d = recognize(ingestText(new TextEncoder().encode(lines.join("\n"))), { file });
  return checkDisclosure(d).findings.filter((f) => f.rule === "template/foreign-entity");
}

/** Put words at the start of the first 职责 line that has text. */
function intoDuties(lines: string[], words: string): void {
  // The heading whose next line with text is a duty (not a 目录 entry).
  const next = (i: number) => lines.findIndex((l, j) => j > i && l.trim() !== "");
  const heading = lines.findIndex(
    (l, i) =>
      /职责|职能/u.test(l) && l.trim().length < 20 && (lines[next(i)] ?? "").trim().length > 20,
  );
  assert.ok(heading >= 0);
  const at = next(heading);
  lines[at] = `${words}${lines[at]}`;
}

describe("template/foreign-entity", () => {
  it("is silent on every published seed", () => {
    for (const s of ["000", "001", "002", "003", "004"]) assert.deepEqual(findings(s), [], s);
  });

  it("a body of another region written as the doer of a duty is reported", () => {
    // 随州市曾都区 prints no province: the region cannot be compared, the doer form decides.
    const found = findings("000", (l) => intoDuties(l, "江苏省政协办公厅负责"));
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, "warning");
    const shanghai = findings("001", (l) => intoDuties(l, "上海市普陀区商务委员会负责"));
    // 西安市碑林区 vs 上海市普陀区: a province against a city — the doer form decides.
    assert.equal(shanghai.length, 1);
    assert.equal(shanghai[0]?.severity, "warning");
  });

  it("a body of another district of the same city, as the doer of a duty, is reported", () => {
    const found = findings("001", (l) => intoDuties(l, "西安市雁塔区医疗保障局负责"));
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, "error");
    assert.match(found[0]?.message ?? "", /不在同一地区/u);
  });
});

describe("a body named by its district only, as the doer of a duty (seed 004, 西宁市城东区医疗保障局)", () => {
  it("another district's body once in the 职能 is a warning; the discloser's own district is not", () => {
    const file = seedPath("004");
    const text = readFileSync(file, "utf8").split("\n");
    const at = text.findIndex((l) => l.includes("(二)组织实施医疗保障基金监督管理办法"));
    assert.ok(at > 0, "the 职能's second item");
    const withSentence = (s: string) => {
      const t = [...text];
      t.splice(at, 0, s);
      const d = recognize(ingestText(new TextEncoder().encode(t.join("\n"))), { file });
      return checkDisclosure(d).findings.filter((f) => f.rule === "template/foreign-entity");
    };
    assert.deepEqual(withSentence(""), []);
    const found = withSentence("曾都区医疗保障信息中心负责全区医疗保障信息化建设。");
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.equal(found[0]?.severity, "warning");
    assert.match(found[0]?.message ?? "", /“曾都区医疗保障信息中心”在全文只出现这一次/u);
    assert.deepEqual(withSentence("城东区医疗保障事务中心负责经办服务。"), []);
    assert.deepEqual(withSentence("社区卫生服务中心负责基层经办。"), []);
  });

  it("inside a sentence (a line of the PDF starts mid-sentence): the body from its 区 on is reported", () => {
    const file = seedPath("004");
    const text = readFileSync(file, "utf8").split("\n");
    // "障基金安全防控机制,…": the second line of item (二), the sentence's middle.
    const at = text.findIndex((l) => l.startsWith("障基金安全防控机制"));
    assert.ok(at > 0);
    const withWords = (w: string) => {
      const t = [...text];
      t[at] = `${w}${t[at]}`;
      const d = recognize(ingestText(new TextEncoder().encode(t.join("\n"))), { file });
      return checkDisclosure(d).findings.filter((f) => f.rule === "template/foreign-entity");
    };
    const found = withWords("曾都区医疗保障信息中心负责");
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.equal(found[0]?.severity, "warning");
    assert.equal(found[0]?.actual, "…区医疗保障信息中心");
    // Words that end in 区/县 without naming a place, and the discloser's own district.
    assert.deepEqual(withWords("全区医疗保障经办中心负责"), []);
    assert.deepEqual(withWords("各县医疗保障服务中心负责"), []);
    assert.deepEqual(withWords("城东区医疗保障事务中心负责"), []);
  });
});
