// Compile benchmark: generates a ~10,000-line plan (many measures, tiers, lookups, components)
// and times parse + check + lower through the built compiler (run `npm run build` first).
// Usage: npm run bench:compile [-- --lines 10000 --runs 5]
import { clearParseCache, compile } from "../packages/compiler/dist/index.js";
import { parse } from "../packages/language/dist/index.js";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const targetLines = opt("lines", 10000);
const runs = opt("runs", 5);

function generatePlan(target) {
  const out = [];
  const push = (...lines) => out.push(...lines);
  push(
    'plan "Benchmark plan" {',
    '  version   "1"',
    "  currency  EUR",
    "  effective 2026-01-01 .. 2026-12-31",
    "  period    quarter",
    "}",
    "",
  );
  const categories = Array.from({ length: 12 }, (_, i) => `Cat${i}`);
  push(`dimension Category { ${categories.join(", ")} }`);
  push("dimension Product of Category {");
  for (let i = 0; i < 120; i++) push(`  "P-${i}": ${categories[i % categories.length]}`);
  push("}", "dimension Level { Junior, Senior, Lead }", "");
  push(
    "people reps {",
    "  id person key",
    "  level Level",
    "  manager person optional",
    "  start date optional",
    "  end date optional",
    "}",
  );
  push(
    "input sales {",
    "  id text key",
    "  date date",
    "  rep person",
    "  product Product",
    "  amount money",
    "  units count",
    "}",
  );
  push(
    "input quotas {",
    "  person person key",
    "  category Category key",
    "  period period key",
    "  amount money",
    "}",
  );
  push("credit direct {", "  from sales", "  to   sales.rep", "}", "");
  push("measure revenue(c: Category) = sum(direct.amount where direct.product in c)");
  push("quota   quota(c: Category) = sum(quotas.amount where quotas.category = c)");
  push("measure attainment(c: Category) = revenue(c) / quota(c)", "");
  let i = 0;
  while (out.length < target - 40) {
    const prev = i === 0 ? "revenue(c)" : `m${i - 1}(c)`;
    push(
      `/// Block ${i}: a measure, a tier table, a lookup and a component.`,
      `measure m${i}(c: Category) = ${prev} * ${(i % 9) + 1}% + sum(direct.amount where direct.units > ${i % 7} and direct.product in c)`,
      `let growth${i} = ${(i % 5) + 1}.5%`,
      `tiers rate${i} marginal {`,
      "  0%   .. 50%  : 1%",
      "  50%  .. 100% : 2%",
      "  100% .. 150% : 4%",
      "  150% ..      : 0%",
      "}",
      `table bonus${i} by Level {`,
      `  Junior  : ${100 + i} EUR`,
      `  Senior  : ${200 + i} EUR`,
      `  default : ${50 + i} EUR`,
      "}",
      `component comp${i} for each c: Category {`,
      "  eligible person.level != Lead",
      `  let base = m${i}(c) * (1 + growth${i})`,
      "  gate     attainment(c) >= 50%",
      `  payout   rate${i}(base, quota: quota(c)) + bonus${i}[person.level]`,
      "  cap      20000 EUR",
      "}",
      "",
    );
    i++;
  }
  push(
    'test "block 0 pays" {',
    "  period 2026-Q1",
    "  given revenue(Cat0) = 100000 EUR",
    "  given quota(Cat0) = 100000 EUR",
    "  expect comp0(Cat0) = 0 EUR",
    "}",
  );
  return out.join("\n") + "\n";
}

const text = generatePlan(targetLines);
const lines = text.split("\n").length - 1;
const timings = [];
let diagnostics = 0;
let hash = "";
for (let r = 0; r < runs; r++) {
  // An empty parse cache per run: later runs must not look faster than a real compile.
  clearParseCache();
  const root = `/bench/run-${r}`;
  const t0 = process.hrtime.bigint();
  const result = compile({
    root,
    entry: "plan.carrot",
    readFile: (p) => (p === `${root}/plan.carrot` ? text : undefined),
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  timings.push(ms);
  diagnostics = result.diagnostics.filter((d) => d.severity === "error").length;
  hash = result.ir?.hash ?? "(no IR)";
}
const parseTimings = [];
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  parse(text, `/bench/parse-${r}/plan.carrot`);
  parseTimings.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const best = Math.min(...timings);
const first = timings[0];
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(`lines:        ${lines}`);
console.log(`errors:       ${diagnostics}${diagnostics ? "  (the generated plan should compile cleanly)" : ""}`);
console.log(`plan hash:    ${hash}`);
console.log(`first run:    ${first.toFixed(1)} ms  (${Math.round(lines / (first / 1000))} lines/s)`);
console.log(`best of ${runs}:    ${best.toFixed(1)} ms  (${Math.round(lines / (best / 1000))} lines/s)`);
console.log(
  `parse only:   ${Math.min(...parseTimings).toFixed(1)} ms best of ${runs} (the rest of the best run is resolve + check + lower)`,
);
console.log(`peak RSS:     ${rssMb.toFixed(0)} MB`);
if (diagnostics) process.exitCode = 1;
