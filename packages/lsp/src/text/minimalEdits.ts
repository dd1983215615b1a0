import type { Span } from "@carrot/language";

export interface OffsetEdit {
  span: Span;
  newText: string;
}

/** Beyond this many differing lines (or characters in a line), the diff falls back to pairing. */
const MAX_DIFFERENCES = 400;

/**
 * The smallest set of edits that turns `before` into `after`: a line diff (Myers) finds the changed
 * hunks, then a character diff inside lines changed in place. Formatting a file that is almost
 * canonical then touches only the few places that change, so the cursor, folds and undo stay put.
 * Edits are in increasing order and never overlap (both relative to `before`).
 *
 * The cost is bounded: when more than MAX_DIFFERENCES lines differ (formatting a large file for the
 * first time), lines are paired in order instead, which is what formatting does anyway.
 */
export function minimalEdits(before: string, after: string): OffsetEdit[] {
  if (before === after) return [];
  const oldLines = splitKeepingEnds(before);
  const newLines = splitKeepingEnds(after);
  const oldStarts = lineOffsets(oldLines);
  const newStarts = lineOffsets(newLines);
  const edits: OffsetEdit[] = [];
  const diffed = diffHunks(oldLines, newLines);
  const hunks = diffed ?? pairedHunks(oldLines, newLines);
  for (const hunk of hunks) {
    const oldCount = hunk.oldEnd - hunk.oldStart;
    if (oldCount === hunk.newEnd - hunk.newStart) {
      // Lines changed in place (the usual formatting case): edits inside each line, one per line
      // when the whole file changes (a character diff of every line would cost more than it saves).
      for (let i = 0; i < oldCount; i++) {
        const at = oldStarts[hunk.oldStart + i];
        const oldLine = oldLines[hunk.oldStart + i];
        const newLine = newLines[hunk.newStart + i];
        if (diffed) edits.push(...lineEdits(at, oldLine, newLine));
        else {
          const edit = narrowed(at, oldLine, newLine);
          if (edit) edits.push(edit);
        }
      }
    } else {
      const oldText = before.slice(oldStarts[hunk.oldStart], oldStarts[hunk.oldEnd]);
      const newText = after.slice(newStarts[hunk.newStart], newStarts[hunk.newEnd]);
      const edit = narrowed(oldStarts[hunk.oldStart], oldText, newText);
      if (edit) edits.push(edit);
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

/** A character diff of one line: `let   x=1` → `let x = 1` deletes two spaces and widens `=`. */
function lineEdits(lineStart: number, oldLine: string, newLine: string): OffsetEdit[] {
  if (oldLine === newLine) return [];
  const oldChars = [...oldLine];
  const newChars = [...newLine];
  const hunks = diffHunks(oldChars, newChars);
  if (!hunks) {
    const edit = narrowed(lineStart, oldLine, newLine);
    return edit ? [edit] : [];
  }
  const oldCharStarts = lineOffsets(oldChars);
  const newCharStarts = lineOffsets(newChars);
  return hunks.map((h) => ({
    span: { start: lineStart + oldCharStarts[h.oldStart], end: lineStart + oldCharStarts[h.oldEnd] },
    newText: newLine.slice(newCharStarts[h.newStart], newCharStarts[h.newEnd]),
  }));
}

/** One edit covering what differs between two texts once their common prefix and suffix are removed. */
function narrowed(offset: number, oldText: string, newText: string): OffsetEdit | undefined {
  let start = 0;
  const max = Math.min(oldText.length, newText.length);
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  if (start === oldEnd && start === newEnd) return undefined;
  return { span: { start: offset + start, end: offset + oldEnd }, newText: newText.slice(start, newEnd) };
}

function splitKeepingEnds(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

function lineOffsets(parts: string[]): number[] {
  const offsets = [0];
  for (const part of parts) offsets.push(offsets[offsets.length - 1] + part.length);
  return offsets;
}

interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** The length of the common prefix, and where the common suffix starts on each side. */
function commonEnds(a: string[], b: string[]): { head: number; tailA: number; tailB: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tailA = a.length;
  let tailB = b.length;
  while (tailA > head && tailB > head && a[tailA - 1] === b[tailB - 1]) {
    tailA--;
    tailB--;
  }
  return { head, tailA, tailB };
}

/**
 * After the common prefix and suffix, the lines in order: pairs while both sides have lines, then
 * the rest of the longer side as one hunk.
 */
function pairedHunks(a: string[], b: string[]): Hunk[] {
  const { head, tailA, tailB } = commonEnds(a, b);
  const paired = Math.min(tailA - head, tailB - head);
  const hunks: Hunk[] = [];
  for (let i = 0; i < paired; i++) if (a[head + i] !== b[head + i]) hunks.push({ oldStart: head + i, oldEnd: head + i + 1, newStart: head + i, newEnd: head + i + 1 });
  if (tailA - head > paired || tailB - head > paired) hunks.push({ oldStart: head + paired, oldEnd: tailA, newStart: head + paired, newEnd: tailB });
  return hunks;
}

/**
 * Myers' O(ND) diff, returned as maximal runs of changed items; undefined when more than
 * MAX_DIFFERENCES items differ. The common prefix and suffix are skipped first, and each step keeps
 * only its diagonals (-d..d), so memory stays O(D²) with D bounded.
 */
function diffHunks(a: string[], b: string[]): Hunk[] | undefined {
  const { head, tailA, tailB } = commonEnds(a, b);
  const n = tailA - head;
  const m = tailB - head;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0) return [{ oldStart: head, oldEnd: tailA, newStart: head, newEnd: tailB }];
  const equal = (x: number, y: number) => a[head + x] === b[head + y];
  const max = Math.min(n + m, MAX_DIFFERENCES);
  // v[k] for diagonals -d..d of step d is stored at index k + d of trace[d].
  const trace: Int32Array[] = [];
  let v = new Int32Array(1);
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    const next = new Int32Array(2 * d + 1);
    const get = (k: number) => v[k + d - 1];
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (d === 0) x = 0;
      else if (k === -d || (k !== d && get(k - 1) < get(k + 1))) x = get(k + 1);
      else x = get(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && equal(x, y)) {
        x++;
        y++;
      }
      next[k + d] = x;
      if (x >= n && y >= m) found = true;
    }
    trace.push(next);
    v = next;
  }
  if (!found) return undefined;
  // Walk back from (n, m) collecting matched pairs.
  const pairs: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const k = x - y;
    let prevX = 0;
    let prevY = 0;
    if (d > 0) {
      const prev = trace[d - 1];
      const at = (kk: number) => prev[kk + d - 1];
      const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
      prevX = at(prevK);
      prevY = prevX - prevK;
    }
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
    if (pi > i || pj > j) hunks.push({ oldStart: head + i, oldEnd: head + pi, newStart: head + j, newEnd: head + pj });
    i = pi + 1;
    j = pj + 1;
  }
  return hunks;
}
