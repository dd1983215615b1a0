import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join, resolve } from "node:path";
import { compile } from "@carrot/compiler";
import { planIrSchema } from "@carrot/ir";
import { validateIr } from "../../src/index.js";

// validateIr checks the IR with zod's `jitless` parse (no parser compiled per object shape): it
// must accept and reject exactly what the schema's default (compiled) parse does, with the same
// issues, paths and messages, in the same order.

const repo = resolve(import.meta.dirname, "../../../..");
const ir = compile({ root: join(repo, "examples/pharma-field-force"), entry: "plan.carrot" }).ir!;

/** Every path (keys and indices) to a value inside `node`. */
function pathsOf(node: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (node === null || typeof node !== "object") return out;
  for (const [k, v] of Object.entries(node)) {
    const path = [...at, Array.isArray(node) ? Number(k) : k];
    out.push(path);
    pathsOf(v, path, out);
  }
  return out;
}

const paths = pathsOf(ir);
const DELETE = Symbol("delete");
const replacement = fc.constantFrom<unknown>(DELETE, null, 0, 1.5, -1, "", "x", "2026-13-01", "1.50", "-3", true, [], {}, { op: "const" }, [1]);
const mutation = fc.array(fc.tuple(fc.nat(paths.length - 1), replacement), { minLength: 1, maxLength: 4 });

function mutate(edits: [number, unknown][]): unknown {
  const copy = structuredClone(ir) as unknown;
  for (const [p, value] of edits) {
    const path = paths[p];
    let parent = copy as Record<string | number, unknown> | null;
    for (const k of path.slice(0, -1)) parent = parent !== null && typeof parent === "object" ? (parent[k] as Record<string | number, unknown> | null) : null;
    if (parent === null || typeof parent !== "object") continue;
    const key = path[path.length - 1];
    if (value === DELETE) delete parent[key];
    else parent[key] = value;
  }
  return copy;
}

const messages = (value: unknown): string[] => {
  const r = planIrSchema.safeParse(value);
  return r.success ? [] : r.error.issues.slice(0, 20).map((i) => `invalid IR at ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
};

describe("validateIr", () => {
  it("accepts the pharma example's IR", () => {
    expect(validateIr(ir).ok).toBe(true);
  });

  it("gives exactly the schema's default parse's issues for any mutation of an IR", () => {
    fc.assert(
      fc.property(mutation, (edits) => {
        const value = mutate(edits);
        const r = validateIr(value);
        const expected = messages(value);
        expect(r.ok ? [] : r.diagnostics.map((d) => d.message)).toEqual(expected);
        if (!r.ok) expect(r.diagnostics.every((d) => d.code === "R0001")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
