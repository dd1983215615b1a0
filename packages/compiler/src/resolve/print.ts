import type { LoadedFile } from "../workspace/workspace.js";
import { symbolKindLabel, type Reference, type Sym, type SymbolTable } from "./symbols.js";

function where(files: Map<string, LoadedFile>, uri: string, offset: number): string {
  const f = files.get(uri);
  if (!f) return uri;
  const at = f.lines.at(offset);
  return `${f.relPath}:${at.line}:${at.col}`;
}

function label(s: Sym): string {
  const owner =
    s.kind === "member"
      ? `${s.dimension.name}.`
      : s.kind === "column"
        ? `${s.table.name}.`
        : s.kind === "local" || s.kind === "param"
          ? `${s.owner.name}/`
          : "";
  return `${symbolKindLabel(s)} ${owner}${s.name}`;
}

/** Every declaration, then every reference with the declaration it resolves to, in source order. */
export function dumpResolved(table: SymbolTable, references: Reference[], files: Map<string, LoadedFile>): string {
  const lines: string[] = ["declarations:"];
  for (const s of table.all) if (s.name !== "") lines.push(`  ${where(files, s.uri, s.nameSpan.start)} ${label(s)}`);
  lines.push("references:");
  const refs = [...references].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
  for (const r of refs) {
    const text = files.get(r.uri)?.text.slice(r.span.start, r.span.end) ?? "";
    lines.push(
      `  ${where(files, r.uri, r.span.start)} ${text} -> ${label(r.symbol)} @ ${where(files, r.symbol.uri, r.symbol.nameSpan.start)}`,
    );
  }
  return lines.join("\n") + "\n";
}
