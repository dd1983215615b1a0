#!/usr/bin/env node
// Writes a pharma field-force data set of the same shape as data/ (reps, coverage, quotas, sales),
// at any size, for load and property tests of plan.carrot.
//
//   node examples/pharma-field-force/generate.mjs --reps 500 --rows 200000 --out /tmp/pharma-big [--seed 7]
//
// Deterministic: a seeded PRNG (mulberry32), never Math.random, and no clock; the same arguments
// give byte-identical files. Only members declared in plan.carrot are used (the plan declares its
// territories and products), so every generated file loads against the unchanged plan. Each
// territory is shared by the reps assigned to it with shares that add up to exactly 100%, so the
// only uncredited rows are the deliberate ones: the unstaffed territory S07, sales in a territory
// before its replacement hire starts, and a few invoices dated in December 2025.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const STAFFED_TERRITORIES = [
  ["N01", "North"], ["N02", "North"], ["N03", "North"], ["N04", "North"], ["N05", "North"], ["N06", "North"],
  ["S01", "South"], ["S02", "South"], ["S03", "South"], ["S04", "South"], ["S05", "South"], ["S06", "South"],
];
const UNSTAFFED_TERRITORY = "S07";
/** Product, category, unit price (EUR), first day on the market. */
const PRODUCTS = [
  ["CARD-A", "Cardio", 42.5, "2026-01-01"],
  ["CARD-B", "Cardio", 18, "2026-01-01"],
  ["ONCO-X", "Oncology", 1250, "2026-01-01"],
  ["ONCO-Y", "Oncology", 640, "2026-01-01"],
  ["RESP-Z", "Respiratory", 36, "2026-01-01"],
  ["RESP-AIR", "Respiratory", 58, "2026-04-01"],
];
const CATEGORIES = ["Cardio", "Oncology", "Respiratory"];
/** Quarterly quota of a full-time rep of each level, per category (EUR). */
const QUOTA_BY_LEVEL = {
  Associate: [40000, 25000, 20000],
  Rep: [64000, 40000, 25000],
  Senior: [80000, 50000, 32000],
};
const QUARTERS = [
  ["2026-Q1", "2026-01-01", "2026-03-31"],
  ["2026-Q2", "2026-04-01", "2026-06-30"],
  ["2026-Q3", "2026-07-01", "2026-09-30"],
  ["2026-Q4", "2026-10-01", "2026-12-31"],
];
const REPS_PER_MANAGER = 6;
const FIRST_NAMES = ["Anna", "Ben", "Chloé", "Daniel", "Eva", "Farid", "Grace", "Hugo", "Inès", "Jonas", "Katarina", "Liam",
  "Maya", "Noah", "Olga", "Pedro", "Quentin", "Rosa", "Sami", "Tess", "Ugo", "Vera", "Wim", "Yara", "Zoe"];
const LAST_NAMES = ["Schmidt", "Lewis", "Durand", "Rossi", "Novak", "Haddad", "Kim", "Moreau", "Silva", "Berg", "Horvat",
  "Walsh", "Martin", "Okafor", "Jensen", "Costa", "Dubois", "Fischer", "Garcia", "Ivanova", "Keller", "Lund"];

function parseArgs(argv) {
  const options = { reps: 12, rows: 200, out: null, seed: 2026 };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!["--reps", "--rows", "--out", "--seed"].includes(flag) || value === undefined) {
      throw new Error(`usage: generate.mjs --reps N --rows M --out DIR [--seed S] (bad argument: ${flag})`);
    }
    if (flag === "--out") options.out = value;
    else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got ${value}`);
      options[flag.slice(2)] = n;
    }
  }
  if (options.out === null) throw new Error("usage: generate.mjs --reps N --rows M --out DIR [--seed S]");
  if (options.reps < 1) throw new Error("--reps must be at least 1");
  return options;
}

/** mulberry32: a small, well-mixed 32-bit PRNG; the seed fully determines the sequence. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const DAY_MS = 86400000;
const dayNumber = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDate = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const addDays = (iso, n) => isoDate(dayNumber(iso) + n);
const pad = (n, width) => String(n).padStart(width, "0");

/** Money as integer cents, so that no binary float ever reaches a CSV cell. */
const centsToText = (cents) => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100, 2)}`;
};

