/**
 * Recognition: from a format-neutral Layout to the canonical Disclosure.
 * The only place that knows what a disclosure looks like.
 */

import type { Layout } from "../ingest/layout.ts";
import { GongkaiError } from "../model/errors.ts";
import { TABLE_NAMES } from "../model/labels.ts";
import type { Disclosure, Issue, MoneyUnit, Table } from "../model/schema.ts";
import { DISCLOSURE_SCHEMA_VERSION } from "../model/version.ts";
import { applyDirectoryNotes, directoryEmptyReasons } from "./directory.ts";
import { detectEntity, detectKind, detectYear, documentText } from "./document.ts";
import { applyEvidence } from "./evidence.ts";
import { halfOf } from "./halves.ts";
import { recognizeNarrative } from "./narrative/index.ts";
import { foldDigits } from "./normalize.ts";
import { buildReport, readDirectory } from "./report.ts";
import { segment } from "./segment.ts";
import { regionUnit } from "./tables/common.ts";
import { buildTable, tableIdByContent } from "./tables/index.ts";
import { buildOtherTable } from "./tables/other.ts";

export interface RecognizeOptions {
  file?: string;
}

function majorityUnit(units: (MoneyUnit | undefined)[]): MoneyUnit {
  let wan = 0;
  let yuan = 0;
  for (const u of units) {
    if (u === "万元") wan++;
    else if (u === "元") yuan++;
  }
  return yuan > wan ? "元" : "万元";
}

/**
 * The layout with figures in full-width digits folded to ASCII (see
 * foldDigits); the same layout, not a copy, where there are none.
 */
function foldLayoutDigits(layout: Layout): Layout {
  let changed = false;
  const blocks = layout.blocks.map((b) => {
    if (b.kind === "line") {
      const text = foldDigits(b.text);
      if (text === b.text) return b;
      changed = true;
      return { ...b, text };
    }
    let rowsChanged = false;
    const rows = b.rows.map((r) => {
      let cellsChanged = false;
      const cells = r.cells.map((c) => {
        const text = foldDigits(c.text);
        if (text === c.text) return c;
        cellsChanged = true;
        return { ...c, text };
      });
      if (!cellsChanged) return r;
      rowsChanged = true;
      return { ...r, cells };
    });
    if (!rowsChanged) return b;
    changed = true;
    return { ...b, rows };
  });
  return changed ? { ...layout, blocks } : layout;
}

export function recognize(printed: Layout, opts: RecognizeOptions = {}): Disclosure {
  const layout = foldLayoutDigits(printed);
  const { regions, narrative } = segment(layout.blocks);
  const lines = documentText(layout.blocks);
  const kind = detectKind(lines, regions);
  const year = detectYear(lines, kind);
  const moneyRegions = regions.filter((r) => r.match.id !== "performance");
  if (
    !kind ||
    !year ||
    (moneyRegions.length === 0 && !/部门|单位/.test(lines.slice(0, 80).join("")))
  ) {
    throw new GongkaiError(
      "not_disclosure",
      "这不像一份部门预算或决算公开文档：没有找到标准表格，也无法确定预决算类型和年度",
    );
  }
  const entity = detectEntity(lines, kind, year) ?? { name: "", parent: null };
  const issues: Issue[] = [];
  if (!entity.name)
    issues.push({ code: "entity.unknown", message: "未能识别公开主体（部门或单位名称）" });
  const defaultUnit = majorityUnit(moneyRegions.map(regionUnit));
  const ctx = { year, defaultUnit, entity: entity.name, issues };

  const tables: Table[] = [];
  const directory = readDirectory(layout.blocks);
  for (const region of moneyRegions) {
    const noted = issues.length;
    const table = buildTable(region, kind, ctx);
    if (!table) continue;
    applyEvidence(table, region.match, directory);
    // A second table whose words name a standard table less surely than the
    // one already read (a 支出情况构成表 after the 支出预算表) is a table of its
    // own: kept as printed, not read into the first one's layout.
    const earlier = tables.find((t) => t.id === table.id && table.id !== "other");
    const mine = table.recognition?.confidence ?? 0;
    if (earlier && !earlier.empty && mine < (earlier.recognition?.confidence ?? 0)) {
      // What the discarded reading noted is not about the table kept.
      issues.length = noted;
      const other = buildOtherTable(region, ctx);
      other.recognition = {
        confidence: 0.3,
        reasons: [
          ...(table.recognition?.reasons ?? []),
          `已有更确定的${TABLE_NAMES[table.id]}（${earlier.title}），按其他表格保留`,
        ],
      };
      tables.push(other);
      continue;
    }
    const byContent = tableIdByContent(table);
    if (byContent !== table.id) {
      const other = tables.find((t) => t.id === byContent);
      if (!other || other.empty) {
        issues.push({
          code: "table.misplaced",
          message: `“${table.title}”标题下的表格内容是${byContent === "income" ? "收入总表" : "支出总表"}，已按内容识别`,
          table: byContent,
          source: table.source,
        });
        if (other) tables.splice(tables.indexOf(other), 1);
        table.id = byContent;
      }
    }
    tables.push(table);
  }
  // 绩效目标表: forms of words and a few figures (a project's funds), kept
  // as printed so that their funds can be compared with the projects they name.
  for (const region of regions) {
    if (region.match.id !== "performance") continue;
    const table = buildOtherTable(region, ctx);
    table.id = "performance";
    table.recognition = { confidence: region.match.confidence, reasons: region.match.reasons };
    tables.push(table);
  }
  if (tables.every((t) => t.id === "other" || t.id === "performance")) {
    issues.push({ code: "tables.none", message: "文档中没有识别到任何标准表格" });
  }

  applyDirectoryNotes(tables, directoryEmptyReasons(layout.blocks));

  const unit = majorityUnit(tables.map((t) => t.unit));
  const {
    sections,
    claims,
    issues: narrativeIssues,
  } = recognizeNarrative({ lines: narrative, year, unit, kind });
  issues.push(...narrativeIssues);

  const report = buildReport(layout, directory, regions, tables, narrative);
  const half = halfOf({ tables, sections, claims });
  if (half) report.half = half;
  for (const e of report.directory) {
    if (e.found) continue;
    issues.push({
      code: "table.not_read",
      message:
        half === "narrative"
          ? `目录列出的“${e.title}”不在本文件中（本文件只有说明，表格另文公开）`
          : report.partial
            ? `目录列出的“${e.title}”未能在正文中识别（文档有未读取的部分，可能在其中）`
            : `目录列出的“${e.title}”在正文中未见`,
      source: e.source,
      ...(e.id ? { table: e.id } : {}),
    });
  }
  for (const p of report.unclaimedPages) {
    issues.push({
      code: "page.not_read",
      message: `第 ${p.page} 页的表格未能识别（${p.figures} 个数字未归入任何表格）`,
      source: { line: 1, page: p.page },
    });
  }
  const source: Disclosure["source"] = { format: layout.format, lines: layout.lineCount };
  if (opts.file) source.file = opts.file;
  if (layout.encoding) source.encoding = layout.encoding;
  if (layout.pages) source.pages = layout.pages;
  return {
    schemaVersion: DISCLOSURE_SCHEMA_VERSION,
    kind,
    year,
    entity,
    unit,
    tables,
    sections,
    claims,
    issues,
    report,
    source,
  };
}
