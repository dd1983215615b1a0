/**
 * The one place that calls the parser, with a cache per (uri, text): the language server
 * recompiles on every keystroke and only the edited file needs parsing again.
 */
import { clearChunkCache, parse, type ParseResult } from "@carrot/language";

export type ParsedText = ParseResult;

const cache = new Map<string, { text: string; parsed: ParsedText }>();
const CACHE_LIMIT = 500;

export function parseCached(uri: string, text: string): ParsedText {
  const hit = cache.get(uri);
  if (hit && hit.text === text) return hit.parsed;
  const parsed = parse(text, uri);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(uri, { text, parsed });
  return parsed;
}

/**
 * Forget every cached parse, the parser's reusable declarations included (the language server on
 * workspace close; the benchmark between runs, so that it measures cold compiles).
 */
export function clearParseCache(): void {
  cache.clear();
  clearChunkCache();
}
