/**
 * CST → AST. Reads the labelled children of the Chevrotain CST (see ../parser/parser.ts) and builds
 * exactly the shapes of ./types.ts. Works on recovered (partial) trees too: a missing name becomes
 * `text: ""`, a missing expression an `ErrorExpr`; the parser has already reported why.
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import { unquote } from "../lexer/lexer.js";
import * as T from "../lexer/tokens.js";
import type {
  Argument,
  CallFlag,
  BinaryOp,
  ColumnDecl,
  ComponentClause,
  CreditClause,
  CurvePoint,
  Declaration,
  Expr,
  FieldInit,
  Import,
  MemberDecl,
  Name,
  Param,
  PayoutRule,
  PlanField,
  Span,
  StringLiteral,
  TableRow,
  TestStatement,
  TierBand,
  MatrixBand,
  CheckClause,
  MatrixRow,
  TypeRef,
} from "./types.js";

// ---------------------------------------------------------------------------------------------
// CST access

function isToken(element: CstElement): element is IToken {
  return (element as IToken).tokenType !== undefined;
}

function isRealToken(token: IToken): boolean {
  return token.isInsertedInRecovery !== true && !Number.isNaN(token.startOffset);
}

function tokens(node: CstNode | undefined, label: string): IToken[] {
  const elements = node?.children[label];
  if (elements === undefined) return [];
  return elements.filter((e): e is IToken => isToken(e) && isRealToken(e));
}

function token(node: CstNode | undefined, label: string): IToken | undefined {
  return tokens(node, label)[0];
}

function nodes(node: CstNode | undefined, label: string): CstNode[] {
  const elements = node?.children[label];
  if (elements === undefined) return [];
  return elements.filter((e): e is CstNode => !isToken(e));
}

function child(node: CstNode | undefined, label: string): CstNode | undefined {
  return nodes(node, label)[0];
}

export function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

/** The span of a CST node: from its first to its last real token; undefined if it has none. */
function nodeSpan(node: CstNode | undefined): Span | undefined {
  if (node === undefined) return undefined;
  const location = node.location;
  if (
    location !== undefined &&
    !node.recoveredNode &&
    Number.isFinite(location.startOffset) &&
    Number.isFinite(location.endOffset)
  ) {
    return { start: location.startOffset, end: (location.endOffset as number) + 1 };
  }
  let start = Infinity;
  let end = -Infinity;
  for (const elements of Object.values(node.children)) {
    for (const element of elements) {
      const span = isToken(element) ? (isRealToken(element) ? tokenSpan(element) : undefined) : nodeSpan(element);
      if (span === undefined) continue;
      if (span.start < start) start = span.start;
      if (span.end > end) end = span.end;
    }
  }
  return Number.isFinite(start) ? { start, end } : undefined;
}

function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function at(offset: number): Span {
  return { start: offset, end: offset };
}

// ---------------------------------------------------------------------------------------------
// Leaves

function nameOf(t: IToken | undefined, fallback: number): Name {
  if (t === undefined) return { kind: "Name", text: "", quoted: false, span: at(fallback) };
  if (t.tokenType === T.StringLiteral || t.tokenType === T.UnterminatedString) {
    return { kind: "Name", text: unquote(t.image), quoted: true, span: tokenSpan(t) };
  }
  return { kind: "Name", text: t.image, quoted: false, span: tokenSpan(t) };
}

function stringOf(t: IToken | undefined, fallback: number): StringLiteral {
  if (t === undefined) return { kind: "StringLit", value: "", span: at(fallback) };
  return { kind: "StringLit", value: unquote(t.image), span: tokenSpan(t) };
}

function nameOrString(node: CstNode | undefined, fallback: number): Name {
  return nameOf(token(node, "token"), nodeSpan(node)?.start ?? fallback);
}

/** Number text without digit separators: `1_000_000` → `1000000`. */
function canonicalNumber(image: string): string {
  return image.replace(/_/g, "");
}

// ---------------------------------------------------------------------------------------------
// Expressions

function errorExpr(node: CstNode | undefined, fallback: number): Expr {
  return { kind: "ErrorExpr", span: nodeSpan(node) ?? at(fallback) };
}

