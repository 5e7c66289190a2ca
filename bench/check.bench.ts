/**
 * Mutation benchmark for the checker: take consistent documents, inject one
 * realistic error at a time, and count how many the checker detects; count
 * the false findings on the unmutated documents; time the checks.
 *
 * A mutation counts as detected when the mutated document has an error or
 * warning finding that the unmutated one did not have. 尾差 (info) does not
 * count, so mutations avoid the last printed digit of 万元 tables, which is
 * indistinguishable from rounding.
 */
import { checkDisclosure } from "../src/check/engine.ts";
import type { Finding } from "../src/check/types.ts";
import { formatAmount, parseAmount } from "../src/model/money.ts";
import type { Cell, Disclosure, Row } from "../src/model/schema.ts";
import { consistentBudget, prng } from "../test/helpers/consistent.ts";

const DOCS = Number(process.env.GONGKAI_BENCH_DOCS ?? 40);
const PER_KIND = Number(process.env.GONGKAI_BENCH_MUTATIONS ?? 5);

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];

interface Mutation {
  kind: string;
  /** Applies the mutation in place and says what it did; false when the document offers no place for it. */
  apply(d: Disclosure, rand: Rand): string | false;
}

/** Non-zero cells of the tables, with where they are. */
function cellsOf(d: Disclosure): { row: Row; col: string; cell: Cell; unit: Disclosure["unit"] }[] {
  const out = [];
  for (const t of d.tables) {
    for (const row of t.rows) {
      for (const [col, cell] of Object.entries(row.cells)) {
        if ((cell.amount ?? 0) !== 0) out.push({ row, col, cell, unit: t.unit });
      }
    }
  }
  return out;
}

/** Digits of a printed amount that may change: not the last one of a 万元 figure. */
function mutableDigits(text: string, unit: string): number[] {
  const idx: number[] = [];
  for (let i = 0; i < text.length; i++) if (/\d/.test(text[i] ?? "")) idx.push(i);
  return unit === "万元" ? idx.slice(0, -1) : idx;
}

function setText(cell: Cell, text: string): string | false {
  const amount = parseAmount(text);
  if (amount === undefined || amount === cell.amount) return false;
  const was = cell.text;
  cell.text = text;
  cell.amount = amount;
  return `第 ${cell.source.line} 行 ${was} → ${text}`;
}

const cellChanged: Mutation = {
  kind: "表格数字改错（一位数字）",
  apply(d, rand) {
    const target = pick(rand, cellsOf(d));
    if (!target) return false;
    const i = pick(rand, mutableDigits(target.cell.text, target.unit));
    if (i === undefined) return false;
    const old = Number(target.cell.text[i]);
    const digit = (old + 1 + Math.floor(rand() * 9)) % 10;
    return setText(
      target.cell,
      target.cell.text.slice(0, i) + String(digit) + target.cell.text.slice(i + 1),
    );
  },
};

const digitsSwapped: Mutation = {
  kind: "表格数字两位颠倒",
  apply(d, rand) {
    const candidates = cellsOf(d).filter((c) =>
      /(\d)(?!\1)\d/.test(c.cell.text.replace(/[.,]/g, "")),
    );
    const target = pick(rand, candidates);
    if (!target) return false;
    const digits = mutableDigits(target.cell.text, target.unit);
    const pairs = digits
      .slice(0, -1)
      .map((p, k) => [p, digits[k + 1] as number] as const)
      .filter(([a, b]) => target.cell.text[a] !== target.cell.text[b]);
    const pair = pick(rand, pairs);
    if (!pair) return false;
    const chars = [...target.cell.text];
    [chars[pair[0]], chars[pair[1]]] = [chars[pair[1]] as string, chars[pair[0]] as string];
    return setText(target.cell, chars.join(""));
  },
};

const rowDropped: Mutation = {
  kind: "漏列一行科目",
  apply(d, rand) {
    const tables = d.tables.filter((t) =>
      t.rows.some((r) => r.keyKind === "func" && r.level === 3),
    );
    const t = pick(rand, tables);
    if (!t) return false;
    const rows = t.rows.filter(
      (r) =>
        (r.keyKind === "func" && r.level === 3) || (r.keyKind === "econ_dept" && r.level === 2),
    );
    const victim = pick(rand, rows);
    if (!victim) return false;
    t.rows.splice(t.rows.indexOf(victim), 1);
    return `${t.title} 删去 ${victim.key} ${victim.name}`;
  },
};

/** A claim's amount changed, in the sentence and the model alike. */
const narrativeAmount: Mutation = {
  kind: "说明中的金额写错",
  apply(d, rand) {
    const claim = pick(
      rand,
      d.claims.filter((c) => c.amount !== undefined && c.amount !== 0),
    );
    if (!claim || claim.amount === undefined) return false;
    const printed = formatAmount(claim.amount, { fixed: true });
    const digits = mutableDigits(printed, claim.unit ?? "万元");
    const i = pick(rand, digits);
    if (i === undefined) return false;
    const next =
      printed.slice(0, i) +
      String((Number(printed[i]) + 1 + Math.floor(rand() * 9)) % 10) +
      printed.slice(i + 1);
    const amount = parseAmount(next);
    if (amount === undefined || amount === claim.amount) return false;
    for (const c of d.claims) if (c.quote === claim.quote) c.quote = c.quote.replace(printed, next);
    for (const s of d.sections) s.text = s.text.replace(printed, next);
    claim.amount = amount;
    return `“${claim.subject.label}” ${printed} → ${next}`;
  },
};

