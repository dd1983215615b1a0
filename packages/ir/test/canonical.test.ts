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

// One writer: writeCanonicalJson, whose whole text canonicalJson is. Its oracle is independent of it:
// JSON.parse gives back the value (own keys, `__proto__` included), the keys of every object in the
// text are in canonical order, JSON.stringify of the parsed value gives the same bytes (so the only
// whitespace is JSON.stringify's indent), the bytes do not depend on key insertion order, and the
// chunks join to the unchunked text.
describe("writeCanonicalJson (canonicalJson's writer)", () => {
  const chunked = (value: unknown, pretty: boolean, size: number): string[] => {
    const parts: string[] = [];
    writeCanonicalJson(value, pretty, (c) => parts.push(c), size);
    return parts;
  };

  /** An object with these own enumerable data properties, in this order (`__proto__` too: no setter runs). */
  const objectOf = (entries: [string, unknown][]): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    return o;
  };
  const own = (o: object, k: string): unknown => Object.getOwnPropertyDescriptor(o, k)!.value;

  const skipped = (v: unknown): boolean => v === undefined || typeof v === "function" || typeof v === "symbol";

  /** What JSON.parse should give back: skipped properties gone, `null` for them in arrays, -0 as 0. */
  const model = (v: unknown): unknown => {
    if (skipped(v)) return null;
    if (typeof v === "number") return Object.is(v, -0) ? 0 : v;
    if (Array.isArray(v)) return v.map(model);
    if (v !== null && typeof v === "object") {
      return objectOf(Object.keys(v).filter((k) => !skipped(own(v, k))).map((k) => [k, model(own(v, k))]));
    }
    return v;
  };

  /** Structural equality over own keys (order aside), which sees an own `__proto__`. */
  const same = (a: unknown, b: unknown): boolean => {
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
    }
    if (a !== null && typeof a === "object" && b !== null && typeof b === "object") {
      const ka = Object.keys(a).sort();
      const kb = Object.keys(b).sort();
      return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(own(a, k), own(b, k)));
    }
    return Object.is(a, b);
  };

  /** The same tree with every object's keys inserted in the reverse order. */
  const reversed = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reversed);
    if (v !== null && typeof v === "object") return objectOf(Object.keys(v).reverse().map((k) => [k, reversed(own(v, k))]));
    return v;
  };

  const isIndex = (k: string): boolean => /^(0|[1-9][0-9]*)$/.test(k) && Number(k) <= 4294967294;
  /** Canonical order: array-index keys first by number, then the others by UTF-16 code units. */
  const before = (a: string, b: string): boolean => (isIndex(a) ? !isIndex(b) || Number(a) < Number(b) : !isIndex(b) && a < b);

  /** The keys of every object of a JSON text, in the order written (a scanner of its own). */
  const keyLists = (text: string): string[][] => {
    const lists: string[][] = [];
    const stack: (string[] | null)[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === "{") stack.push([]);
      else if (c === "[") stack.push(null);
      else if (c === "}") lists.push(stack.pop()!);
      else if (c === "]") stack.pop();
      else if (c === '"') {
        let j = i + 1;
        while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
        const s = JSON.parse(text.slice(i, j + 1)) as string;
        let k = j + 1;
        while (text[k] === " ") k++;
        if (text[k] === ":") stack.at(-1)!.push(s);
        i = j;
      }
    }
    return lists;
  };

  const key = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.string({ unit: "grapheme", maxLength: 3 }),
    fc.constantFrom("__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "0", "1", "10", "01", "-1", "1.5", "4294967294", "4294967295", "a", "b", "\u0000", "a\u0000b", "é", "\ud83d\ude00", "\ud800"),
  );
  const leaf = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary", maxLength: 6 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(-0, 1e21, 5e-324, "\ud800", "line\nbreak", '"quoted"', "__proto__"),
  );
  const dropped = fc.constantFrom(undefined, (): number => 1, Symbol("s"));
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(fc.oneof(tie("tree"), dropped), { maxLength: 5 }),
      fc.uniqueArray(fc.tuple(key, fc.oneof(tie("tree"), tie("tree"), dropped)), { selector: (e) => e[0], maxLength: 6 }).map(objectOf),
    ),
  }));

  it("property: JSON.parse gives the value back, keys in canonical order, JSON.stringify's layout, whatever the insertion order or chunk size", () => {
    fc.assert(
      fc.property(tree, fc.boolean(), fc.integer({ min: 1, max: 64 }), (value, pretty, size) => {
        const text = canonicalJson(value, pretty);
        const parsed: unknown = JSON.parse(text);
        expect(same(parsed, model(value))).toBe(true);
        for (const keys of keyLists(text)) for (let i = 1; i < keys.length; i++) expect(before(keys[i - 1], keys[i])).toBe(true);
        expect(JSON.stringify(parsed, null, pretty ? 2 : undefined) + (pretty ? "\n" : "")).toBe(text);
        expect(canonicalJson(reversed(value), pretty)).toBe(text);
        const chunks = chunked(value, pretty, size);
        expect(chunks.join("")).toBe(text);
        expect(chunks.every((c, i) => c.length > 0 && (i === chunks.length - 1 || c.length >= size))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps an own __proto__ key (seed 1548381049: [{\"__proto__\": \"\"}] lost it) and ids such as constructor or toString", () => {
    expect(canonicalJson(JSON.parse('[{"__proto__": ""}]'))).toBe('[{"__proto__":""}]');
    const ids = JSON.parse('{"toString": {"__proto__": {"a": 1}}, "__proto__": [1], "constructor": "c"}') as unknown;
    expect(canonicalJson(ids)).toBe('{"__proto__":[1],"constructor":"c","toString":{"__proto__":{"a":1}}}');
    expect(canonicalJson(ids, true)).toBe('{\n  "__proto__": [\n    1\n  ],\n  "constructor": "c",\n  "toString": {\n    "__proto__": {\n      "a": 1\n    }\n  }\n}\n');
  });

  it("golden bytes, compact and pretty", () => {
    const f = (): number => 1;
    const value = { b: 1, a: [true, null, "x"], "10": "ten", "2": "two", "": {}, é: [], Z: -0, "a\u0000": 1e21, u: undefined };
    expect(canonicalJson(value)).toBe('{"2":"two","10":"ten","":{},"Z":0,"a":[true,null,"x"],"a\\u0000":1e+21,"b":1,"é":[]}');
    expect(canonicalJson(value, true)).toBe(
      '{\n  "2": "two",\n  "10": "ten",\n  "": {},\n  "Z": 0,\n  "a": [\n    true,\n    null,\n    "x"\n  ],\n  "a\\u0000": 1e+21,\n  "b": 1,\n  "é": []\n}\n',
    );
    // Functions, symbols, holes and undefined: dropped as properties, null in arrays; a Date has no own keys.
    // eslint-disable-next-line no-sparse-arrays
    const odd = [undefined, f, , { f, s: Symbol("s"), d: new Date(0) }, [[]], { x: { y: {} } }, '\ud800"\n\\', 0.1, -5e-324];
    expect(canonicalJson(odd)).toBe('[null,null,null,{"d":{}},[[]],{"x":{"y":{}}},"\\ud800\\"\\n\\\\",0.1,-5e-324]');
    expect(canonicalJson(odd, true)).toBe(
      '[\n  null,\n  null,\n  null,\n  {\n    "d": {}\n  },\n  [\n    []\n  ],\n  {\n    "x": {\n      "y": {}\n    }\n  },\n  "\\ud800\\"\\n\\\\",\n  0.1,\n  -5e-324\n]\n',
    );
    expect(canonicalJson("x", true)).toBe('"x"\n');
    expect(canonicalJson({ u: undefined }, true)).toBe("{}\n");
    // Objects of one shape in two key orders, and key lists whose joined text is the same
    // (["a\u0000b", "c"] and ["a", "b\u0000c"]), are not taken for one another.
    const shapes = [{ y: 1, x: 2 }, { x: 3, y: 4 }, { "a\u0000b": 1, c: 2 }, { a: 1, "b\u0000c": 2 }, { c: 3, "a\u0000b": 4 }];
    expect(canonicalJson(shapes)).toBe('[{"x":2,"y":1},{"x":3,"y":4},{"a\\u0000b":1,"c":2},{"a":1,"b\\u0000c":2},{"a\\u0000b":4,"c":3}]');
  });

  it("reads an own enumerable getter once, as its value (lazy traces, defineLazy)", () => {
    let reads = 0;
    const line = { amount: "1.00" } as Record<string, unknown>;
    Object.defineProperty(line, "trace", { get: () => (reads++, { steps: [1] }), enumerable: true, configurable: true });
    const lazy = {} as { lines: number[] };
    Object.defineProperty(lazy, "lines", {
      get() {
        Object.defineProperty(this, "lines", { value: [1, 2], enumerable: true, writable: true, configurable: true });
        return [1, 2];
      },
      enumerable: true,
      configurable: true,
    });
    expect(canonicalJson([line, lazy])).toBe('[{"amount":"1.00","trace":{"steps":[1]}},{"lines":[1,2]}]');
    expect(reads).toBe(1);
    expect(chunked([line], true, 4).join("")).toBe(canonicalJson([line], true));
    expect(reads).toBe(3);
  });

  it("hands over text before the whole value is built (many chunks for a large value)", () => {
    const big = { lines: Array.from({ length: 2000 }, (_, i) => ({ person: `P${i}`, amount: "1.00", trace: { steps: [] } })) };
    const chunks = chunked(big, true, 1024);
    expect(chunks.join("")).toBe(canonicalJson(big, true));
    expect(chunks.length).toBeGreaterThan(50);
    expect(chunks.every((c) => c.length < 1024 + 100)).toBe(true);
  });

  it("writes every UTF-16 code unit, alone and between others, as JSON.stringify does", () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      expect(canonicalJson(s)).toBe(JSON.stringify(s));
      expect(canonicalJson(["a" + s + "b"])).toBe(`[${JSON.stringify("a" + s + "b")}]`);
    }
    expect(canonicalJson("\ud83d\ude00\ud83d")).toBe(JSON.stringify("\ud83d\ude00\ud83d"));
  });

  it("refuses non-finite numbers with the same message, streamed or whole", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow("canonicalJson: non-finite number NaN");
    expect(() => canonicalJson([1, -Infinity], true)).toThrow("canonicalJson: non-finite number -Infinity");
    expect(() => writeCanonicalJson({ a: [Infinity] }, true, () => {})).toThrow("canonicalJson: non-finite number Infinity");
  });
});
