/**
 * A minimal Wadler-style document model for expressions: text, soft/hard-to-space line breaks, groups
 * that break as a whole when they do not fit, and relative indentation. Declarations and blocks are
 * laid out line by line elsewhere; only expressions need "break if too long".
 */

export type Doc = string | Doc[] | LineDoc | GroupDoc | IndentDoc | HangDoc;

/** A space when its group is flat, a newline plus indentation when it is broken. */
export interface LineDoc {
  kind: "line";
}

export interface GroupDoc {
  kind: "group";
  contents: Doc;
}

export interface IndentDoc {
  kind: "indent";
  by: number;
  contents: Doc;
}

/**
 * Broken lines inside continue at the column where this doc starts, so that operators line up under
 * the first operand (`payout a\n         * b`). Past `maxHang` columns it falls back to a plain indent,
 * so that a long prefix does not squeeze the expression into a narrow strip.
 */
export interface HangDoc {
  kind: "hang";
  contents: Doc;
}

export const line: LineDoc = { kind: "line" };

export function group(contents: Doc): GroupDoc {
  return { kind: "group", contents };
}

export function indent(contents: Doc, by = 4): IndentDoc {
  return { kind: "indent", by, contents };
}

export function hang(contents: Doc): HangDoc {
  return { kind: "hang", contents };
}

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const parts: Doc[] = [];
  docs.forEach((doc, i) => {
    if (i > 0) parts.push(separator);
    parts.push(doc);
  });
  return parts;
}

type Mode = "flat" | "break";

interface Command {
  indent: number;
  mode: Mode;
  doc: Doc;
}

export interface PrintDocOptions {
  /** Maximum line width the layout tries to respect. */
  width: number;
  /** Column at which the first character is printed (the text before it is not part of the doc). */
  startColumn: number;
  /** Indentation of broken lines, before any `indent` in the doc. */
  baseIndent: number;
}

/** Hanging past this share of the width would leave too little room: indent instead. */
const MAX_HANG_SHARE = 0.5;
const FALLBACK_INDENT = 4;

/**
 * Lays out a document. A group is printed flat when it fits, together with what follows it up to the
 * next possible break, in the remaining width; otherwise its lines break (nested groups decide again).
 */
export function printDoc(doc: Doc, options: PrintDocOptions): string {
  let out = "";
  let column = options.startColumn;
  const stack: Command[] = [{ indent: options.baseIndent, mode: "break", doc }];
  while (stack.length > 0) {
    const { indent: ind, mode, doc: current } = stack.pop()!;
    if (typeof current === "string") {
      out += current;
      column += current.length;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ indent: ind, mode, doc: current[i] });
    } else if (current.kind === "indent") {
      stack.push({ indent: ind + current.by, mode, doc: current.contents });
    } else if (current.kind === "hang") {
      const hangAt = column <= options.width * MAX_HANG_SHARE ? column : ind + FALLBACK_INDENT;
      stack.push({ indent: hangAt, mode, doc: current.contents });
    } else if (current.kind === "group") {
      const flat: Command = { indent: ind, mode: "flat", doc: current.contents };
      if (mode === "flat" || fits(flat, stack, options.width - column)) stack.push(flat);
      else stack.push({ indent: ind, mode: "break", doc: current.contents });
    } else if (mode === "flat") {
      out += " ";
      column += 1;
    } else {
      out += "\n" + " ".repeat(ind);
      column = ind;
    }
  }
  return out;
}

/** Prints a document on one line, whatever its width. */
export function printFlat(doc: Doc): string {
  return printDoc(group(doc), { width: Number.POSITIVE_INFINITY, startColumn: 0, baseIndent: 0 });
}

function fits(next: Command, rest: readonly Command[], width: number): boolean {
  let remaining = width;
  const pending: Command[] = [next];
  let restIndex = rest.length - 1;
  while (remaining >= 0) {
    let command = pending.pop();
    if (command === undefined) {
      if (restIndex < 0) return true;
      command = rest[restIndex--]!;
    }
    const { mode, doc } = command;
    if (typeof doc === "string") {
      remaining -= doc.length;
    } else if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) pending.push({ indent: command.indent, mode, doc: doc[i] });
    } else if (doc.kind === "indent" || doc.kind === "group" || doc.kind === "hang") {
      // Inside the measured group everything is flat; after it, a group keeps its own mode.
      pending.push({ indent: command.indent, mode: doc.kind === "group" && mode === "flat" ? "flat" : mode, doc: doc.contents });
    } else if (mode === "break") {
      return true;
    } else {
      remaining -= 1;
    }
  }
  return false;
}
