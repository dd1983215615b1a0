/** Questions about the original text that the AST does not answer: blank lines, braces, comments. */
import type { Comment, Span } from "@carrot/language";

export class SourceText {
  constructor(readonly text: string) {}

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  /** The first offset at or after `pos` that is neither whitespace nor inside a `//` comment. */
  skipTrivia(pos: number): number {
    const text = this.text;
    let i = pos;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f" || ch === "\v" || ch === "\uFEFF") {
        i++;
      } else if (ch === "/" && text[i + 1] === "/") {
        while (i < text.length && text[i] !== "\n") i++;
      } else {
        return i;
      }
    }
    return i;
  }

  /** The offset just past the last non-whitespace character before `pos`. */
  trimBack(pos: number): number {
    let i = pos;
    while (i > 0 && /\s/.test(this.text[i - 1]!)) i--;
    return i;
  }

  hasNewline(from: number, to: number): boolean {
    return this.text.slice(from, to).includes("\n");
  }

  /** True when the author left at least one empty line right before `pos`. */
  blankLineBefore(pos: number): boolean {
    let newlines = 0;
    let i = pos;
    while (i > 0 && /\s/.test(this.text[i - 1]!)) {
      if (this.text[i - 1] === "\n") newlines++;
      i--;
    }
    return i > 0 && newlines >= 2;
  }

  /** 1-based line and column of an offset, as editors and prettier report them. */
  position(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text[i] === "\n") {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  }
}

/** A comment's text without trailing whitespace (which the canonical form never keeps). */
export function commentText(source: SourceText, comment: Comment): string {
  return source.slice(comment.span).trimEnd();
}

export function isPrettierIgnore(source: SourceText, comment: Comment): boolean {
  return /^\/\/\s*prettier-ignore\b/.test(commentText(source, comment));
}
