import type { CreditIR, Expr } from "@carrot/ir";
import type { Codes } from "../data/strings.js";
import type { ColumnData, TableData } from "../data/table.js";
import { Dec, ONE, ZERO, decText } from "../decimal.js";
import type { UncreditedReason } from "../result/types.js";
import { Env, PersonPeriod, type Fn } from "./context.js";
import { columnReader, rowKeyOf, type Engine, type RowBinding, type Scope } from "./engine.js";
import { IntList, RowDetails, ShareTable } from "./packed.js";
import { isDec } from "./values.js";

/** Per entry: its group + 1 (0: none). */
export type GroupKeys = Uint16Array | Int32Array;

/** An array for `n` entries' groups + 1 (zeros: none), as narrow as the number of groups allows. */
function groupKeys(engine: Engine, n: number): GroupKeys {
  return engine.personIds.length * engine.periods.length < 0xffff ? new Uint16Array(n) : new Int32Array(n);
}

/**
 * The credited rows of one rule: parallel arrays per entry (a credited row and person), grouped by
 * person and period (`entryKey`: each entry's group).
 */
export interface CreditSet {
  name: string;
  rule: CreditIR;
  source: TableData;
  joinTable: TableData | null;
  binding: RowBinding;
  /** How many entries the set has. */
  entryCount: number;
  /** Per entry: its source row; null: the entries are the source's rows (a set without a join). */
  src: Int32Array | null;
  /**
   * Each entry's group + 1, the group being person row × periods + period index (0: none; a set
   * without a join has an entry per source row, 0 for a row this rule does not credit, in a
   * Uint16Array when every group + 1 fits, people × periods below 65,535). Aggregates sum the
   * whole run from it in one pass over the entries.
   */
  entryKey: GroupKeys;
  /** Per entry: the joined row (null without a join table). */
  join: Int32Array | null;
  /** Per entry when the rule has `split` (else empty): the share's id in `shares`, -1 for 100%. */
  shareId: Int32Array;
  shares: ShareTable;
  /** Every share of this set as an integer at one scale, for integer sums (null: use Decimal). */
  shareUnits: { scale: number; units: Float64Array } | null;
  hasShares: boolean;
  allOne: boolean;
  /**
   * The entries of the group personRow × periods + periodIndex (empty: none), a view of one packed
   * array in group order. A set without a join builds that array on the first call (a run whose
   * aggregates all take the whole-run sums never does).
   */
  group: (key: number) => Int32Array;
  /** The groups that have entries, ascending. */
  groupKeys: () => number[];
  keyOf: (entry: number) => string;
}

/** Per source table: whether each row is credited by some rule, else the reason it is not. */
export interface RowStatus {
  table: TableData;
  /**
   * The day that places each row in a reconciliation period: the earliest of the dates the table's
   * credit rules give it (independent of the rules' names; NaN: no date; null: no rule dates the
   * rows). With one dated rule this is its dates as they are (the date column itself, not a copy);
   * dates computed by an expression, or merged from several rules, are `compactDays`.
   */
  day: ArrayLike<number> | null;
  /** Per row: 0 not seen, 1 credited, 2 + the reason's index in `REASON_PRIORITY`: uncredited. */
  state: Uint8Array;
  /** The uncredited rows' details (only rows that have one). */
  details: RowDetails;
}

/** Whether a row is credited by some rule. */
export function isCredited(status: RowStatus, row: number): boolean {
  return status.state[row] === 1;
}

/** Why a row is not credited (null: it is credited, or no rule saw it). */
export function reasonOf(status: RowStatus, row: number): UncreditedReason | null {
  const s = status.state[row];
  return s >= 2 ? REASON_PRIORITY[s - 2] : null;
}

/** The detail of an uncredited row's reason (null: none). */
export function detailOf(status: RowStatus, row: number): string | null {
  return status.details.get(row);
}

export interface CreditRun {
  sets: Map<string, CreditSet>;
  rows: Map<string, RowStatus>;
}

