import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { scanPairs } from "../scripts/catalog/scan-pairs.ts";
import {
  CATALOG_YEARS,
  CatalogError,
  type CatalogKind,
  childrenOf,
  entriesFor,
  findByName,
  history,
  loadCatalogFile,
  lookup,
  normalizeName,
  parentChain,
  parseCatalogCsv,
} from "../src/catalog/index.ts";
import { SEEDS_DIR } from "./helpers/seeds.ts";

const KINDS: CatalogKind[] = ["func", "econ_dept", "econ_gov"];
const YEARS = Array.from(
  { length: CATALOG_YEARS.to - CATALOG_YEARS.from + 1 },
  (_, i) => CATALOG_YEARS.from + i,
);

describe("catalog lookups", () => {
  it("dates the 20805 rename (离退休 → 养老支出, 2020)", () => {
    assert.equal(lookup("20805", 2019)?.name, "行政事业单位离退休");
    assert.equal(lookup("20805", 2020)?.name, "行政事业单位养老支出");
    assert.deepEqual(
      history("20805").map((e) => [e.name, e.from, e.to]),
      [
        ["行政事业单位离退休", 2017, 2019],
        ["行政事业单位养老支出", 2020, null],
      ],
    );
  });

  it("dates the 2019 renames of 类 207/210/215/220", () => {
    assert.equal(lookup("210", 2018)?.name, "医疗卫生与计划生育支出");
    assert.equal(lookup("210", 2019)?.name, "卫生健康支出");
    assert.equal(lookup("207", 2018)?.name, "文化体育与传媒支出");
    assert.equal(lookup("207", 2019)?.name, "文化旅游体育与传媒支出");
    assert.equal(lookup("215", 2019)?.name, "资源勘探工业信息等支出");
    assert.equal(lookup("220", 2017)?.name, "国土海洋气象等支出");
    assert.equal(lookup("220", 2024)?.name, "自然资源海洋气象等支出");
  });

  it("knows the 2017 部门经济分类 differences", () => {
    assert.equal(lookup("30311", 2017)?.name, "住房公积金");
    assert.equal(lookup("30311", 2017)?.parent, "303");
    assert.equal(lookup("30312", 2017)?.name, "提租补贴");
    assert.equal(lookup("30113", 2017), undefined);
    assert.equal(lookup("30113", 2018)?.name, "住房公积金");
    assert.equal(lookup("30311", 2018)?.name, "代缴社会保险费");
    assert.equal(lookup("310", 2017)?.name, "其他资本性支出");
    assert.equal(lookup("310", 2018)?.name, "资本性支出");
    assert.equal(lookup("30307", 2017)?.name, "医疗费");
    assert.equal(lookup("30307", 2024)?.name, "医疗费补助");
  });

  it("infers the kind from the code and accepts an explicit kind", () => {
    assert.equal(lookup("301", 2024)?.kind, "econ_dept");
    assert.equal(lookup("50101", 2024)?.kind, "econ_gov");
    assert.equal(lookup("50101", 2024)?.name, "工资奖金津补贴");
    assert.equal(lookup("2101550", 2024)?.kind, "func");
    assert.equal(lookup("229", 2024, "func")?.name, "其他支出");
    assert.equal(lookup("301", 2024, "func"), undefined);
    // 政府预算支出经济分类 starts with the 2018 reform.
    assert.equal(lookup("50101", 2017), undefined);
  });

  it("accepts printed codes with spaces and clamps years outside 2017–2025", () => {
    assert.equal(lookup("210 15 50", 2024)?.name, "事业运行");
    assert.equal(lookup("20805", 2026)?.name, "行政事业单位养老支出");
    assert.equal(lookup("210", 2015)?.name, "医疗卫生与计划生育支出");
    assert.equal(lookup("9999999", 2024), undefined);
  });
});

