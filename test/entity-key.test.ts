/**
 * The store's entity key: one entity under the names its documents print
 * (region spelled out or not, year and kind words, 部门/单位 tags, spaces,
 * full-width letters), and different entities kept apart.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { entityKey, normaliseEntityName, regionOf, splitRegion } from "../src/store/entity-key.ts";

describe("entity key", () => {
  it("one unit in every dress its documents print it in", () => {
    const dresses = [
      "随州市曾都区医疗保障服务中心",
      "曾都区医疗保障服务中心",
      "曾都区医疗保障服务中心（单位）",
      "曾都区医疗保障服务中心(单位)",
      "曾都区 医疗保障服务中心",
      "湖北省随州市曾都区医疗保障服务中心",
      "随州市曾都区医疗保障服务中心2022年度单位决算",
      "随州市曾都区医疗保障服务中心2025年单位预算",
    ];
    const keys = new Set(dresses.map((n) => entityKey(n)));
    assert.equal(keys.size, 1, [...keys].join(" / "));
  });

  it("full-width letters and digits fold to half-width", () => {
    assert.equal(normaliseEntityName("ＸＸ区第１中学"), "XX区第1中学");
    assert.equal(entityKey("上海市普陀区ＡＢＣ中心"), entityKey("普陀区ABC中心"));
  });

  it("keeps apart units of one department, and the same name in two regions", () => {
    assert.notEqual(entityKey("曾都区医疗保障服务中心"), entityKey("曾都区医疗保障信息中心"));
    assert.notEqual(entityKey("曲靖市沾益区医疗保障局"), entityKey("西宁市城东区医疗保障局"));
    assert.notEqual(entityKey("上海市普陀区财政局"), entityKey("上海市普陀区商务委员会"));
  });

  it("reads the region a name starts with, and only that", () => {
    assert.equal(regionOf("随州市曾都区医疗保障服务中心"), "随州市曾都区");
    assert.equal(regionOf("上海市普陀区人民政府万里街道办事处"), "上海市普陀区");
    assert.equal(regionOf("西安市碑林区医疗保险经办中心"), "西安市碑林区");
    assert.equal(regionOf("江苏省人民检察院"), "江苏省");
    assert.equal(regionOf("广州市天河区财政局"), "广州市天河区");
    assert.equal(regionOf("北京市市场监督管理局"), "北京市");
    assert.equal(regionOf("内蒙古自治区财政厅"), "内蒙古自治区");
    // No region printed: a university, a bureau named without its place.
    assert.equal(regionOf("西南大学"), null);
    assert.equal(regionOf("市场监督管理局"), null);
    assert.equal(regionOf("社区卫生服务中心"), null);
    // A party body's prefix stays with its name.
    assert.deepEqual(splitRegion("中共上海市普陀区委社会工作部"), {
      region: ["上海市", "普陀区"],
      rest: "中共委社会工作部",
    });
  });

  it("a name printed without a region takes its department's", () => {
    assert.equal(
      entityKey("医疗保障服务中心", "曾都区医疗保障局"),
      entityKey("随州市曾都区医疗保障服务中心"),
    );
    assert.notEqual(
      entityKey("医疗保障服务中心", "沾益区医疗保障局"),
      entityKey("医疗保障服务中心", "曾都区医疗保障局"),
    );
  });
});
