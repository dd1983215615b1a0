/**
 * A minimal Wadler-style document model for expressions: text, line breaks, groups that break as a
 * whole when they do not fit, indentation, and line-end comments. Declarations and blocks are laid
 * out line by line elsewhere; only expressions need "break if too long".
 */

export type Doc = string | Doc[] | LineDoc | GroupDoc | IndentDoc | HangDoc | LineSuffixDoc;

/** A space when its group is flat, a newline plus indentation when it is broken. A hard line always breaks. */
export interface LineDoc {
  kind: "line";
  hard: boolean;
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
 * the first operand (`payout a\n         * b`). Past half the width it falls back to a plain indent,
 * so that a long prefix does not squeeze the expression into a narrow strip.
 */
export interface HangDoc {
  kind: "hang";
  contents: Doc;
}

/**
 * Text printed at the end of the current line, just before the next line break: a `//` comment
 * that trails an operand. It forces its enclosing groups to break, so that the break comes next.
 */
export interface LineSuffixDoc {
  kind: "lineSuffix";
  text: string;
}

export const line: LineDoc = { kind: "line", hard: false };
export const hardline: LineDoc = { kind: "line", hard: true };

export function group(contents: Doc): GroupDoc {
  return { kind: "group", contents };
}

export function indent(contents: Doc, by = 4): IndentDoc {
  return { kind: "indent", by, contents };
}

export function hang(contents: Doc): HangDoc {
  return { kind: "hang", contents };
}

export function lineSuffix(text: string): LineSuffixDoc {
  return { kind: "lineSuffix", text };
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
 * A group holding a hard line or a line suffix always breaks.
 */
export function printDoc(doc: Doc, options: PrintDocOptions): string {
  const mustBreak = groupsThatMustBreak(doc);
  let out = "";
  let column = options.startColumn;
  let suffixes: string[] = [];
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
      const breaks =
        mustBreak.has(current) || (mode === "break" && !fits(flat, stack, options.width - column, mustBreak));
      stack.push(breaks ? { indent: ind, mode: "break", doc: current.contents } : flat);
    } else if (current.kind === "lineSuffix") {
      suffixes.push(current.text);
    } else if (mode === "flat" && !current.hard) {
      out += " ";
      column += 1;
    } else {
      out += suffixes.join("") + "\n" + " ".repeat(ind);
      suffixes = [];
      column = ind;
    }
  }
  return out + suffixes.join("");
}

/** Prints a document on one line, whatever its width (hard lines and suffixes still apply). */
export function printFlat(doc: Doc): string {
  return printDoc(group(doc), { width: Number.POSITIVE_INFINITY, startColumn: 0, baseIndent: 0 });
}

/** The groups that contain a hard line or a line suffix, at any depth. */
function groupsThatMustBreak(doc: Doc): Set<GroupDoc> {
  const result = new Set<GroupDoc>();
  const visit = (d: Doc): boolean => {
    if (typeof d === "string") return false;
    if (Array.isArray(d)) return d.map(visit).some(Boolean);
    switch (d.kind) {
      case "line":
        return d.hard;
      case "lineSuffix":
        return true;
      case "group": {
        const breaks = visit(d.contents);
        if (breaks) result.add(d);
        return breaks;
      }
      case "indent":
      case "hang":
        return visit(d.contents);
    }
  };
  visit(doc);
  return result;
}

function fits(next: Command, rest: readonly Command[], width: number, mustBreak: ReadonlySet<GroupDoc>): boolean {
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
    } else if (doc.kind === "lineSuffix") {
      continue;
    } else if (doc.kind === "indent" || doc.kind === "hang") {
      pending.push({ indent: command.indent, mode, doc: doc.contents });
    } else if (doc.kind === "group") {
      // Inside the measured group everything is flat; after it, a group that must break breaks.
      pending.push({ indent: command.indent, mode: mustBreak.has(doc) ? "break" : mode, doc: doc.contents });
    } else if (mode === "break" || doc.hard) {
      return true;
    } else {
      remaining -= 1;
    }
  }
  return false;
}