/** Shares in hundredths of a percent that add up to exactly 100.00%. */
function equalShares(count) {
  const base = Math.floor(10000 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 10000 - base * count ? 1 : 0));
}
const shareToText = (basisPoints) => {
  const whole = Math.floor(basisPoints / 100);
  const frac = basisPoints % 100;
  return frac === 0 ? `${whole}%` : `${whole}.${pad(frac, 2).replace(/0$/, "")}%`;
};

function buildPeople(rng, repCount) {
  const managerCount = Math.max(1, Math.ceil(repCount / REPS_PER_MANAGER));
  const managers = Array.from({ length: managerCount }, (_, i) => ({
    id: `M${pad(i + 1, 3)}`,
    name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    level: "Manager",
    region: i % 2 === 0 ? "North" : "South",
    manager: "",
    start: "",
    end: "",
  }));
  const reps = Array.from({ length: repCount }, (_, i) => {
    const [territory, region] = STAFFED_TERRITORIES[i % STAFFED_TERRITORIES.length];
    const sameRegion = managers.filter((m) => m.region === region);
    const manager = (sameRegion.length > 0 ? sameRegion : managers)[Math.floor(i / REPS_PER_MANAGER) % (sameRegion.length || managers.length)];
    return {
      id: `P${pad(i + 1, 4)}`,
      name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      level: rng.pick(["Associate", "Rep", "Rep", "Senior"]),
      region,
      manager: manager.id,
      start: `20${rng.int(15, 25)}-${pad(rng.int(1, 12), 2)}-01`,
      end: "",
      territory,
    };
  });
  return { managers, reps };
}

/**
 * Coverage: each staffed territory is shared equally by its reps. About one rep in eight leaves
 * during the year and is replaced (same territory, same share) by a hire: the next day in a shared
 * territory, so that its shares add up to 100% on every day; up to 30 days later in a territory of
 * one rep, whose sales in between are genuinely uncovered (`no-match`).
 */
function buildCoverage(rng, reps) {
  const coverage = [];
  const hires = [];
  for (const [territory] of STAFFED_TERRITORIES) {
    const members = reps.filter((r) => r.territory === territory);
    const shares = equalShares(members.length);
    members.forEach((rep, k) => {
      if (rng.next() < 0.125) {
        const leaveDay = rng.int(dayNumber("2026-02-01"), dayNumber("2026-11-30"));
        rep.end = isoDate(leaveDay);
        coverage.push({ territory, person: rep.id, start: "2026-01-01", end: rep.end, share: shares[k] });
        const hire = {
          id: `H${rep.id.slice(1)}`,
          name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
          level: "Associate",
          region: rep.region,
          manager: rep.manager,
          // A shared territory is handed over the next day, so its shares keep adding up to 100%;
          // a territory of its own may stay vacant for a few weeks (its sales are uncredited).
          start: addDays(rep.end, members.length > 1 ? 1 : rng.int(1, 30)),
          end: "",
          territory,
        };
        if (hire.start <= "2026-12-31") {
          hires.push(hire);
          coverage.push({ territory, person: hire.id, start: hire.start, end: "", share: shares[k] });
        }
      } else {
        coverage.push({ territory, person: rep.id, start: "2026-01-01", end: "", share: shares[k] });
      }
    });
  }
  return { coverage, hires };
}

function activeDays(person, from, to) {
  const start = person.start && person.start > from ? person.start : from;
  const end = person.end && person.end < to ? person.end : to;
  return end < start ? 0 : dayNumber(end) - dayNumber(start) + 1;
}

