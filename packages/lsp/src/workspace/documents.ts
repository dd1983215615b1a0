import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";

/**
 * The editor's view of the files: open documents (their unsaved text wins) over the files on disk
 * under the workspace root. The compiler identifies files by normalised absolute paths with forward
 * slashes; the editor by URIs. This store is the only place that converts between the two.
 */
export class DocumentStore {
  private readonly open = new Map<string, TextDocument>();
  /** The same documents by compiler path: clients spell URIs differently (`%3A`, drive-letter case). */
  private readonly openByPath = new Map<string, TextDocument>();
  /** Disk texts read for imports, dropped when the client says the file changed on disk. */
  private readonly diskCache = new Map<string, string | undefined>();
  /** The `*.carrot` files under the root, listed once until files change on disk. */
  private planFiles: string[] | undefined;

  constructor(public root: string | undefined) {}

  openDocument(uri: string, text: string, version: number): TextDocument {
    const doc = TextDocument.create(uri, "carrot", version, text);
    this.open.set(uri, doc);
    this.openByPath.set(uriToPath(uri), doc);
    return doc;
  }

  changeDocument(uri: string, changes: TextDocumentContentChangeEvent[], version: number): TextDocument | undefined {
    const doc = this.open.get(uri);
    if (!doc) return undefined;
    const updated = TextDocument.update(doc, changes, version);
    this.open.set(uri, updated);
    this.openByPath.set(uriToPath(uri), updated);
    return updated;
  }

  closeDocument(uri: string): void {
    this.open.delete(uri);
    this.openByPath.delete(uriToPath(uri));
    this.diskCache.delete(uriToPath(uri));
  }

  get(uri: string): TextDocument | undefined {
    return this.open.get(uri);
  }

  openUris(): string[] {
    return [...this.open.keys()].sort();
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  /** Forget disk texts (the client reported changes on disk). */
  invalidateDisk(uri?: string): void {
    this.planFiles = undefined;
    if (uri === undefined) this.diskCache.clear();
    else this.diskCache.delete(uriToPath(uri));
  }

  /** The text of a file by its compiler path: the open document's, else the disk's. */
  readonly readFile = (absPath: string): string | undefined => {
    const normalised = normalisePath(absPath);
    const doc = this.openByPath.get(normalised);
    if (doc) return doc.getText();
    if (this.diskCache.has(normalised)) return this.diskCache.get(normalised);
    let text: string | undefined;
    try {
      text = fs.readFileSync(normalised, "utf8");
    } catch {
      text = undefined;
    }
    this.diskCache.set(normalised, text);
    return text;
  };

  /** Text of a document by URI (open or on disk). */
  textOf(uri: string): string | undefined {
    return this.open.get(uri)?.getText() ?? this.readFile(uriToPath(uri));
  }

  /** The editor URI of a compiler path: the open document's own spelling when it is open. */
  uriOf(absPath: string): string {
    return this.openByPath.get(absPath)?.uri ?? pathToUri(absPath);
  }

  /** Every `*.carrot` file on disk under the root, as URIs, plus the open ones. Sorted, no duplicates. */
  allUris(): string[] {
    const uris = new Set(this.open.keys());
    if (this.root) {
      this.planFiles ??= listPlanFiles(this.root);
      for (const file of this.planFiles) if (!this.openByPath.has(file)) uris.add(pathToUri(file));
    }
    return [...uris].sort();
  }
}

const untitledPrefix = "/__carrot_untitled__/";

/** Compiler path of an editor URI. Non-file URIs (unsaved buffers) get a stable pseudo path. */
export function uriToPath(uri: string): string {
  if (uri.startsWith("file:")) return normalisePath(fileURLToPath(uri));
  return untitledPrefix + encodeURIComponent(uri);
}

export function pathToUri(p: string): string {
  if (p.startsWith(untitledPrefix)) return decodeURIComponent(p.slice(untitledPrefix.length));
  return pathToFileURL(p).href;
}

export function normalisePath(p: string): string {
  return path.resolve(p).split(path.sep).join("/");
}

function listPlanFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 12) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.isFile() && entry.name.endsWith(".carrot")) out.push(normalisePath(full));
    }
  };
  walk(root, 0);
  return out.sort();
}
