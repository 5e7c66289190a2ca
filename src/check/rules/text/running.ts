/**
 * 机关运行经费 as the narrative states it, against the 公用经费 of the basic
 * spending table: 机关运行经费 is the 公用经费 of administrative units, so
 * it cannot exceed the table's 公用经费.
 */
import { convertAmount } from "../../../model/money.ts";
import type { Rule } from "../../types.ts";
import {
  type CellRef,
  cellName,
  cellsForSubject,
  cellValue,
  locations,
  stated,
  statedDecimals,
  stepOf,
} from "./support.ts";

export const runningCostWithinPublic: Rule = {
  id: "text/running-cost-within-public",
  family: "text",
  severity: "warning",
  title: "机关运行经费不超过公用经费",
  description:
    "说明中的机关运行经费（行政单位和参照公务员法管理的事业单位用一般公共预算安排的基本支出中的公用经费）不应超过一般公共预算基本支出表的公用经费合计；部门下属全部为行政或参公单位时两者应大致相等。只在说明数超过表格数（超出舍入误差）时提示核对。",
  basis:
    "不等式：机关运行经费 ≤ 一般公共预算基本支出中的公用经费（部门预决算名词解释：机关运行经费为行政单位和参照公务员法管理的事业单位用一般公共预算财政拨款安排的基本支出中的公用经费）。",
  confirmation: "unconfirmed",
  *check({ doc }) {
    for (const c of doc.claims) {
      if (c.subject.kind !== "running_cost" || c.amount === undefined || !c.unit) continue;
      const refs = cellsForSubject(doc, {
        kind: "public",
        key: "public_total",
        label: "公用经费",
      }).filter((r) => r.printed && r.table.id === "gpb_basic_economic");
      const ref: CellRef | undefined = refs[0];
      if (!ref) continue;
      const table = convertAmount(ref.amount, ref.table.unit, c.unit).value;
      const step = stepOf(statedDecimals(c.quote, c.amount));
      if (c.amount - table <= step) continue;
      yield {
        message: `说明称“${c.quote}”，机关运行经费 ${stated(c.amount, c.unit)} 超过了${cellName(ref)} ${cellValue(ref)}。`,
        locations: locations(c, ref),
        expected: `不超过 ${cellValue(ref)}`,
        actual: stated(c.amount, c.unit),
      };
    }
  },
};
