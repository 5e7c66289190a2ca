/**
 * The web app end to end, in a real browser: Debian's Chromium driven by
 * playwright-core (no browser is downloaded), against the real server on a
 * loopback port over a temporary SQLite store, with the built front end.
 * One browser, one page, the way a reviewer and a preparer use it: sign in;
 * upload a seed and a corpus PDF; see each finding marked on the page its
 * locations name; filter and waive; download the annotated PDF and read its
 * marks back; compare two units of one department; prepare a document from
 * the template and download it; and the public, read-only view.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser, Page } from "playwright-core";
import { extractBytes } from "../src/pipeline.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";
import { type Client, startTestServer, type TestServer } from "./helpers/server.ts";

const CHROMIUM = "/usr/bin/chromium";
const PASSWORD = "网页测试-密码-123";
const CORPUS_PDF = join(SHARED, "corpus", "shanghai-putuo", "24年普陀区财政局（测试问题版本）.pdf");
const ROOT = join(import.meta.dirname, "..");

interface Finding {
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  locations: { page?: number; line?: number; box?: number[]; table?: string }[];
}
interface Detail {
  id: string;
  status: string;
  findings: Finding[];
  check: { summary: { error: number; warning: number; info: number; waived: number } } | null;
}
type Mark = { finding: number; page: number; box: [number, number, number, number] };

const skip = existsSync(CHROMIUM)
  ? false
  : "Debian's chromium is not installed (scripts/system-deps.sh installs it as root)";

let server: TestServer;
let admin: Client;
let browser: Browser;
let page: Page;
let dir: string;

before(async () => {
  if (skip) return;
  // The front end as npm start serves it (built once; later runs reuse it).
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-web.ts"), "--if-needed"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  dir = mkdtempSync(join(tmpdir(), "gongkai-web-"));
  server = await startTestServer(join(dir, "store.db"));
  await server.store.createUser({ username: "审核员", password: PASSWORD, role: "admin" });
  admin = await server.login("审核员", PASSWORD);
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: "zh-CN",
    acceptDownloads: true,
  });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Poll a condition of the page (the app updates as the user acts, and scrolls smoothly). */
