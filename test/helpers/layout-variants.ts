/**
 * Layout families: the same disclosure printed the way other regions print
 * it. Each variant rewrites a seed's text in one way that real documents
 * show (codes in 类/款/项 parts, tables in 元, other table numbers and title
 * wordings, other digit forms, no 目录 …) and leaves every figure and every
 * other line as it was, so the re-read document must give the same facts
 * and no new error finding.
 *
 * Every place a variant touches is found from the recognised model of the
 * untransformed seed (a row's line and key, a table's title, number and
 * rows), never from a line number written here.
 */
import { textLayout } from "../../src/ingest/text/layout.ts";
import { formatAmountGrouped, parseAmount } from "../../src/model/money.ts";
import type { Disclosure, MoneyUnit, Row, Table, TableId } from "../../src/model/schema.ts";
import { recognize } from "../../src/recognize/index.ts";
import { compact } from "../../src/recognize/normalize.ts";
import { matchTitle } from "../../src/recognize/titles.ts";

/** A seed read once: its lines (0-based here, 1-based in the model) and its reading. */
export interface Seed {
  name: string;
  lines: readonly string[];
  doc: Disclosure;
}

/** A variant's text, how many places it changed, and what the reading should then say. */
export interface Applied {
  lines: string[];
  edits: number;
  /** The document's unit when the variant prints its tables in another one. */
  currencyUnit?: MoneyUnit;
  /** Table numbers as printed before → as printed now (compacted), for a variant that renumbers. */
  numbers?: Map<string, string>;
}

export interface Variant {
  /** The family, as numbered in the study (1 科目编码 parts … 6 目录 and numbers). */
  family: number;
  name: string;
  /** The rewritten seed, or undefined where the seed prints nothing this variant changes. */
  apply(seed: Seed): Applied | undefined;
}

export function readText(text: string): Disclosure {
  return recognize(textLayout(text));
}

export function readSeed(name: string, text: string): Seed {
  return { name, lines: text.split(/\r\n|\r|\n/), doc: readText(text) };
}

// ─── Places in the model ─────────────────────────────────────────────────

/** Tables that hold money by classification or line (not 绩效 forms, not kept-as-printed ones). */
const MONEY = (t: Table) => t.id !== "other" && t.id !== "performance";

/** The last line a table's rows and cells are printed on. */
function lastLine(t: Table): number {
  let last = t.source.endLine ?? t.source.line;
  for (const r of t.rows) {
    last = Math.max(last, r.source.endLine ?? r.source.line);
    for (const c of Object.values(r.cells))
      last = Math.max(last, c.source.endLine ?? c.source.line);
  }
  return last;
}

/** The first line a table's rows are printed on (its header ends before it). */
function firstRowLine(t: Table): number {
  let first = Number.POSITIVE_INFINITY;
  for (const r of t.rows) {
    first = Math.min(first, r.source.line);
    for (const c of Object.values(r.cells)) first = Math.min(first, c.source.line);
  }
  return first;
}

const isCode = (r: Row) =>
  r.keyKind === "func" || r.keyKind === "econ_dept" || r.keyKind === "econ_gov";

/** Where `token` stands as a whole number in `text` (no digit, dot or comma beside it), from `from`. */
function wholeToken(text: string, token: string, from = 0): number {
  for (let i = text.indexOf(token, from); i >= 0; i = text.indexOf(token, i + 1)) {
    const before = text[i - 1] ?? "";
    const after = text[i + token.length] ?? "";
    if (!/[\d.,]/.test(before) && !/[\d.,]/.test(after)) return i;
  }
  return -1;
}

/** 2080505 → ["208", "05", "05"]; 30101 → ["301", "01"]. */
function codeParts(code: string): string[] {
  return [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)].filter((p) => p !== "");
}

/** The classification rows of money tables whose code is printed whole, by the line it is on. */
function codeRows(doc: Disclosure): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  for (const t of doc.tables.filter(MONEY))
    for (const r of t.rows) {
      if (!isCode(r) || r.printedCode !== undefined || r.key.length < 5) continue;
      const line = r.source.line;
      const keys = byLine.get(line) ?? [];
      if (!keys.includes(r.key)) keys.push(r.key);
      byLine.set(line, keys);
    }
  return byLine;
}

