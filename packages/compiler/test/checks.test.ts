/** Semantic checks beyond the one-fixture-per-code set: variants of cycles, tiers, tables and plan rules. */
import { describe, expect, it } from "vitest";
import { compile } from "../src/index.js";

const HEADER = `plan "P" {
  currency  EUR
  effective 2026-01-01 .. 2026-12-31
  period    quarter
}
people reps { id person key  level text }
`;

function codes(body: string, header = HEADER): string[] {
  const text = header + body;
  const r = compile({
    root: "/ws",
    entry: "plan.carrot",
    readFile: (p) => (p === "/ws/plan.carrot" ? text : undefined),
  });
  return r.diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
}

describe("cycles", () => {
  it("a measure that reads itself", () => {
    expect(codes("measure a = a + 1 EUR\ncomponent c { payout a }\n")).toEqual(["C0301 a"]);
  });
  it("components reading each other", () => {
    expect(codes("component a { payout b }\ncomponent b { payout a * 2 }\n")).toEqual(["C0301 a"]);
  });
  it("component lets reading each other", () => {
    expect(codes("component c {\n  let x = y\n  let y = x\n  payout x\n}\n")).toEqual(["C0301 x"]);
  });
  it("a cycle through a measure and a component", () => {
    expect(codes("measure m = c * 2\ncomponent c { payout m }\n")).toEqual(["C0301 m"]);
  });
  it("a dimension hierarchy that loops", () => {
    expect(codes("dimension A of B { x: y }\ndimension B of A { y: x }\ncomponent c { payout 0 EUR }\n")).toContain(
      "C0301 B",
    );
  });
  it("reading a component across the reporting line is not a cycle", () => {
    expect(codes("component c { payout sum(reports.c) * 5% }\n")).toEqual([]);
  });
});

describe("tier tables", () => {
  const use = "component c { payout t(50%) * 1000 EUR }\n";
  it("boundary both allows gaps but not touching bands", () => {
    expect(codes("tiers t retroactive boundary both { 0% .. 49% : 1%  50% .. : 2% }\n" + use)).toEqual([]);
    expect(codes("tiers t retroactive boundary both { 0% .. 50% : 1%  50% .. : 2% }\n" + use)).toEqual([
      "C0402 50% .. : 2%",
    ]);
  });
  it("an interpolated table needs a closed last band", () => {
    expect(
      codes("tiers t interpolated { 0% .. 100% : 100 EUR  100% .. : 200 EUR }\ncomponent c { payout t(50%) }\n"),
    ).toEqual(["C0404 100% .. : 200 EUR"]);
  });
  it("an amount table gives money, a rate table needs a value to multiply", () => {
    expect(
      codes("tiers t amount { 0% .. 100% : 100 EUR  100% .. : 200 EUR }\ncomponent c { payout t(50%) }\n"),
    ).toEqual([]);
    expect(codes("tiers t amount { 0% .. 100% : 1%  100% .. : 2% }\n" + use)).toEqual(["C0406 amount"]);
  });
  it("a band that ends before it starts", () => {
    expect(codes("tiers t marginal { 50% .. 10% : 1% }\n" + use)).toEqual(["C0401 50% .. 10% : 1%"]);
  });
  it("bounds must be constants", () => {
    expect(codes("let lo = 0%\ntiers t marginal { lo .. : 1% }\n" + use)).toEqual(["C0522 lo"]);
  });
});

describe("curves", () => {
  const use = "component c { payout k(50%) * 1000 EUR }\n";
  it("a cliff written at the first point's x, as the reference shows", () => {
    expect(codes("curve k {\n  below 80% : 0%\n  80% : 50%\n  100% : 100%\n}\n" + use)).toEqual([]);
    expect(codes("curve k {\n  below : 0%\n  80% : 50%\n}\n" + use)).toEqual([]);
  });
  it("a cliff elsewhere than the first point", () => {
    expect(codes("curve k {\n  below 70% : 0%\n  80% : 50%\n}\n" + use)).toEqual(["C0406 70%"]);
  });
});

