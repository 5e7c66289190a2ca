/**
 * Rules of the `code` family: the 政府收支分类科目 codes a table prints,
 * against the catalog of the document's year.
 *
 * The catalog holds every 类 and 款 of the three classifications with
 * document evidence, but many 项 only from memory (`knowledge-unverified`):
 * a 项 the catalog lacks is therefore a warning ("please verify"), while an
 * unknown 类 or 款 is an error.
 */
import {
  CATALOG_YEARS,
  type CatalogEntry,
  type CatalogKind,
  findByName,
  history,
  lookup,
  normalizeName,
} from "../../catalog/index.ts";
import type { Row, Table, TableId } from "../../model/schema.ts";
import { isCodeKind } from "../../model/vocabulary.ts";
import type { RawFinding, Rule } from "../types.ts";
import { codeRows, rowLocation } from "../view.ts";

const LEVEL_NAMES = ["", "类", "款", "项"] as const;
const KIND_NAMES: Record<CatalogKind, string> = {
  func: "支出功能分类",
  econ_dept: "部门预算支出经济分类",
  econ_gov: "政府预算支出经济分类",
};

/** Tables whose rows are functional codes, and those whose rows are economic codes. */
const FUNCTIONAL_TABLES: ReadonlySet<TableId> = new Set([
  "income",
  "expenditure",
  "gpb_function",
  "gpb_basic_function",
  "gov_fund",
  "state_capital",
]);
const ECONOMIC_TABLES: ReadonlySet<TableId> = new Set([
  "gpb_economic",
  "gpb_basic_economic",
  "gpb_project_economic",
]);

function catalogKind(row: Row): CatalogKind | undefined {
  return isCodeKind(row.keyKind) ? row.keyKind : undefined;
}

function label(row: Row): string {
  return `${row.key} ${row.name}`.trim();
}

/** Names match when equal after normalisation, or one is a prefix (a PDF cell cut the name). */
function namesAgree(printed: string, official: string): boolean {
  const a = normalizeName(printed);
  const b = normalizeName(official);
  if (a === b) return true;
  if (a.length >= 4 && b.startsWith(a)) return true;
  // Tables print some names with or without their trailing 支出.
  return a.replace(/支出$/, "") === b.replace(/支出$/, "");
}

/**
 * Code-keyed rows of the classification tables. Other tables (项目, 政府采购,
 * 结转) print codes in layouts of their own that recognition keeps generic.
 */
function* eachCodeRow(tables: readonly Table[]): Generator<[Table, Row, CatalogKind]> {
  for (const table of tables) {
    if (!FUNCTIONAL_TABLES.has(table.id) && !ECONOMIC_TABLES.has(table.id)) continue;
    for (const row of codeRows(table)) {
      if (row.key.includes("#")) continue;
      const kind = catalogKind(row);
      if (kind) yield [table, row, kind];
    }
  }
}

