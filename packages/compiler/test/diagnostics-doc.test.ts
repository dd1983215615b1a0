/**
 * docs/diagnostics.md is generated from the syntax and semantic catalogues. This test fails when
 * the file is stale; UPDATE_GOLDEN=1 rewrites it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { SYNTAX_DIAGNOSTICS } from "@carrot/language";
import { expect, it } from "vitest";
import { renderDiagnosticsDoc, SEMANTIC_DIAGNOSTICS } from "../src/index.js";

const docPath = path.resolve(import.meta.dirname, "../../../docs/diagnostics.md");

it("codes are unique, well-formed and fully documented", () => {
  const all = [...SYNTAX_DIAGNOSTICS, ...SEMANTIC_DIAGNOSTICS];
  expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
  expect(all.length).toBeGreaterThanOrEqual(25);
  for (const d of SEMANTIC_DIAGNOSTICS) {
    expect(d.code).toMatch(/^C0[1-9]\d\d$/);
    for (const field of [d.title, d.explanation, d.help, d.example]) expect(field.trim()).not.toBe("");
  }
});

it("docs/diagnostics.md is up to date", () => {
  const text = renderDiagnosticsDoc(SYNTAX_DIAGNOSTICS, SEMANTIC_DIAGNOSTICS);
  if (process.env.UPDATE_GOLDEN) writeFileSync(docPath, text);
  expect(existsSync(docPath)).toBe(true);
  expect(readFileSync(docPath, "utf8")).toBe(text);
});
