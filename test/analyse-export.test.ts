/**
 * Open data from the seeds: the CSV (BOM, parsed back) holds every golden
 * fact with the printed amount; the data package's descriptor describes the
 * files it ships (paths, fields, model sources, 类/款/项 dimensions named
 * from the catalog); and both come out of `gongkai export`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseCsv } from "../src/analyse/csv.ts";
import { AMOUNT_FIELDS, exportCsv, exportDataPackage } from "../src/analyse/export.ts";
import { parseAmount } from "../src/model/money.ts";
import type { Disclosure } from "../src/model/schema.ts";
import { extractFile } from "../src/pipeline.ts";
import { loadGolden } from "./helpers/golden.ts";
import { goldenFiles, SEEDS_DIR, seedFiles } from "./helpers/seeds.ts";

const MAIN = join(import.meta.dirname, "..", "src", "cli", "main.ts");
const seeds: Promise<Disclosure[]> = Promise.all(
  seedFiles().map((f) => extractFile(join(SEEDS_DIR, f))),
);

/** CSV text as records by header name. */
function records(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

describe("CSV export", () => {
  it("starts with a BOM, has one row per printed cell, and parses back to the printed amounts", async () => {
    const docs = await seeds;
    const csv = exportCsv(docs);
    assert.ok(csv.startsWith("\uFEFF"), "UTF-8 BOM for Excel");
    const rows = records(csv);
    assert.deepEqual(
      Object.keys(rows[0] ?? {}),
      AMOUNT_FIELDS.map((f) => f.name),
    );
    // Round trip: every row's amount is the cell's amount in the model, exactly.
    let cells = 0;
    for (const d of docs)
      for (const t of d.tables)
        if (t.id !== "other")
          for (const r of t.rows)
            for (const c of Object.values(r.cells)) if (c.amount !== null) cells++;
    assert.equal(rows.length, cells);
    // Every golden fact (hand-checked against the printed documents) is a row with that amount.
    for (const g of goldenFiles().map((f) => loadGolden(f))) {
      const mine = rows.filter((r) =>
        g.document.endsWith(`${seedFiles()[Number(r.document) - 1]}`),
      );
      assert.ok(mine.length > 0, g.document);
      for (const f of g.facts) {
        if (f.value === "0") continue; // blank cells print no amount and are not exported
        const row = mine.find(
          (r) => r.table === f.table && r.key === f.key && r.column === f.column,
        );
        assert.ok(row, `${g.document} ${f.table} ${f.key} ${f.column}`);
        const unit = f.unit ?? g.currency_unit;
        if (row.unit === unit) assert.equal(parseAmount(row.amount ?? ""), parseAmount(f.value));
        // 万元 → 元 is exact.
        if (unit === "万元")
          assert.equal(parseAmount(row.amount_yuan ?? ""), (parseAmount(f.value) ?? 0) * 10_000);
      }
    }
  });

  it("names each functional code's 类/款/项 from the catalog", async () => {
    const rows = records(exportCsv(await seeds));
    const row = rows.find((r) => r.key === "2101550" && r.table === "expenditure");
    assert.ok(row);
    assert.equal(row.func_class_code, "210");
    assert.equal(row.func_class_name, "卫生健康支出");
    assert.equal(row.func_section_code, "21015");
    assert.equal(row.func_section_name, "医疗保障管理事务");
    assert.equal(row.func_item_name, "事业运行");
    const econ = rows.find((r) => r.key === "30101");
    assert.ok(econ);
    assert.equal(econ.econ_class_name, "工资福利支出");
    assert.equal(econ.econ_section_name, "基本工资");
  });
});

describe("data package export", () => {
  it("describes exactly the files it ships", async () => {
    const pkg = exportDataPackage(await seeds);
    const d = JSON.parse(pkg.files["datapackage.json"] ?? "") as {
      profile: string;
      name: string;
      resources: {
        name: string;
        path: string;
        encoding: string;
        schema: { fields: { name: string; type: string }[]; foreignKeys?: unknown[] };
      }[];
      model: {
        measures: Record<string, { source: string; resource?: string; currency: string }>;
        dimensions: Record<
          string,
          {
            primaryKey: string[];
            dimensionType?: string;
            classificationType?: string;
            attributes: Record<
              string,
              { source: string; resource?: string; parent?: string; labelfor?: string }
            >;
          }
        >;
      };
    };
    assert.equal(d.profile, "fiscal-data-package");
    assert.match(d.name, /^[-a-z0-9._/]+$/);
    const byName = new Map(d.resources.map((r) => [r.name, r]));
    for (const r of d.resources) {
      const text = pkg.files[r.path];
      assert.ok(text !== undefined, `resource ${r.name}: ${r.path} is shipped`);
      assert.ok(!text.startsWith("\uFEFF"), "utf-8 as declared, no BOM");
      const [header = [], ...rows] = parseCsv(text);
      assert.deepEqual(
        header,
        r.schema.fields.map((f) => f.name),
        `${r.path} header = schema`,
      );
      assert.ok(rows.length > 0, `${r.path} has rows`);
      for (const row of rows) {
        assert.equal(row.length, header.length, `${r.path}: every row has every field`);
        r.schema.fields.forEach((f, i) => {
          const v = row[i] ?? "";
          if (v === "") return;
          if (f.type === "integer" || f.type === "year")
            assert.match(v, /^-?\d+$/, `${f.name}=${v}`);
          if (f.type === "number") assert.match(v, /^-?\d+(\.\d+)?$/, `${f.name}=${v}`);
        });
      }
    }
    // Every model source is a field of its resource.
    const fieldsOf = (res = "amounts") =>
      new Set(byName.get(res)?.schema.fields.map((f) => f.name) ?? []);
    for (const m of Object.values(d.model.measures)) {
      assert.ok(fieldsOf(m.resource).has(m.source), m.source);
      assert.equal(m.currency, "CNY");
    }
    for (const [name, dim] of Object.entries(d.model.dimensions)) {
      for (const k of dim.primaryKey) assert.ok(k in dim.attributes, `${name} key ${k}`);
      for (const a of Object.values(dim.attributes)) {
        assert.ok(fieldsOf(a.resource).has(a.source), `${name}: ${a.source}`);
        if (a.parent) assert.ok(a.parent in dim.attributes);
        if (a.labelfor) assert.ok(a.labelfor in dim.attributes);
      }
    }
    // The classification codes are dimensions: 类 → 款 → 项, each with its name.
    const fn = d.model.dimensions["functional-classification"];
    assert.equal(fn?.dimensionType, "classification");
    assert.equal(fn?.classificationType, "functional");
    assert.equal(fn?.attributes.func_item_code?.parent, "func_section_code");
    assert.equal(fn?.attributes.func_section_code?.parent, "func_class_code");
    assert.equal(fn?.attributes.func_item_name?.labelfor, "func_item_code");
    assert.equal(d.model.dimensions["economic-classification"]?.classificationType, "economic");
    // The code lists carry the catalog's names.
    const codes = records(pkg.files["data/functional-classification.csv"] ?? "");
    assert.equal(codes.find((r) => r.code === "210" && r.year === "2025")?.name, "卫生健康支出");
    // Foreign key from amounts to documents holds.
    const docs = new Set(records(pkg.files["data/documents.csv"] ?? "").map((r) => r.document));
    for (const r of records(pkg.files["data/amounts.csv"] ?? "")) assert.ok(docs.has(r.document));
  });
});

describe("gongkai export and compare", () => {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-export-"));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8", timeout: 120_000 });

  it("exports a directory as CSV and as a data package", () => {
    const csv = join(dir, "seeds.csv");
    let r = run("export", SEEDS_DIR, "--format", "csv", "--out", csv);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(csv, "utf8").startsWith("\uFEFFdocument,entity,"));
    r = run("export", SEEDS_DIR, "-f", "datapackage", "-o", join(dir, "pkg"));
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(dir, "pkg", "datapackage.json")));
    assert.ok(existsSync(join(dir, "pkg", "data", "amounts.csv")));
  });

  it("compares the two units of 曾都区医疗保障局 as a Chinese table, and as JSON", () => {
    const files = seedFiles()
      .filter((f) => f.startsWith("000") || f.startsWith("002"))
      .map((f) => join(SEEDS_DIR, f));
    const text = run("compare", ...files);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /【所属单位并列与合计】曾都区医疗保障局/);
    assert.match(text.stdout, /2101550\s+事业运行\s+62\.90\s+587\.09\s+649\.99/);
    const json = run("compare", ...files, "--format", "json");
    const [c] = JSON.parse(json.stdout) as { mode: string; units: unknown[] }[];
    assert.equal(c?.mode, "units");
    assert.equal(c?.units.length, 2);
    const csv = run("compare", ...files, "-f", "csv");
    assert.ok(csv.stdout.startsWith("\uFEFFcomparison,"));
  });

  it("refuses one budget alone with a Chinese message and exit code 2", () => {
    const r = run("compare", join(SEEDS_DIR, seedFiles()[0] ?? ""));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /比较至少需要两份文档/);
  });
});
