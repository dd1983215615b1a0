import type { Span } from "@carrot/language";

export interface OffsetEdit {
  span: Span;
  newText: string;
}

/**
 * The smallest set of edits that turns `before` into `after`: a line diff (Myers) finds the changed
 * hunks, then each hunk is narrowed to the characters that differ. Formatting a file that is almost
 * canonical then touches only the few places that change, so the cursor, folds and undo stay put.
 * Edits are in increasing order and never overlap (both relative to `before`).
 */
export function minimalEdits(before: string, after: string): OffsetEdit[] {
  if (before === after) return [];
  const oldLines = splitKeepingEnds(before);
  const newLines = splitKeepingEnds(after);
  const oldStarts = lineOffsets(oldLines);
  const newStarts = lineOffsets(newLines);
  const edits: OffsetEdit[] = [];
  const push = (oldStart: number, oldText: string, newText: string) => {
    const narrowed = narrow(oldText, newText);
    if (narrowed.start === narrowed.oldEnd && narrowed.start === narrowed.newEnd) return;
    edits.push({
      span: { start: oldStart + narrowed.start, end: oldStart + narrowed.oldEnd },
      newText: newText.slice(narrowed.start, narrowed.newEnd),
    });
  };
  for (const hunk of diffHunks(oldLines, newLines)) {
    if (hunk.oldEnd - hunk.oldStart === hunk.newEnd - hunk.newStart) {
      // Lines changed in place (the usual formatting case): one edit per changed line.
      for (let i = 0; i < hunk.oldEnd - hunk.oldStart; i++) {
        const oldLine = oldLines[hunk.oldStart + i];
        const newLine = newLines[hunk.newStart + i];
        const lineStart = oldStarts[hunk.oldStart + i];
        if (oldLine.length + newLine.length > 2000) {
          push(lineStart, oldLine, newLine);
          continue;
        }
        // Within a line, a character diff: `let   x=1` → `let x = 1` deletes two spaces and widens `=`.
        const oldChars = [...oldLine];
        const newChars = [...newLine];
        const oldCharStarts = lineOffsets(oldChars);
        const newCharStarts = lineOffsets(newChars);
        for (const h of diffHunks(oldChars, newChars)) {
          edits.push({
            span: { start: lineStart + oldCharStarts[h.oldStart], end: lineStart + oldCharStarts[h.oldEnd] },
            newText: newLine.slice(newCharStarts[h.newStart], newCharStarts[h.newEnd]),
          });
        }
      }
    } else {
      push(oldStarts[hunk.oldStart], before.slice(oldStarts[hunk.oldStart], oldStarts[hunk.oldEnd]), after.slice(newStarts[hunk.newStart], newStarts[hunk.newEnd]));
    }
  }
  return edits;
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let result = "";
  let cursor = 0;
  for (const edit of sorted) {
    result += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = edit.span.end;
  }
  return result + text.slice(cursor);
}

function splitKeepingEnds(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

function lineOffsets(lines: string[]): number[] {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets[offsets.length - 1] + line.length);
  return offsets;
}

function narrow(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } {
  let start = 0;
  const max = Math.min(oldText.length, newText.length);
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** Myers' O(ND) diff over lines, returned as maximal runs of changed lines. */
function diffHunks(a: string[], b: string[]): Hunk[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back to collect the matched line pairs (in reverse order).
  const pairs: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  pairs.reverse();
  pairs.push([n, m]);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of pairs) {
    if (pi > i || pj > j) hunks.push({ oldStart: i, oldEnd: pi, newStart: j, newEnd: pj });
    i = pi + 1;
    j = pj + 1;
  }
  return hunks;
}
