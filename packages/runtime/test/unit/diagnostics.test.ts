import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { DATA_DIAGNOSTICS } from "../../src/index.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") && !path.endsWith("diagnostics.ts") ? [path] : [];
  });
}

describe("DATA_DIAGNOSTICS", () => {
  it("has unique codes, each documented and each reported somewhere in the runtime", () => {
    const codes = DATA_DIAGNOSTICS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    const text = sources(resolve(import.meta.dirname, "../../src")).map((f) => readFileSync(f, "utf8")).join("\n");
    for (const d of DATA_DIAGNOSTICS) {
      expect(d.code).toMatch(/^R\d{4}$/);
      expect(d.title && d.explanation && d.help && d.example).toBeTruthy();
      expect(text.includes(`"${d.code}"`), `${d.code} is never reported`).toBe(true);
    }
  });
});
