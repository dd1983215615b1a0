import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { compile, formatDiagnostic, sortDiagnostics } from "@carrot/compiler";
import type { PlanIR } from "@carrot/ir";
import { diffPlans, impactOnData, renderDiff, selectPeriods, type DiffFormat } from "@carrot/review";
import { loadDataDir } from "@carrot/runtime/node";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { workspaceRoot } from "../files.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Io } from "../io.js";

/** Where a plan's files come from: the file system, or a git revision (`main:plans/x.carrot`). */
export interface PlanSource {
  root: string;
  /** Absolute path of the entry file (inside `root`, also for a git revision). */
  entry: string;
  readFile(abs: string): string | undefined;
  /** How a workspace-relative path is shown in diagnostics (`main:plans/x.carrot` for a revision). */
  display(relPath: string): string;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 30 });
  } catch {
    return undefined;
  }
}

/**
 * A plan argument: an existing file, else `REV:PATH` read with `git show` (PATH from the repository
 * top, or `./`-relative to the current folder, as git reads it). Imports resolve in the same revision.
 */
export function resolvePlanSource(spec: string, cwd: string): PlanSource | { error: string } {
  const abs = resolve(cwd, spec);
  if (existsSync(abs) && statSync(abs).isFile()) {
    const root = workspaceRoot(abs);
    return {
      root,
      entry: abs,
      readFile: (p) => (existsSync(p) && statSync(p).isFile() ? readFileSync(p, "utf8") : undefined),
      display: (relPath) => relative(cwd, resolve(root, relPath)).split(sep).join("/"),
    };
  }
  const m = /^([^:]+):(.+)$/.exec(spec);
  if (!m) return { error: `no such plan file: ${spec}` };
  const [, rev, path] = m as unknown as [string, string, string];
  const top = git(cwd, ["rev-parse", "--show-toplevel"])?.trim();
  if (!top) return { error: `${spec}: not a file, and ${cwd} is not inside a git repository` };
  const rel = path.startsWith("./") || path.startsWith("../") ? relative(top, resolve(cwd, path)).split(sep).join("/") : path;
  const read = (relPath: string): string | undefined => git(top, ["show", `${rev}:${relPath}`]);
  if (read(rel) === undefined) return { error: `git show ${rev}:${rel} failed: no such revision or file` };
  return {
    root: top,
    entry: resolve(top, rel),
    readFile: (p) => {
      const r = relative(top, p);
      return r.startsWith("..") || isAbsolute(r) ? undefined : read(r.split(sep).join("/"));
    },
    display: (relPath) => `${rev}:${relPath}`,
  };
}

/** Compiles a plan source; prints its diagnostics to stderr; the IR, or undefined when it has errors. */
export function compilePlanSource(source: PlanSource, io: Io): PlanIR | undefined {
  const result = compile({ root: source.root, entry: source.entry, readFile: source.readFile });
  for (const d of sortDiagnostics(result.diagnostics)) {
    const text = source.readFile(d.uri) ?? "";
    io.stderr.write(formatDiagnostic(d, text, source.display(relative(source.root, d.uri).split(sep).join("/"))) + "\n");
  }
  return result.ir;
}

const FORMATS: readonly DiffFormat[] = ["table", "markdown", "json"];

const USAGE = `usage: carrot diff <old> <new> [--data DIR] [--period P | --from D --to D] [--format table|markdown|json] [--movers N]

Compares two versions of a plan by meaning, not by text: declarations added, removed, renamed and
changed, rate tables, tiers, matrices, curves and dimensions row by row. Each version is a file or a
git revision (main:plans/x.carrot). Formatting-only edits and moved declarations show "no semantic
change".

With --data, both versions run on the data folder and the payout impact is shown: per person and
component before, after and delta, the biggest movers, totals by component and by region.

  --format F     table (default, for a terminal), markdown (a pull-request comment) or json
  --data DIR     a data folder (one <table>.csv per input table)
  --period P     periods to run (2026-Q1 or 2026-Q1,2026-Q2); or --from/--to (periods or dates)
  --movers N     how many biggest movers to list (default 10)`;

export const diffCommand: Command = {
  name: "diff",
  summary: "semantic diff of two plan versions, with the payout impact on data",
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const args = parseArgs(argv, { values: ["data", "period", "from", "to", "format", "movers"] });
    if (args.positionals.length !== 2) throw new UsageError("give the old and the new plan");
    const format = (args.options.get("format") ?? "table") as DiffFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
    const movers = Number(args.options.get("movers") ?? "10");
    if (!Number.isInteger(movers) || movers < 0) throw new UsageError("--movers must be a whole number");
    const irs: PlanIR[] = [];
    for (const spec of args.positionals) {
      const source = resolvePlanSource(spec, io.cwd);
      if ("error" in source) {
        io.stderr.write(`carrot diff: ${source.error}\n`);
        return EXIT_USAGE;
      }
      const ir = compilePlanSource(source, io);
      if (!ir) return EXIT_FAILURE;
      irs.push(ir);
    }
    const [before, after] = irs as [PlanIR, PlanIR];
    const diff = diffPlans(before, after);
    let impact = null;
    const dataDir = args.options.get("data");
    if (dataDir !== undefined) {
      const dir = resolve(io.cwd, dataDir);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        io.stderr.write(`carrot diff: no such data folder: ${dataDir}\n`);
        return EXIT_USAGE;
      }
      const selection = selectPeriods(after, {
        period: args.options.get("period"),
        from: args.options.get("from"),
        to: args.options.get("to"),
      });
      if ("error" in selection) throw new UsageError(selection.error);
      // Streamed from disk: large data folders never sit in memory as text.
      impact = await impactOnData(before, after, (ir) => loadDataDir(ir, dir), selection.run, movers);
    } else if (["period", "from", "to"].some((o) => args.options.has(o))) {
      throw new UsageError("--period, --from and --to need --data");
    }
    io.stdout.write(renderDiff({ diff, impact }, format));
    return EXIT_OK;
  },
};
