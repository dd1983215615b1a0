import type { LoadedFile } from "../workspace/workspace.js";
import { showType, type Ty } from "./types.js";

/**
 * Every typed expression of a file, outermost first, with its source text and type:
 * `12:10-12:30 revenue(c) * 2% : money (EUR)`.
 */
export function dumpTypes(
  file: LoadedFile,
  types: Map<object, Ty>,
  coerced: Map<object, Ty>,
  planCurrency: string | undefined,
): string {
  const rows: { start: number; end: number; line: string }[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as { span?: { start: number; end: number } };
    const t = coerced.get(node) ?? types.get(node);
    if (t && n.span) {
      const text = file.text.slice(n.span.start, n.span.end).replace(/\s+/g, " ");
      rows.push({
        start: n.span.start,
        end: n.span.end,
        line: `${file.lines.range(n.span)} ${text} : ${showType(t, planCurrency)}`,
      });
    }
    for (const [k, v] of Object.entries(node)) if (k !== "span" && v && typeof v === "object") visit(v);
  };
  visit(file.ast.declarations);
  rows.sort((a, b) => a.start - b.start || b.end - a.end);
  return rows.map((r) => r.line).join("\n") + "\n";
}