export function creditAll(engine: Engine): CreditRun {
  const run: CreditRun = { sets: new Map(), rows: new Map() };
  const rules = [...engine.ir.plan.credits].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const rule of rules) if (rule.source) creditRule(engine, rule, run);
  const visiting = new Set<string>();
  const rollup = (rule: CreditIR): CreditSet | null => {
    const done = run.sets.get(rule.name);
    if (done) return done;
    if (!rule.rollup || visiting.has(rule.name)) return null;
    visiting.add(rule.name);
    const baseRule = engine.index.credits.get(rule.rollup.rule);
    const base = baseRule ? rollup(baseRule) : null;
    if (!base) {
      engine.report("R0042", `rollup:${rule.name}`, `credit '${rule.name}' rolls up unknown rule '${rule.rollup.rule}'`, null, "error");
      return null;
    }
    const set = rollupSet(engine, rule, base);
    run.sets.set(rule.name, set);
    return set;
  };
  for (const rule of rules) if (rule.rollup) rollup(rule);
  return run;
}

function dummyPP(engine: Engine): PersonPeriod {
  return new PersonPeriod("", -1, 0, engine.periods[0] ?? { id: "", grain: "month", start: 0, end: 0, startMonth: 0, months: 1 }, engine.memoSizes());
}

/**
 * The day of each source row that places it in a period: a date column read as stored, or a date
 * expression of the row (`dated bookings.date + 90`) computed once per row (NaN: no date).
 */
function ruleDays(engine: Engine, rule: CreditIR, source: TableData): ArrayLike<number> | null {
  if (rule.dated !== null && typeof rule.dated !== "string") {
    const tables: RowBinding["tables"] = new Map([[source.name, { table: source, slot: "src" as const }]]);
    const fn = engine.compile(rule.dated, { row: { tables, date: null }, where: `credit ${rule.name} (dated)` });
    const env = new Env(dummyPP(engine), new Map(), null, null);
    const days = new Float64Array(source.rowCount);
    for (let r = 0; r < source.rowCount; r++) {
      env.src = r;
      const d = fn(env);
      days[r] = typeof d === "number" ? d : NaN;
    }
    return compactDays(days);
  }
  const dateCols = source.ir.columns.filter((c) => c.type === "date");
  const datedName = rule.dated ?? (dateCols.length === 1 ? dateCols[0].name : null);
  const dated = datedName ? (source.columns.get(datedName) ?? null) : null;
  return dated && dated.kind === "date" ? dated.days : null;
}

/**
 * Day numbers as compact as exact allows: a Float32Array (4 bytes a row, NaN kept) when every day
 * is an integer of at most 2^24 in magnitude (any date of years -43,000 to 47,000), which a
 * float32 holds exactly; else the Float64Array as it is.
 */
export function compactDays(days: Float64Array): Float32Array | Float64Array {
  for (let r = 0; r < days.length; r++) {
    const d = days[r];
    if (d === d && !(Number.isInteger(d) && Math.abs(d) <= 16777216)) return days;
  }
  return Float32Array.from(days);
}