/** Quotas per person, category and quarter, prorated to the employed days, in whole hundreds. */
function buildQuotas(rng, people) {
  const quotas = [];
  for (const person of people) {
    const levelQuota = QUOTA_BY_LEVEL[person.level];
    const stretch = 90 + rng.int(0, 20);
    for (const [period, from, to] of QUARTERS) {
      const days = activeDays(person, from, to);
      if (days === 0) continue;
      const quarterDays = dayNumber(to) - dayNumber(from) + 1;
      CATEGORIES.forEach((category, c) => {
        const euros = Math.round((levelQuota[c] * stretch * days) / (100 * quarterDays * 100)) * 100;
        quotas.push({ person: person.id, category, period, cents: Math.max(euros, 100) * 100 });
      });
    }
  }
  return quotas;
}

/** Invoice lines: mostly sales, about 6% returns, a few on S07 and a few dated before the plan. */
function buildSales(rng, rowCount) {
  const sales = [];
  const first = dayNumber("2026-01-01");
  const last = dayNumber("2026-12-31");
  for (let i = 0; i < rowCount; i++) {
    const roll = rng.next();
    const date = roll < 0.005 ? `2025-12-${pad(rng.int(15, 31), 2)}` : isoDate(rng.int(first, last));
    const territory = roll > 0.99 ? UNSTAFFED_TERRITORY : rng.pick(STAFFED_TERRITORIES)[0];
    const onMarket = PRODUCTS.filter(([, , , launch]) => launch <= date);
    const [product, , unitPrice] = rng.pick(onMarket.length > 0 ? onMarket : PRODUCTS);
    const units = rng.int(1, Math.max(1, Math.round(40000 / unitPrice)));
    const isReturn = rng.next() < 0.06;
    const signedUnits = isReturn ? -Math.max(1, Math.floor(units / 4)) : units;
    const cents = Math.round(unitPrice * 100) * signedUnits;
    sales.push({ date, territory, product, cents, units: signedUnits });
  }
  sales.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.territory < b.territory ? -1 : a.territory > b.territory ? 1 : a.product < b.product ? -1 : a.product > b.product ? 1 : a.cents - b.cents,
  );
  return sales.map((s, i) => ({ id: `INV-${pad(i + 1, 7)}`, ...s }));
}

function toCsv(header, rows) {
  const cell = (v) => {
    const text = String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header.join(","), ...rows.map((r) => r.map(cell).join(","))].join("\n") + "\n";
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const rng = prng(options.seed);
  const { managers, reps } = buildPeople(rng, options.reps);
  const { coverage, hires } = buildCoverage(rng, reps);
  const people = [...managers, ...reps, ...hires];
  const quotas = buildQuotas(rng, [...reps, ...hires]);
  const sales = buildSales(rng, options.rows);

  mkdirSync(options.out, { recursive: true });
  writeFileSync(
    join(options.out, "reps.csv"),
    toCsv(["id", "name", "level", "region", "manager", "start", "end"], people.map((p) => [p.id, p.name, p.level, p.region, p.manager, p.start, p.end])),
  );
  writeFileSync(
    join(options.out, "coverage.csv"),
    toCsv(["territory", "person", "start", "end", "share"], coverage.map((c) => [c.territory, c.person, c.start, c.end, shareToText(c.share)])),
  );
  writeFileSync(
    join(options.out, "quotas.csv"),
    toCsv(["person", "category", "period", "amount"], quotas.map((q) => [q.person, q.category, q.period, centsToText(q.cents)])),
  );
  writeFileSync(
    join(options.out, "sales.csv"),
    toCsv(["id", "date", "territory", "product", "amount", "units"], sales.map((s) => [s.id, s.date, s.territory, s.product, centsToText(s.cents), s.units])),
  );
  process.stdout.write(`${people.length} people, ${coverage.length} coverage rows, ${quotas.length} quotas, ${sales.length} sales rows -> ${options.out}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
