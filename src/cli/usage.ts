/**
 * Usage errors and help in Chinese. commander finds the error (an unknown
 * command or option, with the closest name when one is near; a missing
 * argument or value; a value our parser rejects) and words it in English;
 * `chineseUsageError` rewords each kind of message it writes, so that every
 * line a user reads is Chinese. `CHINESE_HELP` translates the headings and
 * the default-value notes commander adds to our own descriptions.
 */
import { Help, type HelpConfiguration } from "commander";
import { isWide } from "../model/display-width.ts";

/** `-f, --format <format>` → `-f, --format` */
function flagsOnly(flags: string): string {
  return flags.replace(/\s*[<[].*$/, "");
}

/** commander's "(Did you mean x?)" / "(Did you mean one of x, y?)" → "x 或 y". */
function suggestion(rest: string | undefined): string {
  const m = rest?.match(/\(Did you mean (?:one of )?(.*)\?\)/);
  return m?.[1] ? `；是否要用 ${m[1].split(", ").join(" 或 ")}？` : "";
}

const REWORDINGS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^unknown command '(.*?)'(.*)$/s, (m) => `未知命令：${m[1]}${suggestion(m[2])}`],
  [/^unknown option '(.*?)'(.*)$/s, (m) => `未知选项：${m[1]}${suggestion(m[2])}`],
  [/^missing required argument '(.*)'$/s, (m) => `缺少参数：${m[1]}`],
  [/^option '(.*)' argument missing$/s, (m) => `选项 ${flagsOnly(m[1] ?? "")} 缺少值`],
  [/^required option '(.*)' not specified$/s, (m) => `缺少选项 ${flagsOnly(m[1] ?? "")}`],
  [
    /^option '(.*?)' argument '(.*)' is invalid\. (.*)$/s,
    (m) => `选项 ${flagsOnly(m[1] ?? "")} 的值“${m[2]}”无效：${m[3]}`,
  ],
  [
    /^command-argument value '(.*)' is invalid for argument '(.*?)'\. (.*)$/s,
    (m) => `参数 ${m[2]} 的值“${m[1]}”无效：${m[3]}`,
  ],
  [
    /^too many arguments(?: for '(.*?)')?\. Expected (\d+) arguments? but got (\d+)\.$/s,
    (m) =>
      m[2] === "0"
        ? `${m[1] ?? "gongkai"} 不接受参数（给了 ${m[3]} 个）`
        : `参数过多：${m[1] ?? "gongkai"} 只接受 ${m[2]} 个参数，给了 ${m[3]} 个`,
  ],
];

/** One of commander's error messages ("error: …"), in Chinese, with the "错误：" prefix. */
export function chineseUsageError(message: string): string {
  const text = message.trim().replace(/^error: /, "");
  for (const [pattern, reword] of REWORDINGS) {
    const m = text.match(pattern);
    if (m) return `错误：${reword(m)}\n`;
  }
  return `错误：用法不正确（${text}）\n`;
}

const TITLES: Record<string, string> = {
  "Usage:": "用法：",
  "Arguments:": "参数：",
  "Options:": "选项：",
  "Global Options:": "全局选项：",
  "Commands:": "命令：",
};

const base = new Help();

/** commander's note on a default value, `(default: "text")` → `（默认："text"）`; none for `[]`. */
function chineseNotes(description: string): string {
  return description.replace(/ \(default: (.*)\)$/, (_, value: string) =>
    value === "[]" ? "" : `（默认：${value}）`,
  );
}

/** Columns a string takes on a terminal, where CJK and full-width characters take two. */
function terminalWidth(str: string): number {
  let w = base.displayWidth(str);
  for (const ch of str) if (isWide(ch.codePointAt(0) ?? 0)) w++;
  return w;
}

export const CHINESE_HELP: HelpConfiguration = {
  styleTitle: (title) => TITLES[title] ?? title,
  // Columns line up under Chinese argument names and descriptions.
  displayWidth: terminalWidth,
  optionDescription: (option) => chineseNotes(base.optionDescription(option)),
  argumentDescription: (argument) => chineseNotes(base.argumentDescription(argument)),
};
