/**
 * The report formats on a hand-made report at real locations of seed 002
 * (test/helpers/report-fixture.ts) and on the engine's own report for that
 * seed: JSON through its schema, SARIF against the 2.1.0 required
 * properties, the HTML's escaping and counts, the XLSX read back.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { Parser } from "htmlparser2";
import { checkDisclosure } from "../src/check/engine.ts";
import { ALL_RULES } from "../src/check/registry.ts";
import { escapeHtml, formatHtml } from "../src/check/report/html.ts";
import { formatJson } from "../src/check/report/json.ts";
import { formatPretty } from "../src/check/report/pretty.ts";
import { artifactUri, formatSarif } from "../src/check/report/sarif.ts";
import {
  CheckReportOutputSchema,
  CheckReportSchema,
  reportJsonSchema,
} from "../src/check/report/schema.ts";
import { formatXlsx } from "../src/check/report/xlsx.ts";
import type { CheckReport, Finding, WaivedFinding } from "../src/check/types.ts";
import { FIXTURE_RULES, seedDisclosure, seedReport, summarize } from "./helpers/report-fixture.ts";

const doc = seedDisclosure("002");
const report = seedReport(doc);
const SEVERITY_ZH = { error: "错误", warning: "警告", info: "提示" } as const;

/** A second, small report: a quote with markup, a rule failure, a finding with no location. */
function hostileReport(): CheckReport {
  const findings: Finding[] = [
    {
      rule: "template/choice-residue",
      severity: "warning",
      message: "说明含 <b>标记</b> & “引号”",
      locations: [
        {
          quote: '<script>alert("x")</script> 增长（下降）',
          section: "一、<i>概况</i>",
          line: 7,
          page: 2,
        },
      ],
      basis: "A & B",
    },
    {
      rule: "complete/required-tables",
      severity: "info",
      message: "整份文档的提示",
      locations: [],
      basis: "",
    },
  ];
  const waived: WaivedFinding[] = [];
  return {
    reportVersion: "1.0",
    document: {
      file: "/tmp/公开 文件/2024 决算.pdf",
      kind: "budget",
      year: 2024,
      entity: "测试<局>",
      parent: null,
      unit: "元",
      format: "pdf",
    },
    preset: "strict",
    findings,
    waived,
    summary: summarize(findings, waived),
    failures: [{ rule: "xtab/summary-vs-income", message: "Cannot read properties of undefined" }],
    unchecked: [
      {
        table: "gpb_function",
        title: "一般公共预算支出表",
        page: 7,
        reason: "科目 2080505 出现多次且金额不同（可能是两张表或多个单位连在一起），无法逐级核对",
      },
    ],
  };
}

describe("fixture", () => {
  it("points at real places of seed 002", () => {
    assert.equal(report.document.kind, "final");
    assert.equal(report.document.year, 2022);
    assert.deepEqual(report.summary, { error: 3, warning: 3, info: 0, waived: 1 });
    for (const f of [...report.findings, ...report.waived]) {
      for (const l of f.locations) assert.ok(l.line !== undefined && l.line > 0);
    }
  });
});