async function until(ok: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function detail(id: string): Promise<Detail> {
  const r = await admin.get<Detail>(`/api/documents/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

/** Upload through the 审核 page's file input; the app moves to the document and shows its findings. */
async function uploadInBrowser(file: string, publish: boolean): Promise<string> {
  await page.goto(`${server.url}/review`);
  if (publish) await page.check("text=上传后直接公开");
  await page.setInputFiles('input[type="file"][name="file"]', file);
  await page.waitForURL(/\/review\/[^/]+$/);
  const id = page.url().split("/").pop() as string;
  await page.waitForSelector("article.finding, .notice:has-text('没有发现问题')", {
    timeout: 240_000,
  });
  return id;
}

test("sign in, then review a seed: findings listed and their lines highlighted", {
  skip,
}, async () => {
  await page.goto(server.url);
  await page.click("text=登录");
  await page.fill('input[name="username"]', "审核员");
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForSelector("text=审核员");

  const id = await uploadInBrowser(seedPath("002"), true);
  const d = await detail(id);
  assert.equal(d.status, "done");
  assert.ok(d.findings.length > 0, "seed 002 has findings");
  assert.equal(await page.locator("article.finding").count(), d.findings.length);
  // Each finding's first line is highlighted in the text with its severity and number.
  for (const [i, f] of d.findings.entries()) {
    const line = f.locations.find((l) => l.line !== undefined)?.line;
    if (line === undefined) continue;
    const el = page.locator(`.ln[data-line="${line}"]`);
    assert.match(
      (await el.getAttribute("class")) ?? "",
      /\b(error|warning|info)\b/,
      `line ${line}`,
    );
    assert.ok(
      (await el.locator(".tag").allTextContents()).includes(String(i + 1)),
      `finding ${i + 1} tagged on line ${line}`,
    );
  }
});

test("a corpus PDF: every finding marked on the page it names; filter; waive", {
  skip,
}, async () => {
  const id = await uploadInBrowser(CORPUS_PDF, false);
  const d = await detail(id);
  const marks = (await admin.get<{ marks: Mark[] }>(`/api/documents/${id}/marks`)).body.marks;
  // Every location with a page and a box is drawn on that page, at that box.
  await page.waitForSelector(".pdf-page");
  let boxed = 0;
  for (const [i, f] of d.findings.entries()) {
    for (const loc of f.locations) {
      if (loc.page === undefined || !loc.box) continue;
      boxed++;
      const onPage = page.locator(`.pdf-page[data-page="${loc.page}"] .mark[data-finding="${i}"]`);
      assert.ok((await onPage.count()) > 0, `finding ${i + 1} marked on page ${loc.page}`);
    }
  }
  assert.ok(boxed > 0, "the corpus document has findings on table cells");
  // Sentences are marked too: each mark the API gives is on its page, sized to its box.
  assert.ok(marks.length >= boxed);
  const m = marks.find((x) => !d.findings[x.finding]?.locations.some((l) => l.box)) ?? marks[0];
  assert.ok(m);
  const pageBox = await page.locator(`.pdf-page[data-page="${m.page}"]`).boundingBox();
  const markBox = await page
    .locator(`.pdf-page[data-page="${m.page}"] .mark[data-finding="${m.finding}"]`)
    .first()
    .boundingBox();
  assert.ok(pageBox && markBox);
  const scale = (markBox.width - 4) / (m.box[2] - m.box[0]);
  assert.ok(Math.abs(markBox.x - pageBox.x - (m.box[0] * scale - 2)) < 2, "mark at its box's x");
  assert.ok(Math.abs(markBox.y - pageBox.y - (m.box[1] * scale - 2)) < 2, "mark at its box's y");
  assert.ok(
    Math.abs(markBox.height - ((m.box[3] - m.box[1]) * scale + 4)) < 2,
    "mark as tall as its box",
  );

  // Clicking a finding scrolls its page into view.
  const target = d.findings.findIndex((f) => f.locations.some((l) => l.page && l.page > 5));
  await page.click(`article.finding[data-card="${target}"]`);
  const firstPage = marks.find((x) => x.finding === target)?.page;
  await until(async () => {
    const box = await page.locator(`.pdf-page[data-page="${firstPage}"]`).boundingBox();
    return box !== null && box.y + box.height > 0 && box.y < 768;
  }, `page ${firstPage} scrolled into view`);

  // Filters: severity chips and the rule family.
  const count = (s: string) => d.findings.filter((f) => f.severity === s).length;
  await page.click('button.chip[data-sev="error"]');
  assert.equal(await page.locator("article.finding").count(), count("warning") + count("info"));
  await page.click('button.chip[data-sev="error"]');
  const family = d.findings[0]?.rule.split("/")[0] as string;
  await page.selectOption('select[name="family"]', family);
  const inFamily = d.findings.filter((f) => f.rule.startsWith(`${family}/`)).length;
  assert.equal(await page.locator("article.finding").count(), inFamily);
  for (const rule of await page
    .locator("article.finding")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-rule"))))
    assert.ok(rule?.startsWith(`${family}/`));
  await page.selectOption('select[name="family"]', "");

  // Waive the first finding with a reason.
  const waivedRule = d.findings[0]?.rule as string;
  const card = page.locator('article.finding[data-card="0"]');
  await card.locator('button[data-action="waive"]').click();
  await card.locator('textarea[name="reason"]').fill("已与编制单位核实，目录条目为排版遗留");
  await card.locator('button[type="submit"]').click();
  await page.waitForSelector(`.waived-item[data-waived="${waivedRule}"]`);
  assert.match(
    (await page.locator(".waived-item").first().textContent()) ?? "",
    /已与编制单位核实/,
  );
  const after = await detail(id);
  assert.equal(after.check?.summary.waived, 1);
  assert.equal(after.findings.length, d.findings.length - 1);
  assert.equal(await page.locator("article.finding").count(), after.findings.length);
});

test("the annotated PDF: the original's pages, each finding boxed on its pages, the list at the end", {
  skip,
}, async () => {
  const page0 = page.url();
  const id = page0.split("/").pop() as string;
  const d = await detail(id);
  const marks = (await admin.get<{ marks: Mark[] }>(`/api/documents/${id}/marks`)).body.marks;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-export="pdf"]'),
  ]);
  assert.match(download.suggestedFilename(), /批注\.pdf$/);
  const file = join(dir, "批注.pdf");
  await download.saveAs(file);
  const annotated = await getDocument({ data: new Uint8Array(readFileSync(file)) }).promise;
  const original = await getDocument({ data: new Uint8Array(readFileSync(CORPUS_PDF)) }).promise;
  assert.ok(annotated.numPages > original.numPages, "the list of findings follows the original");
  // Read every box back: its page, its number, and where it is.
  const found = new Map<number, Set<number>>();
  for (let p = 1; p <= original.numPages; p++) {
    const pg = await annotated.getPage(p);
    const vp = pg.getViewport({ scale: 1 });
    for (const a of await pg.getAnnotations()) {
      if (a.subtype !== "Square") continue;
      const n = Number(/^(\d+)\./.exec(a.contentsObj?.str ?? "")?.[1]);
      assert.ok(n >= 1 && n <= d.findings.length, `annotation numbered: ${a.contentsObj?.str}`);
      const set = found.get(n - 1) ?? new Set<number>();
      set.add(p);
      found.set(n - 1, set);
      // Its rectangle, in the viewport, encloses one of the finding's marks on this page.
      const [x0, y0] = vp.convertToViewportPoint(a.rect[0], a.rect[3]);
      const [x1, y1] = vp.convertToViewportPoint(a.rect[2], a.rect[1]);
      const near = marks.some(
        (m) =>
          m.finding === n - 1 &&
          m.page === p &&
          Math.abs(Math.min(x0, x1) - m.box[0]) < 3 &&
          Math.abs(Math.min(y0, y1) - m.box[1]) < 3,
      );
      assert.ok(near, `box ${n} on page ${p} sits on the finding's place`);
    }
  }
  for (const [i] of d.findings.entries()) {
    const want = new Set(marks.filter((m) => m.finding === i).map((m) => m.page));
    assert.deepEqual(found.get(i) ?? new Set(), want, `finding ${i + 1}'s pages`);
  }
  const list = await annotated.getPage(original.numPages + 1);
  const text = (await list.getTextContent()).items
    .map((it) => ("str" in it ? it.str : ""))
    .join("");
  assert.match(text, /检查问题清单/);
  assert.match(text, /已豁免/);
});

