import { Dec } from "../decimal.js";
import type { LineStatus, LineTrace, ResultLine } from "../result/types.js";
import { LazyResultLine, type TraceSource } from "./lazy-trace.js";

const STATUSES: readonly LineStatus[] = ["paid", "gated", "capped", "floored", "negative-floored", "held"];
const STATUS_CODE = new Map(STATUSES.map((s, i) => [s, i]));

/**
 * The result lines of a run as columns, made into `ResultLine` objects when first read. A run
 * keeps, per line, its person row, period index, place in the compute order (`at`), status and
 * amount (the memoised `Dec`'s scaled integer); the objects, their amount texts and (traced) their trace keys are
 * made by `materialize`, in the result's order. A service that reads only totals never pays for
 * 309,900 line objects in the 1M bench; one that reads `lines` gets the lines the run built
 * before they were columns, byte for byte (the examples' committed outputs and the conformance
 * cases pin them; `line-columns.test.ts` pins the accessor and amounts without an integer form).
 */
export class LineColumns {
  private rows: Int32Array;
  private periods: Int32Array;
  private ats: Int32Array;
  private statuses: Uint8Array;
  /** The amounts as scaled integers (`Dec.i`, `Dec.s`): no Dec object kept alive per line. */
  private ints: Float64Array;
  private scales: Int8Array;
  /** Amounts without an integer form (or with a scale beyond Int8), by line. */
  private readonly bigs = new Map<number, Dec>();
  /** Each line's trace, kept only when the engine traced during the run (eager traces: tests). */
  private readonly traces: LineTrace[] | null;
  length = 0;

  constructor(capacity: number, eagerTraces: boolean) {
    this.rows = new Int32Array(Math.max(16, capacity));
    this.periods = new Int32Array(this.rows.length);
    this.ats = new Int32Array(this.rows.length);
    this.statuses = new Uint8Array(this.rows.length);
    this.ints = new Float64Array(this.rows.length);
    this.scales = new Int8Array(this.rows.length);
    this.traces = eagerTraces ? [] : null;
  }

  push(row: number, periodIndex: number, at: number, status: LineStatus, amount: Dec, trace: LineTrace): void {
    const n = this.length;
    if (n === this.rows.length) this.grow();
    this.rows[n] = row;
    this.periods[n] = periodIndex;
    this.ats[n] = at;
    this.statuses[n] = status === "paid" ? 0 : STATUS_CODE.get(status)!;
    if (amount.big === null && amount.s <= 127) {
      this.ints[n] = amount.i;
      this.scales[n] = amount.s;
    } else this.bigs.set(n, amount);
    if (this.traces !== null) this.traces.push(trace);
    this.length = n + 1;
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const widen = <A extends Int32Array | Uint8Array | Int8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.rows = widen(this.rows, (n) => new Int32Array(n));
    this.periods = widen(this.periods, (n) => new Int32Array(n));
    this.ats = widen(this.ats, (n) => new Int32Array(n));
    this.statuses = widen(this.statuses, (n) => new Uint8Array(n));
    this.ints = widen(this.ints, (n) => new Float64Array(n));
    this.scales = widen(this.scales, (n) => new Int8Array(n));
  }

  /**
   * The lines `from` (inclusive) `to` (exclusive) as objects appended to `out`. `untraced[at]` is
   * the shared trace of an untraced line; with `source`, lines compute their trace when read.
   */
  materialize(out: ResultLine[], from: number, to: number, names: LineNames, source: TraceSource | null): void {
    for (let k = from; k < to; k++) {
      const row = this.rows[k];
      const periodIndex = this.periods[k];
      const at = this.ats[k];
      const person = names.personIds[row];
      const period = names.periodIds[periodIndex];
      const component = names.components[at];
      const member = names.members[at];
      const big = this.bigs.size > 0 ? this.bigs.get(k) : undefined;
      const amount = names.amountText(big ?? new Dec(this.ints[k], this.scales[k], null));
      const status = STATUSES[this.statuses[k]];
      out.push(
        source
          ? new LazyResultLine(person, period, component, member, amount, status, source, source.key(row, periodIndex, at))
          : { person, period, component, member, amount, status, trace: this.traces ? this.traces[k] : names.untraced[at] },
      );
    }
  }
}

/** What a line's fields are made from: names by person row, period index and compute-order place. */
export interface LineNames {
  personIds: readonly string[];
  periodIds: readonly string[];
  components: readonly string[];
  members: readonly (string | null)[];
  untraced: readonly LineTrace[];
  amountText: (amount: Dec) => string;
}

/**
 * Makes `key` of `target` (already an own property, so the key order stays) an accessor that
 * computes the value on its first read and then becomes a plain data property holding it.
 * Assigning the key replaces the accessor too. Enumerable: `JSON.stringify`, object spread and
 * `structuredClone` see the value as they would a data property.
 */
export function defineLazy<T extends object, K extends keyof T & string>(target: T, key: K, make: () => T[K]): void {
  let made = false;
  let value: T[K] | undefined;
  const settle = (self: T, v: T[K]): void => {
    value = v;
    made = true;
    // A frozen or sealed result keeps the accessor (and the value in it).
    if (Object.getOwnPropertyDescriptor(self, key)?.configurable) {
      Object.defineProperty(self, key, { value: v, writable: true, enumerable: true, configurable: true });
    }
  };
  Object.defineProperty(target, key, {
    get(this: T): T[K] {
      if (!made) settle(this, make());
      return value as T[K];
    },
    set(this: T, v: T[K]): void {
      settle(this, v);
    },
    enumerable: true,
    configurable: true,
  });
}