// ─── Family 1: 科目编码 in 类/款/项 parts ───────────────────────────────────

/** "2080505" printed as "208 05 05" where it stands (Shanghai, 类 款 项 under one header). */
const codesSpaced: Variant = {
  family: 1,
  name: "科目编码分段印在同一格（208 05 05）",
  apply(seed) {
    const lines = [...seed.lines];
    let edits = 0;
    for (const [line, keys] of codeRows(seed.doc)) {
      let text = lines[line - 1] ?? "";
      for (const key of keys) {
        const at = wholeToken(text, key);
        if (at < 0) continue;
        text = text.slice(0, at) + codeParts(key).join(" ") + text.slice(at + key.length);
        edits++;
      }
      lines[line - 1] = text;
    }
    return edits > 0 ? { lines, edits } : undefined;
  },
};

/**
 * Codes in parts under a 类 款 项 header line (Shanghai: “功能分类科目编码” over
 * “类 款 项”), in text whose header is flattened into lines (PDF text).
 */
const codesUnderHeader: Variant = {
  family: 1,
  name: "科目编码分段，表头加“类 款 项”一行",
  apply(seed) {
    const spaced = codesSpaced.apply(seed);
    if (!spaced) return undefined;
    const lines = spaced.lines;
    const at: number[] = [];
    for (const t of seed.doc.tables.filter(MONEY)) {
      if (!t.rows.some(isCode)) continue;
      for (let n = t.source.line; n < firstRowLine(t); n++) {
        const text = lines[n - 1] ?? "";
        if (/科目(?:编码|代码)/.test(text) && !/[|\t]/.test(text)) {
          at.push(n);
          break;
        }
      }
    }
    if (at.length === 0) return undefined;
    for (const n of at.sort((a, b) => b - a)) lines.splice(n, 0, "类 款 项");
    return { lines, edits: spaced.edits + at.length };
  },
};

/** The cells of a markdown row ("| a | b |" → ["a", "b"]), or undefined for another line. */
function markdownCells(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith("|") || !t.endsWith("|") || t.length < 2) return undefined;
  return t
    .slice(1, -1)
    .split("|")
    .map((c) => c.trim());
}

const markdownRow = (cells: string[]) => `| ${cells.join(" | ")} |`;

/**
 * Codes in three columns 类 | 款 | 项 (the national 决算 template, Shanghai):
 * a tab table's 类 column holds the whole code and 款, 项 stand empty beside
 * it; a markdown table's one 科目编码 column becomes three.
 */
const codesInColumns: Variant = {
  family: 1,
  name: "科目编码分列为类、款、项三栏",
  apply(seed) {
    const lines = [...seed.lines];
    let edits = 0;
    const rows = codeRows(seed.doc);
    // Tab tables: "2080505\t\t" → "208\t05\t05".
    for (const [line, keys] of rows) {
      const text = lines[line - 1] ?? "";
      if (!text.includes("\t")) continue;
      const cells = text.split("\t");
      const i = cells.findIndex((c) => keys.includes(c.trim()));
      const key = cells[i]?.trim() ?? "";
      if (i < 0 || cells[i + 1]?.trim() !== "" || cells[i + 2]?.trim() !== "") continue;
      const parts = codeParts(key);
      cells.splice(i, 3, parts[0] ?? "", parts[1] ?? "", parts[2] ?? "");
      lines[line - 1] = cells.join("\t");
      edits++;
    }
    // Markdown tables: the 科目编码 header cell and every row's code cell become three.
    for (const t of seed.doc.tables.filter(MONEY)) {
      if (!t.rows.some(isCode)) continue;
      const from = t.source.line;
      const to = lastLine(t);
      let column = -1;
      for (let n = from; n <= to; n++) {
        const cells = markdownCells(lines[n - 1] ?? "");
        if (!cells) continue;
        if (column < 0) {
          column = cells.findIndex((c) => /科目编码|^编码$/.test(compact(c)));
          if (column < 0) continue;
          cells.splice(column, 1, "类", "款", "项");
        } else if (cells.every((c) => /^:?-+:?$/.test(c))) {
          cells.splice(column, 1, "---", "---", "---");
        } else {
          const code = cells[column] ?? "";
          const parts = /^\d{3}(?:\d{2}){0,2}$/.test(code) ? codeParts(code) : [code];
          cells.splice(column, 1, parts[0] ?? "", parts[1] ?? "", parts[2] ?? "");
          if (parts.length > 1) edits++;
        }
        lines[n - 1] = markdownRow(cells);
      }
    }
    return edits > 0 ? { lines, edits } : undefined;
  },
};

