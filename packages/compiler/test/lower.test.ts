/**
 * Lowering golden tests: the IR of small plans (test/golden/*.carrot → *.ir.json), validated by the
 * IR schema, with the dumps of resolution (*.resolved.txt) and typing (*.types.txt). UPDATE_GOLDEN=1 re-records after review.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { planIrSchema, serializeIr } from "@carrot/ir";
import { describe, expect, it } from "vitest";
import { compile } from "../src/index.js";
import { checkSignatures } from "./ir-checks.js";

const dir = path.join(import.meta.dirname, "golden");

describe("lowering goldens", () => {
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".carrot"))
    .sort()) {
    it(name, () => {
      const r = compile({ root: dir, entry: name });
      expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(r.ir).toBeDefined();
      const parsed = planIrSchema.safeParse(r.ir);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      expect(checkSignatures(r.ir!.plan)).toEqual([]);
      const out = path.join(dir, name.replace(/\.carrot$/, ".ir.json"));
      const text = serializeIr(r.ir!);
      if (process.env.UPDATE_GOLDEN || !existsSync(out)) writeFileSync(out, text);
      expect(text).toBe(readFileSync(out, "utf8"));
      // The dumps of the earlier passes, so that a change in resolution or typing shows in review.
      for (const pass of ["resolved", "types"] as const) {
        const file = path.join(dir, name.replace(/\.carrot$/, `.${pass}.txt`));
        const dump = r.program.dump(pass).replaceAll(dir + "/", "");
        if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, dump);
        expect(dump).toBe(readFileSync(file, "utf8"));
      }
    });
  }
});
