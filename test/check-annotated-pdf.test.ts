/**
 * `gongkai check --format pdf -o 批注.pdf`: the original's pages kept, each
 * finding boxed and numbered on the pages its locations name (a cell at its
 * own box), the list of findings after them — read back with pdf.js.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { runCheck } from "../src/cli/check.ts";
import { SHARED, seedPath } from "./helpers/seeds.ts";

const PDF = join(SHARED, "corpus", "shanghai-putuo", "24年普陀区财政局（测试问题版本）.pdf");

interface Finding {
  locations: { page?: number; box?: [number, number, number, number] }[];
}

test("check --format pdf boxes every finding on its page of the original", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gongkai-annotated-"));
  try {
    const io = { out: () => {}, err: () => {} };
    const opts = { failOn: "none" as const, rule: [], color: false };
    await runCheck([PDF], { ...opts, format: "pdf", output: join(dir, "批注.pdf") }, io);
    await runCheck([PDF], { ...opts, format: "json", output: join(dir, "r.json") }, io);
    const findings = (
      JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as { findings: Finding[] }
    ).findings;
    const annotated = await getDocument({
      data: new Uint8Array(readFileSync(join(dir, "批注.pdf"))),
    }).promise;
    const original = await getDocument({ data: new Uint8Array(readFileSync(PDF)) }).promise;
    assert.ok(annotated.numPages > original.numPages);
    const pagesOf = new Map<number, Set<number>>();
    const rects: { n: number; page: number; box: number[] }[] = [];
    for (let p = 1; p <= original.numPages; p++) {
      const page = await annotated.getPage(p);
      const vp = page.getViewport({ scale: 1 });
      for (const a of await page.getAnnotations()) {
        if (a.subtype !== "Square") continue;
        const n = Number(/^(\d+)\./.exec(a.contentsObj?.str ?? "")?.[1]);
        pagesOf.set(n, (pagesOf.get(n) ?? new Set()).add(p));
        const [x0, y0] = vp.convertToViewportPoint(a.rect[0], a.rect[3]);
        rects.push({ n, page: p, box: [x0, y0] });
      }
    }
    let boxed = 0;
    for (const [i, f] of findings.entries()) {
      for (const loc of f.locations) {
        if (loc.page === undefined) continue;
        // Every page a location names carries the finding's number.
        assert.ok(pagesOf.get(i + 1)?.has(loc.page), `finding ${i + 1} on page ${loc.page}`);
        if (!loc.box) continue;
        boxed++;
        const box = loc.box;
        assert.ok(
          rects.some(
            (r) =>
              r.n === i + 1 &&
              r.page === loc.page &&
              Math.abs((r.box[0] as number) - box[0]) < 3 &&
              Math.abs((r.box[1] as number) - box[1]) < 3,
          ),
          `finding ${i + 1}'s cell boxed at its place on page ${loc.page}`,
        );
      }
    }
    assert.ok(boxed > 0, "cells with boxes were checked");
    const list = await annotated.getPage(original.numPages + 1);
    const text = (await list.getTextContent()).items
      .map((it) => ("str" in it ? it.str : ""))
      .join("");
    assert.match(text, /检查问题清单/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("check --format pdf refuses what has no PDF original, in Chinese", async () => {
  const io = { out: () => {}, err: () => {} };
  await assert.rejects(
    runCheck(
      [seedPath("002")],
      { failOn: "none", rule: [], color: false, format: "pdf", output: join(tmpdir(), "x.pdf") },
      io,
    ),
    /需要 PDF 原件/,
  );
  await assert.rejects(
    runCheck([PDF], { failOn: "none", rule: [], color: false, format: "pdf" }, io),
    /-o/,
  );
});