describe("json", () => {
  it("one document prints one object that the schema accepts and that round-trips", () => {
    const text = formatJson([report]);
    const parsed = CheckReportSchema.parse(JSON.parse(text));
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(report)));
    assert.equal(Array.isArray(JSON.parse(text)), false);
  });

  it("several documents print an array", () => {
    const value = JSON.parse(formatJson([report, hostileReport()]));
    assert.ok(Array.isArray(value));
    const parsed = CheckReportOutputSchema.parse(value);
    assert.ok(Array.isArray(parsed) && parsed.length === 2);
    assert.equal(parsed[1]?.failures[0]?.rule, "xtab/summary-vs-income");
  });

  it("the engine's real report on seed 002 validates and its summary counts its findings", () => {
    const real = checkDisclosure(doc, { preset: "strict" });
    const parsed = CheckReportSchema.parse(JSON.parse(formatJson([real])));
    for (const s of ["error", "warning", "info"] as const) {
      assert.equal(parsed.summary[s], parsed.findings.filter((f) => f.severity === s).length);
    }
    assert.equal(parsed.document.entity, "随州市曾都区医疗保障服务中心");
  });

  it("keeps only documented fields, in a compact form when asked", () => {
    const extra = {
      ...report,
      debug: true,
      findings: report.findings.map((f) => ({ ...f, internal: 1 })),
    } as CheckReport;
    const text = formatJson([extra], { pretty: false });
    assert.equal(text.trim().split("\n").length, 1);
    assert.ok(!text.includes("debug") && !text.includes("internal"));
  });

  it("the schema rejects what the format does not allow", () => {
    const bad = JSON.parse(JSON.stringify(report));
    bad.findings[0].severity = "fatal";
    assert.equal(CheckReportSchema.safeParse(bad).success, false);
    const noReason = JSON.parse(JSON.stringify(report));
    noReason.waived[0].waiver.reason = "";
    assert.equal(CheckReportSchema.safeParse(noReason).success, false);
    const line0 = JSON.parse(JSON.stringify(report));
    line0.findings[0].locations[0].line = 0;
    assert.equal(CheckReportSchema.safeParse(line0).success, false);
    assert.throws(() => formatJson([bad]), /检查报告不符合 JSON 格式.*findings\.0\.severity/);
  });

  it("publishes a JSON Schema for one report or an array", () => {
    const schema = reportJsonSchema() as Record<string, unknown>;
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    const text = JSON.stringify(schema);
    for (const key of ["reportVersion", "findings", "waived", "failures", "tableTitle", "box"]) {
      assert.ok(text.includes(`"${key}"`), key);
    }
    assert.ok(Array.isArray(schema.anyOf) && schema.anyOf.length === 2);
  });
});

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, "g");

describe("pretty", () => {
  const text = formatPretty([report], { rules: FIXTURE_RULES });

  it("has the document header", () => {
    const head = text.split("\n").slice(0, 2).join("\n");
    assert.ok(head.includes("seeds/002_2ab87d748f3e6997.txt"));
    assert.ok(head.includes("2022年决算"));
    assert.ok(head.includes("随州市曾都区医疗保障服务中心（主管部门：曾都区医疗保障局）"));
  });

  it("groups by section in document order, each finding with rule, message, place and quote", () => {
    const order = [
      "【七、政府性基金预算财政拨款收入支出决算情况说明】",
      "【（一）“三公”经费财政拨款支出决算总体情况说明。】",
      "【十、机关运行经费支出说明】",
      "【(一)预算绩效管理工作开展情况。】",
    ].map((h) => text.indexOf(h));
    assert.ok(order.every((i) => i >= 0));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
    for (const f of report.findings) {
      assert.ok(text.includes(`${SEVERITY_ZH[f.severity]}  ${f.rule}`), f.rule);
      assert.ok(text.includes(f.message), f.message);
      for (const l of f.locations) if (l.quote) assert.ok(text.includes(`原文：“${l.quote}”`));
    }
    assert.ok(text.includes("支出决算表 · 行 合计 · 项目支出列 · 第344行"));
    assert.ok(text.includes("应为 40.00 万元，实际 0.00 万元"));
  });

  it("lists waived findings apart with their reasons, then the summary", () => {
    const waivedAt = text.indexOf("已豁免（1）");
    assert.ok(waivedAt > text.indexOf("【(一)预算绩效管理工作开展情况。】"));
    const reason = report.waived[0]?.waiver.reason ?? "";
    assert.ok(text.indexOf(`豁免理由：${reason}`) > waivedAt);
    assert.ok(text.trimEnd().endsWith("错误 3 · 警告 3 · 提示 0 · 已豁免 1"));
  });

  it("colours only when asked, and colour changes nothing else", () => {
    assert.equal(text.includes(ESC), false);
    const coloured = formatPretty([report], { rules: FIXTURE_RULES, color: true });
    assert.ok(coloured.includes(`${ESC}[31m`));
    assert.equal(coloured.replace(ANSI, ""), text);
  });

  it("several documents end with a total; failures and clean documents are said", () => {
    const clean: CheckReport = {
      ...report,
      findings: [],
      waived: [],
      summary: { error: 0, warning: 0, info: 0, waived: 0 },
    };
    const both = formatPretty([report, hostileReport(), clean]);
    assert.ok(both.includes("规则运行出错（1）"));
    assert.ok(both.includes("xtab/summary-vs-income：Cannot read properties of undefined"));
    assert.ok(both.includes("未发现问题。"));
    assert.ok(
      both.trimEnd().endsWith("共 3 个文件：错误 3 · 警告 4 · 提示 1 · 已豁免 1 · 规则运行出错 1"),
    );
  });
});