// ─── Family 3 and 5: how amounts are printed ───────────────────────────────

/** A printed decimal figure: "94.04", "1,256,446.75" (not a rate: no % after it). */
const FIGURE = /(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+(?![\d.,]*\s*[%％])(?![\d.,])/g;

/**
 * The lines a money table's figures are printed on, with the line that
 * states its unit (-1 where the table states none and takes the document's).
 */
function moneyTableSpans(doc: Disclosure, lines: readonly string[], unit: MoneyUnit) {
  const spans: { table: Table; unitLine: number; from: number; to: number }[] = [];
  for (const t of doc.tables.filter(MONEY)) {
    if (t.unit !== unit || t.rows.length === 0) continue;
    const from = firstRowLine(t);
    const to = lastLine(t);
    let unitLine = -1;
    for (let n = Math.max(1, t.source.line - 4); n < from; n++)
      if (new RegExp(`单位\\s*[:：]\\s*${unit}`).test(lines[n - 1] ?? "")) unitLine = n;
    if (unitLine > 0 || !t.unitStated) spans.push({ table: t, unitLine, from, to });
  }
  return spans;
}

/**
 * A figure broken over lines by the PDF's text (“582.” and “36” on lines of
 * their own) printed anew the same way: `print`'s text cut as many
 * characters from its end as the last piece had. Returns the lines it
 * rewrote, or undefined where the pieces are not whole lines.
 */
function rewriteBroken(
  lines: string[],
  table: Table,
  print: (figure: string) => string,
): Set<number> | undefined {
  const done = new Set<number>();
  for (const r of table.rows)
    for (const c of Object.values(r.cells)) {
      const end = c.source.endLine ?? c.source.line;
      if (end === c.source.line || c.amount === null) continue;
      const first = (lines[c.source.line - 1] ?? "").trim();
      if (!first || !c.text.startsWith(first)) return undefined;
      const rest = c.text.slice(first.length);
      let at = -1;
      for (let n = c.source.line + 1; n <= end; n++)
        if ((lines[n - 1] ?? "").trim() === rest) at = n;
      if (at < 0 || rest === "") return undefined;
      const next = print(c.text);
      lines[c.source.line - 1] = next.slice(0, next.length - rest.length);
      lines[at - 1] = next.slice(next.length - rest.length);
      done.add(c.source.line).add(at);
    }
  return done;
}

/** Every figure of a table's lines printed anew; returns how many it changed, or undefined. */
function reprintTable(
  lines: string[],
  span: { table: Table; from: number; to: number },
  print: (figure: string) => string,
): number | undefined {
  const copy = [...lines];
  const broken = rewriteBroken(copy, span.table, print);
  if (!broken) return undefined;
  let edits = broken.size / 2;
  for (let n = span.from; n <= span.to; n++) {
    if (broken.has(n)) continue;
    copy[n - 1] = (copy[n - 1] ?? "").replace(FIGURE, (figure) => {
      const next = print(figure);
      if (next !== figure) edits++;
      return next;
    });
  }
  lines.splice(0, lines.length, ...copy);
  return edits;
}

/** 94.04 (万元) → "940,400.00" (元), or "940400.00" without separators. */
function inYuan(figure: string, grouped: boolean): string {
  const v = parseAmount(figure);
  if (v === undefined) return figure;
  const yuan = formatAmountGrouped(v * 10000);
  return grouped ? yuan : yuan.replace(/,/g, "");
}

/**
 * Tables printed in 元 (values × 10000, two decimals, thousands separators,
 * "单位：元") while the 说明 keeps its 万元: Shanghai's tables 1–8, most
 * 单位预算 of Shaanxi. `keep` leaves some tables in the 万元 they state
 * (Shanghai's 三公 table). A table that states no unit takes the document's,
 * so it is printed in 元 with the others.
 */
function tablesInYuan(name: string, keep: (t: Table) => boolean, grouped = true): Variant {
  return {
    family: 3,
    name,
    apply(seed) {
      const lines = [...seed.lines];
      let edits = 0;
      let converted = 0;
      for (const s of moneyTableSpans(seed.doc, lines, "万元")) {
        if (s.unitLine > 0 && keep(s.table)) continue;
        const n = reprintTable(lines, s, (f) => inYuan(f, grouped));
        if (n === undefined) continue;
        edits += n;
        converted++;
        if (s.unitLine > 0)
          lines[s.unitLine - 1] = (lines[s.unitLine - 1] ?? "").replace(
            /(单位\s*[:：]\s*)万元/,
            "$1元",
          );
      }
      if (edits === 0) return undefined;
      const left = seed.doc.tables.filter(MONEY).length - converted;
      // The document's unit is the one most of its tables print.
      return {
        lines,
        edits,
        ...(converted > left ? { currencyUnit: "元" as const } : {}),
      };
    },
  };
}

/** Rewrites every figure of every money table with `print`. */
function figuresPrinted(family: number, name: string, print: (figure: string) => string): Variant {
  return {
    family,
    name,
    apply(seed) {
      const lines = [...seed.lines];
      let edits = 0;
      for (const unit of ["元", "万元"] as const)
        for (const s of moneyTableSpans(seed.doc, lines, unit))
          edits += reprintTable(lines, s, print) ?? 0;
      return edits > 0 ? { lines, edits } : undefined;
    },
  };
}

const FULL_WIDTH: Record<string, string> = { ",": "，", ".": "．" };
const fullWidth = (s: string) =>
  s.replace(/[0-9.,]/g, (c) =>
    /\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : (FULL_WIDTH[c] ?? c),
  );

// ─── Family 4: table numbers and title wordings ────────────────────────────

const CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
function cnNumber(n: number): string {
  if (n <= 10) return CN[n] ?? String(n);
  if (n < 20) return `十${CN[n - 10]}`;
  return `${CN[Math.floor(n / 10)]}十${CN[n % 10] ?? ""}`;
}
const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * A printed table number as a pattern: spaces allowed between its
 * characters, and no digit (or "-" and a digit) right after it, so that
 * "表1" is not found in "表16" or "表1-2".
 */
function numberPattern(number: string): RegExp {
  const chars = [...compact(number)].map((c) => c.replace(/[-\\^$.*+?()[\]{}|]/g, "\\$&"));
  return new RegExp(`(?<![\\d-])${chars.join("\\s*")}(?![\\d]|[-－]\\d)`, "g");
}

/** The money tables' printed numbers, each with the number it counts (附表4-1 → 1, 公开01表 → 1). */
function tableNumbers(seed: Seed): { number: string; n: number }[] {
  const out: { number: string; n: number }[] = [];
  for (const t of seed.doc.tables.filter(MONEY)) {
    const n = Number(/(\d+)\D*$/.exec(compact(t.number ?? ""))?.[1]);
    if (!t.number || !n || out.some((x) => x.number === t.number)) continue;
    out.push({ number: t.number, n });
  }
  return out;
}

/**
 * Every money table's number printed in another regional style, wherever
 * the document prints it (the number line, a 报表目录 row, a 说明's
 * “详见附表4-1”), so that the document stays consistent with itself.
 */
function numbersInStyle(name: string, style: (n: number) => string): Variant {
  return {
    family: 4,
    name,
    apply(seed) {
      const numbers = tableNumbers(seed);
      // Numbers that are the same once compacted ("附表 4-1") are one number; the
      // longest first, so that 表1 does not eat into 附表1.
      numbers.sort((a, b) => compact(b.number).length - compact(a.number).length);
      let edits = 0;
      const lines = seed.lines.map((line) => {
        let text = line;
        // Placeholders first, so that a new number is never taken for an old one.
        numbers.forEach(({ number }, i) => {
          text = text.replace(numberPattern(number), () => {
            edits++;
            return `\uE000${i}\uE000`;
          });
        });
        return text.replace(/\uE000(\d+)\uE000/g, (_, i) => style(numbers[Number(i)]?.n ?? 0));
      });
      const renumbered = new Map(numbers.map((x) => [compact(x.number), compact(style(x.n))]));
      return edits > 0 ? { lines, edits, numbers: renumbered } : undefined;
    },
  };
}

/**
 * Title wordings real disclosures use for each standard table, by kind
 * (shared/reference/disclosure-rules.md §1.3: 财预〔2016〕143号's names, 德江
 * 2025, Shanghai's nine tables; the corpus's Jiangsu, 西南大学 and Shanghai
 * documents; the seeds' own Hubei, Yunnan, Qinghai and Shaanxi ones).
 */
const TITLES: Record<"budget" | "final", Partial<Record<TableId, string[]>>> = {
  budget: {
    summary: ["部门收支总体情况表", "收支预算总表", "部门收支总表", "部门财务收支预算总表"],
    income: ["部门收入总体情况表", "收入预算总表", "部门收入总表", "部门收入预算总表"],
    expenditure: ["部门支出总体情况表", "支出预算总表", "部门支出总表", "部门支出预算总表"],
    fiscal_summary: ["财政拨款收支总体情况表", "财政拨款收支预算总表", "财政拨款收支总表"],
    gpb_function: [
      "一般公共预算支出情况表",
      "一般公共预算支出预算表",
      "一般公共预算支出表",
      "一般公共预算支出功能分类预算表",
    ],
    gpb_basic_economic: [
      "一般公共预算基本支出情况表",
      "一般公共预算基本支出预算表",
      "一般公共预算基本支出表",
      "一般公共预算基本支出部门预算经济分类预算表",
    ],
    three_public: [
      "一般公共预算“三公”经费支出情况表",
      "一般公共预算“三公”经费、会议费、培训费支出预算表",
      "一般公共预算“三公”经费支出表",
      "“三公”经费和机关运行经费预算表",
    ],
    gov_fund: [
      "政府性基金预算支出情况表",
      "政府性基金支出预算表",
      "政府性基金预算支出表",
      "政府性基金预算支出功能分类预算表",
    ],
    state_capital: ["国有资本经营预算支出表", "国有资本经营预算支出功能分类预算表"],
  },
  final: {
    summary: ["收入支出决算总表", "收入支出决算表"],
    fiscal_summary: ["财政拨款收入支出决算总表", "财政拨款收入支出决算表"],
    gpb_function: ["一般公共预算财政拨款支出决算表", "一般公共预算财政拨款收入支出决算表"],
    gpb_basic_economic: [
      "一般公共预算财政拨款基本支出决算表",
      "一般公共预算财政拨款基本支出决算明细表",
    ],
    state_capital: ["国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"],
    three_public: ["财政拨款“三公”经费支出决算表", "一般公共预算财政拨款“三公”经费支出决算表"],
  },
};

/** A 目录 or title line with its ordinal, dotted leaders and page number taken off. */
function titleText(line: string): string {
  return compact(
    line
      .replace(/[.…·\s]{3,}\d*\s*$/, "")
      .replace(/^\s*(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．])/, ""),
  );
}

