import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Dec } from "../../src/decimal.js";
import { decimalAt, loadTable } from "../../src/index.js";
import { col, table } from "../helpers/ir.js";

const t = table("t", [col("amount", "money[EUR]"), col("share", "ratio")]);

describe("numeric cells", () => {
  it("property: every plain decimal (and percent) cell loads to exactly its value, large ones included", () => {
    const decimalText = fc
      .tuple(fc.constantFrom("", "-", "+"), fc.stringMatching(/^\d{1,22}$/), fc.option(fc.stringMatching(/^\d{0,14}$/)))
      .map(([sign, int, frac]) => `${sign}${int}${frac === null ? "" : `.${frac}`}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(decimalText, decimalText, fc.boolean()), { minLength: 1, maxLength: 20 }), (cells) => {
        const text = ["amount,share", ...cells.map(([a, s, pct]) => `${a},${s}${pct ? "%" : ""}`)].join("\n");
        const { table: loaded, diagnostics } = loadTable(t, text, "t.csv");
        expect(diagnostics).toEqual([]);
        const amount = loaded.columns.get("amount")!;
        const share = loaded.columns.get("share")!;
        cells.forEach(([a, s, pct], row) => {
          expect(amount.kind === "decimal" && decimalAt(amount, row)!.eq(new Dec(a))).toBe(true);
          const expected = pct ? new Dec(s).div(100) : new Dec(s);
          expect(share.kind === "decimal" && decimalAt(share, row)!.eq(expected)).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("a later cell with more decimals that would make earlier values unsafe switches the column to exact decimals", () => {
    // 7500000000.000303% is 75000000.00000303 (scale 8, a safe integer); a cell of scale 9 would need ×10.
    const { table: loaded } = loadTable(t, "amount,share\n0,7500000000.000303%\n0,0.0000000%\n", "t.csv");
    const share = loaded.columns.get("share")!;
    expect(share.kind === "decimal" ? [decimalAt(share, 0)!.toFixed(), decimalAt(share, 1)!.toFixed()] : null).toEqual(["75000000.00000303", "0"]);
  });

  it("rejects what is not a plain decimal", () => {
    for (const bad of ["1e5", "1,5", "€5", "--1", ".", "+", "1.2.3", "12%"]) {
      const { diagnostics } = loadTable(t, `amount,share\n"${bad}",0\n`, "t.csv");
      expect(diagnostics.map((d) => d.code), bad).toEqual(["R0021"]);
    }
  });
});