/** Binding power of binary operators (docs/language.md section 4); `..` only follows an `in`. */
const PRECEDENCE: Readonly<Record<string, number>> = {
  otherwise: 1,
  or: 2,
  and: 3,
  // `not` (prefix) is 4: it applies to a whole comparison.
  "=": 5,
  "!=": 5,
  "<": 5,
  "<=": 5,
  ">": 5,
  ">=": 5,
  in: 5,
  "..": 6,
  "+": 7,
  "-": 7,
  "*": 8,
  "/": 8,
};
const NOT_OPERAND_PRECEDENCE = 5;

/** Converts an `expression` CST node (a flat operand/operator sequence) into a precedence tree. */
export function toExpr(node: CstNode | undefined, fallback: number): Expr {
  if (node === undefined) return { kind: "ErrorExpr", span: at(fallback) };
  const here = nodeSpan(node)?.start ?? fallback;
  const ops = tokens(node, "ops");
  const operandNodes = nodes(node, "operands");
  if (operandNodes.length === 0) return errorExpr(node, here);
  // operands[i] follows ops[i - 1]; an open range (`x in a ..`) leaves its slot empty.
  const operands: (CstNode | undefined)[] = [operandNodes[0]];
  let next = 1;
  for (let i = 0; i < ops.length; i++) {
    const candidate = operandNodes[next];
    const nextOp = ops[i + 1];
    const candidateStart = nodeSpan(candidate)?.start;
    const belongs =
      candidate !== undefined &&
      (ops[i]!.image !== ".." ||
        nextOp === undefined ||
        candidateStart === undefined ||
        candidateStart < nextOp.startOffset);
    operands.push(belongs ? candidate : undefined);
    if (belongs) next++;
  }
  const cursor = { op: 0 };

  const climb = (minPrecedence: number, prefixIndex: number): Expr => {
    let left = prefixed(prefixIndex);
    while (cursor.op < ops.length) {
      const op = ops[cursor.op]!;
      const precedence = PRECEDENCE[op.image] ?? 0;
      if (precedence < minPrecedence) break;
      cursor.op++;
      if (op.image === "..") {
        const range: Expr = { kind: "RangeExpr", from: left, span: cover(left.span, tokenSpan(op)) };
        if (operands[cursor.op] !== undefined) {
          range.to = climb(precedence + 1, 0);
          range.span = cover(range.span, range.to.span);
        }
        left = range;
        continue;
      }
      const right =
        operands[cursor.op] === undefined
          ? ({ kind: "ErrorExpr", span: at(op.startOffset + op.image.length) } as Expr)
          : climb(precedence + 1, 0);
      left = combine(op, left, right);
    }
    return left;
  };

  const prefixed = (prefixIndex: number): Expr => {
    const operand = operands[cursor.op];
    const previousOp = ops[cursor.op - 1];
    const fallbackStart = previousOp === undefined ? here : previousOp.startOffset + previousOp.image.length;
    if (operand === undefined) return { kind: "ErrorExpr", span: at(fallbackStart) };
    const prefixes = tokens(operand, "prefix");
    const prefix = prefixes[prefixIndex];
    if (prefix === undefined) {
      const last = prefixes[prefixes.length - 1];
      return postfix(operand, last === undefined ? fallbackStart : last.startOffset + last.image.length);
    }
    const inner = prefix.image === "not" ? climb(NOT_OPERAND_PRECEDENCE, prefixIndex + 1) : prefixed(prefixIndex + 1);
    return {
      kind: "UnaryExpr",
      op: prefix.image === "not" ? "not" : "-",
      operand: inner,
      span: cover(tokenSpan(prefix), inner.span),
    };
  };

  return climb(0, 0);
}

function combine(op: IToken, left: Expr, right: Expr): Expr {
  const span = cover(left.span, right.span);
  if (op.image !== "in") return { kind: "BinaryExpr", op: op.image as BinaryOp, left, right, span };
  if (right.kind === "RangeExpr") {
    return {
      kind: "InExpr",
      value: left,
      from: right.from,
      ...(right.to !== undefined ? { to: right.to } : {}),
      range: true,
      span,
    };
  }
  return { kind: "InExpr", value: left, from: right, range: false, span };
}

