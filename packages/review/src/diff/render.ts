import { canonicalJson } from "@carrot/ir";
import { amountOf, signedAmount, groupedAmount } from "../util/amount.js";
import { alignedTable, mdCode, mdTable, mdText, shortHash, terminalSafe, type Align } from "../util/text.js";
import type { Movement, PayoutImpact } from "./impact.js";
import type { DeclChange, PlanDiff, RowChange } from "./types.js";

export type DiffFormat = "table" | "markdown" | "json";

export interface DiffReport {
  diff: PlanDiff;
  /** Present when the diff ran with data. */
  impact: PayoutImpact | null;
}

export function renderDiff(report: DiffReport, format: DiffFormat): string {
  switch (format) {
    case "json":
      return canonicalJson(report, true);
    case "markdown":
      return renderMarkdown(report);
    case "table":
      return renderTerminal(report);
  }
}

const MARK: Record<DeclChange["kind"] | RowChange["kind"], string> = {
  added: "+",
  removed: "-",
  changed: "~",
  renamed: ">",
};

function headline(c: DeclChange): string {
  switch (c.kind) {
    case "added":
      return `${c.keyword} ${c.name} added (${c.summary})`;
    case "removed":
      return `${c.keyword} ${c.name} removed (${c.summary})`;
    case "renamed":
      return `${c.keyword} ${c.from} renamed to ${c.name} (same definition)`;
    case "changed":
      return `${c.keyword} ${c.name} changed`;
  }
}

function identityLine(d: PlanDiff): string {
  const before = `${d.before.name} (version ${d.before.version})`;
  const after = `${d.after.name} (version ${d.after.version})`;
  return before === after ? before : `${before} -> ${after}`;
}

function testLines(d: PlanDiff): string[] {
  return [
    ...d.tests.added.map((n) => `added test "${n}"`),
    ...d.tests.removed.map((n) => `removed test "${n}"`),
    ...d.tests.changed.map((n) => `changed test "${n}"`),
  ];
}

// ---------------------------------------------------------------------------------------------
// Terminal

function renderTerminal({ diff, impact }: DiffReport): string {
  const out: string[] = [];
  out.push(`Plan: ${terminalSafe(identityLine(diff))}`);
  out.push(`Hash: ${shortHash(diff.before.hash)} -> ${shortHash(diff.after.hash)}`);
  if (!diff.semanticChange) out.push("No semantic change (equal IR hashes).");
  else out.push(`${diff.changes.length} declaration${diff.changes.length === 1 ? "" : "s"} changed:`);
  for (const c of diff.changes) {
    out.push("");
    out.push(`${MARK[c.kind]} ${terminalSafe(headline(c))}`);
    if (c.kind !== "changed") continue;
    for (const f of c.fields) {
      out.push(`    ${f.field}:`);
      out.push(`      - ${terminalSafe(f.before ?? "(none)")}`);
      out.push(`      + ${terminalSafe(f.after ?? "(none)")}`);
    }
    for (const r of c.rows) {
      if (r.before !== null && r.kind !== "added") out.push(`    - ${terminalSafe(r.before)}`);
      if (r.after !== null && r.kind !== "removed") out.push(`    + ${terminalSafe(r.after)}`);
    }
  }
  const tests = testLines(diff);
  if (tests.length) out.push("", "Tests (not part of the plan's meaning):", ...tests.map((l) => `  ${terminalSafe(l)}`));
  if (impact) out.push("", ...terminalImpact(impact));
  return out.join("\n") + "\n";
}

const MONEY_ALIGN: Align[] = ["right", "right", "right"];
const money = (m: Movement): string[] => [
  groupedAmount(amountOf(m.before)),
  groupedAmount(amountOf(m.after)),
  signedAmount(amountOf(m.delta)),
];

