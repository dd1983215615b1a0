/**
 * The Carrot AST: what the parser gives the compiler.
 *
 * Every node is a discriminated union member (`kind`) carrying its source span (UTF-16 offsets into
 * the file text, end exclusive). Spans are left out of structural equality (see `stripSpans`), so two
 * ASTs of the same plan formatted differently compare equal.
 *
 * Where the text is broken, the parser still returns a tree: missing names get `text: ""` and
 * missing expressions are `ErrorExpr`; the syntax diagnostics say what was wrong.
 */

export interface Span {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export interface Name {
  kind: "Name";
  /** The identifier, or the unquoted content of a string used as a name (dimension members). */
  text: string;
  /** True when written as a string literal (`"CARD-A"`). */
  quoted: boolean;
  span: Span;
}

export interface StringLiteral {
  kind: "StringLit";
  value: string;
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// File and declarations

export interface SourceFile {
  kind: "SourceFile";
  uri: string;
  imports: Import[];
  declarations: Declaration[];
  span: Span;
}

export interface Import {
  kind: "Import";
  path: StringLiteral;
  /** `import { a, b } from "..."`; undefined for `import "..."` (everything). */
  names?: Name[];
  span: Span;
}

export type Declaration =
  | PlanDecl
  | DimensionDecl
  | InputDecl
  | FxDecl
  | CreditDecl
  | ValueDecl
  | TiersDecl
  | MatrixDecl
  | CurveDecl
  | TableDecl
  | ComponentDecl
  | PayoutDecl
  | CheckDecl
  | TestDecl;

interface DeclBase {
  /** Text of the `///` doc comment lines right before the declaration, joined by "\n". */
  doc?: string;
  span: Span;
}

export interface PlanDecl extends DeclBase {
  kind: "Plan";
  title: StringLiteral;
  fields: PlanField[];
}

export type PlanField =
  | { kind: "PlanVersion"; value: StringLiteral; span: Span }
  | { kind: "PlanCurrency"; code: Name; span: Span }
  | { kind: "PlanEffective"; from: Expr; to: Expr; span: Span }
  | { kind: "PlanPeriod"; grain: Name; span: Span }
  | { kind: "PlanRounding"; scale: Expr; mode: Name; on?: Name; span: Span }
  /** `pay every quarter` (the pay period containing the earned period's end) or `pay next month` (the one after). */
  | { kind: "PlanPay"; timing: "every" | "next"; grain: Name; span: Span }
  /** `fiscal year from april [named by start|end]`: quarters, halves and years start in that month. */
  | { kind: "PlanFiscal"; month: Name; named?: Name; span: Span };

export interface DimensionDecl extends DeclBase {
  kind: "Dimension";
  name: Name;
  parent?: Name;
  members: MemberDecl[];
}

export interface MemberDecl {
  kind: "Member";
  name: Name;
  /** The parent member, for a dimension declared `of Parent`. */
  parent?: Name;
  span: Span;
}

export interface InputDecl extends DeclBase {
  kind: "Input";
  /** `people` declares the participants table; `input` any other table. */
  role: "input" | "people";
  name: Name;
  columns: ColumnDecl[];
}

export interface ColumnDecl {
  kind: "Column";
  name: Name;
  type: TypeRef;
  key: boolean;
  optional: boolean;
  span: Span;
}

export interface TypeRef {
  kind: "TypeRef";
  /** `money`, `count`, a dimension name, ... */
  name: Name;
  /** `money[USD]`. */
  currency?: Name;
  /** `money(currency_column)`. */
  currencyColumn?: Name;
  span: Span;
}

export interface FxDecl extends DeclBase {
  kind: "Fx";
  table: Name;
}

export interface CreditDecl extends DeclBase {
  kind: "Credit";
  name: Name;
  clauses: CreditClause[];
}

export type CreditClause =
  | { kind: "CreditFrom"; table: Name; span: Span }
  | { kind: "CreditDated"; date: Expr; span: Span }
  | { kind: "CreditJoin"; table: Name; on: Expr; span: Span }
  | { kind: "CreditTo"; person: Expr; span: Span }
  | { kind: "CreditSplit"; share: Expr; span: Span }
  | { kind: "CreditRollup"; rule: Name; span: Span }
  | { kind: "CreditDepth"; depth: Expr; span: Span };

/**
 * `check NAME { from T  per T.c, ...  assert COND  message "..."  severity warning }`: a rule over
 * the rows of an input table, grouped by the `per` columns, that COND holds for each group.
 */
export interface CheckDecl extends DeclBase {
  kind: "Check";
  name: Name;
  clauses: CheckClause[];
}

export type CheckClause =
  | { kind: "CheckFrom"; table: Name; span: Span }
  | { kind: "CheckPer"; columns: Expr[]; span: Span }
  | { kind: "CheckAssert"; condition: Expr; span: Span }
  | { kind: "CheckMessage"; text: StringLiteral; span: Span }
  | { kind: "CheckSeverity"; level: Name; span: Span };

export interface ValueDecl extends DeclBase {
  kind: "Value";
  keyword: "measure" | "quota" | "let";
  name: Name;
  /** undefined when written without parentheses. */
  params?: Param[];
  body: Expr;
}

export interface Param {
  kind: "Param";
  name: Name;
  type: Name;
  span: Span;
}

export interface TiersDecl extends DeclBase {
  kind: "Tiers";
  name: Name;
  /** `marginal`, `retroactive`, `amount` or `interpolated` (checked by the compiler). */
  mode: Name;
  /** `lower` (default), `upper` or `both`. */
  boundary?: Name;
  bands: TierBand[];
}

export interface TierBand {
  kind: "Band";
  from: Expr;
  /** undefined for an open last band (`150% ..`). */
  to?: Expr;
  value: Expr;
  span: Span;
}

/** `matrix NAME [boundary B] { columns BANDS  ROW_BAND : V, V, ... }`: a two-input payout matrix. */
export interface MatrixDecl extends DeclBase {
  kind: "Matrix";
  name: Name;
  /** `lower` (default), `upper` or `both`, for the bands of both axes. */
  boundary?: Name;
  /** The column bands (the second input), in written order. */
  columns: MatrixBand[];
  rows: MatrixRow[];
}

/** A band of either axis; `to` is undefined for an open band (`30% ..`). */
export interface MatrixBand {
  kind: "MatrixBand";
  from: Expr;
  to?: Expr;
  span: Span;
}

/** A row band (the first input) and its cells, one per column. */
export interface MatrixRow {
  kind: "MatrixRow";
  band: MatrixBand;
  values: Expr[];
  span: Span;
}

export interface CurveDecl extends DeclBase {
  kind: "Curve";
  name: Name;
  points: CurvePoint[];
}

export interface CurvePoint {
  kind: "CurvePoint";
  /** `below : y` gives the value under the first point (a cliff); then `x` is undefined. */
  below: boolean;
  x?: Expr;
  y: Expr;
  span: Span;
}

export interface TableDecl extends DeclBase {
  kind: "Table";
  name: Name;
  /** Key dimensions, in order. */
  keys: Name[];
  rows: TableRow[];
}

export interface TableRow {
  kind: "TableRow";
  /** undefined for the `default` row. */
  keys?: Name[];
  value: Expr;
  span: Span;
}

export interface ComponentDecl extends DeclBase {
  kind: "Component";
  name: Name;
  forEach?: Param;
  clauses: ComponentClause[];
}

export type ComponentClause =
  | { kind: "Window"; from: Expr; to: Expr; span: Span }
  | { kind: "Eligible"; condition: Expr; span: Span }
  | { kind: "Gate"; condition: Expr; span: Span }
  | { kind: "Let"; name: Name; value: Expr; span: Span }
  | { kind: "Payout"; value: Expr; span: Span }
  | { kind: "Floor"; value: Expr; span: Span }
  | { kind: "Cap"; value: Expr; per?: Name; span: Span }
  | { kind: "AllowNegative"; span: Span }
  /** `hold above 20000 EUR reason "windfall"`: a line above the bound is held for review. */
  | { kind: "Hold"; bound: Expr; reason?: StringLiteral; span: Span };

export interface PayoutDecl extends DeclBase {
  kind: "PayoutRules";
  rules: PayoutRule[];
}

export type PayoutRule =
  | { kind: "PlanCap"; value: Expr; per: Name; span: Span }
  | { kind: "Guarantee"; value: Expr; per: Name; recoverable: boolean; span: Span }
  | { kind: "Settle"; table: Name; carry: boolean; span: Span }
  /** `release holds from approvals`: rows (person, period, component) that pay held lines. */
  | { kind: "Release"; table: Name; span: Span };

export interface TestDecl extends DeclBase {
  kind: "Test";
  title: StringLiteral;
  statements: TestStatement[];
}

export type TestStatement =
  | { kind: "TestPeriod"; period: Expr; span: Span }
  /** `given revenue(Cardio) = 120000 EUR` or `given growth = 5%` (args undefined). */
  | { kind: "GivenValue"; name: Name; args?: Expr[]; value: Expr; span: Span }
  /** `given sales { id: "s1", amount: 10 EUR }`: one row of an input table. */
  | { kind: "GivenRow"; table: Name; fields: FieldInit[]; span: Span }
  /** `expect commission(Cardio) for "p1" = 30 EUR`; target `total` is written as a Name "total". */
  | { kind: "Expect"; target: Name; args?: Expr[]; person?: StringLiteral; value: Expr; span: Span };

export interface FieldInit {
  kind: "FieldInit";
  name: Name;
  value: Expr;
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | NumberLit
  | MoneyLit
  | PercentLit
  | DateLit
  | PeriodLit
  | StringLit
  | BoolLit
  | NameRef
  | PathExpr
  | CallExpr
  | IndexExpr
  | UnaryExpr
  | BinaryExpr
  | InExpr
  | IfExpr
  | ParenExpr
  | RangeExpr
  | ErrorExpr;

/** `120000`, `0.05`: `value` is the canonical decimal text (underscores removed). */
export interface NumberLit {
  kind: "NumberLit";
  value: string;
  span: Span;
}

/** `100000 EUR`. */
export interface MoneyLit {
  kind: "MoneyLit";
  amount: string;
  currency: Name;
  span: Span;
}

/** `5%`: `value` is the number before `%` as written canonically ("5", "12.5"). */
export interface PercentLit {
  kind: "PercentLit";
  value: string;
  span: Span;
}

/** `2026-01-31`. */
export interface DateLit {
  kind: "DateLit";
  value: string;
  span: Span;
}

/** `2026-Q1`, `2026-03`, `2026-H1`, `2026-Y`; fiscal: `FY2026-Q1`, `FY2026-H1`, `FY2026`. */
export interface PeriodLit {
  kind: "PeriodLit";
  value: string;
  span: Span;
}

export interface StringLit {
  kind: "StringLit";
  value: string;
  span: Span;
}

export interface BoolLit {
  kind: "BoolLit";
  value: boolean;
  span: Span;
}

/** A bare identifier: a declaration, parameter, local, member, `person`, `reports`, `team`... */
export interface NameRef {
  kind: "NameRef";
  name: Name;
  span: Span;
}

/** `object.member`: a column (`sales.amount`), a person attribute, a qualified member, `t.rate`. */
export interface PathExpr {
  kind: "PathExpr";
  object: Expr;
  member: Name;
  span: Span;
}

/** `f(a, b, quota: q)` and aggregates `sum(x where c)`. */
export interface CallExpr {
  kind: "CallExpr";
  callee: Expr;
  args: Argument[];
  /** The `where` filter of an aggregate: `sum(sales.amount where sales.units > 0)`. */
  where?: Expr;
  /** `allow negative` written among the arguments (`t(x, allow negative)`), in source order. */
  flags?: CallFlag[];
  span: Span;
}

/** A flag written among a call's arguments: `allow negative` (of a tier table's application). */
export interface CallFlag {
  kind: "CallFlag";
  flag: "allow negative";
  /** The index among the call's arguments and flags, in source order (a flag is written last). */
  position: number;
  span: Span;
}

export interface Argument {
  kind: "Argument";
  /** `quota:` in `t(x, quota: q)`, or a member key in `weighted(m, Cardio: 40%)`. */
  name?: Name;
  value: Expr;
  span: Span;
}

/** `table[key1, key2]`. */
export interface IndexExpr {
  kind: "IndexExpr";
  object: Expr;
  keys: Expr[];
  span: Span;
}

export interface UnaryExpr {
  kind: "UnaryExpr";
  op: "-" | "not";
  operand: Expr;
  span: Span;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or" | "otherwise";

export interface BinaryExpr {
  kind: "BinaryExpr";
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}

/**
 * `x in a .. b` (range membership, both ends inclusive, `to` may be absent for `a ..`) or
 * `x in Cardio` (hierarchical membership: `to` undefined and `range` false).
 */
export interface InExpr {
  kind: "InExpr";
  value: Expr;
  from: Expr;
  to?: Expr;
  range: boolean;
  span: Span;
}

export interface IfExpr {
  kind: "IfExpr";
  condition: Expr;
  then: Expr;
  else: Expr;
  span: Span;
}

/** `a .. b` as a call argument (`prorate(x, coverage.start .. coverage.end)`); `to` absent for `a ..`. */
export interface RangeExpr {
  kind: "RangeExpr";
  from: Expr;
  to?: Expr;
  span: Span;
}

/** Parentheses are kept so that the formatter can keep the author's grouping. */
export interface ParenExpr {
  kind: "ParenExpr";
  inner: Expr;
  span: Span;
}

/** Stands where an expression could not be parsed; a syntax diagnostic covers it. */
export interface ErrorExpr {
  kind: "ErrorExpr";
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// Comments

export interface Comment {
  /** `line` for `// ...`, `doc` for `/// ...`. */
  kind: "line" | "doc";
  /** The full text including the slashes. */
  text: string;
  span: Span;
}