describe("plan, people and components", () => {
  it("a plan without a people table", () => {
    expect(
      codes("component c { payout 0 EUR }\n", HEADER.replace("people reps { id person key  level text }\n", "")),
    ).toEqual(["C0120 "]);
  });
  it("an unknown rounding mode and grain", () => {
    const header = HEADER.replace("period    quarter", "period    quartre\n  rounding  2 banker");
    expect(codes("component c { payout 0 EUR }\n", header)).toEqual(["C0405 quartre", "C0405 banker"]);
  });
  it("a window must be constant dates in order", () => {
    expect(codes("component c { window 2026-06-30 .. 2026-01-01  payout 0 EUR }\n")).toEqual([
      "C0504 window 2026-06-30 .. 2026-01-01",
    ]);
  });
  it("an unused component let is a warning and does not block the IR", () => {
    const text = HEADER + "component c {\n  let spare = 5%\n  payout 10 EUR\n}\n";
    const r = compile({ root: "/ws", entry: "plan.carrot", readFile: () => text });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(["warning C0901"]);
    expect(r.ir).toBeDefined();
  });
  it("payout, floor and cap are money of the plan currency", () => {
    expect(codes("component c { payout 10 USD }\n")).toEqual(["C0203 10 USD"]);
    expect(codes("component c { payout 10 EUR  floor 5% }\n")).toEqual(["C0204 5%"]);
    expect(codes("component c { payout 10 EUR  floor 0 }\n")).toEqual([]);
  });
  it("credit clauses are typed in the row context of the source and joined tables", () => {
    const inputs =
      "input sales { id text key  date date  rep person  amount money }\ninput cover { person person  share percent }\n";
    expect(
      codes(
        inputs +
          "credit r { from sales  join cover on cover.share > 0  to cover.person  split cover.share }\ncomponent c { payout sum(r.amount) }\n",
      ),
    ).toEqual([]);
    expect(codes(inputs + "credit r { from sales  to sales.amount }\ncomponent c { payout sum(r.amount) }\n")).toEqual([
      "C0901 cover",
      "C0204 sales.amount",
    ]);
    expect(codes(inputs + "credit r { from sales  to cover.person }\ncomponent c { payout sum(r.amount) }\n")).toEqual([
      "C0113 cover.person",
    ]);
  });
  it("a string compared with a member is checked against the member's dimension", () => {
    const model =
      'dimension Product { "CARD-A", "ONCO-X" }\ninput sales { id text key  date date  rep person  product Product  amount money }\ncredit d { from sales  to sales.rep }\n';
    expect(codes(model + 'component c { payout sum(d.amount where d.product = "CARD-A") }\n')).toEqual([]);
    expect(codes(model + 'component c { payout sum(d.amount where "CARD-B" = d.product) }\n')).toEqual([
      'C0110 "CARD-B"',
    ]);
  });
});

describe("tests", () => {
  const model = "component commission { payout 10 EUR }\nmeasure m(k: K) = 1\ndimension K { A, B }\n";
  it("arguments are members of the target's parameters", () => {
    expect(codes(model + 'test "t" { given m(A) = 2  expect commission = 10 EUR }\n')).toEqual([]);
    expect(codes(model + 'test "t" { given m(C) = 2  expect commission = 10 EUR }\n')).toEqual(["C0110 C"]);
    expect(codes(model + 'test "t" { given m = 2 }\n')).toEqual(["C0205 m"]);
  });
  it("a test period outside the plan's dates", () => {
    expect(codes(model + 'test "t" { period 2027-Q1  expect commission = 10 EUR }\n')).toEqual(["C0604 2027-Q1"]);
  });
  it("a given row must give the table's key columns", () => {
    const inputs = "input sales { id text key  date date  amount money }\n";
    expect(codes(inputs + model + 'test "t" { given sales { date: 2026-01-01, amount: 5 EUR } }\n')).toEqual([
      "C0602 sales",
    ]);
    expect(codes(inputs + model + 'test "t" { given sales { id: "s", amount: 5 } }\n')).toEqual(["C0602 5"]);
  });
});

