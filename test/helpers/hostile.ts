/**
 * Hostile documents made at test time (issue 14): PDFs written by hand
 * (form XObjects that fan out, tens of thousands of text runs, thousands of
 * pages), minimal XLSX and DOCX containers around sheet or body XML of any
 * shape, and a zip whose directory lies about an entry's size. Each is
 * small to write and to keep; what makes it hostile is what a reader would
 * do with it.
 */
import { zipSync } from "fflate";

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * A PDF from numbered objects (1 = catalog, 2 = page tree written here):
 * `objects` maps object numbers ≥ 3 to their bodies (a stream body is
 * "<< … >>\nstream\n…\nendstream"). The cross-reference table is exact.
 */
export function writePdf(pageIds: number[], objects: Map<number, string>): Uint8Array {
  const all = new Map<number, string>(objects);
  all.set(1, "<< /Type /Catalog /Pages 2 0 R >>");
  all.set(
    2,
    `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(" ")}] /Count ${pageIds.length} >>`,
  );
  const max = Math.max(...all.keys());
  const parts: string[] = ["%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"];
  let offset = Buffer.byteLength(parts[0] as string, "latin1");
  const offsets: number[] = [];
  for (let n = 1; n <= max; n++) {
    const body = all.get(n) ?? "null";
    const obj = `${n} 0 obj\n${body}\nendobj\n`;
    offsets[n] = offset;
    parts.push(obj);
    offset += Buffer.byteLength(obj, "latin1");
  }
  const xref = [`xref\n0 ${max + 1}\n`, "0000000000 65535 f \n"];
  for (let n = 1; n <= max; n++) xref.push(`${String(offsets[n]).padStart(10, "0")} 00000 n \n`);
  parts.push(...xref, `trailer\n<< /Size ${max + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`);
  return Buffer.from(parts.join(""), "latin1");
}

function stream(dict: string, content: string): string {
  return `<< ${dict} /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;
}

const FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/** A page (object `id`) showing `content`, with Helvetica as /F1 and the given XObjects. */
function page(id: number, contentId: number, xobjects = ""): [number, string] {
  return [
    id,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contentId} 0 R /Resources << /Font << /F1 3 0 R >> /XObject << ${xobjects} >> >> >>`,
  ];
}

/**
 * One page drawing form X0, which draws X1 `fan` times, … down to X`depth`,
 * which shows a word: fan^depth text objects from a file of a few KB.
 */
export function fanOutPdf(depth: number, fan: number): Uint8Array {
  const objects = new Map<number, string>([[3, FONT]]);
  const formId = (level: number) => 10 + level;
  for (let level = 0; level <= depth; level++) {
    const content =
      level === depth
        ? "BT /F1 9 Tf 10 10 Td (budget 1.00) Tj ET"
        : Array.from({ length: fan }, (_, i) => `q 1 0 0 1 ${i} ${i} cm /X${level + 1} Do Q`).join(
            "\n",
          );
    const next = level === depth ? "" : `/X${level + 1} ${formId(level + 1)} 0 R`;
    objects.set(
      formId(level),
      stream(
        `/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << ${next} >> >>`,
        content,
      ),
    );
  }
  objects.set(5, stream("", "q /X0 Do Q"));
  const [id, body] = page(4, 5, `/X0 ${formId(0)} 0 R`);
  objects.set(id, body);
  return writePdf([4], objects);
}

/** One page with `runs` separate text objects (BT … ET), a number each. */
export function textRunsPdf(runs: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < runs; i++) {
    const x = 20 + (i % 8) * 70;
    const y = 820 - (Math.floor(i / 8) % 160) * 5;
    lines.push(`BT /F1 4 Tf ${x} ${y} Td (${(i % 997) + 0.25}) Tj ET`);
  }
  const objects = new Map<number, string>([[3, FONT]]);
  objects.set(5, stream("", lines.join("\n")));
  const [id, body] = page(4, 5);
  objects.set(id, body);
  return writePdf([4], objects);
}

/** `pages` pages sharing one content stream that prints its line of text. */
export function manyPagesPdf(pages: number, text = "2024 budget page"): Uint8Array {
  const objects = new Map<number, string>([[3, FONT]]);
  objects.set(5, stream("", `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`));
  const ids: number[] = [];
  for (let p = 0; p < pages; p++) {
    const [id, body] = page(10 + p, 5);
    objects.set(id, body);
    ids.push(id);
  }
  return writePdf(ids, objects);
}

const CONTENT_TYPES_XLSX =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS_XLSX =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="收支总表" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/** Worksheet XML around `rows` (the <row> elements) and `after` (e.g. <mergeCells>). */
export function sheetXml(rows: string, after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** A one-sheet XLSX; `parts` adds or replaces parts (a second sheet, a bomb). */
export function xlsxBytes(
  sheet: string | Uint8Array,
  parts: Record<string, Uint8Array> = {},
): Uint8Array {
  return zipSync(
    {
      "[Content_Types].xml": utf8(CONTENT_TYPES_XLSX),
      "_rels/.rels": utf8(ROOT_RELS_XLSX),
      "xl/workbook.xml": utf8(WORKBOOK),
      "xl/_rels/workbook.xml.rels": utf8(WORKBOOK_RELS),
      "xl/worksheets/sheet1.xml": typeof sheet === "string" ? utf8(sheet) : sheet,
      ...parts,
    },
    { level: 6 },
  );
}

/** A one-row sheet with a title, and `merges` merged ranges (A1:B2-style refs). */
export function mergedSheet(merges: string[]): string {
  const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>收支总表</t></is></c></row>';
  const after = `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  return sheetXml(rows, after);
}

const CONTENT_TYPES_DOCX =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const ROOT_RELS_DOCX =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A DOCX whose body is `body` (WordprocessingML inside <w:body>). */
export function docxBytes(body: string): Uint8Array {
  const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zipSync(
    {
      "[Content_Types].xml": utf8(CONTENT_TYPES_DOCX),
      "_rels/.rels": utf8(ROOT_RELS_DOCX),
      "word/document.xml": utf8(doc),
    },
    { level: 6 },
  );
}

/** A DOCX body of tables nested `depth` deep, a paragraph in the innermost cell. */
export function nestedDocxBody(depth: number): string {
  const open = "<w:tbl><w:tr><w:tc>";
  const close = "</w:tc></w:tr></w:tbl>";
  return `${open.repeat(depth)}<w:p><w:r><w:t>收支总表</w:t></w:r></w:p>${close.repeat(depth)}`;
}

/**
 * Rewrite the declared uncompressed size of `name` (central directory and
 * local header) to `declared`: a zip bomb that lies about itself.
 */
export function lieAboutSize(zip: Uint8Array, name: string, declared: number): Uint8Array {
  const b = new Uint8Array(zip);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const want = utf8(name);
  const matches = (at: number) => want.every((c, i) => b[at + i] === c);
  for (let i = 0; i + 46 <= b.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === want.length && matches(i + 46))
      view.setUint32(i + 24, declared, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === want.length && matches(i + 30))
      view.setUint32(i + 22, declared, true);
  }
  return b;
}

/** An XLSX whose workbook part inflates to `bytes` of XML while its directory says 1 KB. */
export function lyingWorkbookBomb(bytes: number): Uint8Array {
  const filler = `<!--${" ".repeat(bytes)}-->`;
  const workbook = WORKBOOK.replace("<sheets>", `${filler}<sheets>`);
  const zip = xlsxBytes(sheetXml(""), { "xl/workbook.xml": utf8(workbook) });
  return lieAboutSize(zip, "xl/workbook.xml", 1024);
}