describe("findByName", () => {
  it("matches exact names in the year", () => {
    const hits = findByName("卫生健康支出", 2024, { level: 1 });
    assert.deepEqual(
      hits.map((e) => e.code),
      ["210"],
    );
    assert.deepEqual(findByName("卫生健康支出", 2018, { level: 1 }), []);
    assert.equal(findByName("医疗卫生与计划生育支出", 2018)[0]?.code, "210");
  });

  it("ignores ordinals, brackets, spaces and a （类） suffix", () => {
    assert.equal(findByName("九、卫生健康支出", 2023)[0]?.code, "210");
    assert.equal(findByName("（一）社会保障和就业支出（类）", 2023)[0]?.code, "208");
    assert.equal(findByName("1、住房保障支出", 2023)[0]?.code, "221");
    assert.equal(findByName("政府办公厅(室)及相关机构事务", 2025)[0]?.code, "20103");
    assert.equal(findByName("因公出国(境)费用", 2024, { kind: "econ_dept" })[0]?.code, "30212");
    assert.equal(findByName("医疗保障 管理事务", 2024)[0]?.code, "21015");
  });

  it("narrows shared names by kind, level and parent", () => {
    const all = findByName("行政运行", 2024);
    assert.ok(all.length > 20);
    assert.ok(all.every((e) => e.level === 3 && e.name === "行政运行"));
    const med = findByName("事业运行", 2024, { parent: "21015" });
    assert.deepEqual(
      med.map((e) => e.code),
      ["2101550"],
    );
    assert.deepEqual(
      findByName("住房公积金", 2024, { kind: "econ_dept" }).map((e) => e.code),
      ["30113"],
    );
    assert.deepEqual(
      findByName("住房公积金", 2017, { kind: "econ_dept" }).map((e) => e.code),
      ["30311"],
    );
    assert.deepEqual(
      findByName("住房公积金", 2024, { kind: "func", level: 3 }).map((e) => e.code),
      ["2210201"],
    );
  });

  it("normalizeName folds printed variants", () => {
    assert.equal(normalizeName(" 一、 一般公共服务支出 （类）"), "一般公共服务支出");
    assert.equal(normalizeName("维修（护）费"), normalizeName("维修(护)费"));
    assert.equal(normalizeName("二十三、其他支出"), "其他支出");
    // An ordinal-looking start that is part of the name stays.
    assert.equal(normalizeName("一般行政管理事务"), "一般行政管理事务");
  });
});

describe("hierarchy", () => {
  it("parentChain walks up nearest first", () => {
    assert.deepEqual(
      parentChain("2101550", 2024).map((e) => [e.code, e.name]),
      [
        ["21015", "医疗保障管理事务"],
        ["210", "卫生健康支出"],
      ],
    );
    assert.deepEqual(
      parentChain("2080505", 2019).map((e) => e.name),
      ["行政事业单位离退休", "社会保障和就业支出"],
    );
    assert.deepEqual(
      parentChain("30113", 2024).map((e) => e.code),
      ["301"],
    );
    assert.deepEqual(parentChain("210", 2024), []);
  });

  it("childrenOf lists the 款 of a 类 and the 项 of a 款 for the year", () => {
    assert.deepEqual(
      childrenOf("22102", 2024).map((e) => e.code),
      ["2210201", "2210202", "2210203"],
    );
    const kuan = childrenOf("210", 2024).map((e) => e.code);
    assert.ok(kuan.includes("21011") && kuan.includes("21015"));
    assert.ok(!kuan.includes("21010"));
    assert.ok(!childrenOf("210", 2018).some((e) => e.code === "21015"));
    const k303 = childrenOf("303", 2017).map((e) => e.code);
    assert.ok(k303.includes("30311") && k303.includes("30312"));
    assert.ok(!childrenOf("301", 2017).some((e) => e.code === "30113"));
    assert.deepEqual(
      childrenOf("20805", 2020).map((e) => e.code),
      ["2080501", "2080502", "2080503", "2080505", "2080506", "2080507", "2080599"],
    );
  });

  it("entriesFor covers every 类 and the required families", () => {
    const lei = entriesFor(2024, "func", 1).map((e) => e.code);
    for (const c of [
      "201",
      "204",
      "205",
      "206",
      "207",
      "208",
      "210",
      "212",
      "221",
      "229",
      "230",
      "231",
      "234",
    ]) {
      assert.ok(lei.includes(c), c);
    }
    for (const c of ["201", "204", "205", "206", "207", "208", "210", "212", "221", "229"]) {
      const kuan = childrenOf(c, 2024);
      assert.ok(kuan.length > 0, c);
      assert.ok(
        kuan.some((k) => childrenOf(k.code, 2024).length > 0),
        `${c} has 项`,
      );
    }
    assert.deepEqual(
      entriesFor(2024, "econ_dept", 1).map((e) => e.code),
      ["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"],
    );
    assert.ok(entriesFor(2024, "econ_gov", 2).length > 40);
    assert.equal(entriesFor(2017, "econ_gov").length, 0);
  });
});

