import { canonicalJson, sha256Hex } from "@carrot/ir";

/**
 * Plan acceptance records: "person P accepted the plan whose IR hash is H, at T". They live in an
 * append-only JSONL file; each record carries the SHA-256 of the previous line (`prev`) and of
 * itself (`hash`), so an edited, removed or reordered record breaks the chain at that line.
 */
export interface AcceptanceRecord {
  person: string;
  /** The accepted plan's IR hash (`sha256:…`): the plan's semantics, not its formatting. */
  plan: string;
  planName: string;
  planVersion: string;
  /** When: `YYYY-MM-DD` or an ISO instant `YYYY-MM-DDTHH:MM:SSZ`, given by the caller (never read from a clock here). */
  at: string;
  /** `sha256:` + SHA-256 of the previous line's bytes; null for the first record. */
  prev: string | null;
  /** `sha256:` + SHA-256 of the canonical JSON of the record without `hash`. */
  hash: string;
}

export type ChainProblem = {
  /** 1-based line number in the file. */
  line: number;
  kind: "not-json" | "bad-record" | "not-canonical" | "bad-hash" | "broken-chain" | "blank-line";
  message: string;
};

export interface AcceptanceLog {
  /** The records up to the first problem: what can be trusted. */
  records: AcceptanceRecord[];
  problems: ChainProblem[];
}

const AT_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z)?$/;
const HASH_RE = /^sha256:[0-9a-f]{64}$/;

export function isValidAt(at: string): boolean {
  if (!AT_RE.test(at)) return false;
  const day = at.slice(0, 10);
  const d = new Date(day + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

function selfHash(record: Omit<AcceptanceRecord, "hash">): string {
  const { person, plan, planName, planVersion, at, prev } = record;
  return "sha256:" + sha256Hex(canonicalJson({ at, person, plan, planName, planVersion, prev }));
}

function shapeProblem(value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "a record is a JSON object";
  const r = value as Record<string, unknown>;
  const keys = Object.keys(r).sort().join(",");
  if (keys !== "at,hash,person,plan,planName,planVersion,prev") return `unexpected fields: ${keys}`;
  for (const k of ["person", "plan", "planName", "planVersion", "at", "hash"]) {
    if (typeof r[k] !== "string") return `${k} must be a string`;
  }
  if (r.prev !== null && typeof r.prev !== "string") return "prev must be a string or null";
  if (!HASH_RE.test(r.plan as string)) return "plan must be an IR hash sha256:<64 hex>";
  if (!isValidAt(r.at as string)) return "at must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ";
  return null;
}

/** Reads and verifies an acceptance file. Never throws: every defect is a problem with its line. */
export function readAcceptances(text: string): AcceptanceLog {
  const records: AcceptanceRecord[] = [];
  const problems: ChainProblem[] = [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let prevLine: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = i + 1;
    const fail = (kind: ChainProblem["kind"], message: string): void => {
      problems.push({ line: at, kind, message });
    };
    if (line.trim() === "") {
      fail("blank-line", "blank line inside the acceptance file");
      break;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      fail("not-json", "not a JSON record");
      break;
    }
    const shape = shapeProblem(value);
    if (shape) {
      fail("bad-record", shape);
      break;
    }
    const record = value as AcceptanceRecord;
    if (canonicalJson(record) !== line) {
      fail("not-canonical", "the record is not in canonical form (was it edited by hand?)");
      break;
    }
    if (selfHash(record) !== record.hash) {
      fail("bad-hash", "the record's content does not match its hash (the record was altered)");
      break;
    }
    const expected = prevLine === null ? null : "sha256:" + sha256Hex(prevLine);
    if (record.prev !== expected) {
      fail("broken-chain", "prev does not match the previous record (a record was altered, removed or reordered)");
      break;
    }
    records.push(record);
    prevLine = line;
  }
  return { records, problems };
}

export type AppendOutcome =
  | { kind: "appended"; record: AcceptanceRecord; /** The bytes to append to the file. */ text: string }
  | { kind: "already-accepted"; record: AcceptanceRecord }
  | { kind: "refused"; message: string };

/**
 * The line that records `person`'s acceptance of a plan. Refuses to extend a broken chain (that
 * would bless the tampering) and does not record the same acceptance twice.
 */
export function appendAcceptance(
  existing: string,
  entry: { person: string; plan: { name: string; version: string; hash: string }; at: string },
): AppendOutcome {
  if (!isValidAt(entry.at)) return { kind: "refused", message: `invalid date ${JSON.stringify(entry.at)}: use YYYY-MM-DD` };
  if (entry.person === "") return { kind: "refused", message: "the person id is empty" };
  const log = readAcceptances(existing);
  if (log.problems.length) {
    const p = log.problems[0]!;
    return { kind: "refused", message: `the acceptance file fails verification at line ${p.line}: ${p.message}` };
  }
  const same = log.records.find((r) => r.person === entry.person && r.plan === entry.plan.hash);
  if (same) return { kind: "already-accepted", record: same };
  const lines = existing.split("\n").filter((l, i, all) => !(l === "" && i === all.length - 1));
  const last = lines.length ? lines[lines.length - 1]! : null;
  const body = {
    person: entry.person,
    plan: entry.plan.hash,
    planName: entry.plan.name,
    planVersion: entry.plan.version,
    at: entry.at,
    prev: last === null ? null : "sha256:" + sha256Hex(last),
  };
  const record: AcceptanceRecord = { ...body, hash: selfHash(body) };
  const needsNewline = existing.length > 0 && !existing.endsWith("\n");
  return { kind: "appended", record, text: (needsNewline ? "\n" : "") + canonicalJson(record) + "\n" };
}

/** The trusted record of `person` accepting the plan `planHash`, if any. */
export function acceptanceOf(log: AcceptanceLog, person: string, planHash: string): AcceptanceRecord | null {
  return log.records.find((r) => r.person === person && r.plan === planHash) ?? null;
}
