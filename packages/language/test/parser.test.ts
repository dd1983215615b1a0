import { describe, expect, it } from "vitest";
import { parse, stripSpans, type Declaration, type Expr } from "../src/index.js";

/** The single declaration of `text`, without spans; fails on any diagnostic. */
function decl(text: string): Declaration {
  const result = parse(text, "file:///t.carrot");
  expect(result.diagnostics).toEqual([]);
  expect(result.file.declarations).toHaveLength(1);
  return stripSpans(result.file.declarations[0]!);
}

/** The body of `let x = <text>`, without spans. */
function expr(text: string): Expr {
  const d = decl(`let x = ${text}`);
  if (d.kind !== "Value") throw new Error("not a value");
  return d.body;
}

const name = (text: string, quoted = false) => ({ kind: "Name", text, quoted });
const ref = (text: string) => ({ kind: "NameRef", name: name(text) });
const num = (value: string) => ({ kind: "NumberLit", value });
const pct = (value: string) => ({ kind: "PercentLit", value });
const bin = (op: string, left: unknown, right: unknown) => ({ kind: "BinaryExpr", op, left, right });
const path = (object: unknown, member: string) => ({ kind: "PathExpr", object, member: name(member) });
const arg = (value: unknown, argName?: string) =>
  argName === undefined ? { kind: "Argument", value } : { kind: "Argument", name: name(argName), value };

