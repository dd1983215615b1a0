/**
 * Expressions to documents. The parser keeps parentheses (ParenExpr), so printing the tree without
 * adding any reproduces the author's grouping exactly. Literals are printed as written (`2400.00`
 * stays `2400.00`); only the spacing around them is canonical.
 *
 * Comments inside an expression are kept where a line may break: after an operand of a broken
 * chain (`a // why` then `+ b`), before `where`, `then` and `else`. The caller keeps any other
 * comment by printing the construct as written (see `ExprComments.allPrinted`).
 */
import type { Argument, Comment, Expr, Name } from "@carrot/language";
import { type Doc, group, hang, hardline, join, line, lineSuffix } from "./doc.js";
import { type SourceText, commentText } from "./source.js";

/** Operators before which a long expression may break, loosest-binding first. */
const BREAKABLE_CLASSES: readonly (readonly string[])[] = [["otherwise"], ["or"], ["and"], ["+", "-"], ["*", "/"]];

/** The comments between the tokens of one construct, and which of them the printer has placed. */
export class ExprComments {
  private readonly printed = new Set<Comment>();

  constructor(
    private readonly source: SourceText,
    private readonly comments: readonly Comment[],
  ) {}

  static none(source: SourceText): ExprComments {
    return new ExprComments(source, []);
  }

  allPrinted(): boolean {
    return this.comments.every((c) => this.printed.has(c));
  }

  /**
   * The comments between `from` (the end of a token) and the next token: the one on the same line
   * becomes a line suffix, the ones on their own lines are printed on their own lines after the break.
   * `breakDoc` is the line break that comes before the next token.
   */
  around(from: number, breakDoc: Doc): Doc {
    const next = this.source.skipTrivia(from);
    const between = this.comments.filter((c) => c.span.start >= from && c.span.start < next && !this.printed.has(c));
    if (between.length === 0) return breakDoc;
    const parts: Doc[] = [];
    const [first, ...rest] = between;
    let ownLine = between;
    if (!this.source.hasNewline(from, first!.span.start)) {
      parts.push(lineSuffix(` ${commentText(this.source, first!)}`));
      ownLine = rest;
    }
    parts.push(breakDoc);
    for (const comment of ownLine) parts.push(commentText(this.source, comment), hardline);
    for (const comment of between) this.printed.add(comment);
    return parts;
  }
}

export interface ExprContext {
  source: SourceText;
  comments: ExprComments;
}

export function nameText(source: SourceText, name: Name): string {
  // A quoted name keeps its original spelling, escapes included.
  return name.quoted ? source.slice(name.span) : name.text;
}

export function exprDoc(ctx: ExprContext, expr: Expr): Doc {
  const { source } = ctx;
  const print = (e: Expr): Doc => exprDoc(ctx, e);
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
      // Arguments and flags (`allow negative`) in the order written.
      const items: { start: number; doc: Doc }[] = expr.args.map((a) => ({ start: a.span.start, doc: argumentDoc(ctx, a) }));
      for (const f of expr.flags ?? []) items.push({ start: f.span.start, doc: "allow negative" });
      items.sort((a, b) => a.start - b.start);
      const args = join(
        ", ",
        items.map((i) => i.doc),
      );
      if (expr.where === undefined) return [print(expr.callee), "(", args, ")"];
      // A long filter goes on its own line, under the first argument.
      const lastArg = expr.args[expr.args.length - 1];
      const beforeWhere = lastArg ? ctx.comments.around(lastArg.span.end, line) : line;
      return [print(expr.callee), "(", hang([args, group([beforeWhere, "where ", print(expr.where)])]), ")"];
    }
    case "IndexExpr":
      return [print(expr.object), "[", join(", ", expr.keys.map(print)), "]"];
    case "UnaryExpr":
      return expr.op === "-" ? ["-", print(expr.operand)] : ["not ", print(expr.operand)];
    case "BinaryExpr": {
      const opClass = BREAKABLE_CLASSES.find((c) => c.includes(expr.op));
      if (opClass === undefined) return [print(expr.left), ` ${expr.op} `, print(expr.right)];
      const links = flattenChain(expr, opClass);
      // Broken before each operator, the operators under the first operand.
      const parts: Doc[] = [print(links[0]!.operand)];
      for (let i = 1; i < links.length; i++) {
        parts.push(
          ctx.comments.around(links[i - 1]!.operand.span.end, line),
          `${links[i]!.op} `,
          print(links[i]!.operand),
        );
      }
      return group(hang(parts));
    }
    case "InExpr": {
      const range = expr.range ? [" ..", expr.to ? [" ", print(expr.to)] : ""] : "";
      return [print(expr.value), " in ", print(expr.from), range];
    }
    case "RangeExpr":
      return [print(expr.from), " ..", expr.to ? [" ", print(expr.to)] : ""];
    case "IfExpr": {
      const condition = print(expr.condition);
      const beforeThen = ctx.comments.around(expr.condition.span.end, line);
      const then = print(expr.then);
      const beforeElse = ctx.comments.around(expr.then.span.end, line);
      return group(hang(["if ", condition, beforeThen, "then ", then, beforeElse, "else ", print(expr.else)]));
    }
    case "ParenExpr":
      return ["(", print(expr.inner), ")"];
  }
}

export function argumentDoc(ctx: ExprContext, arg: Argument): Doc {
  const value = exprDoc(ctx, arg.value);
  return arg.name ? [nameText(ctx.source, arg.name), ": ", value] : value;
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
