/**
 * A corpus as open data: one CSV row per entity × year × table × line ×
 * column, with the amount as printed (a decimal in the table's unit) and
 * the same amount in 元; and a Fiscal Data Package (Frictionless Tabular
 * Data Package with the fiscal `model`): datapackage.json, that CSV, the
 * documents, and the classification codes as dimensions (功能分类 and 经济分类,
 * 类/款/项 with the names the catalog gives them for the year).
 *
 * Pure: Disclosures in, file contents out; the caller writes them.
 */
import { type CatalogKind, lookup } from "../catalog/index.ts";
import { COLUMN_LABELS, TABLE_NAMES } from "../model/labels.ts";
import { convertAmount, formatAmount } from "../model/money.ts";
import type { ColumnId, Disclosure } from "../model/schema.ts";
import { isCodeKind } from "../model/vocabulary.ts";
import { BOM, toCsv } from "./csv.ts";
import { disclosureRegion, entityKey, type RegionOf } from "./entity.ts";
import { rowName } from "./lines.ts";

/** The fields of the amounts CSV, in order, with their meaning (English ids for machines, Chinese titles for people). */
export const AMOUNT_FIELDS = [
  { name: "document", type: "integer", title: "文档序号", description: "documents.csv 中的序号" },
  { name: "entity", type: "string", title: "主体", description: "公开主体名称（如文档所印）" },
  {
    name: "entity_key",
    type: "string",
    title: "主体键",
    description: "规范化的主体名称，用于跨年度、预决算匹配",
  },
  { name: "parent", type: "string", title: "主管部门", description: "" },
  { name: "region", type: "string", title: "地区", description: "由主体名称推定的行政区" },
  { name: "year", type: "year", title: "年度", description: "" },
  { name: "kind", type: "string", title: "类型", description: "budget 预算 / final 决算" },
  {
    name: "table",
    type: "string",
    title: "表格",
    description: "标准表格编号（golden facts 的 table id）",
  },
  { name: "table_name", type: "string", title: "表格名称", description: "" },
  {
    name: "key",
    type: "string",
    title: "行键",
    description: "科目编码、项目编码或固定行键（income.total 等）",
  },
  {
    name: "key_kind",
    type: "string",
    title: "行键类型",
    description:
      "func 功能分类 / econ_dept 部门经济分类 / econ_gov 政府经济分类 / line 固定行 / project / unit / label",
  },
  { name: "level", type: "integer", title: "科目级次", description: "1 类 / 2 款 / 3 项" },
  { name: "name", type: "string", title: "名称", description: "行名称（如文档所印）" },
  { name: "column", type: "string", title: "列", description: "标准列编号" },
  { name: "column_name", type: "string", title: "列名称", description: "" },
  { name: "unit", type: "string", title: "金额单位", description: "元 或 万元，表格所印" },
  { name: "amount", type: "number", title: "金额", description: "如文档所印的金额（单位见 unit）" },
  {
    name: "amount_yuan",
    type: "number",
    title: "金额（元）",
    description: "折合为元的金额（万元 × 10000，精确）",
  },
  { name: "func_class_code", type: "string", title: "功能分类类", description: "3 位" },
  {
    name: "func_class_name",
    type: "string",
    title: "功能分类类名称",
    description: "科目目录中该年度的名称",
  },
  { name: "func_section_code", type: "string", title: "功能分类款", description: "5 位" },
  { name: "func_section_name", type: "string", title: "功能分类款名称", description: "" },
  { name: "func_item_code", type: "string", title: "功能分类项", description: "7 位" },
  { name: "func_item_name", type: "string", title: "功能分类项名称", description: "" },
  {
    name: "econ_class_code",
    type: "string",
    title: "经济分类类",
    description: "3 位（部门预算 30x 或政府预算 50x）",
  },
  { name: "econ_class_name", type: "string", title: "经济分类类名称", description: "" },
  { name: "econ_section_code", type: "string", title: "经济分类款", description: "5 位" },
  { name: "econ_section_name", type: "string", title: "经济分类款名称", description: "" },
  { name: "page", type: "integer", title: "页码", description: "金额所在的页（PDF）" },
  { name: "source_line", type: "integer", title: "行号", description: "金额在读取文本中的行" },
] as const;

