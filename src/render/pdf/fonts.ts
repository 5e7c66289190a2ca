/**
 * The CJK fonts of the PDF: Noto Sans SC (regular and bold) from the
 * @expo-google-fonts/noto-sans-sc package, read once per process (11 MB
 * each; pdfkit embeds only the glyphs a document uses).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GongkaiError } from "../../model/errors.ts";

const PACKAGE = "@expo-google-fonts/noto-sans-sc";
const FILES = {
  regular: "400Regular/NotoSansSC_400Regular.ttf",
  bold: "700Bold/NotoSansSC_700Bold.ttf",
} as const;

export type FontWeight = keyof typeof FILES;

const cache = new Map<FontWeight, Buffer>();

function packageDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve(`${PACKAGE}/package.json`));
  } catch {
    // Packages without an exported package.json: resolve the main entry.
    return dirname(require.resolve(PACKAGE));
  }
}

/** The TTF bytes of a weight. */
export function fontBytes(weight: FontWeight): Buffer {
  let b = cache.get(weight);
  if (b) return b;
  try {
    b = readFileSync(join(packageDir(), FILES[weight]));
  } catch {
    throw new GongkaiError(
      "not_found",
      `找不到 PDF 所需的中文字体（${PACKAGE} 中的 ${FILES[weight]}），请先执行 npm install`,
    );
  }
  cache.set(weight, b);
  return b;
}
