import { createHash } from "node:crypto";
import type { PlanBody, PlanIR } from "./types.js";

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no insignificant whitespace except a
 * two-space indent and a final newline when `pretty`. The same value always gives the same bytes.
 * `undefined` properties are dropped; non-finite numbers are refused (the IR holds decimals as strings).
 */
export function canonicalJson(value: unknown, pretty = false): string {
  const text = JSON.stringify(sortKeys(value), null, pretty ? 2 : undefined);
  return pretty ? text + "\n" : text;
}

/**
 * The same bytes as `canonicalJson(value, pretty)`, handed to `write` in chunks of about
 * `chunkSize` characters: a result with millions of trace entries can exceed the longest string V8
 * can hold, so writers stream it (`carrot run --format json --out`) instead of building it whole.
 */
export function writeCanonicalJson(value: unknown, pretty: boolean, write: (chunk: string) => void, chunkSize = 1 << 16): void {
  let buffer = "";
  const nl = pretty ? "\n" : "";
  const colon = pretty ? ": " : ":";
  const emit = (v: unknown, indent: string): void => {
    if (buffer.length >= chunkSize) {
      write(buffer);
      buffer = "";
    }
    if (v === null || typeof v !== "object") {
      if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`canonicalJson: non-finite number ${v}`);
      // As JSON.stringify writes them inside an array: undefined (and functions) as null.
      buffer += v === undefined || typeof v === "function" || typeof v === "symbol" ? "null" : JSON.stringify(v);
      return;
    }
    const inner = pretty ? indent + "  " : "";
    if (Array.isArray(v)) {
      if (v.length === 0) {
        buffer += "[]";
        return;
      }
      buffer += "[" + nl;
      for (let i = 0; i < v.length; i++) {
        buffer += inner;
        emit(v[i], inner);
        buffer += i < v.length - 1 ? "," + nl : nl;
      }
      buffer += indent + "]";
      return;
    }
    const record = v as Record<string, unknown>;
    let keys = Object.keys(record)
      .sort()
      .filter((k) => record[k] !== undefined);
    // As in canonicalJson's rebuilt objects, integer-like keys come first, in numeric order.
    if (keys.some(isIndexKey)) keys = [...keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isIndexKey(k))];
    if (keys.length === 0) {
      buffer += "{}";
      return;
    }
    buffer += "{" + nl;
    for (let i = 0; i < keys.length; i++) {
      buffer += inner + JSON.stringify(keys[i]) + colon;
      emit(record[keys[i]], inner);
      buffer += i < keys.length - 1 ? "," + nl : nl;
    }
    buffer += indent + "}";
  };
  emit(value, "");
  if (pretty) buffer += "\n";
  if (buffer.length > 0) write(buffer);
}

/** A key JavaScript enumerates before the others: a canonical array index. */
function isIndexKey(key: string): boolean {
  return /^(0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`canonicalJson: non-finite number ${value}`);
  }
  return value;
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
