/**
 * Document facts (kind, year, entity, parent, level, government) of every
 * corpus PDF and every seed, against values read by hand from each document
 * (its cover and title pages rendered, and `pdftotext -layout`). Tested on
 * the detectors directly, with no table regions, so that the facts come from
 * where the document prints them and not from the segmentation.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { ingestFile } from "../src/ingest/index.ts";
import type { Entity, Kind } from "../src/model/schema.ts";
import {
  canonicalName,
  detectEntity,
  detectKind,
  detectYear,
  documentText,
  isEntityName,
} from "../src/recognize/document.ts";
import { SEEDS_DIR, SHARED } from "./helpers/seeds.ts";

interface Expected {
  kind: Kind;
  year: number;
  name: string;
  parent: string | null;
  level?: Entity["level"];
  government?: Entity["government"];
}

const budget = (year: number, name: string, more: Partial<Expected> = {}): Expected => ({
  kind: "budget",
  year,
  name,
  parent: null,
  level: "department",
  ...more,
});
const final = (year: number, name: string, more: Partial<Expected> = {}): Expected => ({
  ...budget(year, name, more),
  kind: "final",
});

const JS_NPC = "江苏省人大常委会办公厅";
const JS_PARTY = "中共江苏省委办公厅";
const JS_CPPCC = "江苏省政协办公厅";
const JS_PROCURATORATE = "江苏省人民检察院";
const PROVINCE = { government: "province" } as const;
const COUNTY = { government: "county" } as const;
const PT_FINANCE = "上海市普陀区财政局";
const PT_COMMERCE = "上海市普陀区商务委员会";
const PT_WANLI = "上海市普陀区人民政府万里街道办事处";
const SWU = { parent: "教育部", government: "central" } as const;

/** Keyed by the path under shared/. */
const EXPECTED: Record<string, Expected> = {
  // Jiangsu provincial departments. The party office prints three names for itself
  // (江苏省委办公厅 on covers, 中国共产党江苏省委员会办公厅 and 中共江苏省委办公厅 after
  // 部门：): one canonical form.
  "corpus/jiangsu/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf": budget(
    2017,
    JS_NPC,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省人大办公厅/江苏省人大常委会2019年度部门预算公开.pdf": budget(
    2019,
    JS_NPC,
    PROVINCE,
  ),
  // Tables only: the year from the table titles ("2019年政府采购预算表"), the name after 部门：.
  "corpus/jiangsu/江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf": budget(
    2019,
    JS_NPC,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省人民检察院/2017年省检察院部门预算.pdf": budget(
    2017,
    JS_PROCURATORATE,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省人民检察院/2019年度部门预算公开.pdf": budget(
    2019,
    JS_PROCURATORATE,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf": budget(
    2017,
    JS_PARTY,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf": budget(
    2017,
    JS_PARTY,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开文件.pdf": budget(
    2018,
    JS_PARTY,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf": budget(
    2018,
    JS_PARTY,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省政协办公厅/2017年度部门预算公开表.pdf": budget(2017, JS_CPPCC, PROVINCE),
  "corpus/jiangsu/江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf": budget(
    2017,
    JS_CPPCC,
    PROVINCE,
  ),
  // The cover is an image: year and name from the part titles and the narrative.
  "corpus/jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年度部门预算.pdf": budget(
    2019,
    JS_CPPCC,
    PROVINCE,
  ),
  "corpus/jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年预算公开表.pdf": budget(
    2019,
    JS_CPPCC,
    PROVINCE,
  ),
  // "2018年度江苏省高级 / 人民法院预算公开": the name inside the title.
  "corpus/jiangsu/江苏省高级人民法院/省法院2018年度部门预算公开.pdf": budget(
    2018,
    "江苏省高级人民法院",
    PROVINCE,
  ),
  // Putuo district budgets: "上海市普陀区2025年区级部门预算" over "预算主管部门：…" on the cover.
  "corpus/shanghai-putuo-budgets/上海市普陀区人民政府万里街道办事处2023年部门预算.pdf": budget(
    2023,
    PT_WANLI,
    { government: "township" },
  ),
  "corpus/shanghai-putuo-budgets/上海市普陀区人民政府万里街道办事处2024年部门预算.pdf": budget(
    2024,
    PT_WANLI,
    { government: "township" },
  ),
  "corpus/shanghai-putuo-budgets/上海市普陀区商务委员会2025年部门预算.pdf": budget(
    2025,
    PT_COMMERCE,
    COUNTY,
  ),
  "corpus/shanghai-putuo-budgets/上海市普陀区商务委员会2025年单位预算.pdf": budget(
    2025,
    PT_COMMERCE,
    {
      level: "unit",
      ...COUNTY,
    },
  ),
  "corpus/shanghai-putuo-budgets/上海市普陀区社会福利院2024年单位预算.pdf": budget(
    2024,
    "上海市普陀区社会福利院",
    { level: "unit", ...COUNTY },
  ),
  "corpus/shanghai-putuo-budgets/上海市普陀区财政局2025年部门预算.pdf": budget(
    2025,
    PT_FINANCE,
    COUNTY,
  ),
  // Putuo final accounts.
  "corpus/shanghai-putuo/24年普陀区财政局（测试问题版本）.pdf": final(2024, PT_FINANCE, COUNTY),
  "corpus/shanghai-putuo/上海市普陀区财政局2024年度部门决算.pdf": final(2024, PT_FINANCE, COUNTY),
  "corpus/shanghai-putuo/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf": final(
    2024,
    "上海市普陀区规划和自然资源局",
    COUNTY,
  ),
  "corpus/shanghai-putuo/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf": final(
    2024,
    "中共上海市普陀区委社会工作部",
    COUNTY,
  ),
  // The blank template ("上海市 XX 局 2024 年度部门决算") names no body.
  "corpus/shanghai-putuo/附件2：部门决算模板.pdf": {
    kind: "final",
    year: 2024,
    name: "",
    parent: null,
  },
  // 教育部直属: the narrative says so, the 绩效目标表 print "主管部门及代码 教育部 105".
  "corpus/southwest-university/西南大学2021年度部门预算.pdf": budget(2021, "西南大学", SWU),
  "corpus/southwest-university/西南大学2023年度部门预算.pdf": budget(2023, "西南大学", SWU),
  // "单位名称：" printed empty on its tables.
  "corpus/southwest-university/西南大学2023年度部门决算.pdf": final(2023, "西南大学", SWU),
  // Seeds.
  "seeds/000_451c231ef299bff3.txt": budget(2025, "曾都区医疗保障信息中心", {
    parent: "曾都区医疗保障局",
    ...COUNTY,
  }),
  "seeds/001_3ef43c7689782125.txt": budget(2024, "西安市碑林区医疗保险经办中心", {
    parent: "西安市碑林区医疗保障局",
    level: "unit",
    ...COUNTY,
  }),
  // Title "曾都区医疗保障服务中心 2022 年度部门决算"; its tables print the full name after 部门：.
  "seeds/002_2ab87d748f3e6997.txt": final(2022, "随州市曾都区医疗保障服务中心", {
    parent: "曾都区医疗保障局",
    ...COUNTY,
  }),
  // Tables only: the kind from the table titles (收入支出决算表), the year from 2023年度…表.
  "seeds/003_918f25c38c78e23d.txt": final(2023, "曲靖市沾益区医疗保障局", COUNTY),
  // No cover: name and year from the headings and the narrative.
  "seeds/004_6e0e03e1aecf682d.txt": budget(2025, "西宁市城东区医疗保障局", COUNTY),
};

function pdfsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".pdf"))
    .map((e) => join(e.parentPath, e.name));
}

