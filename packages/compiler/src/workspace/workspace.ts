/**
 * The workspace pass: from an entry file to the set of parsed files of a plan, following imports.
 * Paths are workspace-relative for display and absolute (normalised, forward slashes) as uris.
 */
import * as path from "node:path";
import type { Diagnostic, Import, SourceFile } from "@carrot/language";
import { diag } from "../diagnostics/catalogue.js";
import { LineIndex } from "../util/text.js";
import { parseCached, type ParsedText } from "./parse.js";

export type ReadFile = (absPath: string) => string | undefined;

export interface Workspace {
  /** Absolute path of the workspace root; imports may not leave it. */
  root: string;
  readFile: ReadFile;
}

export interface ResolvedImport {
  node: Import;
  /** Absolute path of the imported file, when it resolved inside the root and exists. */
  target: string | undefined;
}

export interface LoadedFile {
  uri: string;
  /** Workspace-relative path with forward slashes. */
  relPath: string;
  text: string;
  parsed: ParsedText;
  ast: SourceFile;
  lines: LineIndex;
  imports: ResolvedImport[];
}

export interface LoadedWorkspace {
  root: string;
  entry: string;
  /** Files in discovery order (the entry first, then breadth-first through imports). */
  files: Map<string, LoadedFile>;
  diagnostics: Diagnostic[];
}

export function normalisePath(p: string): string {
  return path.resolve(p).split(path.sep).join("/");
}

export function relativePath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join("/");
}

function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Load the entry files (the plan first) and every file they import, transitively. Import cycles are fine. */
export function loadWorkspace(ws: Workspace, entries: string[]): LoadedWorkspace {
  const root = normalisePath(ws.root);
  const uris = entries.map((e) => normalisePath(path.isAbsolute(e) ? e : path.join(root, e)));
  const files = new Map<string, LoadedFile>();
  const diagnostics: Diagnostic[] = [];
  const queue: string[] = [];
  const texts = new Map<string, string>();
  for (const uri of uris) {
    const text = ws.readFile(uri);
    if (text !== undefined && !texts.has(uri)) {
      texts.set(uri, text);
      queue.push(uri);
    }
  }
  const entryUri = uris[0] ?? root;
  while (queue.length > 0) {
    const uri = queue.shift()!;
    const text = texts.get(uri)!;
    const parsed = parseCached(uri, text);
    const file: LoadedFile = {
      uri,
      relPath: relativePath(root, uri),
      text,
      parsed,
      ast: parsed.file,
      lines: new LineIndex(text),
      imports: [],
    };
    files.set(uri, file);
    diagnostics.push(...parsed.diagnostics);
    const seen = new Set<string>();
    for (const imp of parsed.file.imports) {
      const spec = imp.path.value;
      const target = normalisePath(path.resolve(path.dirname(uri), spec));
      const resolved: ResolvedImport = { node: imp, target: undefined };
      file.imports.push(resolved);
      if (spec === "") continue; // the parser reported the missing path
      if (!isInside(root, target)) {
        diagnostics.push(diag("C0105", { path: spec }, uri, imp.path.span));
        continue;
      }
      if (target === uri) {
        diagnostics.push(diag("C0106", { path: spec }, uri, imp.path.span));
        continue;
      }
      if (seen.has(target)) diagnostics.push(diag("C0902", { path: spec }, uri, imp.span));
      seen.add(target);
      if (!texts.has(target)) {
        const t = ws.readFile(target);
        if (t === undefined) {
          diagnostics.push(diag("C0103", { path: spec }, uri, imp.path.span));
          continue;
        }
        texts.set(target, t);
        queue.push(target);
      }
      resolved.target = target;
    }
  }
  return { root, entry: entryUri, files, diagnostics };
}
