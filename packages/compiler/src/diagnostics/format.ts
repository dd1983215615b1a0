import type { Diagnostic } from "@carrot/language";
import { LineIndex } from "../util/text.js";

/** `path:line:col: error C0101 message`, then `  help: ...` when the diagnostic has help. */
export function formatDiagnostic(d: Diagnostic, text: string, relPath: string): string {
  const at = new LineIndex(text).at(d.span.start);
  const head = `${relPath}:${at.line}:${at.col}: ${d.severity} ${d.code} ${d.message}`;
  return d.help ? `${head}\n  help: ${d.help}` : head;
}

/** Diagnostics in a stable order: file, position, code; exact duplicates removed. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) =>
    `${d.uri}\u0000${String(d.span.start).padStart(10, "0")}\u0000${String(d.span.end).padStart(10, "0")}\u0000${d.code}\u0000${d.message}`;
  const seen = new Set<string>();
  return [...ds]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .filter((d) => {
      const k = key(d);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
