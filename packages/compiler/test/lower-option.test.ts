import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "@carrot/compiler";

const root = resolve(__dirname, "../../..");

describe("compile({ lower: false })", () => {
  it("gives the same diagnostics and symbols without an IR", () => {
    for (const example of ["pharma-field-force", "saas-account-executive", "multi-currency"]) {
      const entry = resolve(root, "examples", example, "plan.carrot");
      const full = compile({ root, entry });
      const checkOnly = compile({ root, entry, lower: false });
      expect(full.ir).toBeDefined();
      expect(checkOnly.ir).toBeUndefined();
      expect(checkOnly.diagnostics).toEqual(full.diagnostics);
      expect(checkOnly.program.symbols.map((s) => s.name)).toEqual(full.program.symbols.map((s) => s.name));
    }
  });
});
