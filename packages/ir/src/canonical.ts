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
