/**
 * Template text left in a published document: alternatives not chosen
 * (“增长（下降）”), placeholders (“XX 万元”, “××局”), empty form fields
 * (“填报日期： 年 月 日”), Word field codes, and the generator's
 * “【待填写：…】” markers for text a person must still write.
 */
import type { Rule } from "../../types.ts";
import { distinct, scan } from "./scan.ts";

const DIRECTION = "增加|减少|增长|下降|上升|降低|增|减|大于|小于|高于|低于|多于|少于";
const CHOICE_RE = new RegExp(
  `(?:${DIRECTION})\\s*[（(]\\s*(?:${DIRECTION})\\s*[）)]|(?:${DIRECTION})\\s*[/／]\\s*(?:${DIRECTION})(?![\\u4e00-\\u9fa5]{0,2}[率额])`,
  "gu",
);

export const unfilledChoice: Rule = {
  id: "template/unfilled-choice",
  family: "template",
  severity: "warning",
  title: "模板的增减选项未取舍",
  description:
    "说明中保留了模板给出的两个选项，如“增长（下降）”“增加（减少）”“增（减）”“大于（小于）”，读者无法知道实际是增还是减。应按实际数字只保留一个词；没有变化时写“持平”或“无增减”。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容准确、形式规范：模板的待选项（如“增加（减少）”）须选定。",
  confirmation: "practice",
  *check({ doc }) {
    for (const m of distinct(scan(doc, CHOICE_RE, { tables: false }))) {
      yield {
        message: `说明称“${m.sentence}”，其中“${m.text}”是模板的待选用语，未按实际情况取舍。`,
        locations: [m.location],
        expected: "只保留与数字相符的一个词",
        actual: m.text,
      };
    }
  },
};

/**
 * Placeholders: runs of X / × / ○ standing for a name or figure, 某某,
 * braces, “待填”“请填写”, TODO, a year missing its last digit (“202 年度”).
 * A lone X counts only right before a unit (“X 万元”).
 */
const PLACEHOLDER_RE =
  /[XxＸｘ×]{2,}|(?<![A-Za-z])[XxＸ×]\s*(?=万元|元|%|％|个|人|辆|项)|某某|○{2,}|[{｛][^}｝\n]{0,12}[}｝]|(?<!【\s*)(?:待填写?|请填写|请填入)(?![^【\n]{0,40}】)|\bTODO\b|(?<![\d.])20[0-3](?=\s*年)/gu;

export const placeholder: Rule = {
  id: "template/placeholder",
  family: "template",
  severity: "error",
  title: "占位符未替换",
  description:
    "模板中的占位符没有换成实际内容：“XX 万元”“××局”“某某”“{单位}”“待填”“请填写”“TODO”，或少了一位的年份“202 年度”。公开文本中的占位符意味着该处数字或名称缺失。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容完整准确：模板占位符（XX、××）须填写。",
  confirmation: "practice",
  *check({ doc }) {
    for (const m of distinct(scan(doc, PLACEHOLDER_RE))) {
      yield {
        message: `${m.inHeading ? "标题" : "说明"}“${m.sentence}”中的“${m.text.trim()}”是未替换的占位符。`,
        locations: [m.location],
        expected: "实际内容",
        actual: m.text.trim(),
      };
    }
  },
};

/** “年 月 日” without digits, an empty 填报 field, an ellipsis where the content should be. */
const EMPTY_FIELD_RE =
  /(?<![\d\s])\s*年\s+月\s+日|(?:填报|编制|报送)(?:单位|部门|人|日期)\s*[：:]\s*(?=$|\n|[　\s]*(?:单位|填报|编制|金额|日期|联系))|(?<=[\u4e00-\u9fa5：:])(?:…{2,}|\.{6,}|。{3,})(?=\s*(?:[。；;]|$))/gmu;
/** A section that says its form is deliberately empty. */
const DECLARED_EMPTY_RE = /为空|空表|无此项|不涉及/u;

export const emptyField: Rule = {
  id: "template/empty-field",
  family: "template",
  severity: "warning",
  title: "表单栏目或正文内容空缺",
  description:
    "公开文本中留有空白的填报栏目或省略号：“填报日期： 年 月 日”没有日期、“填报单位：”后为空、正文以“……”代替内容。本节已说明该表依规为空的不报告。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容完整准确：模板的空白须填写。",
  confirmation: "practice",
  *check({ doc }) {
    for (const m of distinct(scan(doc, EMPTY_FIELD_RE, { headings: false }))) {
      if (m.section && DECLARED_EMPTY_RE.test(m.section.text)) continue;
      if (m.table?.empty) continue;
      yield {
        message: `“${m.sentence}”中“${m.text.trim() || m.text}”处内容空缺，像是未填写的模板栏目。`,
        locations: [m.location],
        expected: "填写实际内容",
        actual: m.text.trim(),
      };
    }
  },
};

const MARKER_RE = /【\s*待(?:填写|补充|完善)\s*[：:]?\s*([^】]*)】/gu;

export const pendingMarker: Rule = {
  id: "template/pending-marker",
  family: "template",
  severity: "warning",
  title: "待填写的说明",
  description:
    "生成公开文本时留下的“【待填写：…】”标记：这些文字（如增减原因、项目用途、职责概况）只能由编制人员根据实际情况撰写，发布前必须补上并删除标记。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求说明收支增减变化原因、机关运行经费等事项：待补标记处即尚缺的内容。",
  confirmation: "practice",
  *check({ doc }) {
    for (const m of scan(doc, MARKER_RE)) {
      const what = (m.groups[0] ?? "").trim() || "说明内容";
      yield {
        message: `“${m.section?.heading ?? m.sentence}”中尚有待填写的内容：需要写明${what}。`,
        locations: [m.location],
        expected: what,
        actual: m.text,
      };
    }
  },
};

const FIELD_CODE_RE =
  /PAGEREF\s*_?Toc\d*(?:\s*\\?h)?|HYPERLINK\s+\\l\s*"?_?Toc\d*"?|TOC\s+\\[ohzu][^\n]{0,20}|MERGEFORMAT|_Toc\d{5,}|<!\[endif\]>|<!--\[if[^\]]*\]>/gu;

export const fieldCode: Rule = {
  id: "template/field-code",
  family: "template",
  severity: "warning",
  title: "残留 Word 域代码或网页标记",
  description:
    "目录或正文中出现 Word 域代码（“PAGEREF _Toc25831 h”“HYPERLINK \\l”“MERGEFORMAT”）或网页转换残留（“<![endif]>”），说明文档由模板转换时域没有更新为文字。",
  basis:
    "财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求形式规范：文字处理软件的域代码不应出现在公开文本中。",
  confirmation: "practice",
  *check({ doc }) {
    for (const m of distinct(scan(doc, FIELD_CODE_RE))) {
      yield {
        message: `“${m.sentence}”中残留了域代码或转换标记“${m.text.trim()}”。`,
        locations: [m.location],
        expected: "纯文字",
        actual: m.text.trim(),
      };
    }
  },
};
