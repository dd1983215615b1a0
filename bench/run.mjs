#!/usr/bin/env node
/**
 * Runtime benchmark (not a test): 1,000,000 generated transactions, 5,000 people, 12 months, a
 * plan with per-category marginal tiers, a curve bonus, a SPIF and a manager override. Runs the
 * Carrot runtime (packages/runtime/dist: build first with `npx tsc -b packages/runtime`) and a
 * hand-written plain-JS implementation of the same plan (bench/plain-js-plan.mjs) each in its own
 * process, prints transactions/s, CPU, peak RSS and the load / evaluate split, and checks that both
 * give identical totals.
 *
 *   node bench/run.mjs [--rows 1000000] [--people 5000] [--no-trace] [--files [--dir DIR]] [--phases] [--lines] [--warm N] [--json]
 *
 * --files: the generated CSVs are first written to a temporary directory (never held whole), and
 *   both implementations read them from disk in 64 KiB slices (the runtime with `loadDataFiles`),
 *   so 10M rows can be measured in bounded memory. Without it, both read the generated text held
 *   in memory (chunks of ~1 MB). With --dir DIR the files are kept there (and reused when present:
 *   give the same --rows and --people).
 * --phases: children run under --expose-gc and also print the live memory (heap + typed arrays)
 *   after load (and bytes per row held by the loaded Dataset) and after evaluate.
 * --lines: the runtime's child also reads `result.lines` inside the timed part (the line objects,
 *   which a run makes on their first read), and prints the time that took (linesCpu).
 * --warm N: after the timed run, the runtime's child loads and evaluates N more times in the same
 *   process and prints the last time's load / evaluate (what a long-running service pays once V8
 *   has compiled the runtime's code; not part of the comparison).
 * --json: after the timed run, the runtime's child also writes the result's canonical JSON
 *   (`writeJson`, traces included when traced: computed while writing) to a sink that only counts
 *   its bytes, and prints its time and the peak RSS after it (not part of the comparison).
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const textOption = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
};
const PHASES = args.includes("--phases");
const JSON_OUT = args.includes("--json");
const READ_LINES = args.includes("--lines");
const WARM = option("--warm", 0);
const ROWS = option("--rows", 1_000_000);
const PEOPLE = option("--people", 5_000);
const MANAGERS = Math.max(1, Math.round(PEOPLE / 50));
const CATEGORIES = ["C1", "C2", "C3", "C4"];
const PRODUCTS = Array.from({ length: 12 }, (_, i) => `P${String(i + 1).padStart(2, "0")}`);
const categoryOf = new Map(PRODUCTS.map((p, i) => [p, i % 4]));

/** mulberry32: a small seeded PRNG, so the data is the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The people file's text (small). */
function peopleCsv() {
  const people = ["id,manager,level"];
  for (let m = 0; m < MANAGERS; m++) people.push(`M${String(m).padStart(5, "0")},,Manager`);
  for (let r = 0; r < PEOPLE - MANAGERS; r++) people.push(`R${String(r).padStart(5, "0")},M${String(r % MANAGERS).padStart(5, "0")},Rep`);
  return people.join("\n") + "\n";
}

