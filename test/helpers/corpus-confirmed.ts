/**
 * What reading the corpus documents by hand confirmed: each error the checker
 * reports there, with what is wrong in the published document, and the
 * documents with none. test/corpus-check.test.ts holds the checker to it, and
 * `npm run bench` measures each rule's precision against it.
 */
/**
 * Confirmed errors by document: `rule@line`, each with what is wrong in the
 * published document. Lines are the extraction's running line numbers.
 */
export const CONFIRMED: Record<string, Record<string, string>> = {
  "shanghai-putuo/24年普陀区财政局（测试问题版本）.pdf": {
    "template/placeholder@92": "injected: 第二部分 heading names 上海市普陀区XX局",
    "complete/required-tables@10":
      "injected: the 支出决算表 (公开03) is left out; only the contents list (line 10) names it",
    "template/heading-year@278": "injected: 第三部分 heading says 2023年度 in the 2024 accounts",
    "text/amount-matches-table@280": "injected: 收入支出总计 0 万元 against 2995.39 in 公开01",
    "text/growth-rate@280": "follows from the injected 0: 减少 56.95 is not 1.87% of it",
    "text/completion-rate@315": "injected: 决算数大于预算数 where 1511.89 < 1560.05",
    "text/completion-rate@344": "injected: 决算数大于预算数 where 80.38 < 80.81",
    "text/completion-rate@352": "injected: 决算数等于预算数 where 60.99 ≠ 62.29",
    "text/reporting-date@419": "injected: 截至 2023年12月31日 in the 2024 accounts",
  },
  "shanghai-putuo/上海市普陀区财政局2024年度部门决算.pdf": {
    "text/amount-matches-table@307":
      "published: 财政拨款收入支出总计 0.3 万元 against 2961.68 in 公开04",
  },
  "shanghai-putuo/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf": {
    "text/amount-matches-table@418":
      "published: 人员经费 4896.98 万元 against 人员经费合计 4884.09 in 公开06",
  },
  "shanghai-putuo/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf": {
    "text/zero-base-growth@264": "a department set up in 2024: 增长 100% from a zero base",
    "text/zero-base-growth@275": "the same for 财政拨款收入支出总计",
    "text/zero-base-growth@279": "the same for 一般公共预算财政拨款支出",
    "text/zero-base-growth@357": "the same for 机关运行经费",
  },
  "jiangsu/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf": {
    "text/share-ratio@458": "shares “of 三公经费” computed over 三公 + 会议费 + 培训费 (2542.60)",
    "text/share-ratio@460": "the same, 公务用车 7.22%",
    "text/share-ratio@461": "the same, 公务接待 16.81%",
  },
  "jiangsu/江苏省人民检察院/2017年省检察院部门预算.pdf": {
    "text/amount-matches-table@438": "基本支出 12323.46 万元 against 12323.48 in the 支出预算总表",
    "text/growth-rate@514": "机关运行经费: 3401.59 / 2630.96 is 129.29%, not 129.97%",
  },
  "jiangsu/江苏省人民检察院/2019年度部门预算公开.pdf": {
    "text/growth-rate@548":
      "项目支出 减少 1237.7 of 5573 is 22.21%; 13.22% is copied from the sentence before",
  },
  "shanghai-putuo-budgets/上海市普陀区人民政府万里街道办事处2023年部门预算.pdf": {
    "text/direction-matches-numbers@63":
      "published: 政府性基金拨款支出预算 0 万元 “比 2022 年预算增加 1421.25 万元”, the 一般公共预算 sentence's increase copied",
  },
  "shanghai-putuo-budgets/上海市普陀区社会福利院2024年单位预算.pdf": {
    "code/name-mismatch@176":
      "published: 302 items numbered 01–13 in order of the page, not by the catalog: 30202 printed for 咨询费 (30203)",
    "code/name-mismatch@177": "the same numbering: 30203 printed for 水费 (30205)",
    "code/name-mismatch@178": "the same numbering: 30204 printed for 电费 (30206)",
    "code/name-mismatch@179": "the same numbering: 30205 printed for 邮电费 (30207)",
    "code/name-mismatch@181": "the same numbering: 30207 printed for 工会经费 (30228)",
    "code/name-mismatch@182": "the same numbering: 30208 printed for 福利费 (30229)",
    "code/unknown@184": "the same numbering: 30210 车辆运行费 is no 2024 经济分类 款",
    "code/name-mismatch@187": "the same numbering: 30213 printed for 其他商品和服务支出 (30299)",
    "code/name-mismatch@189":
      "303 named 离退休人员经费 and 退休费 printed as 30301 (离休费); 退休费 is 30302",
    "text/subject-path-names@58":
      "published (p6): “医疗卫生与计划生育支出（类）” in 2024 — the 类 210 is named 卫生健康支出 since 2019 (the 收支总表 keeps the old name too)",
    "template/unfinished-sentence@201":
      "published (p16): 公务用车购置及运行费 6.40 万元 “与2023年预算持平，主要原因是。” — the reason left blank",
  },
  "jiangsu/江苏省人大办公厅/江苏省人大常委会2019年度部门预算公开.pdf": {
    "template/unfinished-sentence@286":
      "published (p16): “2019年政府性基金支出预算支出万元。” — the figure is missing before 万元",
    "text/subject-path-names@225":
      "published (p13): “行政事业单位离退休（类）” — 行政事业单位离退休 is the 款 20805; the 类 is 社会保障和就业支出",
    "text/subject-path-names@228": "the same “行政事业单位离退休（类）” (基本养老保险缴费)",
    "text/subject-path-names@231": "the same “行政事业单位离退休（类）” (职业年金缴费)",
    "text/subject-path-names@234":
      "published (p13): “住房改革支出（类）” — 住房改革支出 is the 款 22102; the 类 is 住房保障支出",
    "text/subject-path-names@237": "the same “住房改革支出（类）” (提租补贴)",
  },
  "jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年度部门预算.pdf": {
    "template/fill-in-instruction@272":
      "published (p14, 六、财政拨款基本支出): the template's instruction “（按‘部门预算公开 06 表 财政拨款基本支出预算表’中实际发生经济分类支出事项填写）” left after both 人员经费 and 公用经费",
    "template/fill-in-instruction@294":
      "published (p15, 八、一般公共预算基本支出): the same instruction (“…公开 08 表…事项填写）”) left after both paragraphs",
  },
  "southwest-university/西南大学2021年度部门预算.pdf": {
    "text/amount-matches-table@177":
      "published: 使用非财政拨款结余 18,953.73 万元 against 18,953.78 in the 收支预算总表 (and in the next paragraph)",
  },
  "southwest-university/西南大学2023年度部门预算.pdf": {
    "arith/function-subtotals@124":
      "published: 20502 普通教育 合计 520,603.91 against Σ项 520,603.41 in the 收入预算表 (p8)",
    "arith/income-columns@125":
      "published: 2050202 小学教育 合计 9,645.51 against 14.33 + 8,201.15 + 0.50 + 1,430.03 = 9,646.01",
  },
  "shanghai-putuo-budgets/上海市普陀区财政局2025年部门预算.pdf": {
    "text/amount-matches-table@87":
      "published (p7): “…机关事业单位职业年金缴费支出（项）”887.36万元” against 873,617.00 元 (87.36 万元) in the 功能分类 table (p15) and 30109 职业年金缴费 (p17)",
  },
  "jiangsu/江苏省高级人民法院/省法院2018年度部门预算公开.pdf": {
    "text/growth-rate@499": "一般行政管理事务: 392.92 / 6442.89 is 6.10%, not 5.95%",
    "text/zero-base-growth@516": "增长 100% from a zero base (养老保险缴费, new in 2018)",
    "text/zero-base-growth@519": "增长 100% from a zero base (职业年金缴费)",
  },
};

/**
 * Documents read and found to have no error (for the checker as it was when
 * they were looked at). With CONFIRMED and TEMPLATE, the documents whose
 * expectations are known; any other document in the corpus needs review.
 */
export const NO_ERRORS: readonly string[] = [
  "jiangsu/江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf",
  "jiangsu/江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf",
  "jiangsu/江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf",
  "jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开文件.pdf",
  "jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf",
  "jiangsu/江苏省政协办公厅/2017年度部门预算公开表.pdf",
  "jiangsu/江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf",
  "jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年预算公开表.pdf",
  "shanghai-putuo-budgets/上海市普陀区人民政府万里街道办事处2024年部门预算.pdf",
  "shanghai-putuo-budgets/上海市普陀区商务委员会2025年单位预算.pdf",
  "shanghai-putuo-budgets/上海市普陀区商务委员会2025年部门预算.pdf",
  "shanghai-templates/区级单位预算公开模板2026.xls",
  "shanghai-templates/区级单位预算公开模板2026.xlsx",
  "shanghai-templates/区级部门预算公开模板2026.xlsx",
  "southwest-university/西南大学2023年度部门决算.pdf",
];

export const TEMPLATE = "shanghai-putuo/附件2：部门决算模板.pdf";
