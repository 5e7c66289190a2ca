/** Office documents → Layout: XLSX/DOCX (zip containers) and legacy XLS/DOC (OLE). */
import { GongkaiError } from "../../model/errors.ts";
import type { Layout } from "../layout.ts";

export async function ingestZip(_bytes: Uint8Array): Promise<Layout> {
  throw new GongkaiError("unsupported_format", "暂不支持读取 XLSX/DOCX 文件");
}

export async function ingestOle(_bytes: Uint8Array): Promise<Layout> {
  throw new GongkaiError("unsupported_format", "暂不支持读取 XLS/DOC 文件");
}
