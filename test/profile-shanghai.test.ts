/**
 * The Shanghai district profile (issue 15): `template --profile
 * shanghai-district` writes the official 区级部门/单位预算公开模板 (compared
 * with the official workbooks in shared/corpus/shanghai-templates); a
 * workbook filled from a real Putuo budget reads back through extract,
 * check and render with the same facts; `render --profile` prints the
 * nine Shanghai tables.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { checkDisclosure } from "../src/check/engine.ts";
import { extractFile } from "../src/cli/extract.ts";
import { runRender } from "../src/cli/render.ts";
import { toFacts } from "../src/model/facts.ts";
import { SHANGHAI_DISTRICT_PROFILE, SHANGHAI_TABLES } from "../src/model/profiles.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { readTemplate, runTemplate, TemplateError } from "../src/template/index.ts";
import { SHARED } from "./helpers/seeds.ts";

const OFFICIAL = join(SHARED, "corpus", "shanghai-templates");
const PUTUO = join(SHARED, "corpus", "shanghai-putuo-budgets");
const dir = mkdtempSync(join(tmpdir(), "gongkai-shanghai-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function load(file: string | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (typeof file === "string") await wb.xlsx.readFile(file);
  else await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}

/** A cell's text as a person reads it (rich text joined, blanks trimmed). */
function textOf(ws: ExcelJS.Worksheet, row: number, col: number): string {
  const v = ws.getCell(row, col).value as unknown;
  if (v && typeof v === "object" && Array.isArray((v as { richText?: unknown }).richText))
    return (v as { richText: { text: string }[] }).richText
      .map((x) => x.text)
      .join("")
      .trim();
  return v === null || v === undefined ? "" : String(v).trim();
}

/** Merged ranges that start on the given rows. */
function mergesOn(ws: ExcelJS.Worksheet, rows: Set<number>): string[] {
  const merges = (ws.model as unknown as { merges: string[] }).merges ?? [];
  return merges.filter((m) => rows.has(Number(/^[A-Z]+(\d+)/.exec(m)?.[1]))).sort();
}

/** Non-zero facts as “table key column [unit]” → value. */
function facts(d: Disclosure): Map<string, string> {
  return new Map(
    toFacts(d)
      .facts.filter((f) => f.value !== "0")
      .map((f) => [`${f.table} ${f.key} ${f.column}${f.unit ? ` ${f.unit}` : ""}`, f.value]),
  );
}

/**
 * The same non-zero facts both ways. A rendered document may add a 合计 line
 * the source did not print (render completes it from the 类 rows).
 */
function assertSameFacts(got: Disclosure, want: Disclosure, what: string, completed = false): void {
  const a = facts(want);
  const b = facts(got);
  assert.ok(a.size > 100, `${what}: the source has facts (${a.size})`);
  const lost = [...a].filter(([k, v]) => b.get(k) !== v).map(([k, v]) => `${k}=${v}→${b.get(k)}`);
  const added = [...b]
    .filter(([k, v]) => a.get(k) !== v && !(completed && !a.has(k) && / total /.test(k)))
    .map(([k, v]) => `${k}=${v}`);
  assert.deepEqual(lost, [], `${what}: facts lost`);
  assert.deepEqual(added, [], `${what}: facts not in the source`);
}

const errorsOf = (d: Disclosure) =>
  new Set(
    checkDisclosure(d)
      .findings.filter((f) => f.severity === "error")
      .map((f) => f.rule),
  );

