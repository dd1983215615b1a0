/**
 * The resolved form: a symbol per declaration (and per member, column, parameter and component
 * let), and for every name in the ASTs the symbol or built-in it denotes.
 */
import type {
  ColumnDecl,
  ComponentClause,
  ComponentDecl,
  CreditDecl,
  CurveDecl,
  DimensionDecl,
  InputDecl,
  MemberDecl,
  Param,
  Span,
  TableDecl,
  TestDecl,
  TiersDecl,
  MatrixDecl,
  ValueDecl,
} from "@carrot/language";

interface SymBase {
  id: number;
  name: string;
  uri: string;
  /** The name at the declaration (go-to-definition target, rename range). */
  nameSpan: Span;
  /** The whole declaration. */
  span: Span;
  doc?: string;
  /** The symbol's type as shown on hover, filled in by the checker. */
  typeText?: string;
}

export interface DimensionSym extends SymBase {
  kind: "dimension";
  decl: DimensionDecl;
  members: Map<string, MemberSym>;
  parentDim?: DimensionSym;
}
export interface MemberSym extends SymBase {
  kind: "member";
  decl: MemberDecl;
  dimension: DimensionSym;
  parentMember?: MemberSym;
}
export interface TableSym extends SymBase {
  kind: "table";
  role: "input" | "people";
  decl: InputDecl;
  columns: Map<string, ColumnSym>;
}
export interface ColumnSym extends SymBase {
  kind: "column";
  decl: ColumnDecl;
  table: TableSym;
}
export interface CreditSym extends SymBase {
  kind: "credit";
  decl: CreditDecl;
  source?: TableSym;
  join?: TableSym;
  rollup?: CreditSym;
}
export interface ValueSym extends SymBase {
  kind: "value";
  keyword: "measure" | "quota" | "let";
  decl: ValueDecl;
  params: ParamSym[];
}
export interface TiersSym extends SymBase {
  kind: "tiers";
  decl: TiersDecl;
}
export interface MatrixSym extends SymBase {
  kind: "matrix";
  decl: MatrixDecl;
}
export interface CurveSym extends SymBase {
  kind: "curve";
  decl: CurveDecl;
}
export interface LookupSym extends SymBase {
  kind: "lookup";
  decl: TableDecl;
  keyDims: (DimensionSym | undefined)[];
}
export interface ComponentSym extends SymBase {
  kind: "component";
  decl: ComponentDecl;
  forEach?: ParamSym;
  locals: Map<string, LocalSym>;
}
export interface ParamSym extends SymBase {
  kind: "param";
  decl: Param;
  owner: ValueSym | ComponentSym;
  dimension?: DimensionSym;
}
export interface LocalSym extends SymBase {
  kind: "local";
  clause: Extract<ComponentClause, { kind: "Let" }>;
  owner: ComponentSym;
}
export interface TestSym extends SymBase {
  kind: "test";
  decl: TestDecl;
}

export type Sym =
  | DimensionSym
  | MemberSym
  | TableSym
  | ColumnSym
  | CreditSym
  | ValueSym
  | TiersSym
  | MatrixSym
  | CurveSym
  | LookupSym
  | ComponentSym
  | ParamSym
  | LocalSym
  | TestSym;

/** Declarations that share the plan-wide namespace. */
export type GlobalSym =
  | DimensionSym
  | TableSym
  | CreditSym
  | ValueSym
  | TiersSym
  | MatrixSym
  | CurveSym
  | LookupSym
  | ComponentSym;

export const BUILTIN_VALUES = ["person", "period_start", "period_end", "reports", "team"] as const;
export type BuiltinValue = (typeof BUILTIN_VALUES)[number];

export const BUILTIN_FUNCTIONS = [
  "sum",
  "count",
  "avg",
  "min",
  "max",
  "abs",
  "clamp",
  "round",
  "step_down",
  "prorate",
  "weighted",
  "convert",
  "days",
  "months_since",
  "ytd",
  "qtd",
  "cumulative",
  "prior",
] as const;
export type BuiltinFunction = (typeof BUILTIN_FUNCTIONS)[number];

/** What a NameRef, a PathExpr (its member) or a declaration-level Name denotes. */
export type Resolution =
  | { kind: "sym"; sym: Sym }
  /** A bare member name declared in several dimensions; the checker picks by the expected dimension. */
  | { kind: "members"; candidates: MemberSym[] }
  | { kind: "builtin"; name: BuiltinValue }
  | { kind: "function"; name: BuiltinFunction }
  | { kind: "personAttr"; column: ColumnSym }
  | { kind: "tierRate"; tiers: TiersSym }
  | { kind: "teamTarget"; scope: "reports" | "team"; target: ComponentSym | ValueSym }
  | { kind: "ancestor"; dimension: DimensionSym }
  /** A name used as a keyword-like argument (`convert(x, EUR)`, `round(x, 2, half_up)`). */
  | { kind: "word"; text: string }
  /** Already reported: everything built on it stays silent. */
  | { kind: "error" };

export interface Reference {
  symbol: Sym;
  uri: string;
  span: Span;
}

export interface SymbolTable {
  all: Sym[];
  globals: Map<string, GlobalSym>;
  members: Map<string, MemberSym[]>;
  dimensions: DimensionSym[];
  tables: TableSym[];
  credits: CreditSym[];
  values: ValueSym[];
  tiers: TiersSym[];
  matrices: MatrixSym[];
  curves: CurveSym[];
  lookups: LookupSym[];
  components: ComponentSym[];
  tests: TestSym[];
}

export function emptySymbolTable(): SymbolTable {
  return {
    all: [],
    globals: new Map(),
    members: new Map(),
    dimensions: [],
    tables: [],
    credits: [],
    values: [],
    tiers: [],
    matrices: [],
    curves: [],
    lookups: [],
    components: [],
    tests: [],
  };
}

export function symbolKindLabel(sym: Sym): string {
  switch (sym.kind) {
    case "value":
      return sym.keyword;
    case "table":
      return sym.role === "people" ? "people table" : "input table";
    case "lookup":
      return "lookup table";
    case "tiers":
      return "tier table";
    case "credit":
      return "credit rule";
    case "local":
      return "component let";
    case "param":
      return "parameter";
    default:
      return sym.kind;
  }
}