/** `here`: where the operand should be when it is missing (just after what precedes it). */
function postfix(node: CstNode, here: number): Expr {
  let object = primary(child(node, "primary"), here);
  for (const op of nodes(node, "postfix")) {
    const opSpan = nodeSpan(op);
    const span = opSpan === undefined ? object.span : cover(object.span, opSpan);
    if (op.children["dot"] !== undefined) {
      const member = nameOf(token(op, "member"), span.end);
      object = { kind: "PathExpr", object, member, span };
    } else if (op.children["call"] !== undefined) {
      const args: Argument[] = [];
      const flags: CallFlag[] = [];
      nodes(op, "args").forEach((a, position) => {
        const flag = token(a, "flag");
        if (flag === undefined) args.push(argument(a, span.end));
        else {
          const end = token(a, "flagEnd");
          const flagSpan = end !== undefined && isRealToken(end) ? cover(tokenSpan(flag), tokenSpan(end)) : tokenSpan(flag);
          flags.push({ kind: "CallFlag", flag: "allow negative", position, span: flagSpan });
        }
      });
      const where = child(op, "where");
      object = {
        kind: "CallExpr",
        callee: object,
        args,
        ...(where !== undefined ? { where: toExpr(where, span.end) } : {}),
        ...(flags.length > 0 ? { flags } : {}),
        span,
      };
    } else if (op.children["index"] !== undefined) {
      const keys = nodes(op, "keys").map((k) => toExpr(k, span.end));
      object = { kind: "IndexExpr", object, keys, span };
    }
  }
  return object;
}

function argument(node: CstNode, fallback: number): Argument {
  const span = nodeSpan(node) ?? at(fallback);
  const nameToken = token(node, "name");
  let value = toExpr(child(node, "value"), nameToken ? nameToken.startOffset + nameToken.image.length : span.start);
  const range = token(node, "range");
  if (range !== undefined) {
    const toNode = child(node, "to");
    const rangeExpr: Expr = { kind: "RangeExpr", from: value, span: cover(value.span, tokenSpan(range)) };
    if (toNode !== undefined) {
      rangeExpr.to = toExpr(toNode, range.startOffset + 2);
      rangeExpr.span = cover(rangeExpr.span, rangeExpr.to.span);
    }
    value = rangeExpr;
  }
  return {
    kind: "Argument",
    ...(nameToken !== undefined ? { name: nameOf(nameToken, span.start) } : {}),
    value,
    span,
  };
}

function primary(node: CstNode | undefined, here: number): Expr {
  const span = nodeSpan(node) ?? at(here);
  const number = token(node, "number");
  if (number !== undefined) {
    const currency = token(node, "currency");
    if (currency !== undefined) {
      return { kind: "MoneyLit", amount: canonicalNumber(number.image), currency: nameOf(currency, span.end), span };
    }
    return { kind: "NumberLit", value: canonicalNumber(number.image), span };
  }
  const percent = token(node, "percent");
  if (percent !== undefined) {
    return { kind: "PercentLit", value: canonicalNumber(percent.image.slice(0, -1)), span };
  }
  const date = token(node, "date");
  if (date !== undefined) return { kind: "DateLit", value: date.image, span };
  const period = token(node, "period");
  if (period !== undefined) return { kind: "PeriodLit", value: period.image, span };
  const string = token(node, "string");
  if (string !== undefined) return { kind: "StringLit", value: unquote(string.image), span };
  const bool = token(node, "bool");
  if (bool !== undefined) return { kind: "BoolLit", value: bool.image === "true", span };
  const name = token(node, "name");
  if (name !== undefined) return { kind: "NameRef", name: nameOf(name, span.start), span };
  if (token(node, "paren") !== undefined) {
    return { kind: "ParenExpr", inner: toExpr(child(node, "inner"), span.start + 1), span };
  }
  if (token(node, "if") !== undefined) {
    return {
      kind: "IfExpr",
      condition: toExpr(child(node, "condition"), span.start + 2),
      then: toExpr(child(node, "then"), span.end),
      else: toExpr(child(node, "else"), span.end),
      span,
    };
  }
  return { kind: "ErrorExpr", span };
}

// ---------------------------------------------------------------------------------------------
// Declarations

/** Converts a `declaration` CST node: an import, a declaration, or undefined if nothing was recognised. */
export function toTopLevel(node: CstNode | undefined): Import | Declaration | undefined {
  if (node === undefined) return undefined;
  for (const [ruleName, elements] of Object.entries(node.children)) {
    const decl = elements[0];
    if (decl === undefined || isToken(decl)) continue;
    const span = nodeSpan(decl);
    if (span === undefined) return undefined;
    const convert = DECLARATIONS[ruleName];
    return convert === undefined ? undefined : convert(decl, span);
  }
  return undefined;
}