function creditRule(engine: Engine, rule: CreditIR, run: CreditRun): void {
  const source = engine.data.tables.get(rule.source!);
  if (!source) {
    engine.report("R0042", `credit:${rule.name}`, `credit '${rule.name}' reads unknown table '${rule.source}'`, null, "error");
    return;
  }
  const joinTable = rule.join ? (engine.data.tables.get(rule.join.table) ?? null) : null;
  if (rule.join && !joinTable) {
    engine.report("R0042", `credit:${rule.name}`, `credit '${rule.name}' joins unknown table '${rule.join.table}'`, null, "error");
    return;
  }
  const days = ruleDays(engine, rule, source);

  // Inside join/to/split, columns are read by table name (source and joined table).
  const tables: RowBinding["tables"] = new Map();
  tables.set(source.name, { table: source, slot: "src" });
  if (joinTable) tables.set(joinTable.name, { table: joinTable, slot: "join" });
  const ruleScope: Scope = { row: { tables, date: days ? (env: Env) => days[env.src] : null }, where: `credit ${rule.name}` };
  const to = rule.to ? engine.compile(rule.to, ruleScope) : null;
  const split = rule.split ? engine.compile(rule.split, ruleScope) : null;
  const env = new Env(dummyPP(engine), new Map(), null, null);

  // Joins hash the equality conjuncts of `on` (joined column = expression of the source row).
  let candidates: (env: Env) => ArrayLike<number> = () => [];
  let residual: Fn | null = null;
  if (rule.join && joinTable) {
    const { keys, rest } = splitJoin(rule.join.on, joinTable.name);
    residual = rest.length ? engine.compile(rest.length === 1 ? rest[0] : { op: "and", type: "bool", args: rest }, ruleScope) : null;
    if (keys.length) {
      const joinReaders = keys.map((k) => columnReader(joinTable.columns.get(k.joinColumn)!, "join"));
      const srcFns = keys.map((k) => engine.compile(k.sourceExpr, ruleScope));
      const index = new Map<string, number[]>();
      for (let r = 0; r < joinTable.rowCount; r++) {
        env.join = r;
        const key = joinReaders.map((read) => keyText(read(env))).join("\u0001");
        let list = index.get(key);
        if (!list) index.set(key, (list = []));
        list.push(r);
      }
      const none: number[] = [];
      candidates = (e) => index.get(srcFns.map((f) => keyText(f(e))).join("\u0001")) ?? none;
    } else {
      const all = Array.from({ length: joinTable.rowCount }, (_, i) => i);
      candidates = () => all;
    }
  }

  let status = run.rows.get(source.name);
  if (!status) {
    status = { table: source, day: null, state: new Uint8Array(source.rowCount), details: new RowDetails(source.rowCount) };
    run.rows.set(source.name, status);
  }
  if (days && days !== status.day) {
    if (status.day === null) status.day = days;
    else {
      // Several rules date the rows differently: the earliest date, in a copy of its own.
      const rowDay = Float64Array.from(status.day);
      for (let r = 0; r < source.rowCount; r++) {
        const d = days[r];
        if (d === d && !(rowDay[r] <= d)) rowDay[r] = d;
      }
      status.day = compactDays(rowDay);
    }
  }
  const state = status.state;
  const details = status.details;

  const shares = new ShareTable();
  const P = engine.periods.length;
  // Without a join a row credits one person at most: its entry is the row itself (group key and
  // share per row, -1 for a row not credited), with no list of rows to build.
  const direct = joinTable === null;
  const rowKey = direct ? groupKeys(engine, source.rowCount) : null;
  const rowShare = direct && split ? new Int32Array(source.rowCount).fill(-1) : null;
  const entries = newEntries(direct ? 16 : source.rowCount, !direct);
  const fail = (row: number, reason: UncreditedReason, detail: string): void => {
    // Several rules may fail on a row: the most telling reason wins, whatever the rules are named.
    const current = state[row];
    if (current === 1) return;
    const code = 2 + REASON_PRIORITY.indexOf(reason);
    if (current !== 0 && current <= code) return;
    state[row] = code;
    details.set(row, detail);
  };
  // The current row's credited persons: arrays reused row after row with a separate count
  // (`length = 0` would free their storage and every row would allocate it again).
  let pending = 0;
  const pendingPersons: number[] = [];
  const pendingJoins: number[] = [];
  /** Share ids (-1: no split). */
  const pendingShares: number[] = [];
  // Where a person already is in the pending lists of the current row: O(1) instead of indexOf
  // (a territory shared by hundreds of reps made that quadratic per row).
  const pendingRowOf = new Int32Array(engine.personIds.length).fill(-1);
  const pendingAt = new Int32Array(engine.personIds.length);
  // A share that reads only the joined row is computed and interned once per joined row.
  const shareOfJoin =
    split && joinTable && rule.split && !mentions(rule.split, source.name) ? new Int32Array(joinTable.rowCount).fill(-2) : null;
  const shareOf = (joinRow: number): number => {
    if (shareOfJoin && joinRow >= 0) {
      const known = shareOfJoin[joinRow];
      if (known !== -2) return known;
      const s = split!(env);
      return (shareOfJoin[joinRow] = isDec(s) ? shares.intern(s) : -3);
    }
    const s = split!(env);
    return isDec(s) ? shares.intern(s) : -3;
  };
  const joinKey = joinTable ? rowKeyOf(joinTable) : null;
  const sourceKey = rowKeyOf(source);
  // The first reason a candidate could not be credited, for the row's uncredited reason.
  const failure: { reason: UncreditedReason | null; detail: string } = { reason: null, detail: "" };
  const noteFailure = (reason: UncreditedReason, detail: string): void => {
    if (failure.reason === null) {
      failure.reason = reason;
      failure.detail = detail;
    }
  };
  // Hoisted out of the row loop: called once per (row, joined row) candidate.
  const consider = (joinRow: number): void => {
    env.join = joinRow;
    if (residual && residual(env) !== true) return;
    const p = to ? to(env) : null;
    if (typeof p !== "string" || p === "") return noteFailure("no-person", "the credited person is empty");
    const personRow = engine.personRow.get(p);
    if (personRow === undefined) return noteFailure("unknown-person", `'${p}' is not in the people table`);
    let share = -1;
    if (split) {
      share = shareOf(joinRow);
      if (share < 0) return noteFailure("split-not-100", `no share for '${p}'`);
    }
    // A person is credited once per row and rule: overlapping join rows must not pay a sale twice
    // (mirror credit); with split, the shares of the same person add up.
    const already = pendingRowOf[personRow] === env.src ? pendingAt[personRow] : -1;
    if (already >= 0) {
      if (share >= 0) pendingShares[already] = shares.intern(shares.values[pendingShares[already]].plus(shares.values[share]));
      else {
        // Mirror credit: keep the joined row with the smallest key, whatever the file's order.
        if (joinKey!(joinRow) < joinKey!(pendingJoins[already])) pendingJoins[already] = joinRow;
        engine.report(
          "R0045",
          `overlap:${rule.name}`,
          `credit '${rule.name}': ${source.name} row ${sourceKey(env.src)} matches several ${joinTable?.name} rows for '${p}'; credited once`,
          null,
        );
      }
      return;
    }
    pendingRowOf[personRow] = env.src;
    pendingAt[personRow] = pending;
    pendingPersons[pending] = personRow;
    pendingJoins[pending] = joinRow;
    pendingShares[pending] = share;
    pending++;
  };

  // Without a join or split, `to` a person column of the source stored as codes: each code's
  // person row is found once (-1: unknown, -2: empty), not a string lookup per row.
  const toCol = !joinTable && !split && rule.to?.op === "column" && rule.to.table === source.name ? source.columns.get(rule.to.column) : undefined;
  const toCoded = toCol && toCol.kind === "string" ? toCol.coded() : null;
  const personOfCode = toCoded ? Int32Array.from(toCoded.dict, (p) => (p === "" ? -2 : (engine.personRow.get(p) ?? -1))) : null;

  /** The period of a row (-1: none, the row failed as outside the plan or without a date). */
  const periodOf = (row: number): number => {
    const day = days ? days[row] : NaN;
    const periodIndex = day === day ? engine.periodIndexOfDay(day) : -1;
    if (periodIndex < 0) {
      if (day === day) fail(row, "outside-plan", `dated ${new Date(day * 86400000).toISOString().slice(0, 10)}, outside ${engine.ir.plan.effective.from} .. ${engine.ir.plan.effective.to}`);
      else fail(row, "no-date", `no date for credit '${rule.name}': it is in no period`);
    }
    return periodIndex;
  };
  // The same outcome as `consider(-1)` in the loop below, read from the codes, in a small loop of
  // its own (optimised as such, not as part of this whole function).
  if (personOfCode !== null) creditByCodes(source.rowCount, toCoded!, personOfCode, P, periodOf, fail, state, details, rowKey!);
  else for (let row = 0; row < source.rowCount; row++) {
    const periodIndex = periodOf(row);
    if (periodIndex < 0) continue;
    env.src = row;
    pending = 0;
    failure.reason = null;
    if (joinTable) {
      const list = candidates(env);
      for (let k = 0; k < list.length; k++) consider(list[k]);
      if (pending === 0 && failure.reason === null) {
        fail(row, "no-match", `no ${joinTable.name} row matches`);
        continue;
      }
    } else consider(-1);
    if (split) {
      // Split credit must account for exactly 100% of the row, with every share's person known.
      if (failure.reason !== null) {
        fail(row, failure.reason === "no-person" || failure.reason === "unknown-person" ? failure.reason : "split-not-100", failure.detail);
        continue;
      }
      if (!shares.sumIsOne(pendingShares, pending)) {
        fail(row, "split-not-100", `shares add up to ${decText(shares.sum(pendingShares, pending).times(100))}%`);
        continue;
      }
    } else if (pending === 0) {
      fail(row, failure.reason ?? "no-person", failure.reason ? failure.detail : "the credited person is empty");
      continue;
    }
    if (state[row] > 1) details.delete(row);
    state[row] = 1;
    if (rowKey) {
      rowKey[row] = pendingPersons[0] * P + periodIndex + 1;
      if (rowShare) rowShare[row] = pendingShares[0];
      continue;
    }
    for (let k = 0; k < pending; k++) {
      entries.src.push(row);
      if (entries.join) entries.join.push(pendingJoins[k]);
      entries.key.push(pendingPersons[k] * P + periodIndex + 1);
      if (split) entries.shareId.push(pendingShares[k]);
    }
  }
  const set = finishSet(engine, {
    name: rule.name,
    rule,
    source,
    joinTable,
    binding: relationBinding(rule.name, source, joinTable, days),
    hasShares: split !== null,
    shares,
    key: rowKey ?? entries.key.finish(),
    src: rowKey ? null : entries.src.finish(),
    join: entries.join ? entries.join.finish() : null,
    shareId: rowShare ?? (split ? entries.shareId.finish() : new Int32Array(0)),
  });
  run.sets.set(rule.name, set);
}

