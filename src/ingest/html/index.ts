/** A saved HTML page → Layout. */
import { GongkaiError } from "../../model/errors.ts";
import type { Layout } from "../layout.ts";

export async function ingestHtml(_bytes: Uint8Array): Promise<Layout> {
  throw new GongkaiError("unsupported_format", "暂不支持读取 HTML 文件");
}
