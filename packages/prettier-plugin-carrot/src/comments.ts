/**
 * Attaches each comment of a region (a block body or the whole file) to the nearest construct:
 * a comment after code on the same line trails that code; a comment on its own line leads the next
 * construct (or dangles before the closing brace / end of file); a comment between the tokens of a
 * construct is "interior": the construct's printer places it at a line break of an expression, or
 * else prints the construct as written.
 */
import type { Comment, Span } from "@carrot/language";
import { SourceText, isPrettierIgnore } from "./source.js";

export interface ItemComments {
  leading: Comment[];
  trailing?: Comment;
  interior: Comment[];
  /** Follows a `// prettier-ignore` comment. */
  ignored: boolean;
  /** Printed as written: it holds comments between its tokens, or is ignored. */
  verbatim: boolean;
}

export interface RegionComments {
  /** A comment on the line of the opening brace. */
  header?: Comment;
  items: ItemComments[];
  /** Own-line comments after the last item. */
  dangling: Comment[];
}

/**
 * `regionStart` is the offset after the opening brace, or undefined for the file (no header line).
 * `spans` are the items' code spans, in source order.
 */
export function attachComments(
  source: SourceText,
  comments: readonly Comment[],
  regionStart: number | undefined,
  spans: readonly Span[],
): RegionComments {
  const items: ItemComments[] = spans.map(() => ({ leading: [], interior: [], ignored: false, verbatim: false }));
  const result: RegionComments = { items, dangling: [] };
  for (const comment of comments) {
    const at = comment.span.start;
    // Spans are disjoint and in order: the only candidates are around the last span starting before `at`.
    const last = lastStartingBefore(spans, at);
    if (last >= 0 && at < spans[last]!.end) {
      items[last]!.interior.push(comment);
      continue;
    }
    const previous = last;
    const previousEnd = previous >= 0 ? spans[previous]!.end : regionStart;
    if (previousEnd !== undefined && !source.hasNewline(previousEnd, at)) {
      if (previous >= 0) items[previous]!.trailing = comment;
      else result.header = comment;
      continue;
    }
    const next = last + 1;
    if (next < spans.length) items[next]!.leading.push(comment);
    else result.dangling.push(comment);
  }
  for (const item of items) {
    const lastLeading = item.leading[item.leading.length - 1];
    item.ignored = lastLeading !== undefined && isPrettierIgnore(source, lastLeading);
    item.verbatim = item.ignored || item.interior.length > 0;
  }
  return result;
}

/** The index of the last span that starts before `offset`, or -1. */
function lastStartingBefore(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (spans[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The comments whose start lies in [start, end), given comments in source order. */
export function commentsIn(comments: readonly Comment[], start: number, end: number): Comment[] {
  const first = firstStartingAtOrAfter(comments, start);
  const past = firstStartingAtOrAfter(comments, end);
  return comments.slice(first, Math.max(first, past));
}

function firstStartingAtOrAfter(comments: readonly Comment[], offset: number): number {
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comments[mid]!.span.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