const unknownCode: Rule = {
  id: "code/unknown",
  family: "code",
  severity: "error",
  title: "科目编码不存在",
  description:
    "表中列示的科目编码在该年度《政府收支分类科目》中不存在。类、款编码目录完整，查不到即为错误；项级编码目录尚有未核实部分，查不到时提示核对。文档年度晚于科目目录收录的最后一年时，当年新设的科目目录中没有，查不到的编码只作警告。",
  basis:
    "财政部《政府收支分类科目》（当年版）；《中华人民共和国预算法实施条例》（国务院令第729号）第六条：支出按功能分类公开到项、按经济分类公开到款。",
  confirmation: "official",
  *check({ doc }) {
    for (const [table, row, kind] of eachCodeRow(doc.tables)) {
      if (lookup(row.key, doc.year, kind)) continue;
      const other = history(row.key, kind);
      const level = row.level ?? 1;
      const parentKnown =
        level > 1 && lookup(row.key.slice(0, level === 3 ? 5 : 3), doc.year, kind);
      const owner = row.name ? meantCode(row, table, doc.year) : undefined;
      const finding: RawFinding = {
        message:
          other.length > 0
            ? `${table.title} 的科目“${label(row)}”在 ${doc.year} 年${KIND_NAMES[kind]}中已不使用（${describeSpan(other)}）`
            : `${table.title} 的科目“${label(row)}”不是 ${doc.year} 年${KIND_NAMES[kind]}的${LEVEL_NAMES[level]}级科目${owner ? `；名称“${row.name}”对应的科目是 ${owner.code}，编码可能填错` : level === 3 && parentKnown ? "（目录中未收录该项，请核对）" : ""}`,
        locations: [rowLocation(table, row)],
        ...(owner ? { expected: owner.code } : {}),
        actual: row.key,
      };
      // Where our catalog knows the code's span only from memory, or a 项 is
      // missing under a known 款, the gap may be the catalog's, not the document's.
      const unverified =
        other.length > 0 &&
        other.every((e) => e.evidence.every((x) => x === "knowledge-unverified"));
      // A document of a year past the catalog's last may print that year's
      // new subjects, which no catalog here holds yet.
      const beyond = doc.year > CATALOG_YEARS.to && other.length === 0;
      if (!owner && (unverified || beyond || (level === 3 && parentKnown && other.length === 0))) {
        finding.severity = "warning";
        if (unverified) finding.message += "（目录中该科目的起止年份尚待核实，请核对）";
        else if (beyond)
          finding.message += `（科目目录收录到 ${CATALOG_YEARS.to} 年，${doc.year} 年新设的科目可能尚未收录，请核对）`;
      }
      yield finding;
    }
  },
};

/**
 * The code a mistyped one most likely meant: the entry of the table's own
 * classification whose name is the printed name, closest in digits
 * (20921 文物和陈列品购置 in an economic table → 30921, not 31021).
 */
function meantCode(row: Row, table: Table, year: number): CatalogEntry | undefined {
  const kind: CatalogKind =
    row.keyKind === "econ_gov" ? "econ_gov" : ECONOMIC_TABLES.has(table.id) ? "econ_dept" : "func";
  const candidates = findByName(row.name, year, { kind }).filter(
    (e) => e.code !== row.key && e.code.length === row.key.length,
  );
  const distance = (c: string) => [...c].filter((ch, i) => ch !== row.key[i]).length;
  const ranked = candidates
    .map((e) => ({ e, d: distance(e.code) }))
    .filter((x) => x.d <= 2)
    .sort((x, y) => x.d - y.d);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[1]?.d === ranked[0]?.d)) return undefined;
  return ranked[0]?.e;
}

function describeSpan(entries: readonly CatalogEntry[]): string {
  return entries.map((e) => `${e.from}–${e.to ?? "今"} 年为“${e.name}”`).join("；");
}

const nameMismatch: Rule = {
  id: "code/name-mismatch",
  family: "code",
  severity: "warning",
  title: "科目编码与名称不符",
  description:
    "表中科目的名称与该年度目录中此编码的名称不一致。若名称恰好是另一个编码的名称，多半是编码填错；若是该编码往年的名称，则是沿用了旧科目名称。",
  basis: "财政部《政府收支分类科目》（当年版）：编码与名称一一对应。",
  confirmation: "official",
  *check({ doc }) {
    for (const [table, row, kind] of eachCodeRow(doc.tables)) {
      const entry = lookup(row.key, doc.year, kind);
      if (!entry || !row.name || namesAgree(row.name, entry.name)) continue;
      const older = history(row.key, kind).find((e) => e !== entry && namesAgree(row.name, e.name));
      const owner = findByName(row.name, doc.year, { kind }).find((e) => e.code !== row.key);
      if (older) {
        yield {
          message: `${table.title} 的科目 ${row.key} 沿用了旧名称“${row.name}”，${doc.year} 年应为“${entry.name}”`,
          locations: [rowLocation(table, row)],
          expected: entry.name,
          actual: row.name,
          severity: "info",
        };
      } else if (owner) {
        yield {
          message: `${table.title} 的科目编码 ${row.key} 应为“${entry.name}”，而所列名称“${row.name}”是科目 ${owner.code} 的名称，编码可能填错`,
          locations: [rowLocation(table, row)],
          expected: owner.code,
          actual: row.key,
          severity: "error",
        };
      } else {
        yield {
          message: `${table.title} 的科目编码 ${row.key} 在 ${doc.year} 年目录中名称为“${entry.name}”，表中为“${row.name}”`,
          locations: [rowLocation(table, row)],
          expected: entry.name,
          actual: row.name,
        };
      }
    }
  },
};

