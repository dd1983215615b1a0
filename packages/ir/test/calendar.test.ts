import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Calendar, CALENDAR_YEAR, formatDate, parseDate, type FiscalIR, type Grain } from "../src/index.js";

const GRAINS: Grain[] = ["month", "quarter", "half", "year"];
const day = (text: string) => parseDate(text)!;
const bounds = (cal: Calendar, id: string) => {
  const p = cal.parse(id);
  return p ? [p.grain, formatDate(p.start), formatDate(p.end)] : null;
};

describe("calendar years", () => {
  it("ids and bounds as before fiscal years existed", () => {
    expect(bounds(CALENDAR_YEAR, "2026-Q1")).toEqual(["quarter", "2026-01-01", "2026-03-31"]);
    expect(bounds(CALENDAR_YEAR, "2026-02")).toEqual(["month", "2026-02-01", "2026-02-28"]);
    expect(bounds(CALENDAR_YEAR, "2026-H2")).toEqual(["half", "2026-07-01", "2026-12-31"]);
    expect(bounds(CALENDAR_YEAR, "2026-Y")).toEqual(["year", "2026-01-01", "2026-12-31"]);
    expect(CALENDAR_YEAR.parse("FY2026-Q1")).toBeNull();
    expect(CALENDAR_YEAR.parse("2026-13")).toBeNull();
  });
});

describe("fiscal years", () => {
  const april = new Calendar({ start: 4, named: "start" });
  const february = new Calendar({ start: 2, named: "end" });
  it("April, named by the year it starts in (FY2026 = April 2026 .. March 2027)", () => {
    expect(bounds(april, "FY2026")).toEqual(["year", "2026-04-01", "2027-03-31"]);
    expect(bounds(april, "FY2026-Q1")).toEqual(["quarter", "2026-04-01", "2026-06-30"]);
    expect(bounds(april, "FY2026-Q4")).toEqual(["quarter", "2027-01-01", "2027-03-31"]);
    expect(bounds(april, "FY2026-H2")).toEqual(["half", "2026-10-01", "2027-03-31"]);
    expect(bounds(april, "2026-05")).toEqual(["month", "2026-05-01", "2026-05-31"]);
    expect(april.periodOfDay("quarter", day("2026-03-31")).id).toBe("FY2025-Q4");
    expect(april.parse("2026-Q1")).toBeNull();
  });
  it("February, named by the year it ends in (FY2027 = February 2026 .. January 2027)", () => {
    expect(bounds(february, "FY2027")).toEqual(["year", "2026-02-01", "2027-01-31"]);
    expect(bounds(february, "FY2027-Q4")).toEqual(["quarter", "2026-11-01", "2027-01-31"]);
    expect(february.periodOfDay("quarter", day("2026-01-31")).id).toBe("FY2026-Q4");
    expect(february.between("quarter", day("2026-02-01"), day("2027-01-31")).map((p) => p.id)).toEqual(["FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4"]);
  });

  it("for any fiscal year and grain: periods tile the days, each id parses back to its bounds, each day is in its period", () => {
    const fiscal = fc.record({ start: fc.integer({ min: 2, max: 12 }), named: fc.constantFrom<FiscalIR["named"]>("start", "end") });
    fc.assert(
      fc.property(fiscal, fc.constantFrom(...GRAINS), fc.integer({ min: day("1990-01-01"), max: day("2090-12-31") }), fc.integer({ min: 0, max: 800 }), (f, grain, from, length) => {
        const cal = new Calendar(f);
        const periods = cal.between(grain, from, from + length);
        expect(periods[0].start).toBeLessThanOrEqual(from);
        expect(periods[periods.length - 1].end).toBeGreaterThanOrEqual(from + length);
        periods.forEach((p, i) => {
          if (i > 0) expect(p.start).toBe(periods[i - 1].end + 1);
          expect(cal.parse(p.id)).toEqual(p);
          // Quarters, halves and years start on a multiple of their length from the fiscal year's first month.
          if (grain !== "month") expect((((p.startMonth % 12) - (f.start - 1)) % 12 + 12) % 12 % (p.months)).toBe(0);
        });
        for (const d of [from, from + Math.floor(length / 2), from + length]) {
          const p = cal.periodOfDay(grain, d);
          expect(p.start <= d && d <= p.end).toBe(true);
        }
      }),
    );
  });
});