/**
 * Credits each row to the person its coded person column names (`personOfCode`: a code's person
 * row, -1 unknown, -2 empty), in its period (`periodOf`), as `key` person row × periods + period
 * index + 1: a rule without a join or split whose `to` is a person column of the source.
 */
function creditByCodes(
  rows: number,
  coded: { codes: Codes; dict: readonly string[] },
  personOfCode: Int32Array,
  P: number,
  periodOf: (row: number) => number,
  fail: (row: number, reason: UncreditedReason, detail: string) => void,
  state: Uint8Array,
  details: RowDetails,
  key: GroupKeys,
): void {
  const codes = coded.codes;
  for (let row = 0; row < rows; row++) {
    const periodIndex = periodOf(row);
    if (periodIndex < 0) continue;
    const code = codes[row];
    const personRow = code < 0 ? -2 : personOfCode[code];
    if (personRow < 0) {
      if (personRow === -2) fail(row, "no-person", "the credited person is empty");
      else fail(row, "unknown-person", `'${coded.dict[code]}' is not in the people table`);
      continue;
    }
    if (state[row] > 1) details.delete(row);
    state[row] = 1;
    key[row] = personRow * P + periodIndex + 1;
  }
}

/** Entries while a set is built: `key` is the entry's group, person row × periods + period index. */
interface Entries {
  src: IntList;
  join: IntList | null;
  key: IntList;
  shareId: IntList;
}

