import { canonicalJson, serializeIr, type PlanIR } from "@carrot/ir";
import { loadDataset, writeJson, type Dataset, type RunResult } from "@carrot/runtime";
import { loadDataFiles } from "@carrot/runtime/node";
import { readAcceptances } from "../acceptance/chain.js";
import { writeBundle, type BundleSink, type Bytes, type Producer, type RunOptions, type WriteOutcome } from "../audit/bundle.js";
import { ACCEPTANCE_FILE, isOnDisk, type RecomputeRequest, type Recomputed } from "../audit/verify.js";
import { payoutImpact, type PayoutImpact } from "../diff/impact.js";
import { levelColumn, peopleInfo, regionColumn } from "../people.js";
import { buildReport, type ReportModel } from "../report/model.js";
import { csvTexts } from "./files.js";
import { evaluateRun, latestDataDate } from "./run.js";

/**
 * Where data comes from: files in memory (`sales.csv` → bytes), or a loader such as the runtime's
 * streaming `loadDataDir`, which keeps large folders out of memory as text.
 */
export type DataSource = Map<string, Bytes> | ((ir: PlanIR) => Dataset | Promise<Dataset>);

export async function loadFrom(ir: PlanIR, source: DataSource): Promise<Dataset> {
  return source instanceof Map ? loadDataset(ir, csvTexts(source)) : source(ir);
}

async function runOn(ir: PlanIR, source: DataSource, run: RunOptions): Promise<{ dataset: Dataset; result: RunResult }> {
  const dataset = await loadFrom(ir, source);
  return { dataset, result: evaluateRun(ir, dataset, run) };
}

/** Both plan versions run on the same data; people (names, regions) from the new version's load. */
export async function impactOnData(before: PlanIR, after: PlanIR, data: DataSource, run: RunOptions, movers = 10): Promise<PayoutImpact> {
  const a = await runOn(before, data, run);
  const b = await runOn(after, data, run);
  const region = regionColumn(after);
  const impact = payoutImpact(a.result, b.result, peopleInfo(after, b.dataset), { regionColumn: region, scale: after.plan.rounding.scale, movers });
  for (const [label, r] of [["old", a.result], ["new", b.result]] as const) {
    const errors = r.diagnostics.filter((d) => d.severity === "error").length;
    if (!r.complete || errors > 0) {
      impact.dataNotes.push(
        `the ${label} plan's run is incomplete: ${errors} data error${errors === 1 ? "" : "s"}, ${r.diagnostics.length - errors} warning${r.diagnostics.length - errors === 1 ? "" : "s"} (\`carrot run\` with the same --data lists them)`,
      );
    }
  }
  return impact;
}

export async function reportOnData(
  ir: PlanIR,
  data: DataSource,
  run: RunOptions,
  options: { toDate: string | null; acceptances: { file: string; text: string | null } },
): Promise<{ model: ReportModel; result: RunResult }> {
  const { dataset, result } = await runOn(ir, data, run);
  const latest = latestDataDate(ir, dataset);
  const asOf = latest !== null && options.toDate !== null ? (latest < options.toDate ? latest : options.toDate) : (latest ?? options.toDate);
  const model = buildReport({
    ir,
    result,
    people: peopleInfo(ir, dataset),
    acceptance: { file: options.acceptances.file, log: readAcceptances(options.acceptances.text ?? "") },
    asOf,
    regionColumn: regionColumn(ir),
    levelColumn: levelColumn(ir),
  });
  return { model, result };
}

/**
 * What an audit records of a run: the result with traces (`toJson`'s bytes, streamed: the traced
 * result of a large run is longer than one string) and the reconciliation, canonical JSON.
 */
export function auditFigures(ir: PlanIR, data: Map<string, Bytes>, run: RunOptions): { resultJson: Producer; reconciliationJson: string } {
  return figuresOf(evaluateRun(ir, loadDataset(ir, csvTexts(data)), run));
}

/** `auditFigures` from any data source (a loader such as `loadDataFiles` streams the files). */
export async function auditFiguresFrom(ir: PlanIR, data: DataSource, run: RunOptions): Promise<{ resultJson: Producer; reconciliationJson: string }> {
  return figuresOf(evaluateRun(ir, await loadFrom(ir, data), run));
}

function figuresOf(result: RunResult): { resultJson: Producer; reconciliationJson: string } {
  return { resultJson: (write) => writeJson(result, write), reconciliationJson: canonicalJson({ reconciliation: result.reconciliation }, true) };
}

/** Runs the plan on the data and writes the audit bundle to `sink` (`buildBundle` for one in memory, `treeSink` for a folder). */
export function auditBundle(
  input: {
    ir: PlanIR;
    tool: { name: string; version: string };
    planSources: Map<string, Bytes>;
    entry: string;
    data: Map<string, Bytes>;
    run: RunOptions;
  },
  sink: BundleSink,
): WriteOutcome {
  const figures = auditFigures(input.ir, input.data, input.run);
  return writeBundle(
    {
      tool: input.tool,
      plan: { name: input.ir.plan.name, version: input.ir.plan.version, hash: input.ir.hash },
      planSources: input.planSources,
      entry: input.entry,
      irJson: serializeIr(input.ir),
      inputs: input.data,
      run: input.run,
      ...figures,
    },
    sink,
  );
}

/**
 * The recomputation of `verifyBundle`, given a compiler: compile the bundle's plan copies (the
 * review does not depend on the compiler; the CLI passes it), then run on the bundle's inputs:
 * from their bytes for a bundle in memory; for a folder, loaded as `carrot run` loads a data folder
 * (`loadDataFiles`, the files streamed in slices, never held whole).
 */
export function recomputeWith(
  compile: (sources: Map<string, Bytes>, entry: string) => { ir: PlanIR | undefined; errors: string[] },
): (request: RecomputeRequest) => Promise<Recomputed> {
  return async (request) => {
    const compiled = compile(request.planSources, request.entry);
    if (!compiled.ir) {
      return { kind: "error", message: `the bundle's plan does not compile: ${compiled.errors.slice(0, 3).join("; ") || "no IR"}` };
    }
    const inputs = [...request.inputs].filter(([name]) => name !== ACCEPTANCE_FILE);
    const inMemory = new Map<string, Bytes>();
    const onDisk: string[] = [];
    for (const [name, file] of inputs) {
      if (!isOnDisk(file)) inMemory.set(name, file);
      // A file in a subfolder of inputs/ (never written by an audit, so already a failed check) is not read as a table.
      else if (!name.includes("/") && name.toLowerCase().endsWith(".csv")) onDisk.push(file.onDisk);
    }
    if (inMemory.size > 0 && onDisk.length > 0) return { kind: "error", message: "the bundle's inputs are partly in memory, partly on disk" };
    const data: DataSource = onDisk.length > 0 ? (ir) => loadDataFiles(ir, onDisk) : inMemory;
    const figures = await auditFiguresFrom(compiled.ir, data, request.run);
    return { kind: "ok", planHash: compiled.ir.hash, irJson: serializeIr(compiled.ir), ...figures };
  };
}
