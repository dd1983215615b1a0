/**
 * The benchmark plan written by hand in plain JavaScript, with integer minor units (cents), as a
 * team without Carrot would: one pass over the CSV text, sums per person × month × category in
 * typed arrays, then the plan's formulas per person and month. bench/run.mjs checks that the
 * runtime gives the same totals.
 *
 * Plan (same as the IR built in run.mjs), monthly, EUR, 2026:
 * - commission per category: marginal 2% / 4% / 8% / 0% on slices 0–50% / 50–100% / 100–125% / 125%+ of quota
 * - bonus: 500 EUR × curve(total revenue / 40,000): 0 below 80%, 50% at 80%, 100% at 100%, 150% at 120%+
 * - SPIF: 5% of product P01 sales from 2026-05-01 to 2026-07-31
 * - override: managers earn 3% of their direct reports' commission
 * Every line is rounded to the cent, half to even.
 */

export const CATEGORY_QUOTA_CENTS = [1_000_000, 800_000, 1_200_000, 1_000_000];
export const TOTAL_QUOTA_CENTS = 4_000_000;

/** Rounds n / d (integers, d > 0) to an integer, half to even. */
function divHalfEven(n, d) {
  const q = Math.floor(n / d);
  const r = n - q * d;
  if (r * 2 < d) return q;
  if (r * 2 > d) return q + 1;
  return q % 2 === 0 ? q : q + 1;
}

function marginalCommissionCents(revenue, quota) {
  if (revenue <= 0) return 0;
  // Slices × rate in percent: hundredths of a cent.
  const b1 = quota / 2;
  const b2 = quota;
  const b3 = (quota * 5) / 4;
  let units = Math.min(revenue, b1) * 2;
  if (revenue > b1) units += (Math.min(revenue, b2) - b1) * 4;
  if (revenue > b2) units += (Math.min(revenue, b3) - b2) * 8;
  return divHalfEven(units, 100);
}

function bonusCents(totalRevenue) {
  // attainment a = R / 4,000,000; below 0.8: 0; from 1.2: 150% of 500 EUR; between, y = 2.5a − 1.5
  // on both segments, so 50,000 × y = R / 32 − 75,000 cents.
  if (totalRevenue * 10 < TOTAL_QUOTA_CENTS * 8) return 0;
  if (totalRevenue * 10 >= TOTAL_QUOTA_CENTS * 12) return 75_000;
  return divHalfEven(totalRevenue - 75_000 * 32, 32);
}

/**
 * @param {string} peopleCsv id,manager,level
 * @param {Iterable<string>} salesChunks id,date,rep,product,amount (amount with two decimals), in chunks cut anywhere
 * @param {string[]} products product code → category index via `categoryOf`
 */
export function runPlain(peopleCsv, salesChunks, categoryOf) {
  const people = peopleCsv.trim().split("\n").slice(1).map((l) => l.split(","));
  const index = new Map();
  people.forEach((p, i) => index.set(p[0], i));
  const n = people.length;
  const revenue = new Float64Array(n * 12 * 4);
  const spif = new Float64Array(n * 12);
  let rest = "";
  let header = true;
  const handle = (line) => {
    if (header) {
      header = false;
      return;
    }
    if (line === "") return;
    const f = line.split(",");
    const person = index.get(f[2]);
    const month = Number(f[1].slice(5, 7)) - 1;
    const dot = f[4].indexOf(".");
    const cents = Number(f[4].slice(0, dot)) * 100 + Number(f[4].slice(dot + 1));
    revenue[(person * 12 + month) * 4 + categoryOf.get(f[3])] += cents;
    // The SPIF window, 2026-05-01 .. 2026-07-31, is exactly May to July.
    if (f[3] === "P01" && month >= 4 && month <= 6) spif[person * 12 + month] += cents;
  };
  for (const chunk of salesChunks) {
    const text = rest + chunk;
    let start = 0;
    let nl = text.indexOf("\n");
    while (nl !== -1) {
      handle(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf("\n", start);
    }
    rest = text.slice(start);
  }
  handle(rest);

  const commission = new Float64Array(n * 12);
  const payable = new Float64Array(n * 12);
  for (let p = 0; p < n; p++) {
    if (people[p][2] !== "Rep") continue;
    for (let m = 0; m < 12; m++) {
      let total = 0;
      let lines = 0;
      for (let c = 0; c < 4; c++) {
        const r = revenue[(p * 12 + m) * 4 + c];
        total += r;
        lines += marginalCommissionCents(r, CATEGORY_QUOTA_CENTS[c]);
      }
      commission[p * 12 + m] = lines;
      let pay = lines + bonusCents(total);
      if (m >= 4 && m <= 6) pay += divHalfEven(spif[p * 12 + m] * 5, 100);
      payable[p * 12 + m] = pay;
    }
  }
  const reportsCommission = new Float64Array(n * 12);
  for (let p = 0; p < n; p++) {
    const manager = people[p][1] ? index.get(people[p][1]) : undefined;
    if (manager === undefined) continue;
    for (let m = 0; m < 12; m++) reportsCommission[manager * 12 + m] += commission[p * 12 + m];
  }
  for (let p = 0; p < n; p++) {
    if (people[p][2] !== "Manager") continue;
    for (let m = 0; m < 12; m++) payable[p * 12 + m] = divHalfEven(reportsCommission[p * 12 + m] * 3, 100);
  }
  /** person id → 12 monthly payables in cents. */
  const totals = new Map();
  people.forEach((p, i) => totals.set(p[0], Array.from(payable.subarray(i * 12, i * 12 + 12))));
  return totals;
}