/**
 * Every standard table's title in another attested wording, `pick` choosing
 * among the wordings other than the printed one: on the title line and on
 * the 目录 lines that name the table in the same words.
 */
function titlesReworded(name: string, pick: number): Variant {
  return {
    family: 4,
    name,
    apply(seed) {
      const lines = [...seed.lines];
      let edits = 0;
      const done = new Set<TableId>();
      for (const t of seed.doc.tables.filter(MONEY)) {
        // The id the title's own words give: a table read by its columns under
        // another table's title (seed 001's 收入 grid under 支出总表) keeps that title's family.
        const id = matchTitle(t.title)?.id;
        const words = id && TITLES[seed.doc.kind][id];
        if (!id || !words || done.has(id)) continue;
        done.add(id);
        const printed = compact(t.title);
        const others = words.filter((w) => compact(w) !== printed);
        const wording = others[pick % others.length];
        if (!wording) continue;
        for (let n = 1; n <= lines.length; n++) {
          const text = lines[n - 1] ?? "";
          if (titleText(text) !== printed) continue;
          const at = text.indexOf(t.title.trim());
          if (at < 0) continue;
          lines[n - 1] = text.slice(0, at) + wording + text.slice(at + t.title.trim().length);
          edits++;
        }
      }
      return edits > 0 ? { lines, edits } : undefined;
    },
  };
}

