/**
 * How a figure is written: a share or a growth rate needs its “%”
 * (“占76.23”, “增长 13.95。” leave the reader guessing).
 */
import type { Rule } from "../../types.ts";
import { distinct, scan } from "../template/scan.ts";

/** A share or rate word, then a bare number ending the clause. */
const BARE_RATE_RE =
  // "占地约8,347亩" is an area, not a share: 占地/占用 open no rate, and a
  // thousands separator continues the number instead of ending it.
  /(?:占(?![地用])[^，,。；;%％\d万元]{0,20}?|增长率?为?|下降|增幅为?|降幅为?|完成[^，,。；;%％\d]{0,10}?的)\s*(\d+(?:\.\d+)?)\s*(?=[，。；;）)]|,(?!\d)|$)/gmu;

export const percentSign: Rule = {
  id: "text/percent-sign",
  family: "text",
  severity: "warning",
  title: "占比、增长率带“%”",
  description:
    "占比、增长（下降）率和完成率应写明“%”。“占76.23”“增长 13.95。”少了百分号，读者无法确定数字的含义，也无法复算。",
  basis:
    "国家标准《出版物上数字用法》（GB/T 15835—2011）：百分数须带“%”；财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求形式规范。",
  confirmation: "practice",
  *check({ doc }) {
    for (const m of distinct(scan(doc, BARE_RATE_RE, { headings: false, tables: false }))) {
      const number = m.groups[0] ?? "";
      yield {
        message: `说明称“${m.sentence}”，其中“${m.text.trim()}”缺少百分号。`,
        locations: [m.location],
        expected: `${number}%`,
        actual: number,
      };
    }
  },
};
