/**
 * Universities under a central ministry publish the ministry's four-table set
 * (收支总表, 收入表, 支出表, 财政拨款支出表), not the eight tables of a
 * department: they are public institutions without 机关运行经费 or a 三公
 * table of their own in that set.
 */
import type { DisclosureProfile } from "./types.ts";

export const CENTRAL_UNIVERSITY_PROFILE: DisclosureProfile = {
  id: "central_university",
  option: "central-university",
  name: "中央部门所属高校表样",
  basis: "教育部直属高校部门预算、决算公开表样（4 张表）",
  tables: {
    budget: [
      { id: "summary", title: "收支预算总表" },
      { id: "income", title: "收入预算表" },
      { id: "expenditure", title: "支出预算表" },
      { id: "fiscal_function", title: "财政拨款支出预算表" },
    ],
    final: [
      { id: "summary", title: "收支决算总表" },
      { id: "income", title: "收入决算表" },
      { id: "expenditure", title: "支出决算表" },
      { id: "fiscal_function", title: "财政拨款支出决算表" },
    ],
  },
};
