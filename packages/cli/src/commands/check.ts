import { checkFiles, compile, type CompileResult } from "@carrot/compiler";
import type { Diagnostic } from "@carrot/language";
import { parse } from "@carrot/language";
import { readFileSync } from "node:fs";
import { parseArgs, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { collectCarrotFiles, displayPath, workspaceRoot } from "../files.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";
import { printCompileDiagnostics } from "../plan.js";

const usage = `usage: carrot check <file or folder>... [--format text|json]

Parses and checks plans. A file with a \`plan\` header is checked with everything it imports;
a library file (no header) is checked on its own. Diagnostics are printed as
  path:line:col: severity CODE message
(or as a JSON array with --format json). Exit 0 when there is no error, 1 otherwise.`;

export const checkCommand: Command = {
  name: "check",
  summary: "check plans: syntax, names, types and units",
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ["format"] });
    const format = args.options.get("format") ?? "text";
    if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not '${format}'`);
    if (args.positionals.length === 0) throw new UsageError("give at least one file or folder");
    let files: string[];
    try {
      files = collectCarrotFiles(args.positionals, io.cwd);
    } catch (error) {
      io.stderr.write(`carrot check: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    if (files.length === 0) {
      io.stderr.write(`carrot check: no .carrot files in ${args.positionals.join(", ")}\n`);
      return EXIT_USAGE;
    }

    // Each plan compiles with its imports; library files not reached by a plan are checked alone.
    const runs: { result: CompileResult; diagnostics: Diagnostic[] }[] = [];
    const seen = new Set<string>();
    const covered = new Set<string>();
    const keep = (result: CompileResult) => {
      const fresh = result.diagnostics.filter((d) => {
        const key = `${d.uri}|${d.span.start}|${d.span.end}|${d.code}|${d.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      for (const uri of result.program.files.keys()) covered.add(uri);
      runs.push({ result, diagnostics: fresh });
    };
    const libraries: string[] = [];
    for (const file of files) {
      if (isPlanFile(file)) keep(compile({ root: workspaceRoot(file), entry: file }));
      else libraries.push(file);
    }
    for (const file of libraries) {
      if (!covered.has(file.split("\\").join("/"))) keep(checkFiles({ root: workspaceRoot(file), files: [file] }));
    }

    const all = runs.flatMap((r) => r.diagnostics);
    const errors = all.filter((d) => d.severity === "error").length;
    const warnings = all.filter((d) => d.severity === "warning").length;
    if (format === "json") {
      const rows = runs.flatMap(({ result, diagnostics }) =>
        diagnostics.map((d) => {
          const file = result.program.files.get(d.uri);
          const start = file?.lines.at(d.span.start);
          const end = file?.lines.at(d.span.end);
          return {
            file: displayPath(d.uri, io.cwd),
            line: start?.line ?? 1,
            column: start?.col ?? 1,
            endLine: end?.line ?? 1,
            endColumn: end?.col ?? 1,
            severity: d.severity,
            code: d.code,
            message: d.message,
            ...(d.help ? { help: d.help } : {}),
          };
        }),
      );
      io.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    } else {
      for (const { result, diagnostics } of runs) printCompileDiagnostics(result, diagnostics, io);
      const summary = `${files.length} file${files.length === 1 ? "" : "s"} checked: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
      (errors > 0 ? io.stderr : io.stdout).write(summary + "\n");
    }
    return errors > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};

function isPlanFile(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return true; // let compile report the unreadable file
  }
  return parse(text, file).file.declarations.some((d) => d.kind === "Plan");
}