export type AmountField = (typeof AMOUNT_FIELDS)[number]["name"];
export type AmountRecord = Record<AmountField, string>;

const NO_CODES = {
  func_class_code: "",
  func_class_name: "",
  func_section_code: "",
  func_section_name: "",
  func_item_code: "",
  func_item_name: "",
  econ_class_code: "",
  econ_class_name: "",
  econ_section_code: "",
  econ_section_name: "",
};

/** A code's 类/款/项 with the catalog's names for the year, in its classification's columns. */
function hierarchy(code: string, kind: CatalogKind, year: number): typeof NO_CODES {
  const name = (c: string) => (c ? (lookup(c, year, kind)?.name ?? "") : "");
  const cls = code.slice(0, 3);
  const sec = code.length >= 5 ? code.slice(0, 5) : "";
  const item = code.length >= 7 ? code.slice(0, 7) : "";
  if (kind === "func")
    return {
      ...NO_CODES,
      func_class_code: cls,
      func_class_name: name(cls),
      func_section_code: sec,
      func_section_name: name(sec),
      func_item_code: item,
      func_item_name: name(item),
    };
  return {
    ...NO_CODES,
    econ_class_code: cls,
    econ_class_name: name(cls),
    econ_section_code: sec,
    econ_section_name: name(sec),
  };
}

/**
 * Every printed amount of every table of every document, one record per
 * cell (blank cells are left out: they print no amount). Tables kept as
 * printed (“其他表格”) have no line keys and are not exported.
 */
export function amountRecords(docs: readonly Disclosure[], regionOf?: RegionOf): AmountRecord[] {
  const out: AmountRecord[] = [];
  docs.forEach((d, index) => {
    const region = disclosureRegion(d, regionOf) ?? "";
    for (const table of d.tables) {
      if (table.id === "other") continue;
      const labels = new Map(table.columns.map((c) => [c.id, c.label]));
      for (const row of table.rows) {
        const codes = isCodeKind(row.keyKind) ? hierarchy(row.key, row.keyKind, d.year) : NO_CODES;
        for (const [column, cell] of Object.entries(row.cells)) {
          if (cell.amount === null) continue;
          out.push({
            document: String(index + 1),
            entity: d.entity.name,
            entity_key: entityKey(d.entity),
            parent: d.entity.parent ?? "",
            region,
            year: String(d.year),
            kind: d.kind,
            table: table.id,
            table_name: TABLE_NAMES[table.id],
            key: row.key,
            key_kind: row.keyKind,
            level: row.level === undefined ? "" : String(row.level),
            name: rowName(row),
            column,
            column_name:
              labels.get(column as ColumnId) ?? COLUMN_LABELS[column as ColumnId] ?? column,
            unit: table.unit,
            amount: formatAmount(cell.amount, { fixed: true }),
            amount_yuan: formatAmount(convertAmount(cell.amount, table.unit, "元").value, {
              fixed: true,
            }),
            ...codes,
            page: cell.source.page === undefined ? "" : String(cell.source.page),
            source_line: String(cell.source.line),
          });
        }
      }
    }
  });
  return out;
}

function amountsCsv(records: readonly AmountRecord[]): string {
  const names = AMOUNT_FIELDS.map((f) => f.name);
  return toCsv(
    names,
    records.map((r) => names.map((n) => r[n])),
  );
}

/** The corpus as one CSV for a spreadsheet: UTF-8 with BOM, a header row of field ids. */
export function exportCsv(docs: readonly Disclosure[], regionOf?: RegionOf): string {
  return BOM + amountsCsv(amountRecords(docs, regionOf));
}

// ------------------------------------------------------------ data package

export interface DataPackage {
  /** datapackage.json's content. */
  descriptor: Record<string, unknown>;
  /** Files by path relative to the package root (datapackage.json included). */
  files: Record<string, string>;
}

