/**
 * Workbook mutations for the end-to-end mutation benchmark: the Shanghai
 * fill-in workbooks (../shared/corpus/shanghai-templates) are changed cell by
 * cell with exceljs, written back to bytes and read through the pipeline
 * like any uploaded file. The workbooks are blank (no figures), so the
 * mutations they offer are those that need no figure: a table left out.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Disclosure } from "../src/model/schema.ts";
import { extractBytes } from "../src/pipeline.ts";
import { type Change, type Rand, tableRemoved } from "../test/helpers/mutate-document.ts";

export interface WorkbookDocument {
  name: string;
  bytes: Uint8Array;
  disclosure: Disclosure;
}

export interface WorkbookSite {
  apply(rand: Rand): Promise<{ change: Change; disclosure: Disclosure | Error } | undefined>;
}

export interface WorkbookMutation {
  kind: string;
  sites(doc: WorkbookDocument): Promise<WorkbookSite[]>;
}

export async function readWorkbook(file: string, name: string): Promise<WorkbookDocument> {
  const bytes = new Uint8Array(await readFile(file));
  return { name, bytes, disclosure: await extractBytes(bytes, name) };
}

/** Text of a cell as shown, whatever exceljs holds (rich text, formula result). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return String(v.result ?? "");
    if ("text" in v) return String(v.text);
  }
  return String(v);
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

async function reread(wb: ExcelJS.Workbook, name: string): Promise<Disclosure | Error> {
  try {
    return await extractBytes(new Uint8Array(await wb.xlsx.writeBuffer()), name);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** A table left out: every cell of the sheet that prints it emptied. */
const sheetEmptied: WorkbookMutation = {
  kind: tableRemoved.kind,
  async sites(doc) {
    const wb = await load(doc.bytes);
    const out: WorkbookSite[] = [];
    for (const t of doc.disclosure.tables) {
      if (t.id === "other") continue;
      // The sheet is found by the table's title printed in it, not by its name or place.
      const sheet = wb.worksheets.find((ws) => {
        let has = false;
        ws.eachRow((row) => {
          row.eachCell((c) => {
            if (cellText(c.value).trim() === t.title.trim()) has = true;
          });
        });
        return has;
      });
      if (!sheet) continue;
      const sheetName = sheet.name;
      const before = doc.disclosure.tables.filter((x) => x.id === t.id).length;
      out.push({
        async apply() {
          const copy = await load(doc.bytes);
          const ws = copy.getWorksheet(sheetName);
          if (!ws) return undefined;
          ws.eachRow((row) => {
            row.eachCell((c) => {
              c.value = null;
            });
          });
          return {
            change: {
              what: `${doc.name} 工作表“${sheetName}”（${t.title}）清空`,
              lines: [t.source.line],
              expect: (d) => d.tables.filter((x) => x.id === t.id).length < before,
            },
            disclosure: await reread(copy, doc.name),
          };
        },
      });
    }
    return out;
  },
};

export const WORKBOOK_MUTATIONS: WorkbookMutation[] = [sheetEmptied];
