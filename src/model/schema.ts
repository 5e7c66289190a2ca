/**
 * The canonical model of a disclosure (部门预算 / 部门决算公开), as zod schemas.
 *
 * The schemas are the single source of truth: TypeScript types are inferred
 * from them and `gongkai schema` publishes them as JSON Schema. Everything is
 * plain JSON-serialisable data.
 *
 * Money is exact: an amount is an integer count of hundredths of the table's
 * printed unit (分 for a table in 元, 0.01 万元 for a table in 万元), never a
 * binary fraction. `src/model/money.ts` converts to and from printed text.
 */
import { z } from "zod";

import { DISCLOSURE_SCHEMA_VERSION } from "./version.ts";

export { DISCLOSURE_SCHEMA_VERSION };

/** 预算 (budget) or 决算 (final accounts). */
export const KindSchema = z.enum(["budget", "final"]);

/** The money unit a table or a sentence prints. */
export const MoneyUnitSchema = z.enum(["元", "万元"]);

/** Integer count of hundredths of a money unit. */
export const AmountSchema = z.number().int();

/** Where something came from in the source. Lines are 1-based. */
export const ProvenanceSchema = z.object({
  line: z.number().int().positive(),
  endLine: z.number().int().positive().optional(),
  page: z.number().int().positive().optional(),
  /** [x0, y0, x1, y1] in the page's own units (PDF points), top-left origin. */
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /**
   * The file this line and page are in, for a disclosure read from several
   * files (a narrative and its tables published apart): lines and pages
   * count within that file. Absent for a disclosure read from one file.
   */
  file: z.string().optional(),
});

/** Canonical table ids (see shared/golden/README.md). */
export const TableIdSchema = z.enum([
  "summary",
  "income",
  "expenditure",
  "fiscal_summary",
  "gpb_function",
  "gpb_economic",
  "gpb_basic_function",
  "gpb_basic_economic",
  "gpb_project_economic",
  "three_public",
  "gov_fund",
  "state_capital",
  "projects",
  "assets",
  "procurement",
  "carryover",
  "performance",
  /** 财政拨款支出表 by function: every fiscal fund, not only 一般公共预算 (Jiangsu, universities). */
  "fiscal_function",
  /** 财政拨款基本支出表 by economic class (Jiangsu, beside the 一般公共预算 one). */
  "fiscal_basic_economic",
  /** 机关运行经费 table (its economic items). */
  "running_cost",
  /** A table that fits no standard id: kept with its printed title and cells. */
  "other",
]);

/** Canonical column ids (see shared/golden/README.md), plus a few of our own. */
export const ColumnIdSchema = z.enum([
  "amount",
  "total",
  "basic",
  "project",
  "personnel",
  "public",
  "fiscal",
  "gpb",
  "gov_fund",
  "state_capital",
  "fiscal_special",
  "business",
  "operating",
  "superior",
  "affiliated",
  "other",
  "carryover",
  "budget",
  "final",
  "prior",
  "upper",
  "subsidiary",
  /** 单位预留机动经费 (Jiangsu). */
  "reserve",
  /** 结转下年资金 as a column of a 支出总表. */
  "carryover_next",
  /** 其中：基本建设资金支出 (a 项目支出 sub-column). */
  "capital_construction",
  /** 其中：教育收费 (a 事业收入 sub-column). */
  "education_fees",
  /** 使用非财政拨款结余 (a source of a 收入表, universities). */
  "non_fiscal_balance",
  /** 机关运行经费 as a column (Shanghai's 三公 table, Jiangsu's 机关运行经费 table). */
  "running_cost",
]);

/** What kind of key a row has. */
export const RowKeyKindSchema = z.enum([
  /** 支出功能分类 类/款/项 code */
  "func",
  /** 部门预算支出经济分类 code (301…399) */
  "econ_dept",
  /** 政府预算支出经济分类 code (501…599) */
  "econ_gov",
  /** a unit's code (单位编码) */
  "unit",
  /** a project's code, or a project named without a code */
  "project",
  /** a line with a canonical line key (income.gpb, total …) */
  "line",
  /** anything else: key is the printed label */
  "label",
]);

export const CellSchema = z.object({
  /** Exact amount in hundredths of the table unit; null for a printed blank / dash. */
  amount: AmountSchema.nullable(),
  /** The text as printed (after joining broken pieces). */
  text: z.string(),
  source: ProvenanceSchema,
});

