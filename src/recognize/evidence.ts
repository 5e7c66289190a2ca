/**
 * A table's id from all the evidence together: the words of its title (the
 * first vote, titles.ts), its header columns, the code families of its rows
 * and the document's own 目录. The table records the reasons and how sure
 * the reading is; rows of the other classification family than the title
 * suggests (economic codes under "…支出表（功能科目）") switch the id to its twin.
 */
import { COLUMN_LABELS } from "../model/labels.ts";
import type { DirectoryEntry, Table, TableId, TableRecognition } from "../model/schema.ts";
import { ECONOMIC_TABLES, FUNCTIONAL_TABLES } from "../model/vocabulary.ts";
import { totalsClose } from "./report.ts";
import type { TitleMatch } from "./titles.ts";

/** The same table by the other classification. */
const TWIN: Partial<Record<TableId, TableId>> = {
  gpb_function: "gpb_economic",
  gpb_economic: "gpb_function",
  gpb_basic_economic: "gpb_basic_function",
  gpb_basic_function: "gpb_basic_economic",
  fiscal_function: "fiscal_basic_economic",
  fiscal_basic_economic: "fiscal_function",
};

export function applyEvidence(
  table: Table,
  match: TitleMatch,
  directory: readonly Omit<DirectoryEntry, "found">[],
): void {
  const reasons = [...match.reasons];
  let confidence = match.confidence;
  if (match.number) reasons.push(`表号“${match.number}”`);
  const named = table.columns.filter((c) => c.id !== "amount").map((c) => COLUMN_LABELS[c.id]);
  if (named.length > 0) reasons.push(`表头：${named.slice(0, 6).join("、")}`);

  const func = table.rows.filter((r) => r.keyKind === "func").length;
  const econ = table.rows.filter(
    (r) => r.keyKind === "econ_dept" || r.keyKind === "econ_gov",
  ).length;
  const coded = func + econ;
  if (coded >= 3) {
    const family = func >= econ ? "功能分类" : "经济分类";
    reasons.push(`行：${family}科目 ${Math.max(func, econ)} 行`);
    const wrong =
      (FUNCTIONAL_TABLES.has(table.id) && econ > func * 4) ||
      (ECONOMIC_TABLES.has(table.id) && func > econ * 4);
    const twin = TWIN[table.id];
    if (wrong && twin) {
      reasons.push(`行的科目类别与标题不符，按行识别为${twin}`);
      table.id = twin;
      confidence = Math.min(confidence, 0.7);
    } else if (wrong) {
      confidence = Math.min(confidence, 0.5);
      reasons.push("行的科目类别与标题所指的表不符");
    } else {
      confidence = Math.min(1, confidence + 0.05);
    }
  }
  const listed = directory.findIndex((e) => e.id === table.id);
  if (listed >= 0) {
    reasons.push(`目录第 ${listed + 1} 项`);
    confidence = Math.min(1, confidence + 0.03);
  }
  const recognition: TableRecognition = {
    confidence: Math.round(confidence * 100) / 100,
    reasons,
  };
  const totals = totalsClose(table);
  if (totals) {
    recognition.totalsClose = totals.close;
    if (totals.note) recognition.totalsNote = totals.note;
  }
  table.recognition = recognition;
}
