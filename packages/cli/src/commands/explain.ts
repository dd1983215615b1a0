import { explain } from "@carrot/runtime";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { EXIT_FAILURE, EXIT_OK } from "../io.js";
import { RUN_OPTIONS, runPlan } from "./run.js";

const usage = `usage: carrot explain <plan> --data <folder or files> --person ID --period 2026-Q1 [--component NAME]

Prints how a person's pay for a period was derived, line by line: each component with the
measures, aggregates (with the rows behind them, by key), tier bands or curve segments, gates, caps
and floors it went through, then the plan-level adjustments and the total.`;

export const explainCommand: Command = {
  name: "explain",
  summary: "explain a payout, step by step",
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { ...RUN_OPTIONS, values: [...RUN_OPTIONS.values, "person", "component"] });
    const person = args.options.get("person");
    const period = args.options.get("period");
    if (!person) throw new UsageError("--person is required");
    if (!period) throw new UsageError("--period is required");
    const ran = await runPlan(args, io);
    if (!ran) return EXIT_FAILURE;
    const { result } = ran;
    if (!result.periods.includes(period)) {
      io.stderr.write(`carrot explain: period ${period} is not a period of the plan (${result.periods.join(", ")})\n`);
      return EXIT_FAILURE;
    }
    const component = args.options.get("component");
    const known = result.totals.some((t) => t.person === person) || result.lines.some((l) => l.person === person);
    if (!known) {
      io.stderr.write(`carrot explain: no results for person '${person}' in this run\n`);
      return EXIT_FAILURE;
    }
    io.stdout.write(explain(result, { person, period, ...(component ? { component } : {}) }));
    return EXIT_OK;
  },
};