describe("no cascades from broken declarations", () => {
  const inputs = "input sales { id text key  date date  rep person  amount money }\n";
  it("a misspelt source table: only the table name is reported", () => {
    expect(
      codes(
        inputs +
          "credit direct { from salse  to sales.rep }\nmeasure r = sum(direct.amount)\ncomponent c { payout r * 2% }\n",
      ),
    ).toEqual(["C0101 salse"]);
  });
  it("a misspelt parameter dimension: only the dimension is reported", () => {
    expect(
      codes("dimension K { A }\nmeasure m(k: KK) = if k = A then 1 else 2\ncomponent c { payout m(A) * 1 EUR }\n"),
    ).toEqual(["C0101 KK"]);
  });
  it("a misspelt column type: only the type is reported", () => {
    expect(
      codes(
        "input sales { id text key  date date  rep person  amount monye }\ncredit d { from sales  to sales.rep }\ncomponent c { payout sum(d.amount) }\n",
      ),
    ).toEqual(["C0108 monye"]);
  });
  it("a broken expression (syntax error) adds no semantic error", () => {
    expect(codes("component c { payout 10 EUR * }\n").filter((c) => c.startsWith("C"))).toEqual([]);
  });
});

describe("payment calendar, holds and releases", () => {
  const monthly = HEADER.replace("period    quarter", "period    month");
  it("pays at the plan grain or coarser, every or next", () => {
    for (const pay of ["every month", "next month", "every quarter", "next half", "every year"])
      expect(codes("component c { payout 0 EUR }\n", monthly.replace("}\n", `  pay ${pay}\n}\n`))).toEqual([]);
  });
  it("a finer or unknown pay grain, a repeated pay field", () => {
    expect(codes("component c { payout 0 EUR }\n", HEADER.replace("}\n", "  pay next month\n}\n"))).toEqual(["C0506 month"]);
    expect(codes("component c { payout 0 EUR }\n", HEADER.replace("}\n", "  pay every week\n}\n"))[0]).toMatch(/^C\d+ week$/);
    expect(codes("component c { payout 0 EUR }\n", HEADER.replace("}\n", "  pay every year\n  pay next year\n}\n"))).toEqual([
      "C0503 pay next year",
    ]);
  });
  it("a hold bound is money in the plan currency, given once", () => {
    expect(codes('component c {\n  payout 1 EUR\n  hold above 5%\n}\n')).toEqual(["C0204 5%"]);
    expect(codes('component c {\n  payout 1 EUR\n  hold above 2 EUR\n  hold above 3 EUR reason "x"\n}\n')).toEqual([
      'C0512 hold above 3 EUR reason "x"',
    ]);
    expect(codes("component c {\n  payout 1 EUR\n  hold above limt\n}\n")).toEqual(["C0101 limt"]);
    // The bound is read per person and period like a payout: reading the component itself is a cycle.
    expect(codes("component c {\n  payout 1 EUR\n  hold above c\n}\n")).toEqual(["C0301 c"]);
  });
  it("a release table is an input table with person, period and a text component", () => {
    const rule = "component c {\n  payout 1 EUR\n  hold above 0 EUR\n}\npayout { release holds from approvals }\n";
    expect(codes("input approvals { person person  period period  component text  note text optional }\n" + rule)).toEqual([]);
    expect(codes("input approvals { person person  period period  component count }\n" + rule)).toEqual(["C0524 count"]);
    expect(codes("input approvals { who person  period period  component text }\n" + rule)).toEqual(["C0524 approvals"]);
    expect(codes(rule)).toEqual(["C0101 approvals"]);
  });
});

