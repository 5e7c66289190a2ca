/**
 * Characters that XML 1.0 does not allow (C0 controls other than tab, line
 * feed and carriage return; U+FFFE, U+FFFF; a surrogate without its pair)
 * taken out of everything a document is rendered from. A name with a
 * stray control character (pasted from another system) would otherwise
 * make the XLSX or DOCX one that Excel and Word refuse to open, and the
 * HTML one that an XML tool refuses. Controls are dropped; a broken
 * surrogate or a non-character becomes U+FFFD, so that the loss shows.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const BROKEN =
  /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` with the characters XML cannot hold removed or replaced. */
export function xmlSafeText(s: string): string {
  return s.replace(CONTROL, "").replace(BROKEN, "\uFFFD");
}

/** A copy of plain data (objects, arrays) with every string made XML-safe. */
export function xmlSafe<T>(value: T): T {
  if (typeof value === "string") return xmlSafeText(value) as T;
  if (Array.isArray(value)) return value.map((v) => xmlSafe(v)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[xmlSafeText(k)] = xmlSafe(v);
    return out as T;
  }
  return value;
}
