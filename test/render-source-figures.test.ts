/**
 * Rendering a document that was read carries the figures its own 说明 states
 * (政府采购, 机关运行经费, 资产总额, a 决算's 年初预算) into the new 说明 — only
 * where the source is unambiguous: a claim with its subject and unit known,
 * of the document's own year and kind, that no other claim contradicts.
 * Anything else stays a 【待填写】 marker, never a figure the source did not state.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { extractFile } from "../src/cli/extract.ts";
import { runRender } from "../src/cli/render.ts";
import type { Claim, Disclosure } from "../src/model/schema.ts";
import {
  figuresFromClaims,
  inputFromDisclosure,
  type RenderInput,
  renderHtml,
} from "../src/render/index.ts";
import { seedPath } from "./helpers/seeds.ts";

const dir = mkdtempSync(join(tmpdir(), "gongkai-source-figures-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The seed's disclosure with its claims changed (a fresh copy each time). */
async function seedWith(
  prefix: string,
  change: (claims: Claim[]) => Claim[] = (c) => c,
): Promise<Disclosure> {
  const d = structuredClone(await extractFile(seedPath(prefix)));
  return { ...d, claims: change(d.claims) };
}

/** The document's text: HTML without its tags (a marker is a span of its own). */
function textOf(input: RenderInput): string {
  return renderHtml({ ...input, options: { charts: false } }).replace(/<[^>]+>/g, "");
}

const PROCUREMENT_SENTENCE =
  /2024年本单位政府采购预算总额52\.44万元，其中：政府采购货物预算0\.00万元、政府采购工程预算0\.00万元、政府采购服务预算52\.44万元。/u;

describe("figures from the source's 说明", () => {
  it("seed 001: its 政府采购 sentence (52.44 万元, all 服务) is written again instead of a marker", async () => {
    const d = await seedWith("001");
    assert.deepEqual(figuresFromClaims(d), {
      unit: "万元",
      procurement: { total: 52_44, goods: 0, works: 0, services: 52_44 },
    });
    const html = textOf(inputFromDisclosure(d));
    assert.match(html, PROCUREMENT_SENTENCE);
    assert.doesNotMatch(html, /【待填写：政府采购金额/u);
    // Its 政府采购表 was not read: the table still asks for its lines.
    assert.match(html, /本表数据【待填写：政府采购预算明细】/u);
  });

  it("seed 000: 机关运行经费 5.05 万元 and 资产总额 24.37 万元, stated at the end of the year before", async () => {
    const html = textOf(inputFromDisclosure(await seedWith("000")));
    assert.match(html, /2025年本部门机关运行经费预算5\.05万元/u);
    assert.match(html, /截至2024年12月31日，本部门资产总额24\.37万元/u);
  });

  it("seed 002 (决算): the 年初预算 of 一般公共预算财政拨款支出 and the 政府采购支出 are carried", async () => {
    const html = textOf(inputFromDisclosure(await seedWith("002")));
    assert.match(
      html,
      /一般公共预算财政拨款支出年初预算为587\.09万元，支出决算为587\.09万元，完成年初预算的100\.00%/u,
    );
    assert.match(html, /2022年度本部门政府采购支出总额20\.00万元，其中：政府采购货物10\.80万元/u);
  });

  it("two claims of one subject that disagree: neither is carried (the sentence stays a marker)", async () => {
    const d = await seedWith("001", (claims) => [
      ...claims,
      ...claims
        .filter((c) => c.subject.key === "procurement.total")
        .map((c) => ({ ...c, amount: 60_00 })),
    ]);
    assert.equal(figuresFromClaims(d)?.procurement, undefined);
    const html = textOf(inputFromDisclosure(d));
    assert.doesNotMatch(html, /52\.44万元|60\.00万元/u);
    assert.match(html, /政府采购预算【待填写：政府采购金额（货物、工程、服务）】/u);
  });

  it("a figure of another year, one without its unit, and a 预算 figure in a 决算 are not carried", async () => {
    const otherYear = await seedWith("001", (claims) =>
      claims.map((c) => ({ ...c, quote: c.quote.replace("2024年", "2023年") })),
    );
    assert.equal(figuresFromClaims(otherYear)?.procurement, undefined);
    const noUnit = await seedWith("001", (claims) =>
      claims.map((c) => {
        if (!c.subject.key?.startsWith("procurement.")) return c;
        const { unit: _, ...rest } = c;
        return rest;
      }),
    );
    assert.equal(figuresFromClaims(noUnit)?.procurement, undefined);
    // Seed 002 is a 决算: a 政府采购预算 sentence beside its 政府采购支出 is another figure.
    const budgetInFinal = await seedWith("002", (claims) => [
      ...claims,
      ...claims
        .filter((c) => c.subject.key === "procurement.total")
        .map((c) => ({
          ...c,
          amount: 35_00,
          subject: { ...c.subject, label: "政府采购预算" },
          quote: "2022年度本部门政府采购预算35万元。",
        })),
    ]);
    assert.equal(figuresFromClaims(budgetInFinal)?.procurement?.total, 20_00);
  });

  it("面向中小企业预留 (read as a 政府采购 line) is a share, not the total", async () => {
    const d = await seedWith("001", (claims) => [
      ...claims,
      ...claims
        .filter((c) => c.subject.key === "procurement.total")
        .map((c) => ({
          ...c,
          amount: 30_00,
          subject: { ...c.subject, label: "面向中小企业预留政府采购项目预算金额" },
        })),
    ]);
    assert.equal(figuresFromClaims(d)?.procurement?.total, 52_44);
  });
});

describe("gongkai render carries them", () => {
  it("from the document and from its `extract -f json` output", async () => {
    const html = new TextDecoder()
      .decode(await runRender(seedPath("001"), "html"))
      .replace(/<[^>]+>/g, "");
    assert.match(html, PROCUREMENT_SENTENCE);
    const json = join(dir, "001.json");
    writeFileSync(json, JSON.stringify(await extractFile(seedPath("001"))));
    const fromJson = new TextDecoder()
      .decode(await runRender(json, "html"))
      .replace(/<[^>]+>/g, "");
    assert.match(fromJson, PROCUREMENT_SENTENCE);
  });
});
