/**
 * Office documents → Layout. Zip containers are XLSX or DOCX (told apart by
 * their parts, checked for zip bombs before any library unpacks them);
 * legacy OLE files (XLS, DOC) are converted by LibreOffice first. OLE is
 * also the wrapper of a password-protected XLSX/DOCX.
 */
import { GongkaiError } from "../../model/errors.ts";
import type { Layout } from "../layout.ts";
import { type Limits, resolveLimits } from "../limits.ts";
import { ingestDocx } from "./docx.ts";
import { SOFFICE_TIMEOUT_MS, sofficeConvert } from "./soffice.ts";
import { ingestXlsx } from "./xlsx.ts";
import { scanZip } from "./zip.ts";

export type ContainerKind = "xlsx" | "docx";

/** Which OOXML document a zip holds, by its parts. */
export function containerKind(names: string[]): ContainerKind | undefined {
  const set = new Set(names.map((n) => n.toLowerCase()));
  if (set.has("xl/workbook.xml")) return "xlsx";
  if (set.has("word/document.xml")) return "docx";
  return undefined;
}

export async function ingestZip(
  bytes: Uint8Array,
  limits: Limits = resolveLimits(),
): Promise<Layout> {
  const scan = scanZip(bytes, limits);
  const kind = containerKind(scan.names);
  if (!kind) {
    const hint = scan.names.some((n) => n.toLowerCase() === "ppt/presentation.xml")
      ? "这是 PowerPoint 演示文稿"
      : scan.names.some((n) => n === "content.xml")
        ? "这是 OpenDocument 文件，请另存为 XLSX 或 DOCX"
        : "这是一个普通的 ZIP 压缩包";
    throw new GongkaiError(
      "unsupported_format",
      `不支持的文件：${hint}，不是 Excel 工作簿（XLSX）或 Word 文档（DOCX）`,
    );
  }
  return kind === "xlsx" ? ingestXlsx(bytes) : ingestDocx(bytes, limits);
}

/** Does the OLE file hold a stream of this name (directory entries are UTF-16LE)? */
function hasStream(bytes: Uint8Array, name: string): boolean {
  const pattern = Buffer.from(name, "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(pattern);
}

export type OleKind = "xls" | "doc" | "encrypted";

export function oleKind(bytes: Uint8Array): OleKind | undefined {
  if (hasStream(bytes, "EncryptedPackage")) return "encrypted";
  if (hasStream(bytes, "WordDocument")) return "doc";
  if (hasStream(bytes, "Workbook") || hasStream(bytes, "Book")) return "xls";
  return undefined;
}

export async function ingestOle(
  bytes: Uint8Array,
  limits: Limits = resolveLimits(),
): Promise<Layout> {
  const kind = oleKind(bytes);
  if (kind === "encrypted")
    throw new GongkaiError(
      "unsupported_format",
      "文件有密码保护（已加密），无法读取；请在 Excel 或 Word 中去除密码后另存再试",
    );
  if (!kind)
    throw new GongkaiError(
      "unsupported_format",
      "不支持的 Office 文件：不是 Excel 97-2003 工作簿（XLS）或 Word 97-2003 文档（DOC）",
    );
  const to = kind === "xls" ? "xlsx" : "docx";
  const name = kind === "xls" ? "XLS" : "DOC";
  const converted = await sofficeConvert(
    bytes,
    kind,
    to,
    `读取 ${name} 文件需要 LibreOffice：请安装 LibreOffice（Debian/Ubuntu：apt-get install ${kind === "xls" ? "libreoffice-calc" : "libreoffice-writer"}），或在 ${kind === "xls" ? "Excel 中另存为 XLSX" : "Word 中另存为 DOCX"} 后再试`,
    Math.min(SOFFICE_TIMEOUT_MS, limits.maxSeconds * 1000),
  );
  const layout = await ingestZip(converted, limits);
  layout.warnings.unshift(`${name} 文件已经 LibreOffice 转换为 ${to.toUpperCase()} 后读取`);
  return layout;
}
