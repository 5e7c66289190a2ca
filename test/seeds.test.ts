/**
 * Every seed extracts; every table, row, cell and claim points at a source
 * line that really holds what it claims to come from.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ingestFile } from "../src/ingest/index.ts";
import { formatAmount, parseAmount } from "../src/model/money.ts";
import { DisclosureSchema } from "../src/model/schema.ts";
import { recognize } from "../src/recognize/index.ts";
import { SEEDS_DIR, seedFiles } from "./helpers/seeds.ts";

/** Digits of an amount as printed, without separators (broken numbers span two lines). */
function digits(s: string): string {
  return s.replace(/[^\d]/g, "");
}

describe("all seeds", () => {
  const files = seedFiles();
  it("has five seeds", () => assert.equal(files.length, 5));
  for (const f of files) {
    it(`${f}: extracts, validates, and every cell and claim cites its line`, async () => {
      const path = join(SEEDS_DIR, f);
      const lines = readFileSync(path, "utf8").split(/\r\n|\r|\n/);
      const d = recognize(await ingestFile(path));
      DisclosureSchema.parse(d);
      assert.ok(d.tables.length >= 7, `${f}: ${d.tables.length} tables`);
      assert.ok(d.entity.name.length >= 4);
      const around = (line: number, endLine?: number) =>
        digits(lines.slice(line - 1, (endLine ?? line) + 1).join(""));
      for (const t of d.tables) {
        assert.ok(t.source.line >= 1 && t.source.line <= lines.length);
        for (const r of t.rows) {
          assert.ok(r.source.line >= 1 && r.source.line <= lines.length, `${f} ${t.id} ${r.key}`);
          for (const c of Object.values(r.cells)) {
            if (c.amount === null) continue;
            // The cell's own line (or the next, for a number broken in two) prints it.
            assert.ok(
              around(c.source.line, c.source.endLine).includes(digits(c.text)),
              `${f} ${t.id} ${r.key}: ${c.text} not on line ${c.source.line}`,
            );
            assert.equal(parseAmount(c.text), c.amount);
          }
        }
      }
      for (const c of d.claims) {
        assert.ok(c.source.line >= 1 && c.source.line <= lines.length);
        if (c.amount !== undefined && c.amount !== 0) {
          const printed = digits(formatAmount(Math.abs(c.amount))).replace(/0+$/, "");
          assert.ok(
            around(c.source.line, c.source.endLine).includes(printed) ||
              around(c.source.line - 1, c.source.endLine).includes(printed),
            `${f}: claim ${c.quote} not at line ${c.source.line}`,
          );
        }
      }
    });
  }
});
