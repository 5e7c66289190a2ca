/**
 * Comparisons on real documents, asserted against figures the documents
 * print: the 2023 budget and final accounts of 西南大学, the 2024 final
 * accounts of 上海市普陀区财政局 (its own 年初预算 sentences), two years of
 * 万里街道's budget (the 2024 说明 states the 2023 figures and the rates),
 * and the two units of 曾都区医疗保障局 in the seeds (their golden facts).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  compareBudgetFinal,
  compareUnits,
  compareYears,
  type ExecutionLine,
  type YearLine,
} from "../src/analyse/compare.ts";
import { planComparisons } from "../src/analyse/plan.ts";
import { convertAmount, parseAmount } from "../src/model/money.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractFile } from "../src/pipeline.ts";
import { loadGolden } from "./helpers/golden.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";

const CORPUS = join(SHARED, "corpus");
const cache = new Map<string, Promise<Disclosure>>();
function read(path: string): Promise<Disclosure> {
  let p = cache.get(path);
  if (!p) {
    p = extractFile(path);
    cache.set(path, p);
  }
  return p;
}

/** Hundredths from a printed amount. */
function h(printed: string): number {
  const v = parseAmount(printed);
  assert.ok(v !== undefined, printed);
  return v;
}

/** part/whole in percent to two places, by the schoolbook rule (independent of src/analyse). */
function pct(part: string, whole: string): string {
  const p = BigInt(h(part));
  const w = BigInt(h(whole));
  const scaled = (p * 100000n) / w; // three decimals, truncated
  const rounded = (scaled + 5n) / 10n;
  return `${rounded / 100n}.${String(rounded % 100n).padStart(2, "0")}`;
}

describe("budget against final accounts: 西南大学 2023", () => {
  const budgetFile = join(CORPUS, "southwest-university", "西南大学2023年度部门预算.pdf");
  const finalFile = join(CORPUS, "southwest-university", "西南大学2023年度部门决算.pdf");

  it("gives 执行率 by functional line from the 支出总表 of each (figures as printed)", async () => {
    const c = compareBudgetFinal(await read(budgetFile), await read(finalFile));
    assert.deepEqual(c.notes, []);
    const t = c.tables.find((x) => x.table === "expenditure");
    assert.ok(t, "支出总表 compared");
    assert.equal(t.unit, "万元");
    // 预算 支出总表: 合计 468,779.07, 205 教育支出 434,334.99, 206 科学技术支出 2,801.72;
    // 决算 表 3 支出决算表: 合计 457,676.75, 205 425,287.27, 206 2,536.65.
    for (const [key, budget, final] of [
      ["total", "468,779.07", "457,676.75"],
      ["205", "434,334.99", "425,287.27"],
      ["206", "2,801.72", "2,536.65"],
      ["2060204", "1,973.00", "1,707.93"],
    ] as const) {
      const line: ExecutionLine | undefined = t.lines.find((l) => l.key === key);
      assert.ok(line, key);
      assert.equal(line.budget, h(budget), `${key} 预算`);
      assert.equal(line.final, h(final), `${key} 决算`);
      assert.equal(line.difference, h(final) - h(budget));
      assert.equal(line.rate, pct(final, budget), `${key} 执行率`);
    }
  });

  it("is what auto mode picks for a budget and a final of one entity and year", async () => {
    const [c, ...rest] = planComparisons([await read(finalFile), await read(budgetFile)]);
    assert.equal(rest.length, 0);
    assert.equal(c?.mode, "budget-final");
    assert.equal(c?.mode === "budget-final" ? c.budget?.kind : undefined, "budget");
  });
});

describe("final accounts against the budget they print: 上海市普陀区财政局 2024", () => {
  const file = join(CORPUS, "shanghai-putuo", "上海市普陀区财政局2024年度部门决算.pdf");

  it("recomputes the 执行率 the 说明 prints, and names each 项 by its 决算 figure", async () => {
    const c = compareBudgetFinal(undefined, await read(file));
    // “一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。”
    const total = c.stated.find((s) => s.budget === h("2993.92"));
    assert.ok(total);
    assert.equal(total.final, h("2940.05"));
    assert.equal(total.printed, "98.20");
    assert.equal(total.rate, "98.20");
    // “行政运行（项）… 年初预算为 1560.05 万元，支出决算为1511.89万元。”
    const running = c.stated.find((s) => s.code === "2010601");
    assert.ok(running, "行政运行 named by its 决算 figure in the 一般公共预算 table");
    assert.equal(running.budget, h("1560.05"));
    assert.equal(running.final, h("1511.89"));
    assert.equal(running.rate, pct("1511.89", "1560.05"));
  });

  it("sets the 三公 预算数 against the 决算数 of its own 三公 table", async () => {
    const c = compareBudgetFinal(undefined, await read(file));
    // “三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%。
    const total = c.threePublic?.lines.find((l) => l.key === "three_public.total");
    assert.ok(total);
    assert.equal(c.threePublic?.unit, "万元");
    assert.equal(total.budget, h("0.95"));
    assert.equal(total.final, 0);
    assert.equal(total.rate, "0.00");
    assert.equal(total.budgetSource, "final");
  });
});

