/**
 * Two-input payout matrices (docs/language.md §3 `matrix`): the cell of the row band the first
 * input reaches and the column band the second reaches. Each axis follows the tier band rules of
 * the matrix's `boundary`; an input below the first band or in a gap matches no band, and the
 * matrix then gives no value, like a tier table.
 */
import type { MatrixBandIR, MatrixExpr, MatrixIR } from "@carrot/ir";
import { Dec, decText } from "../decimal.js";
import type { TraceStep } from "../result/types.js";
import type { Fn } from "./context.js";
import type { Engine } from "./engine.js";
import { isDec } from "./values.js";

export interface PreparedBand {
  from: Dec;
  to: Dec | null;
  /** The band as the tier trace prints it: `0.9 .. 1.1`, `1.1 .. ` for the open last band. */
  text: string;
}

export interface PreparedMatrix {
  ir: MatrixIR;
  rows: PreparedBand[];
  columns: PreparedBand[];
  cells: Dec[][];
}

function prepareBands(bands: MatrixBandIR[]): PreparedBand[] {
  return bands.map((b) => ({
    from: new Dec(b.from),
    to: b.to === null ? null : new Dec(b.to),
    text: `${b.from} .. ${b.to ?? ""}`,
  }));
}

export function prepareMatrix(ir: MatrixIR): PreparedMatrix {
  return {
    ir,
    rows: prepareBands(ir.rows),
    columns: prepareBands(ir.columns),
    cells: ir.cells.map((row) => row.map((c) => new Dec(c))),
  };
}

/**
 * The index of the band `v` falls in, or -1. `lower`: `[from, to)`, a boundary value belongs to the
 * upper band; `upper`: `(from, to]` (the first band also holds its `from`); `both`: `[from, to]`,
 * gaps allowed.
 */
export function bandIndex(bands: readonly PreparedBand[], boundary: MatrixIR["boundary"], v: Dec): number {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    const aboveFrom = boundary === "upper" && i > 0 ? v.gt(b.from) : v.gte(b.from);
    if (!aboveFrom) continue;
    const belowTo = b.to === null || (boundary === "lower" ? v.lt(b.to) : v.lte(b.to));
    if (belowTo) return i;
  }
  return -1;
}

export interface MatrixResult {
  value: Dec | null;
  row: number;
  column: number;
}

/** The cell of (x, y): no value when either input matches no band (or the IR lacks the cell). */
export function applyMatrix(m: PreparedMatrix, x: Dec, y: Dec): MatrixResult {
  const row = bandIndex(m.rows, m.ir.boundary, x);
  const column = bandIndex(m.columns, m.ir.boundary, y);
  const value = row < 0 || column < 0 ? null : (m.cells[row]?.[column] ?? null);
  return { value, row, column };
}

/** The trace step of one application: inputs, the bands they reached (null: none) and the cell. */
export function matrixStep(m: PreparedMatrix, x: Dec, y: Dec, r: MatrixResult): Extract<TraceStep, { kind: "matrix" }> {
  return {
    kind: "matrix",
    matrix: m.ir.name,
    row: { input: decText(x), band: r.row < 0 ? null : m.rows[r.row]!.text },
    column: { input: decText(y), band: r.column < 0 ? null : m.columns[r.column]!.text },
    value: r.value === null ? null : decText(r.value),
  };
}

/** The engine's compile case for `op: "matrix"`. */
export function compileMatrix(engine: Engine, e: MatrixExpr, scope: Parameters<Engine["compile"]>[1]): Fn {
  const m = engine.index.matrices.get(e.matrix);
  const row = engine.compile(e.row, scope);
  const column = engine.compile(e.column, scope);
  if (!m) {
    return (env) => (engine.report("R0042", `matrix:${e.matrix}`, `unknown matrix '${e.matrix}'`, env.pp, "error"), null);
  }
  return (env) => {
    const x = row(env);
    const y = column(env);
    if (!isDec(x) || !isDec(y)) return null;
    const r = applyMatrix(m, x, y);
    env.trace?.push(matrixStep(m, x, y, r));
    return r.value;
  };
}