const wrongParent: Rule = {
  id: "code/wrong-parent",
  family: "code",
  severity: "error",
  title: "科目列在错误的上级科目下",
  description:
    "分类表按“类—款—项”逐级列示，每个款、项应紧随其上级科目。某个项（或款）列在另一个款（或类）之下，说明编码或顺序有误。",
  basis: "财政部《政府收支分类科目》的层级：项属于其编码前五位的款，款属于其编码前三位的类。",
  confirmation: "identity",
  *check({ doc }) {
    for (const table of doc.tables) {
      // Functional tables only: economic tables often print two blocks side
      // by side (人员经费 | 公用经费), so their row order is not a hierarchy.
      if (!FUNCTIONAL_TABLES.has(table.id)) continue;
      // The nearest row above of each level.
      const above: (Row | undefined)[] = [];
      for (const row of table.rows) {
        if (row.keyKind !== "func" || row.level === undefined) continue;
        const parent = above[row.level - 1];
        if (row.level > 1 && parent && !row.key.startsWith(parent.key)) {
          yield {
            message: `${table.title} 中${LEVEL_NAMES[row.level]}“${label(row)}”列在${LEVEL_NAMES[row.level - 1]}“${label(parent)}”之下，编码不属于该${LEVEL_NAMES[row.level - 1]}`,
            locations: [rowLocation(table, row), rowLocation(table, parent)],
            expected: `${parent.key}…`,
            actual: row.key,
          };
        }
        above[row.level] = row;
        above.length = row.level + 1;
      }
    }
  },
};

const wrongKind: Rule = {
  id: "code/wrong-kind",
  family: "code",
  severity: "error",
  title: "科目类型与表格不符",
  description: "按功能分类列示的表中出现了经济分类编码，或按经济分类列示的表中出现了功能分类编码。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）：支出表按功能分类、基本支出表按经济分类列示。",
  confirmation: "official",
  *check({ doc }) {
    for (const table of doc.tables) {
      const wantsFunc = FUNCTIONAL_TABLES.has(table.id);
      const wantsEcon = ECONOMIC_TABLES.has(table.id);
      if (!wantsFunc && !wantsEcon) continue;
      for (const row of codeRows(table)) {
        const isFunc = row.keyKind === "func";
        if (wantsFunc === isFunc) continue;
        // A code that exists in neither reading is code/unknown's finding.
        if (!lookup(row.key, doc.year, row.keyKind as CatalogKind)) continue;
        yield {
          message: `${table.title} 按${wantsFunc ? "功能" : "经济"}分类列示，但其中的“${label(row)}”是${isFunc ? "功能" : "经济"}分类科目`,
          locations: [rowLocation(table, row)],
          expected: wantsFunc ? "支出功能分类科目" : "支出经济分类科目",
          actual: row.key,
        };
      }
    }
  },
};

/** The functional tables the law requires in detail to 项. */
const TO_ITEM_TABLES: ReadonlySet<TableId> = new Set([
  "income",
  "expenditure",
  "gpb_function",
  "gov_fund",
]);

