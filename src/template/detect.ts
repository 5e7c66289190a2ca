/**
 * Whether bytes are a gongkai fill-in template (so that `gongkai render`
 * reads them with readTemplate rather than as a published disclosure). Only
 * the workbook's sheet list is read: a template has the 单位信息 and the
 * hidden 科目目录 sheets; a region's official workbook has its table sheets.
 */
import { checkDeclaredSizes, inflateEntry, readCentralDirectory } from "../ingest/office/zip.ts";
import { SHEET } from "./fields.ts";
import { regionalShapeOf } from "./regional/sheets.ts";

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
  if (names.has(SHEET.entity) && names.has(SHEET.catalog)) return true;
  // A region's official workbook (上海市区级 预算公开模板), filled by gongkai or by hand.
  return regionalShapeOf([...names].map((n) => unescapeXml(n ?? ""))) !== undefined;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
