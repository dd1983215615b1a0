import { describe, expect, it } from "vitest";
import { addAmounts, formatAmount, groupedAmount, mulDiv, parseAmount, ratio, signedAmount, subAmounts } from "../src/index.js";

const a = (t: string) => parseAmount(t)!;

describe("amounts", () => {
  it("adds without binary floats", () => {
    expect(formatAmount(addAmounts(a("0.1"), a("0.2")))).toBe("0.3");
    expect(formatAmount(subAmounts(a("10"), a("12.50")), 2)).toBe("-2.50");
  });
  it("rounds half-even when scaling down and never prints -0", () => {
    expect(formatAmount(a("2.345"), 2)).toBe("2.34");
    expect(formatAmount(a("2.355"), 2)).toBe("2.36");
    expect(formatAmount(a("-0.001"), 2)).toBe("0.00");
  });
  it("groups and signs for people", () => {
    expect(groupedAmount(a("-1234567.5"))).toBe("-1,234,567.50");
    expect(signedAmount(a("120"))).toBe("+120.00");
  });
  it("divides exactly with rounding", () => {
    expect(formatAmount(mulDiv(a("1000"), 90n, 45n, 2))).toBe("2000");
    // past 10^17, where a 20-digit decimal would round twice: 818582960135659 × 996 / 44
    // = 18529741552161735.5454… → .55
    expect(formatAmount(mulDiv(a("818582960135659"), 996n, 44n, 2), 2)).toBe("18529741552161735.55");
    expect(formatAmount(ratio(a("92400"), a("80000"), 4)!)).toBe("1.155");
    expect(ratio(a("1"), a("0"), 4)).toBeNull();
  });
  it("refuses what is not a plain decimal", () => {
    expect(["1e5", "1,000", "", "abc", "."].map(parseAmount)).toEqual([null, null, null, null, null]);
  });
});