function newEntries(capacity: number, joined: boolean): Entries {
  return { src: new IntList(capacity), join: joined ? new IntList(capacity) : null, key: new IntList(capacity), shareId: new IntList(16) };
}

/**
 * Groups a set's entries by person-period with a counting sort: one Int32Array in group order,
 * each group a view of it (entries of a group stay in crediting order), built when a group is
 * first asked for (a run whose aggregates all take the whole-run sums never does). `key`: each
 * entry's group + 1 (0: none), kept as the set's `entryKey`. `src` null: the entries are the
 * source's rows (a set without a join).
 */
function finishSet(
  engine: Engine,
  parts: Pick<CreditSet, "name" | "rule" | "source" | "joinTable" | "binding" | "hasShares" | "shares" | "join" | "shareId"> & {
    key: GroupKeys;
    src: Int32Array | null;
  },
): CreditSet {
  const { key, src, ...rest } = parts;
  const shareId = parts.shareId;
  const P = engine.periods.length;
  const n = key.length;
  const groups = engine.personIds.length * P;
  // Which groups have entries (`has[k + 1]`), in one pass that writes a byte an entry: the run
  // asks for the list of groups (the evaluated person-periods), not for their sizes.
  const has = new Uint8Array(groups + 1);
  for (let e = 0; e < n; e++) has[key[e]] = 1;
  // start[k]..start[k + 1]: the positions of group k's entries in the group order (counted when a
  // group is first asked for, with the order).
  let start: Int32Array | null = null;
  const starts = (): Int32Array => {
    if (start === null) {
      start = new Int32Array(groups + 1);
      for (let e = 0; e < n; e++) start[key[e]]++;
      start[0] = 0; // the entries of no group
      for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
    }
    return start;
  };
  const traceOn = engine.traceOn;
  const source = parts.source;
  const buildOrder = (at: Int32Array): Int32Array => {
    const order = new Int32Array(at[at.length - 1]);
    const fill = at.slice(0, at.length - 1);
    // Traced: entries visited in the order of their rows' keys, so that each group comes out sorted
    // by key (traces list keys in that order whatever the order of the input file).
    const visit = traceOn ? entriesByRowKey(src, n, rowKeyRanks(source)) : null;
    for (let k = 0; k < n; k++) {
      const e = visit ? visit[k] : k;
      if (key[e] > 0) order[fill[key[e] - 1]++] = e;
    }
    return order;
  };
  let order: Int32Array | null = null;
  const none = new Int32Array(0);
  let allOne = true;
  if (parts.hasShares) {
    const one = parts.shares.values.map((v) => v.eq(ONE));
    for (let e = 0; e < n && allOne; e++) if (shareId[e] >= 0 && !one[shareId[e]]) allOne = false;
  }
  const keyOfRow = rowKeyOf(source);
  const set: CreditSet = {
    ...rest,
    entryCount: n,
    src,
    entryKey: key,
    shareId,
    shareUnits: parts.hasShares ? parts.shares.units() : null,
    allOne,
    group: (k) => {
      if (!(k >= 0 && k < groups) || has[k + 1] === 0) return none;
      const at = starts();
      order ??= buildOrder(at);
      return order.subarray(at[k], at[k + 1]);
    },
    groupKeys: () => {
      const keys: number[] = [];
      for (let k = 0; k < groups; k++) if (has[k + 1] === 1) keys.push(k);
      return keys;
    },
    keyOf: src === null ? keyOfRow : (entry) => keyOfRow(src[entry]),
  };
  return set;
}