type Converter = (node: CstNode, span: Span) => Import | Declaration;

const DECLARATIONS: Record<string, Converter> = {
  importDecl(node, span) {
    const path = stringOf(token(node, "path"), span.end);
    const result: Import = { kind: "Import", path, span };
    if (node.children["LBrace"] !== undefined) {
      result.names = tokens(node, "names").map((t) => nameOf(t, span.end));
    }
    return result;
  },
  planDecl(node, span) {
    const title = stringOf(token(node, "title"), span.end);
    const fields = nodes(node, "planField").flatMap((f) => planField(f));
    return { kind: "Plan", title, fields, span };
  },
  dimensionDecl(node, span) {
    const name = nameOf(token(node, "name"), span.end);
    const members = nodes(node, "member").map((m): MemberDecl => {
      const memberSpan = nodeSpan(m) ?? at(span.end);
      const member: MemberDecl = {
        kind: "Member",
        name: nameOrString(child(m, "name"), memberSpan.start),
        span: memberSpan,
      };
      const parent = child(m, "parent");
      if (parent !== undefined) member.parent = nameOrString(parent, memberSpan.end);
      return member;
    });
    const parent = token(node, "parent");
    return parent === undefined
      ? { kind: "Dimension", name, members, span }
      : { kind: "Dimension", name, parent: nameOf(parent, span.end), members, span };
  },
  inputDecl(node, span) {
    const role = token(node, "role")?.image === "people" ? "people" : "input";
    const name = nameOf(token(node, "name"), span.end);
    const columns = nodes(node, "column").map((c) => column(c, span.end));
    return { kind: "Input", role, name, columns, span };
  },
  fxDecl(node, span) {
    return { kind: "Fx", table: nameOf(token(node, "table"), span.end), span };
  },
  creditDecl(node, span) {
    const name = nameOf(token(node, "name"), span.end);
    const clauses = nodes(node, "creditClause").flatMap((c) => creditClause(c));
    return { kind: "Credit", name, clauses, span };
  },
  checkDecl(node, span) {
    const name = nameOf(token(node, "name"), span.end);
    const clauses = nodes(node, "checkClause").flatMap((c) => checkClause(c));
    return { kind: "Check", name, clauses, span };
  },
  valueDecl(node, span) {
    const keyword = (token(node, "keyword")?.image ?? "let") as "measure" | "quota" | "let";
    const name = nameOf(token(node, "name"), span.end);
    const eq = token(node, "Eq");
    const body = toExpr(child(node, "body"), eq ? eq.startOffset + 1 : span.end);
    const paramsNode = child(node, "params");
    if (paramsNode === undefined) return { kind: "Value", keyword, name, body, span };
    const params = nodes(paramsNode, "param").map((p) => param(p, span.end));
    return { kind: "Value", keyword, name, params, body, span };
  },
  tiersDecl(node, span) {
    const name = nameOf(token(node, "name"), span.end);
    const mode = nameOf(token(node, "mode"), name.span.end);
    const bands = nodes(node, "band").map((b): TierBand => {
      const bandSpan = nodeSpan(b) ?? at(span.end);
      const to = child(b, "to");
      return {
        kind: "Band",
        from: toExpr(child(b, "from"), bandSpan.start),
        ...(to !== undefined ? { to: toExpr(to, bandSpan.end) } : {}),
        value: toExpr(child(b, "value"), bandSpan.end),
        span: bandSpan,
      };
    });
    const boundary = token(node, "boundary");
    return boundary === undefined
      ? { kind: "Tiers", name, mode, bands, span }
      : { kind: "Tiers", name, mode, boundary: nameOf(boundary, span.end), bands, span };
  },
  matrixDecl(node, span) {
    const name = nameOf(token(node, "name"), span.end);
    const band = (b: CstNode, bandSpan: Span): MatrixBand => {
      const to = child(b, "to");
      return {
        kind: "MatrixBand",
        from: toExpr(child(b, "from"), bandSpan.start),
        ...(to !== undefined ? { to: toExpr(to, bandSpan.end) } : {}),
        span: bandSpan,
      };
    };
    const columns = nodes(node, "column").map((c) => band(c, nodeSpan(c) ?? at(span.end)));
    const rows = nodes(node, "row").map((r): MatrixRow => {
      const rowSpan = nodeSpan(r) ?? at(span.end);
      // The row band is its `from .. to`, without the cells.
      const dots = token(r, "DotDot");
      const bandEnd = nodeSpan(child(r, "to"))?.end ?? (dots ? dots.startOffset + 2 : rowSpan.end);
      const bandSpan = { start: rowSpan.start, end: bandEnd };
      return {
        kind: "MatrixRow",
        band: band(r, bandSpan),
        values: nodes(r, "value").map((v) => toExpr(v, rowSpan.end)),
        span: rowSpan,
      };
    });
    const boundary = token(node, "boundary");
    return boundary === undefined
      ? { kind: "Matrix", name, columns, rows, span }
      : { kind: "Matrix", name, boundary: nameOf(boundary, span.end), columns, rows, span };
  },
  curveDecl(node, span) {
    const name = nameOf(token(node, "name"), span.end);
    const points = nodes(node, "curvePoint").map((p): CurvePoint => {
      const pointSpan = nodeSpan(p) ?? at(span.end);
      const x = child(p, "x");
      return {
        kind: "CurvePoint",
        below: token(p, "below") !== undefined,
        ...(x !== undefined ? { x: toExpr(x, pointSpan.start) } : {}),
        y: toExpr(child(p, "y"), pointSpan.end),
        span: pointSpan,
      };
    });
    return { kind: "Curve", name, points, span };
  },
  tableDecl(node, span) {
    const name = nameOf(token(node, "name"), span.end);
    const keys = tokens(node, "keys").map((t) => nameOf(t, span.end));
    const rows = nodes(node, "tableRow").map((r): TableRow => {
      const rowSpan = nodeSpan(r) ?? at(span.end);
      const keyNodes = nodes(r, "keys");
      const value = toExpr(child(r, "value"), rowSpan.end);
      const first = token(keyNodes[0], "token");
      if (keyNodes.length === 1 && first?.tokenType === T.Keyword["default"]) {
        return { kind: "TableRow", value, span: rowSpan };
      }
      return { kind: "TableRow", keys: keyNodes.map((k) => nameOrString(k, rowSpan.start)), value, span: rowSpan };
    });
    return { kind: "Table", name, keys, rows, span };
  },
  componentDecl(node, span) {
    const name = nameOf(token(node, "name"), span.end);
    const clauses = nodes(node, "componentClause").flatMap((c) => componentClause(c));
    const forEach = child(node, "forEach");
    return forEach === undefined
      ? { kind: "Component", name, clauses, span }
      : { kind: "Component", name, forEach: param(forEach, span.end), clauses, span };
  },
  payoutDecl(node, span) {
    return { kind: "PayoutRules", rules: nodes(node, "payoutRule").flatMap((r) => payoutRule(r)), span };
  },
  testDecl(node, span) {
    const title = stringOf(token(node, "title"), span.end);
    const statements = nodes(node, "testStatement").flatMap((s) => testStatement(s));
    return { kind: "Test", title, statements, span };
  },
};

