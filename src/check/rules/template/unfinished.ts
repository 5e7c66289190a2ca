/**
 * Text a person was meant to finish: the template's fill-in instructions
 * left in the published text (“（按…填写）”, “（此处…）”), sentences that stop
 * where the content should be (“主要原因是。”, “支出决算为万元”), and doubled
 * punctuation (“。。”) where a sentence was cut or pasted.
 */
import type { Rule } from "../../types.ts";
import { distinct, scan } from "./scan.ts";

/** The inside of a bracket, allowing one bracketed phrase within (“（按《…》（文号）填列）”). */
const BODY = "(?:[^（）()\\n]|[（(][^（）()\\n]{0,30}[）)]){0,80}?";
/** Not inside a generator's “【待填写：…】” marker (template/pending-marker reports those). */
const OUTSIDE_MARKER = "(?![^【】\\n]{0,80}】)";
const VERB = "(?:填写|填列|填报|填入|填制|列示|编写|撰写|补充|说明|描述|表述)";
/**
 * Instructions that cannot be anything else: “（按…填写）”, “（根据…填列）”,
 * “（此处…）”, “（请在此说明…）”.
 */
const INSTRUCTION_RE = new RegExp(
  [
    `[（(]\\s*(?:按照?|根据|依据|参照|对照)${BODY}${VERB}\\s*[。.]?\\s*[）)]`,
    `[（(]\\s*此处${BODY}[）)]`,
    `[（(]\\s*请\\s*(?:在此|于此|在本|根据|按照?|填|补充|说明|列明|注明|删除|选择|核实|修改|据实)${BODY}[）)]`,
  ]
    .map((alt) => `(?:${alt})${OUTSIDE_MARKER}`)
    .join("|"),
  "gu",
);
/**
 * Conditional instructions: “（如持平作持平表述）”, “（不涉及的不列）”, “（没有的填无）”.
 * A bracket starting with 如 may also be an example, so these are warnings.
 */
const CONDITIONAL_RE = new RegExp(
  [
    `[（(]\\s*[如若]${BODY}(?:表述|填写|填列|说明|删除|不列|不填|保留|列示|列明|注明|写明)\\s*[。.]?\\s*[）)]`,
    `[（(]\\s*(?:不涉及|没有|无此项)的?${BODY}(?:不列|不填|删除|不写|可不|填无|写无)[^（）()\\n]{0,6}[）)]`,
  ]
    .map((alt) => `(?:${alt})${OUTSIDE_MARKER}`)
    .join("|"),
  "gu",
);

/** “（根据《…批复》（苏财预〔2019〕7号）填列）” states where the figures come from: no instruction. */
const SOURCE_STATED_RE =
  /^[（(]\s*(?:根据|依据).*?(?:《[^》]+》|[〔［[]\d{4}[〕］\]]).*填列\s*[。.]?\s*[）)]$/u;

