import { expect } from "vitest";
import { walk, type AstNode, type ParseResult } from "../src/index.js";

/** Every node's span lies within the text and within its parent's span. */
export function expectSpansNested(result: ParseResult, textLength: number): void {
  walk(result.file, (node: AstNode, parent: AstNode | undefined) => {
    const { start, end } = node.span;
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= textLength)) {
      expect.fail(`${node.kind} has span ${start}-${end} outside the text (length ${textLength})`);
    }
    if (parent !== undefined && (start < parent.span.start || end > parent.span.end)) {
      expect.fail(
        `${node.kind} ${start}-${end} is outside its parent ${parent.kind} ${parent.span.start}-${parent.span.end}`,
      );
    }
  });
  for (const d of result.diagnostics) {
    if (!(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= textLength)) {
      expect.fail(`diagnostic ${d.code} has span ${d.span.start}-${d.span.end} outside the text`);
    }
  }
}
