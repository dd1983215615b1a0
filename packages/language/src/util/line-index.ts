/**
 * Offsets (UTF-16 code units, as in spans) ↔ line/column positions. LSP positions are 0-based
 * (`positionAt`, `offsetAt`); CLI messages are 1-based (`lineColumn`). Line breaks are `\n`,
 * `\r\n` and a lone `\r`, as in the LSP specification.
 */
export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 offset within the line. */
  character: number;
}

export interface LineColumn {
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units). */
  column: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based position of an offset (clamped to the text). */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(Math.trunc(offset) || 0, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  /** Offset of a 0-based position, clamped to the line's content (a character past the end of the line gives its end). */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line]!;
    const end = this.lineEnd(line);
    return Math.max(start, Math.min(start + Math.max(0, character), end));
  }

  /** The 0-based start and end positions of a span (an LSP range). */
  rangeOf(span: { start: number; end: number }): { start: Position; end: Position } {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** 1-based line and column of an offset, for human-readable messages. */
  lineColumn(offset: number): LineColumn {
    const { line, character } = this.positionAt(offset);
    return { line: line + 1, column: character + 1 };
  }

  /** Offset just past the last character of a 0-based line, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    // The line break ends just before the next line starts; `\r\n` is two characters.
    let end = this.lineStarts[line + 1]! - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of a 0-based line, without its line break. */
  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return "";
    return this.text.slice(this.lineStarts[line]!, this.lineEnd(line));
  }
}
