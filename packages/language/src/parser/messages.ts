/**
 * Short parser messages: "expected an expression after '='", never a list of every token the
 * grammar could accept.
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";

function describe(tokenType: TokenType): string {
  if (tokenType.name === "AnyName" || tokenType.name === "ExprName" || tokenType.name === "Identifier") {
    return "a name";
  }
  return tokenType.LABEL ?? tokenType.name;
}

function after(previous: IToken | undefined): string {
  if (previous === undefined || previous.image === undefined || previous.image === "" || Number.isNaN(previous.startOffset)) {
    return "";
  }
  const image = previous.image.length > 24 ? previous.image.slice(0, 24) + "…" : previous.image;
  return ` after '${image}'`;
}

export const messageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, previous }) {
    return `expected ${describe(expected)}${after(previous)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected '${firstRedundant.image}'`;
  },
  buildNoViableAltMessage({ previous, customUserDescription, actual }) {
    if (customUserDescription !== undefined && customUserDescription !== "") {
      return `expected ${customUserDescription}${after(previous)}`;
    }
    const found = actual[0];
    return found === undefined || found.image === "" ? "unexpected end of declaration" : `unexpected '${found.image}'`;
  },
  buildEarlyExitMessage({ previous, customUserDescription }) {
    return `expected ${customUserDescription ?? "more"}${after(previous)}`;
  },
};
