import { serializeIr } from "@carrot/ir";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { displayPath } from "../files.js";
import { EXIT_FAILURE, EXIT_OK } from "../io.js";
import { loadPlan } from "../plan.js";

const usage = `usage: carrot build <plan.carrot> [-o plan.ir.json]

Compiles a plan to its canonical IR (JSON, sorted keys, stable ids). The same plan always gives the
same bytes; the IR's "hash" identifies the plan's semantics (declaration order, formatting and tests
aside). Without -o the IR is written to stdout.`;

export const buildCommand: Command = {
  name: "build",
  summary: "compile a plan to its canonical IR",
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ["out"], aliases: { o: "out" } });
    if (args.positionals.length !== 1) throw new UsageError("give exactly one plan file");
    const plan = loadPlan(args.positionals[0]!, io);
    if (!plan) return EXIT_FAILURE;
    const bytes = serializeIr(plan.ir);
    const out = args.options.get("out");
    if (out === undefined || out === "-") {
      io.stdout.write(bytes);
    } else {
      const abs = resolve(io.cwd, out);
      writeFileSync(abs, bytes);
      io.stderr.write(`${displayPath(abs, io.cwd)}: ${plan.ir.plan.name} ${plan.ir.plan.version} (${plan.ir.hash})\n`);
    }
    return EXIT_OK;
  },
};
