import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashBytes, hashString, Interner, SHORT_KEY, shortKey } from "../../src/data/intern.js";

/** The short key of ASCII bytes as a byte reader accumulates it while scanning (see `SHORT_KEY`). */
function keyOf(bytes: Uint8Array): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const d of bytes) {
    hi = (hi << 8) | (lo >>> 24);
    lo = (lo << 8) | d;
  }
  return [lo, shortKey(hi, bytes.length)];
}

describe("Interner", () => {
  it("property: a short ASCII string is found by its short key exactly when it was added (whatever else was added: long, non-ASCII, Latin-1, NUL)", () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "b", "0", "9", "\u0000", "\u007f", "R", "-"), maxLength: 9 }),
      fc.string({ maxLength: 9 }),
      fc.string({ unit: "binary", maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(text, { maxLength: 200 }), fc.array(text, { maxLength: 40 }), (added, probes) => {
        const interner = new Interner();
        for (const s of added) interner.add(s, hashString(s), 0);
        for (const s of [...added, ...probes]) {
          if (s.length > SHORT_KEY || [...s].some((ch) => ch.charCodeAt(0) >= 0x80)) continue;
          const bytes = Uint8Array.from(s, (ch) => ch.charCodeAt(0));
          const [lo, hi] = keyOf(bytes);
          expect(interner.findShort(lo, hi)).toBe(interner.find(s, hashString(s)));
          expect(interner.findBytes(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length))).toBe(interner.find(s, hashString(s)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("ids of one width and prefix that differ only in leading NULs or length are different keys", () => {
    const interner = new Interner();
    for (const s of ["a", "\u0000a", "\u0000\u0000a", "R00001", "R0001", "1234567", "0234567"]) interner.add(s, hashString(s), 0);
    expect(interner.findShort(...keyOf(new Uint8Array([0, 0, 97])))).toBe(2);
    expect(interner.findShort(...keyOf(new TextEncoder().encode("R0001")))).toBe(4);
    expect(interner.findShort(...keyOf(new TextEncoder().encode("0234567")))).toBe(6);
    expect(interner.findShort(...keyOf(new TextEncoder().encode("R00002")))).toBe(-1);
  });
});