export const fillInInstruction: Rule = {
  id: "template/fill-in-instruction",
  family: "template",
  severity: "error",
  title: "模板的填写说明未删除",
  description:
    "公开文本中留有模板给编制人员的填写说明，如“（按‘部门预算公开 06 表’中实际发生经济分类支出事项填写）”“（根据…填列）”“（此处…）”“（请在此说明…）”：这些括注是写给填表人的，发布前应按说明填好内容并删除。以“如…”“不涉及的…”开头的条件式括注（“（如持平作持平表述）”“（不涉及的不列）”）也可能是举例，记为警告。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容完整准确、形式规范：模板的填写说明（“按…填写”）须删去并填入内容。",
  confirmation: "practice",
  *check({ doc }) {
    const seen = new Set<string>();
    for (const [re, conditional] of [
      [INSTRUCTION_RE, false],
      [CONDITIONAL_RE, true],
    ] as const) {
      for (const m of distinct(scan(doc, re, { tables: false }))) {
        const key = `${m.location.line}\u0000${m.sentence}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const text = m.text.trim();
        if (SOURCE_STATED_RE.test(text)) continue;
        const where = m.sentence === text ? "说明中" : `“${m.sentence}”中`;
        yield {
          ...(conditional ? { severity: "warning" as const } : {}),
          message: conditional
            ? `${where}的“${text}”像是模板给编制人员的条件式填写说明，请按实际情况改写并删除括注。`
            : `${where}的“${text}”是模板的填写说明，未按说明填写内容并删除。`,
          locations: [m.location],
          expected: "按说明填写后删除括注",
          actual: text,
        };
      }
    }
  },
};

/** A reason, use or content announced and then nothing before the full stop. */
const CUT_SENTENCE_RE =
  /(?:(?:主要)?(?:原因|理由)(?:主要)?(?:是|为|在于|有)|(?:主要)?(?:原因|理由)\s*[：:]|(?:主要)?(?:用于|用途为|用途是|(?<!不)包括))\s*[：:，,]?\s*(?=[。；;])/gu;
/**
 * The amount of a figure left out: “支出决算为万元”, “结余万元，”, “增长%。”;
 * not a unit named (“金额单位为万元”).
 */
const MISSING_FIGURE_RE =
  /(?<!(?:单位|计量|口径|以)\s{0,2})(增加|减少|增长|下降|上升|降低|为|达到?|共计|合计|支出|收入|结余|结转|预算|决算|安排|占|拨款|经费|费)(?:了)?\s*(?:万元|亿元|元|%|％)(?=\s*(?:[，。；、,;）)]|$|比|较|与|同比|增|减|占|其中|主要))/gu;

export const unfinishedSentence: Rule = {
  id: "template/unfinished-sentence",
  family: "template",
  severity: "error",
  title: "句子未写完或金额空缺",
  description:
    "说明中的句子在该写内容的地方结束了：“主要原因是。”“原因：。”“主要用于。”后面什么也没有；或金额、百分比只剩单位，数字空缺，如“支出决算为万元”“年初结转和结余万元，”“增长%。”。这些多是套用模板时漏填，读者无法知道原因、用途或数额。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求说明收支增减变化及原因：“主要原因是”等之后须有内容。",
  confirmation: "practice",
  *check({ doc }) {
    for (const m of distinct(scan(doc, CUT_SENTENCE_RE, { tables: false, headings: false }))) {
      const text = m.text.trim();
      yield {
        message: `“${m.sentence}”在“${text}”之后就结束了，缺少应说明的内容。`,
        locations: [m.location],
        expected: `“${text}”之后写明具体内容`,
        actual: `${text}（空）`,
      };
    }
    for (const m of distinct(scan(doc, MISSING_FIGURE_RE, { tables: false, headings: false }))) {
      const text = m.text.trim();
      const word = m.groups[0] ?? "";
      yield {
        message: `“${m.sentence}”中“${text}”只有单位没有数字，数额空缺。`,
        locations: [m.location],
        expected: `“${word}”后填写数额`,
        actual: text,
      };
    }
  },
};

/**
 * The same mark twice: “。。”, “，，”, “；；”, “、、”, “：：”. Three or more
 * full stops are an ellipsis or a gap (template/empty-field), not a slip.
 */
const DOUBLED_RE = /(?<!。)。\s*。(?!\s*。)|([，；、：])\s*\1/gu;

export const doubledPunctuation: Rule = {
  id: "template/doubled-punctuation",
  family: "template",
  severity: "warning",
  title: "标点重复",
  description:
    "说明中同一个标点连用，如“。。”“，，”“；；”“、、”：多是删改句子或粘贴时留下的，也可能说明两个标点之间原有的内容被删掉了。表格中的文字和省略号（“……”）不检查。",
  basis: "国家标准《标点符号用法》（GB/T 15834—2011）：句末点号不重复使用。",
  confirmation: "practice",
  *check({ doc }) {
    const seen = new Set<string>();
    for (const m of scan(doc, DOUBLED_RE, { tables: false, headings: false })) {
      const text = m.text.replace(/\s+/gu, "");
      // One finding per mark and sentence: “，，” and “；；” in one sentence are two slips.
      const key = `${m.location.line}\u0000${m.sentence}\u0000${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      yield {
        message: `“${m.sentence}”处标点“${text}”重复。`,
        locations: [m.location],
        expected: text.slice(0, 1),
        actual: text,
      };
    }
  },
};