const keyRanks = new WeakMap<TableData, Int32Array>();

/** Each row's position among the table's rows ordered by row key (then row), computed once a table. */
function rowKeyRanks(table: TableData): Int32Array {
  let ranks = keyRanks.get(table);
  if (!ranks) {
    const keyOf = rowKeyOf(table);
    const keys = Array.from({ length: table.rowCount }, (_, r) => keyOf(r));
    ranks = new Int32Array(table.rowCount);
    // A file already in key order (an export sorted by id) needs no sort: each row is its rank.
    let sorted = true;
    for (let r = 1; r < keys.length && sorted; r++) if (keys[r - 1] > keys[r]) sorted = false;
    if (sorted) for (let r = 0; r < ranks.length; r++) ranks[r] = r;
    else {
      const rows = Array.from({ length: table.rowCount }, (_, r) => r);
      rows.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
      for (let i = 0; i < rows.length; i++) ranks[rows[i]] = i;
    }
    keyRanks.set(table, ranks);
  }
  return ranks;
}

/**
 * Entry indexes ordered by their row's rank (a counting sort: stable, entries of a row in entry
 * order); `src` null: the entries are the rows.
 */
function entriesByRowKey(src: Int32Array | null, n: number, ranks: Int32Array): Int32Array {
  const start = new Int32Array(ranks.length + 1);
  for (let e = 0; e < n; e++) start[ranks[src ? src[e] : e] + 1]++;
  for (let r = 1; r < start.length; r++) start[r] += start[r - 1];
  const out = new Int32Array(n);
  for (let e = 0; e < n; e++) out[start[ranks[src ? src[e] : e]]++] = e;
  return out;
}

/** A credit rule's relation: its own name reads the source then the joined columns. */
function relationBinding(name: string, source: TableData, joinTable: TableData | null, days: ArrayLike<number> | null): RowBinding {
  const tables: RowBinding["tables"] = new Map();
  tables.set(source.name, { table: source, slot: "src" });
  if (joinTable) tables.set(joinTable.name, { table: joinTable, slot: "join" });
  tables.set(name, { composite: [source, joinTable] });
  return { tables, date: days ? (env: Env) => days[env.src] : null };
}