const documents = [
  ...pdfsUnder(join(SHARED, "corpus")),
  ...readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => join(SEEDS_DIR, f)),
]
  .map((p) => relative(SHARED, p))
  .sort();

describe("document facts of every corpus PDF and seed", () => {
  it("finds documents, and every expected document exists", () => {
    assert.ok(documents.length > 0);
    const stale = Object.keys(EXPECTED).filter((k) => !documents.includes(k));
    assert.deepEqual(stale, [], "期望值表中的文档已不存在，请删除对应条目");
  });
  for (const doc of documents) {
    it(doc, async () => {
      const want = EXPECTED[doc];
      assert.ok(
        want,
        `${doc} 不在期望值表中：新加入语料的文档须先阅读原文，确定类型、年度、主体、主管部门、层级后登记`,
      );
      const lines = documentText((await ingestFile(join(SHARED, doc))).blocks);
      const kind = detectKind(lines, []);
      const year = detectYear(lines, kind);
      const entity = detectEntity(lines, kind, year) ?? { name: "", parent: null };
      assert.deepEqual(
        {
          kind,
          year,
          name: entity.name,
          parent: entity.parent,
          level: entity.level,
          government: entity.government,
        },
        {
          kind: want.kind,
          year: want.year,
          name: want.name,
          parent: want.parent,
          level: want.level,
          government: want.government,
        },
      );
    });
  }
});