describe("year over year: 万里街道 budgets 2023 → 2024", () => {
  const dir = join(CORPUS, "shanghai-putuo-budgets");
  const y2023 = join(dir, "上海市普陀区人民政府万里街道办事处2023年部门预算.pdf");
  const y2024 = join(dir, "上海市普陀区人民政府万里街道办事处2024年部门预算.pdf");

  it("matches the changes the 2024 说明 states against 2023", async () => {
    // Given in either order, the earlier year comes first.
    const c = compareYears(await read(y2024), await read(y2023));
    assert.equal(c.prior.year, 2023);
    assert.equal(c.current.year, 2024);
    const summary = c.tables.find((t) => t.table === "summary");
    assert.ok(summary);
    assert.equal(summary.unit, "元");
    // 2023: 财政拨款收入 164,978,640; 2024 说明: 财政拨款支出预算15621.11万元，比2023年预算减少876.75万元.
    const grand = summary.lines.find((l) => l.key === "expenditure.grand_total");
    assert.ok(grand);
    assert.equal(grand.prior, h("164,978,640"));
    assert.equal(convertAmount(grand.current ?? 0, "元", "万元").value, h("15621.11"));
    assert.equal(convertAmount(grand.change ?? 0, "元", "万元").value, -h("876.75"));
    // 2024 说明: 专项普查活动 2023 年 60.13 万元 → 25.77 万元, 减少 57.14%;
    // 群众团体事务一般行政管理事务 45.41 → 42.60 万元, 减少 6.19%.
    const fn = c.tables.find((t) => t.table === "gpb_function");
    assert.ok(fn);
    for (const [code, before, after, rate] of [
      ["2010507", "60.13", "25.77", "-57.14"],
      ["2012902", "45.41", "42.60", "-6.19"],
    ] as const) {
      const line: YearLine | undefined = fn.lines.find((l) => l.key === code);
      assert.ok(line, code);
      assert.equal(convertAmount(line.prior ?? 0, "元", "万元").value, h(before));
      assert.equal(convertAmount(line.current ?? 0, "元", "万元").value, h(after));
      assert.equal(line.rate, rate);
    }
  });
});

describe("units of one department: the two 曾都区医疗保障局 units in the seeds", () => {
  it("sets them side by side and sums them as their golden facts add up", async () => {
    const a = await read(seedPath("000"));
    const b = await read(seedPath("002"));
    const c = compareUnits([a, b]);
    assert.equal(c.parent, "曾都区医疗保障局");
    assert.equal(c.units.length, 2);
    // Different years and kinds: said, not hidden.
    assert.ok(c.notes.some((n) => n.includes("年度或类型不同")));
    // 000: its golden facts; 002 (no golden file): its 支出决算表 as the seed prints it
    // (lines 344–362: 合计, 210, 21015 and 2101550 事业运行 all 587.09 万元).
    const ga = loadGolden("000_451c231ef299bff3.json");
    const printed002: Record<string, string> = {
      total: "587.09",
      "210": "587.09",
      "21015": "587.09",
      "2101550": "587.09",
    };
    const t = c.tables.find((x) => x.table === "expenditure");
    assert.ok(t);
    assert.equal(t.unit, "万元");
    let checked = 0;
    for (const line of t.lines) {
      const fa = ga.facts.find(
        (f) => f.table === "expenditure" && f.key === line.key && f.column === "total",
      );
      const fb = printed002[line.key];
      if (!fa && !fb) continue;
      const want = (fa ? h(fa.value) : 0) + (fb ? h(fb) : 0);
      assert.equal(line.sum, want, line.key);
      assert.equal(line.values[0] ?? 0, fa ? h(fa.value) : 0, `000 ${line.key}`);
      assert.equal(line.values[1] ?? 0, fb ? h(fb) : 0, `002 ${line.key}`);
      checked++;
    }
    assert.ok(checked >= 10, `checked ${checked} lines`);
    // 2101550 事业运行 is in both: 62.90 (000) + 587.09 (002).
    assert.equal(t.lines.find((l) => l.key === "2101550")?.sum, h("62.90") + h("587.09"));
  });

  it("is what auto mode does with units of one department", async () => {
    const [c] = planComparisons([await read(seedPath("000")), await read(seedPath("002"))]);
    assert.equal(c?.mode, "units");
  });
});