// ---------------------------------------------------------------- SARIF

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The required properties and enums of SARIF 2.1.0 (OASIS schema), for what gongkai emits. */
function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (cond: boolean, what: string) => {
    if (!cond) problems.push(what);
  };
  const message = (m: unknown, where: string) =>
    need(isObj(m) && (typeof m.text === "string" || typeof m.id === "string"), `${where}.message`);
  const mfString = (m: unknown, where: string) =>
    need(isObj(m) && typeof m.text === "string", `${where} text`);
  need(isObj(log), "log is an object");
  if (!isObj(log)) return problems;
  need(log.version === "2.1.0", "version");
  need(
    typeof log.$schema === "string" && /sarif-schema-2\.1\.0\.json$/.test(log.$schema),
    "$schema",
  );
  need(Array.isArray(log.runs), "runs");
  for (const [ri, run] of ((log.runs as unknown[]) ?? []).entries()) {
    const at = `runs[${ri}]`;
    need(isObj(run) && isObj(run.tool) && isObj(run.tool.driver), `${at}.tool.driver`);
    if (!isObj(run) || !isObj(run.tool) || !isObj(run.tool.driver)) continue;
    const driver = run.tool.driver;
    need(typeof driver.name === "string" && driver.name.length > 0, `${at} driver.name`);
    const rules = (driver.rules ?? []) as unknown[];
    for (const [i, r] of rules.entries()) {
      need(isObj(r) && typeof r.id === "string", `rule ${i} id`);
      if (!isObj(r)) continue;
      for (const k of ["shortDescription", "fullDescription", "help"]) {
        if (r[k] !== undefined) mfString(r[k], `rule ${r.id} ${k}`);
      }
      const dc = r.defaultConfiguration;
      if (dc !== undefined) {
        need(
          isObj(dc) && ["none", "note", "warning", "error"].includes(String(dc.level)),
          `rule ${r.id} level`,
        );
      }
    }
    const artifacts = (run.artifacts ?? []) as unknown[];
    const artifactLocation = (a: unknown, where: string) => {
      need(isObj(a), where);
      if (!isObj(a)) return;
      if (a.index !== undefined) {
        need(
          Number.isInteger(a.index) &&
            (a.index as number) >= 0 &&
            (a.index as number) < artifacts.length,
          `${where}.index`,
        );
        const art = artifacts[a.index as number];
        need(
          isObj(art) && isObj(art.location) && art.location.uri === a.uri,
          `${where} uri matches artifact`,
        );
      }
      if (a.uri !== undefined) {
        need(
          typeof a.uri === "string" && !/[\s"<>]/.test(a.uri),
          `${where}.uri is a URI reference`,
        );
      }
    };
    const location = (l: unknown, where: string) => {
      need(isObj(l), where);
      if (!isObj(l)) return;
      if (l.message !== undefined) message(l.message, where);
      const p = l.physicalLocation;
      if (p === undefined) return;
      need(
        isObj(p) && (p.artifactLocation !== undefined || p.address !== undefined),
        `${where}.physicalLocation`,
      );
      if (!isObj(p)) return;
      artifactLocation(p.artifactLocation, `${where}.artifactLocation`);
      if (p.region !== undefined) {
        const g = p.region as Json;
        need(
          Number.isInteger(g.startLine) && (g.startLine as number) >= 1,
          `${where}.region.startLine`,
        );
        if (g.endLine !== undefined) {
          need((g.endLine as number) >= (g.startLine as number), `${where}.region.endLine`);
        }
        if (g.snippet !== undefined)
          need(isObj(g.snippet) && typeof g.snippet.text === "string", `${where} snippet`);
      }
    };
    for (const [ai, a] of artifacts.entries()) {
      need(isObj(a) && isObj(a.location) && typeof a.location.uri === "string", `artifact ${ai}`);
    }
    for (const [i, res] of ((run.results ?? []) as unknown[]).entries()) {
      const w = `result ${i}`;
      need(isObj(res), w);
      if (!isObj(res)) continue;
      message(res.message, w);
      need(typeof res.ruleId === "string", `${w}.ruleId`);
      if (res.level !== undefined)
        need(["none", "note", "warning", "error"].includes(String(res.level)), `${w}.level`);
      if (res.ruleIndex !== undefined) {
        const rule = rules[res.ruleIndex as number];
        need(isObj(rule) && rule.id === res.ruleId, `${w}.ruleIndex points at its rule`);
      }
      for (const [li, l] of ((res.locations ?? []) as unknown[]).entries())
        location(l, `${w}.locations[${li}]`);
      for (const s of (res.suppressions ?? []) as unknown[]) {
        need(isObj(s) && (s.kind === "inSource" || s.kind === "external"), `${w} suppression kind`);
        if (isObj(s) && s.status !== undefined) {
          need(
            ["accepted", "underReview", "rejected"].includes(String(s.status)),
            `${w} suppression status`,
          );
        }
      }
      if (res.properties !== undefined) need(isObj(res.properties), `${w}.properties`);
    }
    for (const [ii, inv] of ((run.invocations ?? []) as unknown[]).entries()) {
      need(isObj(inv) && typeof inv.executionSuccessful === "boolean", `invocation ${ii}`);
      if (!isObj(inv)) continue;
      for (const n of (inv.toolExecutionNotifications ?? []) as unknown[]) {
        need(isObj(n), "notification");
        if (isObj(n)) message(n.message, "notification");
      }
    }
  }
  return problems;
}

