import type { LoadedWorkspace } from "./workspace.js";

/** The files of a workspace and what each imports (workspace-relative), for tests and debugging. */
export function dumpWorkspace(ws: Pick<LoadedWorkspace, "files">): string {
  const lines: string[] = [];
  for (const f of ws.files.values()) {
    lines.push(f.relPath);
    for (const imp of f.imports) {
      const target = imp.target ? (ws.files.get(imp.target)?.relPath ?? "?") : "(unresolved)";
      const names = imp.node.names ? ` { ${imp.node.names.map((n) => n.text).join(", ")} }` : "";
      lines.push(`  import${names} ${JSON.stringify(imp.node.path.value)} -> ${target}`);
    }
  }
  return lines.join("\n") + "\n";
}