function terminalImpact(impact: PayoutImpact): string[] {
  const t = (text: string): string => terminalSafe(text);
  const out = [`Payout impact (${impact.periods.join(", ") || "no period"})`, ""];
  for (const note of impact.dataNotes) out.push(`warning: ${t(note)}`, "");
  out.push(alignedTable(["", "before", "after", "delta"], [["Total", ...money(impact.total)]], ["left", ...MONEY_ALIGN]));
  out.push("By component");
  out.push(
    alignedTable(
      ["component", "before", "after", "delta"],
      impact.byComponent.map((c) => [t(c.component), ...money(c)]),
      ["left", ...MONEY_ALIGN],
    ),
  );
  out.push(`By region${impact.regionColumn ? ` (${t(impact.regionColumn)})` : ""}`);
  out.push(
    alignedTable(["region", "before", "after", "delta"], impact.byRegion.map((r) => [t(r.region), ...money(r)]), [
      "left",
      ...MONEY_ALIGN,
    ]),
  );
  out.push("Biggest movers");
  out.push(
    impact.movers.length
      ? alignedTable(
          ["person", "name", "region", "before", "after", "delta"],
          impact.movers.map((p) => [t(p.person), t(p.name), t(p.region ?? ""), ...money(p)]),
          ["left", "left", "left", ...MONEY_ALIGN],
        )
      : "Nobody's payout moved.\n",
  );
  const changed = impact.rows.filter((r) => amountOf(r.delta).units !== 0n);
  out.push("Per person and component (changed only)");
  out.push(
    changed.length
      ? alignedTable(
          ["person", "name", "component", "before", "after", "delta"],
          changed.map((r) => [t(r.person), t(r.name), t(r.component), ...money(r)]),
          ["left", "left", "left", ...MONEY_ALIGN],
        )
      : "No line moved.\n",
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Markdown (a pull-request comment)

function renderMarkdown({ diff, impact }: DiffReport): string {
  const out: string[] = [];
  out.push(`## Plan diff: ${mdText(identityLine(diff))}`, "");
  out.push(`IR hash ${mdCode(shortHash(diff.before.hash))} → ${mdCode(shortHash(diff.after.hash))}`, "");
  if (!diff.semanticChange) {
    out.push("**No semantic change** (equal IR hashes): formatting, comments, tests or declaration order only.", "");
  } else {
    out.push(`**${diff.changes.length} declaration${diff.changes.length === 1 ? "" : "s"} changed**`, "");
  }
  for (const c of diff.changes) out.push(...markdownChange(c));
  const tests = testLines(diff);
  if (tests.length) out.push("### Tests", "", ...tests.map((l) => `- ${mdText(l)}`), "");
  if (impact) out.push(...markdownImpact(impact));
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

function markdownChange(c: DeclChange): string[] {
  const name = mdCode(c.name);
  switch (c.kind) {
    case "added":
      return [`### Added ${c.keyword} ${name}`, "", mdText(c.summary), ""];
    case "removed":
      return [`### Removed ${c.keyword} ${name}`, "", mdText(c.summary), ""];
    case "renamed":
      return [`### Renamed ${c.keyword} ${mdCode(c.from)} → ${name}`, "", "Same definition.", ""];
    case "changed": {
      const out = [`### Changed ${c.keyword} ${name}`, ""];
      const cell = (v: string | null): string => (v === null ? "—" : mdCode(v));
      if (c.fields.length) {
        out.push(mdTable(["clause", "before", "after"], c.fields.map((f) => [mdText(f.field), cell(f.before), cell(f.after)]), ["left", "left", "left"]));
      }
      if (c.rows.length) {
        out.push(
          mdTable(
            ["", "row", "before", "after"],
            c.rows.map((r) => [r.kind, mdCode(r.key), cell(r.before), cell(r.after)]),
            ["left", "left", "left", "left"],
          ),
        );
      }
      return out;
    }
  }
}

function markdownImpact(impact: PayoutImpact): string[] {
  const out = [`### Payout impact (${impact.periods.map(mdText).join(", ") || "no period"})`, ""];
  for (const note of impact.dataNotes) out.push(`> **Warning:** ${mdText(note)}`, "");
  const R: Align[] = ["left", "right", "right", "right"];
  out.push(mdTable(["", "before", "after", "delta"], [["**Total**", ...money(impact.total)]], R));
  out.push("#### By component", "");
  out.push(mdTable(["component", "before", "after", "delta"], impact.byComponent.map((c) => [mdCode(c.component), ...money(c)]), R));
  out.push(`#### By region${impact.regionColumn ? ` (${mdCode(impact.regionColumn)})` : ""}`, "");
  out.push(mdTable(["region", "before", "after", "delta"], impact.byRegion.map((r) => [mdText(r.region), ...money(r)]), R));
  out.push("#### Biggest movers", "");
  out.push(
    impact.movers.length
      ? mdTable(
          ["person", "name", "region", "before", "after", "delta"],
          impact.movers.map((p) => [mdText(p.person), mdText(p.name), mdText(p.region ?? ""), ...money(p)]),
          ["left", "left", "left", "right", "right", "right"],
        )
      : "Nobody's payout moved.\n",
  );
  const changed = impact.rows.filter((r) => amountOf(r.delta).units !== 0n);
  out.push("<details><summary>Per person and component (changed lines)</summary>", "");
  out.push(
    changed.length
      ? mdTable(
          ["person", "name", "component", "before", "after", "delta"],
          changed.map((r) => [mdText(r.person), mdText(r.name), mdCode(r.component), ...money(r)]),
          ["left", "left", "left", "right", "right", "right"],
        )
      : "No line moved.\n",
  );
  out.push("</details>", "");
  return out;
}
