/**
 * The template path keeps every fact (issue 15): `gongkai template --from`
 * every seed, read back, gives the seed's facts exactly — the Xi'an layouts
 * (收入总表 by 单位编码, 专项业务经费 in one 金额 column, 收支总表 lines by 经济分类)
 * included; what the template cannot carry is named, never dropped
 * silently; and rendering the filled template loses nothing that rendering
 * the seed itself keeps.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractFile } from "../src/cli/extract.ts";
import { ingestBytes } from "../src/ingest/index.ts";
import { toFacts } from "../src/model/facts.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { renderDocument } from "../src/render/index.ts";
import { readTemplate, runTemplate } from "../src/template/index.ts";
import { seedFiles, seedPath } from "./helpers/seeds.ts";

/** Non-zero facts as “table key column [unit]” → value. */
function facts(d: Disclosure): Map<string, string> {
  return new Map(
    toFacts(d)
      .facts.filter((f) => f.value !== "0")
      .map((f) => [`${f.table} ${f.key} ${f.column}${f.unit ? ` ${f.unit}` : ""}`, f.value]),
  );
}

function lost(from: Map<string, string>, to: Map<string, string>): string[] {
  return [...from].filter(([k, v]) => to.get(k) !== v).map(([k, v]) => `${k}=${v}`);
}

/** What a filled template may leave out: tables it has no sheet for, a table's second copy, a line printed again. */
const NAMED_LEFTOVER = /模板没有此表|同类表格只填第一张|与同名行重复/;

describe("template --from every seed", () => {
  const prefixes = seedFiles().map((f) => f.slice(0, 3));
  it("has the seeds", () => assert.ok(prefixes.length >= 5));
  for (const prefix of prefixes) {
    it(`${prefix}: read back with every fact; what is left out is named; render loses nothing the document path keeps`, async () => {
      const file = seedPath(prefix);
      const source = await extractFile(file);
      const want = facts(source);
      assert.ok(want.size > 20, `${prefix} has facts (${want.size})`);
      const { bytes, skipped } = await runTemplate({ from: file });
      for (const s of skipped) assert.match(s, NAMED_LEFTOVER, s);
      const input = await readTemplate(bytes);
      const back = facts(input.disclosure);
      assert.deepEqual(lost(want, back), [], "facts lost by the template");
      assert.deepEqual(lost(back, want), [], "facts the source does not have");

      // In every format, the document made from the filled template keeps what the one made from the seed keeps.
      for (const format of ["html", "pdf", "xlsx", "docx"] as const) {
        const quiet = { charts: false };
        const viaTemplate = recognize(
          await ingestBytes(
            await renderDocument({ ...input, options: { ...input.options, ...quiet } }, format),
          ),
        );
        const direct = recognize(
          await ingestBytes(await renderDocument({ disclosure: source, options: quiet }, format)),
        );
        const documentLoses = new Set(lost(want, facts(direct)));
        assert.deepEqual(
          lost(want, facts(viaTemplate)).filter((f) => !documentLoses.has(f)),
          [],
          `${format}: render of the filled template loses what render of the seed keeps`,
        );
      }
    });
  }

  it("001 (Xi'an): 收入总表 by 单位编码 and the 专项业务经费 金额 column are carried", async () => {
    const { bytes } = await runTemplate({ from: seedPath("001") });
    const d = (await readTemplate(bytes)).disclosure;
    const income = d.tables.find((t) => t.id === "income");
    const units = income?.rows.filter((r) => r.keyKind === "unit").map((r) => r.key);
    assert.deepEqual(units, ["231", "231002"]);
    const projects = d.tables.find((t) => t.id === "projects");
    assert.ok(projects?.columns.some((c) => c.id === "amount"));
    assert.equal(
      projects?.rows.find((r) => r.key === "医保专网建设")?.cells.amount?.amount,
      52_440_000,
    );
    const summary = d.tables.find((t) => t.id === "summary");
    assert.equal(
      summary?.rows.find((r) => r.key === "expenditure.economic.303")?.cells.amount?.amount,
      952_802_000,
    );
  });
});
