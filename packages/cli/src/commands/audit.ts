import { existsSync, readFileSync, statSync, appendFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { compile } from "@carrot/compiler";
import {
  ACCEPTANCE_FILE,
  BUNDLE_SIGNATURE,
  appendAcceptance,
  auditBundle,
  isSafeRelativePath,
  peopleInfo,
  folderBundle,
  readDataFolder,
  recomputeWith,
  renderVerifyReport,
  selectPeriods,
  treeSink,
  verifyBundle,
  PLAN_DIR,
  type Bytes,
} from "@carrot/review";
import { loadDataDir } from "@carrot/runtime/node";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Io } from "../io.js";
import { VERSION } from "../version.js";
import { workspaceRoot } from "../files.js";
import { loadPlan } from "../plan.js";

const USAGE = `usage: carrot audit PLAN --data DIR --out BUNDLE_DIR [--period P | --from D --to D]
       carrot audit --verify BUNDLE_DIR

Writes an audit bundle: the plan's source files and IR (with its hash), a copy and the SHA-256 of
every input file (and ${ACCEPTANCE_FILE}), every result line with its trace, the reconciliation, the
tool version and a manifest with the SHA-256 of every bundle file. No timestamps: the same inputs
give a byte-identical bundle.

--verify recompiles the bundle's own copy of the plan, re-runs it on the bundle's own inputs, and
checks the results, the reconciliation, the acceptance chain and every hash of the manifest. Exit
status 1 when anything differs.`;

function text(bytes: Bytes): string {
  return typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
}

