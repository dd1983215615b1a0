/**
 * A readable, indented dump of an AST, for golden tests and debugging. One node per line:
 * `Kind scalar=... @start-end`, children indented under their property name.
 */
import type { AstNode } from "./walk.js";

export interface PrintOptions {
  /** Print spans (`@start-end`); default true. */
  spans?: boolean;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

export function printAst(node: AstNode, options: PrintOptions = {}): string {
  const spans = options.spans ?? true;
  const lines: string[] = [];
  const at = (n: AstNode) => (spans && n.span !== undefined ? ` @${n.span.start}-${n.span.end}` : "");

  const header = (n: AstNode): string => {
    if (n.kind === "Name") {
      const name = n as unknown as { text: string; quoted: boolean };
      return `Name ${JSON.stringify(name.text)}${name.quoted ? " quoted" : ""}${at(n)}`;
    }
    const scalars: string[] = [];
    for (const [key, value] of Object.entries(n)) {
      if (key === "kind" || key === "span" || value === undefined) continue;
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        scalars.push(`${key}=${JSON.stringify(value)}`);
      }
    }
    return `${n.kind}${scalars.length > 0 ? " " + scalars.join(" ") : ""}${at(n)}`;
  };

  const print = (n: AstNode, indent: string, label: string): void => {
    lines.push(`${indent}${label}${header(n)}`);
    const inner = indent + "  ";
    for (const [key, value] of Object.entries(n)) {
      if (key === "span" || value === undefined) continue;
      if (Array.isArray(value)) {
        if (value.length === 0) {
          lines.push(`${inner}${key}: []`);
          continue;
        }
        lines.push(`${inner}${key}:`);
        for (const item of value) {
          if (isNode(item)) print(item, inner + "  ", "- ");
        }
      } else if (isNode(value)) {
        print(value, inner, `${key}: `);
      }
    }
  };

  print(node, "", "");
  return lines.join("\n") + "\n";
}
