import type { Comment, Diagnostic, SourceFile, TokenInfo } from "@carrot/language";
import { LineIndex } from "../text/lineIndex.js";
import { DocumentStore, uriToPath } from "./documents.js";
import { checkPlan, parseDocument, type Checked, type ParseOutput } from "./analysis.js";

/** A document after parsing: always available, even for a broken file (the parser recovers). */
export interface ParsedDoc {
  uri: string;
  /** The compiler's identifier of the file. */
  path: string;
  text: string;
  lines: LineIndex;
  ast: SourceFile;
  tokens: TokenInfo[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

/** A parsed document; `tokens` is read through, so it is only built when a feature needs it. */
function parsedDoc(uri: string, path: string, text: string, output: ParseOutput): ParsedDoc {
  return {
    uri,
    path,
    text,
    lines: new LineIndex(text),
    ast: output.ast,
    get tokens() {
      return output.tokens;
    },
    comments: output.comments,
    diagnostics: output.diagnostics,
  };
}

/**
 * The editor's workspace in states: parsed per document (cached by text), checked per plan (cached
 * until the next change). A plan is an entry file with a `plan` header plus what it imports; a
 * library file is checked inside the plan that imports it, or alone when no plan does.
 */
export class Project {
  private readonly parseCache = new Map<string, ParsedDoc>();
  private checkCache = new Map<string, Checked>();
  /** Entries whose check threw since the last change (not retried until the next change). */
  private failed = new Set<string>();
  /** Plan entry of each file, recomputed after a change. */
  private entryOf = new Map<string, string>();
  private entriesComputed = false;
  /** Base URL of docs/diagnostics.md for `codeDescription.href` (anchors are the codes in lower case). */
  diagnosticsDocsUrl: string | undefined;
  /** Told about compiler failures (the server logs them); the features then work on the parse alone. */
  onInternalError: ((error: unknown) => void) | undefined;

  constructor(readonly store: DocumentStore) {}

  /** Call after any change to a document or a file on disk. */
  invalidate(): void {
    this.checkCache = new Map();
    this.failed = new Set();
    this.entryOf = new Map();
    this.entriesComputed = false;
  }

  parsed(uri: string): ParsedDoc | undefined {
    const text = this.store.textOf(uri);
    if (text === undefined) return undefined;
    const hit = this.parseCache.get(uri);
    if (hit && hit.text === text) return hit;
    const path = uriToPath(uri);
    const result = parseDocument(text, path);
    const doc = parsedDoc(uri, path, text, result);
    this.parseCache.set(uri, doc);
    return doc;
  }

  /** The checked plan containing the document. */
  checked(uri: string): Checked | undefined {
    if (this.store.textOf(uri) === undefined) return undefined;
    const entry = this.entryFor(uri);
    const hit = this.checkCache.get(entry);
    if (hit) return hit;
    if (this.failed.has(entry)) return undefined;
    let checked: Checked;
    try {
      checked = checkPlan(this.store, entry, this.isPlanFile(entry));
    } catch (error) {
      // A compiler bug must not take the editor down: features fall back to the parse alone.
      this.failed.add(entry);
      this.onInternalError?.(error);
      return undefined;
    }
    this.checkCache.set(entry, checked);
    for (const [path, parse] of checked.parses) {
      const uri = this.store.uriOf(path);
      const hit = this.parseCache.get(uri);
      if (!hit || hit.text !== parse.text) this.parseCache.set(uri, parsedDoc(uri, path, parse.text, parse.output));
    }
    for (const file of checked.files) if (!this.entryOf.has(file)) this.entryOf.set(file, entry);
    return checked;
  }

  /** Every distinct checked plan that contains one of the open documents. */
  checkedPlansOfOpenDocuments(): Checked[] {
    const plans = new Set<Checked>();
    for (const uri of this.store.openUris()) {
      const checked = this.checked(uri);
      if (checked) plans.add(checked);
    }
    return [...plans];
  }

  private isPlanFile(path: string): boolean {
    return hasPlanHeader(this.store.readFile(path) ?? "");
  }

  private entryFor(uri: string): string {
    const path = uriToPath(uri);
    if (this.isPlanFile(path)) return path;
    if (!this.entriesComputed) {
      this.entriesComputed = true;
      // Check every plan of the workspace once, so that library files find the plan importing them.
      for (const candidate of this.store.allUris()) {
        if (candidate === uri) continue;
        if (this.isPlanFile(uriToPath(candidate))) this.checked(candidate);
      }
    }
    return this.entryOf.get(path) ?? path;
  }
}

/**
 * Whether a text declares the plan header, without parsing it: `plan "` at the start of a line can
 * only be the header (strings do not span lines, and nothing else starts with that keyword).
 */
export function hasPlanHeader(text: string): boolean {
  return /^[ \t\uFEFF]*plan[ \t]*"/m.test(text);
}
