import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalJson, componentIr, planHash, planIr, planIrSchema, writeCanonicalJson, type MatrixIR, type PlanBody } from "@carrot/ir";

const body: PlanBody = planIr({
  components: [componentIr("c", { op: "const", type: "money[EUR]", value: "10" })],
}).plan;

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it("gives the same bytes whatever the insertion order of keys", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it("refuses non-finite numbers", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
  });
});

describe("planHash and schema", () => {
  it("hashes the plan body only, stably", () => {
    const h = planHash(body);
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(planHash(structuredClone(body))).toBe(h);
    expect(planHash({ ...body, version: "2" })).not.toBe(h);
  });

  it("accepts a well-formed IR and rejects a malformed expression", () => {
    const ir = planIr(body);
    expect(planIrSchema.safeParse(ir).success).toBe(true);
    const bad = structuredClone(ir);
    (bad.plan.components[0]!.payout as { op: string }).op = "launch_missiles";
    expect(planIrSchema.safeParse(bad).success).toBe(false);
  });

  it("keeps the hash of a plan without pay, hold or release, and validates them when present", () => {
    const h = planHash(body);
    expect(planHash({ ...body, pay: undefined })).toBe(h);
    const bound = { op: "const", type: "money[EUR]", value: "20000" } as const;
    const withAll: PlanBody = {
      ...body,
      pay: { timing: "next", grain: "quarter" },
      components: [{ ...body.components[0]!, hold: { bound, reason: "windfall" } }],
      payout: { ...body.payout, release: { table: "approvals" } },
    };
    expect(planHash(withAll)).not.toBe(h);
    expect(planIrSchema.safeParse(planIr(withAll)).success).toBe(true);
    const parsed = planIrSchema.parse(planIr(body));
    expect(canonicalJson(parsed.plan)).toBe(canonicalJson(body));
    const badPay = planIr({ ...body, pay: { timing: "later", grain: "quarter" } as unknown as PlanBody["pay"] });
    expect(planIrSchema.safeParse(badPay).success).toBe(false);
  });
  it("keeps the hash of a plan without matrices, and validates a matrix and its application when present", () => {
    const h = planHash(body);
    expect(planHash({ ...body, matrices: undefined })).toBe(h);
    const matrix: MatrixIR = {
      id: "matrix:m",
      name: "m",
      boundary: "lower",
      rowType: "ratio",
      columnType: "ratio",
      valueType: "ratio",
      rows: [{ from: "0", to: "0.9" }, { from: "0.9", to: null }],
      columns: [{ from: "0", to: "0.2" }, { from: "0.2", to: null }],
      cells: [["0", "0.25"], ["0.5", "1"]],
    };
    const x = { op: "const", type: "ratio", value: "1" } as const;
    const withMatrix: PlanBody = {
      ...body,
      matrices: [matrix],
      components: [{ ...body.components[0]!, payout: { op: "matrix", type: "ratio", matrix: "m", row: x, column: x } }],
    };
    expect(planHash(withMatrix)).not.toBe(h);
    expect(planIrSchema.safeParse(planIr(withMatrix)).success).toBe(true);
    expect(canonicalJson(planIrSchema.parse(planIr(body)).plan)).toBe(canonicalJson(body));
    const ragged = planIr({ ...withMatrix, matrices: [{ ...matrix, cells: [["0", "0.25"], ["0.5"]] }] });
    expect(planIrSchema.safeParse(ragged).success).toBe(false);
  });
});

describe("writeCanonicalJson", () => {
  const chunked = (value: unknown, pretty: boolean, size: number): { text: string; chunks: number } => {
    const parts: string[] = [];
    writeCanonicalJson(value, pretty, (c) => parts.push(c), size);
    return { text: parts.join(""), chunks: parts.length };
  };

  it("writes exactly canonicalJson's bytes, in chunks, for any JSON value (pretty or not)", () => {
    // Objects with undefined properties and arrays holding undefined, as results may have.
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(fc.oneof(tie("node"), fc.constant(undefined)), { maxLength: 5 }),
        fc.dictionary(fc.string(), fc.oneof(tie("node"), fc.constant(undefined)), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.boolean(), fc.integer({ min: 1, max: 64 }), (v, pretty, size) => {
        expect(chunked(v, pretty, size).text).toBe(canonicalJson(v, pretty));
      }),
      { numRuns: 500 },
    );
  });

  it("hands over text before the whole value is built (many chunks for a large value)", () => {
    const big = { lines: Array.from({ length: 2000 }, (_, i) => ({ person: `P${i}`, amount: "1.00", trace: { steps: [] } })) };
    const { text, chunks } = chunked(big, true, 1024);
    expect(text).toBe(canonicalJson(big, true));
    expect(chunks).toBeGreaterThan(50);
  });

  it("refuses a non-finite number, as canonicalJson does", () => {
    expect(() => writeCanonicalJson({ x: Infinity }, true, () => {})).toThrow(/non-finite/);
  });
});