describe("declarations", () => {
  it("plan", () => {
    const d = decl(`plan "P" {
      version "2026.1"
      currency EUR
      effective 2026-01-01 .. 2026-12-31
      period quarter
      rounding 4 half_up on component
    }`);
    expect(d).toEqual({
      kind: "Plan",
      title: { kind: "StringLit", value: "P" },
      fields: [
        { kind: "PlanVersion", value: { kind: "StringLit", value: "2026.1" } },
        { kind: "PlanCurrency", code: name("EUR") },
        {
          kind: "PlanEffective",
          from: { kind: "DateLit", value: "2026-01-01" },
          to: { kind: "DateLit", value: "2026-12-31" },
        },
        { kind: "PlanPeriod", grain: name("quarter") },
        { kind: "PlanRounding", scale: num("4"), mode: name("half_up"), on: name("component") },
      ],
    });
  });

  it("imports", () => {
    const file = stripSpans(parse('import "./a.carrot"\nimport { A, b } from "../b.carrot"', "u").file);
    expect(file.imports).toEqual([
      { kind: "Import", path: { kind: "StringLit", value: "./a.carrot" } },
      { kind: "Import", path: { kind: "StringLit", value: "../b.carrot" }, names: [name("A"), name("b")] },
    ]);
  });

  it("dimension with a parent and optional commas", () => {
    expect(decl('dimension Product of Category { "CARD-A": Cardio, Plain: Cardio\n "X" }')).toEqual({
      kind: "Dimension",
      name: name("Product"),
      parent: name("Category"),
      members: [
        { kind: "Member", name: name("CARD-A", true), parent: name("Cardio") },
        { kind: "Member", name: name("Plain"), parent: name("Cardio") },
        { kind: "Member", name: name("X", true) },
      ],
    });
  });

  it("input and people columns, with keywords as column names and types", () => {
    const d = decl(
      "people reps { id person key\n end date optional\n period period key optional\n amount money[USD]\n local money(currency) }",
    );
    expect(d).toMatchObject({ kind: "Input", role: "people", name: name("reps") });
    if (d.kind !== "Input") throw new Error();
    expect(d.columns).toEqual([
      { kind: "Column", name: name("id"), type: { kind: "TypeRef", name: name("person") }, key: true, optional: false },
      { kind: "Column", name: name("end"), type: { kind: "TypeRef", name: name("date") }, key: false, optional: true },
      {
        kind: "Column",
        name: name("period"),
        type: { kind: "TypeRef", name: name("period") },
        key: true,
        optional: true,
      },
      {
        kind: "Column",
        name: name("amount"),
        type: { kind: "TypeRef", name: name("money"), currency: name("USD") },
        key: false,
        optional: false,
      },
      {
        kind: "Column",
        name: name("local"),
        type: { kind: "TypeRef", name: name("money"), currencyColumn: name("currency") },
        key: false,
        optional: false,
      },
    ]);
  });

  it("fx", () => {
    expect(decl("fx from fx_rates")).toEqual({ kind: "Fx", table: name("fx_rates") });
  });

  it("credit clauses, on one line or several", () => {
    const d = decl("credit direct { from sales  to sales.rep  dated sales.date  split 50%  rollup other  depth 2 }");
    expect(d).toEqual({
      kind: "Credit",
      name: name("direct"),
      clauses: [
        { kind: "CreditFrom", table: name("sales") },
        { kind: "CreditTo", person: path(ref("sales"), "rep") },
        { kind: "CreditDated", date: path(ref("sales"), "date") },
        { kind: "CreditSplit", share: pct("50") },
        { kind: "CreditRollup", rule: name("other") },
        { kind: "CreditDepth", depth: num("2") },
      ],
    });
    const join = decl(
      "credit c { join coverage on coverage.t = sales.t and sales.date in coverage.start .. coverage.end\n to coverage.person }",
    );
    if (join.kind !== "Credit") throw new Error();
    expect(join.clauses[0]).toMatchObject({
      kind: "CreditJoin",
      table: name("coverage"),
      on: { kind: "BinaryExpr", op: "and" },
    });
    expect(join.clauses[1]).toEqual({ kind: "CreditTo", person: path(ref("coverage"), "person") });
  });

  it("measure, quota and let, with and without parameters", () => {
    expect(decl("measure m(c: Category, r: Region) = 1")).toEqual({
      kind: "Value",
      keyword: "measure",
      name: name("m"),
      params: [
        { kind: "Param", name: name("c"), type: name("Category") },
        { kind: "Param", name: name("r"), type: name("Region") },
      ],
      body: num("1"),
    });
    expect(decl("quota quota(c: Category) = quota_in(c)")).toMatchObject({ keyword: "quota", name: name("quota") });
    expect(decl("let growth = 5%")).toEqual({ kind: "Value", keyword: "let", name: name("growth"), body: pct("5") });
    expect(decl("measure none() = 1")).toMatchObject({ params: [] });
  });

  it("tiers with boundary and an open last band", () => {
    expect(decl("tiers t retroactive boundary upper { 0% .. 80% : 1%\n 80% .. : 2% }")).toEqual({
      kind: "Tiers",
      name: name("t"),
      mode: name("retroactive"),
      boundary: name("upper"),
      bands: [
        { kind: "Band", from: pct("0"), to: pct("80"), value: pct("1") },
        { kind: "Band", from: pct("80"), value: pct("2") },
      ],
    });
  });

  it("matrix: column bands, rows of cells, an open last band on each axis", () => {
    const band = (from: unknown, to?: unknown) => (to === undefined ? { kind: "MatrixBand", from } : { kind: "MatrixBand", from, to });
    expect(
      decl(`matrix bonus_pct boundary upper {
        columns 0% .. 20%, 20% .. 30%, 30% ..
        0%   .. 90%  : 0%,   25%,  50%
        90%  .. 110% : 50%,  100%, 125%
        110% ..      : 100%, 150%, 200%
      }`),
    ).toEqual({
      kind: "Matrix",
      name: name("bonus_pct"),
      boundary: name("upper"),
      columns: [band(pct("0"), pct("20")), band(pct("20"), pct("30")), band(pct("30"))],
      rows: [
        { kind: "MatrixRow", band: band(pct("0"), pct("90")), values: [pct("0"), pct("25"), pct("50")] },
        { kind: "MatrixRow", band: band(pct("90"), pct("110")), values: [pct("50"), pct("100"), pct("125")] },
        { kind: "MatrixRow", band: band(pct("110")), values: [pct("100"), pct("150"), pct("200")] },
      ],
    });
  });

  it("check: from, per columns, assert, message and severity", () => {
    expect(
      decl(`check allocations_complete {
        from     allocations
        per      allocations.product, allocations.region
        assert   sum(allocations.share) = 100%
        message  "must add up to 100%"
        severity warning
      }`),
    ).toEqual({
      kind: "Check",
      name: name("allocations_complete"),
      clauses: [
        { kind: "CheckFrom", table: name("allocations") },
        { kind: "CheckPer", columns: [path(ref("allocations"), "product"), path(ref("allocations"), "region")] },
        {
          kind: "CheckAssert",
          condition: bin("=", { kind: "CallExpr", callee: ref("sum"), args: [arg(path(ref("allocations"), "share"))] }, pct("100")),
        },
        { kind: "CheckMessage", text: { kind: "StringLit", value: "must add up to 100%" } },
        { kind: "CheckSeverity", level: name("warning") },
      ],
    });
  });

  it("check and its clause words stay usable as names", () => {
    const d = decl("measure check = message + severity * warning - assert");
    expect(d.kind).toBe("Value");
    const r = parse("measure m = 1\n  + check\ncheck c {\n  from t\n  assert true\n}\n", "file:///t.carrot");
    expect(r.diagnostics).toEqual([]);
    expect(r.file.declarations.map((x) => x.kind)).toEqual(["Value", "Check"]);
  });

  it("check: a wrong clause says what a check holds", () => {
    const r = parse("check c {\n  from t\n  cap 5\n}\n", "file:///t.carrot");
    expect(r.diagnostics.map((x) => x.message)).toEqual(["unexpected 'cap': expected a check clause (from, per, assert, message or severity) or '}'"]);
  });

  it("matrix: a column band's upper bound on the next line starts the first row instead", () => {
    const d = decl("matrix m {\n columns 0 .. 10, 10 ..\n 0 .. 5 : 1, 2\n}");
    if (d.kind !== "Matrix") throw new Error("not a matrix");
    expect(d.columns).toHaveLength(2);
    expect(d.columns[1]).toEqual({ kind: "MatrixBand", from: num("10") });
    expect(d.rows).toHaveLength(1);
    // On its own line, the bound belongs to the band.
    const closed = decl("matrix m { columns 0 .. 10, 10 .. 20\n 0 .. 5 : 1, 2 }");
    if (closed.kind !== "Matrix") throw new Error("not a matrix");
    expect(closed.columns[1]).toEqual({ kind: "MatrixBand", from: num("10"), to: num("20") });
  });

  it("matrix and columns stay usable as names", () => {
    expect(expr("matrix[person.level] * columns")).toEqual(
      bin("*", { kind: "IndexExpr", object: ref("matrix"), keys: [path(ref("person"), "level")] }, ref("columns")),
    );
    const file = parse("measure a =\n  matrix[x]\ntable matrix by Level {\n  Junior : 1\n}", "u");
    expect(file.diagnostics).toEqual([]);
    expect(file.file.declarations.map((d) => d.kind)).toEqual(["Value", "Table"]);
  });

  it("a matrix being typed is a declaration of its own, its error reported there", () => {
    const text = "measure a = 1\nmatrix m\ncomponent c { payout 1 EUR }\n";
    const file = parse(text, "u");
    expect(file.file.declarations.map((d) => d.kind)).toEqual(["Value", "Matrix", "Component"]);
    expect(file.diagnostics.map((d) => d.message)).toEqual(["expected '{' after 'm'"]);
  });

  it("curve with a cliff", () => {
    expect(decl("curve c { below 80% : 0%\n 80% : 50% }")).toEqual({
      kind: "Curve",
      name: name("c"),
      points: [
        { kind: "CurvePoint", below: true, x: pct("80"), y: pct("0") },
        { kind: "CurvePoint", below: false, x: pct("80"), y: pct("50") },
      ],
    });
    expect(decl("curve c { below : 0% }")).toEqual({
      kind: "Curve",
      name: name("c"),
      points: [{ kind: "CurvePoint", below: true, y: pct("0") }],
    });
  });

  it("table with composite keys, strings and default", () => {
    expect(decl('table t by Level, Region {\n Junior, North : 1%\n "CARD-A", South : 2%\n default : 0% }')).toEqual({
      kind: "Table",
      name: name("t"),
      keys: [name("Level"), name("Region")],
      rows: [
        { kind: "TableRow", keys: [name("Junior"), name("North")], value: pct("1") },
        { kind: "TableRow", keys: [name("CARD-A", true), name("South")], value: pct("2") },
        { kind: "TableRow", value: pct("0") },
      ],
    });
  });

  it("a table row value in money is not confused with the next row's key", () => {
    const d = decl("table t by Region {\n NOR : 5\n SWE : 6 EUR\n}");
    if (d.kind !== "Table") throw new Error();
    expect(d.rows.map((r) => r.keys?.map((k) => k.text))).toEqual([["NOR"], ["SWE"]]);
    expect(d.rows[0]!.value).toEqual(num("5"));
    expect(d.rows[1]!.value).toEqual({ kind: "MoneyLit", amount: "6", currency: name("EUR") });
  });

  it("component with every clause", () => {
    const d = decl(`component c for each k: Category {
      window 2026-03-01 .. 2026-03-31
      eligible person.level != Trainee
      gate a >= 50%
      let base = r(k)
      payout base
      floor 0 EUR
      cap 10 EUR per year
      cap 20 EUR
      allow negative
    }`);
    if (d.kind !== "Component") throw new Error();
    expect(d.forEach).toEqual({ kind: "Param", name: name("k"), type: name("Category") });
    expect(d.clauses.map((c) => c.kind)).toEqual([
      "Window",
      "Eligible",
      "Gate",
      "Let",
      "Payout",
      "Floor",
      "Cap",
      "Cap",
      "AllowNegative",
    ]);
    expect(d.clauses[0]).toEqual({
      kind: "Window",
      from: { kind: "DateLit", value: "2026-03-01" },
      to: { kind: "DateLit", value: "2026-03-31" },
    });
    expect(d.clauses[1]).toEqual({
      kind: "Eligible",
      condition: bin("!=", path(ref("person"), "level"), ref("Trainee")),
    });
    expect(d.clauses[3]).toEqual({
      kind: "Let",
      name: name("base"),
      value: { kind: "CallExpr", callee: ref("r"), args: [arg(ref("k"))] },
    });
    expect(d.clauses[6]).toMatchObject({ kind: "Cap", per: name("year") });
    expect(d.clauses[7]).not.toHaveProperty("per");
  });

  it("payout rules", () => {
    expect(
      decl(
        "payout {\n cap 1 EUR per year\n guarantee 2 EUR per period nonrecoverable\n settle cumulative from paid\n}",
      ),
    ).toEqual({
      kind: "PayoutRules",
      rules: [
        { kind: "PlanCap", value: { kind: "MoneyLit", amount: "1", currency: name("EUR") }, per: name("year") },
        {
          kind: "Guarantee",
          value: { kind: "MoneyLit", amount: "2", currency: name("EUR") },
          per: name("period"),
          recoverable: false,
        },
        { kind: "Settle", table: name("paid"), carry: false },
      ],
    });
  });

  it("payment calendar, holds and their release", () => {
    const plan = decl(`plan "P" {\n pay next quarter\n pay every month\n}`);
    if (plan.kind !== "Plan") throw new Error("not a plan");
    expect(plan.fields).toEqual([
      { kind: "PlanPay", timing: "next", grain: name("quarter") },
      { kind: "PlanPay", timing: "every", grain: name("month") },
    ]);
    const component = decl(`component c {\n payout 1 EUR\n hold above 20000 EUR reason "windfall"\n hold above limit\n}`);
    if (component.kind !== "Component") throw new Error("not a component");
    expect(component.clauses.slice(1)).toEqual([
      { kind: "Hold", bound: { kind: "MoneyLit", amount: "20000", currency: name("EUR") }, reason: { kind: "StringLit", value: "windfall" } },
      { kind: "Hold", bound: ref("limit") },
    ]);
    expect(decl("payout {\n release holds from approvals\n}")).toEqual({
      kind: "PayoutRules",
      rules: [{ kind: "Release", table: name("approvals") }],
    });
  });

  it("fiscal year, with and without its naming", () => {
    const plan = decl(`plan "P" {\n fiscal year from april named by start\n fiscal year from february\n}`);
    if (plan.kind !== "Plan") throw new Error("not a plan");
    expect(plan.fields).toEqual([
      { kind: "PlanFiscal", month: name("april"), named: name("start") },
      { kind: "PlanFiscal", month: name("february") },
    ]);
    expect(decl("input t {\n fiscal text\n named text\n}")).toMatchObject({ columns: [{ name: name("fiscal") }, { name: name("named") }] });
  });

  it("the calendar and hold words stay usable as names", () => {
    const d = decl("input approvals {\n reason text\n next period\n hold text\n}");
    if (d.kind !== "Input") throw new Error("not an input");
    expect(d.columns.map((c) => c.name.text)).toEqual(["reason", "next", "hold"]);
    expect(expr("reason + next * every")).toEqual(bin("+", ref("reason"), bin("*", ref("next"), ref("every"))));
  });

  it("test statements", () => {
    const d = decl(`test "t" {
      period 2026-Q1
      given revenue(Cardio, North) = 1 EUR
      given growth = 5%
      given sales { id: "s1", amount: 10 EUR }
      given reps { id: "p1" level: Senior }
      expect commission(Cardio) for "p1" = 30.00 EUR
      expect total = 0 EUR
    }`);
    if (d.kind !== "Test") throw new Error();
    expect(d.statements).toEqual([
      { kind: "TestPeriod", period: { kind: "PeriodLit", value: "2026-Q1" } },
      {
        kind: "GivenValue",
        name: name("revenue"),
        args: [ref("Cardio"), ref("North")],
        value: { kind: "MoneyLit", amount: "1", currency: name("EUR") },
      },
      { kind: "GivenValue", name: name("growth"), value: pct("5") },
      {
        kind: "GivenRow",
        table: name("sales"),
        fields: [
          { kind: "FieldInit", name: name("id"), value: { kind: "StringLit", value: "s1" } },
          { kind: "FieldInit", name: name("amount"), value: { kind: "MoneyLit", amount: "10", currency: name("EUR") } },
        ],
      },
      {
        kind: "GivenRow",
        table: name("reps"),
        fields: [
          { kind: "FieldInit", name: name("id"), value: { kind: "StringLit", value: "p1" } },
          { kind: "FieldInit", name: name("level"), value: ref("Senior") },
        ],
      },
      {
        kind: "Expect",
        target: name("commission"),
        args: [ref("Cardio")],
        person: { kind: "StringLit", value: "p1" },
        value: { kind: "MoneyLit", amount: "30.00", currency: name("EUR") },
      },
      { kind: "Expect", target: name("total"), value: { kind: "MoneyLit", amount: "0", currency: name("EUR") } },
    ]);
  });

  it("attaches /// doc comments directly above a declaration", () => {
    const result = parse(
      "/// One.\n///Two.\nlet a = 1\n\n/// Detached.\n\nlet b = 2\n/// Three.\n// plain\nlet c = 3",
      "u",
    );
    expect(result.file.declarations.map((d) => d.doc)).toEqual(["One.\nTwo.", undefined, undefined]);
  });
});

