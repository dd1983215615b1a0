import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KEYWORDS, parse } from "@carrot/language";

/**
 * The TextMate grammar and the real lexer agree on one corpus: every lexer token (and comment) gets a
 * grammar scope of the same class. vscode-textmate is not available here, so a small scanner applies
 * the grammar's `match` patterns the way TextMate does for single-line rules: at each position the
 * earliest match wins, ties go to the first pattern in order.
 */
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const grammar = JSON.parse(readFileSync(resolve(repo, "packages/vscode-extension/syntaxes/carrot.tmLanguage.json"), "utf8"));

interface Rule {
  regex: RegExp;
  name?: string;
  captures?: Record<string, { name: string }>;
}

function flatten(patterns: { include?: string; match?: string; name?: string; captures?: Record<string, { name: string }>; patterns?: unknown[] }[]): Rule[] {
  const rules: Rule[] = [];
  for (const p of patterns) {
    if (p.include) rules.push(...flatten(grammar.repository[p.include.slice(1)].patterns));
    else if (p.match) rules.push({ regex: new RegExp(p.match, "gm"), name: p.name, captures: p.captures });
  }
  return rules;
}
const rules = flatten(grammar.patterns);

interface Scoped {
  start: number;
  end: number;
  scope: string;
}

function scan(text: string): Scoped[] {
  const out: Scoped[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    let pos = 0;
    while (pos < line.length) {
      let best: { rule: Rule; match: RegExpExecArray } | undefined;
      for (const rule of rules) {
        rule.regex.lastIndex = pos;
        const match = rule.regex.exec(line);
        if (match && match[0].length > 0 && (!best || match.index < best.match.index)) best = { rule, match };
      }
      if (!best) break;
      const { rule, match } = best;
      if (rule.name) out.push({ start: lineStart + match.index, end: lineStart + match.index + match[0].length, scope: rule.name });
      if (rule.captures) {
        let at = match.index;
        for (let g = 1; g < match.length; g++) {
          const group = match[g];
          if (group === undefined) continue;
          const groupStart = line.indexOf(group, at);
          at = groupStart + group.length;
          const scope = rule.captures[String(g)]?.name;
          if (scope) out.push({ start: lineStart + groupStart, end: lineStart + groupStart + group.length, scope });
        }
      }
      pos = match.index + match[0].length;
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** The class of a grammar scope, in the lexer's vocabulary. */
function scopeClass(scope: string): string {
  if (scope.startsWith("comment.line.documentation")) return "doc-comment";
  if (scope.startsWith("comment")) return "comment";
  if (scope.startsWith("string")) return "string";
  if (scope.startsWith("constant.numeric.date")) return "date";
  if (scope.startsWith("constant.numeric.period")) return "period";
  if (scope.startsWith("constant.numeric.percent")) return "percent";
  if (scope.startsWith("constant.numeric")) return "number";
  if (scope.startsWith("constant.language")) return "keyword";
  if (scope.startsWith("keyword.operator.word")) return "keyword";
  if (scope.startsWith("keyword.operator")) return "operator";
  if (scope.startsWith("keyword")) return "keyword";
  if (scope.startsWith("punctuation")) return "punctuation";
  if (scope.startsWith("variable") || scope.startsWith("support.constant.currency")) return "identifier";
  return "unknown:" + scope;
}

function compareOn(text: string): string[] {
  const parsed = parse(text, "corpus.carrot");
  const scoped = scan(text);
  const scopeAt = (start: number, end: number) => scoped.find((s) => s.start === start && s.end === end);
  const mismatches: string[] = [];
  parsed.tokens.forEach((token, i) => {
    // A keyword after `.` is a name (`coverage.end`, `sales.amount`): the grammar scopes it as a property.
    const expected = token.category === "keyword" && parsed.tokens[i - 1]?.kind === "Dot" ? "identifier" : token.category;
    const scope = scopeAt(token.span.start, token.span.end);
    const actual = scope ? scopeClass(scope.scope) : "no scope";
    if (actual !== expected) mismatches.push(`${JSON.stringify(token.text)} at ${token.span.start}: lexer ${expected}, grammar ${actual}`);
  });
  for (const comment of parsed.comments) {
    const scope = scopeAt(comment.span.start, comment.span.end);
    const expected = comment.kind === "doc" ? "doc-comment" : "comment";
    const actual = scope ? scopeClass(scope.scope) : "no scope";
    if (actual !== expected) mismatches.push(`${JSON.stringify(comment.text)}: lexer ${expected}, grammar ${actual}`);
  }
  return mismatches;
}

const corpus = [
  ["snippets", readFileSync(resolve(here, "corpus/snippets.carrot"), "utf8")],
  ...readdirSync(resolve(repo, "examples"))
    .filter((dir) => existsSync(resolve(repo, "examples", dir, "plan.carrot")))
    .sort()
    .map((dir) => [`${dir} example`, readFileSync(resolve(repo, "examples", dir, "plan.carrot"), "utf8")] as const),
] as const;

describe("TextMate grammar vs lexer", () => {
  it.each(corpus)("agree on every token of the %s corpus", (_name, text) => {
    expect(parse(text, "corpus.carrot").tokens.length).toBeGreaterThan(100);
    expect(compareOn(text)).toEqual([]);
  });

  it("scopes every keyword of the language as a keyword", () => {
    const missing = KEYWORDS.filter((word) => {
      const scoped = scan(word);
      return scoped.length !== 1 || scopeClass(scoped[0].scope) !== "keyword";
    });
    expect(missing).toEqual([]);
  });

  it("does not scope a keyword-like identifier as a keyword", () => {
    expect(compareOn("let planned = amounts + totally")).toEqual([]);
  });

  it("would catch a grammar that disagrees (the comparison is not vacuous)", () => {
    // `5%` is a percent for the lexer; pretend the grammar read it as a plain number.
    const parsed = parse("let x = 5%", "x.carrot");
    const percent = parsed.tokens.find((t) => t.category === "percent");
    expect(percent).toBeDefined();
    expect(scopeClass("constant.numeric.carrot")).not.toBe(percent!.category);
  });
});