describe("document facts from where they are printed", () => {
  const facts = (lines: string[]) => {
    const kind = detectKind(lines, []);
    const year = detectYear(lines, kind);
    return { kind, year, entity: detectEntity(lines, kind, year) };
  };

  it("the title's year wins over years the narrative compares with", () => {
    const f = facts([
      "上海市普陀区2025年区级部门预算",
      "预算主管部门：上海市普陀区财政局",
      "目 录",
      ...Array.from({ length: 5 }, () => "2025年收入预算比2024年预算增加100万元。"),
      ...Array.from({ length: 5 }, () => "2024年预算执行情况"),
    ]);
    assert.equal(f.year, 2025);
    assert.equal(f.entity?.name, "上海市普陀区财政局");
  });

  it("without a cover, table titles give the year before the text does", () => {
    const f = facts([
      "收支预算总表",
      "部门：江苏省政协办公厅 单位：万元",
      "2017年政府采购预算表",
      "与2016年预算相比增加，2016年预算执行良好，2016年预算",
    ]);
    assert.deepEqual([f.kind, f.year], ["budget", 2017]);
  });

  it("never a fragment of a sentence as the entity or the parent", () => {
    const f = facts([
      "2025年区级部门预算",
      "（一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款。",
      "其他支出 2025年预算",
      "单位名称：",
    ]);
    assert.equal(f.entity, undefined);
    for (const s of ["年区级部", "是区级预算主管部门及所属预算单位本年度从本级财政部", "其他支出"])
      assert.equal(isEntityName(s), false, s);
  });

  it("an empty label gives nothing; the parent only from an explicit statement", () => {
    const f = facts([
      "沭阳县教育局",
      "2024年部门预算",
      "单位名称：                 单位：万元",
      "沭阳县教育局为沭阳县人民政府所属事业单位。",
    ]);
    assert.equal(f.entity?.name, "沭阳县教育局");
    assert.equal(f.entity?.parent, "沭阳县人民政府");
  });

  it("levels of government from the place a name starts with", () => {
    const gov = (name: string) => facts([name, "2024年度部门决算"]).entity?.government;
    assert.equal(gov("上海市财政局"), "city");
    assert.equal(gov("上海市普陀区财政局"), "county");
    assert.equal(gov("广西壮族自治区财政厅"), "province");
    assert.equal(gov("江苏省住房和城乡建设厅"), "province");
    assert.equal(gov("北京市海淀区东升镇人民政府"), "township");
    assert.equal(gov("教育部"), "central");
  });

  it("one name for a party body", () => {
    assert.equal(canonicalName("中国共产党江苏省委员会办公厅"), "中共江苏省委办公厅");
    assert.equal(canonicalName("江苏省委办公厅"), "中共江苏省委办公厅");
    assert.equal(canonicalName("江苏省人大常委会办公厅"), "江苏省人大常委会办公厅");
  });
});
