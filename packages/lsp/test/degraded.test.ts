import { describe, expect, it, vi } from "vitest";

// The compiler is replaced by one that always throws, as a compiler bug would.
vi.mock("@carrot/compiler", async (importOriginal) => {
  const real = await importOriginal<typeof import("@carrot/compiler")>();
  const fail = () => {
    throw new Error("simulated compiler bug");
  };
  return { ...real, compile: fail, checkFiles: fail };
});

const { toLspDiagnostics } = await import("../src/features/diagnostics.js");
const { completion } = await import("../src/features/completion.js");
const { hover } = await import("../src/features/hover.js");
const { documentSymbols } = await import("../src/features/symbols.js");
const { workspace, PLAN_PRELUDE } = await import("./harness.js");

describe("when the compiler throws", () => {
  it("answers from the parse alone and reports the failure once per change", () => {
    const ws = workspace({ "plan.carrot": PLAN_PRELUDE + "measure broken = = 1\n\n<|>\n" });
    try {
      const errors: unknown[] = [];
      ws.project.onInternalError = (e) => errors.push(e);
      const doc = ws.doc("plan.carrot");
      const diagnostics = toLspDiagnostics(ws.project, doc.uri);
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.every((d) => String(d.code).startsWith("P"))).toBe(true);
      expect(completion(ws.project, doc.uri, doc.cursor()).map((i) => i.label)).toContain("measure");
      expect(hover(ws.project, doc.uri, doc.cursor())).toBeNull();
      expect(documentSymbols(ws.project, doc.uri).map((s) => s.name)).toContain("Category");
      expect(errors).toHaveLength(1);
    } finally {
      ws.dispose();
    }
  });
});