function planField(node: CstNode): PlanField[] {
  const span = nodeSpan(node);
  const keyword = token(node, "keyword");
  if (span === undefined || keyword === undefined) return [];
  const end = span.end;
  switch (keyword.image) {
    case "version":
      return [{ kind: "PlanVersion", value: stringOf(token(node, "value"), end), span }];
    case "currency":
      return [{ kind: "PlanCurrency", code: nameOf(token(node, "name"), end), span }];
    case "effective":
      return [
        { kind: "PlanEffective", from: toExpr(child(node, "from"), end), to: toExpr(child(node, "to"), end), span },
      ];
    case "period":
      return [{ kind: "PlanPeriod", grain: nameOf(token(node, "name"), end), span }];
    case "rounding": {
      const scaleToken = token(node, "scale");
      const scale: Expr = scaleToken
        ? { kind: "NumberLit", value: canonicalNumber(scaleToken.image), span: tokenSpan(scaleToken) }
        : { kind: "ErrorExpr", span: at(keyword.startOffset + keyword.image.length) };
      const field: PlanField = { kind: "PlanRounding", scale, mode: nameOf(token(node, "name"), end), span };
      const on = token(node, "on");
      if (on !== undefined) field.on = nameOf(on, end);
      return [field];
    }
    case "pay": {
      const timing = token(node, "timing")?.image === "next" ? "next" : "every";
      return [{ kind: "PlanPay", timing, grain: nameOf(token(node, "name"), end), span }];
    }
    case "fiscal": {
      const field: PlanField = { kind: "PlanFiscal", month: nameOf(token(node, "name"), end), span };
      const named = token(node, "named");
      if (named !== undefined) field.named = nameOf(named, end);
      return [field];
    }
    default:
      return [];
  }
}

