import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { toLspDiagnostics } from "../src/features/diagnostics.js";
import { completion } from "../src/features/completion.js";
import { hover } from "../src/features/hover.js";
import { definition, references } from "../src/features/navigation.js";
import { prepareRename, rename } from "../src/features/rename.js";
import { documentSymbols } from "../src/features/symbols.js";
import { formatting } from "../src/features/formatting.js";
import { semanticTokens } from "../src/features/semanticTokens.js";
import { foldingRanges } from "../src/features/folding.js";
import { codeActions } from "../src/features/codeActions.js";
import { codeLenses } from "../src/features/codeLens.js";
import { inlayHints } from "../src/features/inlayHints.js";
import { workspace } from "./harness.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const plan = readFileSync(resolve(repo, "examples/pharma-field-force/plan.carrot"), "utf8");

/**
 * Nothing a user types makes a feature throw: every feature, called directly (without the server's
 * guard), at many positions of plans damaged in random places (cut, duplicated, garbage inserted).
 */
describe("robustness on damaged plans", () => {
  const damage = fc
    .tuple(fc.nat(plan.length), fc.nat(120), fc.constantFrom("", "{", "}", "(", '"', "..", ":", "=", "let x =", "\n", "revenue(", "sales.", "// "))
    .map(([at, cut, insert]) => plan.slice(0, at) + insert + plan.slice(Math.min(plan.length, at + cut)));

  it("every feature answers without throwing", () => {
    fc.assert(
      fc.property(damage, fc.array(fc.nat(plan.length + 200), { minLength: 3, maxLength: 6 }), (text, offsets) => {
        const ws = workspace({ "plan.carrot": text });
        try {
          const doc = ws.doc("plan.carrot");
          const p = ws.project;
          const all = { start: { line: 0, character: 0 }, end: doc.lines.positionAt(text.length) };
          const diagnostics = toLspDiagnostics(p, doc.uri);
          documentSymbols(p, doc.uri);
          formatting(p, doc.uri);
          const tokens = semanticTokens(p, doc.uri);
          expect(tokens.length % 5).toBe(0);
          foldingRanges(p, doc.uri);
          codeLenses(p, doc.uri);
          inlayHints(p, doc.uri, all);
          for (const offset of offsets) {
            const position = doc.lines.positionAt(offset);
            completion(p, doc.uri, position);
            hover(p, doc.uri, position);
            definition(p, doc.uri, position);
            references(p, doc.uri, position, true);
            prepareRename(p, doc.uri, position);
            rename(p, doc.uri, position, "renamed_name");
            codeActions(p, doc.uri, { start: position, end: position }, diagnostics);
          }
        } finally {
          ws.dispose();
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 40), ...(process.env.FUZZ_RUNS ? {} : { seed: 20261130 }) },
    );
  });
});