describe("sarif", () => {
  const log = JSON.parse(formatSarif([report], { rules: FIXTURE_RULES })) as Json;
  const run = (log.runs as Json[])[0] as Json;
  const driver = (run.tool as Json).driver as Json;
  const rules = driver.rules as Json[];
  const results = run.results as Json[];

  it("has every property SARIF 2.1.0 requires", () => {
    assert.deepEqual(sarifProblems(log), []);
    assert.equal(driver.name, "gongkai");
    assert.equal(driver.informationUri, undefined);
  });

  it("the validator catches what it should", () => {
    const broken = JSON.parse(JSON.stringify(log));
    broken.version = "2.0";
    broken.runs[0].results[0].ruleIndex = 99;
    broken.runs[0].results[1].level = "fatal";
    delete broken.runs[0].results[2].message;
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(sarifProblems(broken).length, 5);
  });

  it("describes each rule from its metadata", () => {
    for (const meta of FIXTURE_RULES) {
      const r = rules.find((x) => x.id === meta.id) as Json;
      assert.ok(r, meta.id);
      assert.deepEqual(r.shortDescription, { text: meta.title });
      assert.deepEqual(r.fullDescription, { text: meta.description });
      assert.deepEqual(r.help, { text: meta.basis });
      const level = { error: "error", warning: "warning", info: "note" }[meta.severity];
      assert.equal((r.defaultConfiguration as Json).level, level);
    }
    const strictOnly = rules.find((x) => x.id === "xtab/vehicles-vs-three-public") as Json;
    assert.equal((strictOnly.defaultConfiguration as Json).enabled, false);
  });

  it("one result per finding, waived ones suppressed with the reason", () => {
    assert.equal(results.length, report.findings.length + report.waived.length);
    const all: (Finding | WaivedFinding)[] = [...report.findings, ...report.waived];
    all.forEach((f, i) => {
      const res = results[i] as Json;
      assert.equal(res.ruleId, f.rule);
      assert.equal(res.level, { error: "error", warning: "warning", info: "note" }[f.severity]);
      assert.deepEqual(res.message, { text: f.message });
      const props = res.properties as Json;
      assert.equal(props.expected, f.expected);
      assert.equal(props.actual, f.actual);
      const locs = res.locations as Json[];
      assert.equal(locs.length, f.locations.length);
      f.locations.forEach((l, k) => {
        const p = (locs[k] as Json).physicalLocation as Json;
        assert.equal((p.artifactLocation as Json).uri, "seeds/002_2ab87d748f3e6997.txt");
        assert.equal((p.region as Json).startLine, l.line);
        assert.equal((p.region as Json).endLine, l.endLine ?? l.line);
      });
      if ("waiver" in f) {
        assert.deepEqual(res.suppressions, [
          { kind: "external", status: "accepted", justification: f.waiver.reason },
        ]);
      } else assert.equal(res.suppressions, undefined);
    });
  });

  it("a table cell's page, table, key and column are location properties", () => {
    const res = results.find((r) => r.ruleId === "text/project-total") as Json;
    const cell = (res.locations as Json[])[1] as Json;
    assert.deepEqual(cell.properties, {
      table: "expenditure",
      tableTitle: "支出决算表",
      key: "total",
      name: "合计",
      column: "project",
    });
    const quote = (res.locations as Json[])[0] as Json;
    const region = (quote.physicalLocation as Json).region as Json;
    assert.ok(String((region.snippet as Json).text).includes("共涉及项目 1 个"));
  });

  it("several documents: artifacts, registry rules, failures as notifications", () => {
    const two = JSON.parse(formatSarif([report, hostileReport()])) as Json;
    assert.deepEqual(sarifProblems(two), []);
    const r = (two.runs as Json[])[0] as Json;
    const arts = r.artifacts as Json[];
    const uri = ((arts[1] as Json).location as Json).uri;
    assert.equal(
      uri,
      "file:///tmp/%E5%85%AC%E5%BC%80%20%E6%96%87%E4%BB%B6/2024%20%E5%86%B3%E7%AE%97.pdf",
    );
    const ids = ((r.tool as Json).driver as Json).rules as Json[];
    // Every registry rule is described, plus the fixture's rules the registry lacks.
    for (const rule of ALL_RULES)
      assert.ok(
        ids.some((x) => x.id === rule.id),
        rule.id,
      );
    const inv = (r.invocations as Json[])[0] as Json;
    assert.equal(inv.executionSuccessful, false);
    const notes = (inv.toolExecutionNotifications as Json[]).map((n) =>
      String((n.message as Json).text),
    );
    assert.ok(notes.some((t) => t.includes("xtab/summary-vs-income")));
    // The whole-document finding still points at its document.
    const whole = (r.results as Json[]).find(
      (x) => x.ruleId === "complete/required-tables",
    ) as Json;
    const p = ((whole.locations as Json[])[0] as Json).physicalLocation as Json;
    assert.deepEqual(p.artifactLocation, {
      uri,
      index: 1,
    });
  });

  it("fingerprints follow a finding, not its line numbers", () => {
    const prints = results.map((r) => (r.partialFingerprints as Json)["gongkaiFinding/v1"]);
    assert.equal(new Set(prints).size, results.length);
    const shifted: CheckReport = {
      ...report,
      findings: report.findings.map((f) => ({
        ...f,
        message: f.message.replace(/\d/g, "9"),
        locations: f.locations.map((l) => ({ ...l, line: (l.line ?? 0) + 40 })),
      })),
    };
    const again = JSON.parse(formatSarif([shifted], { rules: FIXTURE_RULES })) as Json;
    const prints2 = (((again.runs as Json[])[0] as Json).results as Json[]).map(
      (r) => (r.partialFingerprints as Json)["gongkaiFinding/v1"],
    );
    assert.deepEqual(prints2, prints);
    const twice = JSON.parse(
      formatSarif([
        { ...report, findings: [report.findings[0], report.findings[0]] } as CheckReport,
      ]),
    ) as Json;
    const p2 = (((twice.runs as Json[])[0] as Json).results as Json[]).map(
      (r) => (r.partialFingerprints as Json)["gongkaiFinding/v1"] as string,
    );
    assert.equal(p2[0]?.replace(/:1$/, ":2"), p2[1]);
  });

  it("file paths become URI references", () => {
    assert.equal(artifactUri("a b/决算.txt"), "a%20b/%E5%86%B3%E7%AE%97.txt");
    assert.equal(artifactUri(undefined), "stdin");
  });
});

