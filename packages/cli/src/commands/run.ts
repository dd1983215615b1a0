import { evaluate, explain, toCsv, toTable, writeJson, type RunResult } from "@carrot/runtime";
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs, UsageError, type ParsedArgs } from "../args.js";
import type { Command } from "../command.js";
import { displayPath } from "../files.js";
import { EXIT_FAILURE, EXIT_OK, type Io } from "../io.js";
import { loadData, loadPlan, printDataDiagnostics } from "../plan.js";
import { Progress } from "../progress.js";

const usage = `usage: carrot run <plan.carrot | plan.ir.json> --data <folder or files>
                  [--period 2026-Q1 | --from 2026-01-01 --to 2026-06-30]
                  [--format table|json|csv] [--out file] [--statements folder]

Evaluates the plan on the data (one CSV per input table, named after the table) and prints the
result lines, totals and the reconciliation (every row credited or listed as uncredited with its
reason). JSON output is canonical: the same plan and data give the same bytes, whatever the row
order. --statements writes one statement per person and period (a readable derivation).
Exit 1 when the plan does not compile or the data has errors (rows quarantined).`;

export const RUN_OPTIONS = { values: ["data", "period", "from", "to", "format", "out", "statements"], aliases: { o: "out" } } as const;

/** Compile, load and evaluate: the steps `run`, `explain` and the review commands share. */
export async function runPlan(
  args: ParsedArgs,
  io: Io,
): Promise<{ result: RunResult; planPath: string; dataErrors: number } | undefined> {
  if (args.positionals.length !== 1) throw new UsageError("give exactly one plan file");
  const data = args.options.get("data");
  if (!data) throw new UsageError("--data is required (a folder with one CSV per input table)");
  const period = args.options.get("period");
  const from = args.options.get("from");
  const to = args.options.get("to");
  if (period && (from || to)) throw new UsageError("give --period or --from/--to, not both");

  const progress = new Progress(io);
  progress.phase("compiling");
  const plan = loadPlan(args.positionals[0]!, io);
  if (!plan) return progress.done(), undefined;
  progress.phase("loading data");
  let dataset;
  try {
    dataset = await loadData(plan.ir, data, io, { onProgress: (read, total) => progress.bar(read, total) });
  } catch (error) {
    progress.done();
    io.stderr.write(`carrot: cannot read data ${data}: ${(error as Error).message}\n`);
    return undefined;
  }
  progress.phase("evaluating");
  const result = evaluate(plan.ir, dataset, {
    ...(period ? { periods: [period] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  progress.done();
  const dataErrors = printDataDiagnostics(result.diagnostics, io);
  return { result, planPath: plan.path, dataErrors };
}

export const runCommand: Command = {
  name: "run",
  summary: "evaluate a plan on data: payouts, totals, reconciliation",
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, RUN_OPTIONS);
    const format = args.options.get("format") ?? "table";
    if (!["table", "json", "csv"].includes(format)) throw new UsageError(`--format must be table, json or csv, not '${format}'`);
    const ran = await runPlan(args, io);
    if (!ran) return EXIT_FAILURE;
    const { result } = ran;
    const out = args.options.get("out");
    const abs = out ? resolve(io.cwd, out) : null;
    if (format === "json") {
      // Streamed: a traced result of millions of rows is longer than a string can be.
      if (abs) {
        const fd = openSync(abs, "w");
        try {
          writeJson(result, (chunk) => writeSync(fd, chunk));
        } finally {
          closeSync(fd);
        }
      } else writeJson(result, (chunk) => io.stdout.write(chunk));
    } else {
      const text = format === "csv" ? toCsv(result) : toTable(result);
      if (abs) writeFileSync(abs, text);
      else io.stdout.write(text);
    }
    if (abs) io.stderr.write(`wrote ${displayPath(abs, io.cwd)}\n`);
    const statements = args.options.get("statements");
    if (statements) {
      const dir = resolve(io.cwd, statements);
      const count = writeStatements(result, dir);
      io.stderr.write(`wrote ${count} statement${count === 1 ? "" : "s"} to ${displayPath(dir, io.cwd)}/\n`);
    }
    if (!result.complete) {
      io.stderr.write("carrot run: the data has errors; the figures above leave out the quarantined rows\n");
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
};

/** One text statement per person: every period's derivation, as `carrot explain` prints it. */
function writeStatements(result: RunResult, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const people = [...new Set(result.totals.map((t) => t.person))].sort();
  for (const person of people) {
    const parts = result.periods
      .filter((period) => result.totals.some((t) => t.person === person && t.period === period))
      .map((period) => explain(result, { person, period }));
    writeFileSync(join(dir, `${fileNameFor(person)}.txt`), `${result.plan.name} (${result.plan.version})\nStatement for ${person}\n\n${parts.join("\n")}`);
  }
  return people.length;
}

/** A file name for an id from data: readable when safe, else made unique with a short hash. */
export function fileNameFor(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  if (safe === id && safe.length > 0) return safe;
  return `${safe.slice(0, 40)}-${createHash("sha256").update(id).digest("hex").slice(0, 8)}`;
}
