/** Every example plan of the repository compiles without errors into schema-valid IR. */
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { planIrSchema } from "@carrot/ir";
import { describe, expect, it } from "vitest";
import { compile, formatDiagnostic } from "../src/index.js";
import { checkSignatures } from "./ir-checks.js";

const examples = path.resolve(import.meta.dirname, "../../../examples");
const plans = existsSync(examples)
  ? readdirSync(examples)
      .filter((d) => existsSync(path.join(examples, d, "plan.carrot")))
      .sort()
  : [];

describe.runIf(plans.length > 0)("example plans", () => {
  for (const name of plans) {
    it(name, () => {
      const r = compile({ root: path.join(examples, name), entry: "plan.carrot" });
      const shown = r.diagnostics.map((d) => {
        const f = r.program.files.get(d.uri);
        return formatDiagnostic(d, f?.text ?? "", f?.relPath ?? d.uri);
      });
      expect(shown).toEqual([]);
      expect(planIrSchema.safeParse(r.ir).success).toBe(true);
      expect(checkSignatures(r.ir!.plan)).toEqual([]);
    });
  }
});
