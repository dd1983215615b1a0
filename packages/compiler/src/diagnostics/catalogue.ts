/**
 * The semantic diagnostics catalogue: every C-code the compiler reports, with its message
 * formatter (typed parameters → message) and its documentation. docs/diagnostics.md is generated
 * from SEMANTIC_DIAGNOSTICS (see docs.ts); `diag` is the only way passes create diagnostics, so a
 * code cannot be reported without being documented.
 */
import type { Diagnostic, DiagnosticFix, DiagnosticInfo, RelatedInformation, Severity, Span } from "@carrot/language";

interface Entry<P> {
  severity: Severity;
  title: string;
  message: (p: P) => string;
  explanation: string;
  help: string;
  example: string;
}

function entry<P>(e: Entry<P>): Entry<P> {
  return e;
}

const mean = (s?: string) => (s ? `; did you mean '${s}'?` : "");

export const CATALOGUE = {
  // ---- C01xx: names and imports
  C0101: entry<{ name: string; suggestion?: string }>({
    severity: "error",
    title: "Unknown name",
    message: (p) => `Unknown name '${p.name}'${mean(p.suggestion)}`,
    explanation:
      "The name is not declared in the plan, its imports, or the current scope (parameters, component lets).",
    help: "Check the spelling, declare the name, or import the file that declares it.",
    example: "measure revenue = sum(sales.amount)\nmeasure bonus = revenu * 2%",
  }),
  C0102: entry<{ name: string; kind: string }>({
    severity: "error",
    title: "Duplicate declaration",
    message: (p) => `'${p.name}' is already declared (as a ${p.kind})`,
    explanation:
      "Declarations share one namespace across all files of the plan; two declarations with the same name would make every reference ambiguous.",
    help: "Rename one of the declarations.",
    example: "let growth = 5%\nlet growth = 6%",
  }),
  C0103: entry<{ path: string }>({
    severity: "error",
    title: "Imported file not found",
    message: (p) => `Cannot find the imported file '${p.path}'`,
    explanation: "An import names a file that does not exist in the workspace.",
    help: "Paths are relative to the importing file; check the path and the file's extension.",
    example: 'import "./dimensionz.carrot"',
  }),
  C0104: entry<{ name: string; path: string; suggestion?: string }>({
    severity: "error",
    title: "Imported name not declared",
    message: (p) => `'${p.path}' does not declare '${p.name}'${mean(p.suggestion)}`,
    explanation: '`import { a } from "file"` names a declaration that the file does not contain.',
    help: "Import a name the file declares, or import the whole file.",
    example: 'import { Categroy } from "./dimensions.carrot"',
  }),
  C0105: entry<{ path: string }>({
    severity: "error",
    title: "Import outside the workspace",
    message: (p) => `The import '${p.path}' leaves the workspace root`,
    explanation:
      "A plan may only import files inside its workspace root, so that it is self-contained and reproducible.",
    help: "Move the file into the workspace, or open the workspace at a higher folder.",
    example: 'import "../../elsewhere/shared.carrot"',
  }),
  C0106: entry<{ path: string }>({
    severity: "error",
    title: "File imports itself",
    message: (p) => `The file imports itself ('${p.path}')`,
    explanation: "A self-import has no effect and is almost always a wrong path.",
    help: "Remove the import or correct the path.",
    example: 'import "./plan.carrot"   // inside plan.carrot',
  }),
  C0107: entry<{ name: string; owner: string; suggestion?: string }>({
    severity: "error",
    title: "Unknown column",
    message: (p) => `'${p.owner}' has no column '${p.name}'${mean(p.suggestion)}`,
    explanation:
      "A path `table.column`, `rule.column` or `person.column` names a column that the table (or the credit rule's source and joined tables, or the people table) does not declare.",
    help: "Use one of the declared columns, or declare the column in the input table.",
    example: "input sales { id text key  amount money }\nmeasure revenue = sum(sales.amout)",
  }),
  C0108: entry<{ name: string; suggestion?: string }>({
    severity: "error",
    title: "Unknown type",
    message: (p) => `Unknown type '${p.name}'${mean(p.suggestion)}`,
    explanation:
      "A column or parameter type is neither a built-in type (money, ratio, percent, number, count, date, period, text, bool, currency, person) nor a declared dimension.",
    help: "Use a built-in type or the name of a dimension.",
    example: "input sales { amount moneys }",
  }),
  C0109: entry<{ name: string; owner: string }>({
    severity: "error",
    title: "Duplicate member, column or parameter",
    message: (p) => `'${p.name}' appears twice in '${p.owner}'`,
    explanation:
      "Member names are unique within a dimension, column names within a table, parameter and let names within a declaration.",
    help: "Remove or rename the duplicate.",
    example: "dimension Category { Cardio, Cardio }",
  }),
  C0110: entry<{ name: string; dimension: string; suggestion?: string }>({
    severity: "error",
    title: "Unknown dimension member",
    message: (p) => `'${p.name}' is not a member of '${p.dimension}'${mean(p.suggestion)}`,
    explanation:
      "A member written bare, qualified (`Category.Cardio`) or as a string where a dimension is expected does not exist in that dimension (or, for table rows, in its ancestors).",
    help: "Use a declared member, or add the member to the dimension.",
    example: 'dimension Category { Cardio, Oncology }\nmeasure r = sum(sales.amount where sales.category = "Cardoi")',
  }),
  C0111: entry<{ name: string }>({
    severity: "error",
    title: "Member without a parent",
    message: (p) => `The member '${p.name}' must name its parent member`,
    explanation:
      "In a dimension declared `of Parent`, every member names its parent member; in a dimension without `of`, members have no parent.",
    help: "Write `member: ParentMember` in a dimension declared `of Parent`, and no parent otherwise.",
    example: 'dimension Product of Category { "CARD-A" }',
  }),
  C0112: entry<{ name: string; dimensions: string }>({
    severity: "error",
    title: "Ambiguous member",
    message: (p) => `'${p.name}' is a member of several dimensions (${p.dimensions}); qualify it`,
    explanation:
      "A bare member name exists in more than one dimension and the context does not say which one is meant.",
    help: "Write the member qualified: `Dimension.Member`.",
    example: "dimension A { North }\ndimension B { North }\nlet x = North",
  }),
  C0113: entry<{ name: string }>({
    severity: "error",
    title: "Column outside a row context",
    message: (p) => `'${p.name}' reads a row, but there is no row here; use it inside an aggregate such as sum(...)`,
    explanation:
      "Columns of input tables and credit rules exist only per row: inside an aggregate (`sum`, `count`, `avg`, `min`, `max`), a credit rule's clauses, or a `prorate` range.",
    help: "Wrap the expression in an aggregate, e.g. `sum(sales.amount)`.",
    example: "measure revenue = sales.amount",
  }),
  C0114: entry<{ name: string; kind: string; usage: string }>({
    severity: "error",
    title: "Wrong kind of name",
    message: (p) => `'${p.name}' is a ${p.kind} and cannot be used ${p.usage}`,
    explanation:
      "A declaration is used where a different kind is needed: a tier table without applying it, a dimension as a value, a measure indexed like a table, and so on.",
    help: "Apply tiers and curves with `t(x)`, look tables up with `tbl[key]`, call measures with `m(args)`.",
    example: "tiers rate marginal { 0 .. : 1% }\nlet x = rate",
  }),
  C0115: entry<{ name: string; expected: string }>({
    severity: "error",
    title: "Declaration of the wrong kind",
    message: (p) => `'${p.name}' must be ${p.expected}`,
    explanation:
      "A clause names a declaration of the wrong kind: `from`, `join`, `fx from` and `settle ... from` need input tables, `rollup` a credit rule, parameters a dimension.",
    help: "Name a declaration of the expected kind.",
    example: "credit direct { from revenue  to sales.rep }",
  }),
  C0116: entry<{ name: string; path: string }>({
    severity: "error",
    title: "Name not imported",
    message: (p) => `'${p.name}' is declared in '${p.path}', which this file does not import`,
    explanation:
      'A file sees its own declarations and those of the files it imports (all of a file with `import "..."`, or the named ones with `import { a } from "..."`). Imports are not transitive.',
    help: 'Import the declaration (the quick fix adds `import { name } from "..."`).',
    example: "// lib.carrot imports nothing\nlet doubled = growth * 2   // growth is declared in rates.carrot",
  }),
  C0120: entry<{ count: number }>({
    severity: "error",
    title: "People table missing or repeated",
    message: (p) =>
      p.count === 0
        ? "The plan has no `people` table"
        : `The plan declares ${p.count} \`people\` tables; exactly one is allowed`,
    explanation: "Every plan has exactly one table of participants, declared with `people`.",
    help: "Declare one `people` table with an `id person key` column, and declare other tables with `input`.",
    example: "people reps { id person key }\npeople managers { id person key }",
  }),
  C0121: entry<{ table: string }>({
    severity: "error",
    title: "People table without an id column",
    message: (p) => `The people table '${p.table}' must have a column \`id person key\``,
    explanation: "People are identified by the `id` column; results, crediting and tests refer to it.",
    help: "Add `id person key` to the people table.",
    example: "people reps { name text }",
  }),
  C0122: entry<{ column: string; expected: string }>({
    severity: "error",
    title: "Column with a reserved meaning has the wrong type",
    message: (p) => `The column '${p.column}' must have type ${p.expected}`,
    explanation:
      "Some columns have a fixed meaning: people `manager` (person), `start`/`end` (date); fx tables need `currency currency`, `date date`, `rate number`; settle tables `person`, `period`, `amount`.",
    help: "Give the column the expected type, or rename it.",
    example: "people reps { id person key  start text }",
  }),
  // ---- C02xx: types and units
  C0201: entry<{ op: string; left: string; right: string }>({
    severity: "error",
    title: "Money mixed with a non-money quantity",
    message: (p) => `Cannot ${p.op === "+" ? "add" : "subtract"} ${p.right} ${p.op === "+" ? "to" : "from"} ${p.left}`,
    explanation: "`money + count`, `money + number`, `money + ratio` mix units: the result would not mean anything.",
    help: "Multiply the quantity by a money rate first (`units * 10 EUR`), or add money to money.",
    example: "measure x = sum(sales.amount) + sum(sales.units)",
  }),
  C0202: entry<{ op: string; left: string; right: string }>({
    severity: "error",
    title: "Invalid money product or quotient",
    message: (p) => `Cannot ${p.op === "*" ? "multiply" : "divide"} ${p.left} by ${p.right}`,
    explanation:
      "`money * money` has no meaning, and dividing a non-money quantity by money is not a rate of anything.",
    help: "Divide money by money to get a ratio (`revenue / quota`), and multiply money by a ratio, number or count.",
    example: "measure x = sum(sales.amount) * 100 EUR",
  }),
  C0203: entry<{ left: string; right: string }>({
    severity: "error",
    title: "Different currencies",
    message: (p) => `Cannot combine ${p.left} and ${p.right}: convert one with convert(x, CUR)`,
    explanation: "Amounts in different currencies cannot be added, subtracted or compared without an exchange rate.",
    help: "Declare `fx from <rates table>` and write `convert(x, EUR)`.",
    example: "let x = 100 EUR + 100 USD",
  }),
  C0204: entry<{ expected: string; actual: string; what: string }>({
    severity: "error",
    title: "Type mismatch",
    message: (p) => `${p.what} must be ${p.expected}, but it is ${p.actual}`,
    explanation:
      "An expression has a type that its position does not accept: a condition that is not bool, a payout that is not money, a value of the wrong unit.",
    help: "Change the expression so it has the expected type.",
    example: "component c { eligible 5%  payout 10 EUR }",
  }),
  C0205: entry<{ name: string; expected: string; actual: number }>({
    severity: "error",
    title: "Wrong number of arguments",
    message: (p) => `'${p.name}' takes ${p.expected}, but ${p.actual} ${p.actual === 1 ? "was" : "were"} given`,
    explanation:
      "A call to a measure, component, tier table, curve, lookup or built-in function has too many or too few arguments.",
    help: "Pass exactly the arguments the declaration expects.",
    example: "measure revenue(c: Category) = sum(sales.amount where sales.category = c)\nlet x = revenue()",
  }),
  C0206: entry<{ name: string; detail: string }>({
    severity: "error",
    title: "Wrong kind of argument",
    message: (p) => `Invalid argument to '${p.name}': ${p.detail}`,
    explanation:
      "An argument is named where it should not be, unnamed where a name is needed, or is not a constant where one is required.",
    help: "See the function's signature in the language reference (section 4).",
    example: "let x = round(revenue, scale: 2)",
  }),
  C0207: entry<{ text: string }>({
    severity: "error",
    title: "Not callable",
    message: (p) => `${p.text} cannot be called or indexed`,
    explanation:
      "Only measures, quotas, lets with parameters, components, tier tables, curves and built-in functions can be called, and only lookup tables can be indexed.",
    help: "Remove the call or index, or name something callable.",
    example: "let x = 5%(2)",
  }),
  C0208: entry<Record<string, never>>({
    severity: "error",
    title: "Conversion without exchange rates",
    message: () => "convert(...) needs an `fx from <table>` declaration",
    explanation: "Currency conversion reads the plan's exchange-rate table, which is not declared.",
    help: "Declare `fx from fx_rates` with an input table `fx_rates { currency currency  date date  rate number }`.",
    example: "let x = convert(100 USD, EUR)",
  }),
  C0209: entry<{ left: string; right: string }>({
    severity: "error",
    title: "Incomparable operands",
    message: (p) => `Cannot compare ${p.left} with ${p.right}`,
    explanation:
      "Comparisons need operands of the same unit (and currency); members compare with members of the same dimension.",
    help: "Compare quantities of the same unit.",
    example: "component c { gate sum(sales.amount) >= 50%  payout 0 EUR }",
  }),
  C0210: entry<{ name: string; suggestion?: string }>({
    severity: "error",
    title: "Unknown currency",
    message: (p) => `'${p.name}' is not a currency code${mean(p.suggestion)}`,
    explanation: "Currency codes are three upper-case letters (ISO 4217), such as EUR or USD.",
    help: "Write the currency as a three-letter upper-case ISO code.",
    example: "let x = 10 eur",
  }),
  C0211: entry<{ fn: string }>({
    severity: "error",
    title: "Per-row currency not converted",
    message: (p) => `Cannot ${p.fn} amounts whose currency differs per row; convert each row first`,
    explanation:
      "A `money(col)` column holds amounts in the currency of each row: adding them up, averaging them or comparing them across rows needs a conversion to one currency.",
    help: "Convert inside the aggregate: `sum(convert(rule.amount, EUR))` (needs an `fx` declaration).",
    example:
      "input deals { id text key  date date  ccy currency  amount money(ccy) }\nmeasure total = sum(deals.amount)",
  }),
  C0212: entry<{ text: string; what: string }>({
    severity: "error",
    title: "Invalid date or period",
    message: (p) => `${p.text} is not a valid ${p.what}`,
    explanation:
      "A date literal names a day of the calendar (no 2026-02-30); a period literal a month 01-12, a quarter Q1-Q4, a half H1-H2 or a year, of the plan's calendar: with `fiscal year`, quarters, halves and years are the fiscal year's (FY2026-Q1, FY2026-H1, FY2026).",
    help: "Write an existing date (YYYY-MM-DD) or period (2026-03, 2026-Q1, 2026-H1, 2026-Y; with a fiscal year FY2026-Q1, FY2026-H1, FY2026).",
    example: "component c { window 2026-02-01 .. 2026-02-30  payout 0 EUR }",
  }),
  C0213: entry<{ detail: string }>({
    severity: "error",
    title: "Misplaced `allow negative`",
    message: (p) => `Invalid 'allow negative': ${p.detail}`,
    explanation:
      "`allow negative` among a call's arguments belongs to the application of a tier table (`t(x, allow negative)`, `t(x, quota: q, allow negative)`), written once, after the arguments: that application prices a negative value at the first band's rate as a whole, wherever it is written (a plan-level `let` or `measure` too). `t.rate(...)` gives the rate of a band, not a payout, and an `amount` or `interpolated` table gives a band's amount (no rate to price a negative value at): neither takes the flag; no other call does.",
    help: "Write it once, last, in the application of a tier table: `t(x, quota: q, allow negative)`; or remove it.",
    example: "tiers t retroactive { 0 EUR .. : 4% }\nlet r = t.rate(sum(sales.amount), allow negative)",
  }),
  // ---- C03xx: cycles
  C0301: entry<{ cycle: string }>({
    severity: "error",
    title: "Definition cycle",
    message: (p) => `Definition cycle: ${p.cycle}`,
    explanation:
      "Measures, lets and components may not depend on themselves, directly or through others: the plan would have no value.",
    help: "Break the cycle by computing one of the values from the inputs instead.",
    example: "measure a = b * 2\nmeasure b = a / 2",
  }),
  // ---- C04xx: tiers, curves, tables
  C0401: entry<{ name: string; axis?: string }>({
    severity: "error",
    title: "Tier bands out of order",
    message: (p) => `The ${p.axis ? `${p.axis} ` : ""}bands of '${p.name}' are not in increasing order`,
    explanation:
      "Bands (of a tier table, or of either axis of a matrix) are listed from the lowest to the highest; every band starts at or after the previous one.",
    help: "Reorder the bands by their lower bound.",
    example: "tiers t marginal { 100% .. 150% : 5%  0% .. 100% : 3% }",
  }),
  C0402: entry<{ name: string; axis?: string }>({
    severity: "error",
    title: "Tier bands overlap",
    message: (p) => `This ${p.axis ? `${p.axis} ` : ""}band of '${p.name}' overlaps the previous band`,
    explanation:
      "A value in two bands would have two rates. (With `boundary both`, bands are closed at both ends, so touching bands overlap.)",
    help: "Start each band where the previous one ends (or after it, with `boundary both`).",
    example: "tiers t marginal { 0% .. 100% : 3%  80% .. : 5% }",
  }),
  C0403: entry<{ name: string; axis?: string }>({
    severity: "error",
    title: "Gap between tier bands",
    message: (p) => `There is a gap before this ${p.axis ? `${p.axis} ` : ""}band of '${p.name}'`,
    explanation: "Without `boundary both`, every value from the first bound on must fall in a band.",
    help: "Start the band where the previous one ends, or declare `boundary both` if gaps are intended.",
    example: "tiers t marginal { 0% .. 80% : 1%  90% .. : 5% }",
  }),
  C0404: entry<{ name: string; detail: string }>({
    severity: "error",
    title: "Open band misplaced",
    message: (p) => `In '${p.name}': ${p.detail}`,
    explanation:
      "Only the last band may be open (`150% ..`); an `interpolated` table needs a closed last band to prorate within it.",
    help: "Close the band with an upper bound, or move it to the end.",
    example: "tiers t marginal { 0% .. : 1%  100% .. 150% : 5% }",
  }),
  C0405: entry<{ what: string; value: string; allowed: string }>({
    severity: "error",
    title: "Unknown keyword value",
    message: (p) => `Unknown ${p.what} '${p.value}'; expected ${p.allowed}`,
    explanation:
      "A declaration option takes one of a fixed set of words (tier kinds, boundaries, grains, rounding modes, `per` periods).",
    help: "Use one of the listed words.",
    example: "tiers t marginel { 0 .. : 1% }",
  }),
  C0406: entry<{ what: string; detail: string }>({
    severity: "error",
    title: "Inconsistent table values",
    message: (p) => `${p.what}: ${p.detail}`,
    explanation:
      "Band bounds, band values, curve points and lookup values are constants of one unit per table (percent, money in one currency, or numbers).",
    help: "Write every value as a constant of the same unit.",
    example: "tiers t retroactive { 0% .. 100% : 1%  100% .. : 50 EUR }",
  }),
  C0407: entry<{ name: string }>({
    severity: "error",
    title: "Empty table",
    message: (p) => `'${p.name}' has no rows`,
    explanation: "A tier table needs at least one band, a matrix at least one row, a curve at least one point.",
    help: "Add bands or points.",
    example: "curve c { }",
  }),
  C0408: entry<{ name: string; expected: number; actual: number }>({
    severity: "error",
    title: "Matrix row of the wrong width",
    message: (p) =>
      `Rows of '${p.name}' need ${p.expected} cell${p.expected === 1 ? "" : "s"} (one per column band), this one has ${p.actual}`,
    explanation:
      "A matrix row gives one cell per column band, in the order of the `columns` line: a missing or extra cell would leave some pair of bands without an answer, or an answer without a column.",
    help: "Give the row one cell per column band, or add the missing column band.",
    example: "matrix m {\n  columns 0% .. 20%, 20% ..\n  0% .. : 10%\n}",
  }),
  C0409: entry<{ name: string; expected: string; actual: string }>({
    severity: "error",
    title: "Matrix cells of mixed types",
    message: (p) => `The cells of '${p.name}' mix units: this one is ${p.actual} but the others are ${p.expected}`,
    explanation:
      "Every cell of a matrix has one unit (rates as percents, multipliers as numbers, or amounts in one currency), which is the unit of `m(x, y)`.",
    help: "Write every cell in the same unit.",
    example: "matrix m {\n  columns 0% ..\n  0% .. 100% : 10%\n  100% .. : 500 EUR\n}",
  }),
  C0410: entry<{ name: string }>({
    severity: "error",
    title: "Curve points not increasing",
    message: (p) => `The points of '${p.name}' must have strictly increasing x`,
    explanation: "A curve interpolates between consecutive points; equal or decreasing x would make it ambiguous.",
    help: "Sort the points by x and remove duplicates.",
    example: "curve c { 100% : 1  80% : 0.5 }",
  }),
  C0420: entry<{ name: string; key: string }>({
    severity: "error",
    title: "Duplicate lookup row",
    message: (p) => `'${p.name}' has two rows for ${p.key}`,
    explanation:
      "Each key (or `default`) appears at most once in a lookup table, otherwise the lookup has two answers.",
    help: "Remove one of the rows.",
    example: "table rate by Level { Junior : 1%  Junior : 2% }",
  }),
  C0421: entry<{ name: string; expected: number; actual: number }>({
    severity: "error",
    title: "Lookup row with the wrong number of keys",
    message: (p) =>
      `Rows of '${p.name}' need ${p.expected} key${p.expected === 1 ? "" : "s"}, this one has ${p.actual}`,
    explanation: "A table `by D1, D2` has rows `k1, k2 : value`.",
    help: "Give one key per dimension of the table.",
    example: "table rate by Level, Region { Junior : 1% }",
  }),
  C0430: entry<{ total: string }>({
    severity: "error",
    title: "Weights do not add up to 100%",
    message: (p) => `The weights add up to ${p.total}, not 100%`,
    explanation: "`weighted(m, k1: w1, ...)` is a weighted average; its weights must add up to exactly 100%.",
    help: "Adjust the weights so that they add up to 100%.",
    example: "let w = weighted(attainment, Cardio: 60%, Oncology: 30%)",
  }),
  // ---- C05xx: plan, credit, components
  C0501: entry<Record<string, never>>({
    severity: "error",
    title: "No plan declaration",
    message: () => "The entry file has no `plan` declaration",
    explanation:
      'A plan needs exactly one `plan "name" { ... }` header giving its currency, effective dates and period.',
    help: "Add a `plan` block, or compile this file as a library.",
    example: "measure revenue = sum(sales.amount)",
  }),
  C0502: entry<{ field: string }>({
    severity: "error",
    title: "Plan field missing",
    message: (p) => `The plan header has no \`${p.field}\``,
    explanation:
      "`currency`, `effective` and `period` are required: they fix the money unit and the periods evaluated.",
    help: "Add the field to the plan block.",
    example: 'plan "P" { currency EUR }',
  }),
  C0503: entry<{ field: string }>({
    severity: "error",
    title: "Plan field repeated",
    message: (p) => `\`${p.field}\` is given twice in the plan header`,
    explanation: "Each plan field is given at most once.",
    help: "Remove one of them.",
    example: 'plan "P" { currency EUR  currency USD }',
  }),
  C0504: entry<{ detail: string }>({
    severity: "error",
    title: "Invalid plan field",
    message: (p) => p.detail,
    explanation:
      "A plan field has a value of the wrong form: effective dates reversed, a negative rounding scale, and so on.",
    help: "See the `plan` section of the language reference.",
    example: 'plan "P" { effective 2026-12-31 .. 2026-01-01 }',
  }),
  C0505: entry<Record<string, never>>({
    severity: "error",
    title: "More than one plan declaration",
    message: () => "A plan has exactly one `plan` declaration; this is another one",
    explanation: "Library files have no plan header; the plan file has one.",
    help: "Remove the extra header, or move it to its own plan file.",
    example: 'plan "A" { }\nplan "B" { }',
  }),
  C0506: entry<{ pay: string; grain: string }>({
    severity: "error",
    title: "Pay period finer than the plan period",
    message: (p) => `The pay period (${p.pay}) is finer than the plan period (${p.grain}): a pay period must hold whole plan periods`,
    explanation:
      "`pay every|next G` pays each plan period's payable in a pay period of grain G. A pay period shorter than the plan's `period` would split what a period earned across several payrolls, which the plan does not say how to do.",
    help: "Pay at the plan's grain or a coarser one (month < quarter < half < year), or compute per a finer `period`.",
    example: 'plan "P" { currency EUR  effective 2026-01-01 .. 2026-12-31  period quarter  pay every month }',
  }),
  C0510: entry<{ rule: string; clause: string }>({
    severity: "error",
    title: "Credit rule incomplete",
    message: (p) => `The credit rule '${p.rule}' needs a \`${p.clause}\` clause`,
    explanation: "A credit rule either credits rows (`from` and `to`) or rolls up another rule (`rollup`).",
    help: "Add the missing clause.",
    example: "credit direct { from sales }",
  }),
  C0511: entry<{ rule: string; table: string; count: number }>({
    severity: "error",
    title: "Ambiguous credit date",
    message: (p) =>
      p.count === 0
        ? `'${p.table}' has no date column: the credit rule '${p.rule}' cannot place rows in periods`
        : `'${p.table}' has ${p.count} date columns: say which one dates '${p.rule}' with \`dated ${p.table}.<column>\``,
    explanation:
      "Each credited row belongs to the period of its date; `dated` may be left out only when the source table has exactly one date column.",
    help: "Add `dated <table>.<date column>`.",
    example:
      "input sales { id text key  booked date  shipped date  amount money }\ncredit direct { from sales  to sales.rep }",
  }),
  C0512: entry<{ clause: string; owner: string }>({
    severity: "error",
    title: "Clause repeated",
    message: (p) => `\`${p.clause}\` is given more than once in '${p.owner}'`,
    explanation: "Each clause of a credit rule, component or payout block appears at most once.",
    help: "Keep one of them.",
    example: "component c { payout 1 EUR  payout 2 EUR }",
  }),
  C0513: entry<{ rule: string; detail: string }>({
    severity: "error",
    title: "Invalid credit clause",
    message: (p) => `In '${p.rule}': ${p.detail}`,
    explanation:
      "A `rollup` rule reads another rule's credits and cannot have its own `from`, `join`, `to` or `split`; `depth` needs `rollup` and a positive whole number; `dated` is computed per source row before crediting, so it reads only that row and constants.",
    help: "Split a rule that both credits and rolls up in two (one that credits, one that rolls it up); write `dated` with the source row's columns and constants only.",
    example: "credit c { from sales  to sales.rep  rollup direct }",
  }),
  C0520: entry<{ name: string }>({
    severity: "error",
    title: "Component without payout",
    message: (p) => `The component '${p.name}' has no \`payout\``,
    explanation: "A component exists to pay an amount; its `payout` clause says which.",
    help: "Add `payout <money expression>`.",
    example: "component c { eligible true }",
  }),
  C0521: entry<Record<string, never>>({
    severity: "error",
    title: "More than one payout block",
    message: () => "A plan has at most one `payout { ... }` block",
    explanation: "Plan-level payout rules apply once per person; two blocks would conflict.",
    help: "Merge the blocks.",
    example: "payout { cap 1000 EUR per year }\npayout { guarantee 100 EUR per period recoverable }",
  }),
  C0522: entry<{ what: string }>({
    severity: "error",
    title: "Not a constant",
    message: (p) => `${p.what} must be a constant`,
    explanation:
      "Windows, plan-level caps, band bounds, curve points and lookup values are fixed numbers, amounts or dates, not expressions evaluated per person (a plan-level guarantee may be an expression).",
    help: "Write a literal value.",
    example: "payout { cap revenue per year }",
  }),
  C0523: entry<{ what: string }>({
    severity: "error",
    title: "More than one fx declaration",
    message: (p) => `${p.what}`,
    explanation: "A plan has at most one exchange-rate table.",
    help: "Keep one `fx from` declaration.",
    example: "fx from rates_a\nfx from rates_b",
  }),
  C0524: entry<{ table: string; column: string; expected: string; actual?: string }>({
    severity: "error",
    title: "Release table of the wrong shape",
    message: (p) =>
      p.actual === undefined
        ? `The release table '${p.table}' has no column \`${p.column}\` (${p.expected})`
        : `The column \`${p.column}\` of the release table '${p.table}' is ${p.actual}, not ${p.expected}`,
    explanation:
      "`release holds from T` pays the held lines that rows of T name: each row gives the person, the period evaluated and the component's name, so T needs `person person`, `period period` and `component text` (other columns, such as an approver or a note, are free).",
    help: "Declare the release table with the columns `person person`, `period period` and `component text`.",
    example: "input approvals { person person  period period  line text }\npayout { release holds from approvals }",
  }),
  C0525: entry<{ what: string; check: string }>({
    severity: "error",
    title: "Not readable in a check",
    message: (p) => `${p.what} cannot be read in the check '${p.check}'`,
    explanation:
      "A `check` is evaluated once per group of its table's rows, before any crediting, for no person or period: its `assert` reads constants, lets that are constants, lookups of members, the group's `per` columns and aggregates over the checked table (`sum(T.x)`, `count(T)`...). Measures, quotas, components, credit rules, `person`, the period, other tables and columns outside an aggregate (other than `per` columns) have no value there.",
    help: "Aggregate the column over the group (`sum(T.x)`), group by it with `per T.x`, or write the figure as a constant.",
    example: "check c { from allocations  per allocations.product  assert sum(allocations.share) = split_quota }",
  }),
  C0526: entry<{ check: string; clause: string }>({
    severity: "error",
    title: "Check incomplete",
    message: (p) => `The check '${p.check}' needs a \`${p.clause}\` clause`,
    explanation: "A check names the table whose rows it checks (`from T`) and the condition each group of rows must meet (`assert COND`).",
    help: "Add the missing clause.",
    example: "check shares { per allocations.product  assert sum(allocations.share) = 100% }",
  }),
  C0527: entry<{ text: string; table: string }>({
    severity: "error",
    title: "Check grouping is not a column of its table",
    message: (p) => `\`per ${p.text}\` must name a column of '${p.table}'`,
    explanation: "A check groups the rows of its table by the values of some of its columns: each `per` entry is a column of the `from` table, written `T.column`.",
    help: "Write the column as `T.column`, with T the table after `from`.",
    example: "check shares { from allocations  per objectives.product  assert sum(allocations.share) = 100% }",
  }),
  // ---- C06xx: tests
  C0601: entry<{ name: string; expected: string; suggestion?: string }>({
    severity: "error",
    title: "Test names an unknown target",
    message: (p) => `'${p.name}' is not ${p.expected}${mean(p.suggestion)}`,
    explanation:
      "`given NAME(...)` pins a measure, quota or let; `expect NAME(...)` reads a component, a measure or `total`.",
    help: "Name a declared measure, quota, let or component.",
    example: 'test "t" { expect comission(Cardio) = 10 EUR }',
  }),
  C0602: entry<{ detail: string }>({
    severity: "error",
    title: "Invalid test row",
    message: (p) => p.detail,
    explanation:
      "`given TABLE { col: value, ... }` adds one row to an input table: the table and its columns must exist, key and required columns must be given, and each value must be a constant of the column's type.",
    help: "Use the table's declared columns and give each a constant of its type.",
    example: 'test "t" { given sales { id: "s1", amout: 10 EUR } }',
  }),
  C0603: entry<{ what: string; detail: string }>({
    severity: "error",
    title: "Invalid test value",
    message: (p) => `${p.what}: ${p.detail}`,
    explanation:
      "Given and expected values are constants of the target's type, and the arguments are members of its parameters' dimensions.",
    help: "Write a constant of the right type.",
    example: 'test "t" { expect commission(Cardio) = 10% }',
  }),
  C0604: entry<{ detail: string }>({
    severity: "error",
    title: "Invalid test period",
    message: (p) => p.detail,
    explanation:
      "A test's `period` is a period literal of the plan's grain (2026-Q1 for a quarterly plan) within the plan's effective dates.",
    help: "Write a period of the plan's grain.",
    example: 'test "t" { period 2026-03 }   // in a quarterly plan',
  }),
  C0605: entry<{ title: string }>({
    severity: "error",
    title: "Duplicate test name",
    message: (p) => `Two tests are named "${p.title}"`,
    explanation: "Test names identify tests in reports; they must be unique.",
    help: "Rename one of the tests.",
    example: 'test "a" { }\ntest "a" { }',
  }),
  C0606: entry<{ person: string; people: string; suggestion?: string }>({
    severity: "error",
    title: "Expectation for a person the test does not have",
    message: (p) => `"${p.person}" is not one of the test's people (${p.people})${mean(p.suggestion)}`,
    explanation:
      "When a test gives rows of the people table, only those people take part; an expectation `for` anyone else could only ever see no result.",
    help: "Use the id of a person given in the test, or give that person's row.",
    example: 'test "t" {\n  given reps { id: "p1" }\n  expect total for "p2" = 0 EUR\n}',
  }),
  // ---- C09xx: warnings
  C0901: entry<{ name: string; kind: string }>({
    severity: "warning",
    title: "Unused declaration",
    message: (p) => `The ${p.kind} '${p.name}' is never used`,
    explanation:
      "The declaration is not read by any component, measure, credit rule or test; it may be a leftover or a misspelt reference elsewhere.",
    help: "Use it or remove it.",
    example: "let unused_rate = 3%",
  }),
  C0902: entry<{ path: string }>({
    severity: "warning",
    title: "Duplicate import",
    message: (p) => `'${p.path}' is imported more than once in this file`,
    explanation: "A second import of the same file has no effect.",
    help: "Remove the repeated import.",
    example: 'import "./a.carrot"\nimport "./a.carrot"',
  }),
  C0999: entry<{ detail: string }>({
    severity: "error",
    title: "Internal compiler error",
    message: (p) => `Internal compiler error: ${p.detail}`,
    explanation: "The compiler met a case it does not handle. The plan may be fine; the compiler is not.",
    help: "Report it with the plan that triggers it.",
    example: "(none)",
  }),
} as const;

