/**
 * Print a spreadsheet number the way the sheet shows it, from the cell's
 * number format: "#,##0.00" shows 1234.5 as "1,234.50". Only what budget
 * workbooks use is supported (fixed decimals, thousands separators, percent,
 * sign sections, literal text); anything else falls back to Excel's General.
 *
 * Rounding is decimal, as Excel's: the binary double is first cut to 15
 * significant digits (what Excel stores and shows), then rounded half away
 * from zero on the digit string, so 1.005 shows as "1.01" and amounts never
 * pass through binary arithmetic.
 */

interface Decimal {
  neg: boolean;
  /** Digits without leading zeros ("" for zero). */
  digits: string;
  /** Position of the decimal point in `digits` (may be < 0 or > digits.length). */
  point: number;
}

/** The value as Excel holds it: 15 significant decimal digits. */
function toDecimal(x: number): Decimal {
  const neg = x < 0;
  const s = Math.abs(x).toPrecision(15);
  const [mant = "0", expPart] = s.split("e");
  const exp = expPart ? Number(expPart) : 0;
  const [ip = "0", fp = ""] = mant.split(".");
  let digits = ip + fp;
  let point = ip.length + exp;
  const lead = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, "");
  return { neg: neg && digits !== "", digits, point };
}

/** Integer and fraction strings rounded to `places` decimals, half away from zero. */
function fixed(d: Decimal, places: number): { int: string; frac: string } {
  const { digits, point } = d;
  // Pad so that the point sits inside the digit string.
  const leftPad = point < 0 ? -point : 0;
  const padded = "0".repeat(leftPad) + digits;
  const p = point + leftPad;
  const needed = p + places;
  let keep = padded.padEnd(Math.max(needed, p), "0").slice(0, Math.max(needed, 0));
  const next = padded.charAt(needed);
  if (next !== "" && next >= "5") {
    // Increment the kept digit string.
    const arr = keep.split("");
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i] === "9") {
        arr[i] = "0";
        i--;
      } else {
        arr[i] = String(Number(arr[i]) + 1);
        break;
      }
    }
    keep = (i < 0 ? "1" : "") + arr.join("");
  }
  const intLen = keep.length - places;
  const int = keep.slice(0, intLen).replace(/^0+(?=\d)/, "") || "0";
  const frac = keep.slice(intLen);
  return { int: int === "" ? "0" : int, frac };
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Excel's General: up to 11 significant digits, no exponent for ordinary magnitudes. */
export function formatGeneral(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e11 || abs < 1e-9)
    return x
      .toExponential(5)
      .replace(/\.?0+e/, "E")
      .toUpperCase();
  const d = toDecimal(Number(x.toPrecision(11)));
  const places = Math.max(0, d.digits.length - d.point);
  const { int, frac } = fixed(d, places);
  const body = frac.replace(/0+$/, "") === "" ? int : `${int}.${frac.replace(/0+$/, "")}`;
  return d.neg ? `-${body}` : body;
}

/** Split format sections on ";" outside quotes. */
function sections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt.charAt(i);
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && !quoted) {
      cur += ch + fmt.charAt(i + 1);
      i++;
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** One section applied to a non-negative value. */
function applySection(section: string, x: number): string | undefined {
  // Colours, locales and conditions in brackets print nothing.
  const sec = section.replace(/\[[^\]]*\]/g, "");
  if (/^\s*general\s*$/i.test(sec)) return formatGeneral(x);
  // Literal pieces and the number pattern, in order.
  let prefix = "";
  let suffix = "";
  let pattern = "";
  let seenPattern = false;
  for (let i = 0; i < sec.length; i++) {
    const ch = sec.charAt(i);
    if (ch === '"') {
      const close = sec.indexOf('"', i + 1);
      const lit = sec.slice(i + 1, close < 0 ? sec.length : close);
      if (seenPattern) suffix += lit;
      else prefix += lit;
      i = close < 0 ? sec.length : close;
      continue;
    }
    if (ch === "\\") {
      if (seenPattern) suffix += sec.charAt(i + 1);
      else prefix += sec.charAt(i + 1);
      i++;
      continue;
    }
    if (ch === "_" || ch === "*") {
      i++; // padding and fill: print nothing
      continue;
    }
    if (/[0#?.,]/.test(ch) && (!seenPattern || suffix === "")) {
      pattern += ch;
      seenPattern = true;
      continue;
    }
    if (/[eE]/.test(ch) && seenPattern) return undefined; // scientific: use General
    if (/[yYmMdDhHsS@]/.test(ch)) return undefined; // dates and text: not a number format
    if (seenPattern) suffix += ch;
    else prefix += ch;
  }
  if (!seenPattern) return prefix + suffix;
  let value = x;
  if ((prefix + suffix).includes("%")) value = Number((x * 100).toPrecision(15));
  // Trailing commas scale by thousands.
  const trailing = /,+$/.exec(pattern)?.[0].length ?? 0;
  for (let k = 0; k < trailing; k++) value = Number((value / 1000).toPrecision(15));
  const core = pattern.slice(0, pattern.length - trailing);
  const dot = core.indexOf(".");
  const intPat = dot < 0 ? core : core.slice(0, dot);
  const fracPat = dot < 0 ? "" : core.slice(dot + 1);
  const places = fracPat.replace(/[^0#?]/g, "").length;
  const minFrac = /^0*/.exec(fracPat.replace(/[^0#?]/g, ""))?.[0].length ?? 0;
  let { int, frac } = fixed(toDecimal(value), places);
  // Optional decimals (#) drop their trailing zeros.
  while (frac.length > minFrac && frac.endsWith("0")) frac = frac.slice(0, -1);
  const minInt = intPat.replace(/[^0]/g, "").length;
  if (int === "0" && minInt === 0) int = "";
  int = int.padStart(minInt, "0");
  if (intPat.includes(",")) int = group(int);
  const body =
    frac === "" ? (dot >= 0 && fracPat.includes("?") ? `${int}.` : int) : `${int}.${frac}`;
  return prefix + body + suffix;
}

/** The text a cell with number `x` and format `fmt` shows. */
export function formatNumber(x: number, fmt: string | undefined): string {
  if (!Number.isFinite(x)) return String(x);
  const f = (fmt ?? "").trim();
  if (f === "" || /^general$/i.test(f)) return formatGeneral(x);
  const secs = sections(f);
  let section = secs[0] ?? "";
  let v = x;
  let sign = "";
  if (x < 0 && secs.length >= 2) {
    section = secs[1] ?? "";
    v = -x;
  } else if (x === 0 && secs.length >= 3) {
    section = secs[2] ?? "";
  } else if (x < 0) {
    sign = "-";
    v = -x;
  }
  const out = applySection(section, v);
  if (out === undefined) return formatGeneral(x);
  // A value that rounds to zero prints without a minus sign.
  return sign && /[1-9]/.test(out) ? sign + out : out;
}