describe("expressions", () => {
  it("precedence: otherwise < or < and < not < comparison < + - < * / < unary - < postfix", () => {
    expect(expr("a otherwise b or c and not d = e + f * - g.h")).toEqual(
      bin(
        "otherwise",
        ref("a"),
        bin(
          "or",
          ref("b"),
          bin("and", ref("c"), {
            kind: "UnaryExpr",
            op: "not",
            operand: bin(
              "=",
              ref("d"),
              bin("+", ref("e"), bin("*", ref("f"), { kind: "UnaryExpr", op: "-", operand: path(ref("g"), "h") })),
            ),
          }),
        ),
      ),
    );
  });

  it("binary operators are left-associative", () => {
    expect(expr("a - b - c")).toEqual(bin("-", bin("-", ref("a"), ref("b")), ref("c")));
    expect(expr("a / b * c")).toEqual(bin("*", bin("/", ref("a"), ref("b")), ref("c")));
  });

  it("keeps parentheses", () => {
    expect(expr("(a + b) * c")).toEqual(bin("*", { kind: "ParenExpr", inner: bin("+", ref("a"), ref("b")) }, ref("c")));
  });

  it("money literals: a number then a three-letter upper-case code on the same line", () => {
    expect(expr("-25.50 USD")).toEqual({
      kind: "UnaryExpr",
      op: "-",
      operand: { kind: "MoneyLit", amount: "25.50", currency: name("USD") },
    });
    expect(expr("1_000 EUR")).toEqual({ kind: "MoneyLit", amount: "1000", currency: name("EUR") });
    expect(parse("let x = 5 eur", "u").diagnostics.map((d) => d.code)).toEqual(["P0003"]);
  });

  it("literals", () => {
    expect(expr("1_000_000")).toEqual(num("1000000"));
    expect(expr("12.5%")).toEqual(pct("12.5"));
    expect(expr("2026-02-28")).toEqual({ kind: "DateLit", value: "2026-02-28" });
    expect(expr("2026-H1")).toEqual({ kind: "PeriodLit", value: "2026-H1" });
    expect(expr('"a\\"b"')).toEqual({ kind: "StringLit", value: 'a"b' });
    expect(expr("true")).toEqual({ kind: "BoolLit", value: true });
    expect(expr("false")).toEqual({ kind: "BoolLit", value: false });
  });

  it("in a range (operands at additive level), open range, and membership", () => {
    expect(expr("d in a + 1 .. b and c")).toEqual(
      bin(
        "and",
        { kind: "InExpr", value: ref("d"), from: bin("+", ref("a"), num("1")), to: ref("b"), range: true },
        ref("c"),
      ),
    );
    expect(expr("d in a ..")).toEqual({ kind: "InExpr", value: ref("d"), from: ref("a"), range: true });
    expect(expr("p in Cardio")).toEqual({ kind: "InExpr", value: ref("p"), from: ref("Cardio"), range: false });
  });

  it("if then else", () => {
    expect(expr("if a > 1 then b else c + 1")).toEqual({
      kind: "IfExpr",
      condition: bin(">", ref("a"), num("1")),
      then: ref("b"),
      else: bin("+", ref("c"), num("1")),
    });
  });

  it("`allow negative` among a call's arguments: a flag of the call, in source order", () => {
    const flag = (position: number) => ({ kind: "CallFlag", flag: "allow negative", position });
    expect(expr("t(x, quota: q, allow negative)")).toEqual({
      kind: "CallExpr",
      callee: ref("t"),
      args: [arg(ref("x")), arg(ref("q"), "quota")],
      flags: [flag(2)],
    });
    // Anywhere and repeated, it parses (the checker says it goes once, last, on a tier table).
    expect(expr("t(allow negative, x, allow negative)")).toEqual({
      kind: "CallExpr",
      callee: ref("t"),
      args: [arg(ref("x"))],
      flags: [flag(0), flag(2)],
    });
    // `allow:` stays a named argument.
    expect(expr("f(allow: 1)")).toEqual({ kind: "CallExpr", callee: ref("f"), args: [arg(num("1"), "allow")] });
  });

  it("calls with named arguments, member keys and ranges", () => {
    expect(expr("t(x, quota: q)")).toEqual({
      kind: "CallExpr",
      callee: ref("t"),
      args: [arg(ref("x")), arg(ref("q"), "quota")],
    });
    expect(expr("weighted(m, Cardio: 40%)")).toEqual({
      kind: "CallExpr",
      callee: ref("weighted"),
      args: [arg(ref("m")), arg(pct("40"), "Cardio")],
    });
    expect(expr("prorate(x, c.start .. c.end)")).toEqual({
      kind: "CallExpr",
      callee: ref("prorate"),
      args: [arg(ref("x")), arg({ kind: "RangeExpr", from: path(ref("c"), "start"), to: path(ref("c"), "end") })],
    });
    expect(expr("f()")).toEqual({ kind: "CallExpr", callee: ref("f"), args: [] });
  });

  it("aggregates with where", () => {
    expect(expr("sum(s.amount where s.units > 0)")).toEqual({
      kind: "CallExpr",
      callee: ref("sum"),
      args: [arg(path(ref("s"), "amount"))],
      where: bin(">", path(ref("s"), "units"), num("0")),
    });
  });

  it("postfix chains: path, call on a path, index", () => {
    expect(expr("t.rate(x)")).toEqual({ kind: "CallExpr", callee: path(ref("t"), "rate"), args: [arg(ref("x"))] });
    expect(expr("m[a, b].c")).toEqual(path({ kind: "IndexExpr", object: ref("m"), keys: [ref("a"), ref("b")] }, "c"));
    expect(expr("sales.product.Category")).toEqual(path(path(ref("sales"), "product"), "Category"));
  });

  it("keywords after a dot and soft keywords as names", () => {
    expect(expr("x.end + x.start + x.from + x.to + x.in")).toMatchObject({ kind: "BinaryExpr" });
    expect(expr("person.level")).toEqual(path(ref("person"), "level"));
    expect(expr("quota(c)")).toEqual({ kind: "CallExpr", callee: ref("quota"), args: [arg(ref("c"))] });
    expect(expr("cumulative(x) + total + amount")).toMatchObject({ kind: "BinaryExpr" });
  });
});