// ─── Family 6: no 目录, no table numbers ───────────────────────────────────

/** The line a table's title is printed on (its words as the model holds them), near the table's start. */
function titleLine(seed: Seed, t: Table): number | undefined {
  const printed = compact(t.title);
  for (let n = Math.max(1, t.source.line - 2); n <= t.source.line + 4; n++)
    if (titleText(seed.lines[n - 1] ?? "") === printed) return n;
  return undefined;
}

/**
 * A number printed on a line of its own (附表 4-1 above the title, 公开01表
 * below it) printed in front of the title instead: “表1 收支总表”, the way
 * many regions' Word templates set it.
 */
const numberBesideTitle: Variant = {
  family: 4,
  name: "表号与表名印在同一行",
  apply(seed) {
    const lines = [...seed.lines];
    let edits = 0;
    for (const t of seed.doc.tables.filter(MONEY)) {
      const at = titleLine(seed, t);
      if (!t.number || at === undefined) continue;
      const number = compact(t.number);
      for (let n = at - 3; n <= at + 3; n++) {
        if (n === at || compact(lines[n - 1] ?? "") !== number) continue;
        lines[n - 1] = "";
        lines[at - 1] =
          `${(lines[at - 1] ?? "").match(/^\s*/)?.[0] ?? ""}${number} ${(lines[at - 1] ?? "").trim()}`;
        edits++;
        break;
      }
    }
    return edits > 0 ? { lines, edits } : undefined;
  },
};