const DOCUMENT_FIELDS = [
  { name: "document", type: "integer", title: "文档序号" },
  { name: "entity", type: "string", title: "主体" },
  { name: "entity_key", type: "string", title: "主体键" },
  { name: "parent", type: "string", title: "主管部门" },
  { name: "entity_level", type: "string", title: "部门或单位" },
  { name: "government", type: "string", title: "政府层级" },
  { name: "region", type: "string", title: "地区" },
  { name: "year", type: "year", title: "年度" },
  { name: "kind", type: "string", title: "类型" },
  { name: "unit", type: "string", title: "金额单位" },
  { name: "source_file", type: "string", title: "来源文件" },
] as const;

const CLASSIFICATION_FIELDS = [
  { name: "code", type: "string", title: "科目编码" },
  { name: "name", type: "string", title: "科目名称" },
  { name: "level", type: "integer", title: "级次（1 类 / 2 款 / 3 项）" },
  { name: "parent", type: "string", title: "上级编码" },
  { name: "year", type: "year", title: "年度" },
] as const;

/** The catalog entries of every code (and its parents) the records use, by year. */
function classificationCsv(
  records: readonly AmountRecord[],
  kinds: readonly CatalogKind[],
): string {
  const seen = new Set<string>();
  const rows: string[][] = [];
  for (const r of records) {
    if (!kinds.includes(r.key_kind as CatalogKind)) continue;
    const kind = r.key_kind as CatalogKind;
    const codes =
      kind === "func"
        ? [r.func_class_code, r.func_section_code, r.func_item_code]
        : [r.econ_class_code, r.econ_section_code];
    for (const code of codes) {
      const k = `${kind}|${code}|${r.year}`;
      if (!code || seen.has(k)) continue;
      seen.add(k);
      const e = lookup(code, Number(r.year), kind);
      rows.push([
        code,
        e?.name ?? "",
        String(code.length === 3 ? 1 : code.length === 5 ? 2 : 3),
        e?.parent ?? "",
        r.year,
      ]);
    }
  }
  rows.sort(
    (a, b) => (a[4] ?? "").localeCompare(b[4] ?? "") || (a[0] ?? "").localeCompare(b[0] ?? ""),
  );
  return toCsv(
    CLASSIFICATION_FIELDS.map((f) => f.name),
    rows,
  );
}

/** A classification's levels as one FDP dimension: codes with their catalog names as labels. */
function classificationDimension(classificationType: "functional" | "economic") {
  const p = classificationType === "functional" ? "func" : "econ";
  const levels =
    classificationType === "functional"
      ? (["class", "section", "item"] as const)
      : (["class", "section"] as const);
  const titles = { class: "类", section: "款", item: "项" };
  const attributes: Record<string, Record<string, string>> = {};
  levels.forEach((level, i) => {
    const code = `${p}_${level}_code`;
    attributes[code] = {
      source: code,
      resource: "amounts",
      title: titles[level],
      ...(i > 0 ? { parent: `${p}_${levels[i - 1]}_code` } : {}),
    };
    attributes[`${p}_${level}_name`] = {
      source: `${p}_${level}_name`,
      resource: "amounts",
      title: `${titles[level]}名称`,
      labelfor: code,
    };
  });
  return {
    dimensionType: "classification",
    classificationType,
    primaryKey: [`${p}_${levels[levels.length - 1]}_code`],
    attributes,
  };
}

/**
 * The corpus as a Fiscal Data Package: data/amounts.csv (the records above,
 * without BOM: the package declares utf-8), data/documents.csv, and the
 * classification code lists data/functional-classification.csv and
 * data/economic-classification.csv, with foreign keys from the amounts to
 * the documents and the `model` naming the measures and dimensions.
 */
