/**
 * Short parser messages: "expected an expression after '='", never a list of every token the
 * grammar could accept. Chevrotain gives the expectation; ../parse.ts adds where (`after '='`),
 * from the token stream itself, which stays right even after Chevrotain's in-rule recovery.
 */
import type { IParserErrorMessageProvider, IRecognitionException, TokenType } from "chevrotain";

function describe(tokenType: TokenType): string {
  if (tokenType.name === "AnyName" || tokenType.name === "ExprName" || tokenType.name === "Identifier") {
    return "a name";
  }
  return tokenType.LABEL ?? tokenType.name;
}

export const messageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected }) {
    return `expected ${describe(expected)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected '${firstRedundant.image}'`;
  },
  buildNoViableAltMessage({ customUserDescription, actual }) {
    if (customUserDescription !== undefined && customUserDescription !== "") return `expected ${customUserDescription}`;
    const found = actual[0];
    return found === undefined || found.image === "" ? "unexpected end of declaration" : `unexpected '${found.image}'`;
  },
  buildEarlyExitMessage({ customUserDescription }) {
    return `expected ${customUserDescription ?? "more"}`;
  },
};

/** What a block holds, for "unexpected 'x' in a component: expected ... or '}'". */
const BLOCK_ITEMS: Readonly<Record<string, string>> = {
  planDecl: "a plan field (version, currency, effective, period or rounding)",
  dimensionDecl: "a member",
  inputDecl: "a column",
  creditDecl: "a credit clause (from, dated, join, to, split, rollup or depth)",
  tiersDecl: "a band (from .. to : value)",
  matrixDecl: "a row (from .. to : value, value, ...)",
  curveDecl: "a curve point (x : y)",
  tableDecl: "a table row (keys : value)",
  componentDecl: "a component clause (payout, eligible, gate, let, floor, cap, window or allow negative)",
  payoutDecl: "a payout rule (cap, guarantee or settle)",
  checkDecl: "a check clause (from, per, assert, message or severity)",
  testDecl: "a test statement (period, given or expect)",
};

/**
 * A block's closing `}` expected where something else stands means the thing is not a valid item
 * of the block: say what the block may contain instead of only "expected '}'".
 */
export function blockItemMessage(error: IRecognitionException, found: string): string | undefined {
  if (error.name !== "MismatchedTokenException" || error.message !== "expected '}'") return undefined;
  const rule = error.context.ruleStack[error.context.ruleStack.length - 1];
  const items = rule === undefined ? undefined : BLOCK_ITEMS[rule];
  return items === undefined ? undefined : `unexpected '${found}': expected ${items} or '}'`;
}

/**
 * "expected a name" says little where the name has a role: say which (`expected a tier kind`).
 * `previous` is the token just before the missing name.
 */
export function nameRoleMessage(error: IRecognitionException, previous: string | undefined): string | undefined {
  if (error.name !== "MismatchedTokenException" || error.message !== "expected a name") return undefined;
  const rule = error.context.ruleStack[error.context.ruleStack.length - 1];
  if (rule === "typeRef") return "expected a column type";
  if (rule === "checkClause" && previous === "severity") return "expected 'warning' or 'error'";
  if (rule === "checkClause" && previous === "from") return "expected an input table";
  if (rule === "planField" && previous === "currency") return "expected a currency code";
  if (rule === "planField" && previous === "period") return "expected a period grain (month, quarter, half or year)";
  if (rule === "planField" && previous !== undefined && /^\d/.test(previous)) {
    return "expected a rounding mode (half_even, half_up, half_down, up or down)";
  }
  if (rule === "tiersDecl" && previous !== "tiers" && previous !== "boundary") {
    return "expected a tier kind (marginal, retroactive, amount or interpolated)";
  }
  if ((rule === "tiersDecl" || rule === "matrixDecl") && previous === "boundary") return "expected 'lower', 'upper' or 'both'";
  return undefined;
}