const narrativeRate: Mutation = {
  kind: "说明中的增长率写错",
  apply(d, rand) {
    const claim = pick(
      rand,
      d.claims.filter((c) => c.rate !== undefined),
    );
    if (!claim?.rate) return false;
    const old = claim.rate;
    // A wrong figure, not a rounding difference, and the same direction: the
    // words (增长/下降) stay as they were, so the sign does too.
    const magnitude = Math.abs(Number.parseFloat(old));
    const delta = (rand() < 0.5 ? -1 : 1) * (0.2 + Math.floor(rand() * 300) / 10);
    const next = magnitude + delta > 0 ? magnitude + delta : magnitude - delta;
    const bumped = (old.startsWith("-") ? -next : next).toFixed(2);
    const abs = (s: string) => s.replace("-", "");
    for (const s of d.sections) s.text = s.text.replace(`${abs(old)}%`, `${abs(bumped)}%`);
    claim.quote = claim.quote.replace(`${abs(old)}%`, `${abs(bumped)}%`);
    claim.rate = bumped;
    return bumped !== old && `增长率 ${old} → ${bumped}`;
  },
};

const wrongYear: Mutation = {
  kind: "说明中的年度写错",
  apply(d, rand) {
    const sections = d.sections.filter((s) => s.text.includes(`${d.year}年`));
    const s = pick(rand, sections);
    if (!s) return false;
    const wrong = `${d.year - 1}年`;
    s.text = s.text.replace(`${d.year}年`, wrong);
    for (const c of d.claims)
      if (c.section === s.heading) c.quote = c.quote.replace(`${d.year}年`, wrong);
    return `${s.heading}：${wrong}`;
  },
};

const LEFTOVERS = ["增长（下降）", "增加（减少）", "XX万元", "年 月 日", "××局"];
const templateLeftover: Mutation = {
  kind: "模板残留",
  apply(d, rand) {
    const s = pick(
      rand,
      d.sections.filter((x) => x.text.length > 0),
    );
    const leftover = pick(rand, LEFTOVERS);
    if (!s || !leftover) return false;
    const cut = s.text.indexOf("，");
    s.text =
      cut > 0
        ? `${s.text.slice(0, cut + 1)}较上年${leftover}，${s.text.slice(cut + 1)}`
        : `${s.text}${leftover}`;
    return `${s.heading}：${leftover}`;
  },
};

const MUTATIONS: Mutation[] = [
  cellChanged,
  digitsSwapped,
  rowDropped,
  narrativeAmount,
  narrativeRate,
  wrongYear,
  templateLeftover,
];

const significant = (fs: Finding[]) =>
  new Set(fs.filter((f) => f.severity !== "info").map((f) => `${f.rule}|${f.message}`));

const docs: Disclosure[] = [];
for (let i = 0; i < DOCS; i++) {
  docs.push(consistentBudget({ seed: 1000 + i, unit: i % 2 === 0 ? "万元" : "元" }));
}

let falseFindings = 0;
const baselines = docs.map((d) => {
  const found = significant(checkDisclosure(d).findings);
  falseFindings += found.size;
  if (found.size > 0) console.log(`误报（种子 ${docs.indexOf(d)}）：${[...found].join("；")}`);
  return found;
});

const rand = prng(42);
const results = new Map<string, { tried: number; detected: number; missed: string[] }>();
let checks = 0;
const t0 = performance.now();
for (const [i, doc] of docs.entries()) {
  for (const m of MUTATIONS) {
    const r = results.get(m.kind) ?? { tried: 0, detected: 0, missed: [] };
    results.set(m.kind, r);
    for (let k = 0; k < PER_KIND; k++) {
      const copy = structuredClone(doc);
      const what = m.apply(copy, rand);
      if (!what) continue;
      const found = significant(checkDisclosure(copy).findings);
      checks++;
      r.tried++;
      const base = baselines[i] ?? new Set();
      if ([...found].some((f) => !base.has(f))) r.detected++;
      else {
        if (r.missed.length < 3) r.missed.push(`文档 ${i}`);
        if (process.env.GONGKAI_BENCH_VERBOSE) console.log(`未检出：${m.kind} 文档 ${i}：${what}`);
      }
    }
  }
}
const seconds = (performance.now() - t0) / 1000;

let tried = 0;
let detected = 0;
console.log(`变异检测（${DOCS} 份一致的预算文档，每类每份 ${PER_KIND} 次）`);
for (const [kind, r] of results) {
  tried += r.tried;
  detected += r.detected;
  const share = r.tried ? ((100 * r.detected) / r.tried).toFixed(1) : "—";
  console.log(
    `  ${kind.padEnd(14, "　")} ${String(r.detected).padStart(4)}/${String(r.tried).padEnd(4)} ${share}%${r.missed.length ? `  未检出如：${r.missed.join("、")}` : ""}`,
  );
}
console.log(`检出率 ${((100 * detected) / tried).toFixed(1)}%（目标 ≥ 99%）`);
console.log(`未变异文档上的误报（错误和警告）：${falseFindings}（目标 0）`);
console.log(
  `检查速度：${(checks / seconds).toFixed(0)} 份/秒（${checks} 次检查，${seconds.toFixed(2)} 秒）`,
);
