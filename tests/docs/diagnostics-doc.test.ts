/**
 * docs/diagnostics.md is generated from every catalogue: syntax (P), semantic (C), formatter (F)
 * and data (R). This test fails when the file is stale; UPDATE_GOLDEN=1 rewrites it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { SYNTAX_DIAGNOSTICS } from "@carrot/language";
import { renderDiagnosticsDoc, SEMANTIC_DIAGNOSTICS } from "@carrot/compiler";
import { DATA_DIAGNOSTICS } from "@carrot/runtime";
import { FORMAT_DIAGNOSTICS } from "prettier-plugin-carrot";

const docPath = resolve(__dirname, "../../docs/diagnostics.md");
const catalogues = [SYNTAX_DIAGNOSTICS, SEMANTIC_DIAGNOSTICS, FORMAT_DIAGNOSTICS, DATA_DIAGNOSTICS];

it("codes are unique across every pass, each with a prefix of its pass and full documentation", () => {
  const all = catalogues.flat();
  expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
  const prefixes: [readonly { code: string }[], RegExp][] = [
    [SYNTAX_DIAGNOSTICS, /^P\d{4}$/],
    [SEMANTIC_DIAGNOSTICS, /^C\d{4}$/],
    [FORMAT_DIAGNOSTICS, /^F\d{4}$/],
    [DATA_DIAGNOSTICS, /^R\d{4}$/],
  ];
  for (const [catalogue, pattern] of prefixes) for (const d of catalogue) expect(d.code).toMatch(pattern);
  for (const d of all) for (const field of [d.title, d.explanation, d.help, d.example]) expect(field.trim(), d.code).not.toBe("");
});

it("docs/diagnostics.md is up to date", () => {
  const text = renderDiagnosticsDoc(catalogues);
  if (process.env.UPDATE_GOLDEN) writeFileSync(docPath, text);
  expect(existsSync(docPath)).toBe(true);
  expect(readFileSync(docPath, "utf8")).toBe(text);
});