test("compare the two units of 曾都区医疗保障局 side by side", { skip }, async () => {
  const b = await admin.upload(seedPath("000"), { published: "true" });
  assert.equal((await admin.waitProcessed(b.body.id)).body.status, "done");
  await page.goto(`${server.url}/compare`);
  await page.selectOption('select[name="mode"]', "units");
  const options = await page.locator('select[name="entity"] option').allTextContents();
  const dept = options.findIndex((o) => o.includes("曾都区医疗保障局"));
  assert.ok(dept >= 0, `the department is offered: ${options.join(" | ")}`);
  await page.selectOption('select[name="entity"]', { index: dept });
  await page.click('button[type="submit"]');
  const units = page.locator('.comparison[data-mode="units"]').first();
  await units.waitFor();
  const head = (await units.locator("thead").first().textContent()) ?? "";
  assert.match(head, /医疗保障服务中心/);
  assert.match(head, /医疗保障信息中心/);
  assert.match(head, /合计/);
});

test("prepare from the template: codes from the catalog, totals live, findings, download", {
  skip,
}, async () => {
  await page.goto(`${server.url}/prepare`);
  await page.selectOption('select[name="kind"]', "budget");
  await page.fill('input[name="year"]', "2024");
  await page.click('button[type="submit"]');
  await page.fill('input[name="entity"]', "网页测试单位");
  await page.click("nav.sheets button:has-text('一般公共预算支出表')");
  // Two 项 under one 款: the 款, the 类 and the 合计 add up as one types.
  const codeInputs = page.locator('input[name^="code-"]');
  await codeInputs.last().fill("2010101");
  await codeInputs.last().dispatchEvent("change");
  await page.click("text=＋ 添加一行");
  await codeInputs.last().fill("2010102");
  await codeInputs.last().dispatchEvent("change");
  await page.waitForSelector("text=行政运行");
  const first = page
    .locator("table.edit tbody tr", { hasText: "行政运行" })
    .locator("td.num input")
    .first();
  await first.fill("1,234.50");
  const second = page
    .locator("table.edit tbody tr", { hasText: "一般行政管理事务" })
    .locator("td.num input")
    .first();
  await second.fill("100.25");
  const total = page.locator("table.edit tbody tr.fixed").first().locator("td.num input").first();
  await until(async () => (await total.inputValue()) === "1,334.75", "the 合计 adds up");
  assert.equal(await total.inputValue(), "1,334.75");
  // The checker answers as one types (the 收支总表 is still empty, so the tables disagree).
  await page.waitForSelector("aside.checks .cf", { timeout: 30_000 });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-render="xlsx"]'),
  ]);
  const file = join(dir, "公开.xlsx");
  await download.saveAs(file);
  const back = await extractBytes(new Uint8Array(readFileSync(file)), file);
  assert.equal(back.year, 2024);
  const gpb = back.tables.find((t) => t.id === "gpb_function");
  assert.ok(gpb, "the 一般公共预算支出表 is in the document");
  const row = gpb.rows.find((r) => r.key === "2010101");
  assert.equal(gpb.unit, "元");
  assert.equal(row?.cells.total?.amount, 123450, "1,234.50 元 as typed, exact");
  // The same draft as the HTML document: titled with the unit's name.
  const [html] = await Promise.all([
    page.waitForEvent("download"),
    page.click('button[data-render="html"]'),
  ]);
  const htmlFile = join(dir, "公开.html");
  await html.saveAs(htmlFile);
  const text = readFileSync(htmlFile, "utf8");
  assert.match(text, /网页测试单位/);
  assert.match(text, /1,234\.50/);
});

test("the public view: an anonymous reader sees published documents, read-only", {
  skip,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const anon = await context.newPage();
  await anon.goto(server.url);
  await anon.waitForSelector("text=访客（只读，仅已公开文档）");
  await anon.waitForSelector("table.grid tbody tr td a");
  const names = await anon.locator("table.grid tbody tr td a").allTextContents();
  assert.ok(names.length >= 2, "the two published seeds");
  assert.ok(!names.some((n) => n.includes("普陀区财政局")), "the unpublished PDF is not listed");
  await anon.locator("table.grid tbody tr td a").first().click();
  await anon.waitForSelector("article.finding");
  assert.equal(await anon.locator('button[data-action="waive"]').count(), 0);
  await context.close();
});