export const RowSchema = z.object({
  /** The row's key: a classification code, a project code, or a line key. */
  key: z.string(),
  keyKind: RowKeyKindSchema,
  /** Classification level where the key is a code: 1 类, 2 款, 3 项. */
  level: z.number().int().min(1).max(3).optional(),
  /** The row's name as printed (wrapped pieces joined). */
  name: z.string(),
  /** The code as printed, where it differs from `key` (split or repaired). */
  printedCode: z.string().optional(),
  /** Cells by canonical column id. */
  cells: z.record(z.string(), CellSchema),
  source: ProvenanceSchema,
  /** Repairs made while rebuilding this row (Chinese, for a reviewer). */
  repairs: z.array(z.string()).optional(),
});

export const ColumnSchema = z.object({
  id: ColumnIdSchema,
  /** Header as printed (joined over header lines). */
  label: z.string(),
});

/** Why a table was given its id: the evidence that voted, and how sure the reading is. */
export const TableRecognitionSchema = z.object({
  /** 0–1: how strongly the evidence agrees on the id. */
  confidence: z.number().min(0).max(1),
  /** The evidence, in Chinese (title words, 目录 entry, header columns, row codes). */
  reasons: z.array(z.string()),
  /** Whether the table's own totals close (合计 = Σ rows, 类 = Σ款 …); absent where it has none to check. */
  totalsClose: z.boolean().optional(),
  /** What did not close, in Chinese. */
  totalsNote: z.string().optional(),
});

export const TableSchema = z.object({
  id: TableIdSchema,
  /** Title as printed. */
  title: z.string(),
  /** Table number as printed: 公开01表, 表1, 附表4-1, 部门公开表5 … */
  number: z.string().optional(),
  unit: MoneyUnitSchema,
  /** Whether the document says the unit of this table explicitly. */
  unitStated: z.boolean(),
  columns: z.array(ColumnSchema),
  rows: z.array(RowSchema),
  /** The table has no data rows (an empty table, 空表). */
  empty: z.boolean(),
  /** The document's explanation of why the table is empty, if any. */
  emptyNote: z.string().optional(),
  source: ProvenanceSchema,
  recognition: TableRecognitionSchema.optional(),
  /**
   * The cells as printed, row by row, for a table the model has no place for
   * (id "other"): nothing a document prints is dropped.
   */
  printed: z.array(z.array(z.string())).optional(),
});

export const SectionSchema = z.object({
  heading: z.string(),
  /** 1 = 第一部分, 2 = 一、, 3 = （一）, 4 = 1. */
  level: z.number().int().min(1).max(4),
  /** Paragraph text with the source's line breaks removed. */
  text: z.string(),
  source: ProvenanceSchema,
});

export const ClaimSubjectSchema = z.object({
  /** What the sentence speaks about. */
  kind: z.enum([
    "classification",
    "income_total",
    "expenditure_total",
    "grand_total",
    "fiscal_total",
    "gpb_total",
    "basic",
    "project",
    "personnel",
    "public",
    "three_public",
    "running_cost",
    "procurement",
    "assets",
    "income_line",
    "expenditure_line",
    "other",
  ]),
  /** The classification code for kind=classification (e.g. 2080505). */
  code: z.string().optional(),
  /** A canonical line key where one fits (income.gpb, three_public.reception …). */
  key: z.string().optional(),
  /** The subject as written. */
  label: z.string(),
});

export const ClaimSchema = z.object({
  subject: ClaimSubjectSchema,
  /** Amount in hundredths of `unit`. */
  amount: AmountSchema.optional(),
  unit: MoneyUnitSchema.optional(),
  /** The prior-year (or budget) amount stated, in hundredths of `unit`. */
  prior: AmountSchema.optional(),
  /** The budget (年初预算) a final-accounts sentence compares with, in hundredths of `unit`. */
  budget: AmountSchema.optional(),
  /** Completion rate in percent as printed ("完成年初预算的 100%" → "100"). */
  completion: z.string().optional(),
  /** The stated change, signed, in hundredths of `unit`. */
  change: AmountSchema.optional(),
  /** The direction the words state. */
  direction: z.enum(["increase", "decrease", "flat"]).optional(),
  /** Growth rate in percent as printed, a decimal string ("61.07", "-16.58" for 下降). */
  rate: z.string().optional(),
  /** Share in percent as printed, a decimal string ("100", "7.34"). */
  share: z.string().optional(),
  /** The sentence quoted. */
  quote: z.string(),
  /** The section heading the sentence is under. */
  section: z.string().optional(),
  source: ProvenanceSchema,
});

export const EntitySchema = z.object({
  name: z.string(),
  parent: z.string().nullable(),
  /** 部门 (a department with units) or 单位 (a single unit). */
  level: z.enum(["department", "unit"]).optional(),
  /** Administrative level of government, where recognisable. */
  government: z.enum(["central", "province", "city", "county", "township"]).optional(),
});

