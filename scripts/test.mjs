#!/usr/bin/env node
// Runs the whole vitest suite and ends with the plain closing line CI reads:
// "N passed, N failed, N skipped". Vitest's own summary stays above it for people.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

const resultsFile = ".vitest-results.json";
rmSync(resultsFile, { force: true });
const run = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  skipped = results.numPendingTests + results.numTodoTests;
  for (const suite of results.testResults ?? []) {
    // A test file that fails to load has no assertions but must count as a failure.
    if (suite.status === "failed" && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
} catch {
  failed = Math.max(failed, 1);
  console.error(`could not read ${resultsFile}: vitest did not finish`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