describe("matrices", () => {
  const GRID = "  columns 0% .. 20%, 20% ..\n";
  const use = "component c { payout 100 EUR * m(10%, 30%) }\n";
  it("a well-formed matrix applied to two percents is clean", () => {
    expect(codes(`matrix m {\n${GRID}  0% .. 100% : 1, 2\n  100% .. : 3, 4\n}\n${use}`)).toEqual([]);
  });
  it("band rules per axis, saying which axis", () => {
    const text = (body: string) => HEADER + body;
    const messages = (body: string) => {
      const t = text(body);
      return compile({ root: "/ws", entry: "plan.carrot", readFile: (p) => (p === "/ws/plan.carrot" ? t : undefined) })
        .diagnostics.map((d) => `${d.code} ${d.message}`);
    };
    expect(messages(`matrix m {\n  columns 0% .. 20%, 10% ..\n  0% .. : 1, 2\n}\n${use}`)).toEqual([
      "C0402 This column band of 'm' overlaps the previous band",
    ]);
    expect(messages(`matrix m {\n${GRID}  0% .. 50% : 1, 2\n  60% .. : 3, 4\n}\n${use}`)).toEqual([
      "C0403 There is a gap before this row band of 'm'",
    ]);
    expect(messages(`matrix m {\n${GRID}  50% .. 100% : 1, 2\n  0% .. 50% : 3, 4\n}\n${use}`)).toEqual([
      "C0401 The row bands of 'm' are not in increasing order",
    ]);
    expect(messages(`matrix m {\n  columns 0% .., 20% .. 30%\n  0% .. : 1, 2\n}\n${use}`)).toEqual([
      "C0404 In 'm': only the last column band may be open",
    ]);
  });
  it("gaps are allowed with boundary both, touching bands are not", () => {
    expect(codes(`matrix m boundary both {\n  columns 0% .. 19%, 20% ..\n  0% .. 50% : 1, 2\n  60% .. : 3, 4\n}\n${use}`)).toEqual([]);
    expect(codes(`matrix m boundary both {\n${GRID}  0% .. : 1, 2\n}\n${use}`)).toEqual(["C0402 20% .."]);
  });
  it("bounds of one unit per axis, constant cells of one unit, one cell per column", () => {
    expect(codes(`matrix m {\n${GRID}  0% .. 5 : 1, 2\n}\n${use}`)).toEqual(["C0406 5"]);
    expect(codes(`matrix m {\n${GRID}  0% .. : 1, 2, 3\n}\n${use}`)).toEqual(["C0408 0% .. : 1, 2, 3"]);
    expect(codes(`matrix m {\n${GRID}  0% .. : 1%, 2 EUR\n}\n${use}`)).toEqual(["C0409 2 EUR"]);
    expect(codes(`matrix m {\n${GRID}  0% .. : 1, person.level\n}\n${use}`)).toEqual(["C0522 person.level"]);
    expect(codes(`matrix m boundary middle {\n${GRID}  0% .. : 1, 2\n}\n${use}`)).toEqual(["C0405 middle"]);
    expect(codes(`matrix m {\n${GRID}}\n${use}`)).toEqual(["C0407 m"]);
  });
  it("applies to a row input and a column input in the units of their bands", () => {
    const m = `matrix m {\n  columns 0 EUR .. 1000 EUR, 1000 EUR ..\n  0% .. : 1%, 2%\n}\n`;
    expect(codes(`${m}component c { payout 100 EUR * m(10%, 5 EUR) }\n`)).toEqual([]);
    expect(codes(`${m}component c { payout 100 EUR * m(5 EUR, 10%) }\n`)).toEqual(["C0204 5 EUR", "C0204 10%"]);
    expect(codes(`${m}component c { payout 100 EUR * m(10%) }\n`)).toEqual(["C0205 m(10%)"]);
    expect(codes(`${m}component c { payout 100 EUR * m(10%, 5 EUR, 1) }\n`)).toEqual(["C0205 m(10%, 5 EUR, 1)"]);
    expect(codes(`${m}component c { payout m }\n`)).toEqual(["C0114 m"]);
    // A money cell makes the matrix an amount.
    const amounts = `matrix a {\n  columns 0% ..\n  0% .. : 500 EUR\n}\n`;
    expect(codes(`${amounts}component c { payout a(1, 10%) }\n`)).toEqual([]);
  });
  it("an unused matrix is reported like an unused tier table", () => {
    expect(codes(`matrix m {\n${GRID}  0% .. : 1, 2\n}\ncomponent c { payout 0 EUR }\n`)).toEqual(["C0901 m"]);
  });
});

