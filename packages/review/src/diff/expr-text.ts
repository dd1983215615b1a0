import { isComparison, type Expr } from "@carrot/ir";

/**
 * Prints an IR expression back in Carrot-like syntax so that a reviewer reads `revenue(c) / quota(c)`
 * rather than a JSON tree. It is a rendering for people, not a round-trippable source: parentheses
 * are added wherever precedence could be doubted.
 */
export function exprText(e: Expr): string {
  if (isComparison(e)) return `${operand(e.args[0])} ${COMPARE[e.op]} ${operand(e.args[1])}`;
  switch (e.op) {
    case "const":
      return constText(e.type, e.value);
    case "param":
    case "local":
      return e.name;
    case "value":
    case "component":
      return e.args.length ? `${e.name}(${e.args.map(exprText).join(", ")})` : e.name;
    case "person":
      return e.column === "id" ? "person" : `person.${e.column}`;
    case "period_start":
    case "period_end":
      return e.op;
    case "column":
      return `${e.table}.${e.column}`;
    case "aggregate": {
      const from = e.source.kind === "credit" ? e.source.rule : e.source.table;
      const inner = e.value ? exprText(e.value) : from;
      return `${e.fn}(${inner}${e.where ? ` where ${exprText(e.where)}` : ""})`;
    }
    case "team":
      return e.target
        ? `${e.fn}(${e.scope}.${e.target.name}${e.target.args.length ? `(${e.target.args.map(exprText).join(", ")})` : ""})`
        : `${e.fn}(${e.scope})`;
    case "accumulate":
      return `${e.fn}(${exprText(e.value)})`;
    case "add":
    case "sub":
    case "mul":
    case "div":
      return e.args.map(operand).join(` ${ARITH[e.op]} `);
    case "neg":
      return `-${operand(e.args[0]!)}`;
    case "and":
    case "or":
      return e.args.map(operand).join(` ${e.op} `);
    case "not":
      return `not ${operand(e.args[0])}`;
    case "if":
      return `if ${exprText(e.args[0])} then ${exprText(e.args[1])} else ${exprText(e.args[2])}`;
    case "otherwise":
      return `${operand(e.args[0])} otherwise ${operand(e.args[1])}`;
    case "in_range":
      return `${operand(e.value)} in ${operand(e.from)} ..${e.to ? " " + operand(e.to) : ""}`;
    case "in_member":
      return `${operand(e.value)} in ${operand(e.member)}`;
    case "ancestor":
      return `${operand(e.value)}.${e.dimension}`;
    case "tier": {
      const q = (e.quota ? `, quota: ${exprText(e.quota)}` : "") + (e.negative ? ", allow negative" : "");
      return e.apply === "rate" ? `${e.table}.rate(${exprText(e.value)}${q})` : `${e.table}(${exprText(e.value)}${q})`;
    }
    case "matrix":
      return `${e.matrix}(${exprText(e.row)}, ${exprText(e.column)})`;
    case "curve":
      return `${e.curve}(${exprText(e.value)})`;
    case "lookup":
      return `${e.table}[${e.keys.map(exprText).join(", ")}]`;
    case "builtin": {
      const args = e.args.map(exprText);
      if (e.rounding) args.push(String(e.rounding.scale), e.rounding.mode);
      return `${e.fn}(${args.join(", ")})`;
    }
    case "prorate":
      return e.by
        ? `prorate(${exprText(e.value)}, ${e.by.table}.${e.by.from} .. ${e.by.table}.${e.by.to})`
        : `prorate(${exprText(e.value)})`;
    case "convert":
      return `convert(${exprText(e.value)}, ${e.currency})`;
  }
}

const ARITH = { add: "+", sub: "-", mul: "*", div: "/" } as const;
const COMPARE = { eq: "=", ne: "!=", lt: "<", le: "<=", gt: ">", ge: ">=" } as const;

const ATOMIC = new Set<Expr["op"]>([
  "const", "param", "local", "value", "component", "person", "period_start", "period_end", "column",
  "aggregate", "team", "accumulate", "tier", "matrix", "curve", "lookup", "builtin", "prorate", "convert", "ancestor",
]);

function operand(e: Expr): string {
  const text = exprText(e);
  return ATOMIC.has(e.op) && !(e.op === "const" && text.startsWith("-")) ? text : `(${text})`;
}

/** A constant as a plan author would write it: `5%` for ratios, `100 EUR` for money. */
export function constText(type: string, value: string): string {
  if (type === "ratio") return percentText(value);
  const money = /^money\[([A-Z]{3}|\*)\]$/.exec(type);
  if (money) return `${value} ${money[1]}`;
  if (type === "text" || type === "person") return JSON.stringify(value);
  if (type.startsWith("member[")) return /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? value : JSON.stringify(value);
  return value;
}

/** `0.05` → `5%` exactly (shifting the decimal point in the text, never through a float). */
export function percentText(value: string): string {
  const neg = value.startsWith("-");
  const digits = neg ? value.slice(1) : value;
  const [int = "0", frac = ""] = digits.split(".");
  const padded = frac.padEnd(2, "0");
  const whole = (int + padded.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = padded.slice(2).replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${rest ? "." + rest : ""}%`;
}
