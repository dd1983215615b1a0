import type { CodeLens } from "vscode-languageserver";
import type { Project } from "../workspace/project.js";

export const RUN_TESTS_COMMAND = "carrot.runTests";

/**
 * "Run tests" above the plan header (every test of the file) and above each `test` block (that test).
 * The command is the client's (the VS Code extension runs the CLI); arguments: the document URI and,
 * for one test, its title.
 */
export function codeLenses(project: Project, uri: string): CodeLens[] {
  const doc = project.parsed(uri);
  if (!doc) return [];
  const tests = doc.ast.declarations.filter((d) => d.kind === "Test");
  if (tests.length === 0) return [];
  const lenses: CodeLens[] = [];
  const plan = doc.ast.declarations.find((d) => d.kind === "Plan");
  if (plan) {
    const at = doc.lines.rangeOf({ start: plan.span.start, end: plan.span.start });
    lenses.push({ range: at, command: { title: `▶ Run tests (${tests.length})`, command: RUN_TESTS_COMMAND, arguments: [uri] } });
  }
  for (const test of tests) {
    const at = doc.lines.rangeOf({ start: test.span.start, end: test.span.start });
    lenses.push({ range: at, command: { title: "▶ Run test", command: RUN_TESTS_COMMAND, arguments: [uri, test.title.value] } });
  }
  return lenses;
}