describe("months_since", () => {
  it("takes one date and gives a count", () => {
    const people = `plan "P" {\n  currency  EUR\n  effective 2026-01-01 .. 2026-12-31\n  period    quarter\n}\npeople reps { id person key  start date  level text }\n`;
    expect(codes("component c { payout if months_since(person.start) <= 3 then 1 EUR else 0 EUR }\n", people)).toEqual([]);
    expect(codes("component c { payout 1 EUR * months_since(2026-03-17) }\n", people)).toEqual([]);
    expect(codes("component c { payout 1 EUR * months_since(person.level) }\n", people)).toEqual(["C0204 person.level"]);
    expect(codes("component c { payout 1 EUR * months_since(person.start, period_end) }\n", people)).toEqual([
      "C0205 months_since(person.start, period_end)",
    ]);
  });
});

describe("guarantee expressions (gap G14)", () => {
  it("a guarantee may be any money expression evaluated per person and period", () => {
    expect(codes(`component c { payout 0 EUR }\npayout { guarantee prorate(if person.level = "S" then 3000 EUR else 2000 EUR) per period recoverable }\n`)).toEqual([]);
  });
  it("a guarantee that is not money is a type error, not C0522", () => {
    expect(codes("component c { payout 0 EUR }\npayout { guarantee prorate(5%) per period nonrecoverable }\n")).toEqual(["C0204 prorate(5%)"]);
    expect(codes("component c { payout 0 EUR }\npayout { guarantee 5% per period nonrecoverable }\n")).toEqual(["C0204 5%"]);
  });
  it("a plan cap stays a constant", () => {
    expect(codes("measure m = 1 EUR\ncomponent c { payout m }\npayout { cap m per year }\n")).toEqual(["C0522 m"]);
  });
});

describe("check (gap G13)", () => {
  const T = "input allocations { product text key  region text key  share percent }\ncomponent c { payout 0 EUR }\n";
  const chk = (assert: string, per = "allocations.product") => codes(`${T}check k {\n  from allocations\n  per ${per}\n  assert ${assert}\n}\n`);
  it("aggregates over the table, per columns, constants and constant lets", () => {
    expect(chk("sum(allocations.share) = 100% and allocations.product != \"X\"")).toEqual([]);
    expect(codes(`${T}let full = 100%\ncheck k {\n  from allocations\n  assert abs(sum(allocations.share) - full) <= 1% and count(allocations where allocations.share > 0%) >= 1\n}\n`)).toEqual([]);
  });
  it("what has no value outside a person and period is C0525", () => {
    expect(chk("allocations.share = 100%")).toEqual(["C0525 allocations.share"]);
    expect(chk("sum(allocations.share) = 100% and person.level = \"x\"")).toEqual(["C0525 person.level"]);
    expect(chk("round(sum(allocations.share)) = 1")).toEqual(["C0525 round(sum(allocations.share))"]);
    expect(codes(`${T}measure m = 1%\ncheck k {\n  from allocations\n  assert sum(allocations.share) = m\n}\n`)).toEqual(["C0525 m"]);
  });
  it("the assert is a condition; severity is warning or error; from and assert are required", () => {
    expect(chk("sum(allocations.share)")).toEqual(["C0204 sum(allocations.share)"]);
    expect(codes(`${T}check k {\n  from allocations\n  assert count(allocations) > 0\n  severity fatal\n}\n`)).toEqual(["C0405 fatal"]);
    expect(codes(`${T}check k {\n  from allocations\n}\n`)).toEqual(["C0526 check k"]);
  });
});

