import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadDataDir } from "@carrot/runtime/node";
import {
  ACCEPTANCE_FILE,
  CSV_SIGNATURE,
  HTML_SIGNATURE,
  renderCsvFiles,
  renderHtmlSite,
  renderXlsx,
  reportOnData,
  selectPeriods,
  writeTree,
} from "@carrot/review";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Io } from "../io.js";
import { loadPlan, printDataDiagnostics } from "../plan.js";

const USAGE = `usage: carrot report PLAN --data DIR [--period P | --from D --to D] --format html|csv|xlsx --out PATH
                     [--acceptances FILE]

Statements per person (components and amounts, attainment against each quota with a chart, what is
accrued over the range, earned vs paid, what is still needed for the next tier band or curve point),
a page per manager (team attainment, payouts, the manager's override) and a finance summary (totals
by component, region and level; a forecast of each period's payouts from the run rate to date).

  --format html  a static site in the folder PATH: index.html, statements/, teams/, finance.html
                 (self-contained pages: inline CSS and SVG, no script, no network)
  --format csv   the same figures as CSV files in the folder PATH
  --format xlsx  the same figures as one workbook PATH (one sheet per table)
  --period P     periods (2026-Q1 or 2026-Q1,2026-Q2); or --from/--to as periods or dates: a --to
                 date also bounds the forecast's "data to date"
  --acceptances  the acceptance file (default DIR/${ACCEPTANCE_FILE}); statements of people who did
                 not accept this plan version are marked`;

export const reportCommand: Command = {
  name: "report",
  summary: "statements, team pages and a finance summary as HTML, CSV or xlsx",
  usage: USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    const args = parseArgs(argv, { values: ["data", "period", "from", "to", "format", "out", "acceptances"] });
    if (args.positionals.length !== 1) throw new UsageError("give one plan file");
    const format = args.options.get("format");
    if (format !== "html" && format !== "csv" && format !== "xlsx") throw new UsageError("--format must be html, csv or xlsx");
    const out = args.options.get("out");
    if (!out) throw new UsageError("--out is required");
    const dataDir = args.options.get("data");
    if (!dataDir) throw new UsageError("--data is required");
    const dir = resolve(io.cwd, dataDir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      io.stderr.write(`carrot report: no such data folder: ${dataDir}\n`);
      return EXIT_USAGE;
    }
    const plan = loadPlan(args.positionals[0]!, io);
    if (!plan) return EXIT_FAILURE;
    const ir = plan.ir;
    const selection = selectPeriods(ir, { period: args.options.get("period"), from: args.options.get("from"), to: args.options.get("to") });
    if ("error" in selection) throw new UsageError(selection.error);
    const acceptanceOption = args.options.get("acceptances");
    const acceptancePath = acceptanceOption ? resolve(io.cwd, acceptanceOption) : join(dir, ACCEPTANCE_FILE);
    if (acceptanceOption && !existsSync(acceptancePath)) {
      io.stderr.write(`carrot report: no such acceptance file: ${acceptanceOption}\n`);
      return EXIT_USAGE;
    }
    const { model, result } = await reportOnData(ir, (plan) => loadDataDir(plan, dir), selection.run, {
      toDate: selection.toDate,
      acceptances: {
        file: acceptanceOption ?? ACCEPTANCE_FILE,
        text: existsSync(acceptancePath) ? readFileSync(acceptancePath, "utf8") : null,
      },
    });
    printDataDiagnostics(result.diagnostics, io);
    const target = resolve(io.cwd, out);
    if (format === "xlsx") {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, await renderXlsx(model));
    } else {
      const files = format === "html" ? renderHtmlSite(model) : renderCsvFiles(model);
      const written = writeTree(target, files, format === "html" ? HTML_SIGNATURE : CSV_SIGNATURE);
      if (!written.ok) {
        io.stderr.write(`carrot report: ${written.message}\n`);
        return EXIT_USAGE;
      }
    }
    const unaccepted = model.statements.filter((s) => !s.accepted).length;
    io.stdout.write(
      `${model.statements.length} statements, ${model.teams.length} teams, periods ${model.periods.join(", ") || "none"}: ${out}\n` +
        (unaccepted ? `${unaccepted} statements are marked: plan version not accepted by the person\n` : "") +
        (model.acceptance.problems.length ? `warning: ${model.acceptance.file} fails verification at line ${model.acceptance.problems[0]!.line}\n` : "") +
        (result.complete ? "" : "warning: the data had problems (listed above): these figures leave something out\n"),
    );
    return EXIT_OK;
  },
};
