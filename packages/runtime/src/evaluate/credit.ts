import type { CreditIR, Expr } from "@carrot/ir";
import type { ColumnData, TableData } from "../data/table.js";
import { Dec, ONE, ZERO, decText } from "../decimal.js";
import { periodOfDay } from "../periods.js";
import type { UncreditedReason } from "../result/types.js";
import { Env, PersonPeriod, type Fn } from "./context.js";
import { columnReader, rowKeyOf, type Engine, type RowBinding, type Scope } from "./engine.js";
import { isDec } from "./values.js";

/** The credited rows of one rule: parallel arrays, grouped by person and period. */
export interface CreditSet {
  name: string;
  rule: CreditIR;
  source: TableData;
  joinTable: TableData | null;
  binding: RowBinding;
  src: number[];
  join: number[];
  person: number[];
  /** Per entry when the rule has `split` (else empty): the share, null for 100%. */
  share: (Dec | null)[];
  hasShares: boolean;
  allOne: boolean;
  period: number[];
  /** personRow × periods + periodIndex → entry indexes. */
  groups: Map<number, number[]>;
  keyOf: (entry: number) => string;
}

/** Per source table: the reason each row is not credited (null: credited by some rule). */
export interface RowStatus {
  table: TableData;
  /**
   * The day that places each row in a reconciliation period: the earliest of the dates the table's
   * credit rules give it (independent of the rules' names; NaN: no date).
   */
  day: Float64Array;
  credited: Uint8Array;
  reason: (UncreditedReason | null)[];
  detail: (string | null)[];
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
  return new PersonPeriod("", -1, 0, engine.periods[0] ?? { id: "", grain: "month", start: 0, end: 0, startMonth: 0, months: 1 });
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
  const dateCols = source.ir.columns.filter((c) => c.type === "date");
  const datedName = rule.dated ?? (dateCols.length === 1 ? dateCols[0].name : null);
  const dated = datedName ? (source.columns.get(datedName) ?? null) : null;
  const days = dated && dated.kind === "date" ? dated.days : null;

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
    status = {
      table: source,
      day: new Float64Array(source.rowCount).fill(NaN),
      credited: new Uint8Array(source.rowCount),
      reason: new Array(source.rowCount).fill(null),
      detail: new Array(source.rowCount).fill(null),
    };
    run.rows.set(source.name, status);
  }
  if (days) {
    const rowDay = status.day;
    for (let r = 0; r < source.rowCount; r++) {
      const d = days[r];
      if (d === d && !(rowDay[r] <= d)) rowDay[r] = d;
    }
  }

  const set: CreditSet = {
    name: rule.name,
    rule,
    source,
    joinTable,
    binding: relationBinding(rule.name, source, joinTable, days),
    src: [],
    join: [],
    person: [],
    share: [],
    hasShares: split !== null,
    allOne: true,
    period: [],
    groups: new Map(),
    keyOf: () => "",
  };
  const P = engine.periods.length;
  const fail = (row: number, reason: UncreditedReason, detail: string): void => {
    // Several rules may fail on a row: the most telling reason wins, whatever the rules are named.
    if (status!.credited[row]) return;
    const current = status!.reason[row];
    if (current !== null && REASON_PRIORITY.indexOf(current) <= REASON_PRIORITY.indexOf(reason)) return;
    status!.reason[row] = reason;
    status!.detail[row] = detail;
  };
  const pendingPersons: number[] = [];
  const pendingJoins: number[] = [];
  const pendingShares: (Dec | null)[] = [];
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
    let share: Dec | null = null;
    if (split) {
      const s = split(env);
      if (!isDec(s)) return noteFailure("split-not-100", `no share for '${p}'`);
      share = s;
    }
    // A person is credited once per row and rule: overlapping join rows must not pay a sale twice
    // (mirror credit); with split, the shares of the same person add up.
    const already = pendingPersons.indexOf(personRow);
    if (already >= 0) {
      if (share !== null) pendingShares[already] = (pendingShares[already] ?? ZERO).plus(share);
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
    pendingPersons.push(personRow);
    pendingJoins.push(joinRow);
    pendingShares.push(share);
  };

  for (let row = 0; row < source.rowCount; row++) {
    const day = days ? days[row] : NaN;
    const periodIndex = day === day ? engine.periodIndexOfDay(day) : -1;
    if (periodIndex < 0) {
      fail(row, "outside-plan", day === day ? `dated ${new Date(day * 86400000).toISOString().slice(0, 10)}, outside ${engine.ir.plan.effective.from} .. ${engine.ir.plan.effective.to}` : "no date");
      continue;
    }
    env.src = row;
    pendingPersons.length = 0;
    pendingJoins.length = 0;
    pendingShares.length = 0;
    failure.reason = null;
    if (joinTable) {
      const list = candidates(env);
      for (let k = 0; k < list.length; k++) consider(list[k]);
      if (pendingPersons.length === 0 && failure.reason === null) {
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
      const total = pendingShares.reduce<Dec>((s, x) => s.plus(x ?? ZERO), ZERO);
      if (!total.eq(ONE)) {
        fail(row, "split-not-100", `shares add up to ${decText(total.times(100))}%`);
        continue;
      }
    } else if (pendingPersons.length === 0) {
      fail(row, failure.reason ?? "no-person", failure.reason ? failure.detail : "the credited person is empty");
      continue;
    }
    status.credited[row] = 1;
    status.reason[row] = null;
    status.detail[row] = null;
    for (let k = 0; k < pendingPersons.length; k++) {
      const share = pendingShares[k];
      const entry = set.src.length;
      set.src.push(row);
      set.join.push(pendingJoins[k]);
      set.person.push(pendingPersons[k]);
      if (split) {
        set.share.push(share);
        if (share !== null && !share.eq(ONE)) set.allOne = false;
      }
      set.period.push(periodIndex);
      const key = pendingPersons[k] * P + periodIndex;
      let g = set.groups.get(key);
      if (!g) set.groups.set(key, (g = []));
      g.push(entry);
    }
  }
  const keyOfRow = rowKeyOf(source);
  set.keyOf = (entry) => keyOfRow(set.src[entry]);
  if (engine.traceOn) sortGroups(set);
  run.sets.set(rule.name, set);
}

