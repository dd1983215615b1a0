/**
 * Generic traversal of AST nodes: every object with a `kind` is a node, and its children are the
 * nodes (or arrays of nodes) among its properties, in declaration order of the shape.
 */
import type { Span } from "./types.js";

/** Any AST node: declarations, clauses, expressions, names, ... */
export interface AstNode {
  kind: string;
  span: Span;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/** Calls `fn` on each direct child node of `node`, in source order. */
export function forEachChild(node: AstNode, fn: (child: AstNode) => void): void {
  const children: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "span") continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  // Property order follows the shape, not always the text (`x in a .. b` has `value` first anyway,
  // but a MoneyLit's currency name follows its amount): sort by position for a stable source order.
  children.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const child of children) fn(child);
}

export interface Visitor {
  /** Called before the children; return false to skip them. */
  enter?(node: AstNode, parent: AstNode | undefined): boolean | void;
  /** Called after the children. */
  leave?(node: AstNode, parent: AstNode | undefined): void;
}

/** Depth-first traversal. A function visitor is an `enter` visitor. */
export function walk(
  node: AstNode,
  visitor: Visitor | ((node: AstNode, parent: AstNode | undefined) => boolean | void),
): void {
  const v: Visitor = typeof visitor === "function" ? { enter: visitor } : visitor;
  const visit = (current: AstNode, parent: AstNode | undefined): void => {
    if (v.enter?.(current, parent) === false) return;
    forEachChild(current, (child) => visit(child, current));
    v.leave?.(current, parent);
  };
  visit(node, undefined);
}

/** A deep copy without `span` fields, for structural equality (formatting-independent). */
export function stripSpans<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item) => stripSpans(item)) as T;
  if (typeof node !== "object" || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "span" || value === undefined) continue;
    copy[key] = stripSpans(value);
  }
  return copy as T;
}