function column(node: CstNode, fallback: number): ColumnDecl {
  const span = nodeSpan(node) ?? at(fallback);
  const typeNode = child(node, "typeRef");
  const typeSpan = nodeSpan(typeNode) ?? at(span.end);
  const type: TypeRef = { kind: "TypeRef", name: nameOf(token(typeNode, "name"), typeSpan.start), span: typeSpan };
  const currency = token(typeNode, "currency");
  if (currency !== undefined) type.currency = nameOf(currency, typeSpan.end);
  const currencyColumn = token(typeNode, "currencyColumn");
  if (currencyColumn !== undefined) type.currencyColumn = nameOf(currencyColumn, typeSpan.end);
  const modifiers = tokens(node, "modifier").map((t) => t.image);
  return {
    kind: "Column",
    name: nameOf(token(node, "name"), span.start),
    type,
    key: modifiers.includes("key"),
    optional: modifiers.includes("optional"),
    span,
  };
}

function param(node: CstNode, fallback: number): Param {
  const span = nodeSpan(node) ?? at(fallback);
  return {
    kind: "Param",
    name: nameOf(token(node, "name"), span.start),
    type: nameOf(token(node, "type"), span.end),
    span,
  };
}

function creditClause(node: CstNode): CreditClause[] {
  const span = nodeSpan(node);
  const keyword = token(node, "keyword");
  if (span === undefined || keyword === undefined) return [];
  const afterKeyword = keyword.startOffset + keyword.image.length;
  const value = () => toExpr(child(node, "value"), span.end);
  const name = () => nameOf(token(node, "name"), afterKeyword);
  switch (keyword.image) {
    case "from":
      return [{ kind: "CreditFrom", table: name(), span }];
    case "dated":
      return [{ kind: "CreditDated", date: value(), span }];
    case "join":
      return [{ kind: "CreditJoin", table: name(), on: value(), span }];
    case "to":
      return [{ kind: "CreditTo", person: value(), span }];
    case "split":
      return [{ kind: "CreditSplit", share: value(), span }];
    case "rollup":
      return [{ kind: "CreditRollup", rule: name(), span }];
    case "depth": {
      const number = token(node, "number");
      const depth: Expr = number
        ? { kind: "NumberLit", value: canonicalNumber(number.image), span: tokenSpan(number) }
        : { kind: "ErrorExpr", span: at(afterKeyword) };
      return [{ kind: "CreditDepth", depth, span }];
    }
    default:
      return [];
  }
}

function checkClause(node: CstNode): CheckClause[] {
  const span = nodeSpan(node);
  const keyword = token(node, "keyword");
  if (span === undefined || keyword === undefined) return [];
  const afterKeyword = keyword.startOffset + keyword.image.length;
  switch (keyword.image) {
    case "from":
      return [{ kind: "CheckFrom", table: nameOf(token(node, "name"), afterKeyword), span }];
    case "per": {
      const values = nodes(node, "value");
      return [{ kind: "CheckPer", columns: values.length ? values.map((v) => toExpr(v, span.end)) : [toExpr(undefined, afterKeyword)], span }];
    }
    case "assert":
      return [{ kind: "CheckAssert", condition: toExpr(child(node, "value"), afterKeyword), span }];
    case "message":
      return [{ kind: "CheckMessage", text: stringOf(token(node, "text"), span.end), span }];
    case "severity":
      return [{ kind: "CheckSeverity", level: nameOf(token(node, "name"), afterKeyword), span }];
    default:
      return [];
  }
}

