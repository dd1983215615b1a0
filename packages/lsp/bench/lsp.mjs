// Editor latency on a large plan, over stdio, as a client sees it (not a test: prints figures).
//   npm run bench:lsp -w packages/lsp        (needs the built server: npx tsc -b packages/lsp)
// Measures the median time from a one-character didChange to the publishDiagnostics of that version
// (the server's debounce included), and the median completion latency.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(packageRoot, "bin/carrot-language-server.js");
if (!existsSync(join(packageRoot, "dist/main.js"))) {
  console.error("bench:lsp: build the server first (npx tsc -b packages/lsp)");
  process.exit(1);
}
const LINES = Number(process.env.LINES ?? 5000);
const RUNS = Number(process.env.RUNS ?? 25);

/** A valid plan of about `target` lines: dimensions, inputs, and blocks of measures, tiers and components. */
function generatePlan(target) {
  const out = [
    'plan "Bench" {', '  version   "1"', "  currency  EUR", "  effective 2026-01-01 .. 2026-12-31", "  period    quarter", "}", "",
    `dimension Category { ${Array.from({ length: 20 }, (_, i) => `Cat${i}`).join(", ")} }`,
    "dimension Level { Rep, Senior, Lead }", "",
    "people reps {", "  id    person key", "  level Level", "}", "",
    "input sales {", "  id       text key", "  date     date", "  rep      person", "  category Category", "  amount   money", "  units    count", "}", "",
    "credit direct {", "  from sales", "  to   sales.rep", "}", "",
  ];
  for (let i = 0; out.length < target; i++) {
    out.push(
      `/// Revenue of block ${i}.`,
      `measure revenue_${i}(c: Category) = sum(direct.amount where direct.category = c and direct.units > ${i % 7})`,
      `let rate_${i} = ${(i % 9) + 1}%`,
      `tiers band_${i} marginal {`,
      `  0 EUR      .. ${10000 + i} EUR : 1%`,
      `  ${10000 + i} EUR ..           : 3%`,
      "}",
      `component commission_${i} for each c: Category {`,
      `  let base = revenue_${i}(c)`,
      `  payout   band_${i}(base) + base * rate_${i}`,
      "  cap      20000 EUR",
      "}",
      "",
    );
  }
  return out.join("\n") + "\n";
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = mkdtempSync(join(tmpdir(), "carrot-bench-lsp-"));
const text = generatePlan(LINES);
const lineCount = text.split("\n").length - 1;
const file = join(dir, "plan.carrot");
writeFileSync(file, text);
const uri = pathToFileURL(file).href;

const server = spawn(process.execPath, [bin, "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiting = new Map();
let lastDiagnosticCount = 0;
connection.onNotification("textDocument/publishDiagnostics", (p) => {
  if (p.uri !== uri) return;
  lastDiagnosticCount = p.diagnostics.length;
  waiting.get(p.version)?.(performance.now());
});
connection.listen();
const published = (version) => new Promise((r) => waiting.set(version, r));

await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
await connection.sendNotification("initialized", {});
let t0 = performance.now();
const first = published(1);
await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "carrot", version: 1, text } });
const openMs = (await first) - t0;
const openDiagnostics = lastDiagnosticCount;

// Each change types or deletes one digit of a `let` rate: the plan stays valid, every run re-checks.
const rateLine = text.split("\n").findIndex((l) => l.startsWith("let rate_0 = "));
const column = "let rate_0 = ".length;
// Two ways of editing: a one-character edit after a pause (someone who reads, then types), and
// back-to-back edits sent as soon as the previous diagnostics arrive (a burst, which the server
// debounces).
async function measureEdits(pauseMs, firstVersion) {
  const times = [];
  for (let run = 0, version = firstVersion; run < RUNS; run++, version++) {
    const insert = run % 2 === 0;
    const change = insert
      ? { range: { start: { line: rateLine, character: column }, end: { line: rateLine, character: column } }, text: "1" }
      : { range: { start: { line: rateLine, character: column }, end: { line: rateLine, character: column + 1 } }, text: "" };
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    const done = published(version);
    t0 = performance.now();
    await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
    times.push((await done) - t0);
  }
  return times;
}
const changeMs = await measureEdits(150, 2);
const burstMs = await measureEdits(0, 2 + RUNS);

const completionLine = text.split("\n").findIndex((l) => l.startsWith("  payout   band_"));
const completionMs = [];
let items = 0;
for (let run = 0; run < RUNS; run++) {
  t0 = performance.now();
  const result = await connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: completionLine, character: "  payout   ".length } });
  completionMs.push(performance.now() - t0);
  items = Array.isArray(result) ? result.length : result.items.length;
}

await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
connection.dispose();
rmSync(dir, { recursive: true, force: true });

console.log(`plan: ${lineCount} lines (${openDiagnostics} diagnostics on open)`);
console.log(`open → diagnostics:           ${openMs.toFixed(0)} ms`);
console.log(`didChange → diagnostics:      median ${median(changeMs).toFixed(0)} ms over ${RUNS} edits, each after a 150 ms pause`);
console.log(`  back-to-back edits:         median ${median(burstMs).toFixed(0)} ms over ${RUNS} edits (debounced as a burst)`);
console.log(`completion in an expression:  median ${median(completionMs).toFixed(1)} ms over ${RUNS} requests (${items} items)`);