describe("data integrity", () => {
  const all = KINDS.flatMap((k) => YEARS.flatMap((y) => entriesFor(y, k)));
  const unique = [...new Set(all)];

  it("codes are well formed for their kind and level", () => {
    for (const e of unique) {
      const lengths = e.kind === "func" ? [3, 5, 7] : [3, 5];
      assert.ok(/^\d+$/.test(e.code) && lengths.includes(e.code.length), `${e.kind} ${e.code}`);
      assert.equal(e.level, lengths.indexOf(e.code.length) + 1, e.code);
      const lead = e.kind === "func" ? "2" : e.kind === "econ_dept" ? "3" : "5";
      assert.equal(e.code[0], lead, `${e.kind} ${e.code}`);
      assert.ok(e.name.length > 0 && e.name === e.name.trim(), e.code);
      assert.ok(e.evidence.length > 0, `${e.code} has evidence`);
      assert.ok(
        e.from >= CATALOG_YEARS.from &&
          (e.to === null || (e.to >= e.from && e.to <= CATALOG_YEARS.to)),
      );
    }
  });

  it("every entry's parent exists, one level up, in each year the entry is valid", () => {
    for (const y of YEARS) {
      for (const k of KINDS) {
        for (const e of entriesFor(y, k)) {
          if (e.level === 1) {
            assert.equal(e.parent, null);
            continue;
          }
          assert.ok(e.parent && e.code.startsWith(e.parent), e.code);
          const p = lookup(e.parent, y, k);
          assert.ok(p, `${y} ${k} ${e.code}: parent ${e.parent} missing`);
          assert.equal(p.level, e.level - 1, `${e.code} parent level`);
        }
      }
    }
  });

  it("a code has at most one entry per year", () => {
    for (const k of KINDS) {
      for (const e of unique.filter((x) => x.kind === k)) {
        const h = history(e.code, k);
        for (let i = 1; i < h.length; i++) {
          const prev = h[i - 1];
          const cur = h[i];
          assert.ok(
            prev && cur && prev.to !== null && prev.to < cur.from,
            `${k} ${e.code} overlapping spans`,
          );
        }
      }
    }
  });
});

// Seed documents and the fiscal year whose catalog they were compiled with.
const SEED_DIR = SEEDS_DIR;
const SEED_YEARS: Record<string, number> = {
  "000": 2025,
  "001": 2024,
  "002": 2022,
  "003": 2023,
  "004": 2025,
};

/**
 * Pairs printed in the seeds that are not catalog entries, with why. Keyed
 * "seed|code|name".
 */
const KNOWN_NON_ENTRIES: Record<string, string> = {
  "001|231|西安市碑林区医疗保障局": "unit code (单位编码) column, not a classification code",
  "003|20921|文物和陈列品购置": "typo for 30921 (in the 309 资本性支出（基本建设） column)",
  "003|39906|赠与":
    "outdated template row in the basic-expenditure table: 赠与 was split into 39909 经常性赠与 / 39910 资本性赠与 (seed 002 for 2022, and this document's other table)",
  "003|30399|其他个人和家庭的补助支出":
    "misprint; the same document's other table prints 30399 其他对个人和家庭的补助",
  "004|2011502|一般行政管理事务":
    "typo '201 15 02' for 210 15 02 (sits between 2101501 and 2101504)",
  // Seed 004's 项 table has its code column shifted one row against the names
  // from 2101505 on: every name below is the next row's official name.
  "004|2101505|医疗保障经办事务":
    "row shift: official 2101505 is 医疗保障政策管理, 医疗保障经办事务 is 2101506",
  "004|2101506|其他医疗保障管理事务支出": "row shift: 其他医疗保障管理事务支出 is 2101599",
  "004|2101599|住房保障支出": "row shift: 住房保障支出 is 221",
  "004|221|住房改革支出": "row shift: 住房改革支出 is 22102",
  "004|22102|住房公积金": "row shift: 住房公积金 is 2210201",
};

const kindOf = (code: string): CatalogKind =>
  code.startsWith("5") ? "econ_gov" : code.startsWith("3") ? "econ_dept" : "func";