const notDetailed: Rule = {
  id: "code/not-detailed",
  family: "code",
  severity: "error",
  title: "未细化到规定级次",
  description:
    "支出功能分类应公开到项级科目，基本支出经济分类应公开到款级科目。有金额的款（功能分类）或类（经济分类）下没有列出下级科目，即未细化到规定级次。",
  basis:
    "《中华人民共和国预算法实施条例》（国务院令第729号）第六条：部门预算、决算支出按功能分类应当公开到项；按经济性质分类，基本支出应当公开到款。",
  confirmation: "official",
  *check({ doc }) {
    for (const table of doc.tables) {
      const functional = TO_ITEM_TABLES.has(table.id);
      const economic = table.id === "gpb_basic_economic";
      if (!functional && !economic) continue;
      const rows = codeRows(table);
      const targetLevel = functional ? 2 : 1;
      for (const row of rows) {
        if (row.level !== targetLevel) continue;
        if (functional && row.keyKind !== "func") continue;
        if (economic && row.keyKind === "func") continue;
        const hasAmount = Object.values(row.cells).some((c) => (c.amount ?? 0) !== 0);
        const detailed = rows.some((r) => r.level === targetLevel + 1 && r.key.startsWith(row.key));
        if (!hasAmount || detailed) continue;
        yield {
          message: `${table.title} 的${LEVEL_NAMES[targetLevel]}“${label(row)}”有金额，但未列出其下的${LEVEL_NAMES[targetLevel + 1]}级科目`,
          locations: [rowLocation(table, row)],
          expected: functional ? "公开到项级科目" : "公开到款级科目",
          actual: `只列到${LEVEL_NAMES[targetLevel]}`,
        };
      }
    }
  },
};

/** A functional code in the order the 类/款/项 tree prints: 2010101 < 20102 < 2010201 … */
function treeOrder(code: string): string {
  return code.padEnd(7, "0");
}

/**
 * Functional tables print their codes in the tree's order, every 项 under
 * its 款. With full 7-digit codes and no 款 rows, a 项 listed under another
 * 款 shows only as a code out of that order — the row is in the wrong place,
 * or its code is wrong.
 */
const outOfOrder: Rule = {
  id: "code/out-of-order",
  family: "code",
  severity: "warning",
  title: "功能分类科目按类、款、项顺序列示",
  description:
    "按功能分类列示的表格，科目按编码的类、款、项顺序排列，每个项列在它所属的款之下。某一行的编码比上一行小（如 2210201 住房公积金列在 2010102 之后、2010201 之前），说明这一行列错了位置或编码有误。",
  basis:
    "财政部《政府收支分类科目》的层级：项属于其编码前五位的款，款属于其编码前三位的类；分类表按“类—款—项”逐级列示。",
  confirmation: "practice",
  *check({ doc }) {
    for (const table of doc.tables) {
      if (table.empty) continue;
      const rows = codeRows(table).filter(
        (r) => !r.key.includes("#") && /^2\d{2}(?:\d{2}){0,2}$/u.test(r.key),
      );
      if (rows.length < 3) continue;
      for (let i = 1; i < rows.length; i++) {
        const prev = rows[i - 1] as Row;
        const row = rows[i] as Row;
        if (treeOrder(row.key) >= treeOrder(prev.key)) continue;
        yield {
          message: `${table.title}中“${row.key} ${row.name.trim()}”列在“${prev.key} ${prev.name.trim()}”之后，不符合类、款、项的编码顺序：其中一行可能列错了位置（项列到了别的款下）或编码有误。`,
          locations: [rowLocation(table, prev), rowLocation(table, row)],
          expected: "按编码顺序列示",
          actual: `${prev.key} 之后为 ${row.key}`,
        };
      }
    }
  },
};

export const codeRules: Rule[] = [
  unknownCode,
  nameMismatch,
  wrongParent,
  outOfOrder,
  wrongKind,
  notDetailed,
];
