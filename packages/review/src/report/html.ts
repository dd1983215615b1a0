import { sha256Hex } from "@carrot/ir";
import { amountOf, compareAmounts, formatAmount, groupedAmount, parseAmount } from "../util/amount.js";
import type { PersonInfo } from "../result-view.js";
import type { AttainmentRow, GroupRow, Money3, ReportModel, Statement, StatementAdjustment, StatementLine, Team } from "./model.js";

/**
 * The HTML report: a static site of self-contained pages (inline CSS and SVG, no script, no
 * network), readable offline. Every text from data or plans goes through `esc`.
 */
export function renderHtmlSite(model: ReportModel): Map<string, string> {
  const files = new Map<string, string>();
  files.set("index.html", indexPage(model));
  files.set("finance.html", financePage(model));
  for (const s of model.statements) files.set(statementPath(s.person.id), statementPage(model, s));
  for (const t of model.teams) files.set(teamPath(t.manager.id), teamPage(model, t));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A file name for an id from data: readable where safe, unique by a hash of the exact id. */
export function fileSlug(id: string): string {
  const readable = id.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 40) || "_";
  return `${readable}-${sha256Hex(id).slice(0, 8)}`;
}

export const statementPath = (id: string): string => `statements/${fileSlug(id)}.html`;
export const teamPath = (id: string): string => `teams/${fileSlug(id)}.html`;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;margin:0;background:#f6f7f9}
main{max-width:1080px;margin:0 auto;padding:24px}.scroll{overflow-x:auto;max-width:100%}
header.site{background:#1f3a2b;color:#fff;padding:12px 24px}header.site a{color:#fff;margin-right:16px}
h1{font-size:22px;margin:8px 0}h2{font-size:17px;margin:24px 0 8px}
table{border-collapse:collapse;background:#fff;margin:8px 0;min-width:50%}
th,td{border:1px solid #d5d9de;padding:4px 8px;text-align:left;vertical-align:middle}
th{background:#eef1f4;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:700;background:#f1f5f1}tr.subtotal td{font-weight:600}
.banner{padding:8px 12px;border-radius:4px;margin:12px 0}
.ok{background:#e3f4e6;border:1px solid #9fd3a8}.warn{background:#fff4e0;border:1px solid #f0c36d}.bad{background:#fde8e8;border:1px solid #ef9a9a}
.meta{color:#5b6670}.neg{color:#b3261e}small{color:#5b6670}
@media print{header.site{display:none}body{background:#fff}}
`;

function page(model: ReportModel, title: string, depth: number, body: string): string {
  const up = depth ? "../".repeat(depth) : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="carrot report">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="site"><a href="${up}index.html">Statements</a><a href="${up}finance.html">Finance</a><span>${esc(model.plan.name)} ${esc(model.plan.version)}</span></header>
<main>
${body}
</main>
</body>
</html>
`;
}

const money = (model: ReportModel, text: string | null): string => {
  if (text === null) return "";
  const a = amountOf(text);
  return `<span${a.units < 0n ? ' class="neg"' : ""}>${esc(groupedAmount(a, 2))}</span>`;
};
const numCell = (inner: string, figure?: string): string =>
  `<td class="num"${figure ? ` data-figure="${esc(figure)}"` : ""}>${inner}</td>`;
const pct = (ratio: string | null): string => (ratio === null ? "—" : esc(percentOneDecimal(ratio)));

/** `0.8` → `80.0%`, `1.1555` → `115.6%` (half-even on the tenth of a percent); the exact ratio is in the exports. */
export function percentOneDecimal(ratio: string): string {
  const a = parseAmount(ratio);
  if (!a) return ratio;
  const text = formatAmount(a, 3);
  const neg = text.startsWith("-");
  const [int = "0", frac = "000"] = (neg ? text.slice(1) : text).split(".");
  const whole = (BigInt(int) * 100n + BigInt(frac.slice(0, 2))).toString();
  return `${neg ? "-" : ""}${whole}.${frac[2]}%`;
}

function rangeText(model: ReportModel): string {
  const [first] = model.periods;
  const last = model.periods[model.periods.length - 1];
  return first === undefined ? "no period" : first === last ? first : `${first} to ${last}`;
}

function planMeta(model: ReportModel): string {
  return `<p class="meta">Plan ${esc(model.plan.name)}, version ${esc(model.plan.version)}, IR hash <code>${esc(model.plan.hash)}</code>. Periods ${esc(rangeText(model))}. Amounts in ${esc(model.plan.currency)}.</p>${
    model.complete ? "" : `<p class="banner warn">The run reported data problems (quarantined rows or errors): these figures leave something out.</p>`
  }${
    model.acceptance.problems.length
      ? `<p class="banner bad">The acceptance file${model.acceptance.file ? ` ${esc(model.acceptance.file)}` : ""} fails verification at line ${model.acceptance.problems[0]!.line} (${esc(model.acceptance.problems[0]!.message)}); records from there on are not trusted.</p>`
      : ""
  }`;
}

function periodHeaders(model: ReportModel): string {
  return model.periods.map((p) => `<th class="num">${esc(p)}</th>`).join("") + `<th class="num">Total</th>`;
}

function linesTable(model: ReportModel, lines: StatementLine[], extra: string): string {
  const rows = lines
    .map(
      (l) =>
        `<tr><td>${esc(l.component)}${l.member === null ? "" : ` <small>(${esc(l.member)})</small>`}${
          l.notes.length ? ` <small>${esc(l.notes.join(", "))}</small>` : ""
        }</td>${l.amounts.map((a) => numCell(a === null ? "—" : money(model, a))).join("")}${numCell(money(model, l.total), `line:${l.component}:${l.member ?? ""}`)}</tr>`,
    )
    .join("\n");
  return `<div class="scroll"><table><thead><tr><th>Component</th>${periodHeaders(model)}</tr></thead><tbody>
${rows || `<tr><td colspan="${model.periods.length + 2}">No component line in this range.</td></tr>`}
${extra}</tbody></table></div>`;
}

/**
 * Earned, then the plan-level adjustments (one row per kind when given, else their total), then
 * payable: the order in which the plan computes them.
 */
function money3Rows(model: ReportModel, per: Money3[], total: Money3, prefix: string, adjustments?: StatementAdjustment[]): string {
  const row = (label: string, key: keyof Money3, cls = ""): string =>
    `<tr${cls}><td>${label}</td>${per.map((p) => numCell(money(model, p[key]))).join("")}${numCell(money(model, total[key]), `${prefix}${key}`)}</tr>`;
  const middle =
    adjustments === undefined
      ? [row("Plan-level adjustments", "adjustments")]
      : adjustments.map(
          (a) =>
            `<tr><td>Adjustment: ${esc(a.kind)}</td>${a.amounts.map((x) => numCell(x === null ? "—" : money(model, x))).join("")}${numCell(money(model, a.total), `adjustment:${a.kind}`)}</tr>`,
        );
  return [row("Earned", "earned", ' class="subtotal"'), ...middle, row("Payable", "payable", ' class="total"')].join("\n");
}

/** An inline SVG bar of attainment with a 100% marker and the tier bands' bounds as ticks. */
export function attainmentSvg(ratio: string | null, bands: string[], label: string): string {
  const W = 260;
  const H = 22;
  const value = ratio === null ? null : amountOf(ratio);
  const maxRatio = [amountOf("1.5"), ...(value ? [value] : [])].reduce((a, b) => (compareAmounts(a, b) >= 0 ? a : b));
  const x = (r: string | null): number => {
    if (r === null) return 0;
    // Pixel positions only: a float is fine for drawing, never for the figures.
    const f = Number(r) / Number(formatAmount(maxRatio));
    return Math.max(0, Math.min(W, Math.round(f * W * 10) / 10));
  };
  const ticks = bands
    .map((b) => `<line x1="${x(b)}" y1="0" x2="${x(b)}" y2="${H}" stroke="#8a96a3" stroke-dasharray="2,2"/>`)
    .join("");
  const bar = value === null ? "" : `<rect x="0" y="5" width="${x(ratio)}" height="${H - 10}" fill="${compareAmounts(value, amountOf("1")) >= 0 ? "#2e7d32" : "#d08c00"}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(
    `${label}: ${ratio === null ? "no value" : percentOneDecimal(ratio)}`,
  )}"><rect x="0" y="5" width="${W}" height="${H - 10}" fill="#e6e9ed"/>${bar}${ticks}<line x1="${x("1")}" y1="0" x2="${x("1")}" y2="${H}" stroke="#1d2329" stroke-width="1.5"/></svg>`;
}

function attainmentTable(model: ReportModel, rows: AttainmentRow[]): string {
  if (!rows.length) return `<p>No measure is reported against a quota in this plan.</p>`;
  const body = rows
    .map((r) => {
      const last = r.quota === null ? [...r.perPeriod].reverse().find((f) => f.ratio !== null)?.ratio ?? null : r.total.ratio;
      return `<tr><td>${esc(r.label)}${r.quota ? ` <small>against ${esc(r.quota)}</small>` : ""}</td>${
        r.quota
          ? numCell(money(model, r.total.actual)) + numCell(money(model, r.total.quota))
          : `<td class="num">—</td><td class="num">—</td>`
      }${numCell(pct(last), `attainment:${r.label}`)}<td>${attainmentSvg(last, r.bands, r.label)}</td></tr>`;
    })
    .join("\n");
  return `<table><thead><tr><th>Measure</th><th class="num">Actual</th><th class="num">Quota</th><th class="num">Attainment</th><th>Against 100% (ticks: tier bands)</th></tr></thead><tbody>
${body}
</tbody></table>`;
}

/** "level Senior · region North · manager M01", naming the columns the values really come from. */
function personLine(model: ReportModel, p: PersonInfo): string {
  const level = model.finance.levelColumn;
  const region = model.finance.regionColumn;
  return [level && p.level && `${level} ${p.level}`, region && p.region && `${region} ${p.region}`, p.manager && `manager ${p.manager}`]
    .filter(Boolean)
    .map((t) => esc(t as string))
    .join(" · ");
}

function acceptanceBanner(model: ReportModel, s: Statement): string {
  return s.accepted
    ? `<p class="banner ok" data-figure="acceptance">Plan version accepted by ${esc(s.person.name)} on ${esc(s.accepted.at)}.</p>`
    : `<p class="banner bad" data-figure="acceptance">NOT ACCEPTED: ${esc(s.person.name)} has not accepted this plan version (<code>${esc(model.plan.hash)}</code>).</p>`;
}

function statementPage(model: ReportModel, s: Statement): string {
  const next = s.next.length
    ? `<ul>${s.next
        .map((n) => {
          const needed = n.unit.startsWith("money")
            ? `${esc(groupedAmount(amountOf(n.needed), 2))} ${esc(model.plan.currency)} more`
            : n.unit === "ratio"
              ? `${esc(percentOneDecimal(n.needed).replace("%", ""))} percentage points more`
              : `${esc(n.needed)} more`;
          return `<li data-figure="next:${esc(n.component)}:${esc(n.member ?? "")}">${esc(n.component)}${n.member ? ` (${esc(n.member)})` : ""}: ${needed} to reach ${esc(n.reward)} of ${esc(n.source)}.</li>`;
        })
        .join("")}</ul>`
    : `<p>No further tier band or curve point to reach in ${esc(model.periods[model.periods.length - 1] ?? "")}.</p>`;
  const diff = amountOf(s.total.adjustments);
  return page(
    model,
    `Statement: ${s.person.name}`,
    1,
    `<h1>Statement: ${esc(s.person.name)} <small>${esc(s.person.id)}</small></h1>
<p class="meta">${personLine(model, s.person)}</p>
${planMeta(model)}
${acceptanceBanner(model, s)}
<h2>Payouts (accrued over ${esc(rangeText(model))})</h2>
${linesTable(model, s.lines, money3Rows(model, s.perPeriod, s.total, "total-", s.adjustments))}
<h2>Earned vs paid</h2>
<p>Earned from components: <strong data-figure="earned">${money(model, s.total.earned)}</strong> ${esc(model.plan.currency)}; payable after plan-level rules: <strong data-figure="payable">${money(model, s.total.payable)}</strong> ${esc(model.plan.currency)}${
      diff.units === 0n ? "." : ` (adjustments ${money(model, s.total.adjustments)}).`
    }</p>
${paymentsSection(model, s)}<h2>Attainment</h2>
${attainmentTable(model, s.attainment)}
<h2>Next step</h2>
${next}${
      s.omitted.length
        ? `
<h2>No line (no value)</h2>
<p class="meta">These components gave no line, which is not a line of zero: their payout had no value (for example no quota, or a division by zero). <code>carrot explain</code> shows why.</p>
<ul>${s.omitted.map((o) => `<li>${esc(o.component)}${o.member === null ? "" : ` (${esc(o.member)})`}: ${esc(o.periods.join(", "))}</li>`).join("")}</ul>`
        : ""
    }`,
  );
}

/** The payment calendar of a plan with `pay`: which pay period pays which periods' payables. */
function paymentsSection(model: ReportModel, s: Statement): string {
  if (!s.payments?.length) return "";
  const rows = s.payments
    .map(
      (p) =>
        `<tr><td>${esc(p.payPeriod)}</td><td class="num" data-figure="payment:${esc(p.payPeriod)}">${money(model, p.amount)}</td><td>${esc(p.periods.join(", "))}${p.partial ? " (partial: periods outside this report)" : ""}</td></tr>`,
    )
    .join("");
  return `<h2>Paid in</h2>
<table><thead><tr><th>Pay period</th><th class="num">Amount (${esc(model.plan.currency)})</th><th>Payables of</th></tr></thead><tbody>${rows}</tbody></table>
`;
}

function teamPage(model: ReportModel, t: Team): string {
  const heads = t.attainment.map((a) => `<th class="num">${esc(a.label)}</th>`).join("");
  const rows = t.members
    .map(
      (m) =>
        `<tr><td><a href="../${esc(statementPath(m.person.id))}">${esc(m.person.name)}</a> <small>${esc(m.person.id)}</small></td>${m.attainment
          .map((r) => numCell(pct(r)))
          .join("")}${numCell(money(model, m.total.earned))}${numCell(money(model, m.total.payable))}</tr>`,
    )
    .join("\n");
  return page(
    model,
    `Team of ${t.manager.name}`,
    1,
    `<h1>Team of ${esc(t.manager.name)} <small>${esc(t.manager.id)}</small></h1>
${planMeta(model)}
<h2>Members (${t.members.length})</h2>
<table><thead><tr><th>Person</th>${heads}<th class="num">Earned</th><th class="num">Payable</th></tr></thead><tbody>
${rows}
<tr class="total"><td>Team</td>${t.attainment.map((a) => numCell(pct(a.total.ratio))).join("")}<td></td>${numCell(money(model, t.teamPayable), "team-payable")}</tr>
</tbody></table>
<h2>Team attainment</h2>
${attainmentTable(model, t.attainment)}
<h2>Manager's own payouts (overrides and roll-ups)</h2>
${linesTable(model, t.managerLines, `<tr class="total"><td>Payable</td>${model.periods.map(() => "<td></td>").join("")}${numCell(money(model, t.managerTotal.payable), "manager-payable")}</tr>`)}`,
  );
}

function groupTable(model: ReportModel, title: string, rows: GroupRow[], figure: string): string {
  return `<h2>${esc(title)}</h2>
<div class="scroll"><table><thead><tr><th></th>${periodHeaders(model)}</tr></thead><tbody>
${rows
  .map((r) => `<tr><td>${esc(r.key)}</td>${r.amounts.map((a) => numCell(money(model, a))).join("")}${numCell(money(model, r.total), `${figure}:${r.key}`)}</tr>`)
  .join("\n") || `<tr><td colspan="${model.periods.length + 2}">None.</td></tr>`}
</tbody></table></div>`;
}

function financePage(model: ReportModel): string {
  const f = model.finance;
  const forecast = f.forecast
    .map(
      (r) =>
        `<tr><td>${esc(r.period)}</td><td>${esc(r.status)}</td>${numCell(money(model, r.toDate))}<td class="num">${r.daysElapsed} / ${r.periodDays}</td>${numCell(
          r.forecast === null ? "—" : money(model, r.forecast),
          `forecast:${r.period}`,
        )}</tr>`,
    )
    .join("\n");
  return page(
    model,
    "Finance summary",
    0,
    `<h1>Finance summary</h1>
${planMeta(model)}
<h2>Totals</h2>
<div class="scroll"><table><thead><tr><th></th>${periodHeaders(model)}</tr></thead><tbody>
${money3Rows(model, f.perPeriod, f.total, "finance-")}
</tbody></table></div>
${groupTable(model, "By component", f.byComponent, "component")}
${groupTable(model, "Plan-level adjustments", f.byAdjustment, "adjustment")}
${f.regionColumn ? groupTable(model, `By region (${f.regionColumn})`, f.byRegion, "region") : ""}
${f.levelColumn ? groupTable(model, `By level (${f.levelColumn})`, f.byLevel, "level") : ""}
<h2>Forecast from the run rate${model.asOf ? ` (data to ${esc(model.asOf)})` : ""}</h2>
<p class="meta">A partial period's payable to date, stretched linearly over its days. Tiers and caps make real payouts non-linear: read it as a run rate, not a promise.</p>
<table><thead><tr><th>Period</th><th>Status</th><th class="num">To date</th><th class="num">Days</th><th class="num">Forecast</th></tr></thead><tbody>
${forecast}
</tbody></table>`,
  );
}

function indexPage(model: ReportModel): string {
  const rows = model.statements
    .map(
      (s) =>
        `<tr><td><a href="${esc(statementPath(s.person.id))}">${esc(s.person.name)}</a></td><td>${esc(s.person.id)}</td><td>${esc(s.person.region ?? "")}</td><td>${esc(
          s.person.level ?? "",
        )}</td>${numCell(money(model, s.total.payable))}<td>${s.accepted ? `accepted ${esc(s.accepted.at)}` : "<strong>not accepted</strong>"}</td></tr>`,
    )
    .join("\n");
  const teams = model.teams.length
    ? `<ul>${model.teams.map((t) => `<li><a href="${esc(teamPath(t.manager.id))}">${esc(t.manager.name)}</a> (${t.members.length} direct reports)</li>`).join("")}</ul>`
    : "<p>No manager in the people table.</p>";
  return page(
    model,
    `${model.plan.name}: statements`,
    0,
    `<h1>${esc(model.plan.name)}</h1>
${planMeta(model)}
<h2>Statements (${model.statements.length})</h2>
<table><thead><tr><th>Name</th><th>Id</th><th>Region</th><th>Level</th><th class="num">Payable</th><th>Plan acceptance</th></tr></thead><tbody>
${rows}
<tr class="total"><td colspan="4">Total</td>${numCell(money(model, model.finance.total.payable), "total-payable")}<td></td></tr>
</tbody></table>
<h2>Teams</h2>
${teams}
<p><a href="finance.html">Finance summary</a></p>`,
  );
}
