/**
 * Reuse of declarations between parses of the same file: an editor re-parses on every keystroke,
 * and a one-character edit changes one declaration. A declaration whose text is unchanged parses to
 * the same tree, only moved: its cached tree is copied with every span shifted.
 *
 * Only declarations that parsed without a diagnostic are kept (a broken one's messages can depend on
 * its neighbours). The cache holds, per file, the declarations of its latest parse, for the last
 * `MAX_FILES` files parsed.
 */
import type { Declaration, Import } from "../ast/types.js";

type TopLevel = Import | Declaration;

interface Entry {
  node: TopLevel;
  /** Offset of the declaration's first character when it was cached. */
  start: number;
}

const MAX_FILES = 32;
const files = new Map<string, Map<string, Entry>>();

/** The cache of one parse: read from the file's previous parse, written for the next one. */
export class ChunkCache {
  private readonly previous: Map<string, Entry>;
  private readonly next = new Map<string, Entry>();

  constructor(private readonly uri: string) {
    this.previous = files.get(uri) ?? new Map();
  }

  /** A copy of the cached tree for this declaration text, moved to `start`; undefined on a miss. */
  take(text: string, start: number): TopLevel | undefined {
    const entry = this.previous.get(text) ?? this.next.get(text);
    if (!entry) return undefined;
    const copy = copyWithin(entry.node, start - entry.start);
    if (copy !== undefined) this.next.set(text, entry);
    return copy;
  }

  /** Keeps a clean declaration for the next parse (a copy: the caller's tree gets doc comments). */
  keep(text: string, start: number, node: TopLevel): void {
    const copy = copyWithin(node, 0);
    if (copy !== undefined) this.next.set(text, { node: copy, start });
  }

  /** Ends the parse: this parse's declarations become the file's cache. */
  commit(): void {
    files.delete(this.uri);
    files.set(this.uri, this.next);
    if (files.size > MAX_FILES) files.delete(files.keys().next().value!);
  }
}

/** Forgets every cached declaration (tests measure cold parses with it). */
export function clearChunkCache(): void {
  files.clear();
}

/**
 * The copy, or undefined when the tree is too deep to copy on this stack (an expression of
 * thousands of operands): such a declaration is simply parsed again each time.
 */
function copyWithin(node: TopLevel, delta: number): TopLevel | undefined {
  try {
    return shifted(node, delta);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** A deep copy of an AST subtree with every `span` moved by `delta`. */
function shifted<T>(node: T, delta: number): T {
  if (Array.isArray(node)) return node.map((item) => shifted(item, delta)) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const key in node) {
    const value = (node as Record<string, unknown>)[key];
    if (key === "span") {
      const span = value as { start: number; end: number };
      out.span = { start: span.start + delta, end: span.end + delta };
    } else {
      out[key] = shifted(value, delta);
    }
  }
  return out as T;
}