async function verify(dirArg: string, io: Io): Promise<number> {
  const dir = resolve(io.cwd, dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    io.stderr.write(`carrot audit: no such bundle folder: ${dirArg}\n`);
    return EXIT_USAGE;
  }
  // The bundle's plan folder is its own workspace root, so source paths (and traces) match the original run.
  const root = join(dir, ...PLAN_DIR.split("/").filter(Boolean));
  const recompute = recomputeWith((sources, entry) => {
    const result = compile({
      root,
      entry: join(root, ...entry.split("/")),
      readFile: (abs) => {
        const rel = relative(root, abs).split(sep).join("/");
        const bytes = sources.get(rel);
        return bytes === undefined ? undefined : text(bytes);
      },
    });
    return { ir: result.ir, errors: result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`) };
  });
  // The bundle is read from the folder as it is checked: hashed in slices, results.json compared as it streams.
  const report = await verifyBundle(folderBundle(dir), recompute);
  (report.ok ? io.stdout : io.stderr).write(renderVerifyReport(report));
  return report.ok ? EXIT_OK : EXIT_FAILURE;
}

export const auditCommand: Command = {
  name: "audit",
  summary: "write a reproducible audit bundle, or verify one (--verify)",
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const args = parseArgs(argv, { values: ["data", "out", "period", "from", "to"], flags: ["verify"] });
    if (args.flags.has("verify")) {
      if (args.positionals.length !== 1 || args.options.size > 0) throw new UsageError("--verify takes one bundle folder and no other option");
      return verify(args.positionals[0]!, io);
    }
    if (args.positionals.length !== 1) throw new UsageError("give one plan file");
    const dataDir = args.options.get("data");
    const out = args.options.get("out");
    if (!dataDir || !out) throw new UsageError("--data and --out are required");
    const dir = resolve(io.cwd, dataDir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      io.stderr.write(`carrot audit: no such data folder: ${dataDir}\n`);
      return EXIT_USAGE;
    }
    const plan = loadPlan(args.positionals[0]!, io);
    if (!plan) return EXIT_FAILURE;
    const ir = plan.ir;
    if (plan.sources.size === 0) {
      io.stderr.write("carrot audit: an audit needs the plan's source files, not a built IR\n");
      return EXIT_USAGE;
    }
    const selection = selectPeriods(ir, { period: args.options.get("period"), from: args.options.get("from"), to: args.options.get("to") });
    if ("error" in selection) throw new UsageError(selection.error);
    // The plan exactly as compiled: the texts the compiler read, by workspace-relative path (as in the source map).
    const root = workspaceRoot(plan.path);
    const planSources = new Map<string, Bytes>();
    for (const [abs, content] of plan.sources) {
      const rel = relative(root, abs).split(sep).join("/");
      if (!isSafeRelativePath(rel)) {
        io.stderr.write(`carrot audit: cannot bundle the plan file ${abs}\n`);
        return EXIT_FAILURE;
      }
      planSources.set(rel, content);
    }
    const entry = relative(root, plan.path).split(sep).join("/");
    // The folder is checked first and written as the results stream (they may be longer than one string).
    const target = treeSink(resolve(io.cwd, out), BUNDLE_SIGNATURE);
    if (!target.ok) {
      io.stderr.write(`carrot audit: ${target.message}\n`);
      return EXIT_USAGE;
    }
    const bundle = auditBundle({ ir, tool: { name: "carrot", version: VERSION }, planSources, entry, data: readDataFolder(dir), run: selection.run }, target.sink);
    if (bundle.kind === "error") {
      io.stderr.write(`carrot audit: ${bundle.message}\n`);
      return EXIT_FAILURE;
    }
    io.stdout.write(`audit bundle of ${ir.plan.name} ${ir.plan.version} (${ir.hash}): ${bundle.files} files in ${out}\n`);
    return EXIT_OK;
  },
};

const ACCEPT_USAGE = `usage: carrot accept PLAN --person ID [--at DATE] [--data DIR | --file FILE]

Records that a person accepted this version of the plan (its IR hash) in the append-only acceptance
file (default DIR/${ACCEPTANCE_FILE}, or ./${ACCEPTANCE_FILE}). Each record carries the SHA-256 of
the previous one, so an edited or removed record is detected. --at defaults to today (UTC).`;

export const acceptCommand: Command = {
  name: "accept",
  summary: "record a person's acceptance of a plan version (hash-chained)",
  usage: ACCEPT_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const args = parseArgs(argv, { values: ["person", "at", "data", "file"] });
    if (args.positionals.length !== 1) throw new UsageError("give one plan file");
    const person = args.options.get("person");
    if (!person) throw new UsageError("--person is required");
    if (args.options.has("data") && args.options.has("file")) throw new UsageError("give --data or --file, not both");
    const file = args.options.has("file")
      ? resolve(io.cwd, args.options.get("file")!)
      : join(resolve(io.cwd, args.options.get("data") ?? "."), ACCEPTANCE_FILE);
    const plan = loadPlan(args.positionals[0]!, io);
    if (!plan) return EXIT_FAILURE;
    const ir = plan.ir;
    if (args.options.has("data")) {
      // A typo in an id must not record an acceptance nobody can match to a statement.
      const people = peopleInfo(ir, await loadDataDir(ir, resolve(io.cwd, args.options.get("data")!)));
      if (!people.has(person)) {
        io.stderr.write(`carrot accept: '${person}' is not in the people table of ${args.options.get("data")}\n`);
        return EXIT_FAILURE;
      }
    }
    const at = args.options.get("at") ?? new Date().toISOString().slice(0, 10);
    const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
    const outcome = appendAcceptance(existing, { person, plan: { name: ir.plan.name, version: ir.plan.version, hash: ir.hash }, at });
    switch (outcome.kind) {
      case "refused":
        io.stderr.write(`carrot accept: ${outcome.message}\n`);
        return EXIT_FAILURE;
      case "already-accepted":
        io.stdout.write(`${person} already accepted ${ir.hash} on ${outcome.record.at}\n`);
        return EXIT_OK;
      case "appended":
        if (existing === "") writeFileSync(file, outcome.text);
        else appendFileSync(file, outcome.text);
        io.stdout.write(`${person} accepted ${ir.plan.name} ${ir.plan.version} (${ir.hash}) on ${at}\n`);
        return EXIT_OK;
    }
  },
};