/**
 * Orders each person-period's credited rows by row key: traces list keys in that order whatever the
 * order of the input file, and each aggregate's sort of its keys then runs on sorted input.
 */
function sortGroups(set: CreditSet): void {
  for (const group of set.groups.values()) {
    if (group.length < 2) continue;
    const keys = new Map(group.map((entry) => [entry, set.keyOf(entry)]));
    group.sort((a, b) => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
  }
}

/** A credit rule's relation: its own name reads the source then the joined columns. */
function relationBinding(name: string, source: TableData, joinTable: TableData | null, days: number[] | null): RowBinding {
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
  const set: CreditSet = {
    ...base,
    name: rule.name,
    rule,
    binding: { tables, date: base.binding.date },
    src: [],
    join: [],
    person: [],
    share: [],
    period: [],
    groups: new Map(),
  };
  const P = engine.periods.length;
  // A manager is credited once per source row: two reports credited the same (mirrored) row
  // must not count it twice for the team; split shares of the same row add up.
  const byManagerRow = new Map<number, number>();
  const rows = base.source.rowCount;
  for (let e = 0; e < base.src.length; e++) {
    let m = engine.managerRow[base.person[e]];
    const seen = new Set<number>([base.person[e]]);
    for (let level = 1; level <= depth && m !== undefined && m >= 0 && !seen.has(m); level++) {
      seen.add(m);
      const pairKey = m * rows + base.src[e];
      const earlier = byManagerRow.get(pairKey);
      if (earlier !== undefined) {
        if (base.hasShares) {
          const a = set.share[earlier];
          const b = base.share[e];
          set.share[earlier] = a === null || b === null ? null : a.plus(b);
        }
        m = engine.managerRow[m];
        continue;
      }
      byManagerRow.set(pairKey, set.src.length);
      const entry = set.src.length;
      set.src.push(base.src[e]);
      set.join.push(base.join[e]);
      set.person.push(m);
      if (base.hasShares) set.share.push(base.share[e]);
      set.period.push(base.period[e]);
      const key = m * P + base.period[e];
      let g = set.groups.get(key);
      if (!g) set.groups.set(key, (g = []));
      g.push(entry);
      m = engine.managerRow[m];
    }
  }
  const keyOfRow = rowKeyOf(base.source);
  set.keyOf = (entry) => keyOfRow(set.src[entry]);
  if (engine.traceOn) sortGroups(set);
  return set;
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
const REASON_PRIORITY: UncreditedReason[] = ["unknown-person", "split-not-100", "no-person", "no-match", "outside-plan"];

/** The period id of a source row for reconciliation (any period, even outside the plan). */
export function reconciliationPeriod(engine: Engine, status: RowStatus, row: number): string {
  const day = status.day[row];
  return day === day ? periodOfDay(engine.ir.plan.grain, day).id : "none";
}