export const IssueSchema = z.object({
  /** Stable id of what went wrong (e.g. code.unrepaired, table.columns). */
  code: z.string(),
  message: z.string(),
  table: TableIdSchema.optional(),
  source: ProvenanceSchema.optional(),
});

/** A table that the document's 目录 lists, and whether the body has it. */
export const DirectoryEntrySchema = z.object({
  /** The entry as printed in the 目录. */
  title: z.string(),
  /** The id its words give, where they give one. */
  id: TableIdSchema.optional(),
  found: z.boolean(),
  source: ProvenanceSchema,
});

/** What was read and what was not: travels with every extraction. */
export const RecognitionReportSchema = z.object({
  /** The tables the document's own 目录 lists (empty when it prints none). */
  directory: z.array(DirectoryEntrySchema),
  /** Pages with figures that no recognised table claimed. */
  unclaimedPages: z.array(
    z.object({
      page: z.number().int().positive(),
      figures: z.number().int(),
      sample: z.string(),
      /** The file the page is in, for a disclosure read from several files. */
      file: z.string().optional(),
    }),
  ),
  /** Share of the document's printed figures that tables claimed, 0–1. */
  figuresClaimed: z.number().min(0).max(1),
  /** Tables kept as "other": their titles. */
  otherTables: z.array(z.string()),
  /** What the reader itself noticed (pages skipped, scans, hidden sheets, charset …), in Chinese. */
  readerWarnings: z.array(z.string()),
  /** Whether some part of the document was not read, so absence findings cannot be trusted. */
  partial: z.boolean(),
  /**
   * Every table number the document prints (公开01表, 表3, 附表4-2 …), in a
   * title or on a line of its own, whether or not a table was read there:
   * a gap in the series is then the document's, not the reader's.
   */
  tableNumbers: z
    .array(
      z.object({
        number: z.string(),
        line: z.number().int(),
        page: z.number().int().positive().optional(),
        file: z.string().optional(),
      }),
    )
    .optional(),
  /**
   * The file holds one half of a disclosure published as two files: only the
   * tables, or only the narrative (its 目录 may list tables it does not hold).
   */
  half: z.enum(["tables", "narrative"]).optional(),
});

/** One file of a disclosure published as two: what it held. */
export const SourcePartSchema = z.object({
  file: z.string(),
  holds: z.enum(["tables", "narrative"]),
  format: z.enum(["text", "markdown", "pdf", "xlsx", "docx", "html"]),
  lines: z.number().int(),
  pages: z.number().int().optional(),
});

export const DisclosureSchema = z.object({
  schemaVersion: z.literal(DISCLOSURE_SCHEMA_VERSION),
  kind: KindSchema,
  year: z.number().int(),
  entity: EntitySchema,
  /** The unit most tables print. */
  unit: MoneyUnitSchema,
  tables: z.array(TableSchema),
  sections: z.array(SectionSchema),
  claims: z.array(ClaimSchema),
  /** What recognition could not do or had to repair. */
  issues: z.array(IssueSchema),
  /** What was read and what was not (recognition report). */
  report: RecognitionReportSchema.optional(),
  source: z.object({
    file: z.string().optional(),
    format: z.enum(["text", "markdown", "pdf", "xlsx", "docx", "html"]),
    encoding: z.string().optional(),
    lines: z.number().int(),
    pages: z.number().int().optional(),
    /**
     * The files a disclosure published in two halves was read from, merged
     * into this one (gongkai check --as-one, or a batch's pairing); every
     * provenance then names its file.
     */
    parts: z.array(SourcePartSchema).optional(),
  }),
});

export type Kind = z.infer<typeof KindSchema>;
export type MoneyUnit = z.infer<typeof MoneyUnitSchema>;
export type Provenance = z.infer<typeof ProvenanceSchema>;
export type TableId = z.infer<typeof TableIdSchema>;
export type ColumnId = z.infer<typeof ColumnIdSchema>;
export type RowKeyKind = z.infer<typeof RowKeyKindSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Row = z.infer<typeof RowSchema>;
export type Column = z.infer<typeof ColumnSchema>;
export type Table = z.infer<typeof TableSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type ClaimSubject = z.infer<typeof ClaimSubjectSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Issue = z.infer<typeof IssueSchema>;
export type Disclosure = z.infer<typeof DisclosureSchema>;
export type TableRecognition = z.infer<typeof TableRecognitionSchema>;
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;
export type RecognitionReport = z.infer<typeof RecognitionReportSchema>;
export type SourcePart = z.infer<typeof SourcePartSchema>;
/** Which half of a split disclosure a file holds. */
export type Half = SourcePart["holds"];

/** The Disclosure schema as JSON Schema (draft 2020-12). */
export function disclosureJsonSchema(): unknown {
  return z.toJSONSchema(DisclosureSchema, { target: "draft-2020-12" });
}
