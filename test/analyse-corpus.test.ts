/**
 * Corpus statistics on real documents: staff numbers read from the 说明,
 * 三公 per head and the 人员经费 share from the golden facts' figures; and
 * outliers among the 2017 Jiangsu provincial budgets, recomputed here from
 * the findings of each document by the definition (median, MAD, 3.5).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { analyseCorpus } from "../src/analyse/corpus.ts";
import { entityMetrics } from "../src/analyse/metrics.ts";
import { staffOf } from "../src/analyse/staff.ts";
import { loadConfig } from "../src/check/config.ts";
import { checkDisclosure } from "../src/check/engine.ts";
import { parseAmount } from "../src/model/money.ts";
import { extractFile } from "../src/pipeline.ts";
import { loadGolden } from "./helpers/golden.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";

const fact = (file: string, table: string, key: string, column: string): number => {
  const f = loadGolden(file).facts.find(
    (x) => x.table === table && x.key === key && x.column === column,
  );
  const v = f && parseAmount(f.value);
  assert.ok(v !== undefined, `${table} ${key} ${column}`);
  return v;
};

describe("entity metrics", () => {
  it("reads the staff numbers the 说明 prints", async () => {
    // 001: “人员编制15人，其中行政编制0人，事业编制15人；实有人员11人”
    const s1 = staffOf(await extractFile(seedPath("001")));
    assert.equal(s1?.authorised, 15);
    assert.equal(s1?.actual, 11);
    // 002: “人员编制 21 名，实有在编人员 21 人”
    const s2 = staffOf(await extractFile(seedPath("002")));
    assert.equal(s2?.authorised, 21);
    assert.equal(s2?.actual, 21);
  });

  it("gives 三公 per head and the 人员经费 share from the printed figures", async () => {
    const m = entityMetrics(await extractFile(seedPath("000")));
    // “人员编制 5 名，实有在编人员 5 人”; 三公 0.14 万元 = 1,400.00 元.
    const g = "000_451c231ef299bff3.json";
    const threePublicYuan = fact(g, "three_public", "three_public.total", "budget") * 10_000;
    assert.equal(m.values.threePublic, threePublicYuan);
    assert.equal(m.values.threePublicPerHead, threePublicYuan / 5);
    // 基本支出 84.04 万元, 其中人员经费 78.99 万元: 93.99%.
    const basic = fact(g, "gpb_basic_economic", "total", "total");
    const personnel = fact(g, "gpb_basic_economic", "total", "personnel");
    assert.equal(m.values.basic, basic * 10_000);
    assert.equal(m.values.personnelShare, Math.round((personnel * 10_000) / basic));
    assert.equal(m.region, "曾都区");
  });
});

describe("outliers among the 2017 Jiangsu provincial budgets", () => {
  const dir = join(SHARED, "corpus", "jiangsu");
  const files = [
    "江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf",
    "江苏省人民检察院/2017年省检察院部门预算.pdf",
    "江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf",
    "江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf",
    "江苏省政协办公厅/2017年度部门预算公开表.pdf",
    "江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf",
  ].map((f) => join(dir, f));

  it("joins each department's two files, counts findings, and flags by median and MAD", async () => {
    const config = await loadConfig("gongkai.config.json", false);
    const input = [];
    for (const f of files) {
      const disclosure = await extractFile(f);
      input.push({ disclosure, findings: checkDisclosure(disclosure, config).findings });
    }
    const s = analyseCorpus(input);
    // Four departments, each once: narrative and table files of one year are one disclosure.
    assert.equal(s.entities.length, 4);
    assert.deepEqual(
      s.entities.map((e) => e.document.year),
      [2017, 2017, 2017, 2017],
    );
    // Findings are counted per rule and per region, and add up to the documents' findings.
    const total = input.reduce((n, i) => n + i.findings.length, 0);
    assert.equal(
      s.findings?.byRule.reduce((n, r) => n + r.findings, 0),
      total,
    );
    assert.deepEqual(
      s.findings?.byRegion.map((r) => [r.region, r.findings, r.documents]),
      [["江苏省", total, 4]],
    );
    // Outliers by the definition, recomputed here for every metric the group has.
    const median = (v: number[]) => {
      const x = [...v].sort((a, b) => a - b);
      const m = x.length / 2;
      return x.length % 2
        ? (x[Math.floor(m)] as number)
        : ((x[m - 1] as number) + (x[m] as number)) / 2;
    };
    const flaggedHere = new Set<string>();
    for (const metric of [
      "findings",
      "personnelShare",
      "threePublicShare",
      "projectShare",
    ] as const) {
      const having = s.entities.filter((e) => e.values[metric] !== undefined);
      if (having.length < 4) continue;
      const v = having.map((e) => e.values[metric] as number);
      const med = median(v);
      const mad = median(v.map((x) => Math.abs(x - med)));
      const meanAd = v.reduce((n, x) => n + Math.abs(x - med), 0) / v.length;
      const scale = mad > 0 ? mad / 0.6745 : 1.253314 * meanAd;
      for (const e of having) {
        if (scale > 0 && Math.abs(((e.values[metric] as number) - med) / scale) > 3.5)
          flaggedHere.add(`${metric}|${e.document.entity}`);
      }
    }
    assert.deepEqual(
      new Set(s.outliers.map((o) => `${o.metric}|${o.document.entity}`)),
      flaggedHere,
    );
    for (const o of s.outliers) {
      // One sentence: who, what, against which peers, by how much.
      assert.equal(o.explanation.split("。").filter(Boolean).length, 1);
      assert.ok(o.explanation.startsWith(o.document.entity));
      assert.ok(o.explanation.includes(o.metricName));
      assert.ok(o.explanation.includes(`${o.peers.length} 个`));
      assert.ok(o.explanation.includes("2017 年省级部门预算"));
    }
    // The ranking of findings is the documents' own counts, highest first.
    const ranking = s.rankings.find((r) => r.metric === "findings");
    assert.deepEqual(
      ranking?.entries.map((e) => e.value),
      s.entities.map((e) => e.values.findings as number).sort((a, b) => b - a),
    );
  });
});