// ---------------------------------------------------------------- HTML

/** Text content and tags of an HTML page, via a real parser. */
function parseHtml(html: string) {
  const tags: { name: string; attrs: Record<string, string> }[] = [];
  let text = "";
  const parser = new Parser({
    onopentag(name, attrs) {
      tags.push({ name, attrs });
    },
    ontext(t) {
      text += t;
    },
  });
  parser.write(html);
  parser.end();
  return { tags, text };
}

describe("html", () => {
  const html = formatHtml([report], { rules: FIXTURE_RULES });
  const { tags, text } = parseHtml(html);

  it("is one self-contained page: no script, no external asset", () => {
    assert.ok(html.startsWith("<!doctype html>"));
    assert.equal(
      tags.filter((t) => t.name === "script" || t.name === "link" || t.name === "img").length,
      0,
    );
    assert.ok(!/\b(src|href)=/.test(html));
    assert.ok(!/@import|url\(/.test(html));
    assert.equal(tags.filter((t) => t.name === "style").length, 1);
  });

  it("shows the document, the counts, and each finding with its quote, place and basis", () => {
    assert.ok(text.includes("随州市曾都区医疗保障服务中心"));
    assert.ok(text.includes("seeds/002_2ab87d748f3e6997.txt"));
    assert.ok(/<b>3<\/b><span>错误<\/span>/.test(html));
    assert.ok(/<b>3<\/b><span>警告<\/span>/.test(html));
    assert.ok(/<b>0<\/b><span>提示<\/span>/.test(html));
    assert.ok(/<b>1<\/b><span>已豁免<\/span>/.test(html));
    const articles = tags.filter((t) => t.name === "article");
    assert.equal(articles.length, report.findings.length + report.waived.length);
    for (const f of report.findings) {
      assert.ok(text.includes(f.message), f.message);
      assert.ok(text.includes(f.basis));
      for (const l of f.locations) if (l.quote) assert.ok(text.includes(l.quote));
    }
    assert.ok(text.includes("应为 40.00 万元；实际 0.00 万元"));
    assert.ok(text.includes(report.waived[0]?.waiver.reason ?? "?"));
    const badges = articles.map((a) => a.attrs.class?.split(" ")[1]);
    assert.deepEqual(
      badges.slice(0, report.findings.length).sort(),
      report.findings.map((f) => f.severity).sort(),
    );
  });

  it("escapes every piece of user text", () => {
    const page = formatHtml([hostileReport()]);
    assert.ok(!page.includes("<script>"));
    assert.ok(page.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert.ok(page.includes("说明含 &lt;b&gt;标记&lt;/b&gt; &amp; “引号”"));
    assert.ok(page.includes("测试&lt;局&gt;"));
    assert.ok(page.includes("一、&lt;i&gt;概况&lt;/i&gt;"));
    const parsed = parseHtml(page);
    assert.equal(parsed.tags.filter((t) => t.name === "script" || t.name === "i").length, 0);
    assert.ok(parsed.text.includes('<script>alert("x")</script> 增长（下降）'));
    assert.ok(parsed.text.includes("xtab/summary-vs-income"));
    assert.equal(escapeHtml(`<a href='x'>&</a>`), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("several documents open with an overview, one row per document", () => {
    const page = formatHtml([report, hostileReport()]);
    const { tags, text: all } = parseHtml(page);
    assert.equal(tags.filter((t) => t.name === "table" && t.attrs.class === "overview").length, 1);
    assert.equal(tags.filter((t) => t.name === "section").length, 2);
    const overview = page.slice(page.indexOf('<table class="overview">'), page.indexOf("</table>"));
    assert.equal((overview.match(/<tr>/g) ?? []).length, 3);
    assert.ok(
      overview.includes("随州市曾都区医疗保障服务中心") && overview.includes("测试&lt;局&gt;"),
    );
    assert.ok(all.includes("共 2 份文件"));
  });

  it("says when nothing was found", () => {
    const clean = {
      ...report,
      findings: [],
      waived: [],
      summary: { error: 0, warning: 0, info: 0, waived: 0 },
    };
    const page = parseHtml(formatHtml([clean])).text;
    assert.ok(page.includes("未发现问题。"));
  });
});

// ---------------------------------------------------------------- XLSX

const HEADER = [
  "序号",
  "文件",
  "单位",
  "年度",
  "类型",
  "级别",
  "规则",
  "规则名称",
  "说明",
  "表格",
  "科目/行",
  "列",
  "原文",
  "行号",
  "页码",
  "应为",
  "实际",
  "依据",
];

async function readBack(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  const values = ws.getRow(n).values as unknown[];
  return values.slice(1); // exceljs rows are 1-based
}

describe("xlsx", async () => {
  const bytes = await formatXlsx([report], { rules: FIXTURE_RULES });
  const wb = await readBack(bytes);

  it("is a workbook of findings, waived findings and a summary", () => {
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ["问题清单", "已豁免", "汇总"],
    );
  });

  it("the findings sheet: frozen header, autofilter, one row per finding with its cells", () => {
    const ws = wb.getWorksheet("问题清单");
    assert.ok(ws);
    assert.deepEqual(rowValues(ws, 1), HEADER);
    assert.equal(ws.rowCount, report.findings.length + 1);
    const view = ws.views[0] as { state?: string; ySplit?: number };
    assert.equal(view.state, "frozen");
    assert.equal(view.ySplit, 1);
    assert.ok(ws.autoFilter);
    assert.ok((ws.getColumn(9).width ?? 0) >= 30);
    assert.equal(ws.getColumn(9).alignment?.wrapText, true);
    // Rows are as tall as their wrapped text; the printout repeats the header.
    const tallest = Math.max(...report.findings.map((_, i) => ws.getRow(i + 2).height ?? 0));
    assert.ok(tallest >= 15 * 3, `tallest row ${tallest}`);
    assert.equal(ws.pageSetup.orientation, "landscape");
    assert.equal(ws.pageSetup.printTitlesRow, "1:1");
    report.findings.forEach((f, i) => {
      const v = rowValues(ws, i + 2);
      const cell = (h: string) => v[HEADER.indexOf(h)];
      assert.equal(cell("序号"), i + 1);
      assert.equal(cell("单位"), "随州市曾都区医疗保障服务中心");
      assert.equal(cell("年度"), 2022);
      assert.equal(cell("类型"), "决算");
      assert.equal(cell("级别"), SEVERITY_ZH[f.severity]);
      assert.equal(cell("规则"), f.rule);
      assert.equal(cell("规则名称"), FIXTURE_RULES.find((r) => r.id === f.rule)?.title);
      assert.equal(cell("说明"), f.message);
      assert.equal(cell("依据"), f.basis);
      assert.equal(cell("应为") ?? "", f.expected ?? "");
      assert.equal(cell("实际") ?? "", f.actual ?? "");
      const quote = f.locations.find((l) => l.quote)?.quote;
      if (quote) assert.ok(String(cell("原文")).includes(quote));
      const lines = [...new Set(f.locations.map((l) => l.line))];
      assert.equal(String(cell("行号")), lines.join("、"));
    });
    const project = rowValues(
      ws,
      2 + report.findings.findIndex((f) => f.rule === "text/project-total"),
    );
    assert.equal(project[HEADER.indexOf("科目/行")], "合计");
    assert.equal(project[HEADER.indexOf("列")], "项目支出");
    assert.equal(
      project[HEADER.indexOf("表格")],
      "说明文字：(一)预算绩效管理工作开展情况。\n支出决算表",
    );
  });

  it("the waived sheet carries the reason; the summary counts per document", async () => {
    const ws = wb.getWorksheet("已豁免");
    assert.ok(ws);
    const header = rowValues(ws, 1);
    assert.equal(header.at(-1), "豁免理由");
    assert.equal(rowValues(ws, 2).at(-1), report.waived[0]?.waiver.reason);
    const sum = wb.getWorksheet("汇总");
    assert.ok(sum);
    const h = rowValues(sum, 1);
    const v = rowValues(sum, 2);
    for (const [k, n] of [
      ["错误", 3],
      ["警告", 3],
      ["提示", 0],
      ["已豁免", 1],
    ] as const) {
      assert.equal(v[h.indexOf(k)], n, k);
    }
    const two = await readBack(await formatXlsx([report, hostileReport()]));
    assert.deepEqual(
      two.worksheets.map((w) => w.name),
      ["问题清单", "已豁免", "汇总", "读取情况", "规则运行出错"],
    );
    const total = rowValues(two.getWorksheet("汇总") as ExcelJS.Worksheet, 4);
    assert.equal(total[0], "合计（2 个文件）");
    assert.equal(total[h.indexOf("警告")], 4);
    assert.equal((two.getWorksheet("问题清单") as ExcelJS.Worksheet).rowCount, 1 + 6 + 2);
  });
});

describe("a table not checked is said in every format", () => {
  const reason = "科目 2080505 出现多次且金额不同";
  it("pretty, html, sarif, xlsx and json name the table, its page and why", async () => {
    const r = hostileReport();
    assert.match(
      formatPretty([r]),
      /未核对“一般公共预算支出表”（第 7 页）：科目 2080505 出现多次且金额不同/u,
    );
    assert.ok(parseHtml(formatHtml([r])).text.includes(reason));
    const sarif = formatSarif([r]);
    assert.ok(sarif.includes(reason));
    const wb = await readBack(await formatXlsx([r]));
    const ws = wb.getWorksheet("读取情况");
    assert.ok(ws);
    assert.ok(rowValues(ws, 2).some((v) => String(v).includes(reason)));
    const json = JSON.parse(formatJson([r])) as CheckReport;
    assert.equal(json.unchecked[0]?.page, 7);
  });
});
