import { createHash } from "node:crypto";
import type { PlanBody, PlanIR } from "./types.js";

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, integer-like keys first in numeric
 * order), no insignificant whitespace except a two-space indent and a final newline when `pretty`.
 * The same value always gives the same bytes. `undefined`, function and symbol properties are
 * dropped (written as `null` in arrays); non-finite numbers are refused (the IR holds decimals as
 * strings). Every own enumerable key is written, `__proto__` too (`JSON.parse` makes it an own key
 * and ids from data may be it). This is `writeCanonicalJson`'s text, whole.
 */
export function canonicalJson(value: unknown, pretty = false): string {
  let text = "";
  writeCanonicalJson(value, pretty, (chunk) => (text += chunk), Infinity);
  return text;
}

/**
 * The canonical JSON writer (`canonicalJson` is its text whole): the bytes handed to `write` in
 * chunks of about `chunkSize` characters (each at least `chunkSize` but the last), since a result
 * with millions of trace entries can exceed the longest string V8 can hold, so writers stream it
 * (`carrot run --format json --out`, the runtime's `writeJson`) instead of building it whole.
 *
 * Each property is read once, so an own enumerable getter (a lazy trace, `defineLazy`) is written
 * as its value. An object's key order is computed once per shape (its `Object.keys`) and kept.
 */
export function writeCanonicalJson(value: unknown, pretty: boolean, write: (chunk: string) => void, chunkSize = 1 << 16): void {
  // Pieces are appended to one string (V8 keeps it as a rope until it is read) and handed over
  // once it reaches chunkSize.
  let out = "";
  const lastOrders: (KeyOrder | undefined)[] = [];
  const emit = (v: unknown, depth: number): void => {
    switch (typeof v) {
      case "string":
        // Most strings (ids, amounts, names) need no escape: quoted as they are, without a call to JSON.stringify.
        out += PLAIN.test(v) ? '"' + v + '"' : JSON.stringify(v);
        return;
      case "number":
        if (!Number.isFinite(v)) throw new Error(`canonicalJson: non-finite number ${v}`);
        out += JSON.stringify(v);
        return;
      case "boolean":
        out += v ? "true" : "false";
        return;
      case "object":
        if (v === null) {
          out += "null";
          return;
        }
        break;
      case "bigint":
        // As JSON.stringify: a BigInt cannot be serialized (this throws its TypeError).
        out += JSON.stringify(v);
        return;
      default:
        // undefined, functions and symbols: `null` in an array (object properties are skipped).
        out += "null";
        return;
    }
    const inner = pretty ? lineBreak(depth + 1) : "";
    if (Array.isArray(v)) {
      const n = v.length;
      if (n === 0) {
        out += "[]";
        return;
      }
      for (let i = 0; i < n; i++) {
        out += (i === 0 ? "[" : ",") + inner;
        emit(v[i], depth + 1);
        if (out.length >= chunkSize) {
          write(out);
          out = "";
        }
      }
      out += pretty ? lineBreak(depth) + "]" : "]";
      return;
    }
    const record = v as Record<string, unknown>;
    const enumerated = Object.keys(record);
    // Objects side by side (the items of a list) mostly have one shape: the last order at this
    // depth is tried before the cache.
    let order = lastOrders[depth];
    if (order === undefined || !sameKeys(order.enumerated, enumerated)) lastOrders[depth] = order = keyOrder(enumerated);
    const keys = order.keys;
    const labels = pretty ? order.pretty : order.compact;
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const x = record[keys[i]];
      if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
      out += (first ? "{" : ",") + inner + labels[i];
      first = false;
      emit(x, depth + 1);
      if (out.length >= chunkSize) {
        write(out);
        out = "";
      }
    }
    out += first ? "{}" : pretty ? lineBreak(depth) + "}" : "}";
  };
  emit(value, 0);
  if (pretty) out += "\n";
  if (out.length > 0) write(out);
}

/** A string JSON.stringify writes as it is between quotes: no quote, backslash, control character or surrogate. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const LINE_BREAKS = ["\n"];

/** What comes before an item at a depth when pretty: a line break and two spaces a level. */
function lineBreak(depth: number): string {
  while (LINE_BREAKS.length <= depth) LINE_BREAKS.push(LINE_BREAKS[LINE_BREAKS.length - 1] + "  ");
  return LINE_BREAKS[depth];
}

/** An object's keys in canonical order, each with its `"key":` (compact) and `"key": ` (pretty). */
interface KeyOrder {
  /** The keys it is the order of, as `Object.keys` enumerates them. */
  enumerated: string[];
  keys: string[];
  compact: string[];
  pretty: string[];
}

/** Key orders by an object's keys in enumeration order (joined); each entry keeps them to check a hit. */
const keyOrders = new Map<string, KeyOrder>();

/** Objects with more keys than this (a dictionary by id, not a shape) are sorted without a cache entry. */
const MAX_CACHED_KEYS = 64;

function keyOrder(keys: string[]): KeyOrder {
  const cached = keys.length <= MAX_CACHED_KEYS;
  const signature = cached ? (keys.length === 1 ? keys[0] : keys.join("\u0000")) : "";
  const known = cached ? keyOrders.get(signature) : undefined;
  if (known !== undefined && sameKeys(known.enumerated, keys)) return known;
  const sorted = canonicalOrder(keys);
  const order: KeyOrder = {
    enumerated: keys,
    keys: sorted,
    compact: sorted.map((key) => JSON.stringify(key) + ":"),
    pretty: sorted.map((key) => JSON.stringify(key) + ": "),
  };
  if (cached && known === undefined && keyOrders.size < 4096) keyOrders.set(signature, order);
  return order;
}

/** Sorted by UTF-16 code units, integer-like keys first in numeric order (as JSON.stringify enumerates them). */
function canonicalOrder(keys: string[]): string[] {
  const sorted = [...keys].sort();
  if (!sorted.some(isIndexKey)) return sorted;
  return [...sorted.filter(isIndexKey).sort((a, b) => Number(a) - Number(b)), ...sorted.filter((k) => !isIndexKey(k))];
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A key JavaScript enumerates before the others: a canonical array index. */
function isIndexKey(key: string): boolean {
  return /^(0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The plan's identity: `sha256:` + SHA-256 of the canonical JSON of the plan body. */
export function planHash(plan: PlanBody): string {
  return "sha256:" + sha256Hex(canonicalJson(plan));
}

/** The bytes of an IR file (`carrot build -o plan.ir.json`). */
export function serializeIr(ir: PlanIR): string {
  return canonicalJson(ir, true);
}
