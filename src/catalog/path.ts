/**
 * 科目 paths as sentences print them: "卫生健康支出（类）医疗保障管理事务（款）
 * 信息化建设（项）", also quoted, with half-width brackets, or only "政协事务
 * （款）行政运行（项）" under a heading that named the 类.
 *
 * Parsing and resolving live beside the catalog because both the narrative's
 * reader (which turns the path into a code) and the checker (which compares
 * each printed level's name with the catalog's) need the same reading.
 */
import { type CatalogEntry, type CatalogKind, findByName } from "./index.ts";

export interface SubjectPath {
  /** The names as printed, cleaned of quotes and numbering. */
  lei?: string;
  kuan?: string;
  xiang?: string;
  /** The printed path itself, as matched. */
  text: string;
  /** Where the match starts in the text it was found in. */
  index: number;
}

/**
 * A name inside a path: no separators or quotes; a short bracketed part
 * that is not a level marker belongs to the name ("维修（护）费",
 * "党委办公厅（室）及相关机构事务").
 */
const NAME = "(?:[^\\s（()）、，,：:；;。“”\"'‘’「」『』]|[（(][^类款项（()）\\s]{1,6}[）)])+?";
const LEVEL = (word: string) => `\\s*[（(]\\s*${word}\\s*[）)]`;
const PATH_RE = new RegExp(
  `(?:(${NAME})${LEVEL("类")})?\\s*(?:(${NAME})${LEVEL("款")})?\\s*(?:(${NAME})${LEVEL("项")})?`,
  "gu",
);

const LEVEL_MARK_RE = /[（(]\s*[类款项]\s*[）)]/u;

/** A number or ordinal a list puts before a name: "1.", "（一）", "（1）". */
const ORDINAL_RE =
  /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])/u;

function clean(name: string | undefined): string | undefined {
  // 其它 is a common spelling of the catalog's 其他.
  const n = name?.replace(ORDINAL_RE, "").replace(/其它/gu, "其他").trim();
  return n ? n : undefined;
}

/** Every 科目 path printed in a text, in order. */
export function findSubjectPaths(text: string): SubjectPath[] {
  const out: SubjectPath[] = [];
  // The path pattern can match empty at every position: a text without a
  // level marker is answered before it runs (most sentences have none).
  if (!LEVEL_MARK_RE.test(text)) return out;
  PATH_RE.lastIndex = 0;
  for (let m = PATH_RE.exec(text); m; m = PATH_RE.exec(text)) {
    if (m[0] === "") {
      PATH_RE.lastIndex++;
      continue;
    }
    const p: SubjectPath = { text: m[0].trim(), index: m.index };
    const lei = clean(m[1]);
    const kuan = clean(m[2]);
    const xiang = clean(m[3]);
    if (lei) p.lei = lei;
    if (kuan) p.kuan = kuan;
    if (xiang) p.xiang = xiang;
    if (lei || kuan || xiang) out.push(p);
  }
  return out;
}

/** The last 科目 path printed in a text, if any. */
export function lastSubjectPath(text: string): SubjectPath | undefined {
  return findSubjectPaths(text).at(-1);
}

/**
 * Entries a printed name means (as written, without a trailing "支出", or
 * with one added: texts write "社会保障和就业（类）" for 社会保障和就业支出).
 */
function candidates(
  name: string,
  year: number,
  opts: { kind: CatalogKind; level: 1 | 2 | 3; under: string | undefined },
): CatalogEntry[] {
  const variants = name.endsWith("支出") ? [name, name.slice(0, -2)] : [name, `${name}支出`];
  const under = opts.under;
  for (const v of variants) {
    let found = findByName(v, year, { kind: opts.kind, level: opts.level });
    if (under !== undefined) found = found.filter((e) => e.code.startsWith(under));
    if (found.length > 0) return found;
  }
  return [];
}

const KINDS: readonly CatalogKind[] = ["func", "econ_dept", "econ_gov"];

/**
 * The code a path names, in a year. Levels resolve one under the other; when
 * one level's name is not under its parent (a wrong or outdated 款 name), the
 * deepest name still resolves when it means one entry under the levels that
 * did resolve, so the sentence's amount is compared and its wrong name can be
 * reported. `context` is the 类 a heading named, for a path that starts at 款.
 */
export function resolveSubjectPath(
  path: SubjectPath,
  year: number,
  context?: string,
): CatalogEntry | undefined {
  const lei = path.lei ?? (path.kuan || path.xiang ? context : undefined);
  const levels: [string | undefined, 1 | 2 | 3][] = [
    [lei, 1],
    [path.kuan, 2],
    [path.xiang, 3],
  ];
  for (const kind of KINDS) {
    let resolved: CatalogEntry | undefined;
    let broken = false;
    for (const [name, level] of levels) {
      if (!name || (kind !== "func" && level === 3)) continue;
      const found = unique(candidates(name, year, { kind, level, under: resolved?.code }), name);
      if (!found) {
        broken = true;
        break;
      }
      resolved = found;
    }
    if (!broken && resolved) return resolved;
    // The chain broke at one level: the deepest printed name alone, under
    // what resolved above the break, when it means one entry.
    const deepest = levels.filter(([name, level]) => name && (kind === "func" || level < 3)).at(-1);
    if (deepest?.[0] && deepest[1] > (resolved?.level ?? 0)) {
      const found = candidates(deepest[0], year, {
        kind,
        level: deepest[1],
        under: resolved?.code,
      });
      if (found.length === 1) return found[0];
    }
    // A 类 that resolved in this kind says the path is of this kind.
    if (resolved) return undefined;
  }
  return undefined;
}

/** The one entry among candidates, preferring an exact name among several. */
function unique(found: CatalogEntry[], name: string): CatalogEntry | undefined {
  if (found.length === 1) return found[0];
  const exact = found.filter((e) => e.name === name);
  return exact.length === 1 ? exact[0] : undefined;
}

/** The code of the level a printed level names: 类 3 digits, 款 5, 项 7. */
export function codeAtLevel(code: string, level: 1 | 2 | 3): string {
  return code.slice(0, 1 + 2 * level);
}