describe("what has a value only for a person in a period: `dated` (C0513) and `check` (C0525) agree", () => {
  const T = `input sales { id text key  date date  rep person  amount money  share percent }
credit direct { from sales  to sales.rep }
measure m = sum(direct.amount)
component comp { payout 0 EUR }
`;
  // Each read that needs a person or a period, as a date (for `dated`) and as a condition (for `check`).
  const reads: [string, string, string][] = [
    ["period_end", "period_end", "period_end > 2026-01-01"],
    ["person.level", `sales.date + (if person.level = "S" then 1 else 0)`, `person.level = "S"`],
    ["months_since(sales.date)", "sales.date + months_since(sales.date)", "months_since(sales.date) > 0"],
    ["m", "sales.date + (if m > 0 EUR then 1 else 0)", "m > 0 EUR"],
    ["comp", "sales.date + (if comp > 0 EUR then 1 else 0)", "comp > 0 EUR"],
  ];
  const dated = (date: string) => codes(`${T}credit late { from sales  dated ${date}  to sales.rep }\n`);
  const check = (assert: string) => codes(`${T}check k {\n  from sales\n  per sales.rep\n  assert ${assert}\n}\n`);
  for (const [read, date, assert] of reads) {
    it(read, () => {
      expect(dated(date)).toEqual([`C0513 ${read}`]);
      expect(check(assert)).toEqual([`C0525 ${read}`]);
    });
  }
  it("the row's own columns and constant lets are readable in both", () => {
    expect(dated("sales.date + 90")).toEqual([]);
    expect(codes(`${T}let full = 100%\ncheck k {\n  from sales\n  per sales.rep\n  assert sum(sales.share) <= full\n}\n`)).toEqual([]);
  });
});

describe("fiscal year (gap G18)", () => {
  const header = (field: string, period = "quarter") => `plan "P" {
  currency  EUR
  effective 2026-04-01 .. 2027-03-31
  period    ${period}
  ${field}
}
people reps { id person key  level text }
component c { payout 0 EUR }
`;
  it("a month name, and start or end", () => {
    expect(codes("", header("fiscal year from april named by start"))).toEqual([]);
    expect(codes("", header("fiscal year from aprl"))).toEqual(["C0405 aprl"]);
    expect(codes("", header("fiscal year from april named by middle"))).toEqual(["C0405 middle"]);
    expect(codes("", header("fiscal year from january"))).toEqual(["C0504 january"]);
  });
  it("test periods and period literals are the fiscal calendar's", () => {
    const test = (p: string) => `test "t" {\n  period ${p}\n  expect c = 0 EUR\n}\n`;
    expect(codes(test("FY2026-Q2"), header("fiscal year from april named by start"))).toEqual([]);
    expect(codes(test("2026-Q2"), header("fiscal year from april named by start"))).toEqual(["C0604 2026-Q2"]);
    // FY2026 named by its end is April 2025 .. March 2026: before the effective dates.
    expect(codes(test("FY2026-Q2"), header("fiscal year from april"))).toEqual(["C0604 FY2026-Q2"]);
    expect(codes(test("FY2027-Q2"), header("fiscal year from april"))).toEqual([]);
    // Months keep their calendar ids.
    expect(codes(test("2026-05"), header("fiscal year from april", "month"))).toEqual([]);
    // A fiscal id in a calendar-year plan is not a period of it.
    expect(codes(`component c { payout 0 EUR }\n${test("FY2026-Q2")}`)).toEqual(["C0604 FY2026-Q2"]);
  });
});

describe("period literals in a fiscal plan", () => {
  it("a calendar quarter is not a period of a fiscal plan (C0212 says which ids are)", () => {
    const text = `plan "P" {
  currency  EUR
  effective 2026-04-01 .. 2027-03-31
  period    quarter
  fiscal year from april named by start
}
people reps { id person key }
component c { payout if period_end > 2026-Q3 then 1 EUR else 0 EUR }
`;
    const r = compile({ root: "/ws", entry: "plan.carrot", readFile: (p) => (p === "/ws/plan.carrot" ? text : undefined) });
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toContain(
      "C0212 2026-Q3 is not a valid period of the plan's fiscal year from april named by start (2026-03, FY2026-Q1, FY2026-H1, FY2026)",
    );
  });
});
