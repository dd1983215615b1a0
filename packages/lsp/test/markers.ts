/**
 * Cursor markers for editor-feature tests: `<|>` marks a cursor, `<|text|>` marks a range (its content
 * stays in the source). `parseMarkers` strips the markers and returns the clean text with the offsets.
 */
export interface MarkedRange {
  start: number;
  end: number;
  text: string;
}

export interface Marked {
  text: string;
  cursors: number[];
  ranges: MarkedRange[];
}

export function parseMarkers(source: string): Marked {
  let text = "";
  const cursors: number[] = [];
  const ranges: MarkedRange[] = [];
  const open: number[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.startsWith("<|>", i)) {
      cursors.push(text.length);
      i += 3;
    } else if (source.startsWith("<|", i)) {
      open.push(text.length);
      i += 2;
    } else if (source.startsWith("|>", i) && open.length > 0) {
      const start = open.pop()!;
      ranges.push({ start, end: text.length, text: text.slice(start) });
      i += 2;
    } else {
      text += source[i];
      i++;
    }
  }
  if (open.length > 0) throw new Error(`markers: ${open.length} range(s) opened with '<|' and never closed`);
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursors, ranges };
}

/** The single cursor of a marked source (fails the test when there is not exactly one). */
export function cursorOf(marked: Marked): number {
  if (marked.cursors.length !== 1) throw new Error(`markers: expected one '<|>' cursor, found ${marked.cursors.length}`);
  return marked.cursors[0];
}