for (const [level, file] of [
  ["department", "区级部门预算公开模板2026.xlsx"],
  ["unit", "区级单位预算公开模板2026.xlsx"],
] as const) {
  describe(`template --profile shanghai-district (${level}) against ${file}`, async () => {
    const official = await load(join(OFFICIAL, file));
    const { bytes } = await runTemplate({ profile: "shanghai-district", year: 2026, level });
    const ours = await load(bytes);

    it("has the official sheets, in the official order", () => {
      assert.deepEqual(
        ours.worksheets.map((w) => w.name),
        official.worksheets.map((w) => w.name),
      );
    });

    for (const t of SHANGHAI_TABLES) {
      const name = level === "unit" ? (t.sheet.unit ?? t.sheet.department) : t.sheet.department;
      it(`${name.trim()}: title, 编制 line, header cells and merges, widths as the official sheet`, () => {
        const o = official.getWorksheet(name);
        const g = ours.getWorksheet(name);
        assert.ok(o && g, name);
        assert.equal(textOf(g, t.titleRow, 1), textOf(o, t.titleRow, 1), "title");
        assert.match(textOf(o, t.titleRow, 1), /^2026年/);
        assert.equal(textOf(g, t.entityRow, 1), textOf(o, t.entityRow, 1), "编制部门/单位");
        // Header rows: every cell's text, as far as the official sheet's header goes.
        let headerEnd = t.headerRow;
        while (
          headerEnd < t.headerRow + 6 &&
          /^(类|款|项|人员经费|小计)$/.test(
            textOf(o, headerEnd + 1, 1) ||
              textOf(o, headerEnd + 1, 5) ||
              textOf(o, headerEnd + 1, 4),
          )
        )
          headerEnd++;
        const rows = new Set<number>([t.entityRow]);
        for (let r = t.headerRow; r <= headerEnd + 1; r++) rows.add(r);
        const width = Math.max(g.columnCount, 4);
        for (const r of rows)
          for (let c = 1; c <= width; c++)
            assert.equal(
              textOf(g, r, c).replace(/\s/g, ""),
              textOf(o, r, c).replace(/\s/g, ""),
              `${name.trim()}!${g.getCell(r, c).address}`,
            );
        // The header rows' merges (the data rows of the blank differ: placeholders there).
        const headRows = new Set([...rows].filter((r) => r < headerEnd + 1 || t.shape !== "code"));
        const og = mergesOn(o, headRows).filter(
          (m) => !/^[A-Z]+(\d+):[A-Z]+\1$/.test(m) || Number(/\d+/.exec(m)?.[0]) <= headerEnd,
        );
        const gg = mergesOn(g, headRows).filter(
          (m) => !/^[A-Z]+(\d+):[A-Z]+\1$/.test(m) || Number(/\d+/.exec(m)?.[0]) <= headerEnd,
        );
        assert.deepEqual(gg, og, `${name.trim()}: merges`);
        for (let c = 1; c <= width; c++)
          assert.equal(
            g.getColumn(c).width,
            o.getColumn(c).width,
            `${name.trim()}: width of column ${c}`,
          );
        // The data part closes with 合计 (code tables) or 收入总计 | 支出总计 (summaries).
        const firstColumn = Array.from({ length: g.rowCount }, (_, i) => textOf(g, i + 1, 1));
        if (t.shape === "code") assert.ok(firstColumn.includes("合计"));
        if (t.shape === "summary") assert.ok(firstColumn.includes("收入总计"));
      });
    }

    it("text sheets have the official titles", () => {
      for (const ws of official.worksheets) {
        if (
          ws.name === "封面" ||
          SHANGHAI_TABLES.some((t) => Object.values(t.sheet).includes(ws.name))
        )
          continue;
        const mine = ours.getWorksheet(ws.name);
        assert.ok(mine, ws.name);
        assert.equal(textOf(mine, 1, 1), textOf(ws, 1, 1), ws.name);
      }
      assert.equal(
        textOf(ours.getWorksheet("封面") as ExcelJS.Worksheet, 3, 1).replace("XX", "普陀"),
        textOf(official.getWorksheet("封面") as ExcelJS.Worksheet, 3, 1),
      );
    });
  });
}

