/** Shape 63: split sales, a rate per seller's bonus type, a product override and a currency, ported from a script's tests (case.md). */
import { describe, expect, it } from "vitest";
import { compileErrors, dec, line, reconciles, runCase } from "./harness.js";

const CASE = "63-engine-split-bonus-types";
const M = "2023-03";

describe("63 split sales and bonus types (zachfrey/lucscript)", () => {
  it("compiles", () => {
    expect(compileErrors(CASE)).toEqual([]);
  });

  it("pays the asserted totals: ALEX 548.478, BEN 197.6912, COREY 173.1912", () => {
    const r = runCase(CASE);
    expect(line(r, "ALEX", M, "commission")).toBe(dec("548.4780"));
    expect(line(r, "BEN", M, "commission")).toBe(dec("197.6912"));
    expect(line(r, "COREY", M, "commission")).toBe(dec("173.1912"));
    expect(reconciles(r)).toBe(true);
  });

  it("each asserted sale line on its own: a half of sale1 173.1912, HU2JAIL 24.5, HU in GBP 24.278", () => {
    const files = (salesRows: string, sellerRows: string) => ({
      "sellers.csv": "id,name\nALEX,Alex\nBEN,Ben\nCOREY,Corey\n",
      "fx_rates.csv": "currency,date,rate\nGBP,2023-01-01,1.22\n",
      "sales.csv": `id,date,product,price,currency,customer\n${salesRows}\n`,
      "sale_sellers.csv": `sale,seller,bonus,share\n${sellerRows}\n`,
    });
    let r = runCase(CASE, {}, files("sale1,2023-03-01,WR,4056,GBP,joker@gmail.com", "sale1,BEN,E,50%\nsale1,COREY,E,50%"));
    expect([line(r, "BEN", M, "commission"), line(r, "COREY", M, "commission")]).toEqual([dec("173.1912"), dec("173.1912")]);
    r = runCase(CASE, {}, files("sale4,2023-03-01,HU2JAIL,49,USD,example@email.com", "sale4,BEN,N,100%"));
    expect(line(r, "BEN", M, "commission")).toBe(dec("24.5"));
    r = runCase(CASE, {}, files("sale5,2023-03-01,HU,39.80,GBP,example@email.uk", "sale5,ALEX,N,100%"));
    expect(line(r, "ALEX", M, "commission")).toBe(dec("24.278"));
  });
});