function rollupSet(engine: Engine, rule: CreditIR, base: CreditSet): CreditSet {
  const depth = rule.rollup!.depth ?? Infinity;
  const tables = new Map(base.binding.tables);
  tables.set(rule.name, { composite: [base.source, base.joinTable] });
  const entries = newEntries(base.entryCount, base.join !== null);
  const shares = base.shares;
  const P = engine.periods.length;
  const baseKey = base.entryKey;
  // A manager is credited once per source row: two reports credited the same (mirrored) row
  // must not count it twice for the team; split shares of the same row add up. A row's entries
  // are consecutive (rows are credited in order), so only the current row's managers are kept.
  const byManager = new Map<number, number>();
  let currentRow = -1;
  const baseSrc = base.src;
  for (let e = 0; e < base.entryCount; e++) {
    if (baseKey[e] === 0) continue;
    const row = baseSrc ? baseSrc[e] : e;
    if (row !== currentRow) {
      currentRow = row;
      byManager.clear();
    }
    const person = Math.floor((baseKey[e] - 1) / P);
    const periodIndex = baseKey[e] - 1 - person * P;
    let m = engine.managerRow[person];
    const seen = new Set<number>([person]);
    for (let level = 1; level <= depth && m !== undefined && m >= 0 && !seen.has(m); level++) {
      seen.add(m);
      const earlier = byManager.get(m);
      if (earlier !== undefined) {
        if (base.hasShares) {
          const a = entries.shareId.get(earlier);
          const b = base.shareId[e];
          entries.shareId.set(earlier, a < 0 || b < 0 ? -1 : shares.intern(shares.values[a].plus(shares.values[b])));
        }
        m = engine.managerRow[m];
        continue;
      }
      byManager.set(m, entries.src.length);
      entries.src.push(row);
      if (entries.join) entries.join.push(base.join![e]);
      entries.key.push(m * P + periodIndex + 1);
      if (base.hasShares) entries.shareId.push(base.shareId[e]);
      m = engine.managerRow[m];
    }
  }
  return finishSet(engine, {
    name: rule.name,
    rule,
    source: base.source,
    joinTable: base.joinTable,
    binding: { tables, date: base.binding.date },
    hasShares: base.hasShares,
    shares,
    key: entries.key.finish(),
    src: entries.src.finish(),
    join: entries.join ? entries.join.finish() : null,
    shareId: base.hasShares ? entries.shareId.finish() : new Int32Array(0),
  });
}


interface JoinKey {
  joinColumn: string;
  sourceExpr: Expr;
}

/** Splits `on` into hashable equalities (joined column = source-only expression) and the rest. */
function splitJoin(on: Expr, joinTable: string): { keys: JoinKey[]; rest: Expr[] } {
  const conjuncts: Expr[] = [];
  const flatten = (e: Expr): void => {
    if (e.op === "and") e.args.forEach(flatten);
    else conjuncts.push(e);
  };
  flatten(on);
  const keys: JoinKey[] = [];
  const rest: Expr[] = [];
  for (const c of conjuncts) {
    if (c.op === "eq") {
      const [a, b] = c.args;
      const pick = (j: Expr, s: Expr): boolean => {
        if (j.op === "column" && j.table === joinTable && !mentions(s, joinTable) && j.type === s.type) {
          keys.push({ joinColumn: j.column, sourceExpr: s });
          return true;
        }
        return false;
      };
      if (pick(a, b) || pick(b, a)) continue;
    }
    rest.push(c);
  }
  return { keys, rest };
}

function mentions(e: Expr, table: string): boolean {
  if (e.op === "column") return e.table === table;
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) {
      if (v.some((x) => typeof x === "object" && x !== null && "op" in x && mentions(x as Expr, table))) return true;
    } else if (typeof v === "object" && v !== null && "op" in v && mentions(v as Expr, table)) return true;
  }
  return false;
}

function keyText(v: unknown): string {
  if (v === null || v === undefined) return "\u0000";
  if (typeof v === "object") return (v as Dec).toFixed();
  return String(v);
}

/** Which uncredited reason a row reports when several rules fail on it, most telling first. */
const REASON_PRIORITY: UncreditedReason[] = ["unknown-person", "split-not-100", "no-person", "no-match", "no-date", "outside-plan"];

/** The period id of a source row for reconciliation (any period, even outside the plan). */
export function reconciliationPeriod(engine: Engine, status: RowStatus, row: number): string {
  const day = status.day ? status.day[row] : NaN;
  return day === day ? engine.calendar.periodOfDay(engine.ir.plan.grain, day).id : "none";
}