describe("a workbook filled from a Putuo budget reads back", () => {
  for (const [file, level] of [
    ["上海市普陀区财政局2025年部门预算.pdf", "department"],
    ["上海市普陀区商务委员会2025年单位预算.pdf", "unit"],
  ] as const) {
    it(`${file}: extract, check and render (every format) keep every fact`, async () => {
      const pdf = join(PUTUO, file);
      const source = await extractFile(pdf);
      assert.equal(source.entity.level, level);
      const out = join(dir, `${level}.xlsx`);
      const { skipped } = await runTemplate({ profile: "shanghai-district", from: pdf, out });
      assert.deepEqual(skipped, []);
      const wb = await load(out);
      const summary = SHANGHAI_TABLES[0];
      assert.ok(
        summary &&
          wb.getWorksheet(level === "unit" ? (summary.sheet.unit ?? "") : summary.sheet.department),
      );

      const back = await extractFile(out);
      assert.equal(back.entity.name, source.entity.name);
      assert.equal(back.year, source.year);
      assertSameFacts(back, source, "extract");
      const before = errorsOf(source);
      assert.deepEqual(
        [...errorsOf(back)].filter((r) => !before.has(r)),
        [],
        "check: no new error",
      );

      for (const format of ["xlsx", "docx", "pdf", "html"] as const) {
        const doc = join(dir, `${level}-document.${format}`);
        const warnings: string[] = [];
        await runRender(out, format, doc, (s) => warnings.push(s));
        assert.deepEqual(warnings, [], format);
        const rendered = await extractFile(doc);
        assertSameFacts(rendered, source, `render ${format}`, true);
        const titles = rendered.tables.map((t) => t.title);
        for (const t of SHANGHAI_DISTRICT_PROFILE.tables.budget)
          assert.ok(
            titles.some((x) => x.endsWith(level === "unit" ? (t.unitTitle ?? t.title) : t.title)),
            `${format}: ${t.title}`,
          );
      }
    });
  }

  it("a wrong cell is named in Chinese", async () => {
    const out = join(dir, "wrong.xlsx");
    await runTemplate({
      profile: "shanghai-district",
      from: join(PUTUO, "上海市普陀区财政局2025年部门预算.pdf"),
      out,
    });
    const wb = await load(out);
    const ws = wb.getWorksheet("部门支出总表");
    assert.ok(ws);
    ws.getCell("E9").value = "12,3a";
    ws.getCell("A10").value = "2x1";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await assert.rejects(readTemplate(bytes), (e: unknown) => {
      assert.ok(e instanceof TemplateError);
      const lines = e.problems.map((p) => `${p.sheet}!${p.cell}：${p.message}`);
      assert.ok(lines.includes("部门支出总表!E9：金额“12,3a”不是数字"), lines.join("\n"));
      assert.ok(
        lines.some((l) => l.startsWith("部门支出总表!A10：科目编码")),
        lines.join("\n"),
      );
      return true;
    });
  });
});

describe("render --profile shanghai-district", () => {
  it("prints the nine tables of a published Putuo budget with their own titles, every fact kept", async () => {
    const pdf = join(PUTUO, "上海市普陀区人民政府万里街道办事处2024年部门预算.pdf");
    const source = await extractFile(pdf);
    const doc = join(dir, "wanli.xlsx");
    await runRender(pdf, "xlsx", doc, () => {}, "shanghai-district");
    const back = await extractFile(doc);
    assertSameFacts(back, source, "render --profile", true);
    assert.deepEqual(
      back.tables.filter((t) => SHANGHAI_TABLES.some((s) => s.id === t.id)).map((t) => t.title),
      SHANGHAI_TABLES.map((t) => `${source.year}年${t.title.department}`),
    );
  });

  it("says what a national document has that the Shanghai tables cannot list", async () => {
    const warnings: string[] = [];
    const doc = join(dir, "seed000.html");
    await runRender(
      join(SHARED, "seeds", "000_451c231ef299bff3.txt"),
      "html",
      doc,
      (s) => warnings.push(s),
      "shanghai-district",
    );
    assert.ok(
      warnings.some((w) => /按上海市区级表样生成，未能列出：表格“.*项目/.test(w)),
      warnings.join(""),
    );
  });

  it("refuses an unknown profile in Chinese, naming the ones there are", async () => {
    await assert.rejects(
      runRender(
        join(SHARED, "seeds", "000_451c231ef299bff3.txt"),
        "html",
        undefined,
        () => {},
        "beijing",
      ),
      /没有“beijing”表样，可用：national（全国通用表样）、shanghai-district（上海市区级表样）/,
    );
    await assert.rejects(runTemplate({ profile: "beijing" }), /没有“beijing”表样/);
    await assert.rejects(
      runTemplate({ profile: "shanghai-district", kind: "final" }),
      /上海市区级表样只有预算模板，没有决算模板/,
    );
  });
});

describe("the official workbook as published, nothing filled in", () => {
  it("is read as the blank document it is (its tables empty), not as a filled template full of errors", async () => {
    for (const name of ["区级部门预算公开模板2026.xlsx", "区级单位预算公开模板2026.xlsx"]) {
      const file = join(SHARED, "corpus/shanghai-templates", name);
      const d = await extractFile(file);
      assert.ok(d.tables.length >= 5, `${name}: its table sheets are read`);
      const figures = d.tables.flatMap((t) =>
        t.rows.flatMap((r) => Object.values(r.cells).filter((c) => (c.amount ?? 0) !== 0)),
      );
      assert.deepEqual(figures, [], `${name}: a blank form holds no figure`);
      // As a template to render from, it is refused with one clear reason.
      await assert.rejects(readTemplate(new Uint8Array(readFileSync(file))), (e: Error) => {
        assert.ok(e instanceof TemplateError);
        assert.match(e.message, /空白公开模板，尚未填写单位名称和任何数字/u);
        return true;
      });
    }
  });
});