/**
 * Titles with the year and the discloser in front (“2025年曾都区医疗保障信息中心
 * 收支总表”), as Shanghai (“2025年部门…”), 西南大学 (“西南大学收支预算总表”)
 * and the 绩效 forms of seed 002 print them.
 */
const titleWithEntity: Variant = {
  family: 4,
  name: "表名前加年度和单位名称",
  apply(seed) {
    const lines = [...seed.lines];
    let edits = 0;
    const year = `${seed.doc.year}年${seed.doc.kind === "final" ? "度" : ""}`;
    const entity = seed.doc.entity.name;
    if (!entity) return undefined;
    for (const t of seed.doc.tables.filter(MONEY)) {
      const at = titleLine(seed, t);
      const text = at === undefined ? "" : (lines[at - 1] ?? "");
      const i = text.indexOf(t.title.trim());
      if (at === undefined || i < 0 || compact(t.title).includes(entity)) continue;
      lines[at - 1] = `${text.slice(0, i)}${year}${entity}${text.slice(i)}`;
      edits++;
    }
    return edits > 0 ? { lines, edits } : undefined;
  },
};

/** How a unit is stated: “单位：万元” ↔ “金额单位：万元”, “单位: 元” → “金额单位：元”. */
const unitWording: Variant = {
  family: 3,
  name: "金额单位的其他写法（单位：万元 / 金额单位：万元 / 单位:万元）",
  apply(seed) {
    const lines = [...seed.lines];
    let edits = 0;
    for (const unit of ["元", "万元"] as const)
      for (const s of moneyTableSpans(seed.doc, lines, unit)) {
        if (s.unitLine < 0) continue;
        const text = lines[s.unitLine - 1] ?? "";
        const next = /金额单位/.test(text)
          ? text.replace(/金额单位\s*[:：]\s*/, "单位:")
          : text.replace(/单位\s*[:：]\s*(?=万?元)/, "金额单位：");
        if (next !== text) edits++;
        lines[s.unitLine - 1] = next;
      }
    return edits > 0 ? { lines, edits } : undefined;
  },
};

