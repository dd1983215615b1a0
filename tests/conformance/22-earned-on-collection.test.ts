/** Shape 22: commission advanced at booking, settled on collection, charged back at a deadline (case.md). */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "@carrot/runtime";
import { compileErrors, dec, line, payable, runCase } from "./harness.js";

const CASE = "22-earned-on-collection";
const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

describe("22 earned on collection", () => {
  let r: RunResult;
  beforeAll(() => {
    expect(compileErrors(CASE)).toEqual([]);
    r = runCase(CASE);
  });

  it("advance at booking (capped per deal), remainder on payment, charge-back at the deadline", () => {
    expect(months.map((m) => line(r, "E", m, "advance"))).toEqual(["8000.00", "3000.00", "0", "0", "0", "0"].map(dec));
    expect(months.map((m) => line(r, "E", m, "collection"))).toEqual(["0", "0", "3000.00", "0", "0", "1000.00"].map(dec));
    expect(months.map((m) => line(r, "E", m, "chargeback"))).toEqual(["0", "0", "0", "-1000.00", "-3000.00", "0"].map(dec));
    expect(months.map((m) => payable(r, "E", m))).toEqual(["8000.00", "3000.00", "3000.00", "-1000.00", "-3000.00", "1000.00"].map(dec));
  });

  // Was gap G8: `dated` took only a column (C0513); a date expression of the row is now accepted.
  it("the deadline can be written in the plan as `dated bookings.date + 90`, with the same figures", () => {
    expect(compileErrors(CASE, "plan-dated-expression.carrot")).toEqual([]);
    const computed = runCase(CASE, {}, undefined, "plan-dated-expression.carrot");
    expect(computed.lines.map((l) => [l.person, l.period, l.component, l.amount])).toEqual(
      r.lines.map((l) => [l.person, l.period, l.component, l.amount]),
    );
    expect(computed.totals).toEqual(r.totals);
    expect(computed.reconciliation).toEqual(r.reconciliation);
  });

  // Was bug B3 (docs/conformance.md): the reconciliation's periods depended on the credit rules'
  // names; fixed in the runtime (ed7cc4d: a row is reconciled at its earliest dated date).
  it("renaming a credit rule changes no figure, not even the reconciliation", () => {
    expect(compileErrors(CASE, "plan-renamed.carrot")).toEqual([]);
    const renamed = runCase(CASE, {}, undefined, "plan-renamed.carrot");
    expect(renamed.lines.map((l) => [l.period, l.amount])).toEqual(r.lines.map((l) => [l.period, l.amount]));
    expect(renamed.reconciliation).toEqual(r.reconciliation);
  });

  it("each booking is reconciled once, in the month it was booked (its earliest date)", () => {
    const books = r.reconciliation.filter((x) => x.table === "bookings").map((x) => [x.period, dec(x.amountIn), dec(x.uncredited)]);
    expect(books).toEqual([
      ["2026-01", dec("110000"), dec("0")],
      ["2026-02", dec("30000"), dec("0")],
    ]);
  });
});
