// A payroll service embedding the Carrot runtime: load a compiled plan, load the data,
// evaluate one period, keep the figures, and explain a payout on request.
//   node examples/embedding/payroll-service.mjs plan.ir.json data/ 2026-Q1 [person]
import { readFile, writeFile } from "node:fs/promises";
import { evaluate, explain, toCsv, toJson, validateIr } from "@carrot/runtime";
import { loadDataDir } from "@carrot/runtime/node";

export async function runPeriod(irPath, dataDir, period) {
  // 1. The IR comes from `carrot build`; check it before trusting it.
  const checked = validateIr(JSON.parse(await readFile(irPath, "utf8")));
  if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics };

  // 2. One `<table>.csv` per input table, streamed; bad rows are quarantined and reported.
  const data = await loadDataDir(checked.ir, dataDir);

  // 3. Evaluate: pure and deterministic, never throws on bad data.
  const result = evaluate(checked.ir, data, { periods: [period] });

  // 4. Decide what to do with problems: here, errors block the payroll export.
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  return { ok: errors.length === 0 && result.complete, result, diagnostics: result.diagnostics };
}

async function main([irPath, dataDir, period, person]) {
  const run = await runPeriod(irPath, dataDir, period);
  for (const d of run.diagnostics) {
    console.error(`${d.severity} ${d.code} ${d.file ?? ""}${d.row ? `:${d.row}` : ""}${d.column ? ` [${d.column}]` : ""} ${d.message}`);
  }
  if (!run.result) return 1;
  await writeFile(`result-${period}.json`, toJson(run.result));
  await writeFile(`payroll-${period}.csv`, toCsv(run.result));
  if (person) console.log(explain(run.result, { person, period }));
  return run.ok ? 0 : 2;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  process.exitCode = await main(process.argv.slice(2));
}