export type Code = keyof typeof CATALOGUE;
export type ParamsOf<C extends Code> = Parameters<(typeof CATALOGUE)[C]["message"]>[0];

export const SEMANTIC_DIAGNOSTICS: DiagnosticInfo[] = (Object.keys(CATALOGUE) as Code[]).sort().map((code) => {
  const e = CATALOGUE[code];
  return { code, severity: e.severity, title: e.title, explanation: e.explanation, help: e.help, example: e.example };
});

export interface DiagExtras {
  help?: string;
  related?: RelatedInformation[];
  fixes?: DiagnosticFix[];
}

/** Create a diagnostic by code: the message comes from the catalogue, the default help too. */
export function diag<C extends Code>(
  code: C,
  params: ParamsOf<C>,
  uri: string,
  span: Span,
  extras: DiagExtras = {},
): Diagnostic {
  const e = CATALOGUE[code] as Entry<ParamsOf<C>>;
  const d: Diagnostic = {
    code,
    severity: e.severity,
    message: e.message(params),
    uri,
    span: { start: span.start, end: span.end },
    help: extras.help ?? e.help,
  };
  if (extras.related && extras.related.length > 0) d.related = extras.related;
  if (extras.fixes && extras.fixes.length > 0) d.fixes = extras.fixes;
  return d;
}

/** A fix that replaces a misspelt name by the suggestion. */
export function replaceFix(span: Span, suggestion: string | undefined): DiagnosticFix[] {
  return suggestion
    ? [
        {
          title: `Replace with '${suggestion}'`,
          edits: [{ span: { start: span.start, end: span.end }, newText: suggestion }],
        },
      ]
    : [];
}
