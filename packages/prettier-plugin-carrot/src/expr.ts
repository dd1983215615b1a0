/**
 * Expressions to documents. The parser keeps parentheses (ParenExpr), so printing the tree without
 * adding any reproduces the author's grouping exactly. Literals are printed as written (`2400.00`
 * stays `2400.00`); only the spacing around them is canonical.
 */
import type { Argument, Expr, Name } from "@carrot/language";
import { type Doc, group, hang, join, line } from "./doc.js";
import type { SourceText } from "./source.js";

/** Operators before which a long expression may break: the loosest-binding ones. */
const BREAKABLE_CLASSES: readonly (readonly string[])[] = [["otherwise"], ["or"], ["and"], ["+", "-"], ["*", "/"]];

export function nameText(source: SourceText, name: Name): string {
  // A quoted name keeps its original spelling, escapes included.
  return name.quoted ? source.slice(name.span) : name.text;
}

export function exprDoc(source: SourceText, expr: Expr): Doc {
  const print = (e: Expr): Doc => exprDoc(source, e);
  switch (expr.kind) {
    case "NumberLit":
    case "DateLit":
    case "PeriodLit":
    case "StringLit":
    case "ErrorExpr":
      return source.slice(expr.span);
    case "PercentLit":
      return source.slice(expr.span).replace(/\s+/g, "");
    case "MoneyLit": {
      const amount = source.text.slice(expr.span.start, expr.currency.span.start).replace(/\s+/g, "");
      return `${amount} ${nameText(source, expr.currency)}`;
    }
    case "BoolLit":
      return expr.value ? "true" : "false";
    case "NameRef":
      return nameText(source, expr.name);
    case "PathExpr":
      return [print(expr.object), ".", nameText(source, expr.member)];
    case "CallExpr": {
      const args = join(", ", expr.args.map((a) => argumentDoc(source, a)));
      // A long filter goes on its own line, under the first argument.
      const where = expr.where ? group([line, "where ", print(expr.where)]) : "";
      return [print(expr.callee), "(", hang([args, where]), ")"];
    }
    case "IndexExpr":
      return [print(expr.object), "[", join(", ", expr.keys.map(print)), "]"];
    case "UnaryExpr":
      return expr.op === "-" ? ["-", print(expr.operand)] : ["not ", print(expr.operand)];
    case "BinaryExpr": {
      const opClass = BREAKABLE_CLASSES.find((c) => c.includes(expr.op));
      if (opClass === undefined) return [print(expr.left), ` ${expr.op} `, print(expr.right)];
      const [first, ...rest] = flattenChain(expr, opClass);
      // Broken before each operator, the operators under the first operand.
      return group(hang([print(first!.operand), ...rest.map((link) => [line, `${link.op} `, print(link.operand)])]));
    }
    case "InExpr": {
      const range = expr.range ? [" ..", expr.to ? [" ", print(expr.to)] : ""] : "";
      return [print(expr.value), " in ", print(expr.from), range];
    }
    case "RangeExpr":
      return [print(expr.from), " ..", expr.to ? [" ", print(expr.to)] : ""];
    case "IfExpr":
      return group(hang(["if ", print(expr.condition), line, "then ", print(expr.then), line, "else ", print(expr.else)]));
    case "ParenExpr":
      return ["(", print(expr.inner), ")"];
  }
}

export function argumentDoc(source: SourceText, arg: Argument): Doc {
  const value = exprDoc(source, arg.value);
  return arg.name ? [nameText(source, arg.name), ": ", value] : value;
}

interface ChainLink {
  op: string;
  operand: Expr;
}

/** `a + b - c` as operands joined by operators of one precedence class, in source order. */
function flattenChain(expr: Expr, opClass: readonly string[]): ChainLink[] {
  if (expr.kind !== "BinaryExpr" || !opClass.includes(expr.op)) return [{ op: "", operand: expr }];
  const left = flattenChain(expr.left, opClass);
  const [rightFirst, ...rightRest] = flattenChain(expr.right, opClass);
  return [...left, { op: expr.op, operand: rightFirst!.operand }, ...rightRest];
}
