/**
 * Whether bytes are a gongkai fill-in template (so that `gongkai render`
 * reads them with readTemplate rather than as a published disclosure). Only
 * the workbook's sheet list is read: a template has the 单位信息 and the
 * hidden 科目目录 sheets.
 */
import { checkDeclaredSizes, inflateEntry, readCentralDirectory } from "../ingest/office/zip.ts";
import { SHEET } from "./fields.ts";

export function isTemplate(bytes: Uint8Array): boolean {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return false;
  let xml: string;
  try {
    // Only a sane workbook part is inflated, and never past the size its
    // directory declares (a lying bomb stops there); the full checks come
    // when it is read.
    const entries = readCentralDirectory(bytes);
    checkDeclaredSizes(entries, bytes.length);
    const part = entries.find((e) => e.name === "xl/workbook.xml");
    if (!part) return false;
    xml = new TextDecoder().decode(inflateEntry(bytes, part, 4 * 1024 * 1024));
  } catch {
    return false;
  }
  const names = new Set([...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]));
  return names.has(SHEET.entity) && names.has(SHEET.catalog);
}