/** The transactions as chunks of ~1 MB of CSV text, generated lazily (same data on every run). */
function* salesChunks() {
  const reps = Array.from({ length: PEOPLE - MANAGERS }, (_, r) => `R${String(r).padStart(5, "0")}`);
  const random = prng(20260101);
  let chunk = "id,date,rep,product,amount\n";
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  for (let i = 0; i < ROWS; i++) {
    const month = Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * days[month]);
    const rep = reps[Math.floor(random() * reps.length)];
    const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)];
    const cents = 5_000 + Math.floor(random() * 495_000);
    chunk += `T${String(i).padStart(7, "0")},2026-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")},${rep},${product},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}

function generate() {
  // Flattened (indexOf flattens a string built by +=), so loading does not shrink what was measured before it.
  return { people: peopleCsv(), chunks: Array.from(salesChunks(), (chunk) => (chunk.indexOf("\u0000"), chunk)) };
}

/** Writes people.csv and sales.csv to `dir`, chunk by chunk. */
function writeFiles(dir) {
  const write = (name, chunks) => {
    const fd = openSync(join(dir, name), "w");
    for (const chunk of chunks) writeSync(fd, chunk);
    closeSync(fd);
  };
  write("people.csv", [peopleCsv()]);
  write("sales.csv", salesChunks());
}

/** A file's text in 64 KiB slices, read with readSync (what a plain-JS program reading a large file would do). */
function* readChunks(path) {
  const fd = openSync(path, "r");
  const buffer = Buffer.allocUnsafe(1 << 16);
  const decoder = new StringDecoder("utf8");
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) yield decoder.write(buffer.subarray(0, n));
    yield decoder.end();
  } finally {
    closeSync(fd);
  }
}

// --- the plan as IR (what `carrot build` would give for the plain-JS plan) -------------------
const money = (value) => ({ op: "const", type: "money[EUR]", value });
const ratio = (value) => ({ op: "const", type: "ratio", value });
const param = { op: "param", type: "member[Category]", name: "c" };
const val = (name, type = "money[EUR]", args = []) => ({ op: "value", type, name, args });
const col = (column, type) => ({ op: "column", type, table: "direct", column });
const sumDirect = (where) => ({ op: "aggregate", type: "money[EUR]", fn: "sum", source: { kind: "credit", rule: "direct" }, value: col("amount", "money[EUR]"), where });
const isLevel = (level) => ({ op: "eq", type: "bool", args: [{ op: "person", type: "member[Level]", column: "level" }, { op: "const", type: "member[Level]", value: level }] });
const component = (name, payout, extra = {}) => ({
  id: `component:${name}`, name, order: 0, forEach: null, window: null, eligible: null, lets: [], gate: null, payout, floor: null, cap: null, allowNegative: false, ...extra,
});

function planIr() {
  const body = {
    name: "Benchmark plan", version: "1", currency: "EUR", effective: { from: "2026-01-01", to: "2026-12-31" }, grain: "month",
    rounding: { scale: 2, mode: "half_even", on: "line" },
    dimensions: [
      { id: "dimension:Category", name: "Category", parent: null, members: CATEGORIES.map((name) => ({ name, parent: null })) },
      { id: "dimension:Product", name: "Product", parent: "Category", members: PRODUCTS.map((name, i) => ({ name, parent: CATEGORIES[i % 4] })) },
      { id: "dimension:Level", name: "Level", parent: null, members: [{ name: "Rep", parent: null }, { name: "Manager", parent: null }] },
    ],
    tables: [
      { id: "input:people", name: "people", role: "people", columns: [
        { name: "id", type: "person", key: true, optional: false, currencyColumn: null },
        { name: "manager", type: "person", key: false, optional: true, currencyColumn: null },
        { name: "level", type: "member[Level]", key: false, optional: false, currencyColumn: null },
      ] },
      { id: "input:sales", name: "sales", role: "input", columns: [
        { name: "id", type: "text", key: true, optional: false, currencyColumn: null },
        { name: "date", type: "date", key: false, optional: false, currencyColumn: null },
        { name: "rep", type: "person", key: false, optional: false, currencyColumn: null },
        { name: "product", type: "member[Product]", key: false, optional: false, currencyColumn: null },
        { name: "amount", type: "money[EUR]", key: false, optional: false, currencyColumn: null },
      ] },
    ],
    fx: null,
    credits: [{ id: "credit:direct", name: "direct", source: "sales", dated: "date", join: null, to: { op: "column", type: "person", table: "sales", column: "rep" }, split: null, rollup: null }],
    values: [
      { id: "measure:revenue", name: "revenue", kind: "measure", params: [{ name: "c", dimension: "Category" }], type: "money[EUR]",
        body: sumDirect({ op: "in_member", type: "bool", value: col("product", "member[Product]"), member: param }) },
      { id: "quota:quota", name: "quota", kind: "quota", params: [{ name: "c", dimension: "Category" }], type: "money[EUR]",
        body: { op: "lookup", type: "money[EUR]", table: "category_quota", keys: [param] } },
      { id: "measure:total_revenue", name: "total_revenue", kind: "measure", params: [], type: "money[EUR]", body: sumDirect(null) },
      { id: "measure:attainment", name: "attainment", kind: "measure", params: [], type: "ratio",
        body: { op: "div", type: "ratio", sig: "money/money", args: [val("total_revenue"), money("40000")] } },
      { id: "measure:spif_revenue", name: "spif_revenue", kind: "measure", params: [], type: "money[EUR]",
        body: sumDirect({ op: "and", type: "bool", args: [
          { op: "eq", type: "bool", args: [col("product", "member[Product]"), { op: "const", type: "member[Product]", value: "P01" }] },
          { op: "in_range", type: "bool", value: col("date", "date"), from: { op: "const", type: "date", value: "2026-05-01" }, to: { op: "const", type: "date", value: "2026-07-31" } },
        ] }) },
    ],
    tiers: [{ id: "tiers:commission_rate", name: "commission_rate", mode: "marginal", boundary: "lower", boundType: "ratio", valueType: "ratio", bands: [
      { from: "0", to: "0.5", value: "0.02" }, { from: "0.5", to: "1", value: "0.04" }, { from: "1", to: "1.25", value: "0.08" }, { from: "1.25", to: null, value: "0" },
    ] }],
    curves: [{ id: "curve:bonus_curve", name: "bonus_curve", xType: "ratio", yType: "ratio", below: "0", points: [{ x: "0.8", y: "0.5" }, { x: "1", y: "1" }, { x: "1.2", y: "1.5" }] }],
    lookups: [{ id: "table:category_quota", name: "category_quota", keys: ["Category"], valueType: "money[EUR]", rows: [
      { keys: ["C1"], value: "10000" }, { keys: ["C2"], value: "8000" }, { keys: ["C3"], value: "12000" }, { keys: ["C4"], value: "10000" },
    ] }],
    components: [
      component("bonus", { op: "mul", type: "money[EUR]", sig: "money*ratio", args: [money("500"), { op: "curve", type: "ratio", curve: "bonus_curve", value: val("attainment", "ratio") }] }, { eligible: isLevel("Rep") }),
      component("commission", { op: "tier", type: "money[EUR]", table: "commission_rate", apply: "payout", value: val("revenue", "money[EUR]", [param]), quota: val("quota", "money[EUR]", [param]) },
        { forEach: { name: "c", dimension: "Category" }, eligible: isLevel("Rep") }),
      component("override", { op: "mul", type: "money[EUR]", sig: "money*ratio", args: [{ op: "team", type: "money[EUR]", scope: "reports", fn: "sum", target: { kind: "component", name: "commission", args: [] } }, ratio("0.03")] },
        { order: 1, eligible: isLevel("Manager") }),
      component("spif", { op: "mul", type: "money[EUR]", sig: "money*ratio", args: [val("spif_revenue"), ratio("0.05")] }, { eligible: isLevel("Rep"), window: { from: "2026-05-01", to: "2026-07-31" } }),
    ],
    payout: { cap: null, guarantee: null, settle: null },
  };
  return body;
}

/** Live memory after a full GC (heap and typed arrays' buffers), in bytes; null without --expose-gc. */
function liveBytes() {
  if (!globalThis.gc) return null;
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function child(impl, trace) {
  const dir = textOption("--dir");
  const { planHash } = await import("../packages/ir/dist/index.js");
  const runtime = await import("../packages/runtime/dist/index.js");
  const { loadDataFiles } = await import("../packages/runtime/dist/node/index.js");
  const { runPlain } = await import("./plain-js-plan.mjs");
  const input = dir ? null : generate();
  const before = PHASES ? liveBytes() : null;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const cpuSince = (from) => {
    const u = process.cpuUsage(from);
    return (u.user + u.system) / 1e6;
  };
  const phases = {};
  let totals;
  // --json: run after the timed phases (its time and the peak RSS after it are printed apart).
  let writeResultJson = null;
  // --warm: run after the timed phases too.
  let warmRuns = null;
  if (impl === "plain") {
    const people = dir ? [...readChunks(join(dir, "people.csv"))].join("") : input.people;
    const chunks = dir ? readChunks(join(dir, "sales.csv")) : input.chunks;
    const cents = runPlain(people, chunks, categoryOf);
    totals = new Map([...cents].map(([id, months]) => [id, months.map((c) => c)]));
  } else {
    const plan = planIr();
    const planIR = { format: "carrot-ir", version: 1, hash: planHash(plan), plan, tests: [], sourceMap: { files: [], spans: {} } };
    const load = () =>
      dir
        ? loadDataFiles(planIR, [join(dir, "people.csv"), join(dir, "sales.csv")])
        : runtime.loadDataset(planIR, new Map([["people.csv", input.people], ["sales.csv", input.chunks]]));
    const data = await load();
    if (WARM > 0) {
      warmRuns = async () => {
        for (let k = 0; k < WARM; k++) {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const again = await load();
          phases.warmLoadCpu = cpuSince(c0);
          phases.warmLoadWall = (performance.now() - t0) / 1000;
          const c1 = process.cpuUsage();
          const t1 = performance.now();
          runtime.evaluate(planIR, again, { trace, measures: false });
          phases.warmEvaluateCpu = cpuSince(c1);
          phases.warmEvaluateWall = (performance.now() - t1) / 1000;
        }
      };
    }
    phases.loadCpu = cpuSince(cpuStart);
    phases.loadWall = (performance.now() - started) / 1000;
    if (PHASES) {
      // What the loaded Dataset holds (the generated text, if any, was live before and still is).
      const after = liveBytes();
      phases.afterLoadMb = after / 2 ** 20;
      phases.bytesPerRow = (after - before) / ROWS;
    }
    const cpuEval = process.cpuUsage();
    const evalStarted = performance.now();
    const result = runtime.evaluate(planIR, data, { trace, measures: false });
    phases.evaluateCpu = cpuSince(cpuEval);
    phases.evaluateWall = (performance.now() - evalStarted) / 1000;
    if (READ_LINES) {
      const cpuLines = process.cpuUsage();
      phases.lines = result.lines.length;
      phases.linesCpu = cpuSince(cpuLines);
    }
    if (PHASES) phases.afterEvaluateMb = liveBytes() / 2 ** 20;
    if (result.diagnostics.length) console.error(result.diagnostics.slice(0, 5));
    if (JSON_OUT) writeResultJson = () => {
      const cpuJson = process.cpuUsage();
      const jsonStarted = performance.now();
      let bytes = 0;
      runtime.writeJson(result, (chunk) => (bytes += Buffer.byteLength(chunk)));
      phases.jsonCpu = cpuSince(cpuJson);
      phases.jsonWall = (performance.now() - jsonStarted) / 1000;
      phases.jsonMb = bytes / 2 ** 20;
      phases.rssAfterJsonMb = process.resourceUsage().maxRSS / 1024;
    };
    totals = new Map();
    for (const t of result.totals) {
      let months = totals.get(t.person);
      if (!months) totals.set(t.person, (months = new Array(12).fill(0)));
      months[Number(t.period.slice(5, 7)) - 1] = Math.round(Number(t.payable) * 100);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpuStart);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  if (writeResultJson) writeResultJson();
  if (warmRuns) await warmRuns();
  const grand = [...totals.values()].reduce((s, months) => s + months.reduce((a, b) => a + b, 0), 0);
  const digest = [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, m]) => `${id}:${m.join(",")}`).join(";");
  process.stdout.write(JSON.stringify({ impl, seconds, cpuSeconds, rssMb, phases, grandCents: grand, digestLength: digest.length, digest: hash(digest) }) + "\n");
}

function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

async function main() {
  const role = args.indexOf("--child");
  if (role >= 0) return child(args[role + 1], !args.includes("--no-trace"));
  const self = fileURLToPath(import.meta.url);
  // --files --dir DIR: the files are kept in DIR (written if it has none) for later runs.
  const kept = textOption("--dir");
  const dir = args.includes("--files") ? (kept ?? mkdtempSync(join(tmpdir(), "carrot-bench-"))) : null;
  const results = [];
  try {
    if (dir && !(kept && existsSync(join(kept, "sales.csv")))) {
      mkdirSync(dir, { recursive: true });
      writeFiles(dir);
    }
    const common = ["--rows", String(ROWS), "--people", String(PEOPLE), ...(dir ? ["--dir", dir] : []), ...(PHASES ? ["--phases"] : []), ...(JSON_OUT ? ["--json"] : []), ...(READ_LINES ? ["--lines"] : []), ...(WARM > 0 ? ["--warm", String(WARM)] : [])];
    const runs = [["plain", []], ["runtime", args.includes("--no-trace") ? ["--no-trace"] : []]];
    for (const [impl, extra] of runs) {
      const node = ["--max-old-space-size=8192", ...(PHASES ? ["--expose-gc"] : [])];
      const out = spawnSync(process.execPath, [...node, self, "--child", impl, ...common, ...extra], { encoding: "utf8", maxBuffer: 1 << 26 });
      if (out.status !== 0) {
        console.error(out.stderr);
        process.exit(1);
      }
      if (out.stderr) console.error(out.stderr);
      results.push(JSON.parse(out.stdout.trim().split("\n").at(-1)));
    }
  } finally {
    if (dir && !kept) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${ROWS.toLocaleString("en")} transactions, ${PEOPLE.toLocaleString("en")} people, 12 months, ${dir ? "read from files" : "generated text in memory"}`);
  for (const r of results) {
    console.log(
      `${r.impl.padEnd(8)} ${(ROWS / r.seconds).toFixed(0).padStart(10)} transactions/s  ${r.seconds.toFixed(2).padStart(7)} s wall  ${r.cpuSeconds.toFixed(2).padStart(7)} s CPU  peak RSS ${r.rssMb.toFixed(0)} MB  total ${(r.grandCents / 100).toFixed(2)} EUR`,
    );
    const p = r.phases;
    if (p.loadCpu !== undefined) {
      const live = p.afterLoadMb !== undefined ? ` (live ${p.afterLoadMb.toFixed(0)} MiB, Dataset ${p.bytesPerRow.toFixed(0)} bytes/row)` : "";
      const liveEval = p.afterEvaluateMb !== undefined ? ` (live ${p.afterEvaluateMb.toFixed(0)} MiB)` : "";
      const lines = p.linesCpu !== undefined ? `, then reading ${p.lines.toLocaleString("en")} lines ${p.linesCpu.toFixed(2)} s CPU` : "";
      console.log(`         load ${p.loadCpu.toFixed(2)} s CPU ${p.loadWall.toFixed(2)} s wall${live}, evaluate ${p.evaluateCpu.toFixed(2)} s CPU ${p.evaluateWall.toFixed(2)} s wall${liveEval}${lines}`);
    }
    if (p.warmLoadCpu !== undefined) {
      console.log(`         warm (run ${WARM + 1} in the same process): load ${p.warmLoadCpu.toFixed(2)} s CPU ${p.warmLoadWall.toFixed(2)} s wall, evaluate ${p.warmEvaluateCpu.toFixed(2)} s CPU ${p.warmEvaluateWall.toFixed(2)} s wall`);
    }
    if (p.jsonCpu !== undefined) {
      console.log(`         then writeJson ${p.jsonMb.toFixed(0)} MiB: ${p.jsonCpu.toFixed(2)} s CPU ${p.jsonWall.toFixed(2)} s wall, peak RSS ${p.rssAfterJsonMb.toFixed(0)} MB after it`);
    }
  }
  const [plain, runtime] = results;
  console.log(`runtime / plain JS: ${(runtime.seconds / plain.seconds).toFixed(2)}x wall time, ${(runtime.cpuSeconds / plain.cpuSeconds).toFixed(2)}x CPU time`);
  const same = plain.grandCents === runtime.grandCents && plain.digest === runtime.digest;
  console.log(same ? "identical totals per person and month" : "TOTALS DIFFER");
  if (!same) process.exit(1);
}

await main();