function componentClause(node: CstNode): ComponentClause[] {
  const span = nodeSpan(node);
  const keyword = token(node, "keyword");
  if (span === undefined || keyword === undefined) return [];
  const afterKeyword = keyword.startOffset + keyword.image.length;
  const value = () => toExpr(child(node, "value"), afterKeyword);
  switch (keyword.image) {
    case "window":
      return [{ kind: "Window", from: value(), to: toExpr(child(node, "to"), span.end), span }];
    case "eligible":
      return [{ kind: "Eligible", condition: value(), span }];
    case "gate":
      return [{ kind: "Gate", condition: value(), span }];
    case "let": {
      const eq = token(node, "Eq");
      const name = nameOf(token(node, "name"), afterKeyword);
      return [
        { kind: "Let", name, value: toExpr(child(node, "value"), eq ? eq.startOffset + 1 : name.span.end), span },
      ];
    }
    case "payout":
      return [{ kind: "Payout", value: value(), span }];
    case "floor":
      return [{ kind: "Floor", value: value(), span }];
    case "cap": {
      const clause: ComponentClause = { kind: "Cap", value: value(), span };
      const per = token(node, "per");
      if (per !== undefined) clause.per = nameOf(per, span.end);
      return [clause];
    }
    case "allow":
      return [{ kind: "AllowNegative", span }];
    case "hold": {
      const reason = token(node, "reason");
      const clause: ComponentClause = { kind: "Hold", bound: value(), span };
      if (reason !== undefined) clause.reason = stringOf(reason, span.end);
      return [clause];
    }
    default:
      return [];
  }
}

function payoutRule(node: CstNode): PayoutRule[] {
  const span = nodeSpan(node);
  const keyword = token(node, "keyword");
  if (span === undefined || keyword === undefined) return [];
  const afterKeyword = keyword.startOffset + keyword.image.length;
  switch (keyword.image) {
    case "cap":
      return [
        {
          kind: "PlanCap",
          value: toExpr(child(node, "value"), afterKeyword),
          per: nameOf(token(node, "per"), span.end),
          span,
        },
      ];
    case "guarantee":
      return [
        {
          kind: "Guarantee",
          value: toExpr(child(node, "value"), afterKeyword),
          per: nameOf(token(node, "per"), span.end),
          recoverable: token(node, "recovery")?.image === "recoverable",
          span,
        },
      ];
    case "settle":
      return [
        {
          kind: "Settle",
          table: nameOf(token(node, "table"), span.end),
          carry: token(node, "carry") !== undefined,
          span,
        },
      ];
    case "release":
      return [{ kind: "Release", table: nameOf(token(node, "table"), span.end), span }];
    default:
      return [];
  }
}

function testStatement(node: CstNode): TestStatement[] {
  const span = nodeSpan(node);
  const keyword = token(node, "keyword");
  if (span === undefined || keyword === undefined) return [];
  const afterKeyword = keyword.startOffset + keyword.image.length;
  const value = () => toExpr(child(node, "value"), span.end);
  const argsNode = child(node, "args");
  const args = argsNode === undefined ? undefined : nodes(argsNode, "args").map((a) => toExpr(a, span.end));
  switch (keyword.image) {
    case "period":
      return [{ kind: "TestPeriod", period: toExpr(child(node, "value"), afterKeyword), span }];
    case "given": {
      const name = nameOf(token(node, "name"), afterKeyword);
      if (token(node, "row") !== undefined) {
        const fields = nodes(node, "fieldInit").map((f): FieldInit => {
          const fieldSpan = nodeSpan(f) ?? at(span.end);
          return {
            kind: "FieldInit",
            name: nameOf(token(f, "name"), fieldSpan.start),
            value: toExpr(child(f, "value"), fieldSpan.end),
            span: fieldSpan,
          };
        });
        return [{ kind: "GivenRow", table: name, fields, span }];
      }
      return args === undefined
        ? [{ kind: "GivenValue", name, value: value(), span }]
        : [{ kind: "GivenValue", name, args, value: value(), span }];
    }
    case "expect": {
      const person = token(node, "person");
      return [
        {
          kind: "Expect",
          target: nameOf(token(node, "name"), afterKeyword),
          ...(args !== undefined ? { args } : {}),
          ...(person !== undefined ? { person: stringOf(person, span.end) } : {}),
          value: value(),
          span,
        },
      ];
    }
    default:
      return [];
  }
}