describe("seed coverage", () => {
  // Every seed the folder holds; a missing folder fails here, it does not skip.
  const files = readdirSync(SEED_DIR).filter((f) => f.endsWith(".txt"));

  it("finds the seeds and their code/name pairs", () => {
    assert.ok(files.length > 0, `no seeds in ${SEED_DIR}`);
    for (const f of files) {
      assert.ok(
        SEED_YEARS[f.slice(0, 3)],
        `${f}: needs review — a seed without the fiscal year of its catalog in SEED_YEARS`,
      );
      assert.ok(scanPairs(readFileSync(join(SEED_DIR, f), "utf8")).length > 10, f);
    }
  });

  it("every code+name printed in a seed is in the catalog for that year", () => {
    const missing: string[] = [];
    const usedExceptions = new Set<string>();
    let checked = 0;
    for (const f of files) {
      const id = f.slice(0, 3);
      const year = SEED_YEARS[id] ?? 0;
      for (const p of scanPairs(readFileSync(join(SEED_DIR, f), "utf8"))) {
        const k = `${id}|${p.code}|${p.name}`;
        if (k in KNOWN_NON_ENTRIES) {
          usedExceptions.add(k);
          continue;
        }
        checked++;
        const e = lookup(p.code, year, kindOf(p.code));
        if (!e || normalizeName(e.name) !== normalizeName(p.name)) {
          missing.push(`${f}:${p.line} ${p.code} ${p.name} (catalog: ${e?.name ?? "none"})`);
        }
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(checked > 300, `checked ${checked}`);
    // Keep the exception list honest: each entry must still occur.
    assert.deepEqual(
      Object.keys(KNOWN_NON_ENTRIES).filter((k) => !usedExceptions.has(k)),
      [],
    );
  });

  it("scans the formats the seeds use", () => {
    const pairs = scanPairs(
      [
        "| 2101550 | 事业运行 | 1,068,829.43 |",
        "30101 基本工资 239.75 30201 办公费 5.32 30701",
        "210 15 01 行政运行 110.68 36.73 73.95",
        "30239\t其他交通费用\t26.42",
        "750 万元，基金支付 266 万元。",
      ].join("\n"),
    );
    assert.deepEqual(
      pairs.map((p) => `${p.code} ${p.name}`),
      [
        "2101550 事业运行",
        "30101 基本工资",
        "30201 办公费",
        "2101501 行政运行",
        "30239 其他交通费用",
      ],
    );
  });
});

describe("loading", () => {
  // Speed is measured in npm run bench, never here: the cache shows as the
  // same entry object returned again, not as a time.
  it("is cached: repeated queries return the same entry", () => {
    const first = lookup("2101550", 2024);
    assert.ok(first);
    assert.equal(lookup("2101550", 2024), first);
    assert.equal(lookup("2101550", 2024), lookup("2101550", 2023));
  });
});

describe("a catalog that cannot be read fails loudly", () => {
  const HEADER = "code,name,kind,level,parent,from,to,evidence";
  const csv = (...rows: string[]) => [HEADER, ...rows, ""].join("\n");
  const fails = (text: string, message: RegExp) =>
    assert.throws(
      () => parseCatalogCsv(text, "func", "func.csv"),
      (e) => e instanceof CatalogError && message.test(e.message),
    );

  it("parses well-formed rows", () => {
    const entries = parseCatalogCsv(
      csv(
        "210,卫生健康支出,func,1,,2017,,seed:000",
        "21015,医疗保障管理事务,func,2,210,2019,,",
        '2101550,"事业运行",func,3,21015,2019,2024,a;b',
      ),
      "func",
      "func.csv",
    );
    assert.deepEqual(
      entries.map((e) => [e.code, e.name, e.level, e.parent, e.from, e.to, e.evidence]),
      [
        ["210", "卫生健康支出", 1, null, 2017, null, ["seed:000"]],
        ["21015", "医疗保障管理事务", 2, "210", 2019, null, []],
        ["2101550", "事业运行", 3, "21015", 2019, 2024, ["a", "b"]],
      ],
    );
  });

  it("never returns an empty catalog", () => {
    fails("", /第 1 行应为表头/);
    fails(csv(), /没有任何科目/);
  });

  it("names the file and line of a malformed row", () => {
    fails("code;name\n210;卫生健康支出\n", /func\.csv 格式错误：第 1 行应为表头/);
    fails(csv("210,卫生健康支出,func,1,,2017"), /func\.csv 第 2 行格式错误：应有 8 列，实有 6 列/);
    fails(csv("210,卫生健康支出,econ_dept,1,,2017,,"), /类别 econ_dept 出现在 func\.csv 中/);
    fails(csv("21O,卫生健康支出,func,1,,2017,,"), /科目编码 21O 不是/);
    fails(csv("210,,func,1,,2017,,"), /科目名称为空/);
    fails(csv("210,卫生健康支出,func,4,,2017,,"), /级次 4/);
    fails(csv("21015,医疗保障管理事务,func,3,210,2017,,"), /级次 3 与 5 位编码不符/);
    fails(csv("21015,医疗保障管理事务,func,2,211,2017,,"), /上级编码 211 与编码 21015 不符/);
    fails(csv("210,卫生健康支出,func,1,,,,"), /起始年度 {2}不是年份/);
    fails(csv("210,卫生健康支出,func,1,,2019,2017,"), /终止年度 2017/);
    fails(csv("210,卫生健康支出,func,1,,2017,,", "2101550,事业运行,func,3"), /第 3 行/);
  });

  it("a missing data file is an error that says which and how to rebuild it", () => {
    assert.throws(
      () => loadCatalogFile(join(import.meta.dirname, "no-such-dir", "func.csv"), "func"),
      (e) =>
        e instanceof CatalogError &&
        e.message.includes("no-such-dir") &&
        e.message.includes("build-data.ts"),
    );
  });
});
