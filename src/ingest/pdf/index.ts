/** PDF → Layout (issue 4). */
import { GongkaiError } from "../../model/errors.ts";
import type { Layout } from "../layout.ts";

export async function ingestPdf(_bytes: Uint8Array): Promise<Layout> {
  throw new GongkaiError("unsupported_format", "暂不支持读取 PDF 文件");
}
