import { runTests, traceLines, type ExpectationOutcome, type TestOutcome } from "@carrot/runtime";
import { parse } from "@carrot/language";
import { readFileSync } from "node:fs";
import { parseArgs } from "../args.js";
import type { Command } from "../command.js";
import { collectCarrotFiles, displayPath } from "../files.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";
import { formatDataDiagnostic, loadPlan } from "../plan.js";

const usage = `usage: carrot test [file or folder]... [--filter TEXT] [--verbose]

Runs the \`test\` blocks of every plan found (default: the current folder). Each test prints
ok or FAIL; a failure shows the expected and actual amounts and the trace of the line. The last
line is "N passed, N failed". Exit 1 when a test fails or a plan does not compile.`;

export const testCommand: Command = {
  name: "test",
  summary: "run the plans' test blocks",
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ["filter"], flags: ["verbose"] });
    const filter = args.options.get("filter");
    let files: string[];
    try {
      files = collectCarrotFiles(args.positionals.length ? args.positionals : ["."], io.cwd);
    } catch (error) {
      io.stderr.write(`carrot test: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    const plans = files.filter(hasPlanHeader);
    let passed = 0;
    let failed = 0;
    for (const file of plans) {
      const shown = displayPath(file, io.cwd);
      const plan = loadPlan(file, io, { quiet: true });
      if (!plan) {
        io.stdout.write(`FAIL ${shown}: the plan does not compile\n`);
        failed++;
        continue;
      }
      const outcomes = runTests(plan.ir).filter((t) => !filter || t.name.includes(filter));
      if (outcomes.length === 0) continue;
      io.stdout.write(`${shown}\n`);
      for (const outcome of outcomes) {
        if (outcome.passed) {
          passed++;
          io.stdout.write(`  ok   ${outcome.name}\n`);
        } else {
          failed++;
          io.stdout.write(`  FAIL ${outcome.name}\n${describeFailure(outcome, Boolean(args.flags.has("verbose")))}`);
        }
      }
    }
    io.stdout.write(`${passed} passed, ${failed} failed\n`);
    return failed > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};

function hasPlanHeader(file: string): boolean {
  try {
    return parse(readFileSync(file, "utf8"), file).file.declarations.some((d) => d.kind === "Plan");
  } catch {
    return false;
  }
}

function describeFailure(outcome: TestOutcome, verbose: boolean): string {
  const out: string[] = [];
  for (const d of outcome.diagnostics) out.push(`       ${formatDataDiagnostic(d)}`);
  for (const e of outcome.expectations) {
    if (e.passed && !verbose) continue;
    out.push(`       ${e.passed ? "ok  " : "FAIL"} expect ${target(e)} for ${e.person} in ${outcome.period}`);
    if (!e.passed) {
      out.push(`            expected ${e.expected}`);
      out.push(`            actual   ${e.actual ?? "(no value: no line)"}`);
      if (e.trace) out.push(...traceLines(e.trace).map((l) => `            ${l}`));
    }
  }
  return out.join("\n") + "\n";
}

function target(e: ExpectationOutcome): string {
  return e.args.length ? `${e.name}(${e.args.join(", ")})` : e.name;
}