/**
 * The 目录 taken out: from its heading to the line before the body repeats
 * its first entry (a 目录 lists the parts in the order the body prints them).
 */
const noDirectory: Variant = {
  family: 6,
  name: "删去目录",
  apply(seed) {
    const start = seed.lines.findIndex((l) => /^目录$/.test(compact(l)));
    if (start < 0) return undefined;
    let first = start + 1;
    while (first < seed.lines.length && compact(seed.lines[first] ?? "") === "") first++;
    const entry = titleText(seed.lines[first] ?? "");
    let end = -1;
    for (let n = first + 1; n < seed.lines.length; n++)
      if (entry && titleText(seed.lines[n] ?? "") === entry) {
        end = n;
        break;
      }
    if (end < 0) return undefined;
    const lines = [...seed.lines.slice(0, start), ...seed.lines.slice(end)];
    return { lines, edits: end - start };
  },
};

/**
 * Table numbers left out wherever they are printed: a number on a line of
 * its own goes, one in a title line or a 报表目录 row is cut.
 */
const noTableNumbers: Variant = {
  family: 6,
  name: "删去表号",
  apply(seed) {
    const numbers = tableNumbers(seed).sort(
      (a, b) => compact(b.number).length - compact(a.number).length,
    );
    let edits = 0;
    const lines = seed.lines.map((line) => {
      let text = line;
      for (const { number } of numbers)
        text = text.replace(numberPattern(number), () => {
          edits++;
          return "";
        });
      if (text === line) return line;
      return compact(text) === "" ? "" : text.replace(/^\s*[:：、.．]\s*/, "");
    });
    return edits > 0 ? { lines, edits } : undefined;
  },
};

/** A variant that gives nothing where it would leave the seed as it is (公开01表 in the 公开01表 style). */
function changing(v: Variant): Variant {
  return {
    ...v,
    apply(seed) {
      const a = v.apply(seed);
      if (!a) return undefined;
      const same =
        a.lines.length === seed.lines.length && a.lines.every((l, i) => l === seed.lines[i]);
      return same ? undefined : a;
    },
  };
}

export const VARIANTS: readonly Variant[] = [
  codesSpaced,
  codesInColumns,
  codesUnderHeader,
  tablesInYuan("表格金额单位改为元（说明仍为万元）", () => false),
  tablesInYuan("表格金额单位改为元，“三公”表仍为万元（上海）", (t) => t.id === "three_public"),
  tablesInYuan("表格金额单位改为元，不用千位分隔符", () => false, false),
  unitWording,
  numbersInStyle("表号：表一、表二……", (n) => `表${cnNumber(n)}`),
  numbersInStyle("表号：附表1-1、附表1-2……", (n) => `附表1-${n}`),
  numbersInStyle("表号：公开01表、公开02表……", (n) => `公开${pad2(n)}表`),
  numbersInStyle("表号：表1-1、表1-2……", (n) => `表1-${n}`),
  numbersInStyle("表号：部门公开表01、部门公开表02……", (n) => `部门公开表${pad2(n)}`),
  numberBesideTitle,
  titleWithEntity,
  titlesReworded("表名换用同类措辞（一）", 0),
  titlesReworded("表名换用同类措辞（二）", 1),
  titlesReworded("表名换用同类措辞（三）", 2),
  figuresPrinted(5, "金额不用千位分隔符", (f) => f.replace(/,/g, "")),
  figuresPrinted(5, "金额用全角数字和标点", fullWidth),
  noDirectory,
  noTableNumbers,
].map(changing);