export function exportDataPackage(
  docs: readonly Disclosure[],
  opts: { name?: string; title?: string; regionOf?: RegionOf } = {},
): DataPackage {
  const records = amountRecords(docs, opts.regionOf);
  const documentsCsv = toCsv(
    DOCUMENT_FIELDS.map((f) => f.name),
    docs.map((d, i) => [
      i + 1,
      d.entity.name,
      entityKey(d.entity),
      d.entity.parent ?? "",
      d.entity.level ?? "",
      d.entity.government ?? "",
      disclosureRegion(d, opts.regionOf) ?? "",
      d.year,
      d.kind,
      d.unit,
      d.source.file ?? "",
    ]),
  );
  const years = docs.map((d) => d.year);
  const resource = (
    name: string,
    path: string,
    title: string,
    fields: readonly object[],
    extra = {},
  ) => ({
    profile: "tabular-data-resource",
    name,
    path,
    title,
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    schema: { fields, missingValues: [""], ...extra },
  });
  const descriptor = {
    profile: "fiscal-data-package",
    name: opts.name ?? "gongkai-disclosures",
    title: opts.title ?? "部门预决算公开数据",
    description:
      "由 gongkai 从公开的部门预算、部门决算文档中识别出的表格金额：每行一个主体 × 年度 × 表格 × 科目 × 列；金额如文档所印，另附折合为元的精确金额；科目编码按政府收支分类科目分为类、款、项。",
    countryCode: "cn",
    granularity: "aggregated",
    ...(years.length > 0
      ? {
          fiscalPeriod: {
            start: `${Math.min(...years)}-01-01`,
            end: `${Math.max(...years)}-12-31`,
          },
        }
      : {}),
    created: undefined,
    resources: [
      resource("amounts", "data/amounts.csv", "表格金额", AMOUNT_FIELDS, {
        foreignKeys: [
          { fields: "document", reference: { resource: "documents", fields: "document" } },
        ],
      }),
      resource("documents", "data/documents.csv", "文档", DOCUMENT_FIELDS, {
        primaryKey: "document",
      }),
      resource(
        "functional-classification",
        "data/functional-classification.csv",
        "支出功能分类科目（按年度）",
        CLASSIFICATION_FIELDS,
        { primaryKey: ["code", "year"] },
      ),
      resource(
        "economic-classification",
        "data/economic-classification.csv",
        "支出经济分类科目（部门预算、政府预算，按年度）",
        CLASSIFICATION_FIELDS,
        { primaryKey: ["code", "year"] },
      ),
    ],
    model: {
      measures: {
        amount: {
          source: "amount_yuan",
          resource: "amounts",
          currency: "CNY",
          factor: 1,
          title: "金额（元）",
        },
      },
      dimensions: {
        entity: {
          dimensionType: "entity",
          primaryKey: ["entity_key"],
          attributes: {
            entity_key: { source: "entity_key", resource: "amounts" },
            entity: { source: "entity", resource: "amounts", labelfor: "entity_key" },
            parent: { source: "parent", resource: "amounts" },
          },
        },
        location: {
          dimensionType: "location",
          primaryKey: ["region"],
          attributes: { region: { source: "region", resource: "amounts" } },
        },
        date: {
          dimensionType: "datetime",
          primaryKey: ["year"],
          attributes: { year: { source: "year", resource: "amounts" } },
        },
        phase: {
          dimensionType: "other",
          primaryKey: ["kind"],
          attributes: { kind: { source: "kind", resource: "amounts", title: "预算 / 决算" } },
        },
        table: {
          dimensionType: "other",
          primaryKey: ["table", "column"],
          attributes: {
            table: { source: "table", resource: "amounts" },
            table_name: { source: "table_name", resource: "amounts", labelfor: "table" },
            column: { source: "column", resource: "amounts" },
            column_name: { source: "column_name", resource: "amounts", labelfor: "column" },
          },
        },
        "functional-classification": classificationDimension("functional"),
        "economic-classification": classificationDimension("economic"),
        line: {
          dimensionType: "other",
          primaryKey: ["key"],
          attributes: {
            key: { source: "key", resource: "amounts" },
            key_kind: { source: "key_kind", resource: "amounts" },
            name: { source: "name", resource: "amounts", labelfor: "key" },
          },
        },
      },
    },
  };
  delete (descriptor as { created?: unknown }).created;
  const files: Record<string, string> = {
    "data/amounts.csv": amountsCsv(records),
    "data/documents.csv": documentsCsv,
    "data/functional-classification.csv": classificationCsv(records, ["func"]),
    "data/economic-classification.csv": classificationCsv(records, ["econ_dept", "econ_gov"]),
  };
  files["datapackage.json"] = `${JSON.stringify(descriptor, null, 2)}\n`;
  return { descriptor, files };
}
