/**
 * The compiler's catalogue is complete and well-formed. (docs/diagnostics.md, generated from every
 * catalogue, is checked by tests/docs/diagnostics-doc.test.ts at the root.)
 */
import { SYNTAX_DIAGNOSTICS } from "@carrot/language";
import { expect, it } from "vitest";
import { SEMANTIC_DIAGNOSTICS } from "../src/index.js";

it("codes are unique, well-formed and fully documented", () => {
  const all = [...SYNTAX_DIAGNOSTICS, ...SEMANTIC_DIAGNOSTICS];
  expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
  expect(all.length).toBeGreaterThanOrEqual(25);
  for (const d of SEMANTIC_DIAGNOSTICS) {
    expect(d.code).toMatch(/^C0[1-9]\d\d$/);
    for (const field of [d.title, d.explanation, d.help, d.example]) expect(field.trim()).not.toBe("");
  }
});
